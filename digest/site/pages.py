"""Render the corpus as Markdown pages: a pure function from Corpus to {path: text}, paths
relative to docs/. Writing them to disk is output.py's job."""
from __future__ import annotations

import datetime as dt
import hashlib
import html
from collections import Counter
from dataclasses import dataclass
from typing import Any, Callable, Iterator

import yaml

from digest.site import charts, markup, words
from digest.corpus.entries import KIND_TITLES, KINDS, Corpus, Entry
from digest.model import Article, Quote
from digest.site.urls import Paths

KIND_SINGULAR = {"people": "Person", "organizations": "Organization", "places": "Place",
                 "topics": "Topic"}
KIND_WORDS = {"people": ("person", "people"), "organizations": ("organization", "organizations"),
              "places": ("place", "places"), "topics": ("topic", "topics")}
ENTRY_FIRST_PAGE = 10  # articles on an entry's first page: who or what it is comes first
ENTRY_QUOTES = 5  # quotes on an entry's first page
RELATED_TOP = 6  # co-mentions shown per kind


@dataclass
class Layout(Paths):
    """How the digest is laid out: where each page lives (`urls.Paths`, the one place that
    knows), and how long its listings are."""

    page_size: int = 50
    taxonomy: Any = None  # curator topics, for topic codes, parents and descriptions
    taxonomy_key: str = ""  # a fingerprint of the curator files behind `taxonomy`
    language: str = "en"  # theme.language: how dates and numbers are written


def display_name(entry: Entry) -> str:
    """How an entry is shown: topics in sentence case ("Economy, business and finance")."""
    return words.sentence_case(entry.name) if entry.kind == "topics" else entry.name


def quote_block(quote: Quote, attribution: str) -> str:
    """One quote as its own block quote, its attribution in a paragraph after it (which also
    keeps two quotes from merging into one block). A fragment ("called it 'a first step'")
    is shown in its whole sentence."""
    text = quote.sentence if quote.fragment and quote.sentence else quote.text
    body = f"> {markup.inline(text)}"
    cite = f"\n\n{markup.span('— ' + attribution, 'digest-attribution')}" if attribution else ""
    return body + cite


def speaker_link(quote: Quote, corpus: Corpus, layout: Layout, here: str) -> str:
    """The speaker, linked to their page; a description ("a union spokesman") never is."""
    if not quote.speaker:
        return ""
    if quote.named:
        for kind in ("people", "organizations"):
            entry = corpus.entries[kind].get(quote.speaker)
            if entry is not None:
                return markup.link(quote.speaker, layout.entry(entry), here)
    return markup.inline(quote.speaker)


def unsearched(inner: str) -> str:
    """Inline content that repeats other pages' words (titles, names) kept out of the search
    index, so that a search lands on the article or the person, not on every list naming
    them. An attribute on an inline span: no `md_in_html` needed."""
    return f"<span data-search-exclude>{inner}</span>"


LISTING = {"search": {"exclude": True}}  # front matter of pages that only list other pages


# libyaml's emitter when PyYAML has it (ten times faster at thousands of pages).
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def front_matter(data: dict[str, Any]) -> str:
    """YAML front matter; dates stay YAML dates (Material needs them unquoted)."""
    clean = {k: v for k, v in data.items() if v not in (None, [], {}, "")}
    return "---\n" + yaml.dump(clean, Dumper=DUMPER, sort_keys=False, allow_unicode=True,
                               width=100) + "---\n"


def page_title(text: str) -> str:
    """Themes print the front-matter title as raw HTML: give it escaped."""
    return markup.attr(text)


def description(text: str) -> str:
    """`description:` for Material's `<meta name="description">` (printed raw, so escaped),
    at most about 40 words."""
    return markup.attr(words.lede(text, 40))


def chunks(rows: list, size: int) -> list[list]:
    return [rows[i:i + size] for i in range(0, len(rows), size)] or [[]]


def entry_chunks(rows: list, size: int) -> list[list]:
    """An entry's articles: a short first page, then pages of the usual size."""
    first = rows[:ENTRY_FIRST_PAGE]
    return [first] + chunks(rows[ENTRY_FIRST_PAGE:], size) if rows[ENTRY_FIRST_PAGE:] else [first]


