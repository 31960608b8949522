"""A quicker file watcher for `mkdocs serve` on a large digest.

MkDocs watches with watchdog's PollingObserver: every half second it stats every file under
docs/ and seeds/ (20,000 files at 5,000 articles), in the same process as the build, so it
both notices an edit late and slows the build down. It also watches docs/news/, which the
build itself writes, so every edit was followed by a second, useless build.

`use_native_watcher` moves the watches MkDocs has set up onto the operating system's own
notifications (inotify on Linux) and ignores changes under the folder digest generates. It
relies on two private attributes (MkDocs' `observer`, watchdog's `_watches`/`_handlers`);
when they are not there, it leaves MkDocs' watcher as it is."""
from __future__ import annotations

import logging
import os
from pathlib import Path

from watchdog.events import (DirCreatedEvent, DirDeletedEvent, DirMovedEvent, FileClosedEvent,
                             FileCreatedEvent, FileDeletedEvent, FileModifiedEvent,
                             FileMovedEvent, FileSystemEvent, FileSystemEventHandler)

log = logging.getLogger("mkdocs.plugins.digest")


# Changes only: watchdog also reports files being opened and read, and the build reads
# thousands (which would start another build, and overflow the kernel's event queue).
CHANGES = [FileCreatedEvent, FileModifiedEvent, FileDeletedEvent, FileMovedEvent,
           FileClosedEvent, DirCreatedEvent, DirDeletedEvent, DirMovedEvent]


class IgnoreGenerated(FileSystemEventHandler):
    """Pass events on to MkDocs' handler, except those under the generated folder; for a
    watched file (mkdocs.yml), only that file's own events (the OS watches its folder)."""

    def __init__(self, handler: FileSystemEventHandler, ignored: Path,
                 only: str | None = None) -> None:
        super().__init__()
        self.handler = handler
        self.ignored = str(ignored) + os.sep
        self.only = only

    def dispatch(self, event: FileSystemEvent) -> None:
        paths = [os.fsdecode(p) for p in (event.src_path, getattr(event, "dest_path", ""))
                 if p]
        if self.only is not None:
            if self.only not in paths:
                return
        elif all(p.startswith(self.ignored) for p in paths):
            return
        self.handler.dispatch(event)


def use_native_watcher(server, ignored: Path) -> bool:
    """Swap MkDocs' polling observer for the native one, keeping its watches; watches added
    later (by MkDocs or other plugins) get the same filter. Call from on_serve, before the
    server starts; True when swapped."""
    try:
        from watchdog.observers import Observer
        from watchdog.observers.polling import PollingObserver

        old = server.observer
        if not isinstance(old, PollingObserver) or old.is_alive():
            return False
        watches = sorted(old._watches, key=lambda w: w.path)
        handlers = {watch: list(old._handlers.get(watch, ())) for watch in watches}
        refs = server._watch_refs
    except (ImportError, AttributeError):
        return False
    ignored = Path(ignored).resolve()

    class FilteredObserver(Observer):  # the platform's native observer
        def schedule(self, handler, path, *, recursive=False, event_filter=None):
            only = path if os.path.isfile(path) else None
            return super().schedule(IgnoreGenerated(handler, ignored, only), path,
                                    recursive=recursive, event_filter=event_filter or CHANGES)

    new = FilteredObserver()
    new_refs = dict(refs)
    try:
        for watch in watches:
            for handler in handlers[watch]:
                ref = new.schedule(handler, watch.path, recursive=watch.is_recursive)
                for path, old_ref in refs.items():
                    if old_ref == watch:
                        new_refs[path] = ref
    except OSError as error:  # no inotify here (or out of watches): keep polling
        log.info(f"digest: keeping MkDocs' polling watcher ({error})")
        return False
    server.observer = new
    server._watch_refs = new_refs
    return True
