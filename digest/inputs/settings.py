"""Where things are and how the digest is laid out: `digest.yml` beside `mkdocs.yml`.

Every key has a default, so a project without `digest.yml` still builds."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from digest.inputs.files import curator_file_problem
from digest.inputs.folders import require_separate_folders
from digest.model import Problem

CONFIG_FILE = "digest.yml"


@dataclass
class Settings:
    root: Path  # the project folder (where mkdocs.yml is)
    seeds: Path
    docs: Path
    output: str = "news"  # the one folder under docs/ that digest writes, and git ignores
    curation: Path | None = None  # folder of curator files: aliases, topics, editions
    cache: Path | None = None
    site_url: str = ""
    site_name: str = "News digest"
    editions: list[str] = field(default_factory=lambda: ["daily", "weekly"])
    home_latest: int = 10
    page_size: int = 50  # rows per page on long listings
    include_drafts: bool = False
    workers: int = 0  # extraction processes; 0 means one per core
    executor: str = "process"  # "process" or "dask"
    dask_address: str | None = None

    @property
    def out_dir(self) -> Path:
        return self.docs / self.output

    def curator_file(self, name: str) -> Path | None:
        """A curator file such as aliases.yml, when the curator has written one."""
        if self.curation is None:
            return None
        path = self.curation / name
        return path if path.is_file() and curator_file_problem(path, self.root) is None else None

    def watched(self) -> list[Path]:
        """What `mkdocs serve` watches besides docs/: every curator input."""
        paths = [self.seeds]
        if self.curation is not None and self.curation.exists():
            paths.append(self.curation)
        config = self.root / CONFIG_FILE
        if config.exists():
            paths.append(config)
        return paths


def load_settings(root: Path, docs_dir: Path | None = None, site_url: str = "",
                  problems: list[Problem] | None = None) -> Settings:
    """Settings from `root/digest.yml`, falling back to defaults key by key."""
    root = root.resolve()
    data: dict[str, Any] = {}
    path = root / CONFIG_FILE
    if path.is_file():
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            if problems is not None:
                problems.append(Problem(str(path), f"malformed YAML, defaults used: {err}",
                                        line=mark.line + 1 if mark else None, severity="error"))
        if not isinstance(data, dict):
            data = {}
    editions = data.get("editions", {})
    automatic = editions.get("automatic", ["daily", "weekly"]) if isinstance(editions, dict) \
        else ["daily", "weekly"]
    return require_separate_folders(Settings(  # digest/inputs/folders.py
        root=root,
        seeds=root / data.get("seeds", "seeds"),
        docs=docs_dir or root / data.get("docs", "docs"),
        output=data.get("output", "news"),
        curation=root / data.get("curation", "curation"),
        cache=root / data.get("cache", ".digest-cache"),
        site_url=data.get("site_url", site_url) or site_url,
        editions=[e for e in automatic if e in ("daily", "weekly")],
        home_latest=int(data.get("home_latest", 10)),
        page_size=int(data.get("page_size", 50)),
        workers=int(data.get("workers", 0)),
        executor=str(data.get("executor", "process")),
        dask_address=data.get("dask_address"),
    ))


def mkdocs_site_url(root: Path) -> str:
    """site_url from mkdocs.yml, read without MkDocs (custom YAML tags are skipped)."""
    path = root / "mkdocs.yml"
    if not path.is_file():
        return ""

    class Loose(yaml.SafeLoader):
        pass

    Loose.add_multi_constructor("", lambda loader, suffix, node: None)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loose) or {}
    except yaml.YAMLError:
        return ""
    return str(data.get("site_url") or "")
