"""Articles made in memory for page tests that need no extraction (a pure function of the
Corpus is tested on a Corpus)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from digest.model import Article, Quote, Seed


def article(name: str, title: str, date: dt.date | None, people: list[str] | None = None,
            quotes: list[Quote] | None = None, summary: str = "A short lede.") -> Article:
    seed = Seed(path=Path(f"seeds/{name}.txt"), name=name, title=title, paragraphs=[summary])
    return Article(seed=seed, slug=name, title=title, date=date, date_source="curator",
                   source=None, url=None, author=None, summary=summary, people=people or [],
                   organizations=[], places=[], topics=[], topic_scores={}, roles={},
                   quotes=quotes or [], dates=[], keyphrases=[], word_count=10, reading_time=1)
