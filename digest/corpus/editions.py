"""Editions: automatic daily and weekly archives, and the curator's own editions from
`curation/editions.yml`, each either a list of articles in the curator's order or a date range.

```yaml
editions:
  - title: Putin goes to Beijing
    date: 2024-05-17
    intro: |
      What the visit was about, in *Markdown*.
    articles: [000_e435a547fc507eb7]   # seed file names (without extension) or article slugs
  - title: May 2024
    date: 2024-05-31
    from: 2024-05-01
    to: 2024-05-31
```
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import difflib

from digest.corpus.entries import newest_first
from digest.corpus.curate import make_slug
from digest.model import Article, Problem

@dataclass
class EditionSpec:
    """A curated edition as the curator wrote it."""

    title: str
    date: dt.date
    intro: str = ""
    articles: list[str] | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    slug: str = ""
    line: int | None = None  # where the edition is in editions.yml
    places: dict[str, tuple[int, int]] = field(default_factory=dict)  # article key -> place


@dataclass
class Edition:
    kind: str  # "curated", "daily" or "weekly"
    title: str
    date: dt.date  # the edition's own date: publication (curated) or the last day covered
    slug: str
    articles: list[Article] = field(default_factory=list)
    intro: str = ""  # curator's Markdown


def load_editions(path: Path | None) -> tuple[list[EditionSpec], list[Problem]]:
    """Curated editions, and the problems with the file: loaded with the curator-file loader
    and checked against its schema (digest/inputs/schema.py), each edition on its own, so a
    bad one is reported at its line and the others are kept."""
    from digest.inputs import schema, yamlfile

    if path is None or not path.is_file():
        return [], []
    checked = schema.validate(yamlfile.load(path, what="editions ignored"), "editions")
    specs = []
    for index, item in enumerate(checked.data.get("editions", [])):
        prefix = f"editions.{index}"
        line = checked.places.get(prefix, (None, None))[0]
        lines = {}
        for n, key in enumerate(item.get("articles") or []):
            place = checked.places.get(f"{prefix}.articles.{n}")
            if place:
                lines[key] = place
        date = item["date"]
        specs.append(EditionSpec(title=item["title"], date=date, intro=item.get("intro") or "",
                                 articles=item.get("articles"), start=item.get("from"),
                                 end=item.get("to"),
                                 slug=make_slug(item.get("slug")
                                                or f"{date.isoformat()} {item['title']}"),
                                 line=line, places=lines))
    return specs, checked.problems


def curated_editions(specs: list[EditionSpec], articles: list[Article],
                     problems: list[Problem], where: str = "editions.yml") -> list[Edition]:
    by_key: dict[str, Article] = {}
    for article in articles:
        by_key.setdefault(article.name, article)
        by_key.setdefault(article.slug, article)
    editions = []
    for spec in specs:
        if spec.articles is not None:
            chosen = []
            for key in spec.articles:
                if key in by_key:
                    chosen.append(by_key[key])
                else:
                    line, column = spec.places.get(key, (spec.line, None))
                    close = difflib.get_close_matches(key, sorted(by_key), n=1, cutoff=0.6)
                    hint = f"; did you mean {close[0]!r}?" if close else ""
                    problems.append(Problem(where, f"edition {spec.title!r}: no article "
                                            f"{key!r} (give a seed file name or a slug; a "
                                            f"draft is not published){hint}", line=line,
                                            column=column, key="articles"))
        else:
            chosen = sorted((a for a in articles if a.date is not None
                             and (spec.start is None or a.date >= spec.start)
                             and (spec.end is None or a.date <= spec.end)), key=newest_first)
        editions.append(Edition("curated", spec.title, spec.date, spec.slug, chosen, spec.intro))
    return sorted(editions, key=lambda e: (-e.date.toordinal(), e.title))


def automatic_editions(articles: list[Article], kinds: list[str]) -> list[Edition]:
    """Daily and weekly archives of the dated articles, newest first."""
    editions: list[Edition] = []
    if "daily" in kinds:
        days: dict[dt.date, list[Article]] = {}
        for article in articles:
            if article.date is not None:
                days.setdefault(article.date, []).append(article)
        for day, chosen in days.items():
            editions.append(Edition("daily", f"{day:%A %d %B %Y}", day, day.isoformat(),
                                    sorted(chosen, key=newest_first)))
    if "weekly" in kinds:
        weeks: dict[tuple[int, int], list[Article]] = {}
        for article in articles:
            if article.date is not None:
                year, week, _ = article.date.isocalendar()
                weeks.setdefault((year, week), []).append(article)
        for (year, week), chosen in weeks.items():
            monday = dt.date.fromisocalendar(year, week, 1)
            # The last week of 9999 ends after the calendar does: it ends on 9999-12-31.
            sunday = monday + dt.timedelta(days=min(6, (dt.date.max - monday).days))
            editions.append(Edition("weekly", f"Week {week} of {year}: {monday:%d %b} to "
                                    f"{sunday:%d %b %Y}", sunday, f"{year}-w{week:02d}",
                                    sorted(chosen, key=newest_first)))
    return sorted(editions, key=lambda e: (-e.date.toordinal(), e.kind, e.slug))


def lead_edition(curated: list[Edition], automatic: list[Edition]) -> Edition | None:
    """What the home page leads with: the newest curated edition, else the newest weekly
    (or daily) archive."""
    if curated:
        return curated[0]
    for kind in ("weekly", "daily"):
        for edition in automatic:
            if edition.kind == kind:
                return edition
    return None
