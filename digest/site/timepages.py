"""Pages organised in time: the timeline (a page per year and per month, so that it stays
light with thousands of articles) and edition pages. (The feeds are in feeds.py.)"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterator

from digest.site import charts, markup, words
from digest.corpus.entries import Corpus
from digest.corpus.editions import Edition
from digest.model import Article
from digest.site.pages import (LEAD_ITEMS, LISTING, Layout, PageMemo, article_list, chunks,
                               front_matter, page_title, pager, slug_table)

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
    parts = ("timeline", layout.root, layout.page_size, layout.language,
             tuple(memo.signature(a)[2] for a in corpus.articles))
    return memo.get(parts, lambda: _timeline_pages(corpus, layout, memo))


def _timeline_pages(corpus: Corpus, layout: Layout, memo: PageMemo) -> dict[str, str]:
    root = f"{layout.root}/timeline"  # the memo key and month_pages still take it
    lang = layout.language
    all_events = events(corpus)
    years: dict[str, list[Event]] = {}
    for event in all_events:
        years.setdefault(event.value[:4], []).append(event)
    pages: dict[str, str] = {}
    index = layout.timeline()
    intro = ("What happened when, newest first: every date an article mentions, with the "
             "sentence it comes from. Each year and month has its own page.")
    lines = [front_matter({"title": "Timeline", "description": intro, "digest": "index",
                           **LISTING}), "# Timeline\n", intro]
    picture = timeline_picture(all_events, lang)
    if picture:
        lines.append(picture)
    rows: list[str] = []
    for year, year_events in years.items():
        months: dict[str, list[Event]] = {}
        for event in year_events:
            if len(event.value) >= 7:
                months.setdefault(event.value[:7], []).append(event)
        year_page = layout.timeline_year(year)
        month_links = " ".join(
            markup.span(f"{markup.link(words.month_label(int(year), int(m[5:7]), lang, False), layout.timeline_month(m), index)}"
                        f" {markup.span(words.number(len(evs), lang), 'digest-count')}", "digest-chip")
            for m, evs in months.items())
        vague = len(year_events) - sum(len(evs) for evs in months.values())
        summary = words.count(len(year_events), "event", language=lang)
        if vague:
            summary += f", {words.number(vague, lang)} dated by the year only"
        rows.append("- " + markup.span(
            f"{markup.span(markup.link(year, year_page, index), 'digest-year')} "
            f"{markup.span(summary, 'digest-meta')}" + (f" {month_links}" if month_links else ""),
            "digest-event"))
        pages[year_page] = year_page_text(year, year_events, months, root, year_page, layout)
        for month, month_events in months.items():
            parts = ("month", month, root, layout.page_size, lang,
                     [(e.value, e.precision, e.sentence, e.article.slug, e.article.title)
                      for e in month_events])
            pages.update(memo.get(
                parts, lambda: dict(month_pages(month, month_events, root, layout))))
    if rows:
        lines.append("## Years")
        lines.append("\n".join(rows))
    else:
        lines.append("No dated events yet.")
    pages[index] = "\n\n".join(lines) + "\n"
    return pages


def timeline_picture(all_events: list[Event], language: str) -> str:
    """Events per month where the corpus looks in time: from the 1st to the 99th percentile
    of the dates mentioned (a stray "in 1000" or "by 2339" would flatten the rest), per year
    when that spans more than 20 years. The caption says how many fall outside."""
    from collections import Counter

    dated = sorted(e.value for e in all_events)
    if not dated:
        return ""
    low = dated[len(dated) // 100][:4]
    high = dated[-1 - len(dated) // 100][:4]
    inside = [e for e in all_events if low <= e.value[:4] <= high]
    outside = len(all_events) - len(inside)
    months = [(int(e.value[:4]), int(e.value[5:7])) for e in inside if len(e.value) >= 7]
    if int(high) - int(low) > 20 or not months:
        counts = Counter(int(e.value[:4]) for e in inside)
        bars = [charts.Bar(str(y), str(y), counts.get(y, 0))
                for y in range(int(low), int(high) + 1)]
        title = "Events per year"
    else:
        bars = charts.month_bars(months, language)
        title = "Events per month"
    note = (f" {words.count(outside, 'event', language=language)} from other years not shown."
            if outside else "")
    return charts.bar_chart(bars, title, "event", language=language, note=note)


def event_line(event: Event | list[Event], here: str, layout: Layout) -> str:
    """One item: the dated sentences of one article under one heading, then its link."""
    group = event if isinstance(event, list) else [event]
    article = group[0].article
    sentences = " ".join(markup.inline(e.sentence) for e in group)
    return "- " + markup.span(f"{sentences} — "
                              f"{markup.link(article.title, layout.article(article), here)}",
                              "digest-event")


def event_lines(events: list[Event], here: str, layout: Layout) -> list[str]:
    """Items for events in their order, the neighbouring sentences of the same article in
    one item: the article's title and link once, not once per sentence (events of one
    article on one day sit together, sorted by title; a quarter of a timeline's items)."""
    groups: list[list[Event]] = []
    for event in events:
        if groups and groups[-1][0].article.slug == event.article.slug:
            groups[-1].append(event)
        else:
            groups.append([event])
    return [event_line(group, here, layout) for group in groups]


