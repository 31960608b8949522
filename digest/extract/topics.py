"""Topics and keyphrases for one article.

Topics: the 17 top-level IPTC Media Topics by default, scored with a hand-written lexicon of
general news vocabulary (digest/extract/iptc.py) over the spaCy Doc that the pipeline already
made, so the cost is a few milliseconds. Words in the headline count three times, in the lede
twice, in a photo caption half; a word's repeats count less and less (log), so one repeated
word cannot carry a topic; a few words count only as nouns ("a strike", not "the quake
struck"). The main topic is the best scored; other topics apply when they have 6% of the
evidence from two different words or more. A curator may add their own topics in
curation/topics.yml, defined by keywords and/or entities and optionally nested under an IPTC
topic; matching ones are listed after the IPTC topics, so the main topic stays a standard
one. The curator's own `topics:` in a seed's metadata replace these (digest/corpus/curate.py).

Keyphrases: noun chunks of the body (never the photo caption or credit), with pronouns,
determiners, numbers and named entities stripped, ranked by frequency and position.
"""
from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from digest.model import Problem
from digest.extract.iptc import (CASED, DESCRIPTIONS, ENTITY_TERMS, FORMER_LABELS, IPTC_TOPICS, LEXICON,
                   NOUN_ONLY, PRIOR)

__all__ = ["IPTC_TOPICS", "Taxonomy", "CuratorTopic", "TopicInfo", "load_taxonomy",
           "classify", "keyphrases", "topic_info", "all_topics", "iptc_label"]

CODE_OF = {label: code for code, label in IPTC_TOPICS}
LABEL_OF_CODE = {code: label for code, label in IPTC_TOPICS}
LABELS = [label for _, label in IPTC_TOPICS]

# Where a word stands weighs how much it says about the article.
TITLE_WEIGHT, LEDE_WEIGHT, BODY_WEIGHT, CAPTION_WEIGHT = 3.0, 2.0, 1.0, 0.5
# An IPTC topic applies when it has at least this share of the evidence...
MIN_SHARE = 0.06
# ...and at least this much evidence, from at least two different words of its lexicon (the
# main topic needs neither: it is the best there is).
MIN_EVIDENCE = 2.0
MIN_TERMS = 2
# To keep the list readable, at most this many topics are listed.
MAX_TOPICS = 6
# `topics.min_score` in digest.yml (defaults in digest/inputs/settings.py, which must import
# without spaCy), applied when an article is curated: see min_score_filter.
from digest.inputs.settings import MIN_RELATIVE, MIN_SCORE  # noqa: E402
# A curator topic applies when its keyword occurrences plus its defining entities named in
# the article reach this (a topic may set its own `threshold`; 1 = any single hit).
CURATOR_THRESHOLD = 2.0
MAX_NGRAM = 4


# ---------------------------------------------------------------- the taxonomy

@dataclass(frozen=True)
class CuratorTopic:
    """A curator's own topic: a beat defined by keywords and/or entities."""

    label: str
    parent: str | None = None  # an IPTC label (or another curator topic)
    description: str = ""
    keywords: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()
    threshold: float = CURATOR_THRESHOLD


@dataclass(frozen=True)
class TopicInfo:
    """What the site shows about a topic label."""

    label: str
    code: str | None  # IPTC code, None for a curator topic
    parent: str | None  # the label it nests under, None at the top level
    description: str


@dataclass
class Taxonomy:
    """Curator topics parsed from curation/topics.yml (empty: IPTC only), and the problems
    found reading that file, for `digest check` to show."""

    curator: list[CuratorTopic] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # the issues, as text
    issues: list[Problem] = field(default_factory=list)  # each with file, line and column

    def find(self, label: str) -> CuratorTopic | None:
        key = label.casefold()
        return next((t for t in self.curator if t.label.casefold() == key), None)


def iptc_label(name: str) -> str | None:
    """The IPTC label for a label or code written any case ("Sport", "medtop:15000000"),
    or for an earlier IPTC label ("arts, culture and entertainment")."""
    key = " ".join(str(name).split()).casefold()
    if key in LABEL_OF_CODE:
        return LABEL_OF_CODE[key]
    return next((label for label in LABELS if label == key), None) or FORMER_LABELS.get(key)