def pager(layout_path: Callable[[int], str], page: int, pages: int) -> str:
    """Previous/next links for a listing split over several pages."""
    if pages <= 1:
        return ""
    here = layout_path(page)
    parts = []
    if page > 1:
        parts.append(markup.link("← Newer", layout_path(page - 1), here))
    parts.append(f"page {page} of {pages}")
    if page < pages:
        parts.append(markup.link("Older →", layout_path(page + 1), here))
    return markup.span(" · ".join(parts), "digest-pager")


def meta_line(article: Article, language: str) -> str:
    """Date, source and reading time, in inline Markdown."""
    parts = [markup.time(article.date, words.long_date(article.date, language))
             if article.date else "Undated"]
    if article.source:
        parts.append(markup.inline(article.source))
    if article.reading_time:
        parts.append(f"{article.reading_time} min read")
    return " · ".join(parts)


def byline(article: Article, language: str = "en") -> str:
    """The article page's byline, a raw HTML paragraph: date (`<time datetime>`), author,
    source and reading time."""
    parts = []
    if article.date:
        parts.append(f'<time datetime="{article.date.isoformat()}">'
                     f'{html.escape(words.long_date(article.date, language))}</time>')
    else:
        parts.append("Undated")
    if article.author:
        parts.append(f'By <span class="digest-author">{html.escape(" ".join(article.author.split()), quote=False)}</span>')
    if article.source:
        parts.append(html.escape(" ".join(article.source.split()), quote=False))
    if article.reading_time:
        parts.append(f"{article.reading_time} min read")
    return f'<p class="digest-byline">{" · ".join(parts)}</p>'


def topic_chips(article: Article, corpus: Corpus, layout: Layout, here: str, limit: int = 3) -> str:
    """A listing item's topics: bare links in one `digest-chips` span, drawn as chips by the
    stylesheet (`.digest-chips > a`). A span per chip would be 32 bytes more, per chip of
    each article in every listing that names it."""
    chips = [markup.link(display_name(corpus.entries["topics"][t]),
                         layout.entry(corpus.entries["topics"][t]), here)
             for t in article.topics[:limit] if t in corpus.entries["topics"]]
    return markup.span(" ".join(chips), "digest-chips") if chips else ""


def article_item(article: Article, layout: Layout, here: str, corpus: Corpus | None = None,
                 lede: bool = True) -> str:
    """One article in a listing, as one Markdown list item on one line (so that items can
    never run into each other): headline, date · source · reading time, a short plain-text
    lede without its dateline, topic chips."""
    parts = [markup.span(markup.link(article.title, layout.article(article), here),
                         "digest-headline"),
             markup.span(meta_line(article, layout.language), "digest-meta")]
    text = words.lede(article.summary) if lede else ""
    if text:
        parts.append(markup.span(markup.inline(text), "digest-lede"))
    if corpus is not None:
        chips = topic_chips(article, corpus, layout, here)
        if chips:
            parts.append(chips)
    return "- " + markup.span(" ".join(parts), "digest-item", " data-search-exclude")


def article_list(articles: list[Article], layout: Layout, here: str,
                 corpus: Corpus | None = None, lede: bool = True, empty: str = "") -> str:
    """A listing: one list item per article, a blank line before it so it is its own list."""
    rows = [article_item(a, layout, here, corpus, lede) for a in articles]
    return "\n".join(rows) if rows else empty


# The old name, for callers outside digest/site.
def article_row(article: Article, layout: Layout, here: str, summary: bool = True,
                corpus: Corpus | None = None) -> str:
    return article_item(article, layout, here, corpus, lede=summary)


def names_line(label: str, kind: str, names: list[str], corpus: Corpus, layout: Layout,
               here: str) -> str:
    links = [markup.link(display_name(corpus.entries[kind][n]), layout.entry(corpus.entries[kind][n]),
                         here)
             for n in names if n in corpus.entries[kind]]
    # bare links drawn as chips (`.digest-chips > a`), as in listings
    return f"**{label}:** " + markup.span(" ".join(links), "digest-chips") if links else ""


def article_description(article: Article) -> str:
    return description(article.summary or article.title)


