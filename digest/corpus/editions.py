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

import yaml

from digest.corpus.entries import newest_first
from digest.corpus.curate import make_slug
from digest.model import Article, Problem

EDITION_KEYS = {"title", "date", "intro", "articles", "from", "to", "slug"}


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


@dataclass
class Edition:
    kind: str  # "curated", "daily" or "weekly"
    title: str
    date: dt.date  # the edition's own date: publication (curated) or the last day covered
    slug: str
    articles: list[Article] = field(default_factory=list)
    intro: str = ""  # curator's Markdown


def _date(value, where: str, key: str, problems: list[Problem], line: int | None
          ) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    problems.append(Problem(where, f"`{key}` must be a date YYYY-MM-DD, got {value!r}",
                            line=line, severity="error"))
    return None


def load_editions(path: Path | None) -> tuple[list[EditionSpec], list[Problem]]:
    """Curated editions, and the problems with the file (each edition checked on its own)."""
    if path is None or not path.is_file():
        return [], []
    where = str(path)
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        mark = getattr(err, "problem_mark", None)
        return [], [Problem(where, f"malformed YAML: {getattr(err, 'problem', err)}",
                            line=mark.line + 1 if mark else None, severity="error")]
    items = data.get("editions") if isinstance(data, dict) else None
    if not isinstance(items, list):
        return [], [Problem(where, "expected `editions:` with a list of editions",
                            severity="error")] if data else []
    nodes = []
    for key, value in (root.value if root is not None else []):
        if getattr(key, "value", None) == "editions" and hasattr(value, "value"):
            nodes = value.value
    specs, problems = [], []
    for i, item in enumerate(items):
        line = nodes[i].start_mark.line + 1 if i < len(nodes) else None
        if not isinstance(item, dict) or not item.get("title") or "date" not in item:
            problems.append(Problem(where, "an edition needs at least `title` and `date`",
                                    line=line, severity="error"))
            continue
        unknown = sorted(set(map(str, item)) - EDITION_KEYS)
        if unknown:
            problems.append(Problem(where, f"unknown edition keys ignored: {', '.join(unknown)}",
                                    line=line))
        date = _date(item["date"], where, "date", problems, line)
        if date is None:
            continue
        articles = item.get("articles")
        if articles is not None and (not isinstance(articles, list)
                                     or not all(isinstance(a, str) for a in articles)):
            problems.append(Problem(where, "`articles` must be a list of seed names or slugs",
                                    line=line, severity="error"))
            continue
        start = _date(item["from"], where, "from", problems, line) if "from" in item else None
        end = _date(item["to"], where, "to", problems, line) if "to" in item else None
        if articles is None and start is None and end is None:
            problems.append(Problem(where, f"edition {item['title']!r} gives neither `articles` "
                                    "nor a date range (`from`, `to`)", line=line,
                                    severity="error"))
            continue
        specs.append(EditionSpec(title=str(item["title"]), date=date,
                                 intro=str(item.get("intro") or ""), articles=articles,
                                 start=start, end=end,
                                 slug=make_slug(str(item.get("slug") or
                                                    f"{date.isoformat()} {item['title']}"))))
    return specs, problems


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
                    problems.append(Problem(where, f"edition {spec.title!r}: no article "
                                            f"{key!r} (give a seed file name or a slug)"))
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
