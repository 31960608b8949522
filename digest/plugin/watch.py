"""A quicker file watcher for `mkdocs serve` on a large digest.

MkDocs watches with watchdog's PollingObserver: every half second it stats every file under
docs/ and seeds/ (20,000 files at 5,000 articles), in the same process as the build, so it
both notices an edit late and slows the build down. It also watches docs/news/, which the
build itself writes, so every edit was followed by a second, useless build.

`use_native_watcher` moves the watches MkDocs has set up onto the operating system's own
notifications (inotify on Linux) and ignores changes under the folder digest generates.
MkDocs has no public way to choose its observer, so this is the one place digest reaches into
it: it replaces `server.observer` (an attribute of MkDocs' LiveReloadServer, not documented as
an API) and moves MkDocs' own watches with the public `server.unwatch`/`server.watch`. It runs
first among the on_serve handlers, so every later watch (other plugins', `watch:` in
mkdocs.yml) lands on the new observer. When the attribute is not what it was, it leaves
MkDocs' watcher as it is; tests/test_watch.py fails when that happens.
"""
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


def use_native_watcher(server, ignored: Path, watched: list[str]) -> bool:
    """Swap MkDocs' polling observer for the native one; `watched` are the paths MkDocs
    itself watches before on_serve (docs_dir, mkdocs.yml, the theme's folders with
    --watch-theme), moved to the new observer. Call from on_serve, before the server starts
    and before any other plugin's on_serve; True when swapped."""
    try:
        from watchdog.observers import Observer
        from watchdog.observers.polling import PollingObserver
    except ImportError:
        return False
    old = getattr(server, "observer", None)
    if not isinstance(old, PollingObserver) or old.is_alive():
        return False
    ignored = Path(ignored).resolve()

    class FilteredObserver(Observer):  # the platform's native observer
        def schedule(self, handler, path, *, recursive=False, event_filter=None):
            only = path if os.path.isfile(path) else None
            return super().schedule(IgnoreGenerated(handler, ignored, only), path,
                                    recursive=recursive, event_filter=event_filter or CHANGES)

    new = FilteredObserver()
    moved: list[str] = []
    for path in dict.fromkeys(os.path.abspath(p) for p in watched):
        try:
            while True:  # as many times as it was watched
                server.unwatch(path)
                moved.append(path)
        except KeyError:  # not (or no longer) watched
            pass
    server.observer = new
    try:
        for path in moved:
            server.watch(path)
    except OSError as error:  # no inotify here (or out of watches): keep polling
        log.info(f"digest: keeping MkDocs' polling watcher ({error})")
        server.observer = old
        for path in moved:
            try:
                server.unwatch(path)
            except KeyError:
                pass
        for path in moved:
            server.watch(path)
        return False
    return True
