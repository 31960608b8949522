"""What an import produces before it is written: one `Article` per feed entry or page."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

# The sidecar keys an import fills in, in the order they are written (and recorded under
# `imported: values:`, so that `--update` can tell the curator's edits from the machine's).
FIELDS = ("title", "date", "source", "author", "url", "image")
# A page under this many words is a stub (paywall teaser, error page), not an article.
MIN_WORDS = 80
WORD = re.compile(r"\w+")


class ImportFailure(Exception):
    """One source or item could not be imported; the message names the problem, the caller
    names the source. The rest of the import goes on."""


@dataclass
class Article:
    """An article as extracted: the seed's text (headline, caption with credit, paragraphs)
    and the sidecar's values. `location` is where this article was read (a page's path or
    URL, or a feed entry's link); `origin` is the SOURCE it came from (recorded in the
    sidecar's `imported.source`)."""

    location: str
    origin: str
    title: str = ""
    paragraphs: list[str] = field(default_factory=list)
    date: dt.date | None = None
    source: str | None = None
    author: str | None = None
    url: str | None = None
    image: str | None = None
    caption: str | None = None
    credit: str | None = None
    notes: list[str] = field(default_factory=list)

    def values(self) -> dict:
        """The sidecar values this import would write, every key present (None = unknown)."""
        return {key: getattr(self, key) or None for key in FIELDS}

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)

    def word_count(self) -> int:
        return sum(len(WORD.findall(p)) for p in self.paragraphs)


def clean_text(text: str | None) -> str:
    """One line of text: every run of whitespace (newlines, tabs, no-break spaces) to one
    space, as the seed reader would join it anyway."""
    return " ".join((text or "").split())
