"""Direct quotes and who said them.

Quotation marks are paired in the text itself (spaCy does not pair them; writers mix straight
and curly marks, even within one quote), then the speaker is read from the dependency parse
the pipeline already made: the subject of the speech verb ("said", "told", "added"...) that
frames the quote, the object of "quoted X as saying", the object of "according to", or a name
after a dash. A pronoun ("he said") is the person most recently named as a speaker or subject
before it; a paragraph that is only a quote, or a quote after an attributed one in its
paragraph, continues that speaker. A word or two in marks that no speech verb governs is a
scare quote ("no-limits") or a title ("Morning Joe"), not a quote.

A quote is its words without the marks ("never refused to negotiate"), except a fragment of
indirect speech, which keeps the reported content it belongs to, marks included ("Doe said
the plan was “a disaster” for the town" -> the plan was “a disaster” for the town): the
fragment alone would say little. A speaker is the full name from the entities when one
begins or ends with the mention, else the mention as written; a speaker described but not
named is its noun phrase ("police", "state officials").

Only the body is read: quotes in the title and the photo caption are skipped."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

import numpy
from spacy.attrs import DEP, LEMMA, LOWER, POS, SENT_START
from spacy.strings import hash_string
from spacy.symbols import AUX, NOUN, PROPN, VERB, nsubj

from digest.extract.entities import given_names  # one dictionary per process
from digest.model import Quote

# Lemmas of verbs that introduce what someone said, wrote, or called something.
SPEECH_VERBS = frozenset({
    "say", "tell", "add", "quote", "state", "write", "ask", "insist", "warn", "argue", "note",
    "explain", "declare", "claim", "comment", "remark", "reply", "respond", "answer",
    "announce", "acknowledge", "admit", "assert", "contend", "counter", "suggest", "predict",
    "promise", "recall", "report", "stress", "tweet", "continue", "complain",
    "concede", "confirm", "deny", "describe", "call", "dub", "label", "term", "brand", "urge",
    "vow", "pledge", "joke", "quip", "observe", "emphasize", "emphasise", "maintain",
    "testify", "scoff", "shout", "yell", "exclaim", "wonder", "muse", "criticize",
    "criticise", "praise", "laud", "boast", "brag", "recount", "charge", "allege", "caution",
    "chant", "sing", "read", "proclaim", "demand", "thunder", "retort", "lament",
    "tout", "hail", "decry", "mock", "accuse", "agree", "disagree", "point", "reiterate",
    "liken", "compare", "dismiss", "condemn", "denounce", "blast", "slam", "scold", "applaud",
    "conclude", "mention", "assure", "advise", "inform", "plead", "interject", "concur",
    "object", "protest", "bemoan", "threaten", "forecast", "recommend", "elaborate",
    "clarify", "speculate", "hint", "whisper", "mutter", "murmur", "cry", "scream", "fume",
    "snap", "rail", "opine", "rebut", "inquire", "query", "post", "sneer", "gush",
})
# verbs that only ever report speech: never a mere part of what is reported
PLAIN_REPORTS = frozenset({"say", "tell", "add", "write", "ask", "quote", "state"})
# what people issue, send or post, that "says" things: its sender is the speaker
DOCUMENTS = frozenset({"statement", "report", "letter", "memo", "release", "tweet", "post",
                       "message", "note", "email", "e-mail", "filing", "complaint", "notice",
                       "editorial", "column", "video", "ad", "advertisement", "communique"})
ACCORDING = "according"  # "according to X"
# which antecedents a pronoun may stand for ("other": a name the tagger did not type well)
PRONOUNS = {"he": ("person", "other"), "she": ("person", "other"),
            "it": ("org", "noun", "other"), "they": ("person", "org", "other", "noun"),
            "we": ("person", "org", "other")}
PRONOUN_GENDER = {"he": "m", "she": "f"}
HONORIFIC_GENDER = {"mr": "m", "sir": "m", "lord": "m", "king": "m", "prince": "m",
                    "mrs": "f", "ms": "f", "miss": "f", "madam": "f", "dame": "f", "lady": "f",
                    "queen": "f", "princess": "f"}
GENDERED_NOUNS = {"spokesman": "m", "chairman": "m", "congressman": "m", "businessman": "m",
                  "man": "m", "father": "m", "husband": "m", "son": "m", "brother": "m",
                  "spokeswoman": "f", "chairwoman": "f", "congresswoman": "f",
                  "businesswoman": "f", "woman": "f", "mother": "f", "wife": "f",
                  "daughter": "f", "sister": "f"}
SPEAKER_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC"}
NAME_LABELS = ("PERSON", "ORG", "GPE", "NORP")
NOUN_MODIFIER_DEPS = {"amod", "compound", "nmod", "nummod"}
MODIFIER_DEPS = {"amod", "compound", "nmod", "nummod", "poss", "advmod", "npadvmod"}
CONTENT_DEPS = {"ccomp", "xcomp", "dobj", "oprd", "attr", "acomp"}  # what a verb reports
DESCRIPTION_LEFT = {"det", "poss", "amod", "compound", "nmod", "nummod", "quantmod"}
DESCRIPTION_PREPS = {"of", "for", "at", "with", "from", "in", "to"}
MAX_DESCRIPTION_TOKENS = 10
COMPLEMENTIZERS = {"that", "whether", "if"}  # "said that “…”" is a whole quote
MIN_FREE_WORDS = 3  # shorter quotes count only when a speech verb governs them
MAX_TITLE_WORDS = 6  # "Fox News Sunday", "Contract with America": a title, not a quote
DOUBLE_MARKS = "\"“”„‟"
SINGLE_MARKS = "'‘’‛"
MARKS = DOUBLE_MARKS + SINGLE_MARKS
MARK_SET = frozenset(MARKS)
# the marks found by the regex engine, not a Python loop over every character of the body
DOUBLE_MARK_RE = re.compile("[" + DOUBLE_MARKS + "]")
# Two apostrophes typed for a double mark (''like this'', as some archives and wire copy
# write it) can be read as one double mark. Off: the labelled political news the quote
# figures are measured on gives no quotes at all for the articles written this way, so
# reading them would count as wrong there (quotes_p 0.933 -> 0.83). See README, "Quotes".
READ_DOUBLED_APOSTROPHES = False
DOUBLED_MARK_RE = re.compile("''|[" + DOUBLE_MARKS + "]")
SINGLE_MARK_RE = re.compile("[" + SINGLE_MARKS + "]")
ANY_MARK_RE = re.compile("[" + MARKS + "]")
# after a single mark that is an apostrophe: a decade ("the '90s"), an elision ("'n'", "'em")
APOSTROPHE_BEFORE = re.compile(r"\d\d(?:s\b|\b)|(?:n|em|til|tis|twas|cause|bout|nuff)\b")
APOSTROPHE_N = re.compile(r"(?<![^\W_])['‘’]n")  # "rock 'n' roll": the mark closing the "'n"
POSSESSIVE_AFTER = re.compile(r"\s+[^\W_]")  # "students' union": a word follows at once
OPENERS = " \t\n([{—–-/"
SINGLE_CLOSERS = ",.;:!?)]}—–-…" + DOUBLE_MARKS  # what may follow a closing single mark
DASH_ATTRIBUTION = re.compile(r"\s*[”\"’']?\s*[―—–]+\s*")
TRAILING_COMMA = re.compile(r",\s*([" + MARKS + r"]?)$")  # "were “a waste of time,”"
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
LOWER_TITLE_WORDS = {"a", "an", "the", "of", "in", "on", "and", "with", "for", "to", "at",
                     "by", "or", "it", "is"}


_LAST_TEXT: tuple = (None, "")


def _text(doc, seed=None) -> str:
    """doc.text, which spaCy rebuilds from the tokens at every call (milliseconds): kept for
    the last Doc, and taken from the seed's text when that is what the Doc was made from."""
    global _LAST_TEXT
    cached = _LAST_TEXT
    if cached[0] is not doc:
        text = None
        if seed is not None and len(doc):
            last = doc[-1]
            text = seed.text[:last.idx + len(last.text_with_ws)]
            if text[last.idx:last.idx + len(last.text)] != last.text:
                text = None
        cached = (doc, text if text is not None else doc.text)
        _LAST_TEXT = cached
    return cached[1]


