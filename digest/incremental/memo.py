"""What one build leaves for the next in the same process, so that an edit in `mkdocs serve`
costs what it changes: seeds not re-read, extractions not re-loaded, corpus-wide names and
Articles not rebuilt, pages not re-rendered or re-compared.

Every stage keeps its results in one kind of table, a `Memo`: entries by key, each valid while
its stamp (what tells that its input may have changed: a file's stat, the names of a corpus)
is the same. `BuildMemo` holds one table per stage; a fresh one remembers nothing, which is
what `mkdocs build` and `digest build` use. Nothing here is written to disk: the caches that
outlive a process are `extractions.py` and `rendercache.py`."""
from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from digest.model import Article, Extraction, Problem, Seed

if TYPE_CHECKING:
    from digest.corpus.names import Canon

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


@dataclass
class Memo(Generic[K, V]):
    """One stage's results from earlier builds: `value` by `key`, valid while its stamp is
    unchanged. `prune` keeps only the entries the last build used (for stages whose keys
    change with every edit, so that a long `mkdocs serve` does not grow without end)."""

    entries: dict[K, tuple[Hashable, V]] = field(default_factory=dict)
    used: set[K] = field(default_factory=set)

    def get(self, key: K, stamp: Hashable = None) -> V | None:
        hit = self.entries.get(key)
        if hit is None or hit[0] != stamp:
            return None
        self.used.add(key)
        return hit[1]

    def put(self, key: K, value: V, stamp: Hashable = None) -> V:
        self.entries[key] = (stamp, value)
        self.used.add(key)
        return value

    def prune(self) -> None:
        """Forget every entry that neither `get` found nor `put` stored since the last prune."""
        self.entries = {k: v for k, v in self.entries.items() if k in self.used}
        self.used = set()

    def __len__(self) -> int:
        return len(self.entries)

    def keys(self) -> Iterable[K]:
        return self.entries.keys()


@dataclass(frozen=True)
class ReadSeed:
    """A seed file as read (None when unreadable), with what reading it reported."""

    seed: Seed | None
    problems: list[Problem]


@dataclass(frozen=True)
class Names:
    """The corpus-wide canonical names and their fingerprint (part of each Article's key)."""

    canon: Canon
    key: str


@dataclass(frozen=True)
class Curated:
    """One seed's Article as curation made it, its slug before clashes were settled, and the
    problems curation reported."""

    article: Article
    slug: str
    problems: list[Problem]


@dataclass(frozen=True)
class Ledger:
    """The published-URL ledger as read, with what reading it reported."""

    slugs: dict[str, list[str]]
    problems: list[Problem]


NAMES = "names"   # the one key of `BuildMemo.names`
LEDGER = "ledger"  # the one key of `BuildMemo.ledger`


@dataclass
class BuildMemo:
    """One table per stage, in the build's order. Keys and stamps:

    - seeds: a seed's path; stamp: its and its sidecar's stat (`file_stamp`);
    - extractions: the extraction cache key (seed bytes, sidecar, curator files, model);
    - names: one entry; stamp: every extraction's names and the curator files' fingerprint
      (name_stamps: each extraction's part of it, by extraction object, so it is not redone);
    - articles: (extraction key, names key); pruned to the last build's;
    - ledger: one entry; stamp: the ledger file's stat;
    - pages, signatures: the page renderer's (`site.pages.PageMemo`) tables, which it prunes
      itself: rendered pages by their inputs' digest, and each Article's digests;
    - written: every page the last build wrote (path under docs/ -> text), so that pages
      equal to it are not read back from disk and only its pages can be left over;
    - cache_checked: the cache folder `check_cache` passed in this process.
    """

    seeds: Memo[Path, ReadSeed] = field(default_factory=Memo)
    extractions: Memo[str, Extraction] = field(default_factory=Memo)
    names: Memo[str, Names] = field(default_factory=Memo)
    name_stamps: dict[int, tuple] = field(default_factory=dict)  # corpus_names', by extraction
    articles: Memo[tuple[str, str], Curated] = field(default_factory=Memo)
    ledger: Memo[str, Ledger] = field(default_factory=Memo)
    pages: dict[str, Any] = field(default_factory=dict)
    signatures: dict[int, tuple] = field(default_factory=dict)
    written: dict[str, str] = field(default_factory=dict)
    cache_checked: Path | None = None  # the cache folder this process found digest's own
