"""Render the corpus as Markdown pages: a pure function from Corpus to {path: text}, paths
relative to docs/. Writing them to disk is output.py's job."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any, Callable, Iterator

import yaml

from digest.site import markup
from digest.corpus.entries import KIND_TITLES, KINDS, Corpus, Entry
from digest.model import Article
from digest.site.urls import Paths

KIND_SINGULAR = {"people": "Person", "organizations": "Organization", "places": "Place",
                 "topics": "Topic"}


@dataclass
class Layout(Paths):
    """How the digest is laid out: where each page lives (`urls.Paths`, the one place that
    knows), and how long its listings are."""

    page_size: int = 50
    taxonomy: Any = None  # curator topics, for topic codes, parents and descriptions
    taxonomy_key: str = ""  # a fingerprint of the curator files behind `taxonomy`


def quote_block(text: str, attribution: str) -> str:
    """One quote as its own block quote (adjacent `>` blocks would merge into one)."""
    body = f"> {markup.inline(text)}" + (f"\n>\n> — {attribution}" if attribution else "")
    return f'<div class="digest-quote" markdown="1">\n\n{body}\n\n</div>'


def unsearched(markdown: str) -> str:
    """Listings that repeat other pages' words (titles, names) stay out of the search index,
    so that a search lands on the article or the person, not on every list naming them."""
    return f'<div data-search-exclude markdown="1">\n\n{markdown}\n\n</div>'


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


def chunks(rows: list, size: int) -> list[list]:
    return [rows[i:i + size] for i in range(0, len(rows), size)] or [[]]


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
    return "\n\n" + " · ".join(parts) + "\n"


def byline(article: Article) -> str:
    parts = [article.date.isoformat() if article.date else "Undated"]
    if article.source:
        parts.append(article.source)
    if article.reading_time:
        parts.append(f"{article.reading_time} min read")
    return " · ".join(parts)


def article_row(article: Article, layout: Layout, here: str, summary: bool = True,
                corpus: Corpus | None = None) -> str:
    """One article in a listing: date, linked title, source, summary and topic chips."""
    date = article.date.isoformat() if article.date else "Undated"
    line = f"- **{date}** · {markup.link(article.title, layout.article(article), here)}"
    if article.source:
        line += f" · {markup.inline(article.source)}"
    if summary and article.summary:
        line += f"\n\n    {markup.inline(article.summary)}"
    if corpus is not None and article.topics:
        chips = [markup.link(t, layout.entry(corpus.entries["topics"][t]), here, "digest-chip")
                 for t in article.topics[:3] if t in corpus.entries["topics"]]
        line += "\n\n    " + " ".join(chips)
    return line


def names_line(label: str, kind: str, names: list[str], corpus: Corpus, layout: Layout,
               here: str) -> str:
    links = [markup.link(n, layout.entry(corpus.entries[kind][n]), here, "digest-chip")
             for n in names if n in corpus.entries[kind]]
    return f"**{label}:** " + " ".join(links) if links else ""


def article_page(article: Article, corpus: Corpus, layout: Layout) -> str:
    here = layout.article(article)
    meta = {
        "title": page_title(article.title),
        "date": article.date,
        "date_source": article.date_source,
        "source": article.source,
        "author": article.author,
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
    }
    out = [front_matter(meta), f"# {markup.inline(article.title)}\n",
           markup.paragraph(byline(article), "digest-byline")]
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
            speaker = ""
            if quote.speaker:
                for kind in ("people", "organizations"):
                    entry = corpus.entries[kind].get(quote.speaker)
                    if entry is not None:
                        speaker = markup.link(quote.speaker, layout.entry(entry), here)
                        break
                else:
                    speaker = markup.inline(quote.speaker)
            out.append(quote_block(quote.text, speaker))
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


def entry_pages(entry: Entry, corpus: Corpus, layout: Layout) -> Iterator[tuple[str, str]]:
    """An entry's page (split when long): what it is, what it said, where it appears."""
    rows = chunks(entry.articles, layout.page_size)
    for number, articles in enumerate(rows, start=1):
        here = layout.entry(entry, number)
        count = len(entry.articles)
        out = [front_matter({"title": page_title(entry.name), "kind": entry.kind,
                             "articles": count}),
               f"# {markup.inline(entry.name)}\n",
               f"{KIND_SINGULAR[entry.kind]} · {count} article{'s' if count != 1 else ''}"]
        if entry.kind == "topics":
            out += list(topic_header(entry, corpus, layout, here))
        if number == 1:
            out += list(entry_details(entry, corpus, layout, here))
        out.append(unsearched("## Articles\n\n" + "\n".join(
            article_row(a, layout, here, summary=False) for a in articles)))
        out.append(pager(lambda p: layout.entry(entry, p), number, len(rows)))
        yield here, "\n\n".join(part for part in out if part) + "\n"