@dataclass
class _Span:
    """One quote as found in the text: its parts (several when it runs across paragraphs)."""

    parts: list[tuple[int, int]] = field(default_factory=list)  # inner text, char offsets
    tokens: list = field(default_factory=list)  # spaCy tokens inside the marks
    whole_paragraph: bool = False  # its paragraph holds nothing else
    single: bool = False  # in single quotation marks
    named: bool = True  # the speaker is a name, not a description ("a spokesman")
    sentence: str = ""  # for a fragment of indirect speech: the sentence around it
    verb: object = None  # the speech verb that frames it (a spaCy Token)
    speaker: str | None = None  # full name; "" when a speech verb frames it but names nobody
    framed: bool = False  # a speech verb, a dash or the previous quote attributes it
    content: tuple[int, int] | None = None  # the indirect speech it is a fragment of
    n_words: int = 0
    absorbed: bool = False  # part of another quote's reported content
    root: object = None  # `_quote_root`, kept once found

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]


def extract_quotes(doc, seed, entities) -> list[Quote]:
    """The body's direct quotes with their speakers, in order of appearance."""
    spans = _find_quote_spans(seed, len(_text(doc, seed)))
    if not spans:
        return []
    _attach_tokens(doc, spans)
    spans = [s for s in spans if s.tokens and not _looks_like_title(s)]
    _Attributor(doc, spans, _Names(entities)).run()
    text, quotes = _text(doc), []
    for span in spans:
        if span.absorbed:
            continue
        if span.content is not None:
            quote = text[span.content[0]:span.content[1]]
        else:
            quote = " ".join(text[a:b].strip() for a, b in span.parts)
        quote = TRAILING_COMMA.sub(r"\1", quote.strip()).rstrip()
        words = WORD.findall(quote)
        if not words:
            continue
        if not span.framed and (len(words) < MIN_FREE_WORDS or _is_term(span)):
            continue  # a scare quote, a term or a title: nobody is reported saying it
        fragment = span.content is not None
        quotes.append(Quote(text=quote, speaker=span.speaker or None, fragment=fragment,
                            sentence=span.sentence if fragment else "",
                            named=bool(span.speaker) and span.named))
    return quotes


def _is_term(span: _Span) -> bool:
    """Words in marks that no speech verb, dash or earlier quote attributes, and that modify
    a noun outside the marks (a “use it or lose it” approach, its “national enterprise
    reporter” Jane Doe): a term or a scare quote; or a web address."""
    root = _quote_root(span)
    if any(t.like_url for t in span.tokens):
        return True
    return root.dep_ in NOUN_MODIFIER_DEPS and root.head.pos_ in ("NOUN", "PROPN") and \
        root.head.i not in {t.i for t in span.tokens}


def _words(doc_text: str, span: _Span) -> list[str]:
    return WORD.findall(" ".join(doc_text[a:b] for a, b in span.parts))


def _looks_like_title(span: _Span) -> bool:
    """A short quoted run of capitalized words names a show, a book or a slogan."""
    words = _words(_text(span.tokens[0].doc), span)
    if span.whole_paragraph or not words or len(words) > MAX_TITLE_WORDS:
        return False
    if len(words) == 1:
        return all(t.pos_ == "PROPN" for t in span.tokens if not t.is_punct)
    return words[0][:1].isupper() and all(
        w[:1].isupper() or w[:1].isdigit() or w.casefold() in LOWER_TITLE_WORDS
        for w in words) and any(w[:1].isupper() for w in words[1:])


# --- pairing the quotation marks ---------------------------------------------------------------

def _mark_role(text: str, i: int, width: int = 1) -> str:
    """'open', 'close' or '?' for the double quotation mark at text[i], judged by its
    neighbours first and its shape second: writers mix straight and curly marks, and
    sometimes type a curly one backwards."""
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + width] if i + width < len(text) else " "
    opens = prev in OPENERS or prev in DOUBLE_MARKS + SINGLE_MARKS
    closes = nxt.isspace() or not (nxt.isalnum() or nxt in "‘'$£€#(….")
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    ch = text[i]
    return "open" if ch in "“„‟" else "close" if ch == "”" else "?"


def _single_role(text: str, i: int) -> str:
    """What the single mark at text[i] is: 'open' or 'close' (a quotation mark), 'weak' (a
    closing mark that may be a plural possessive: "the students' union"), or 'apostrophe'
    ("O'Brien", "don't", "the '90s", "rock 'n' roll", "'em"). Judged by its neighbours, the
    shape only breaking ties: ’ is also the typographer's apostrophe."""
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if prev.isalnum() and nxt.isalnum():
        return "apostrophe"  # inside a word
    if prev in SINGLE_MARKS or nxt in SINGLE_MARKS:
        return "apostrophe"  # two typed for a double mark (''so''): not read as single ones
    if APOSTROPHE_BEFORE.match(text, i + 1) or (prev == "n" and APOSTROPHE_N.match(text, i - 2)):
        return "apostrophe"  # an elision or a decade opens with one: "'90s", "'n'", "'til"
    opens = prev in OPENERS or prev in DOUBLE_MARKS
    closes = nxt.isspace() or nxt in SINGLE_CLOSERS
    if opens and not closes:
        return "open"
    if closes and not opens:
        if prev in "sSzZ" and POSSESSIVE_AFTER.match(text, i + 1):
            return "weak"  # "the students' union", "Jones' car"
        return "close"
    ch = text[i]
    return "open" if ch in "‘‛" else "close" if ch == "’" else "apostrophe"


def _double_quotes(text: str, start: int, end: int, doubled: bool | None = None
                   ) -> list[tuple[int, int, bool]]:
    """Double-marked quotes in one paragraph: (inner_start, inner_end, closed), in order; a
    quote left open runs to the paragraph's end. `doubled`: read '' as a double mark
    (default READ_DOUBLED_APOSTROPHES)."""
    if doubled is None:
        doubled = READ_DOUBLED_APOSTROPHES
    found, opened = [], None
    for match in (DOUBLED_MARK_RE if doubled else DOUBLE_MARK_RE).finditer(text, start, end):
        i, width = match.start(), match.end() - match.start()
        role = _mark_role(text, i, width)
        if opened is None:
            if role in ("open", "?"):
                opened = i + width
        elif role in ("close", "?"):
            found.append((opened, i, True))
            opened = None
        # an opening mark inside an open quote is a stray one: the first opening stands
    if opened is not None:
        found.append((opened, end, False))
    return found


