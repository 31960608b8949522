"""Write generated pages into the one folder digest owns: atomically, only when a page's
content changed (so `mkdocs serve` does not loop and git diffs stay real), and remove the
pages whose seed is gone. Nothing outside that folder is ever written or deleted."""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

MARKER = ".digest-generated"
MARKER_TEXT = "This folder is written by digest on every build. Do not edit: edit seeds/.\n"


class NotOurFolder(RuntimeError):
    pass


@dataclass
class SyncReport:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename: readers never see half a page."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_if_changed(path: Path, text: str) -> bool:
    data = text.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    write_atomic(path, data)
    return True


def sync(root: Path, pages: dict[str, str], docs: Path,
         previous: dict[str, str] | None = None) -> SyncReport:
    """Make `root` (a folder under `docs`) hold exactly `pages` (paths relative to docs).
    `previous` is what the last sync in this process wrote: pages equal to it are not read
    back from disk, and only its pages can be left over (`mkdocs serve` does not watch this
    folder: it is ours)."""
    report = SyncReport()
    marker = root / MARKER
    if root.exists() and any(root.iterdir()) and not marker.exists():
        raise NotOurFolder(f"{root} exists and was not written by digest: refusing to write "
                           "into it. Move it away or set the digest plugin's `output:` "
                           "option in mkdocs.yml.")
    root.mkdir(parents=True, exist_ok=True)
    write_if_changed(marker, MARKER_TEXT)
    wanted = set()
    for rel, text in sorted(pages.items()):
        path = docs / rel
        wanted.add(path)
        if previous is not None and previous.get(rel) is text:
            report.unchanged += 1
        elif write_if_changed(path, text):
            report.written.append(rel)
        else:
            report.unchanged += 1
    if previous is not None:
        # What the last sync wrote and this one does not: no need to walk the folder.
        for rel in sorted(set(previous) - set(pages)):
            path = docs / rel
            if path.is_file():
                path.unlink()
                report.removed.append(rel)
                parent = path.parent
                while parent != root and parent.is_dir() and not any(parent.iterdir()):
                    parent.rmdir()
                    parent = parent.parent
        return report
    folders = []
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        folders.append(here)
        for name in files:
            path = here / name
            if path != marker and path not in wanted:
                path.unlink()
                report.removed.append(path.relative_to(docs).as_posix())
    for folder in sorted(folders[1:], reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    return report
