"""The cache folder is digest's alone. Before a build reads or writes it, every file in it must
be one digest writes there, by name and kind; otherwise the build stops with a message.

Why: the cache is read back as pages and search files, and parts of it are replaced wholesale
(the search index folder). Pointed by `cache:` at a curator's folder, or holding files a pull
request force-added, it would publish what it should not, or delete what it must not. A marker
file would not tell, since it can be forged; what can be told is:
- each file's path matches the layout digest writes (a table below), and it is a plain file
  or folder, never a link (a link would carry writes out of the folder);
- none of it is tracked by git: digest never commits its cache, so a tracked file in it came
  from somebody else.
A cache restored by GitHub's cache action holds only digest's own files, untracked: adopted."""
from __future__ import annotations

import os
import re
import stat
import subprocess
from pathlib import Path

from digest.output import BuildStopped

# Paths under the cache folder that digest writes, as regular expressions on the POSIX path.
# Whoever adds a cache file to digest adds its pattern here (the test suite builds with every
# feature on, so a missing pattern shows at once).
LAYOUT = (
    r"extract/[0-9a-f]{2}/[0-9a-f]{64}\.json",
    r"render/(render|pages|output)\.sqlite(-wal|-shm|-journal)?",
    r"search/[0-9A-Za-z_-]{1,128}(\.partial)?/digest-[0-9A-Za-z_.-]{1,128}\.js",
    r"import-http\.json",  # `digest import`: the feeds' ETag and Last-Modified
)
_TEMPORARY = r"(?:.*/)?\.[^/]+\.[A-Za-z0-9_]+\.tmp"  # write_atomic's, left by a killed build
_PATTERN = re.compile("|".join(f"(?:{p})" for p in (*LAYOUT, _TEMPORARY)))
_FOLDERS = re.compile(r"extract(/[0-9a-f]{2})?|render|search(/[0-9A-Za-z_-]{1,128}"
                      r"(\.partial)?)?")
SHOWN = 5  # foreign files named in the message


class ForeignCache(BuildStopped):
    pass


def tracked_files(folder: Path) -> list[str]:
    """Files under `folder` that git tracks, when it is inside a git work tree."""
    try:
        found = subprocess.run(["git", "-C", str(folder), "ls-files", "-z", "--", "."],
                               capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return []
    if found.returncode != 0:
        return []
    return [name for name in found.stdout.decode("utf-8", "replace").split("\0") if name]


def foreign_files(folder: Path) -> list[str]:
    """What in `folder` digest did not write: paths under it, sorted."""
    foreign = []
    for here, dirs, files in os.walk(folder):
        base = Path(here)
        for name in sorted(dirs + files):
            path = base / name
            rel = path.relative_to(folder).as_posix()
            try:
                mode = os.lstat(path).st_mode
            except OSError:
                continue
            if stat.S_ISDIR(mode):
                if not _FOLDERS.fullmatch(rel):
                    foreign.append(rel + "/")
            elif not stat.S_ISREG(mode) or not _PATTERN.fullmatch(rel):
                foreign.append(rel)
        dirs[:] = sorted(d for d in dirs if _FOLDERS.fullmatch((base / d).relative_to(
            folder).as_posix()) and not os.path.islink(base / d))
    return sorted(foreign)


def check_cache(folder: Path | None) -> None:
    """Raise ForeignCache when `folder` holds anything digest did not write there."""
    if folder is None or not os.path.lexists(folder):
        return
    where = str(folder)
    if not Path(folder).is_dir():
        raise ForeignCache("the cache folder is not a folder: set `cache:` in digest.yml to "
                           "a folder of digest's own", where)
    foreign = foreign_files(Path(folder))
    if foreign:
        names = ", ".join(foreign[:SHOWN]) + (f" and {len(foreign) - SHOWN} more"
                                              if len(foreign) > SHOWN else "")
        raise ForeignCache(f"the `cache` folder holds files digest did not write ({names}): "
                           "refusing to use it. Point `cache:` in digest.yml at a folder of "
                           "its own, or delete this one if it is a stale cache.", where)
    tracked = tracked_files(Path(folder))
    if tracked:
        names = ", ".join(tracked[:SHOWN])
        raise ForeignCache(f"the `cache` folder holds files committed to git ({names}): digest "
                           "never commits its cache, so refusing to use it. `git rm -r "
                           "--cached` them and keep the folder git-ignored.", where)
