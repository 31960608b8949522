"""What the pipeline is told: where things are and how the digest is laid out.

The settings are the digest plugin's options in `mkdocs.yml`, declared, validated and
defaulted in `digest/plugin/config.py`, which turns them into this plain dataclass: the pipeline
(`digest/build.py` and below) never imports MkDocs. `digest.yml`, where they once lived, is no
longer read; `legacy_config` tells a project that still has one what to write instead."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from digest.inputs.files import curator_file_problem
from digest.model import Problem

LEGACY_FILE = "digest.yml"
DEFAULT_AUTHORITY = "news-digest.invalid,2026"  # see digest.site.feeds
# `topics: {min_score, min_relative}` (digest/extract/topics.py, min_score_filter): an
# extracted IPTC topic other than the article's top one is kept only with at least MIN_SCORE
# (its share of the evidence) and at least MIN_RELATIVE times the top topic's score. Chosen
# on conll-train articles read by eye: below 0.1 a second topic was nearly always wrong, from
# 0.1 to 0.15 mostly, from 0.2 mostly right.
MIN_SCORE = 0.12
MIN_RELATIVE = 0.3


@dataclass
class Settings:
    root: Path  # the project folder (where mkdocs.yml is)
    seeds: Path
    docs: Path  # MkDocs' docs_dir
    output: str = "news"  # the one folder under docs/ that digest writes, and git ignores
    curation: Path | None = None  # folder of curator files: aliases, topics, editions
    cache: Path | None = None
    site_url: str = ""
    site_name: str = "News digest"
    use_directory_urls: bool = True  # MkDocs' option: pages at `slug/` rather than `slug.html`
    language: str = "en"  # the feeds' language
    feed_authority: str = DEFAULT_AUTHORITY  # the authority of the feeds' tag: ids
    editions: list[str] = field(default_factory=lambda: ["daily", "weekly"])
    home_latest: int = 10  # newest articles on the front page
    page_size: int = 50  # rows per page on long listings
    include_drafts: bool = False
    workers: int = 0  # extraction processes; 0 means one per core
    executor: str = "process"  # "process" or "dask"
    dask_address: str | None = None
    # `topics: {min_score: .., min_relative: ..}`: an extracted IPTC topic other than the
    # article's top one is kept with at least this score, and this fraction of the top's.
    topics_min_score: float = MIN_SCORE
    topics_min_relative: float = MIN_RELATIVE
    # a name with only weak evidence of its kind gets a page from this many articles on
    entity_min_articles: int = 2

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
        """What `mkdocs serve` watches besides docs/ and mkdocs.yml: every curator input."""
        paths = [self.seeds]
        if self.curation is not None and self.curation.exists():
            paths.append(self.curation)
        return paths


def load_settings(root: Path, problems: list[Problem] | None = None) -> Settings:
    """The settings of the project whose `mkdocs.yml` is in `root` (a convenience for scripts
    and tests; the reading is digest.plugin.config's, with MkDocs' own validation)."""
    from digest.plugin.config import project_settings

    return project_settings(Path(root) / "mkdocs.yml", problems)


# digest.yml key -> the plugin option (or, with a leading "/", the mkdocs.yml key) it became.
LEGACY_KEYS = {"seeds": "seeds", "docs": "/docs_dir", "output": "output",
               "curation": "curation", "cache": "cache", "site_url": "/site_url",
               "home_latest": "home_latest", "page_size": "page_size", "workers": "workers",
               "executor": "executor", "dask_address": "dask_address", "topics": "topics",
               "entity_min_articles": "entity_min_articles"}


def legacy_config(root: Path) -> Problem | None:
    """A `digest.yml` left in the project, reported with the mkdocs.yml lines that say the
    same (it is not read any more: its settings would be silently lost)."""
    path = Path(root) / LEGACY_FILE
    if not path.is_file():
        return None
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as err:
        mark = getattr(err, "problem_mark", None)
        return Problem(str(path), f"digest.yml is no longer read (and is not valid YAML: "
                       f"{getattr(err, 'problem', err)}); digest's settings are options of "
                       "the digest plugin in mkdocs.yml now. Delete digest.yml.",
                       line=mark.line + 1 if mark else None, severity="warning")
    if not isinstance(data, dict):
        data = {}
    top: dict[str, Any] = {}
    options: dict[str, Any] = {}
    unknown = []
    for key, value in data.items():
        if key == "editions" and isinstance(value, dict) and "automatic" in value:
            options["editions"] = value["automatic"]
        elif key in LEGACY_KEYS:
            target = LEGACY_KEYS[key]
            (top if target.startswith("/") else options)[target.lstrip("/")] = value
        else:
            unknown.append(str(key))
    snippet = dict(top)
    snippet["plugins"] = [{"digest": options} if options else "digest"]
    lines = yaml.safe_dump(snippet, sort_keys=False, allow_unicode=True).rstrip()
    extra = f" (not carried over, no longer a setting: {', '.join(unknown)})" if unknown else ""
    return Problem(str(path), "digest.yml is no longer read: digest's settings are options of "
                   "the digest plugin in mkdocs.yml. Put these lines in mkdocs.yml (merged with "
                   f"its own `plugins:` list), then delete digest.yml{extra}:\n{lines}",
                   severity="warning")
