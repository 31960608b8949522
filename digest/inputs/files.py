"""Input files from strangers, read safely: regular files only, links followed only to inside
the project, and no read larger than its limit.

A pull request can add anything to `seeds/`: a link to /etc/passwd or /proc/self/environ
(which would publish the runner's secrets as an article), a link to /dev/zero (read until
memory runs out), a FIFO (the build hangs on its first read). So a file is judged before it is
opened, and once more through the open descriptor: the path is resolved, must lie inside one
of the allowed folders (the project, and the configured folders resolved, since those may
themselves be links), and must be a regular file no larger than the limit. Everything else is
reported with the file's name and skipped; the rest of the build goes on."""
from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Iterable, Sequence

from digest.model import Problem

SEED_LIMIT = 32 << 20  # bytes: a 5 MB wire story builds; a 32 MB "article" is not one
SIDECAR_LIMIT = 1 << 20  # curator metadata for one article
CURATOR_LIMIT = 8 << 20  # aliases.yml, topics.yml, editions.yml
SEED_SUFFIXES = (".txt", ".md")
SIDECAR_SUFFIXES = (".yml", ".yaml")
_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | \
    getattr(os, "O_CLOEXEC", 0)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a plain file"


def allowed_roots(paths: Iterable[Path], root: Path | None = None) -> list[Path]:
    """The folders a file may resolve into: the project folder and each configured folder as
    it resolves (a configured folder may be a link to elsewhere)."""
    roots = [Path(root).resolve()] if root is not None else []
    for path in paths:
        path = Path(os.path.abspath(path))
        # A file's own link is judged, not trusted: its folder is the root, not its target's.
        roots.append(path.resolve() if path.is_dir() else path.parent.resolve())
    return roots


def judge(path: Path, roots: Sequence[Path],
          folders: dict[str, str] | None = None, own: os.stat_result | None = None
          ) -> str | None:
    """Why `path` must not be read, or None when it may be. `folders` keeps the real path of
    each folder seen during one scan: a file that is not itself a link is then resolved
    without a system call per path component (the scan of 20,000 seeds and sidecars), and
    judged by string comparison with its one `lstat` (`own`, when the caller has it): a
    plain file, not a link, is what its own lstat says, wherever its folder resolves."""
    try:
        own = own if own is not None else os.lstat(path)
    except OSError as err:
        return f"cannot read: {err.strerror or err}"
    try:
        if folders is not None and stat.S_ISREG(own.st_mode):
            parent, name = os.path.split(os.path.abspath(path))
            real_parent = folders.get(parent)
            if real_parent is None:
                real_parent = folders[parent] = os.path.realpath(parent, strict=True)
            inside = folders.get("\0" + real_parent)
            if inside is None:
                inside = folders["\0" + real_parent] = "1" if any(
                    Path(real_parent) == r or Path(real_parent).is_relative_to(r)
                    for r in roots) else ""
            if inside:
                return None  # a regular file (its own lstat) in an allowed folder
            real = Path(real_parent, name)
        else:
            real = Path(path).resolve(strict=True)
    except (OSError, RuntimeError):
        return "cannot read: the link leads nowhere"
    if not any(real == r or real.is_relative_to(r) for r in roots):
        if stat.S_ISLNK(own.st_mode):
            return f"a link to outside the project folder ({real}): skipped"
        return f"outside the project folder ({real}): skipped"
    try:
        mode = os.stat(real).st_mode
    except OSError as err:
        return f"cannot read: {err.strerror or err}"
    if not stat.S_ISREG(mode):
        return f"not a regular file ({_kind(mode)}): skipped"
    return None


def read_bounded(path: Path, roots: Sequence[Path], limit: int
                 ) -> tuple[bytes | None, list[Problem]]:
    """The file's bytes, or None and the reason. The size is checked on the open descriptor
    before reading, and the read stops at the limit whatever the size said."""
    where = str(path)
    reason = judge(path, roots)
    if reason is not None:
        return None, [Problem(where, reason, severity="error")]
    try:
        fd = os.open(Path(path).resolve(), _OPEN_FLAGS)
    except OSError as err:
        return None, [Problem(where, f"cannot read: {err.strerror or err}", severity="error")]
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):  # swapped since it was judged
            return None, [Problem(where, f"not a regular file ({_kind(info.st_mode)}): "
                                  "skipped", severity="error")]
        if info.st_size > limit:
            return None, [Problem(where, f"too large: {info.st_size:,} bytes, the limit is "
                                  f"{limit:,}: skipped", severity="error")]
        os.set_blocking(fd, True)
        chunks, size = [], 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                return None, [Problem(where, f"too large: more than {limit:,} bytes: skipped",
                                      severity="error")]
        return b"".join(chunks), []
    except OSError as err:
        return None, [Problem(where, f"cannot read: {err.strerror or err}", severity="error")]
    finally:
        os.close(fd)


