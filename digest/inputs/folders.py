"""The folders digest reads and writes must keep apart: `seeds`, `curation`, `cache` and the
output folder, and the output folder inside `docs_dir`.

Each overlap breaks something quietly: `seeds: docs` reads the generated pages back as seeds
(39, then 63, then 88 articles over three builds); `cache:` at a curator's folder lets the
search cache replace its `search/` subfolder; `output:` outside `docs_dir` writes where MkDocs
does not look and where nobody expects it. So they are refused, before anything is read."""
from __future__ import annotations

import os
from pathlib import Path

from digest.model import Problem
from digest.output import BuildStopped


class FoldersOverlap(BuildStopped):
    pass


def _real(path: Path) -> Path:
    return Path(os.path.abspath(path)).resolve()


def _overlap(a: Path, b: Path) -> bool:
    return a == b or a.is_relative_to(b) or b.is_relative_to(a)


def folder_problems(settings) -> list[Problem]:
    """What is wrong with where the settings put things: a pure function of their paths."""
    where = str(Path(settings.root) / "digest.yml")
    docs = _real(settings.docs)
    out = _real(Path(settings.docs) / str(settings.output))
    named = {"seeds": _real(settings.seeds), "output": out}
    if settings.curation is not None:
        named["curation"] = _real(settings.curation)
    if settings.cache is not None:
        named["cache"] = _real(settings.cache)
    problems = []

    def refuse(message: str) -> None:
        problems.append(Problem(where, message, severity="error"))

    if out == docs or not out.is_relative_to(docs):
        refuse(f"`output` must be a folder inside docs_dir ({docs}): `output: "
               f"{settings.output}` is {out}. digest writes only there, and MkDocs reads only "
               "docs_dir.")
    root = _real(settings.root)
    for name, path in named.items():
        if name != "output" and root.is_relative_to(path):
            refuse(f"`{name}` is {path}, which holds the whole project: give it a folder "
                   "of its own")
    if _overlap(named["seeds"], docs):
        refuse(f"`seeds` ({named['seeds']}) overlaps docs_dir ({docs}): digest would read "
               "the pages it generates back as seeds. Keep seeds in a folder of their own "
               "(the default is `seeds`).")
    names = list(named)
    for i, first in enumerate(names):
        for second in names[i + 1:]:
            if _overlap(named[first], named[second]):
                refuse(f"`{first}` ({named[first]}) and `{second}` ({named[second]}) overlap: "
                       "each must be a folder of its own")
    if "cache" in named and _overlap(named["cache"], docs):
        refuse(f"`cache` ({named['cache']}) overlaps docs_dir ({docs}): the cache is "
               "digest's alone, keep it out of the pages (the default is `.digest-cache`)")
    return list(dict.fromkeys(problems))


def require_separate_folders(settings):
    """The settings, when their folders keep apart; otherwise the build stops, saying why."""
    problems = folder_problems(settings)
    if problems:
        raise FoldersOverlap(problems)
    return settings
