"""The records passed along the pipeline: Seed (what a curator wrote), Extraction (what the
machine found), Article (the two merged, curation winning). Plain dataclasses, so that an
Extraction can be cached as JSON and every stage stays a pure function of its inputs."""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Problem:
    """A message about one input file: shown to the curator, never fatal to the build."""

    path: str
    message: str
    line: int | None = None
    severity: str = "warning"  # "warning" or "error"
    column: int | None = None  # 1-based, with `line`
    key: str | None = None  # the curator key concerned ("date", "editions.0.date")

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        if self.line and self.column:
            where += f":{self.column}"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Block:
    """One piece of an article's text, with its offset in Seed.text (what spaCy reads)."""

    kind: str  # "title", "caption" or "paragraph"
    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True)
class Dateline:
    """The wire-copy opening "LONDON 1996-08-30" or "JAKARTA, April 8 -"."""

    place: str
    year: int | None
    month: int | None
    day: int | None
    text: str  # the dateline as written
    whole_paragraph: bool  # the first paragraph is only the dateline

    @property
    def date(self) -> dt.date | None:
        if self.year and self.month and self.day:
            try:
                return dt.date(self.year, self.month, self.day)
            except ValueError:
                return None
        return None


@dataclass
class Seed:
    """A seed file as read: its parts and the curator's metadata, nothing inferred yet."""

    path: Path  # the seed file
    name: str  # file name without extension: the stable id of the article
    title: str
    paragraphs: list[str]
    caption: str | None = None
    credit: str | None = None
    markdown: bool = False  # an .md body is the curator's own Markdown
    meta: dict[str, Any] = field(default_factory=dict)  # curator metadata, validated
    fingerprint: str = ""  # hash of the seed and its sidecar: the cache key's base
    body: str = ""  # an .md seed's Markdown as written (paragraphs hold its plain text)
    headline: str = ""  # the title as the seed file gives it, before a curator's `title:`
    meta_file: str = ""  # the file the metadata came from (sidecar, or the .md itself)
    # Where each metadata value is in meta_file: key path ("topics.1") -> (line, column).
    meta_places: dict[str, tuple[int, int]] = field(default_factory=dict)

    def place(self, key: str) -> dict[str, Any]:
        """Problem(...) keywords locating a metadata value, for later stages' messages."""
        line, column = self.meta_places.get(key, (None, None))
        return {"line": line, "column": column, "key": key}

    @property
    def blocks(self) -> list[Block]:
        """Title, caption and paragraphs, as laid out in `text`."""
        parts = [("title", self.title)]
        if self.caption:
            parts.append(("caption", self.caption))
        parts += [("paragraph", p) for p in self.paragraphs]
        blocks, offset = [], 0
        for kind, text in parts:
            blocks.append(Block(kind, text, offset))
            offset += len(text) + 2
        return blocks

    @property
    def text(self) -> str:
        """The text that NLP reads: title, caption and paragraphs, one blank line apart."""
        return "\n\n".join(b.text for b in self.blocks)

    @functools.cached_property
    def content_hash(self) -> str:
        """The article's words, white space and case aside: the same story saved twice."""
        return hashlib.sha256(" ".join(self.text.split()).casefold().encode()).hexdigest()


@dataclass(frozen=True)
class Quote:
    """A direct quote, or a quoted fragment inside a paraphrase.

    A fragment ("the talks were 'a waste of time', he said") is not a block quote of its own:
    pages show its whole `sentence`. `named` is False when the speaker is a description
    ("a committee spokesman") rather than a person or organization: shown, never linked."""

    text: str
    speaker: str | None
    fragment: bool = False
    sentence: str = ""
    named: bool = True


@dataclass(frozen=True)
class DateMention:
    """A date the text mentions, normalized: "2024-05-15", "2024-03" or "2022"."""

    text: str  # as written, e.g. "in March"
    value: str
    precision: str  # "day", "month" or "year"
    sentence: str


@dataclass
class Extraction:
    """Everything the machine found in one seed. Depends only on that seed, its sidecar and
    the curator files, never on other seeds, so it can be cached per seed."""

    people: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    roles: dict[str, list[str]] = field(default_factory=dict)  # person -> roles as written
    quotes: list[Quote] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    dateline: Dateline | None = None
    published: dt.date | None = None
    date_source: str | None = None  # "curator", "filename", "dateline" or None
    topics: list[str] = field(default_factory=list)
    topic_scores: dict[str, float] = field(default_factory=dict)
    keyphrases: list[str] = field(default_factory=list)
    summary: str = ""
    word_count: int = 0
    reading_time: int = 0  # minutes
    notes: list[str] = field(default_factory=list)  # e.g. "text truncated for extraction"

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["published"] = self.published.isoformat() if self.published else None
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Extraction":
        data = dict(data)
        data["quotes"] = [Quote(**q) for q in data.get("quotes", [])]
        data["dates"] = [DateMention(**d) for d in data.get("dates", [])]
        if data.get("dateline"):
            data["dateline"] = Dateline(**data["dateline"])
        if data.get("published"):
            data["published"] = dt.date.fromisoformat(data["published"])
        return cls(**data)


@dataclass
class Article:
    """A seed with its extraction and the curator's corrections applied: what pages show."""

    seed: Seed
    slug: str
    title: str
    date: dt.date | None
    date_source: str | None
    source: str | None
    url: str | None
    author: str | None
    summary: str
    people: list[str]
    organizations: list[str]
    places: list[str]
    topics: list[str]
    topic_scores: dict[str, float]
    roles: dict[str, list[str]]
    quotes: list[Quote]
    dates: list[DateMention]
    keyphrases: list[str]
    word_count: int
    reading_time: int
    draft: bool = False

    @property
    def name(self) -> str:
        return self.seed.name
