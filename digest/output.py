"""Write generated pages into the one folder digest owns: atomically, only when a page's
content changed (so `mkdocs serve` does not loop and git diffs stay real), and remove the
pages whose seed is gone. Nothing outside that folder is ever written or deleted.

Every path is checked in one place, `inside()`: resolved (so `..` and links planted in the
folder count), then `is_relative_to` the folder. Whatever a ledger entry, slug, setting or
file name says, a write that would land elsewhere stops the build instead.

The folder's marker, `.digest-generated`, lists the files digest wrote there. A file the list
does not name is somebody's own: it is reported and left alone, never deleted as "removed"."""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from digest.model import Problem

MARKER = ".digest-generated"
MARKER_TEXT = "This folder is written by digest on every build. Do not edit: edit seeds/.\n"
_LIST_HEADER = "# Files digest wrote here, one a line (its own, to remove when their seed goes):\n"


class BuildStopped(RuntimeError):
    """The build cannot go on without risking a curator's files: the problems say why and
    how to fix it. The CLI and the plugin print them and stop, without a traceback."""

    def __init__(self, problems: list[Problem] | str, path: str = "") -> None:
        if isinstance(problems, str):
            problems = [Problem(path, problems, severity="error")]
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class NotOurFolder(BuildStopped):
    pass


class OutsideFolder(BuildStopped):
    pass


@dataclass
class SyncReport:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    foreign: list[Path] = field(default_factory=list)  # files found here digest did not write

    def problems(self) -> list[Problem]:
        return [Problem(str(path), "not written by digest: left alone (move it out of the "
                        "generated folder, which is digest's own)") for path in self.foreign]


def inside(path: Path, folder: Path, may_be_folder: bool = False) -> Path:
    """`path` resolved, when it lies inside `folder` (resolved too); otherwise the build stops.
    The one check every write and delete of generated files goes through."""
    real = Path(os.path.abspath(path)).resolve()
    base = Path(folder).resolve()
    if not real.is_relative_to(base) or (real == base and not may_be_folder):
        raise OutsideFolder(f"refusing to write {path}: it is outside {folder}, the one folder "
                            "digest writes", str(path))
    return real


class Targets:
    """Where each page of one sync goes, checked by `inside`. The folders are resolved once
    each (a build writes thousands of pages into a dozen folders); a file name itself cannot
    lead out, since `write_atomic` renames over it (a planted link is replaced, not followed)."""

    def __init__(self, docs: Path, root: Path) -> None:
        self.docs, self.root = docs, root
        self.folders: dict[str, Path] = {}
        self.names: dict[str, str] = {}  # folder -> its path under root, POSIX ("" for root)

    def under_root(self, rel: str) -> str:
        """The page's path under `root`, POSIX: what the marker lists. Checked (and the
        folder resolved) by `__call__` first."""
        folder, _, name = rel.rpartition("/")
        prefix = self.names.get(folder)
        if prefix is None:
            real = self(rel).parent
            base = Path(self.root).resolve()
            prefix = self.names[folder] = "" if real == base else \
                real.relative_to(base).as_posix() + "/"
        return prefix + name

    def __call__(self, rel: str) -> Path:
        folder, _, name = rel.rpartition("/")
        if name in ("", ".", "..") or "\0" in rel:
            raise OutsideFolder(f"refusing to write {rel!r}: not a file name", rel)
        real = self.folders.get(folder)
        if real is None:
            real = self.folders[folder] = inside(self.docs / folder, self.root,
                                                 may_be_folder=True)
        return real / name


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
        if path.is_file() and not path.is_symlink() and path.read_bytes() == data:
            return False
    except OSError:
        pass
    write_atomic(path, data)
    return True


def _is_temporary(name: str) -> bool:
    """A temporary file of write_atomic's, left by a build that was killed."""
    return name.startswith(".") and name.endswith(".tmp")


def read_marker(root: Path) -> set[str] | None:
    """The files the marker says digest wrote (paths under root), or None for a marker from
    before it kept the list (then every file already here counts as digest's)."""
    try:
        text = (root / MARKER).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return set()
    if _LIST_HEADER not in text:
        return None
    return {line for line in text.split(_LIST_HEADER, 1)[1].splitlines() if line}


def write_marker(root: Path, names: set[str]) -> None:
    write_if_changed(root / MARKER, MARKER_TEXT + _LIST_HEADER
                     + "".join(f"{name}\n" for name in sorted(names)))


def sync(root: Path, pages: dict[str, str], docs: Path,
         previous: dict[str, str] | None = None) -> SyncReport:
    """Make `root` (a folder under `docs`) hold exactly `pages` (paths relative to docs).
    `previous` is what the last sync in this process wrote: pages equal to it are not read
    back from disk, and only its pages can be left over (`mkdocs serve` does not watch this
    folder: it is ours)."""
    report = SyncReport()
    marker = root / MARKER
    if os.path.lexists(root) and not root.is_dir():
        raise NotOurFolder(f"{root} is not a folder: refusing to write there. Move it away "
                           "or set the digest plugin's `output:` option in mkdocs.yml.",
                           str(root))
    if root.exists() and any(root.iterdir()) and not marker.is_file():
        raise NotOurFolder(f"{root} exists and was not written by digest: refusing to write "
                           "into it. Move it away or set the digest plugin's `output:` "
                           "option in mkdocs.yml.", str(root))
    base = root.resolve()
    # Every target is checked before anything is written: one bad path writes nothing.
    target = Targets(docs, root)
    targets = {rel: target(rel) for rel in pages}
    root.mkdir(parents=True, exist_ok=True)
    ours = read_marker(root)
    if ours is None:  # the old marker: what is here now was written by digest
        ours = {p.relative_to(base).as_posix() for p in base.rglob("*")
                if p.is_file() and p.name != MARKER}
    wanted = {target.under_root(rel) for rel in targets}
    # Listed before they are written: a build killed halfway leaves nothing unaccounted for.
    write_marker(root, ours | wanted)
    for rel, text in sorted(pages.items()):
        path = targets[rel]
        if previous is not None and previous.get(rel) is text:
            report.unchanged += 1
        elif write_if_changed(path, text):
            report.written.append(rel)
        else:
            report.unchanged += 1
    if previous is not None:
        # What the last sync wrote and this one does not: no need to walk the folder.
        for rel in sorted(set(previous) - set(pages)):
            try:
                path = target(rel)
            except OutsideFolder:
                continue
            if path.is_file() and not path.is_symlink():
                path.unlink()
                report.removed.append(rel)
                parent = path.parent
                while parent != base and parent.is_dir() and not any(parent.iterdir()):
                    parent.rmdir()
                    parent = parent.parent
        write_marker(root, (ours | wanted) - {
            (docs / rel).resolve().relative_to(base).as_posix() for rel in report.removed})
        return report
    folders = []
    for folder, dirs, files in os.walk(base):
        here = Path(folder)
        folders.append(here)
        for name in sorted(files):
            path = here / name
            rel = path.relative_to(base).as_posix()
            if path == base / MARKER or rel in wanted:
                continue
            if _is_temporary(name) or (rel in ours and not path.is_symlink()):
                path.unlink()
                if not _is_temporary(name):
                    report.removed.append(path.relative_to(docs.resolve()).as_posix())
            else:
                report.foreign.append(root / rel)
    for folder in sorted(folders[1:], reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    write_marker(root, wanted)
    return report