def article_page(article: Article, corpus: Corpus, layout: Layout) -> str:
    here = layout.article(article)
    meta = {
        "title": page_title(article.title),
        "description": article_description(article),
        "date": article.date,
        "date_source": article.date_source,
        "source": article.source,
        "author": article.author,  # escaped for the theme by plugin/escaping.py
        "caption": article.seed.caption,
        "credit": article.seed.credit,
        "url": article.url,
        "summary": article.summary,
        "people": article.people,
        "organizations": article.organizations,
        "places": article.places,
        "topics": article.topics,
        "topic_scores": article.topic_scores,
        "keyphrases": article.keyphrases,
        "roles": article.roles,
        "quotes": [{"text": q.text, "speaker": q.speaker} for q in article.quotes],
        "dates": [{"text": d.text, "date": d.value, "precision": d.precision}
                  for d in article.dates],
        "word_count": article.word_count,
        "reading_time": article.reading_time,
        "seed": article.seed.path.name,
        "digest": "article",
    }
    out = [front_matter(meta), f"# {markup.inline(article.title)}\n",
           byline(article, layout.language)]
    if article.seed.caption:
        credit = f" [{article.seed.credit}]" if article.seed.credit else ""
        out.append(markup.paragraph(article.seed.caption + credit, "digest-caption"))
    if article.seed.markdown:
        out.append(article.seed.body or "\n\n".join(article.seed.paragraphs))
    else:
        out += [markup.paragraph(p) for p in article.seed.paragraphs]
    if article.quotes:
        out.append("## Quotes")
        for quote in article.quotes:
            out.append(quote_block(quote, speaker_link(quote, corpus, layout, here)))
    lines = [names_line("People", "people", article.people, corpus, layout, here),
             names_line("Organizations", "organizations", article.organizations, corpus, layout,
                        here),
             names_line("Places", "places", article.places, corpus, layout, here),
             names_line("Topics", "topics", article.topics, corpus, layout, here)]
    if article.keyphrases:
        lines.append("**Keyphrases:** " + ", ".join(markup.inline(k) for k in article.keyphrases))
    url = markup.safe_url(article.url)
    if url:
        lines.append(f"**Original:** <{url}>")
    lines = [line for line in lines if line]
    if lines:
        out.append("## In this story")
        out.append("\n\n".join(lines))
    return "\n\n".join(out) + "\n"


def entry_summary(entry: Entry, layout: Layout) -> str:
    """One line for the page's description: what it is, how often, since when."""
    dated = [a.date for a in entry.articles if a.date]
    text = f"{display_name(entry)}: {KIND_SINGULAR[entry.kind].lower()} in the news, " + \
        words.count(len(entry.articles), "article", language=layout.language)
    if dated:
        text += f", {words.date_range(min(dated), max(dated), layout.language)}"
    roles = entry.role_summary() if entry.roles else []
    if roles:
        text += f". {roles[0].role}"
    return text + "."


def entry_pages(entry: Entry, corpus: Corpus, layout: Layout) -> Iterator[tuple[str, str]]:
    """An entry's page (split when long): who or what it is, attention over time, its latest
    articles and quotes; then the names it appears with."""
    rows = entry_chunks(entry.articles, layout.page_size)
    name = display_name(entry)
    count = len(entry.articles)
    dated = [a.date for a in entry.articles if a.date]
    for number, articles in enumerate(rows, start=1):
        here = layout.entry(entry, number)
        title = name if number == 1 else f"{name} (page {number})"
        seen = ""
        if dated:
            seen = (f" · first seen {markup.time(min(dated), words.long_date(min(dated), layout.language))}"
                    f" · last seen {markup.time(max(dated), words.long_date(max(dated), layout.language))}")
        out = [front_matter({"title": page_title(title), "kind": entry.kind, "articles": count,
                             "description": description(entry_summary(entry, layout)),
                             "digest": "entry"}),
               f"# {markup.inline(title)}\n",
               markup.span(f"{KIND_SINGULAR[entry.kind]} · "
                           f"{words.count(count, 'article', language=layout.language)}{seen}",
                           "digest-byline")]
        if entry.kind == "topics":
            out += list(topic_header(entry, corpus, layout, here))
        if number == 1:
            out += list(entry_lead(entry, layout))
        out.append("## Latest articles" if number == 1 else "## Articles")
        out.append(article_list(articles, layout, here, corpus))
        out.append(pager(lambda p: layout.entry(entry, p), number, len(rows)))
        if number == 1:
            out += list(entry_quotes(entry, layout, here))
            out += list(related_block(entry, corpus, layout, here))
        yield here, "\n\n".join(part for part in out if part) + "\n"


