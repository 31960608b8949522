"""Pages organised in time: the timeline (a page per year and per month, so that it stays
light with thousands of articles) and edition pages. (The feeds are in feeds.py.)"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterator

from digest.site import markup
from digest.corpus.entries import Corpus
from digest.corpus.editions import Edition
from digest.model import Article
from digest.site.pages import (LISTING, Layout, PageMemo, article_row, chunks, front_matter, page_title,
                    pager, unsearched)

KIND_LABELS = {"curated": "Edition", "daily": "Daily edition", "weekly": "Weekly edition"}


@dataclass(frozen=True)
class Event:
    """A dated event: a sentence of an article that mentions a date."""

    value: str  # "2024-05-15", "2024-03" or "2022"
    precision: str
    sentence: str
    article: Article


def events(corpus: Corpus) -> list[Event]:
    """Every mentioned date of every article, newest first, in a stable order."""
    found = {(d.value, d.precision, d.sentence, a.slug): Event(d.value, d.precision, d.sentence, a)
             for a in corpus.articles for d in a.dates}
    return sorted(found.values(), key=lambda e: (_desc(e.value), e.article.title,
                                                 e.article.slug, e.sentence))


def _desc(value: str) -> tuple:
    """Sort key for newest first: later values first; a month after its days, a year after
    its months (the vaguer, the later in the list)."""
    parts = [int(p) for p in value.split("-")]
    return tuple(-p for p in parts) + (len(parts) == 1, len(parts) == 2)


def timeline_pages(corpus: Corpus, layout: Layout, memo: PageMemo | None = None
                   ) -> dict[str, str]:
    """The timeline's pages; with a memo, not recomputed while no article's dates change."""
    memo = memo or PageMemo()
    parts = ("timeline", layout.root, layout.page_size,
             tuple(memo.signature(a)[2] for a in corpus.articles))
    return memo.get(parts, lambda: _timeline_pages(corpus, layout, memo))


def _timeline_pages(corpus: Corpus, layout: Layout, memo: PageMemo) -> dict[str, str]:
    root = f"{layout.root}/timeline"  # the memo key and month_pages still take it
    all_events = events(corpus)
    years: dict[str, list[Event]] = {}
    for event in all_events:
        years.setdefault(event.value[:4], []).append(event)
    pages: dict[str, str] = {}
    index = layout.timeline()
    lines = [front_matter({"title": "Timeline", **LISTING}), "# Timeline\n",
             "What happened when, newest first: every date an article mentions, with the "
             "sentence it comes from. Each year and month has its own page."]
    for year, year_events in years.items():
        months: dict[str, list[Event]] = {}
        for event in year_events:
            if len(event.value) >= 7:
                months.setdefault(event.value[:7], []).append(event)
        year_page = layout.timeline_year(year)
        lines.append(f"## {markup.link(year, year_page, index)}")
        lines.append(" · ".join(
            f"{markup.link(f'{dt.date(int(year), int(m[5:7]), 1):%B}', layout.timeline_month(m), index)}"
            f" ({len(evs)})" for m, evs in months.items()) or "No month-level dates.")
        pages[year_page] = year_page_text(year, year_events, months, root, year_page, layout)
        for month, month_events in months.items():
            parts = ("month", month, root, layout.page_size,
                     [(e.value, e.precision, e.sentence, e.article.slug, e.article.title)
                      for e in month_events])
            pages.update(memo.get(
                parts, lambda: dict(month_pages(month, month_events, root, layout))))
    if not years:
        lines.append("No dated events yet.")
    pages[index] = "\n\n".join(lines) + "\n"
    return pages


def event_line(event: Event, here: str, layout: Layout) -> str:
    return (f"- {markup.inline(event.sentence)} — "
            f"{markup.link(event.article.title, layout.article(event.article), here)}")


def year_page_text(year: str, year_events: list[Event], months: dict[str, list[Event]],
                   root: str, here: str, layout: Layout) -> str:
    out = [front_matter({"title": f"Timeline {year}", **LISTING}), f"# {year}\n",
           markup.link("All years", layout.timeline(), here)]
    out.append("## Months")
    out.append("\n".join(f"- {markup.link(f'{dt.date(int(year), int(m[5:7]), 1):%B %Y}', layout.timeline_month(m), here)}"
                         f" ({len(evs)} events)" for m, evs in months.items()) or "None.")
    vague = [e for e in year_events if e.precision == "year"]
    if vague:
        out.append(f"## During {year}")
        out.append("\n".join(event_line(e, here, layout) for e in vague))
    return "\n\n".join(out) + "\n"


def month_pages(month: str, month_events: list[Event], root: str, layout: Layout
                ) -> Iterator[tuple[str, str]]:
    parts = chunks(month_events, layout.page_size * 4)
    label = f"{dt.date(int(month[:4]), int(month[5:7]), 1):%B %Y}"
    for number, part in enumerate(parts, start=1):
        here = layout.timeline_month(month, number)
        out = [front_matter({"title": f"Timeline: {label}", **LISTING}), f"# {label}\n",
               markup.link(f"All of {month[:4]}", layout.timeline_year(month[:4]), here)]
        current = None
        for event in part:
            heading = (f"{dt.date.fromisoformat(event.value):%A %d %B}"
                       if event.precision == "day" else f"During {label}")
            if heading != current:
                out.append(f"## {heading}")
                current = heading
            out.append(event_line(event, here, layout))
        out.append(pager(lambda p: layout.timeline_month(month, p), number, len(parts)))
        yield here, "\n\n".join(x for x in out if x) + "\n"


def edition_path(layout: Layout, edition: Edition) -> str:
    return layout.edition(edition)


def edition_row(article: Article, layout: Layout, here: str) -> str:
    """An article in an edition: title, source, date and summary."""
    return article_row(article, layout, here)


def edition_page(edition: Edition, layout: Layout) -> str:
    here = edition_path(layout, edition)
    out = [front_matter({"title": page_title(edition.title), "date": edition.date,
                         "edition": edition.kind,
                         **(LISTING if edition.kind != "curated" else {})}),
           f"# {markup.inline(edition.title)}\n",
           markup.paragraph(f"{KIND_LABELS[edition.kind]} · {edition.date.isoformat()} · "
                            f"{len(edition.articles)} articles", "digest-byline")]
    if edition.intro:
        out.append(edition.intro.strip())  # the curator's own Markdown
    out.append(unsearched("\n".join(edition_row(a, layout, here) for a in edition.articles)
                          or "No articles."))
    return "\n\n".join(out) + "\n"


def lead_section(edition: Edition | None, layout: Layout, here: str) -> str:
    """The home page's lead: the newest edition, its intro and its articles."""
    if edition is None:
        return ""
    rows = "\n".join(edition_row(a, layout, here) for a in edition.articles[:10])
    more = (f"\n\n{markup.link(f'All {len(edition.articles)} articles of this edition', edition_path(layout, edition), here)}"
            if len(edition.articles) > 10 else "")
    intro = f"\n\n{edition.intro.strip()}" if edition.intro else ""
    return (f"## {markup.link(edition.title, edition_path(layout, edition), here)}\n\n"
            f"{KIND_LABELS[edition.kind]} · {edition.date.isoformat()}{intro}\n\n{rows}{more}")