def _strings(value) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return ()
    return tuple(dict.fromkeys(str(v).strip() for v in value if str(v).strip()))


def load_taxonomy(path: Path | None) -> Taxonomy:
    """Parse topics.yml with the curator-file loader and schema (digest/inputs/): a missing
    file means IPTC only. A bad entry is skipped and noted at its line, never fatal: the
    curator sees it in `digest check` and in the build."""
    from digest.inputs import schema, yamlfile

    taxonomy = Taxonomy()
    if path is None or not Path(path).is_file():
        return taxonomy
    checked = schema.validate(yamlfile.load(Path(path), what="curator topics ignored"), "topics")
    issues = list(checked.problems)
    where = str(path)
    seen: set[str] = set()
    for n, entry in enumerate(checked.data.get("topics", [])):
        place = checked.places.get(f"topics.{n}", (None, None))

        def note(message: str) -> None:
            issues.append(Problem(where, message, line=place[0], column=place[1],
                                  key=f"topics.{n}"))

        label = entry["label"]
        if iptc_label(label):
            note(f"'{label}' is an IPTC topic already: skipped")
            continue
        if label.casefold() in seen:
            note(f"topic '{label}' defined twice: skipped")
            continue
        seen.add(label.casefold())
        parent = entry.get("parent") or None
        if parent and iptc_label(parent):
            parent = iptc_label(parent)
        keywords, ents = _strings(entry.get("keywords")), _strings(entry.get("entities"))
        if not keywords and not ents:
            note(f"topic '{label}' has no keywords or entities: it can only be given in seed "
                 "metadata")
        taxonomy.curator.append(CuratorTopic(label, parent, entry.get("description") or "",
                                             keywords, ents,
                                             float(entry.get("threshold", CURATOR_THRESHOLD))))
    known = {t.label for t in taxonomy.curator} | set(LABELS)
    for n, topic in enumerate(taxonomy.curator):
        if topic.parent and topic.parent not in known:
            close = difflib.get_close_matches(topic.parent, sorted(known), n=2, cutoff=0.5)
            hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
            issues.append(Problem(where, f"topic '{topic.label}': unknown parent "
                                  f"'{topic.parent}'{hint}", key="parent"))
    taxonomy.issues = issues
    taxonomy.problems = [str(p) for p in issues]
    return taxonomy


def min_score_filter(ranked: list[str], scores: dict[str, float], absolute: float,
                     relative: float) -> list[str]:
    """`topics.min_score`: the IPTC topics kept, in rank order. The article's top topic is
    always kept; another IPTC topic needs a score of at least `absolute` and at least
    `relative` times the top topic's score. Curator topics (their own `threshold` decides)
    are kept as ranked."""
    iptc = [label for label in ranked if label in CODE_OF]
    if not iptc:
        return list(ranked)
    top = scores.get(iptc[0], 0.0)
    keep = []
    for label in ranked:
        if label in CODE_OF and label != iptc[0]:
            score = scores.get(label, 0.0)
            if score < absolute or score < relative * top:
                continue
        keep.append(label)
    return keep


def topic_info(label: str, taxonomy: Taxonomy | None = None) -> TopicInfo:
    """Code, parent and description of a topic label, IPTC or curator."""
    iptc = iptc_label(label)
    if iptc:
        return TopicInfo(iptc, CODE_OF[iptc], None, DESCRIPTIONS.get(iptc, ""))
    topic = taxonomy.find(label) if taxonomy else None
    if topic:
        return TopicInfo(topic.label, None, topic.parent, topic.description)
    return TopicInfo(label, None, None, "")


def all_topics(taxonomy: Taxonomy | None = None) -> list[TopicInfo]:
    """Every topic the site may list: the IPTC topics in IPTC order, then the curator's in
    the order of topics.yml."""
    return ([topic_info(label) for label in LABELS]
            + [topic_info(t.label, taxonomy) for t in (taxonomy.curator if taxonomy else [])])


# ---------------------------------------------------------------- matching words