def entry_lead(entry: Entry, layout: Layout) -> Iterator[str]:
    """Roles, deduplicated with counts and dates, and the attention chart."""
    roles = entry.role_summary() if entry.roles else []
    if roles:
        items = []
        for role in roles[:6]:
            when = words.date_range(role.first_seen, role.last_seen, layout.language)
            items.append(f"- {markup.span(markup.inline(role.role), 'digest-role')} "
                         f"{markup.span(words.count(role.count, 'article', language=layout.language) + (', ' + markup.inline(when) if when else ''), 'digest-count')}")
        more = len(roles) - 6
        yield "## Roles" if entry.kind == "people" else "## Described as"
        yield "\n".join(items) + (f"\n\n{words.count(more, 'other role', language=layout.language)}."
                                  if more > 0 else "")
    dates = [a.date for a in entry.articles if a.date]
    if len(dates) >= 2:
        unit, bars = charts.periods(dates, layout.language)
        per = {"week": "week", "month": "month", "year": "year"}[unit]
        yield charts.bar_chart(bars, f"Articles per {per} naming {display_name(entry)}",
                               "article", language=layout.language)


def entry_quotes(entry: Entry, layout: Layout, here: str) -> Iterator[str]:
    if not entry.quotes:
        return
    yield "## Quotes"
    for quote, article in entry.quotes[:ENTRY_QUOTES]:
        date = words.long_date(article.date, layout.language) if article.date else "Undated"
        yield quote_block(quote, f"{markup.inline(date)}, "
                          f"{markup.link(article.title, layout.article(article), here)}")
    more = len(entry.quotes) - ENTRY_QUOTES
    if more > 0:
        yield f"{words.count(more, 'more quote', language=layout.language)} in the articles."


RELATED = {"people": [("people", "People"), ("organizations", "Organizations"),
                      ("places", "Places")],
           "organizations": [("people", "People"), ("organizations", "Organizations"),
                             ("places", "Places")],
           "places": [("people", "People"), ("organizations", "Organizations"),
                      ("places", "Places")],
           "topics": [("people", "People"), ("organizations", "Organizations"),
                      ("places", "Places"), ("topics", "Topics")]}


def related_block(entry: Entry, corpus: Corpus, layout: Layout, here: str) -> Iterator[str]:
    """Co-mentions: one compact block, the top few of each kind with how many articles they
    share with this entry."""
    lines = []
    for kind, label in RELATED[entry.kind]:
        names = [(n, c) for n, c in entry.related(kind, RELATED_TOP) if n in corpus.entries[kind]]
        if names:
            chips = " ".join(
                markup.span(f"{markup.link(display_name(corpus.entries[kind][n]), layout.entry(corpus.entries[kind][n]), here)}"
                            f" {markup.span(words.number(c, layout.language), 'digest-count')}",
                            "digest-chip")
                for n, c in names)
            lines.append(f"- {markup.span(label, 'digest-label')} {unsearched(chips)}")
    if lines:
        yield "## Appears with"
        yield "\n".join(lines)


def topic_header(entry: Entry, corpus: Corpus, layout: Layout, here: str) -> Iterator[str]:
    """A topic's code, description, and where it sits in the taxonomy."""
    from digest.extract.topics import topic_info

    info = topic_info(entry.name, layout.taxonomy)
    lines = []
    if info.description:
        lines.append(markup.inline(info.description))
    if info.code:
        lines.append(f"IPTC Media Topic {markup.inline(info.code)}.")
    parent = corpus.entries["topics"].get(info.parent or "")
    if parent is not None:
        lines.append(f"Part of {markup.link(display_name(parent), layout.entry(parent), here)}.")
    if lines:
        yield " ".join(lines)
    children = [e for e in corpus.sorted_entries("topics")
                if e.name != entry.name and topic_info(e.name, layout.taxonomy).parent == entry.name]
    if children:
        yield "Narrower topics: " + " ".join(
            markup.link(display_name(c), layout.entry(c), here, "digest-chip") for c in children)


def index_order(kind: str, corpus: Corpus, by: str) -> list[Entry]:
    """By number of articles, or A to Z: people by surname (a curator's `sort_as:` wins),
    topics by their shown label."""
    entries = corpus.sorted_entries(kind, "count" if by == "count" else "name")
    if by == "count":
        return entries
    if kind == "people":
        return sorted(entries, key=lambda e: words.person_sort_key(e.name, e.sort_as))
    return sorted(entries, key=lambda e: (words.fold(display_name(e)), e.name))