def _single_quotes(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """Single-marked quotes in one paragraph (British style, headlines, wire copy), as
    `_double_quotes` gives them. Apostrophes are no marks; a possible possessive closes a
    quote only when no plain closing mark follows."""
    found, opened, weak = [], None, None
    for match in SINGLE_MARK_RE.finditer(text, start, end):
        i = match.start()
        role = _single_role(text, i)
        if role == "apostrophe":
            continue
        if opened is None:
            if role == "open":
                opened, weak = i + 1, None
        elif role == "close":
            found.append((opened, i, True))
            opened = None
        elif role == "weak" and weak is None:
            weak = i
    if opened is not None:
        found.append((opened, weak, True) if weak is not None else (opened, end, False))
    return found


def _paragraph_quotes(text: str, start: int, end: int) -> list[tuple[int, int, bool, bool]]:
    """Quotes in one paragraph: (inner_start, inner_end, closed, single), in order. A quote
    inside a quote of the other kind (“she told me ‘never’”, 'he said "no"') is part of it,
    not a quote of its own."""
    if not ANY_MARK_RE.search(text, start, end):
        return []  # most paragraphs quote nobody
    doubles = _double_quotes(text, start, end)

    def overlaps(q, r) -> bool:  # the two with their marks share a character
        return q[0] - 1 < r[1] + 1 and r[0] - 1 < q[1] + 1

    def holds(q, r) -> bool:  # q with its marks holds r with its marks
        return q[0] - 1 <= r[0] - 1 and r[1] + 1 <= q[1] + 1

    singles = [q for q in _single_quotes(text, start, end)
               if not any(overlaps(q, d) and not holds(q, d) for d in doubles)]
    doubles = [d for d in doubles if not any(holds(q, d) for q in singles)]
    return sorted([(a, b, c, False) for a, b, c in doubles] +
                  [(a, b, c, True) for a, b, c in singles])


def _find_quote_spans(seed, limit: int) -> list[_Span]:
    """Quoted stretches of the body paragraphs. A quote left open at a paragraph's end
    continues when the next paragraph opens with a quotation mark of its kind (the newspaper
    convention for a quote of several paragraphs); a single mark left open that does not
    continue was an apostrophe after all."""
    text = seed.text[:limit]
    spans: list[_Span] = []
    carry: _Span | None = None
    for block in seed.blocks:
        if block.kind != "paragraph" or block.start >= limit:
            continue
        end = min(block.end, limit)
        found = _paragraph_quotes(text, block.start, end)
        lead = len(text[block.start:end]) - len(text[block.start:end].lstrip())
        opens_with_mark = bool(found) and found[0][0] > block.start + lead and \
            not text[block.start + lead:found[0][0]].strip(MARKS) and \
            carry is not None and found[0][3] == carry.single
        if carry is not None and not opens_with_mark:
            if carry.single and len(carry.parts) == 1:
                spans.remove(carry)
            carry = None  # not continued: the open quote ended with its paragraph
        here = []
        for a, b, closed, single in found:
            if carry is not None:
                carry.parts.append((a, b))
                span = carry
            else:
                span = _Span(parts=[(a, b)], single=single)
                spans.append(span)
            here.append(span)
            carry = None if closed else span
        outside = text[block.start:end]
        for a, b, _, _ in reversed(found):
            outside = outside[:a - block.start] + outside[b - block.start:]
        if found and not WORD.search(outside):
            for span in here:
                span.whole_paragraph = True
    if carry is not None and carry.single and len(carry.parts) == 1:
        spans.remove(carry)
    return spans


def _attach_tokens(doc, spans: list[_Span]) -> None:
    for span in spans:
        for a, b in span.parts:
            chars = doc.char_span(a, b, alignment_mode="expand")
            if chars is not None:
                span.tokens += [t for t in chars if not t.is_space and t.text not in MARK_SET]
        span.n_words = len(_words(_text(doc), span))


# --- names ---------------------------------------------------------------------------------

class _Names:
    """Turns a mention ("Putin", "the Kremlin") into the full name that entities found."""

    def __init__(self, entities) -> None:
        self.mentions = dict(getattr(entities, "mentions", None) or {})
        self.people = list(getattr(entities, "people", None) or [])
        self.orgs = list(getattr(entities, "organizations", None) or [])
        self.places = list(getattr(entities, "places", None) or [])
        self.others = self.orgs + self.places
        self.known: list | None = None  # (name, its words) for people, for the others
        self.cache: dict[tuple[str, bool], str] = {}

    @staticmethod
    def clean(mention: str) -> str:
        mention = re.sub(r"^(?:the|The)\s+", "", " ".join(mention.split()))
        return re.sub(r"['’]s?$", "", mention).strip(" ,.")

    def full(self, mention: str) -> str:
        """The longest known name that begins or ends with the mention's words, a person's
        first ("Putin" -> "Vladimir Putin", "Foreign Ministry" -> "Chinese Foreign
        Ministry"); a known place stays itself ("China", not "China Daily")."""
        return self.full_of(mention, False)

    def full_of(self, mention: str, person: bool) -> str:
        """As `full`; a person's mention ("Clinton") is never made an organization's name
        ("Clinton Foundation")."""
        key = (mention, person)
        if key not in self.cache:
            cleaned = self.clean(mention)
            if person and cleaned in self.people and len(WORD.findall(cleaned)) > 1:
                # a full name the article writes is that person ("Hillary Clinton"), not
                # a longer name that ends with it (a nickname: "Crooked Hillary Clinton")
                self.cache[key] = cleaned
                return cleaned
            mapped = self.mentions.get(mention)
            if mapped and person and mapped in self.others and mapped not in self.people:
                mapped = None
            if mapped and self._shared(self.clean(mention)):
                mapped = None  # "Obama" when Barack and Michelle Obama are both named
            self.cache[key] = mapped or self._full(self.clean(mention), person)
        return self.cache[key]

    def _full(self, mention: str, person: bool = False) -> str:
        if mention in self.mentions and not self._shared(mention) and not (
                person and self.mentions[mention] in self.others and
                self.mentions[mention] not in self.people):
            return self.mentions[mention]
        words = tuple(w.casefold() for w in WORD.findall(mention))
        if not words:
            return mention
        people, others = self.known_names()
        found = self._longest(words, people, True)
        if found is None and mention not in self.places and not person:
            found = self._longest(words, others)
        return found or mention

    def known_names(self) -> list:
        """(name, its folded words) for the people, and for the organizations and places."""
        if self.known is None:
            self.known = [[(name, tuple(w.casefold() for w in WORD.findall(name)))
                           for name in names] for names in (self.people, self.others)]
        return self.known

    def _shared(self, mention: str) -> bool:
        """Two people's full names end with this mention (their surname)."""
        words = tuple(w.casefold() for w in WORD.findall(mention))
        n = len(words)
        return n > 0 and len({name for name in self.people if len(WORD.findall(name)) > n and
                              tuple(w.casefold() for w in WORD.findall(name))[-n:] == words}) > 1

    @staticmethod
    def _longest(words: tuple[str, ...], known: list, people: bool = False) -> str | None:
        """The longest name that ends with the words (a surname: "Clinton" -> "Hillary
        Clinton"), else the longest that begins with them ("Xi" -> "Xi Jinping"); None when
        two names fit as well ("Obama" with Barack and Michelle Obama): the mention stays.
        For people, a name that is another fitting name with words before it is that
        person with a word the tagger took in ("Crooked Hillary Clinton", "Rival Jane
        Doe"): the shorter name stands for both."""
        n = len(words)
        fits = [(name, have) for name, have in known
                if len(have) > n and (have[-n:] == words or have[:n] == words)]
        if people and len(fits) > 1:
            fits = [(name, have) for name, have in fits
                    if not any(len(other) < len(have) and have[-len(other):] == other
                               for _, other in fits)]
        best, best_key, tied = None, None, False
        for name, have in fits:
            key = (1 if have[-n:] == words else 0, len(have))
            if best_key is None or key > best_key:
                best, best_key, tied = name, key, False
            elif key == best_key and name != best:
                tied = True
        return None if tied else best

    def ending_with(self, words: tuple[str, ...]) -> list[str]:
        """People whose full name is longer than the words and ends with them, in order."""
        n = len(words)
        return [name for name, have in self.known_names()[0]
                if len(have) > n and have[-n:] == words] if n else []

    def is_person(self, name: str) -> bool:
        return name in self.people


# --- speakers ------------------------------------------------------------------------------

def _entity_of(token):
    if token.ent_iob_ == "O" or not token.ent_type_:
        return None
    start = token.i
    while start > 0 and token.doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(token.doc) and token.doc[end].ent_iob_ == "I":
        end += 1
    return token.doc[start:end]


def _mention(token, inside: set[int]) -> tuple[str | None, str | None]:
    """What a subject token names: (text, entity label); ("PRON:he", None) for a pronoun,
    label "NOUN" for a description without a name ("police", "a committee spokesman", "a
    spokeswoman for the mayor"): the people who speak are not named, so neither is the name
    inside the description their speaker."""
    if token.i in inside:
        return None, None
    if token.pos_ == "PRON":
        return (f"PRON:{token.lower_}", None) if token.lower_ in PRONOUNS else (None, None)
    ent = _entity_of(token)
    if ent is not None and token.ent_type_ == "NORP" and token.pos_ in ("NOUN", "PROPN") and \
            any(c.dep_ == "det" for c in token.children):
        # "the Ohio Republican", "a Democrat from Texas": a person described by party or
        # nation, not a name of its own (it would link to a page for "Republican")
        return _description(token, inside), "NOUN"
    if ent is not None and token.ent_type_ == "PERSON":
        # (not organizations: "Marks and Spencer", "Deloitte Haskins and Sells" are one)
        partner = next((c for c in token.children if c.dep_ == "conj" and c.i >= ent.end and
                        c.ent_type_ == "PERSON" and c.i not in inside), None)
        if partner is not None and any(c.dep_ == "cc" and c.lower_ == "and"
                                       for c in token.children) and \
                _same_paragraph(token.doc, token.i, partner.i):
            # "Obama and Clinton call them ...": two speakers, kept as written and linked to
            # neither (the quote is not one person's)
            return f"{ent.text} and {_entity_of(partner).text}", "NOUN"
    if ent is not None and token.ent_type_ in SPEAKER_LABELS:
        return ent.text, token.ent_type_
    # a title in apposition names the speaker: "his lawyer, Jane Doe", "Rep. Jane Doe"
    for child in token.children:
        if child.dep_ in ("appos", "compound", "flat") and child.i not in inside and \
                child.ent_type_ in ("PERSON", "ORG") and child.i > token.i and \
                _same_paragraph(token.doc, child.i, token.i):
            return _entity_of(child).text, child.ent_type_
    if token.pos_ == "PROPN":
        first = token.i
        while first > 0 and token.doc[first - 1].dep_ in ("compound", "amod") and \
                first <= token.doc[first - 1].head.i <= token.i and first - 1 not in inside:
            first -= 1
        return token.doc[first:token.i + 1].text, None
    if token.pos_ != "NOUN":
        return None, None
    if token.lemma_ in DOCUMENTS:
        # "according to a statement from the White House", "a letter by Jane Doe said":
        # who sent it speaks
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in ("from", "by", "of"):
                sender = next((c for c in prep.children if c.dep_ == "pobj" and
                               c.ent_type_ in ("PERSON", "ORG") and c.i not in inside), None)
                if sender is not None:
                    return _entity_of(sender).text, sender.ent_type_
    return _description(token, inside), "NOUN"


def _description(token, inside: set[int]) -> str:
    """The noun phrase a described speaker is: its determiner and modifiers, and one
    prepositional phrase ("a spokesman for the committee"), without clauses or asides."""
    doc = token.doc
    lo = hi = token.i
    for child in token.lefts:
        if child.dep_ in DESCRIPTION_LEFT and child.i not in inside:
            lo = min(lo, child.left_edge.i)
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ in DESCRIPTION_PREPS and child.i == hi + 1:
            end = child.right_edge.i
            if end - lo < MAX_DESCRIPTION_TOKENS and \
                    not any(t.i in inside or t.is_punct for t in doc[child.i:end + 1]):
                hi = end
            break
    while lo < token.i and (doc[lo].i in inside or doc[lo].is_punct or
                           not _same_paragraph(doc, lo, token.i)):
        lo += 1
    return doc[lo:hi + 1].text


def _same_paragraph(doc, i: int, j: int) -> bool:
    lo, hi = sorted((i, j))
    return "\n\n" not in _text(doc)[doc[lo].idx:doc[hi].idx]


def _subject_child(verb, deps=("nsubj",)):
    """The verb's subject in its own paragraph, the nearest if the parse gave several. One
    after the verb ("said Jane Doe") must follow it directly, not across a preposition
    ("said on Fox News's show" is a misparse)."""
    doc = verb.doc
    found = [c for c in verb.children if c.dep_ in deps and _same_paragraph(doc, c.i, verb.i)
             and not (c.i > verb.i and any(t.pos_ == "ADP" for t in doc[verb.i + 1:c.i]))]
    if not found:
        # a headline without a full stop runs into the first sentence: the parse makes the
        # headline's noun the subject and the real one its apposition ("A story ...
        # Clinton's spokesman, Brian Fallon, said"): the apposition in the verb's paragraph
        found = [a for c in verb.children if c.dep_ in deps and c.i < verb.i
                 and not _same_paragraph(doc, c.i, verb.i)
                 for a in c.children if a.dep_ == "appos" and a.i < verb.i
                 and _same_paragraph(doc, a.i, verb.i)
                 and (a.ent_type_ in ("PERSON", "ORG") or a.pos_ == "NOUN" and not a.ent_type_)]
        # (not a dateline's place: "WASHINGTON, April 17 - ... said")
    return min(found, key=lambda c: abs(c.i - verb.i)) if found else None


def _verb_subject(verb, inside: set[int], depth: int = 0):
    """The token naming who speaks through this speech verb, or None."""
    if depth > 3:
        return None
    if verb.lower_ == ACCORDING:
        to = verb.doc[verb.i + 1]
        return next((c for c in to.children if c.dep_ == "pobj"), None)
    if verb.lemma_ == "quote":
        # "Xinhua quoted Putin as saying" / "Putin was quoted as saying"
        return _subject_child(verb, ("dobj",)) or _subject_child(verb, ("nsubjpass",)) or \
            _subject_child(verb)
    head = verb.head
    if verb.lemma_ == "say" and head.lower_ == "as" and head.head.lemma_ == "quote":
        return _verb_subject(head.head, inside, depth + 1)
    subject = _subject_child(verb)
    if subject is not None:
        if subject.tag_ in ("WP", "WDT") and verb.dep_ == "relcl" and head.i != verb.i and \
                (head.ent_type_ in ("PERSON", "ORG") or head.pos_ == "PROPN"):
            return head  # "Jane Doe, who said ...": the one the clause is about
        return subject
    before = verb.doc[verb.i - 1] if verb.i else None
    if verb.tag_ == "VBG" and before is not None and before.i not in inside and \
            before.ent_type_ in ("PERSON", "ORG"):
        # "footage of Jane Doe saying ...": a name and its participle, nothing between
        return before
    if verb.dep_ in ("advcl", "xcomp", "conj", "pcomp", "ccomp") and head.i != verb.i:
        # "Doe chimed in, saying ...", "Doe said ... but added ...", "Doe replied by
        # saying ..." (through the preposition)
        if head.pos_ == "ADP" and head.dep_ == "prep" and head.head.i != head.i:
            head = head.head
        subject = _verb_subject(head, inside, depth + 1)
        if subject is not None and _mention(subject, inside)[0] is not None:
            return subject
    if verb.tag_ == "VBG" or verb.dep_ == "acl":
        # "footage of Jane Doe asking, ...": the participle's speaker stands just before it
        for token in reversed(verb.doc[max(verb.i - 2, 0):verb.i]):
            if token.ent_type_ in ("PERSON", "ORG") and token.i not in inside:
                return token
        if verb.dep_ == "acl" and head.pos_ == "NOUN" and head.lemma_ in DOCUMENTS and \
                head.dep_ in ("dobj", "pobj"):
            # "the council issued a statement calling ...": who issued it speaks
            issuer = head.head.head if head.dep_ == "pobj" else head.head
            if issuer.pos_ in ("VERB", "AUX"):
                subject = _subject_child(issuer)
                if subject is not None and _mention(subject, inside)[0] is not None:
                    return subject
        if verb.dep_ == "acl" and head.pos_ in ("PROPN", "NOUN"):
            return head
    return None


def _named_participle(verb) -> bool:
    """"Jane Doe saying": a name and its participle, as tight an attribution as a verb that
    governs the quote in the parse."""
    return verb.tag_ == "VBG" and verb.i > 0 and \
        verb.doc[verb.i - 1].ent_type_ in ("PERSON", "ORG")


def _name_near(doc, lo: int, hi: int, inside: set[int]):
    """The first name in doc[lo:hi] before any other quote: the speaker of "“…,” Jane Doe,
    a teacher, said" when the parser gave the verb no subject."""
    for token in doc[max(lo, 0):min(hi, len(doc))]:
        if token.i in inside:
            break
        if token.ent_type_ in NAME_LABELS or (
                token.pos_ == "PROPN" and token.is_title and not token.ent_type_):
            return token
    return None


def _name_before(verb, inside: set[int]):
    """The name just before the verb in its paragraph ("... Jane Doe said"): the speaker when
    the parser hung the subject elsewhere (a headline without a full stop runs into the
    first sentence)."""
    doc = verb.doc
    for token in reversed(doc[max(verb.i - 3, 0):verb.i]):
        if token.is_space or token.i in inside or "\n\n" in _text(doc)[token.idx:verb.idx]:
            return None
        if token.ent_type_ in NAME_LABELS or token.pos_ == "PROPN":
            return token
        if token.pos_ not in ("ADV", "AUX", "PART"):
            return None
    return None


def _token_table(doc):
    """Per-token lemma, part of speech, dependency, sentence start and lower form as numbers,
    read at once into columns: going through spaCy Token objects (or turning the whole table
    into Python integers) costs more than the rest of the work."""
    table = doc.to_array([LEMMA, POS, DEP, SENT_START, LOWER])
    return table[:, 0], table[:, 1], table[:, 2], table[:, 3], table[:, 4]


@functools.lru_cache(maxsize=1)
def _speech_hashes():
    """The speech verbs' lemmas as spaCy string hashes (the same in every vocabulary)."""
    return numpy.array(sorted(hash_string(lemma) for lemma in SPEECH_VERBS), dtype=numpy.uint64)


def _speech_verbs(doc, columns, inside: set[int]) -> list:
    """Tokens that are speech verbs ("said", "told"...) or "according" before "to", outside
    the quotes: the candidates are picked out by numpy, only they become Token objects."""
    lemma, pos, _, _, lower = columns
    according, point = hash_string(ACCORDING), hash_string("point")
    known = _speech_hashes()
    verbal = numpy.flatnonzero((pos == VERB) | (pos == AUX))
    at = numpy.minimum(numpy.searchsorted(known, lemma[verbal]), len(known) - 1)
    candidates = numpy.union1d(verbal[known[at] == lemma[verbal]],
                               numpy.flatnonzero(lower == according))
    verbs = []
    n = len(doc)
    for i in candidates.tolist():
        if i in inside:
            continue
        if lower[i] == according:
            if i + 1 < n and doc[i + 1].lower_ == "to":
                verbs.append(doc[i])
        else:
            if lemma[i] == point and "out" not in (t.lower_ for t in doc[i + 1:i + 4]):
                continue
            verbs.append(doc[i])
    return verbs


def _quote_root(span: _Span):
    """The first token of the quote whose head lies outside it (found once per quote)."""
    if span.root is None:
        ids = {t.i for t in span.tokens}
        span.root = next((t for t in span.tokens if t.head.i not in ids or t.head.i == t.i),
                         span.tokens[0])
    return span.root


def _governs(verb, token, hops: int = 5) -> bool:
    """The verb is an ancestor of the token within a few arcs."""
    for _ in range(hops):
        if token.head.i == token.i:
            return False
        token = token.head
        if token.i == verb.i:
            return True
    return False


@dataclass(frozen=True)
class _Who:
    """A speaker: a full name, or a description as written (named=False)."""

    name: str
    named: bool


@functools.lru_cache(maxsize=4096)
def _given_name_gender(word: str) -> str | None:
    found = given_names().get_gender(word)
    return "m" if found in ("male", "mostly_male") else \
        "f" if found in ("female", "mostly_female") else None


def _honorific_at(token) -> str | None:
    """"m" or "f" when the name the token stands in opens with, or follows, an honorific
    ("Mr. Blake", "Mrs Blake")."""
    doc = token.doc
    ent = _entity_of(token)
    first = ent.start if ent is not None else token.i
    return HONORIFIC_GENDER.get(doc[first].lower_.rstrip(".")) or (
        HONORIFIC_GENDER.get(doc[first - 1].lower_.rstrip(".")) if first else None)


def _honorific_genders(doc) -> dict[str, str]:
    """Surnames the text gives an honorific ("Mr. Doe", "Mrs Roe"): folded surname -> gender."""
    found: dict[str, str] = {}
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        before = doc[ent.start - 1].lower_.rstrip(".") if ent.start else ""
        inner = ent[0].lower_.rstrip(".")
        sex = HONORIFIC_GENDER.get(inner) or HONORIFIC_GENDER.get(before)
        if sex:
            found.setdefault(ent[-1].lower_, sex)
    return found


class _Attributor:
    """Gives each quote its speaker, reading the sentences in order so that a pronoun can
    be resolved to the people named before it."""

    def __init__(self, doc, spans: list[_Span], names: _Names) -> None:
        self.doc, self.spans, self.names = doc, spans, names
        self.inside = {t.i for s in spans for t in s.tokens}
        # quotes of three words or more stand between a verb and another quote
        self.walls = {t.i for s in spans if s.n_words >= MIN_FREE_WORDS for t in s.tokens}
        columns = _token_table(doc)
        _, pos, dep, sent_start, _ = columns
        starts = sent_start == 1
        if len(starts):
            starts[0] = True
        self.sent_of: list[int] = (numpy.cumsum(starts) - 1).tolist()
        self.n_sents = self.sent_of[-1] + 1 if self.sent_of else 0
        self.verbs = _speech_verbs(doc, columns, self.inside)
        self.verbs_in: dict[int, list] = {}  # sentence -> its speech verbs, in order
        for verb in self.verbs:
            self.verbs_in.setdefault(self.sent_of[verb.i], []).append(verb)
        self.genders: dict[tuple[str, str], str | None] = {}
        # people named as the subject of any verb: weaker pronoun antecedents
        # (and "Her husband, James Okafor, disagreed": a noun with a name in apposition)
        self.subjects = [i for i in numpy.flatnonzero(
            (dep == nsubj) & ((pos == PROPN) | (pos == NOUN))).tolist() if i not in self.inside]
        # (sentence, strength, token index, full name, kind): pronoun antecedents;
        # strength 2 a quote's speaker, 1 a speech verb's subject, 0 any verb's subject
        self.history: list[tuple[int, int, int, str, str]] = []
        self.mentions: dict[int, tuple[str | None, str | None]] = {}
        self.honorifics: dict[str, str] | None = None

    def run(self) -> None:
        span_sents: dict[int, list[_Span]] = {}
        for span in self.spans:
            span_sents.setdefault(self.sent_of[span.tokens[0].i], []).append(span)
        events: dict[int, list] = {}
        for token in self.verbs:
            events.setdefault(self.sent_of[token.i], []).append((token.i, token, True))
        for i in self.subjects:
            token = self.doc[i]
            if token.ent_type_ == "PERSON" or token.pos_ == "NOUN" and any(
                    c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in token.children):
                events.setdefault(self.sent_of[i], []).append((i, token, False))
        for i in self.paragraph_openers():
            events.setdefault(self.sent_of[i], []).append((i, self.doc[i], False))
        previous: _Span | None = None
        for k in range(self.n_sents):
            for _, token, is_verb in sorted(events.get(k, []), key=lambda e: e[0]):
                if is_verb:
                    subject = self.subject_of(token)
                    if subject is not None:
                        self.resolve(subject, record=1)
                elif token.head.i not in self.inside:
                    text, label = self.mention(token)
                    if text and label == "PERSON":
                        self.record(token, self.names.full_of(text, True), 0, "person")
            for span in span_sents.get(k, []):
                self.attribute(span, previous)
                if span.framed or span.n_words >= MIN_FREE_WORDS:
                    previous = span
        text = _text(self.doc)
        for span in self.spans:
            if span.verb is not None and span.content is None and not span.absorbed and \
                    span.n_words < MIN_FREE_WORDS and \
                    not text[span.start:span.end].lstrip()[:1].isupper():
                # a word or two alone say little (not “What curfew?”, a sentence of its
                # own): their clause, else their sentence
                span.content = self.clause_of(span, span.verb) or \
                    self.sentence_range(span.verb, span)
                span.sentence = self.sentence_around(span.verb, span)

    def paragraph_openers(self) -> list[int]:
        """A person's name opening a paragraph that the parse hung on the paragraph before
        (a headline without a full stop runs into the first sentence): the subject it
        was, for pronouns after it. The name's last token."""
        doc, text, found = self.doc, _text(self.doc), []
        at = text.find("\n\n")
        while at >= 0:
            start = at + 2
            while start < len(text) and text[start].isspace():
                start += 1
            at = text.find("\n\n", start)
            opening = doc.char_span(start, start + 1, alignment_mode="expand")
            if opening is None or not len(opening):
                continue
            ent = _entity_of(opening[0])
            if ent is None or ent[0].ent_type_ != "PERSON" or ent.end - 1 in self.inside:
                continue
            last = doc[ent.end - 1]
            if last.head.i < ent.start and not _same_paragraph(doc, last.head.i, last.i) and \
                    last.dep_ in ("appos", "conj", "compound", "npadvmod"):
                found.append(last.i)
        return found

    def mention(self, token) -> tuple[str | None, str | None]:
        if token.i not in self.mentions:
            self.mentions[token.i] = _mention(token, self.inside)
        return self.mentions[token.i]

    def subject_of(self, verb):
        """The speech verb's subject token from the parse, else the name just before it."""
        subject = _verb_subject(verb, self.inside)
        if subject is not None and self.mention(subject)[0] is not None:
            return subject
        return _name_before(verb, self.inside)

    def record(self, token, name: str, strength: int, kind: str) -> None:
        key = (name, kind)
        if key not in self.genders:
            self.genders[key] = self.gender(name, kind)
        self.history.append((self.sent_of[token.i], strength, token.i, name, kind,
                             self.genders[key]))

    def gender(self, name: str, kind: str) -> str | None:
        """"m", "f" or None (unknown) for a person: from an honorific the text gives them
        ("Mr. Doe", "Mrs. Doe"), else their given name; for a description, a gendered noun
        ("spokeswoman"). Decides which of the people named before a pronoun it may be."""
        if kind == "noun":
            words = name.casefold().split()
            return next((GENDERED_NOUNS[w] for w in reversed(words) if w in GENDERED_NOUNS),
                        None)
        if kind not in ("person", "other"):
            return None
        words = WORD.findall(name)
        if not words:
            return None
        if self.honorifics is None:
            self.honorifics = _honorific_genders(self.doc)
        # the given name first: "Mrs. Okafor" says nothing about her husband James Okafor
        # a lone word is a surname ("Mrs. Okafor"; "Carter", "Reagan" are given names too)
        if len(words) > 1:
            return _given_name_gender(words[0]) or self.honorifics.get(words[-1].casefold())
        return self.honorifics.get(words[0].casefold())

    def resolve(self, token, record: int | None = None) -> _Who | None:
        """Who a subject token stands for: a full name, or a description as written
        (named=False). A pronoun is the latest fitting speaker or subject before it (in an
        earlier sentence, or earlier in its own): a person for "he" or "she", of the
        pronoun's gender when theirs is known, an organization for "it"."""
        text, label = self.mention(token)
        if text is None:
            return None
        if text.startswith("PRON:"):
            pronoun = text[5:]
            want, sex = PRONOUNS[pronoun], PRONOUN_GENDER.get(pronoun)
            k = self.sent_of[token.i]
            earlier = [h for h in self.history if (h[0] < k or h[0] == k and h[2] < token.i)
                       and h[4] in want and not (sex and h[5] and h[5] != sex)]
            if not earlier:
                return None
            _, _, _, name, kind, _ = max(earlier)
        elif label == "NOUN":
            name, kind = text, "noun"  # a description ("police"): kept as written
        else:
            name = self.names.full_of(text, label == "PERSON")
            if label in ("PERSON", None) and \
                    len(WORD.findall(name)) <= len(WORD.findall(self.names.clean(text))):
                name = self.namesake(token, text) or name  # a surname two people share
            if label == "PERSON" and name != text:
                sex, words = _honorific_at(token), WORD.findall(name)
                if sex and len(words) > 1 and _given_name_gender(words[0]) not in (None, sex):
                    name = self.names.clean(text)  # "Mrs. Okafor" is not James Okafor
            kind = "person" if label == "PERSON" or self.names.is_person(name) else \
                "org" if label in ("ORG", "NORP") or name in self.names.orgs else "other"
        if record is not None:
            self.record(token, name, record, kind)
        return _Who(name, kind != "noun")

    def namesake(self, token, text: str) -> str | None:
        """Which of two people with one surname a short form is ("Mr. Blake" with Tony
        and Cherie Blake): the one whose given name fits the honorific's sex, else the
        one named last before it in its paragraph ("Jane Morton said ... Morton added");
        None when the text does not tell."""
        words = tuple(w.casefold() for w in WORD.findall(self.names.clean(text)))
        while len(words) > 1 and words[0] in HONORIFIC_GENDER:
            words = words[1:]
        found = self.names.ending_with(words)
        if len(found) < 2:
            return None
        sex = _honorific_at(token)
        if sex:
            fit = [name for name in found if _given_name_gender(WORD.findall(name)[0]) == sex]
            if len(fit) == 1:
                return fit[0]
        recent = [h for h in self.history if h[3] in found and h[2] < token.i]
        return max(recent, key=lambda h: h[2])[3] if recent else None

    def attribute(self, span: _Span, previous: _Span | None) -> None:
        doc = self.doc
        first, last = span.tokens[0].i, span.tokens[-1].i
        verb = self.pick_verb(span)
        if verb is not None:
            subject = self.subject_of(verb)
            if verb.i > last and (subject is None or
                                  subject.i > verb.i and subject.dep_ == "nsubj"):
                # "“…,” Jane Doe, a teacher, said": the name between quote and verb
                subject = _name_near(doc, last + 1, verb.i, self.walls) or subject
            if subject is None:
                if verb.i > last:
                    subject = _name_near(doc, last + 1, verb.i, self.walls) or \
                        _name_near(doc, verb.i + 1, verb.i + 4, self.walls)
                else:
                    subject = _name_near(doc, verb.i + 1, first, self.walls)
            self.give(span, self.resolve(subject, record=2) if subject is not None else None)
            span.framed = True
            span.content, span.verb = self.indirect_content(span, verb), verb
            if span.content is not None:
                span.sentence = self.sentence_around(verb, span)
            return
        dashed = DASH_ATTRIBUTION.match(_text(doc), span.end)
        if dashed and dashed.end() > span.end + 1:
            after = doc.char_span(dashed.end(), dashed.end() + 1, alignment_mode="expand")
            subject = _name_near(doc, after.start, after.start + 1, self.walls) if after else None
            if subject is not None:
                self.give(span, self.resolve(subject, record=2))
                span.framed = True
                return
        if previous is not None and previous.speaker and (
                span.whole_paragraph or "\n\n" not in _text(doc)[previous.end:span.start]):
            span.speaker, span.named, span.framed = previous.speaker, previous.named, True
            return
        # no verb frames it: a speaker named just before in the paragraph (or, for a quote
        # that is a whole paragraph, in the one before), else the subject of its clause
        lo = _text(doc).rfind("\n\n", 0, span.start)
        if span.whole_paragraph and lo > 0:
            lo = _text(doc).rfind("\n\n", 0, lo)
        said = [h for h in self.history if h[1] >= 1 and h[2] < first and doc[h[2]].idx > lo]
        if said:
            latest = max(said, key=lambda h: h[2])
            self.give(span, _Who(latest[3], latest[4] != "noun"))
            span.framed = span.whole_paragraph
            return
        token = _quote_root(span)
        for _ in range(6):
            head = token.head
            if head.i == token.i:
                break
            token = head
            subject = _subject_child(token) if token.pos_ in ("VERB", "AUX") else None
            if subject is not None and subject.i not in self.inside:
                text, label = self.mention(subject)
                if text and label != "NOUN":
                    self.give(span, self.resolve(subject))
                    return
        subject = self.subject_before(span)
        if subject is not None:
            # "Gov. Jane Doe toured the plant. “Without it, this town would have closed.”"
            self.give(span, self.resolve(subject, record=1))

    def subject_before(self, span: _Span):
        """For a quote that is a sentence of its own, with no attribution, right after a
        sentence of its paragraph about a person ("Doe toured the plant." or "She
        toured..."): that sentence's subject, as news writing leaves the speaker implied
        when the quote follows what the speaker did. None otherwise."""
        doc, text, first = self.doc, _text(self.doc), span.tokens[0].i
        inner = text[span.start:span.end].lstrip()
        if span.n_words < MIN_FREE_WORDS or not inner[:1].isupper():
            return None
        par_start = text.rfind("\n\n", 0, span.start) + 2 if "\n\n" in text[:span.start] else 0
        before = text[par_start:span.start].rstrip(MARKS + " ")
        if not before or before[-1] not in ".!?":
            return None
        j = first - 1
        while j >= 0 and (doc[j].is_space or doc[j].text in MARK_SET or doc[j].text == "''"):
            j -= 1
        if j < 0 or doc[j].idx < par_start or self.sent_of[j] == self.sent_of[first] or \
                j in self.inside:
            return None
        root = doc[j].sent.root
        if root.pos_ not in ("VERB", "AUX") or root.i in self.inside:
            return None
        subject = _subject_child(root)
        if subject is None or subject.i in self.inside:
            return None
        said, label = self.mention(subject)
        if label == "PERSON" or said in ("PRON:he", "PRON:she"):
            return subject
        return None

    def clause_of(self, span: _Span, verb) -> tuple[int, int] | None:
        """For a word or two in marks that the parse does not hang under the speech verb
        ("These nurses, Doe said, were “well-paid,” earning ..."): the clause they stand in,
        when it holds neither the speech verb nor another quote; alone they say little."""
        doc, quoted = self.doc, {t.i for t in span.tokens}
        clause = _quote_root(span)
        for _ in range(4):
            if clause.pos_ in ("VERB", "AUX") and clause.i not in quoted:
                break
            if clause.head.i == clause.i:
                return None
            clause = clause.head
        else:
            return None
        lo, hi = clause.left_edge.i, clause.right_edge.i
        if clause.i == verb.i or lo <= verb.i <= hi or not _same_paragraph(doc, lo, hi) or \
                any(t.i in self.walls or t.i in self.inside and t.i not in quoted
                    for t in doc[lo:hi + 1]):
            return None
        while lo < hi and doc[lo].is_punct and doc[lo].text not in MARK_SET:
            lo += 1
        while hi > lo and doc[hi].is_punct and doc[hi].text not in MARK_SET:
            hi -= 1
        start, end = doc[lo].idx, doc[hi].idx + len(doc[hi].text)
        if start > span.start or end < span.end or \
                not WORD.search(_text(doc)[start:span.start] + _text(doc)[span.end:end]):
            return None
        return start, end

    @staticmethod
    def give(span: _Span, who: _Who | None) -> None:
        span.speaker, span.named = (who.name, who.named) if who else ("", True)

    def sentence_around(self, verb, span: _Span) -> str:
        """The sentence a fragment stands in, with the speech verb that reports it, within
        its paragraph (spaCy may split a sentence at a quotation mark)."""
        start, end = self.sentence_range(verb, span)
        return " ".join(_text(self.doc)[start:end].split())

    def sentence_range(self, verb, span: _Span) -> tuple[int, int]:
        """`sentence_around` as char offsets."""
        doc, sent_of = self.doc, self.sent_of
        lo = min(verb.i, span.tokens[0].i)
        hi = max(verb.i, span.tokens[-1].i)
        while lo > 0 and sent_of[lo - 1] == sent_of[lo] or \
                lo > 0 and sent_of[lo - 1] == sent_of[verb.i]:
            lo -= 1
        while hi + 1 < len(doc) and sent_of[hi + 1] == sent_of[hi]:
            hi += 1
        text = _text(doc)
        start, end = doc[lo].idx, doc[hi].idx + len(doc[hi].text)
        while end < len(text) and text[end] in MARK_SET:
            end += 1  # the closing mark spaCy gave to the next sentence
        par_start = text.rfind("\n\n", 0, span.start) + 2 if "\n\n" in text[:span.start] else 0
        par_end = text.find("\n\n", span.end)
        par_end = len(text) if par_end < 0 else par_end
        return max(start, par_start), min(end, par_end)

    def pick_verb(self, span: _Span):
        """The speech verb that frames this quote: outside the marks, in a sentence the quote
        touches (or closing the previous paragraph with a colon), not across another quote,
        the nearest (after it on a tie)."""
        doc, sent_of = self.doc, self.sent_of
        first, last = span.tokens[0].i, span.tokens[-1].i
        text = _text(doc)
        sents = {sent_of[t.i] for t in span.tokens}
        after = text[span.end:span.end + 3].lstrip(MARKS + " ")
        ended = text[:span.end].rstrip().endswith(".") and after[:1].isupper()
        for edge in (first - 1,) + (() if ended else (last + 1, last + 2)):
            if 0 <= edge < len(doc) and not doc[edge].is_space:
                sents.add(sent_of[edge])
        lo_par = text.rfind("\n\n", 0, span.start)
        hi_par = text.find("\n\n", span.end)
        hi_par = len(text) if hi_par < 0 else hi_par
        if lo_par > 0 and text[lo_par:span.start].strip(" \n" + MARKS) == "" and \
                text[:lo_par].rstrip().endswith(":"):
            # "Jane Doe said:" closing one paragraph, the quote opening the next
            before = doc.char_span(lo_par - 1, lo_par, alignment_mode="expand")
            if before is not None:
                sents.add(sent_of[before.start])
                lo_par = text.rfind("\n\n", 0, lo_par)
        best, best_key = None, None
        near = sorted((v for k in sents for v in self.verbs_in.get(k, ())), key=lambda v: v.i)
        for verb in near:
            if not (lo_par < verb.idx < hi_par):
                continue
            if first <= verb.i <= last:
                continue
            gap = doc[verb.i + 1:first] if verb.i < first else doc[last + 1:verb.i]
            if any(t.i in self.walls for t in gap):
                continue  # another quote stands between them
            governs = (_governs(verb, _quote_root(span)) or _named_participle(verb)) and \
                len(gap) <= 12
            if verb.i > last and not governs and any(
                    t.dep_ == "mark" or t.tag_ == "WRB" for t in gap):
                continue  # "“…,” when Doe asked": a clause of its own, not the attribution
            key = (0 if governs else 1, len(gap), 0 if verb.i > last else 1)
            if best_key is None or key < best_key:
                best, best_key = verb, key
        if best is None:
            return None
        root = _quote_root(span)
        if span.n_words < MIN_FREE_WORDS and (
                root.dep_ in MODIFIER_DEPS or not _governs(best, root)):
            return None  # a word or two modifying a noun: a scare quote, whatever verb is near
        return self.outer_report(best, span)

    def outer_report(self, verb, span: _Span):
        """The speech verb that reports the quote when the nearest one is only part of what
        is reported: a participle or infinitive under another verb, itself under a speech
        verb ("Frost told reporters the campaign expects the moderator to step in by
        calling out Grant for his “endless lies”": Frost's words, not the moderator's).
        A finite verb ("Doe said Roe called it “a disaster”") still reports on its own."""
        if verb.tag_ not in ("VBG", "VB") or verb.dep_ not in ("pcomp", "xcomp", "advcl") or \
                verb.lemma_ in PLAIN_REPORTS:
            return verb  # "..., saying “…”" reports, wherever the parse hangs it
        quoted, speech = {t.i for t in span.tokens}, {v.i for v in self.verbs}
        token, between = verb, False
        for _ in range(5):
            head = token.head
            if head.i == token.i or head.i in quoted:
                return verb
            if head.i in speech:
                if between and _same_paragraph(self.doc, head.i, verb.i):
                    return head
                return verb
            # a verb with a subject of its own: what someone else does or expects
            between = between or head.pos_ in ("VERB", "AUX") and _subject_child(head) is not None
            token = head
        return verb

    def indirect_content(self, span: _Span, verb) -> tuple[int, int] | None:
        """When the quote is a fragment of indirect speech ("Doe said the plan was “a
        disaster” for the town"), the whole reported content, as char offsets; else None."""
        root = _quote_root(span)
        if not _governs(verb, root) or len(span.parts) > 1:
            return None
        chain = root
        while chain.head.i != verb.i:
            chain = chain.head
        as_prep = chain.dep_ == "prep" and chain.lower_ in ("as", "to") and any(
            c.dep_ == "dobj" and c.i < chain.i for c in verb.children)
        if chain.dep_ not in CONTENT_DEPS and not as_prep:
            return None
        parts = [chain]
        if chain.dep_ == "oprd" or as_prep:  # "called the plan “a disaster”"
            parts += [c for c in verb.rights if c.dep_ == "dobj" and c.i < chain.i]
        lo = min([t.i for c in parts for t in c.subtree] + [span.tokens[0].i])
        hi = max([t.i for t in chain.subtree] + [span.tokens[-1].i])
        while hi > span.tokens[-1].i and self.doc[hi].is_punct:
            hi -= 1
        if not _same_paragraph(self.doc, lo, hi):
            return None
        text = _text(self.doc)
        start, end = self.doc[lo].idx, self.doc[hi].idx + len(self.doc[hi].text)
        if end == span.end and text[end:end + 1] in MARK_SET:
            end += 1  # keep the closing mark that the content's opening one needs
        outside = text[start:span.start] + text[span.end:end]
        if start > span.start or end < span.end or \
                not {w.casefold() for w in WORD.findall(outside)} - COMPLEMENTIZERS:
            return None  # the quote is the whole content ("said that “…”")
        inner = text[span.start:span.end].strip()
        if inner[:1].isupper() and text[:span.start - 1].rstrip()[-1:] in (",", ":"):
            return None  # a sentence of its own after a comma or colon: "including, “Why…”"
        quoted = {t.i for t in span.tokens}
        if chain.i in quoted and chain.dep_ != "oprd" and not as_prep and \
                span.n_words >= MIN_FREE_WORDS and (
                    not WORD.search(text[span.end:end]) or
                    any(c.dep_ in ("nsubj", "nsubjpass", "expl") and c.i in quoted
                        for c in chain.children)):
            # the quote holds the reported clause's verb, and its subject or all that
            # follows it: a quote with the writer's subject ("Russia has “never refused to
            # negotiate”") or aside ("“China is rising” in the region, Doe said")
            return None
        # other quoted words in the same content ("called him a “liar” and a “bully”")
        # belong to it, unless they are quotes in their own right
        others = [o for o in self.spans if o is not span and o.start < end and o.end > start]
        if any(o.start < start or o.end > end or o.content or o.n_words >= MIN_FREE_WORDS
               for o in others):
            return None
        for other in others:
            other.absorbed = True
        return start, end