def topic_header(entry: Entry, corpus: Corpus, layout: Layout, here: str) -> Iterator[str]:
    """A topic's code, description, and where it sits in the taxonomy."""
    from digest.extract.topics import topic_info

    info = topic_info(entry.name, layout.taxonomy)
    if info.code:
        yield f"IPTC Media Topic `{info.code}`"
    if info.description:
        yield markup.inline(info.description)
    parent = corpus.entries["topics"].get(info.parent or "")
    if parent is not None:
        yield f"Part of {markup.link(parent.name, layout.entry(parent), here)}."
    children = [e for e in corpus.sorted_entries("topics")
                if e.name != entry.name and topic_info(e.name, layout.taxonomy).parent == entry.name]
    if children:
        yield "Narrower topics: " + " ".join(
            markup.link(c.name, layout.entry(c), here, "digest-chip") for c in children)


def entry_details(entry: Entry, corpus: Corpus, layout: Layout, here: str) -> Iterator[str]:
    if entry.roles:
        yield "## Roles"
        seen = {(role, article.slug): (role, article) for role, article in entry.roles}
        yield "\n".join(f"- {markup.inline(role)} — "
                        f"{markup.link(article.title, layout.article(article), here)}"
                        for role, article in seen.values())
    if entry.quotes:
        yield "## Quotes"
        for quote, article in entry.quotes:
            date = article.date.isoformat() if article.date else "Undated"
            yield quote_block(quote.text, f"{date}, "
                              f"{markup.link(article.title, layout.article(article), here)}")
    related = {"people": [("people", "Appears most with"), ("places", "Places"),
                          ("organizations", "Organizations")],
               "organizations": [("people", "People"), ("organizations", "Related organizations")],
               "places": [("people", "People"), ("places", "Related places")],
               "topics": [("people", "People who recur most"),
                          ("places", "Places that recur most"), ("topics", "Related topics")]}
    for kind, heading in related[entry.kind]:
        names = entry.related(kind)
        if names:
            yield unsearched(f"## {heading}\n\n" + "\n".join(
                f"- {markup.link(n, layout.entry(corpus.entries[kind][n]), here)} ({c})"
                for n, c in names))


def index_pages(kind: str, corpus: Corpus, layout: Layout) -> Iterator[tuple[str, str]]:
    """Two orders of the same index: by name, and by number of articles."""
    title = KIND_TITLES[kind]
    for by, other, label in (("name", "count", "by number of articles"),
                             ("count", "name", "A to Z")):
        entries = corpus.sorted_entries(kind, by)
        rows = chunks(entries, layout.page_size * 4)
        for number, part in enumerate(rows, start=1):
            here = layout.index(kind, by, number)
            order = "A to Z" if by == "name" else "by number of articles"
            out = [front_matter({"title": f"{title} ({order})" if by == "count" else title,
                                 **LISTING}),
                   f"# {title}\n",
                   f"{len(entries)} {kind}, {order}. Sort "
                   f"{markup.link(label, layout.index(kind, other), here)}."]
            out.append("\n".join(
                f"- {markup.link(e.name, layout.entry(e), here)} ({len(e.articles)})"
                for e in part) or "Nothing yet.")
            out.append(pager(lambda p: layout.index(kind, by, p), number, len(rows)))
            yield here, "\n\n".join(x for x in out if x) + "\n"


def undated_page(corpus: Corpus, layout: Layout) -> tuple[str, str]:
    here = layout.undated()
    undated = [a for a in corpus.articles if a.date is None]
    body = "\n".join(article_row(a, layout, here, corpus=corpus) for a in undated)
    return here, (front_matter({"title": "Undated", **LISTING}) + "\n# Undated\n\n"
                  "Articles with no known publication date: neither the curator, the file name "
                  "nor a dateline gives one.\n\n" + (body or "None.") + "\n")


def latest(corpus: Corpus, layout: Layout, here: str, limit: int) -> str:
    """The newest articles for the home page, linked from `here`."""
    rows = [article_row(a, layout, here, corpus=corpus) for a in corpus.articles[:limit]]
    return "\n".join(rows) if rows else "No articles yet: add seeds to `seeds/`."


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
    names it shares with others ("appears most with"); not the body, summary or dates."""
    return (article.slug, article.title, article.date, article.source, tuple(article.people),
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
        key = hashlib.sha1(repr(parts).encode()).hexdigest()
        value = self.store.get(key)
        stored = f"{self.disk.salt}:{key}" if self.disk is not None else ""
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
    settings = (layout.root, layout.page_size, layout.taxonomy_key)

    for article in corpus.articles:
        links = tuple(corpus.entries[kind][name].slug for kind in KINDS
                      for name in getattr(article, kind) if name in corpus.entries[kind])
        links += tuple((kind, corpus.entries[kind][q.speaker].slug) for q in article.quotes
                       for kind in ("people", "organizations")
                       if q.speaker in corpus.entries[kind])
        key = ("article", signatures[article.slug][0], links, settings)
        pages[layout.article(article)] = memo.get(key, lambda: article_page(article, corpus, layout))
    for kind in KINDS:
        for entry in corpus.entries[kind].values():
            key = ("entry", kind, entry.name, entry.slug, table, settings,
                   tuple(signatures[a.slug][1] for a in entry.articles))
            pages.update(memo.get(key, lambda: dict(entry_pages(entry, corpus, layout))))
        pages.update(index_pages(kind, corpus, layout))
    path, text = undated_page(corpus, layout)
    pages[path] = text
    return pages
