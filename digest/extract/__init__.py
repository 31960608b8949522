"""Extraction: one seed in, one Extraction out, with spaCy run once per seed and its Doc
shared by every component (entities, dates, quotes, topics), as in a spaCy pipeline.

The result depends only on the seed, its sidecar and the curator files (the Context), so it
can be cached per seed and computed in any process."""
from __future__ import annotations

import functools
import hashlib
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from digest.model import Extraction, Seed
from digest.extract.nlp import MAX_CHARS
from digest.extract import dates, entities, quotes, topics

WORDS_PER_MINUTE = 230
NOT_ENGLISH = ("does not look like English: people, places, quotes, dates and topics were not "
               "extracted (give them in the sidecar)")
# Bump when an extractor's output changes: cached extractions from older code are redone.
EXTRACTOR_VERSION = "12"


@dataclass
class Context:
    """The curator files that extraction reads, loaded once per build."""

    aliases: entities.Aliases
    taxonomy: topics.Taxonomy
    fingerprint: str  # hash of those files' bytes: part of the cache key


def load_context(aliases_file: Path | None, topics_file: Path | None) -> Context:
    digest = hashlib.sha256(EXTRACTOR_VERSION.encode())
    for path in (aliases_file, topics_file):
        digest.update(b"\0" + (path.read_bytes() if path and path.is_file() else b""))
    from digest.inputs.check import safe_curator_file

    # A file the curator-file loader refuses (an alias bomb, too large) is not read at all.
    return Context(aliases=entities.load_aliases(safe_curator_file(aliases_file)),
                   taxonomy=topics.load_taxonomy(topics_file),
                   fingerprint=digest.hexdigest())


def analyse(seed: Seed, nlp, context: Context, max_chars: int = MAX_CHARS) -> Extraction:
    """Run every extractor over one seed."""
    return next(analyse_many([seed], nlp, context, max_chars=max_chars))


def analyse_many(seeds: Iterable[Seed], nlp, context: Context, max_chars: int = MAX_CHARS,
                 batch_size: int = 8) -> Iterator[Extraction]:
    """Run every extractor over each seed, in order: the same as `analyse` per seed, but the
    English texts go through `nlp.pipe` in batches, which costs spaCy less per article than
    one call per text (its models run over the whole batch at once)."""
    prepared = [_prepare(seed, max_chars) for seed in seeds]
    docs = nlp.pipe((text for _, text, english, _ in prepared if english),
                    batch_size=batch_size)
    for seed, text, english, notes in prepared:
        yield _finish(seed, next(docs) if english else None, context, notes)


def _prepare(seed: Seed, max_chars: int) -> tuple[Seed, str, bool, list[str]]:
    """The text spaCy reads, whether it reads it at all, and the notes so far."""
    text = seed.text
    notes = []
    if len(text) > max_chars:
        notes.append(f"long seed: extraction read the first {max_chars:,} of "
                     f"{len(text):,} characters; the page keeps the whole text")
        text = text[:max_chars]
    return seed, text, looks_english(text), notes


def _finish(seed: Seed, doc, context: Context, notes: list[str]) -> Extraction:
    """Every extractor over the seed's Doc (None: not English, so nothing is extracted)."""
    dateline = dates.find_dateline(seed)
    published, date_source = dates.publication_date(seed, dateline)
    words = word_count(seed)
    if doc is None:
        notes.append(NOT_ENGLISH)
        return Extraction(dateline=dateline, published=published, date_source=date_source,
                          summary=lede(seed, dateline),
                          word_count=words, reading_time=reading_time(words), notes=notes)
    found = entities.extract_entities(doc, seed, context.aliases, dateline)
    mentioned = dates.mentioned_dates(doc, seed, published)
    said = quotes.extract_quotes(doc, seed, found)
    ranked, scores = topics.classify(doc, seed, found, context.taxonomy)
    phrases = topics.keyphrases(doc, seed, found)
    return Extraction(
        people=found.people, organizations=found.organizations, places=found.places,
        roles=found.roles, quotes=said, dates=mentioned, dateline=dateline,
        published=published, date_source=date_source, topics=ranked, topic_scores=scores,
        keyphrases=phrases, summary=lede(seed, dateline), word_count=words,
        reading_time=reading_time(words), notes=notes, evidence=found.evidence)


def reading_time(words: int) -> int:
    return max(1, math.ceil(words / WORDS_PER_MINUTE)) if words else 0


OTHER_LANGUAGES = ("de", "fr", "es", "it", "pt", "nl")


def looks_english(text: str, sample: int = 2000) -> bool:
    """English prose is full of English function words; other languages have their own, and
    other scripts have none. Only lowercase words count, so that a results table full of
    names still reads as English. Short texts get the benefit of the doubt."""
    words = [w for w in re.findall(r"[^\W\d_]+", text[:sample * 8])[:sample] if w.islower()]
    if len(words) < 20:
        return True

    def share(lang: str) -> float:
        stop = stop_words(lang)
        return sum(w in stop for w in words) / len(words)

    english = share("en")
    if english >= 0.1 and all(english > share(lang) for lang in OTHER_LANGUAGES):
        return True
    # a results list or a table ("X (Spain) beat Y (Italy) 6-1", one line each) is mostly
    # names and numbers, and its few words repeat ("beat"): judge the prose lines around it
    # ("Results of first round matches on Monday..."), which a non-English list has too
    return _prose_english(text[:sample * 8])


PROSE_WORDS = 6  # a line with this many lowercase words is prose, not a row of a list
PROSE_SHARE = 0.25  # in prose alone, English function words are this common at least


def _prose_english(text: str) -> bool:
    words: list[str] = []
    for line in text.splitlines():
        lower = [w for w in re.findall(r"[^\W\d_]+", line) if w.islower()]
        if len(lower) >= PROSE_WORDS:
            words += lower
    if len(words) < PROSE_WORDS:
        return False
    english = sum(w in stop_words("en") for w in words) / len(words)
    return english >= PROSE_SHARE and all(
        english > sum(w in stop_words(lang) for w in words) / len(words)
        for lang in OTHER_LANGUAGES)


@functools.lru_cache(maxsize=None)
def stop_words(lang: str) -> frozenset[str]:
    """spaCy's stop-word list for `lang`, read from its `stop_words.py` alone. Importing
    `spacy.lang.fr.stop_words` would first run `spacy.lang.fr`'s __init__, which builds the
    French tokenizer exceptions (seconds of regex compiling per process, for a word list).
    The stop_words modules are plain literals with no imports, so executing the file on its
    own gives the very same set."""
    import importlib.util

    import spacy.lang

    path = Path(spacy.lang.__file__).parent / lang / "stop_words.py"
    spec = importlib.util.spec_from_file_location(f"_digest_stop_words_{lang}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return frozenset(module.STOP_WORDS)


def word_count(seed: Seed) -> int:
    return sum(len(re.findall(r"\w+(?:[’'-]\w+)*", p)) for p in seed.paragraphs)


def lede(seed: Seed, dateline=None) -> str:
    """The summary: the first paragraph of the story, past a dateline that stands alone."""
    paragraphs = list(seed.paragraphs)
    located = dates.locate_dateline(seed) if dateline is not None else None
    if located is not None and located.dateline.whole_paragraph:
        paragraphs = paragraphs[located.last + 1:]  # past a byline and the dateline
    for paragraph in paragraphs:
        if seed.markdown and paragraph.lstrip().startswith(("#", "!", "<", "|", "```")):
            continue
        return paragraph
    return ""