def index_key(kind: str, entry: Entry) -> str:
    if kind == "people":
        return words.person_sort_key(entry.name, entry.sort_as)[0]
    return words.fold(display_name(entry))


def index_pages(kind: str, corpus: Corpus, layout: Layout) -> Iterator[tuple[str, str]]:
    """Two orders of the same index: by name, and by number of articles."""
    title = KIND_TITLES[kind]
    singular, plural = KIND_WORDS[kind]
    for by, other, label in (("name", "count", "by number of articles"),
                             ("count", "name", "A to Z")):
        entries = index_order(kind, corpus, by)
        rows = chunks(entries, layout.page_size * 4)
        order = ("A to Z by surname" if kind == "people" else "A to Z") if by == "name" \
            else "by number of articles"
        for number, part in enumerate(rows, start=1):
            here = layout.index(kind, by, number)
            heading = title if by == "name" else f"{title} by number of articles"
            out = [front_matter({"title": heading if number == 1 else f"{heading} (page {number})",
                                 "description": markup.attr(
                                     f"{words.count(len(entries), singular, plural, layout.language)} "
                                     f"in the news, {order}."),
                                 "digest": "index", **LISTING}),
                   f"# {heading}\n",
                   f"{words.count(len(entries), singular, plural, layout.language)}, {order}. "
                   f"Sort {markup.link(label, layout.index(kind, other), here)}."]
            if kind == "topics" and by == "name" and number == 1:
                out.append(topic_trends(corpus, layout))
            if not part:
                out.append("Nothing yet.")
            current = None
            block: list[str] = []
            lettered = by == "name" and len(part) > LETTERS_FROM
            for e in part:
                if lettered:
                    letter = words.initial(index_key(kind, e))
                    if letter != current:
                        if block:
                            out.append("\n".join(block))
                            block = []
                        out.append(f"## {letter}")
                        current = letter
                block.append("- " + markup.span(
                    f"{markup.link(display_name(e), layout.entry(e), here)} "
                    f"{markup.span(words.number(len(e.articles), layout.language), 'digest-count')}",
                    "digest-entry"))
            if block:
                out.append("\n".join(block))
            out.append(pager(lambda p: layout.index(kind, by, p), number, len(rows)))
            yield here, "\n\n".join(x for x in out if x) + "\n"


LETTERS_FROM = 40  # an A-Z page longer than this gets a heading per letter
TRENDS_TOP = 6  # topics in the topics index's trend chart


def topic_trends(corpus: Corpus, layout: Layout) -> str:
    """The most frequent topics, articles per month, one row each."""
    months = [(a.date.year, a.date.month) for a in corpus.articles if a.date]
    if not months:
        return ""
    span_months = charts.month_bars(months, layout.language)
    top = corpus.sorted_entries("topics", "count")[:TRENDS_TOP]
    series = []
    for entry in top:
        counts = Counter((a.date.year, a.date.month) for a in entry.articles if a.date)
        first = min(months)
        bars, (year, month) = [], first
        for bar in span_months:
            bars.append(charts.Bar(bar.label, bar.axis, counts.get((year, month), 0)))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        series.append((display_name(entry), bars))
    return charts.trends_chart(series, "Topic trends: articles per month", "article",
                               layout.language)


def undated_articles(corpus: Corpus) -> list[Article]:
    return [a for a in corpus.articles if a.date is None]


def undated_page(corpus: Corpus, layout: Layout) -> tuple[str, str]:
    here = layout.undated()
    undated = undated_articles(corpus)
    body = article_list(undated, layout, here, corpus, empty="None.")
    intro = ("Articles with no known publication date: neither the curator, the file name "
             "nor a dateline gives one.")
    return here, (front_matter({"title": "Undated", "description": intro, "digest": "index",
                                **LISTING})
                  + "\n# Undated\n\n" + intro + "\n\n" + body + "\n")


