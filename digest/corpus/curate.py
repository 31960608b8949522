"""Merge a seed's extraction with its curator metadata into an Article: curation always wins.

A curator list replaces the extracted list for that field; `exclude` removes names from the
extracted ones; `quotes:` corrects a quote's speaker (or adds a quote); `roles:` replaces the
roles of the people it names. Corpus-wide canonical names are applied here too."""
from __future__ import annotations

from dataclasses import replace
from typing import Any

from slugify import slugify

from digest.corpus.names import Canon
from digest.model import Article, Extraction, Problem, Quote, Seed

NAME_FIELDS = ("people", "organizations", "places")
SLUG_MAX = 80


class MemoCanon:
    """A Canon that answers each (kind, name) once: the same names recur in thousands of
    articles."""

    def __init__(self, canon: Canon) -> None:
        self.canon = canon
        self.memo: dict[tuple[str, str], str | None] = {}

    def name(self, kind: str, name: str) -> str | None:
        key = (kind, name)
        try:
            return self.memo[key]
        except KeyError:
            result = self.memo[key] = self.canon.name(kind, name)
            return result


Names = Canon | MemoCanon  # where curated names come from


def make_slug(text: str) -> str:
    """A readable ASCII slug, for any script ("Erdoğan" -> "erdogan")."""
    return slugify(text, max_length=SLUG_MAX, word_boundary=True) or "untitled"


def curated_names(seed: Seed, extracted: list[str], field: str, canon: Names | None) -> list[str]:
    """The names a page shows for one field: the curator's list, or the extracted one under
    its corpus-wide names, minus `exclude` and what the aliases file ignores."""
    if field in seed.meta:
        return list(dict.fromkeys(seed.meta[field]))
    excluded = {name.casefold() for name in seed.meta.get("exclude", [])}
    names = []
    for name in extracted:
        if name.casefold() in excluded:
            continue
        final = canon.name(field, name) if canon is not None else name
        if final is None or final.casefold() in excluded:
            continue
        names.append(final)
    return list(dict.fromkeys(names))


def curated_quotes(seed: Seed, quotes: list[Quote], canon: Names | None,
                   problems: list[Problem]) -> list[Quote]:
    fixes = seed.meta.get("quotes")
    # a described speaker ("a committee spokesman", named=False) is never made a name
    result = [replace(q, speaker=(canon.name("people", q.speaker) or q.speaker))
              if canon is not None and q.speaker and q.named else q for q in quotes]
    if fixes is None:
        return result
    if not isinstance(fixes, list) or not all(isinstance(f, dict) and "text" in f for f in fixes):
        problems.append(Problem(str(seed.path), "`quotes` must be a list of {text, speaker}: "
                                "ignored"))
        return result
    for fix in fixes:
        text, speaker = str(fix["text"]).strip(), fix.get("speaker")
        speaker = str(speaker).strip() if speaker else None
        for i, quote in enumerate(result):
            if text in quote.text or quote.text in text:
                result[i] = replace(quote, text=quote.text if text in quote.text else text,
                                    speaker=speaker, named=True)
                break
        else:
            result.append(Quote(text, speaker))
    return result


def curated_roles(seed: Seed, roles: dict[str, list[str]], canon: Names | None,
                  problems: list[Problem]) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for person, seen in roles.items():
        name = canon.name("people", person) if canon is not None else person
        if name:
            result.setdefault(name, [])
            result[name] += [r for r in seen if r not in result[name]]
    fixes = seed.meta.get("roles")
    if fixes is None:
        return result
    if not isinstance(fixes, dict):
        problems.append(Problem(str(seed.path), "`roles` must map a person to a role: ignored"))
        return result
    for person, role in fixes.items():
        roles_given = [role] if isinstance(role, str) else [str(r) for r in role or []]
        result[str(person)] = roles_given
    return result


def build_article(seed: Seed, extraction: Extraction, canon: Names | None,
                  problems: list[Problem]) -> Article:
    meta: dict[str, Any] = seed.meta
    topics = list(dict.fromkeys(meta.get("topics", []) + extraction.topics))
    return Article(
        seed=seed,
        slug=make_slug(meta.get("slug") or seed.title),
        title=seed.title,
        date=meta.get("date") or extraction.published,
        date_source="curator" if meta.get("date") else extraction.date_source,
        source=meta.get("source"),
        url=meta.get("url"),
        author=meta.get("author"),
        summary=meta.get("summary") or extraction.summary,
        people=curated_names(seed, extraction.people, "people", canon),
        organizations=curated_names(seed, extraction.organizations, "organizations", canon),
        places=curated_names(seed, extraction.places, "places", canon),
        topics=topics,
        topic_scores=dict(extraction.topic_scores),
        roles=curated_roles(seed, extraction.roles, canon, problems),
        quotes=curated_quotes(seed, extraction.quotes, canon, problems),
        dates=list(extraction.dates),
        keyphrases=list(meta.get("keyphrases") or extraction.keyphrases),
        word_count=extraction.word_count,
        reading_time=extraction.reading_time,
        draft=bool(meta.get("draft", False)),
    )


def assign_slugs(articles: list[Article]) -> None:
    """Make article slugs unique. In a clash, the earliest article (by date, then file name)
    keeps the plain slug and the others take their file name as suffix: independent of the
    order files were read in, and stable when a newer article arrives."""
    groups: dict[str, list[Article]] = {}
    for article in articles:
        groups.setdefault(article.slug, []).append(article)
    taken = set(groups)
    for slug, group in groups.items():
        if len(group) == 1:
            continue
        group.sort(key=lambda a: (a.date is None, a.date or 0, a.name))
        for article in group[1:]:
            candidate = f"{slug}-{make_slug(article.name)}"
            while candidate in taken:
                candidate += "-x"
            taken.add(candidate)
            article.slug = candidate