def _key(term: str) -> tuple[str, ...]:
    """A term as the token sequence it matches: hyphens and spaces split words."""
    return tuple(w for w in re.split(r"[\s\-]+", term.lower()) if w)


def _build_index() -> dict[tuple[str, ...], list[tuple[str, float]]]:
    index: dict[tuple[str, ...], list[tuple[str, float]]] = {}
    for label in LABELS:
        for term, weight in LEXICON.get(label, {}).items():
            index.setdefault(_key(term), []).append((label, weight))
    return index


INDEX = _build_index()
WEIGHTS = {(label, key): weight for key, hits in INDEX.items() for label, weight in hits}
# Every proper prefix of a multi-word term: lets matching stop as soon as no term can follow.
PREFIXES = {key[:n] for key in INDEX for n in range(1, len(key))}


def _region_weights(seed) -> list[tuple[int, int, float, str]]:
    """(start, end, weight, kind) for each block of the text spaCy read."""
    regions = []
    first_paragraph = True
    for block in seed.blocks:
        if block.kind == "title":
            weight = TITLE_WEIGHT
        elif block.kind == "caption":
            weight = CAPTION_WEIGHT
        elif first_paragraph:
            weight, first_paragraph = LEDE_WEIGHT, False
        else:
            weight = BODY_WEIGHT
        regions.append((block.start, block.end, weight, block.kind))
    return regions


def _weight_at(regions, char: int) -> float:
    for start, end, weight, _ in regions:
        if start <= char < end:
            return weight
    return BODY_WEIGHT


def _token_stream(doc):
    """Words as (lemma, lower, exact, char, is_verb), None between phrases (punctuation but
    hyphens) and for words of a person's name ("Bill", "Rich"). Read from whole-Doc
    columns (`Doc.to_array`), not a Token object per token."""
    from spacy.attrs import (ENT_TYPE, IDX, IS_PUNCT, IS_QUOTE, IS_SPACE, LEMMA, LOWER,
                             ORTH, POS)
    from spacy.symbols import AUX, VERB

    if not len(doc):
        return []
    strings = doc.vocab.strings
    person = strings.add("PERSON")
    lemmas: dict[int, str] = {}
    stream = []
    for space, punct, quote, orth, ent, lemma, lower, idx, pos in doc.to_array(
            [IS_SPACE, IS_PUNCT, IS_QUOTE, ORTH, ENT_TYPE, LEMMA, LOWER, IDX, POS]).tolist():
        if space:
            continue
        if punct or quote:
            if strings[orth] not in "-\u2010\u2011":
                stream.append(None)
            continue
        if ent == person:
            stream.append(None)
            continue
        folded = lemmas.get(lemma)
        if folded is None:
            folded = lemmas[lemma] = strings[lemma].lower()
        stream.append((folded, strings[lower], strings[orth], idx, pos == VERB or pos == AUX))
    return stream


def _longest(stream, i: int) -> tuple[int, tuple[str, ...] | None]:
    """The longest lexicon term starting at word i, by lemma or by word form."""
    best: tuple[int, tuple[str, ...] | None] = (0, None)
    for form in (0, 1):
        key: tuple[str, ...] = ()
        for j in range(i, min(len(stream), i + MAX_NGRAM)):
            word = stream[j]
            if word is None:
                break
            key = key + (word[form],)
            if key in INDEX and len(key) > best[0]:
                best = (len(key), key)
            if key not in PREFIXES:
                break
    return best


def _evidence(doc, regions) -> dict[str, dict[tuple[str, ...], float]]:
    """topic -> matched term -> summed position weight of its occurrences."""
    found: dict[str, dict[tuple[str, ...], float]] = {}

    def add(key: tuple[str, ...], labels, weight: float) -> None:
        for label in labels:
            terms = found.setdefault(label, {})
            terms[key] = terms.get(key, 0.0) + weight

    stream = _token_stream(doc)
    i = 0
    while i < len(stream):
        word = stream[i]
        if word is None:
            i += 1
            continue
        n, key = _longest(stream, i)
        if n == 1 and word[4] and key[0] in NOUN_ONLY:
            n, key = 1, None  # "the quake hit", not "a hit"
        if word[2] in CASED and n <= 1:  # "Labour" the party, not the labour market
            n, key = 1, (word[2],)
            add(key, CASED[word[2]], _weight_at(regions, word[3]))
        elif key is not None:
            add(key, [label for label, _ in INDEX[key]], _weight_at(regions, word[3]))
        i += max(n, 1)
    for ent in doc.ents:
        term = ENTITY_TERMS.get(ent.label_)
        if term and (term,) in INDEX:
            add((term,), [label for label, _ in INDEX[(term,)]],
                _weight_at(regions, ent.start_char))
    return found