def year_page_text(year: str, year_events: list[Event], months: dict[str, list[Event]],
                   root: str, here: str, layout: Layout) -> str:
    lang = layout.language
    out = [front_matter({"title": f"Timeline {year}",
                         "description": f"What happened in {year}: "
                         f"{words.count(len(year_events), 'dated event', language=lang)} "
                         "from the articles.", "digest": "index", **LISTING}),
           f"# {year}\n",
           markup.link("All years", layout.timeline(), here)]
    if months:
        out.append("## Months")
        out.append("\n".join(
            "- " + markup.span(f"{markup.link(words.month_label(int(year), int(m[5:7]), lang), layout.timeline_month(m), here)}"
                               f" {markup.span(words.count(len(evs), 'event', language=lang), 'digest-count')}",
                               "digest-entry") for m, evs in months.items()))
    vague = [e for e in year_events if e.precision == "year"]
    if vague:
        out.append(f"## During {year}")
        out.append("\n".join(event_lines(vague, here, layout)))
    return "\n\n".join(out) + "\n"


def month_pages(month: str, month_events: list[Event], root: str, layout: Layout
                ) -> Iterator[tuple[str, str]]:
    lang = layout.language
    parts = chunks(month_events, layout.page_size * 4)
    label = words.month_label(int(month[:4]), int(month[5:7]), lang)
    for number, part in enumerate(parts, start=1):
        here = layout.timeline_month(month, number)
        out = [front_matter({"title": f"Timeline: {label}",
                             "description": f"What happened in {label}: "
                             f"{words.count(len(month_events), 'dated event', language=lang)} "
                             "from the articles.", "digest": "index", **LISTING}),
               f"# {label}\n",
               markup.link(f"All of {month[:4]}", layout.timeline_year(month[:4]), here)]
        current = None
        block: list[Event] = []
        for event in part:
            heading = (words.day_heading(dt.date.fromisoformat(event.value), lang)
                       if event.precision == "day" else f"During {label}")
            if heading != current:
                if block:
                    out.append("\n".join(event_lines(block, here, layout)))
                    block = []
                out.append(f"## {heading}")
                current = heading
            block.append(event)
        if block:
            out.append("\n".join(event_lines(block, here, layout)))
        out.append(pager(lambda p: layout.timeline_month(month, p), number, len(parts)))
        yield here, "\n\n".join(x for x in out if x) + "\n"


def edition_path(layout: Layout, edition: Edition, page: int = 1) -> str:
    return layout.edition(edition, page)


def edition_label(edition: Edition, language: str) -> str:
    return f"{KIND_LABELS[edition.kind]} · {words.long_date(edition.date, language)}"


def edition_page(edition: Edition, layout: Layout, corpus: Corpus | None = None) -> str:
    """The edition's first page (the only one for most editions)."""
    return dict(edition_page_set(edition, layout, corpus))[edition_path(layout, edition)]