def drop_empty_undated(nav, corpus: Corpus, layout: Layout):
    """The *Undated* tab only when something is undated: its nav item is taken out."""
    if undated_articles(corpus):
        return nav
    target = layout.undated()

    def keep(items: list) -> list:
        kept = []
        for item in items:
            file = getattr(item, "file", None)
            if file is not None and file.src_uri == target:
                continue
            children = getattr(item, "children", None)
            if children:
                item.children = keep(children)
            kept.append(item)
        return kept

    nav.items = keep(nav.items)
    nav.pages = [p for p in nav.pages if p.file.src_uri != target]
    for previous, page in zip(nav.pages, nav.pages[1:]):
        previous.next_page, page.previous_page = page, previous
    return nav


def week_of(date: dt.date) -> tuple[dt.date, dt.date]:
    """Monday to Sunday; the calendar's last week ends on 9999-12-31."""
    start = date - dt.timedelta(days=date.weekday())
    return start, min(start, dt.date.max - dt.timedelta(days=6)) + dt.timedelta(days=6)


def most_active(corpus: Corpus, layout: Layout, here: str, limit: int = 6) -> str:
    """The people, topics and places most in the news in the week of the newest article (not
    of the build date, so a rebuild of the same seeds is the same page)."""
    dated = [a.date for a in corpus.articles if a.date]
    if not dated:
        return ""
    start, end = week_of(max(dated))
    week = [a for a in corpus.articles if a.date and start <= a.date <= end]
    lines = []
    for kind, label in (("people", "People"), ("topics", "Topics"), ("places", "Places")):
        counts = Counter(n for a in week for n in dict.fromkeys(getattr(a, kind))
                         if n in corpus.entries[kind])
        top = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]
        if top:
            chips = " ".join(markup.span(
                f"{markup.link(display_name(corpus.entries[kind][n]), layout.entry(corpus.entries[kind][n]), here)}"
                f" {markup.span(words.number(c, layout.language), 'digest-count')}", "digest-chip")
                for n, c in top)
            lines.append(f"- {markup.span(label, 'digest-label')} {unsearched(chips)}")
    if not lines:
        return ""
    return (f"## In the news, week of {words.long_date(start, layout.language)}\n\n"
            + "\n".join(lines))


def latest(corpus: Corpus, layout: Layout, here: str, limit: int, lead: Any = None) -> str:
    """The home page after its lead edition: the newest articles not in that edition, then
    who and what was most in the news that week. No article appears twice."""
    shown = {a.slug for a in lead.articles[:LEAD_ITEMS]} if lead is not None else set()
    rest = [a for a in corpus.articles if a.slug not in shown][:limit]
    if not corpus.articles:
        return "No articles yet: add seeds to `seeds/`."
    parts = [article_list(rest, layout, here, corpus,
                          empty="Every article is in the edition above.")]
    active = most_active(corpus, layout, here)
    if active:
        parts.append(active)
    return "\n\n".join(parts)


LEAD_ITEMS = 10  # articles of the lead edition shown on the home page


def signature(article: Article) -> tuple:
    """Everything an article's own page and its rows elsewhere are made of."""
    return (article.seed.fingerprint, article.seed.path.name, article.slug, article.title,
            article.date, article.date_source, article.source, article.url, article.author,
            article.summary, tuple(article.people), tuple(article.organizations),
            tuple(article.places), tuple(article.topics), tuple(article.topic_scores.items()),
            tuple((k, tuple(v)) for k, v in article.roles.items()), plain(article.quotes),
            plain(article.dates), tuple(article.keyphrases), article.word_count,
            article.reading_time, article.draft)


def plain(records: list) -> tuple:
    """Dataclass records as tuples of their fields (repr of dataclasses is slow)."""
    return tuple(tuple(vars(r).values()) for r in records)


def row_signature(article: Article) -> tuple:
    """What an entry page shows of each of its articles: the row, roles, quotes, and the
    names it shares with others ("appears with"), its lede and reading time; not the body
    or the dates it mentions."""
    return (article.slug, article.title, article.date, article.source, article.summary,
            article.reading_time, tuple(article.people),
            tuple(article.organizations), tuple(article.places), tuple(article.topics),
            tuple((k, tuple(v)) for k, v in article.roles.items()), plain(article.quotes),
            article.draft)


def slug_table(corpus: Corpus) -> str:
    """A fingerprint of every name's slug: pages that link to other entries depend on it."""
    table = repr([(kind, name, entry.slug) for kind in KINDS
                  for name, entry in corpus.entries[kind].items()])
    return hashlib.sha256(table.encode()).hexdigest()


