"""Taxonomies built in one place: people, organizations, places and topics, each name with the
articles that carry it, plus what their pages show (co-occurring names, roles, quotes)."""
from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from dataclasses import dataclass, field

from typing import TYPE_CHECKING

from digest.corpus.curate import make_slug
from digest.model import Article, Quote

if TYPE_CHECKING:
    from digest.corpus.names import Canon

KINDS = ("people", "organizations", "places", "topics")
KIND_TITLES = {"people": "People", "organizations": "Organizations", "places": "Places",
               "topics": "Topics"}


def newest_first(article: Article) -> tuple:
    """Newest first, undated last; ties broken by title and slug so the order is stable."""
    return (article.date is None, -(article.date or dt.date.min).toordinal(), article.title,
            article.slug)


@dataclass(frozen=True)
class RoleSeen:
    """One distinct role of a person across the corpus: how often, and from when to when."""

    role: str
    count: int
    first_seen: dt.date | None
    last_seen: dt.date | None


@dataclass
class Entry:
    """One person, organization, place or topic, and the articles that name it."""

    kind: str
    name: str
    slug: str
    articles: list[Article] = field(default_factory=list)
    roles: list[tuple[str, Article]] = field(default_factory=list)  # people only
    quotes: list[tuple[Quote, Article]] = field(default_factory=list)  # people, organizations
    sort_as: str | None = None  # the curator's sort key (an alias's `sort_as:`), people only
    # kind -> the names that have a page: `related` lists only those (shared by all entries)
    paged: dict[str, dict] | None = field(default=None, repr=False, compare=False)

    def role_summary(self) -> list[RoleSeen]:
        """Distinct roles (case and spacing aside), most frequent first: what a person page
        leads with, instead of one line per article."""
        seen: dict[str, list] = {}
        for role, article in self.roles:
            key = " ".join(role.split()).casefold()
            slot = seen.setdefault(key, [role, 0, None, None])
            slot[1] += 1
            if article.date is not None:
                slot[2] = article.date if slot[2] is None else min(slot[2], article.date)
                slot[3] = article.date if slot[3] is None else max(slot[3], article.date)
        roles = [RoleSeen(*slot) for slot in seen.values()]
        return sorted(roles, key=lambda r: (-r.count, r.role.casefold()))

    def related(self, kind: str, limit: int = 10) -> list[tuple[str, int]]:
        """The names of `kind` that share the most articles with this entry."""
        counts: Counter[str] = Counter()
        among = self.paged.get(kind) if self.paged is not None else None
        for article in self.articles:
            counts.update(n for n in set(getattr(article, kind)) if n != self.name
                          and (among is None or n in among))
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]


@dataclass
class Corpus:
    articles: list[Article]  # newest first
    entries: dict[str, dict[str, Entry]]  # kind -> name -> entry

    def entry(self, kind: str, name: str) -> Entry | None:
        return self.entries[kind].get(name)

    def sorted_entries(self, kind: str, by: str = "name") -> list[Entry]:
        entries = list(self.entries[kind].values())
        if by == "count":
            return sorted(entries, key=lambda e: (-len(e.articles), e.name.casefold(), e.name))
        return sorted(entries, key=lambda e: (e.name.casefold(), e.name))


def unique_slug(name: str, taken: set[str]) -> str:
    slug = make_slug(name)
    if slug in taken:  # two names, one slug: a short hash of the name keeps both stable
        slug = f"{slug}-{hashlib.sha1(name.encode()).hexdigest()[:6]}"
    taken.add(slug)
    return slug


def build_corpus(articles: list[Article], canon: "Canon | None" = None) -> Corpus:
    """Every article's entries. With the corpus-wide `canon`, only the names it pages get an
    entry (see corpus/names.py), plus every name a curator lists (an alias, or a sidecar's
    own list); the others stay in their articles' metadata. Without it, every name does."""
    articles = sorted(articles, key=newest_first)
    entries: dict[str, dict[str, Entry]] = {kind: {} for kind in KINDS}
    for kind in KINDS:
        names = sorted({n for a in articles for n in getattr(a, kind) if canon is None
                        or kind == "topics" or canon.paged(kind, n)
                        or n in (a.seed.meta.get(kind) or ())})
        taken: set[str] = {"index", "by-count"}  # reserved for the index pages
        for name in names:
            sort_as = canon.aliases.sort_as.get(name) if canon is not None else None
            entries[kind][name] = Entry(kind, name, unique_slug(name, taken), sort_as=sort_as,
                                        paged=entries)
        for article in articles:
            for name in dict.fromkeys(getattr(article, kind)):
                entry = entries[kind].get(name)
                if entry is not None:
                    entry.articles.append(article)
    for article in articles:
        for person, roles in article.roles.items():
            entry = entries["people"].get(person)
            if entry is not None:
                entry.roles += [(role, article) for role in roles]
        for quote in article.quotes:
            if not quote.named:
                continue  # a described speaker ("a committee spokesman") has no entry
            for kind in ("people", "organizations"):
                entry = entries[kind].get(quote.speaker or "")
                if entry is not None:
                    entry.quotes.append((quote, article))
                    break
    return Corpus(articles=articles, entries=entries)
