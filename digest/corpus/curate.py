"""Merge a seed's extraction with its curator metadata into an Article: curation always wins,
and says how (`digest review` shows each step).

For names (`people`, `organizations`, `places`) and `topics`, three keys, applied in this
order:

- `people:` etc. **replace** the extracted list with the curator's;
- `exclude:` **removes** names and topics from the extracted lists; a name matches as it was
  extracted, as the site shows it (corpus-wide name), and as the aliases file maps it
  (`exclude: [Leyen]` drops what aliases.yml calls Ursula von der Leyen);
- `add_people:` etc. **add** to the list, after what is kept.

Extracted IPTC topics below `topics.min_score` (digest.yml) are dropped first. `quotes:`
corrects a quote it names by its text (text and speaker replaced whole), or adds one;
`roles:` replaces the roles of the people it names. Corpus-wide canonical names are applied
to extracted names here too."""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from slugify import slugify

from digest.corpus.names import Canon
from digest.extract import topics as topic_mod
from digest.model import Article, Extraction, Problem, Quote, Seed
from digest.text import fold

NAME_FIELDS = ("people", "organizations", "places")
LIST_FIELDS = NAME_FIELDS + ("topics",)
SLUG_MAX = 80
QUOTE_LIKENESS = 0.85  # a curator's corrected text still names the quote it corrects


@dataclass(frozen=True)
class Options:
    """What curation needs besides the seed and its extraction: the curator topics (to
    spell labels as defined) and the topic score thresholds from digest.yml."""

    taxonomy: Any = None  # topics.Taxonomy
    min_score: float = topic_mod.MIN_SCORE
    min_relative: float = topic_mod.MIN_RELATIVE

    def key(self) -> str:
        labels = tuple(t.label for t in self.taxonomy.curator) if self.taxonomy else ()
        return repr((labels, self.min_score, self.min_relative))


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


def _aliases(canon: Names | None):
    inner = canon.canon if isinstance(canon, MemoCanon) else canon
    return getattr(inner, "aliases", None)


def excluded_keys(seed: Seed, canon: Names | None) -> set[str]:
    """Folded names and labels in `exclude:`, with what the aliases file maps each to."""
    names = seed.meta.get("exclude", [])
    keys = {fold(n) for n in names}
    aliases = _aliases(canon)
    if aliases is not None:
        for name in names:
            target = aliases.lookup(name)
            if target:
                keys.add(fold(target))
    return keys


def curated_names(seed: Seed, extracted: list[str], field: str, canon: Names | None) -> list[str]:
    """The names a page shows for one field: the curator's list, or the extracted one under
    its corpus-wide names minus `exclude` and what the aliases file ignores; then
    `add_<field>`."""
    if field in seed.meta:
        names = list(seed.meta[field])
    else:
        excluded = excluded_keys(seed, canon)
        names = []
        for name in extracted:
            if fold(name) in excluded:
                continue
            final = canon.name(field, name) if canon is not None else name
            if final is None or fold(final) in excluded:
                continue
            names.append(final)
    names += seed.meta.get(f"add_{field}", [])
    return list(dict.fromkeys(names))


def topic_label(name: str, taxonomy) -> str:
    """A topic as the site spells it: the IPTC label for a label or code in any case, the
    curator topic's own label, else as written."""
    iptc = topic_mod.iptc_label(name)
    if iptc:
        return iptc
    found = taxonomy.find(name) if taxonomy is not None else None
    return found.label if found is not None else name


def curated_topics(seed: Seed, extraction: Extraction, canon: Names | None,
                   options: Options) -> tuple[list[str], dict[str, float]]:
    """Topics and their scores: `topics:` replaces; else the extracted ones above
    `topics.min_score`, minus `exclude`; then `add_topics:`. A curator's topic scores 1."""
    scores: dict[str, float] = {}
    if "topics" in seed.meta:
        ranked = [topic_label(t, options.taxonomy) for t in seed.meta["topics"]]
        scores = {label: 1.0 for label in ranked}
    else:
        kept = topic_mod.min_score_filter(extraction.topics, extraction.topic_scores,
                                          options.min_score, options.min_relative)
        excluded = {fold(topic_label(t, options.taxonomy)) for t in seed.meta.get("exclude", [])}
        ranked = [t for t in kept if fold(t) not in excluded]
        scores = {t: extraction.topic_scores[t] for t in ranked if t in extraction.topic_scores}
    for name in seed.meta.get("add_topics", []):
        label = topic_label(name, options.taxonomy)
        if label not in scores:
            ranked.append(label)
            scores[label] = 1.0
    ranked = list(dict.fromkeys(ranked))
    return ranked, {t: scores.get(t, 1.0) for t in ranked}


def _quote_key(text: str) -> str:
    """Quote texts compared with case, spacing and the kind of quote marks ignored."""
    text = text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2018", "'")
    return " ".join(text.replace("\u2019", "'").split()).casefold().strip(" \"'.,")


def _alike(a: str, b: str) -> bool:
    """The same quote with a few characters corrected ("permiting" -> "permitting")."""
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= QUOTE_LIKENESS


def curated_quotes(seed: Seed, quotes: list[Quote], canon: Names | None,
                   problems: list[Problem]) -> list[Quote]:
    """The extracted quotes under corpus-wide speaker names, with the curator's `quotes:`
    applied: a fix whose text is (part of) an extracted quote's, or contains it, replaces
    that quote whole, text and speaker; any other fix is a quote added."""
    result = []
    for q in quotes:
        speaker = q.speaker
        if canon is not None and speaker and q.named:
            speaker = canon.name("people", speaker) or speaker
        result.append(Quote(q.text, speaker, q.fragment, q.sentence, q.named))
    for fix in seed.meta.get("quotes") or []:
        text, speaker = fix["text"], fix.get("speaker")
        key = _quote_key(text)
        if not key:
            continue
        for i, quote in enumerate(result):
            found = _quote_key(quote.text)
            if found and (key in found or found in key or _alike(key, found)):
                result[i] = Quote(text, speaker, quote.fragment,
                                  quote.sentence if quote.fragment else "", True)
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
    for person, given in (seed.meta.get("roles") or {}).items():
        result[person] = list(given)
    return result


def build_article(seed: Seed, extraction: Extraction, canon: Names | None,
                  problems: list[Problem], options: Options | None = None) -> Article:
    meta: dict[str, Any] = seed.meta
    options = options or Options()
    topics, scores = curated_topics(seed, extraction, canon, options)
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
        topic_scores=scores,
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