def scan(paths: list[Path], roots: Sequence[Path] | None = None,
         stats: dict[str, os.stat_result | None] | None = None
         ) -> tuple[list[Path], list[Path], list[Problem]]:
    """Seed files and sidecar files under the given files and folders, recursively, each in
    a stable order, and what was skipped: hidden files and folders, links that leave the
    allowed folders, FIFOs, devices and sockets (each named in a Problem). One walk.

    `stats`, when given, gets each accepted file's status by path: its lstat for a plain
    file (the same as its stat), None for a link (to be followed by whoever needs it), so
    that the reader tells an unchanged seed without a system call of its own."""
    roots = list(roots) if roots is not None else allowed_roots(paths)
    seeds: set[Path] = set()
    sidecars: set[Path] = set()
    problems: list[Problem] = []
    folders: dict[str, str] = {}

    def consider(file: Path) -> None:
        suffix = os.path.splitext(file.name)[1]
        if suffix not in SEED_SUFFIXES and suffix not in SIDECAR_SUFFIXES:
            return
        try:
            own = os.lstat(file)
        except OSError:
            own = None
        if own is not None and stat.S_ISLNK(own.st_mode) and not os.path.exists(file) \
                and suffix in SEED_SUFFIXES:
            seeds.add(file)  # a dangling link: reported by the reader as unreadable
            return
        reason = judge(file, roots, folders, own)
        if reason is not None:
            problems.append(Problem(str(file), reason, severity="error"))
            return
        if stats is not None:
            stats[os.fspath(file)] = own if own is not None and stat.S_ISREG(own.st_mode) \
                else None
        if suffix in SIDECAR_SUFFIXES:
            sidecars.add(file)
        else:
            seeds.add(file)

    for path in paths:
        path = Path(path)
        if path.is_dir():
            for folder, dirs, files in os.walk(path):
                here = Path(folder)
                for name in sorted(dirs):
                    if name.startswith("."):
                        problems.append(Problem(str(here / name), "hidden folder skipped"))
                    elif os.path.islink(here / name):
                        problems.append(Problem(str(here / name), "a link to a folder: not "
                                                "followed"))
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    file = here / name
                    if name.startswith("."):
                        if os.path.splitext(name)[1] in SEED_SUFFIXES + SIDECAR_SUFFIXES \
                                or os.path.splitext(name[1:])[1] in SEED_SUFFIXES:
                            problems.append(Problem(str(file), "hidden file skipped: a name "
                                                    "starting with a dot is never read"))
                        continue
                    consider(file)
        elif path.suffix in SEED_SUFFIXES:
            consider(path)
    return (sorted(seeds, key=lambda p: p.as_posix()),
            sorted(sidecars, key=lambda p: p.as_posix()), problems)


CURATOR_FILES = ("aliases.yml", "topics.yml", "editions.yml")


def curator_file_problem(path: Path, root: Path) -> str | None:
    """Why a curator file (aliases.yml, ...) must not be read, or None. Judged like a seed:
    a regular file inside the project, no larger than CURATOR_LIMIT (checked before reading;
    the loaders read it after)."""
    reason = judge(path, allowed_roots([Path(path).parent], root))
    if reason is None and os.stat(path).st_size > CURATOR_LIMIT:
        return f"too large: {os.stat(path).st_size:,} bytes, the limit is {CURATOR_LIMIT:,}: " \
               "skipped"
    return reason


def curator_problems(curation: Path | None, root: Path) -> list[Problem]:
    """Each curator file that is there but will not be read, with the reason."""
    if curation is None:
        return []
    found = []
    for name in CURATOR_FILES:
        path = Path(curation) / name
        if os.path.lexists(path):
            reason = curator_file_problem(path, root)
            if reason is not None:
                found.append(Problem(str(path), reason, severity="error"))
    return found