def _term_weight(label: str, key: tuple[str, ...]) -> float:
    if len(key) == 1 and key[0] in CASED:
        return CASED[key[0]].get(label, 0.0)
    return WEIGHTS.get((label, key), 0.0)


def iptc_evidence(doc, seed) -> dict[str, tuple[float, int]]:
    """Each IPTC topic's evidence and how many different terms gave it: per lexicon term,
    its weight x log(1 + its occurrences weighted by position), summed, times the topic's
    prior."""
    regions = _region_weights(seed)
    raw: dict[str, tuple[float, int]] = {}
    for label, terms in _evidence(doc, regions).items():
        total = sum(_term_weight(label, key) * math.log1p(count)
                    for key, count in terms.items())
        if total > 0:
            raw[label] = (total * PRIOR.get(label, 1.0), len(terms))
    return raw


# ---------------------------------------------------------------- curator topics

def _words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\w+", text.casefold()))


@dataclass
class _Words:
    """An article's words, as written and as lemmas, indexed by first word for fast phrase
    counting; made once per article and shared by every curator topic."""

    forms: tuple[list[str], list[str]]
    n_title: int
    starts: dict[str, list[int]]
    text: str

    @classmethod
    def of(cls, doc, seed) -> "_Words":
        toks = [t for t in doc if not t.is_space and not t.is_punct]
        lowers = [t.lower_ for t in toks]
        lemmas = [t.lemma_.lower() for t in toks]
        starts: dict[str, list[int]] = {}
        for i, (low, lem) in enumerate(zip(lowers, lemmas)):
            starts.setdefault(low, []).append(i)
            if lem != low:
                starts.setdefault(lem, []).append(i)
        n_title = sum(1 for t in toks if t.idx < len(seed.title))
        return cls((lowers, lemmas), n_title, starts, doc.text)

    def count(self, needle: tuple[str, ...], limit: int | None = None) -> int:
        """Occurrences of the phrase, all as written or all as lemmas (the larger)."""
        best = 0
        for form in self.forms:
            n = sum(1 for i in self.starts.get(needle[0], ())
                    if (limit is None or i + len(needle) <= limit)
                    and tuple(form[i:i + len(needle)]) == needle)
            best = max(best, n)
        return best