def edition_page_set(edition: Edition, layout: Layout, corpus: Corpus | None = None
                     ) -> Iterator[tuple[str, str]]:
    """An edition's pages: a long one (a busy week of wire copy) is split like any listing."""
    lang = layout.language
    count = words.count(len(edition.articles), "article", language=lang)
    parts = chunks(edition.articles, layout.page_size)
    for number, articles in enumerate(parts, start=1):
        here = edition_path(layout, edition, number)
        title = edition.title if number == 1 else f"{edition.title} (page {number})"
        out = [front_matter({"title": page_title(title), "date": edition.date,
                             "edition": edition.kind,
                             "description": markup.attr(words.lede(
                                 edition.intro or f"{edition_label(edition, lang)}: {count}, "
                                 + "; ".join(a.title for a in edition.articles[:5]), 40)),
                             "digest": "edition",
                             **(LISTING if edition.kind != "curated" else {})}),
               f"# {markup.inline(title)}\n",
               f'<p class="digest-byline">{KIND_LABELS[edition.kind]} · <time datetime="'
               f'{edition.date.isoformat()}">{words.long_date(edition.date, lang)}</time> · '
               f'{count}</p>']
        if edition.intro and number == 1:
            out.append(edition.intro.strip())  # the curator's own Markdown
        out.append(article_list(articles, layout, here, corpus, empty="No articles."))
        out.append(pager(lambda p: edition_path(layout, edition, p), number, len(parts)))
        yield here, "\n\n".join(x for x in out if x) + "\n"


def lead_section(edition: Edition | None, layout: Layout, here: str,
                 corpus: Corpus | None = None) -> str:
    """The home page's lead: the newest edition, its intro and its articles."""
    if edition is None:
        return ""
    rows = article_list(edition.articles[:LEAD_ITEMS], layout, here, corpus)
    more = (f"\n\n{markup.link(f'All {len(edition.articles)} articles of this edition', edition_path(layout, edition), here)}"
            if len(edition.articles) > LEAD_ITEMS else "")
    intro = f"\n\n{edition.intro.strip()}" if edition.intro else ""
    return (f"## {markup.link(edition.title, edition_path(layout, edition), here)}\n\n"
            f"{markup.span(edition_label(edition, layout.language), 'digest-byline')}{intro}"
            f"\n\n{rows}{more}")


def edition_pages(curated: list[Edition], automatic: list[Edition], layout: Layout,
                  memo: PageMemo | None = None, corpus: Corpus | None = None) -> dict[str, str]:
    memo = memo or PageMemo()
    pages = {}
    table = slug_table(corpus) if corpus is not None else ""
    for e in curated + automatic:
        parts = ("edition", e.kind, e.title, e.date, e.slug, e.intro, layout.root,
                 layout.language, layout.page_size, table,
                 [(a.title, a.slug, a.date, a.source, a.summary, a.reading_time,
                   tuple(a.topics)) for a in e.articles])
        pages.update(memo.get(parts, lambda: dict(edition_page_set(e, layout, corpus))))
    here = layout.editions()
    intro = "Every edition: curated ones first, then weekly and daily, newest first."
    out = [front_matter({"title": "Editions", "description": intro, "digest": "index",
                         **LISTING}), "# Editions\n"]
    for kind, heading in (("curated", "Curated editions"), ("weekly", "Weekly"),
                          ("daily", "Daily")):
        chosen = [e for e in curated + automatic if e.kind == kind]
        if chosen:
            out.append(f"## {heading}")
            out.append("\n".join(
                "- " + markup.span(
                    f"{markup.span(markup.link(e.title, edition_path(layout, e), here), 'digest-headline')} "
                    f"{markup.span(markup.time(e.date, words.long_date(e.date, layout.language)) + ' · ' + words.count(len(e.articles), 'article', language=layout.language), 'digest-meta')}",
                    "digest-item") for e in chosen))
    if len(out) == 2:
        out.append("No editions yet: dated articles make daily and weekly editions, and "
                   "`curation/editions.yml` makes curated ones.")
    pages[here] = "\n\n".join(out) + "\n"
    return pages