def edition_pages(curated: list[Edition], automatic: list[Edition], layout: Layout,
                  memo: PageMemo | None = None) -> dict[str, str]:
    memo = memo or PageMemo()
    pages = {}
    for e in curated + automatic:
        parts = ("edition", e.kind, e.title, e.date, e.slug, e.intro, layout.root,
                 [(a.title, a.slug, a.date, a.source, a.summary) for a in e.articles])
        pages[edition_path(layout, e)] = memo.get(parts, lambda: edition_page(e, layout))
    here = layout.editions()
    out = [front_matter({"title": "Editions", **LISTING}), "# Editions\n"]
    for kind, heading in (("curated", "Curated editions"), ("weekly", "Weekly"),
                          ("daily", "Daily")):
        chosen = [e for e in curated + automatic if e.kind == kind]
        if chosen:
            out.append(f"## {heading}")
            out.append("\n".join(f"- **{e.date.isoformat()}** · "
                                 f"{markup.link(e.title, edition_path(layout, e), here)} "
                                 f"({len(e.articles)})" for e in chosen))
    if len(out) == 2:
        out.append("No editions yet: dated articles make daily and weekly editions, and "
                   "`curation/editions.yml` makes curated ones.")
    pages[here] = "\n\n".join(out) + "\n"
    return pages