def _contains(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    n = len(needle)
    return any(haystack[i:i + n] == needle for i in range(len(haystack) - n + 1))


def curator_strength(topic: CuratorTopic, doc, seed, entities,
                     words: _Words | None = None,
                     named: tuple[set, set] | None = None) -> float:
    """How strongly an article matches a curator topic: one per keyword occurrence (as
    written or by lemma, whole words, any case; a keyword in the headline counts twice) plus
    one per defining entity that the article names (found by entity extraction, or written
    in the text exactly as the curator wrote it)."""
    words = words or _Words.of(doc, seed)
    strength = 0.0
    for keyword in topic.keywords:
        needle = _words(keyword)
        if needle:
            strength += words.count(needle) + words.count(needle, words.n_title)
    names, people = named or _named(entities)
    for name in topic.entities:
        needle = _words(name)
        if (needle in names or any(_contains(p, needle) for p in people)
                or re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", words.text)):
            strength += 1.0
    return strength


def _named(entities) -> tuple[set[tuple[str, ...]], set[tuple[str, ...]]]:
    """Every name the article's entities go by, as word tuples; and the people's names
    apart, since a person is also named by part of their name ("Zelensky")."""
    names: set[tuple[str, ...]] = set()
    people: set[tuple[str, ...]] = set()
    for kind in ("people", "organizations", "places"):
        for name in getattr(entities, kind, None) or []:
            names.add(_words(_text(name)))
            if kind == "people":
                people.add(_words(_text(name)))
    mentions = getattr(entities, "mentions", None) or {}
    pairs = mentions.items() if isinstance(mentions, dict) else ((m, None) for m in mentions)
    for short, full in pairs:
        names.add(_words(_text(short)))
        if full is not None:
            names.add(_words(_text(full)))
    return names - {()}, people - {()}


def _text(item) -> str:
    """A name given as a string, or as an object with a name or text."""
    if isinstance(item, str):
        return item
    return str(getattr(item, "name", None) or getattr(item, "text", None) or item)


# ---------------------------------------------------------------- classify

def classify(doc, seed, entities, taxonomy: Taxonomy) -> tuple[list[str], dict[str, float]]:
    """Ranked topic labels, most relevant first, and label -> score (3 decimals).

    Order: the IPTC topics that apply (score = share of the evidence), then matching
    curator topics, strongest first (score = strength / (strength + 2): 0.5 at the default
    threshold, towards 1 above). What the machine proposes only: the curator's `topics:`,
    `add_topics:` and `exclude:` are applied in digest/corpus/curate.py."""
    ranked: list[str] = []
    scores: dict[str, float] = {}

    def put(label: str, score: float) -> None:
        if label not in scores:
            ranked.append(label)
            scores[label] = round(score, 3)

    evidence = iptc_evidence(doc, seed)
    whole = sum(value for value, _ in evidence.values())
    order = sorted(evidence.items(), key=lambda kv: (-kv[1][0], LABELS.index(kv[0])))
    for n, (label, (value, terms)) in enumerate(order):
        if n >= MAX_TOPICS or (n > 0 and value / whole < MIN_SHARE):
            break
        if n == 0 or (value >= MIN_EVIDENCE and terms >= MIN_TERMS):
            put(label, value / whole)

    matched = []
    curator = [t for t in (taxonomy.curator if taxonomy else []) if t.keywords or t.entities]
    words = _Words.of(doc, seed) if curator else None
    named = _named(entities) if curator else None
    for topic in curator:
        strength = curator_strength(topic, doc, seed, entities, words, named)
        if strength >= topic.threshold:
            matched.append((-strength, topic.label))
    for neg, label in sorted(matched):
        put(label, -neg / (-neg + CURATOR_THRESHOLD))
    return ranked, scores


# ---------------------------------------------------------------- keyphrases

MAX_KEYPHRASES = 8
MAX_PHRASE_WORDS = 4
SINGLE_WORD_WEIGHT = 0.4  # "economic sanctions" says more than "sanctions"
HEAD_WEIGHT = 0.5  # per other mention of the phrase's head noun
# Nouns too general to stand alone as a keyphrase (they may head one: "young people").
GENERIC_NOUNS = frozenset("""
    people person man woman thing way time year day week month lot part number kind sort
    type place issue fact case point word world area end side group example reason
    question problem matter situation job use life home hand eye line level deal change
    """.split())
CONTENT_POS = {"ADJ", "NOUN", "PROPN"}
NAME_ENTS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
             "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL", "CARDINAL",
             "LANGUAGE"}


HYPHENS = {"-", "\u2010", "\u2011"}


def _compounds(doc) -> set[int]:
    """Token indices of hyphenated words ("pre-tax", "straight-sets"): one word each."""
    from spacy.attrs import ORTH, SPACY

    inside: set[int] = set()
    if len(doc) < 3:
        return inside
    hyphens = {doc.vocab.strings.add(h) for h in HYPHENS}
    rows = doc.to_array([ORTH, SPACY]).tolist()  # no Token object per token
    for i in range(1, len(rows) - 1):
        if rows[i][0] in hyphens and not rows[i][1] and not rows[i - 1][1]:
            inside.update((i - 1, i, i + 1))
    return inside


def _phrase_words(chunk, compounds: set[int] = frozenset()) -> list:
    """The chunk's last run of adjacent content words (adjectives, nouns, hyphenated words)
    ending at its head: determiners, pronouns, numbers, possessives, conjunctions, verbs and
    named entities ("Putin's", "U.S.") break the run; stop words at its edges are cut."""
    run: list = []
    for tok in chunk:
        content = (tok.pos_ in CONTENT_POS and not tok.like_num and tok.tag_ != "POS"
                   and any(c.isalpha() for c in tok.text))
        if tok.i in compounds:
            content = tok.text in HYPHENS or tok.is_alpha
        if not content or tok.ent_type_ in NAME_ENTS:
            run = []
            continue
        if run and tok.i != run[-1].i + 1:
            run = []
        run.append(tok)
    while run and ((run[0].is_stop and run[0].i not in compounds) or run[0].text in HYPHENS):
        run = run[1:]
    while run and ((run[-1].is_stop and run[-1].i not in compounds)
                   or run[-1].text in HYPHENS):
        run = run[:-1]
    return run[-MAX_PHRASE_WORDS:]


def _phrase_text(run) -> str:
    """As written, in lower case but for proper nouns and nationalities ("Western
    nations"), hyphenated words kept whole."""
    parts = [(t.text if t.pos_ == "PROPN" or t.ent_type_ == "NORP" else t.lower_)
             + (t.whitespace_ and " ") for t in run]
    return "".join(parts).strip()


def keyphrases(doc, seed, entities) -> list[str]:
    """About 5-8 phrases that say what the article is about beyond its names: noun chunks
    of the body (never the photo caption), ranked by how often they occur (in the lede
    twice as much, and a phrase the headline repeats gains), several words before one, then
    by first position. A single word must occur twice. Headlines alone propose nothing:
    their clipped grammar misleads the parser ("Gamers queue for...")."""
    title_end = len(seed.title)
    captions = [(b.start, b.end) for b in seed.blocks if b.kind == "caption"]
    lede_end = next((b.end for b in seed.blocks if b.kind == "paragraph"), title_end)
    named = _named(entities)[0]
    try:
        chunks = list(doc.noun_chunks)
    except (ValueError, NotImplementedError):  # no parser in the pipeline
        return []
    compounds = _compounds(doc)
    stats: dict[str, dict] = {}
    in_title: list[str] = []
    for chunk in chunks:
        if any(start <= chunk.start_char < end for start, end in captions):
            continue
        if chunk.root.ent_type_ in NAME_ENTS or chunk.root.pos_ != "NOUN":
            continue  # a name (found or not), a pronoun
        run = _phrase_words(chunk, compounds)
        if not run or run[-1].i != chunk.root.i or len(run[-1].text) < 3:
            continue
        text = _phrase_text(run)
        key = (_phrase_text(run[:-1]) + " " + run[-1].lemma_).strip().lower()
        if _words(text) in named or _words(key) in named:
            continue
        if chunk.start_char < title_end:
            in_title.append(key)
            continue
        entry = stats.setdefault(key, {"text": text, "first": chunk.start_char, "count": 0,
                                       "score": 0.0, "head": run[-1].lemma_.lower(),
                                       "words": len(text.split())})
        entry["count"] += 1
        entry["score"] += 2.0 if chunk.start_char < lede_end else 1.0
    for key in in_title:
        if key in stats:
            stats[key]["score"] += 2.0
    heads: dict[str, int] = {}
    for entry in stats.values():
        heads[entry["head"]] = heads.get(entry["head"], 0) + entry["count"]
    for entry in stats.values():  # its head said elsewhere adds ("U.S. sanctions")
        entry["score"] += HEAD_WEIGHT * (heads[entry["head"]] - entry["count"])
        if entry["words"] == 1:
            entry["score"] *= SINGLE_WORD_WEIGHT
    ranked = sorted(stats.values(), key=lambda e: (-e["score"], e["first"], e["text"]))
    chosen: list[str] = []
    for entry in ranked:
        if len(chosen) >= MAX_KEYPHRASES:
            break
        if entry["words"] == 1 and (entry["count"] < 2 or entry["head"] in GENERIC_NOUNS):
            continue  # one word said once, or a vague one, is not a key to the article
        low = entry["text"].lower()
        if any(low in c.lower() or c.lower() in low for c in chosen):
            continue
        chosen.append(entry["text"])
    return chosen