class PageMemo:
    """Rendered pages by a digest of everything they are made of. Kept by `mkdocs serve`
    between builds, so that a page whose inputs did not change is not rendered again.

    `signatures` keeps each article's digests by object: `mkdocs serve` reuses the Article
    of an unchanged seed, so its digests are not recomputed either."""

    def __init__(self, store: dict | None = None, signatures: dict | None = None,
                 disk: Any = None):
        self.store = {} if store is None else store
        self.fresh: dict = {}
        self.signatures = {} if signatures is None else signatures
        self.fresh_signatures: dict = {}
        self.disk = disk  # a rendercache.RenderCache: pages kept between runs as well

    def signature(self, article: Article) -> tuple[str, str, str]:
        """Digests of the whole article, of what entry pages show of it, and of what the
        timeline shows of it."""
        hit = self.signatures.get(id(article))
        if hit is None or hit[0] is not article or hit[1] != article.slug:
            whole = hashlib.sha1(repr(signature(article)).encode()).hexdigest()
            row = hashlib.sha1(repr(row_signature(article)).encode()).hexdigest()
            dates = hashlib.sha1(repr((article.slug, article.title, plain(article.dates)))
                                 .encode()).hexdigest()
            hit = (article, article.slug, (whole, row, dates))
        self.fresh_signatures[id(article)] = hit
        return hit[2]

    def get(self, parts: tuple, render: Callable[[], Any]) -> Any:
        # In memory the parts themselves are the key (hashing a tuple costs far less than
        # the digest of its repr, 15,000 times per `mkdocs serve` rebuild); on disk, the
        # digest. Parts that cannot be hashed (a list inside) go by the digest in both.
        try:
            hash(parts)
            key: Any = parts
        except TypeError:
            key = None
        digest = None
        if key is None or self.disk is not None:
            digest = hashlib.sha1(repr(parts).encode()).hexdigest()
            key = key if key is not None else digest
        value = self.store.get(key)
        stored = f"{self.disk.salt}:{digest}" if self.disk is not None else ""
        if value is None and self.disk is not None:
            value = self.disk.get(stored)
        if value is None:
            value = render()
            if self.disk is not None:
                self.disk.put(stored, value)
        elif self.disk is not None:
            self.disk.used.add(stored)
        self.fresh[key] = value
        return value

    def finish(self) -> None:
        """Keep only what this build used."""
        self.store.clear()
        self.store.update(self.fresh)
        self.fresh = {}
        self.signatures.clear()
        self.signatures.update(self.fresh_signatures)
        self.fresh_signatures = {}
        if self.disk is not None:
            self.disk.commit(prune=True)
            self.disk.close()


def render_site(corpus: Corpus, layout: Layout, memo: PageMemo | None = None) -> dict[str, str]:
    """Every page of the collections, each rendered only when its inputs changed."""
    memo = memo or PageMemo()
    pages: dict[str, str] = {}
    signatures = {article.slug: memo.signature(article) for article in corpus.articles}
    table = slug_table(corpus)
    settings = (layout.root, layout.page_size, layout.taxonomy_key, layout.language)

    for article in corpus.articles:
        links = tuple(corpus.entries[kind][name].slug for kind in KINDS
                      for name in getattr(article, kind) if name in corpus.entries[kind])
        links += tuple((kind, corpus.entries[kind][q.speaker].slug) for q in article.quotes
                       for kind in ("people", "organizations")
                       if q.named and q.speaker in corpus.entries[kind])
        key = ("article", signatures[article.slug][0], links, settings)
        pages[layout.article(article)] = memo.get(key, lambda: article_page(article, corpus, layout))
    for kind in KINDS:
        for entry in corpus.entries[kind].values():
            key = ("entry", kind, entry.name, entry.slug, table, settings,
                   tuple(signatures[a.slug][1] for a in entry.articles))
            pages.update(memo.get(key, lambda: dict(entry_pages(entry, corpus, layout))))
        if kind == "topics":  # few entries, and a chart of every article's month
            pages.update(index_pages(kind, corpus, layout))
        else:  # what an index shows of each entry: its name, slug (table) and count
            key = ("index", kind, table, settings,
                   tuple((e.name, e.sort_as, len(e.articles))
                         for e in corpus.entries[kind].values()))
            pages.update(memo.get(key, lambda: dict(index_pages(kind, corpus, layout))))
    path, text = undated_page(corpus, layout)
    pages[path] = text
    return pages
