"""People, organizations and places of record, from the shared spaCy Doc.

spaCy's entities are a first draft. This module turns them into names a reader can use:
cleaned (no titles, "the", possessives), typed by evidence from the whole article and a
gazetteer, short mentions merged into the full name ("Xi" -> "Xi Jinping"), plus the roles
the text gives people ("Russian President", "senior fellow at ..."). The curator's aliases
file has the last word on names."""
from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from spacy.attrs import ENT_IOB, IDX, IS_ALPHA, IS_TITLE, IS_UPPER, ORTH, POS, SPACY
from spacy.attrs import LOWER as LOWER_CASE  # LOWER here is a pattern
from spacy.symbols import PROPN
from spacy.tokens import Span

from digest.model import Dateline, Seed
from digest.extract.dates import find_dateline
from digest.extract.gazetteer import gazetteer
from digest.text import fold, is_caps

LABEL_KIND = {"PERSON": "people", "ORG": "organizations", "GPE": "places", "LOC": "places"}
KINDS = ("people", "organizations", "places")
# Words that may stand before a person's name without being part of it (lower case).
TITLES = frozenset("""
mr mr. mrs mrs. ms ms. miss dr dr. prof prof. professor sir dame lord lady madam
president vice prime minister premier chancellor secretary general gen. lt. col. colonel
major maj. capt. captain sgt. sergeant admiral adm. commander cmdr. lieutenant marshal
king queen prince princess emperor empress pope sheikh emir sultan crown
senator sen. rep. representative congressman congresswoman governor gov. mayor
ambassador envoy spokesman spokeswoman judge justice chief chairman chairwoman chair
ceo cfo director leader deputy acting former late foreign interior defence defense
finance trade state party opposition first lady reverend rev. father bishop archbishop
cardinal rabbi imam ayatollah coach manager striker midfielder defender goalkeeper
player champion president-elect ex- minister-president treasurer chief-executive
vice-president vice-chairman superintendent inspector detective officer constable
commissioner attorney solicitor barrister analyst economist spokesperson
""".split())
# Titles that say the person's gender ("Mr Blair", "Mrs Blair").
MALE_TITLES = {"mr", "mr.", "sir", "lord", "king", "prince", "emperor", "sheikh", "sultan",
               "emir", "father", "brother", "pope", "monsieur", "herr", "senor", "signor"}
FEMALE_TITLES = {"mrs", "mrs.", "ms", "ms.", "miss", "dame", "lady", "madam", "queen",
                 "princess", "empress", "sister", "madame", "frau", "senora", "signora"}
# Wire-copy abbreviations of figures and units: never a name, nor part of one ("Avg Shrs",
# "U.S. Dlrs", "Revs"), and words that alone are never a name ("Co", "Oct").
WIRE_WORDS = frozenset("""
revs rev shr shrs dlrs dlr avg mln mlns bln blns pct cts ct qtr qtrs qtly oper vs yr yrs
stg lbs bbl bbls bpd pts
""".split())
NEVER_ALONE = frozenset("""
co co. inc inc. corp corp. ltd ltd. plc llc cos group unit jan feb mar apr jun jul aug sep
sept oct nov dec mon tue tues wed thu thur thurs fri sat sun net loss profit note
gmt est edt pst utc
""".split())
# Words that tell a person is speaking or acting: evidence that a name is a person's.
SPEECH_VERBS = {"say", "tell", "add", "announce", "ask", "reply", "insist", "argue", "warn",
                "claim", "note", "explain", "write", "declare", "deny", "admit", "urge",
                "recall", "believe", "think", "resign", "testify", "vow", "predict"}
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m",
                  "she": "f", "her": "f", "hers": "f", "herself": "f"}
# Last words that make a name an organization's or a place's, never a person's.
ORG_WORDS = frozenset("""
co co. corp corp. corporation inc inc. ltd ltd. llc plc spa s.a. ag gmbh nv bv group holdings
company companies bank agency institute university college school council committee
commission association union federation party ministry department office authority
foundation society center centre club airlines airways news times post journal press
organisation organization network industries systems motors cables fields bros bros.
newsdesk
communications pharmaceuticals medical newsroom community league
markets securities partners capital investments brothers resources petroleum energy
chemical chemicals electric electronics steel oil airline insurance financial trust bancorp
bancorporation corp. limited industries international enterprises laboratories labs
assembly parliament congress senate cabinet court army navy police ministry exchange
reserve fund institution alliance coalition front movement church tribunal board bureau
service services commission administration government campaign
""".split())
# What a name stands before when it names a thing traded or quoted, not a body: an oil
# grade ("West Texas Intermediate crude", "Brent blend"), a stock index ("Dow Jones
# industrial average", "Nasdaq composite", "FTSE 100 index").
THING_AFTER = frozenset("crude grade blend index indices average composite".split())
# First words of an organization's name followed by "of"/"for" ("Bank of England").
ORG_HEADS = frozenset("""
bank ministry department university college institute council board bureau office
commission committee federation association union league society church court
organisation organization party house chamber academy agency authority
""".split())
# The head word of a natural feature: evidence of a place even where no gazetteer lists it.
FEATURE_WORDS = frozenset("""
river lake sea ocean gulf bay island islands mountains mountain valley desert strait
peninsula coast canal province county district region
""".split())
FEATURE_HEADS = {"lake", "mount", "mt.", "mt", "cape", "gulf", "bay", "isle", "strait", "sea"}
PLACE_WORDS = frozenset("""
street road avenue square park prison hospital airport stadium bridge river lake mountain
mountains valley island islands bay sea ocean gulf coast desert province county district
""".split())
LOCATIVE = {"in", "at", "near", "outside", "around", "across"}
PLACE_NOUNS = {"city", "town", "village", "capital", "province", "region", "port", "suburb",
               "suburbs", "outskirts", "district", "county", "state", "island", "republic",
               "east", "west", "north", "south", "northeast", "northwest", "southeast",
               "southwest", "centre", "center", "heart"}
# Last words of an event's name: a tournament is neither an organization nor a place.
EVENT_WORDS = frozenset("""
cup tour series final finals championship championships open games olympics prix
tournament trophy
""".split())
# Nouns for what a person is: an "organization" ending with one is a role ("Defence Minister").
ROLE_NOUNS = frozenset("""
minister secretary commissioner ambassador director emperor president chairman chairwoman
spokesman spokeswoman governor mayor king queen archbishop bishop envoy chief premier
chancellor general prosecutor executive
""".split())
# Words next to a name that make it an organization's name.
ORG_BEFORE = {"newspaper", "daily", "weekly", "magazine", "tabloid", "broadcaster", "firm",
              "company", "insurer", "carrier", "airline", "bank", "conglomerate", "group",
              "agency", "club", "party", "maker", "manufacturer"}
ORG_AFTER = {"newspaper", "daily", "weekly", "magazine", "shares", "stock",
             "shareholders", "subsidiary"}
LIST_BEFORE = {"-", ",", ";", "(", "#", "|"}
LIST_AFTER = {",", ";", "(", ")", "#", "|", "."}
PLACE_AFTER = {"airport", "river", "region", "province", "district", "county", "valley",
               "island", "mountains", "harbour", "harbor", "border", "airbase", "enclave"}
STREET_WORDS = {"street", "road", "avenue", "square", "boulevard", "bridge"}
LIST_SEPARATORS = {",", ";", "(", ")", "-", "--", "–", "—", ":"}
NON_NAME_ENTS = {"", "CARDINAL", "QUANTITY", "DATE", "PERCENT", "MONEY", "TIME", "ORDINAL"}
HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "sir", "dame", "madam", "dr",
              "dr."}
NAME_SPLITTERS = {",", ";", ":", "(", ")", "[", "]", "|", "/", "--", "—", "–", "\"", "“", "”", "*",
                  "**", "#", "##", "###", "`", "<", ">", "=", "_", "~"}
UPPER = re.compile(r"[^\W\d_a-z]", re.UNICODE)
LOWER = re.compile(r"[a-z]")
NAME_LINE = re.compile(r"^[^\W\d_][^\d,;:!?()\[\]]*$")  # a paragraph that is only a name
NUMERIC = re.compile(r"^(?:[\d.,:/-]+|\d+(?:st|nd|rd|th))$")  # "2-0", "79th"


ALIAS_KINDS = {"person": "people", "people": "people", "organization": "organizations",
               "organisation": "organizations", "organizations": "organizations",
               "place": "places", "places": "places"}


@dataclass
class Aliases:
    """The curator's aliases file: variant -> canonical name, and names never to show.
    Matching ignores case, accents and a leading "the"."""

    canonical: dict[str, str] = field(default_factory=dict)  # variant -> canonical name
    ignore: set[str] = field(default_factory=set)
    problems: list[str] = field(default_factory=list, compare=False)  # for the curator
    kinds: dict[str, str] = field(default_factory=dict)  # canonical -> people|organizations|places
    sort_as: dict[str, str] = field(default_factory=dict)  # canonical -> sort key

    def kind(self, name: str) -> str | None:
        """The kind the curator gives the entity `name` names, if any."""
        canonical = self.lookup(name)
        return self.kinds.get(canonical) if canonical is not None else None

    def listed(self) -> set[str]:
        """The canonical names the curator lists: each gets a page."""
        return set(self.canonical.values())

    def __post_init__(self) -> None:
        self._canonical = {fold(k): v for k, v in self.canonical.items()}
        self._ignore = {fold(n) for n in self.ignore}

    def lookup(self, name: str) -> str | None:
        """The curator's name for `name`, or None when the curator says nothing about it."""
        if not hasattr(self, "_canonical"):
            self.__post_init__()
        return self._canonical.get(fold(name))

    def ignored(self, name: str) -> bool:
        if not hasattr(self, "_ignore"):
            self.__post_init__()
        return fold(name) in self._ignore


@dataclass
class Entities:
    people: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    roles: dict[str, list[str]] = field(default_factory=dict)  # person -> roles as written
    mentions: dict[str, str] = field(default_factory=dict)  # variant mention -> full name
    # name -> what the article says about it, for the corpus stage: {"kind", "n" (mentions),
    # "body" (seen outside headline and caption), "tags" (evidence of its kind), and for
    # people "gender" and "titles" (coreference)}
    evidence: dict[str, dict] = field(default_factory=dict)


def load_aliases(path: Path | None) -> Aliases:
    """Read aliases.yml:

        canonical:
          United States: [U.S., US, USA]
          Ursula von der Leyen: {variants: [von der Leyen], kind: person,
                                 sort_as: "Leyen, Ursula von der"}
        ignore: [Reuters]

    A missing file, or a missing section, is empty. A malformed file or entry is skipped
    and described in `Aliases.problems` (for the build to show the curator), never fatal."""
    aliases = Aliases()
    if path is None or not Path(path).is_file():
        return aliases
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        mark = getattr(err, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        aliases.problems.append(f"{where}: malformed YAML, aliases ignored: "
                                f"{getattr(err, 'problem', None) or err}")
        return aliases
    if not isinstance(data, dict):
        aliases.problems.append(f"{path}: must be a mapping with `canonical:` and `ignore:`")
        return aliases
    unknown = sorted(str(k) for k in data if k not in ("canonical", "ignore"))
    if unknown:
        aliases.problems.append(f"{path}: unknown keys ignored: {', '.join(unknown)}")
    groups = data.get("canonical") or {}
    if not isinstance(groups, dict):
        aliases.problems.append(f"{path}: `canonical` must map each name to its variants")
        groups = {}
    canonical: dict[str, str] = {}
    kinds: dict[str, str] = {}
    sort_as: dict[str, str] = {}
    for name, variants in groups.items():
        if isinstance(variants, dict):  # {variants: [..], kind: person, sort_as: ".."}
            entry = variants
            unknown_keys = sorted(str(k) for k in entry if k not in ("variants", "kind",
                                                                     "sort_as"))
            if unknown_keys:
                aliases.problems.append(f"{path}: {name!r}: unknown keys ignored: "
                                        f"{', '.join(unknown_keys)}")
            kind = entry.get("kind")
            if kind is not None:
                if str(kind) in ALIAS_KINDS:
                    kinds[str(name)] = ALIAS_KINDS[str(kind)]
                else:
                    aliases.problems.append(f"{path}: {name!r}: kind must be person, "
                                            f"organization or place, not {kind!r}")
            if entry.get("sort_as") is not None:
                sort_as[str(name)] = str(entry["sort_as"])
            variants = entry.get("variants")
        if isinstance(variants, str):
            variants = [variants]
        if variants is None:
            variants = []
        if not isinstance(variants, list):
            aliases.problems.append(f"{path}: variants of {name!r} must be a list of names")
            continue
        canonical[str(name)] = str(name)
        for variant in variants:
            if fold(str(variant)) in {fold(k) for k, v in canonical.items() if v != str(name)}:
                aliases.problems.append(f"{path}: {variant!r} is listed under two names; "
                                        f"kept under {name!r}")
            canonical[str(variant)] = str(name)
    ignore = data.get("ignore") or []
    if isinstance(ignore, str):
        ignore = [ignore]
    if not isinstance(ignore, list):
        aliases.problems.append(f"{path}: `ignore` must be a list of names")
        ignore = []
    result = Aliases(canonical=canonical, ignore={str(n) for n in ignore}, kinds=kinds,
                     sort_as=sort_as)
    result.problems = aliases.problems
    return result


@dataclass
class Mention:
    """One cleaned mention: what kind spaCy (or a rule) says it is, and where it is."""

    text: str
    kind: str
    start: int  # character offset in the Doc
    raw: str  # the text as spaCy found it
    head: object = None  # the spaCy Span, for roles
    thing: bool = False  # named as a thing traded or quoted ("... crude"): no entity


# ---------------------------------------------------------------- cleaning spans

def _pieces(span):
    """Cut a span at punctuation that never sits inside a name ("Slovakia - Lubomir",
    "Scott Draper (Australia"), and people at "and" ("Laurent X and Laurent Y")."""
    piece = []
    for tok in span:
        spaced_dash = tok.text in ("-", "&") and tok.whitespace_ and tok.text == "-"
        cut = tok.text in NAME_SPLITTERS or spaced_dash or "\n" in tok.text
        if span.label_ == "PERSON" and (tok.lower_ in ("and", "&") or tok.is_lower and tok.is_alpha
                                        and tok.lower_ not in NAME_PARTICLES and piece):
            cut = True
        if cut:
            if piece:
                yield span.doc[piece[0].i:piece[-1].i + 1]
            piece = []
        else:
            piece.append(tok)
    if piece:
        yield span.doc[piece[0].i:piece[-1].i + 1]


def _is_possessive(tok) -> bool:
    return tok.tag_ == "POS" or tok.text in ("'s", "’s", "'", "’")


def _strip(span, kind: str):
    """Drop what is not part of the name: leading "the" and punctuation, trailing numbers
    and possessives; before a person's name, titles and nationality words."""
    doc = span.doc
    start, end = span.start, span.end
    while start < end and (doc[start].is_punct or doc[start].pos_ == "DET"
                           or doc[start].lower_ in ("the", "a", "an")):
        start += 1
    while end > start and (doc[end - 1].is_punct or _is_possessive(doc[end - 1])
                           or NUMERIC.match(doc[end - 1].text)
                           and not (end - 2 >= start and doc[end - 2].lower_ == "of")):
        end -= 1  # a trailing number goes, unless it is the name's own ("Group of 7")
    if kind == "people":
        while end - start > 1 and _title_like(doc[start]):
            start += 1
    return doc[start:end]


def _title_like(tok) -> bool:
    """A word before a name that is a title, a nationality, or plainly not a name."""
    if tok.lower_ in TITLES or tok.ent_type_ == "NORP" or tok.tag_ in (
            "JJ", "VBG", "VBD", "VBN", "VB", "VBZ", "RB", "IN"):
        return True
    return not tok.text[:1].isupper() and tok.lower_ not in NAME_PARTICLES


NAME_PARTICLES = {"de", "da", "di", "del", "della", "van", "von", "der", "den", "la", "le",
                  "al", "el", "bin", "ibn", "ben", "dos", "du", "st."}


def _good_name(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and any(c.isupper() for c in text) and not _wire_junk(text)


def _wire_junk(text: str) -> bool:
    """Wire abbreviations and fragments that are never names: any word a unit or figure
    abbreviation ("Avg Shrs", "U.S. Dlrs"), a lone company suffix or month ("Co", "Oct"),
    or a fragment ending in a word no name ends with ("Group of")."""
    words = [w.strip(".,'’").casefold() for w in text.split()]
    words = [w for w in words if w]
    if not words or any(w in WIRE_WORDS for w in words):
        return True
    if all(w in NEVER_ALONE for w in words):
        return True
    return words[-1] in {"of", "and", "for", "the", "&", "to", "in", "a", "an", "when", "at"}


def _name_text(span) -> str:
    text = span.text.replace("\n", " ").strip()
    text = re.sub(r"\s+", " ", text)
    return re.sub(r"^[\-–—'\"“”‘’.,:;]+\s*", "", text).strip()


def _clean_mentions(span, kind: str) -> list[Mention]:
    """Mentions for one spaCy entity: "X's Y" organizations become X and Y."""
    found = []
    if span[0].lower_ in HONORIFICS and kind != "people" and len(span) > 1:
        kind = "people"  # "Ms Diemont": only people are addressed so
    for piece in _pieces(span):
        piece = _strip(piece, kind)
        if not len(piece):
            continue
        parts = [piece]
        if kind == "organizations":
            piece = _own_possessive(piece, span)
            parts = [piece]
            cuts = [t.i for t in piece if _is_possessive(t) and t.i > piece.start
                    and t.i < piece.end - 1 and _owner(piece.doc[piece.start:t.i], span)]
            if cuts:
                parts, begin = [], piece.start
                for cut in cuts:
                    parts.append(piece.doc[begin:cut])
                    begin = cut + 1
                parts.append(piece.doc[begin:piece.end])
                parts = [_strip(p, kind) for p in parts if len(p)]
        for part in parts:
            text = _name_text(part)
            if len(part) and _good_name(text):
                found.append(Mention(text, kind, part.start_char, span.text, part))
    return found


def _own_possessive(piece, span):
    """A one-word organization written with its "'s" ("Moody's said", "at Lloyd's."): when
    the "'s" owns nothing after it (no noun follows), it is part of the name, not a
    possessive ("Acme Corp's" stays "Acme Corp")."""
    doc = piece.doc
    end = piece.end
    if end < len(doc) and _is_possessive(doc[end]) and \
            doc[end].text in ("'s", "’s") and len(piece) == 1 and (
                end + 1 >= len(doc) or doc[end + 1].pos_ not in ("NOUN", "PROPN", "ADJ", "NUM")):
        return doc[piece.start:end + 1]
    return piece


def _owner(part, span) -> bool:
    """Whether "X" of "X's Y" is a name of its own that owns Y ("Britain's Labour Party",
    "Maxwell's British Printing", "Wilson Center's Kennan Institute"): a place, a date,
    an organization's name, a name of several words, or a name the article uses elsewhere;
    otherwise the "'s" belongs to one name ("Moody's Investors Service", "People's Daily",
    "Standard and Poor's Corp")."""
    text = part.text.strip()
    if not text:
        return True
    if gazetteer().lookup(text) is not None or any(
            t.ent_type_ in ("GPE", "LOC", "NORP", "DATE", "TIME") for t in part):
        return True
    words = text.lower().split()
    if words[-1] in ORG_WORDS or len(words) > 1 and not {"and", "&"} & set(words):
        return True  # "Wilson Center's Kennan Institute": a body of its own owns the other
    key = fold(text)
    for ent in span.doc.ents:
        if ent.start_char == span.start_char:
            continue
        words = fold(ent.text).split()
        if key.split() and (words[:len(key.split())] == key.split()
                            or words[-len(key.split()):] == key.split()):
            return True
    return False


# ---------------------------------------------------------------- the article's layout

def _caps_blocks(seed: Seed, length: int) -> list[tuple[int, int]]:
    """Blocks written in capitals (wire headlines): spaCy reads them poorly."""
    spans = []
    for block in seed.blocks:
        if block.start >= length:
            break
        lower = len(LOWER.findall(block.text, 0, 400))
        if lower > 80:
            continue  # plainly prose: no need to count every letter
        upper = len(UPPER.findall(block.text))
        lower = len(LOWER.findall(block.text))
        if upper + lower >= 8 and upper / (upper + lower) > 0.8:
            spans.append((block.start, block.end))
    return spans


def dateline_city(place: str) -> str | None:
    """The city of a dateline's place: "BLUE BELL, Pa." -> "Blue Bell", "KANPUR, India" ->
    "Kanpur". The part after the comma is the region it is in, not a place of its own."""
    city = place.split(",")[0].strip()
    if sum(c.isalpha() for c in city) < 2:
        return None
    found = gazetteer().lookup(city)
    if found is not None and (found.kind != "city" or fold(found.name) == fold(city)):
        return found.name if is_caps(city) else city
    return city.title() if is_caps(city) else city


def _dateline_resolves(dateline: Dateline | None) -> bool:
    """Whether a dateline vouches for its place: its city, or the region after its comma,
    resolves in the gazetteer ("BLUE BELL, Pa."); a misspelt city alone ("NEW YROK") does
    not."""
    if dateline is None:
        return False
    gaz = gazetteer()
    region = dateline.place.split(",", 1)[1].strip() if "," in dateline.place else ""
    return bool(gaz.resolve(dateline_city(dateline.place) or "")
                or region and gaz.region_of_dateline(region))


def _dateline_city_is_a_place(mentions: list[Mention], dateline: Dateline) -> None:
    """The dateline's city is a place wherever its article names it, when the dateline
    resolves (`_dateline_resolves`): a wire dateline is the surest evidence an article
    gives, while the same words title-cased from a capitals headline ("FIRST OAK BROOK ...")
    or tagged by spaCy in the body may read as a person's given name and surname."""
    city = dateline_city(dateline.place)
    if not city or not _dateline_resolves(dateline):
        return
    key = fold(city)
    for m in mentions:
        if m.kind == "people" and fold(m.text) == key:
            m.kind = "places"


def _dateline_span(seed: Seed, dateline: Dateline) -> tuple[int, int] | None:
    wanted = dateline.text or dateline.place
    for block in [b for b in seed.blocks if b.kind == "paragraph"][:3]:
        at = block.text.find(wanted)
        if at == 0:
            return block.start, block.start + len(wanted)
    return None


def _display_place(name: str) -> str:
    """An ALL-CAPS place in its usual case: the gazetteer's spelling, else Title Case."""
    if not is_caps(name) or "." in name or sum(c.isalpha() for c in name) < 4:
        return name  # mixed case, or an abbreviation ("U.S.", "UK") kept as written
    place = gazetteer().lookup(name)
    return place.name if place else name.title()


# ---------------------------------------------------------------- typing by evidence

@functools.lru_cache(maxsize=1)
def given_names():
    """gender-guesser's dictionary of given names from many countries: loaded once per
    process (~0.3 s, ~23 MB) and shared with the quotes' speaker genders."""
    import gender_guesser.detector

    return gender_guesser.detector.Detector(case_sensitive=False)


def _given_name(word: str) -> bool:
    return given_names().get_gender(word) != "unknown"


def name_gender(word: str) -> str:
    """"m" or "f" when the given name is mostly one, else ""."""
    found = given_names().get_gender(word)
    return "m" if found in ("male", "mostly_male") else "f" if found in (
        "female", "mostly_female") else ""


def _country_like(name: str) -> bool:
    place = gazetteer().lookup(name)
    return place is not None and place.kind in ("country", "continent", "state")


def _org_context(span) -> bool:
    """Words around a name that say it is an organization: "the newspaper X", "X shares"."""
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    after = doc[span.end] if span.end < len(doc) else None
    return before in ORG_BEFORE or (after is not None and after.lower_ in ORG_AFTER
                                    and after.pos_ == "NOUN")


# Nouns that, right after a name and with no possessive, make the name a team's or a firm's
# ("the Galatasaray striker", "Zastava workers", "Ajax coach Louis"): a person has a coach
# ("Agassi's coach") but is never a noun's modifier this way.
BODY_MEMBERS = frozenset("""
striker strikers goalkeeper goalkeepers midfielder midfielders defender defenders
forward forwards winger wingers coach manager captain players player fans supporters
squad side team workers employees shareholders bosses pitcher pitchers outfielder
shortstop quarterback
""".split())
# Plural words for teams before a name ("champions Ajax", "leaders Lens", "hosts X").
BODY_BEFORE = {"champions", "leaders", "holders", "hosts", "visitors", "side", "club",
               "outfit", "newcomers", "rivals", "opponents", "newspapers", "dailies"}


def _body_context(span) -> int:
    """Words around a name that only a team, a firm or a paper takes: a member's noun right
    after it ("the Fiorentina goalkeeper"), a team's word before it ("champions Porto"), or
    "the" before a name that modifies nothing ("the Red Sox climbed", "the Red Cross said";
    a person is "the Clinton administration" at most). 2 for the first two, which hold for a
    club named after its town too ("the Lecce striker"); 1 for "the", which a place takes
    as well ("the Hague"); 0 for none."""
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.is_lower and after.lower_ in BODY_MEMBERS:
        return 2
    if span.start == 0:
        return 0
    before = doc[span.start - 1]
    if before.is_lower and before.lower_ in BODY_BEFORE:
        return 2
    if before.lower_ != "the" or span.root.dep_ in ("compound", "poss", "amod", "nmod"):
        return 0
    return int(after is None or not (after.is_lower and after.pos_ in ("NOUN", "ADJ", "PROPN")
                                     or after.lower_ in ("'s", "'")))


def _sure_place(name: str) -> bool:
    place = gazetteer().lookup(name)
    return place is not None and place.sure


def _place_context(span) -> int:
    """2 when the words around the name say it is a place ("the city of", "the capital",
    "X airport"), 1 when a preposition of place stands before it ("in", "near"), else 0."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].lower_ in PLACE_AFTER and doc[span.end].is_lower:
        return 2
    i = span.start - 1
    if i < 0:
        return 0
    if doc[i].lower_ in PLACE_NOUNS:
        return 2
    if doc[i].lower_ == "of" and i > 0 and doc[i - 1].lower_ in PLACE_NOUNS:
        return 2
    return 1 if doc[i].lower_ in LOCATIVE else 0


TEAM_WORDS = {"united", "athletic", "wanderers", "rovers", "albion", "rangers", "fc", "afc",
              "sc", "hotspur", "county", "town"}


def _known_town(name: str) -> bool:
    place = gazetteer().lookup(name)
    return place is not None and (place.sure or place.population >= 100_000)


def _team_like(m: Mention, words: list[str]) -> bool:
    """A name made of a town and a team's word, with no sign of a person: a club or a
    company named after its town ("Manchester United", "Cleveland Indians", "Ajax
    Amsterdam"), not a person and not the town."""
    if len(words) != 2 or m.head is None or _given_name(words[0]) or \
            _titles_before(m.head)[0] or any(not w[:1].isupper() or is_caps(w) for w in words):
        return False
    first, second = words
    if _known_town(first) and (second.lower() in TEAM_WORDS - {"county", "town"} or (
            second.endswith("s") and not second.endswith("ss") and m.head[-1].tag_ == "NNPS")):
        return True
    return m.kind == "people" and _known_town(second) and gazetteer().lookup(first) is None \
        and not _given_name(second)


def _retype(mentions: list[Mention]) -> None:
    """Fix types that evidence in the article or the gazetteer contradicts."""
    gaz = gazetteer()
    person_words: set[str] = set()
    for m in mentions:
        if m.kind == "people" and " " in m.text:
            words = m.text.split()
            person_words.update({fold(words[0]), fold(words[-1])})
    # an exchange's acronym before "index" is the exchange ("the DSE index" beside "Dhaka
    # Stock Exchange"): initials of a body the article names are no thing
    bodies = {fold(_initials(m.text)) for m in mentions
              if m.kind == "organizations" and len(m.text.split()) >= 2}
    bodies_seen: set[str] = set()  # names a team's or a firm's context marked somewhere
    for m in mentions:
        last = m.text.split()[-1].lower()
        single = " " not in m.text
        if m.kind in ("organizations", "people", "places") and m.head is not None and \
                last not in ORG_WORDS and fold(m.text) not in bodies and not (
                    m.kind == "places" and gaz.resolve(m.text) is not None) and \
                _thing_context(m.head):
            m.kind, m.thing = "", True  # "West Texas Intermediate crude": a grade
            continue
        if m.kind == "organizations" and last in PLACE_WORDS - {"hospital", "airport"} \
                and not single:
            m.kind = "places"  # "Tiananmen Square", "Old Trafford Stadium"
            continue
        if m.kind == "people" and m.head is not None and (_org_context(m.head)
                                                          or _org_apposition(m.head)):
            m.kind = "organizations"  # "the daily Zycie Warszawy", "Pirelli shares"
            continue
        body = _body_context(m.head) if m.kind == "people" and m.head is not None else 0
        if body and not (_given_name(m.text.split()[0]) and " " in m.text) and \
                not _titles_before(m.head)[0] and (body == 2 or gaz.resolve(m.text) is None):
            m.kind = "organizations"  # "the Red Sox", "champions Ajax", "Lens goalkeeper"
            bodies_seen.add(fold(m.text))
            continue
        if last in EVENT_WORDS and not single and not ORG_WORDS & set(m.text.lower().split()):
            m.kind = ""  # "Fed Cup", "U.S. Open": an event
            continue
        first = m.text.split()[0].lower()
        if m.kind == "organizations" and (last in ROLE_NOUNS or first in ROLE_NOUNS
                                          and " of " in m.text):
            m.kind = ""  # "Defence Minister", "Archbishop of Canterbury": a role
            continue
        if m.kind == "people" and last in ORG_WORDS:
            m.kind = "organizations"  # "Johnson Controls Co": a company, not a person
            continue
        if m.kind == "people" and last in PLACE_WORDS:
            m.kind = "places"
            continue
        if m.kind == "people" and m.head is not None and all(
                t.tag_ in ("NN", "NNS", "JJ", "NNPS") or t.ent_type_ == "NORP" for t in m.head):
            m.kind = ""  # a common noun or a nationality ("Attendance", "Azeris")
            continue
        place = gaz.lookup(m.text)
        words = m.text.split()
        if m.kind in ("organizations", "places") and 2 <= len(words) <= 4 and place is None \
                and "/" not in m.raw and last not in PLACE_WORDS | ORG_WORDS and not (
                    m.head is not None and (_org_context(m.head) or _body_context(m.head))) \
                and all(
                    (w[:1].isupper() or w in NAME_PARTICLES) and not is_caps(w)
                    and w[-1].isalpha() for w in words) \
                and _given_name(words[0]) and not any(
                    _sure_place(" ".join(words[:k])) for k in range(1, len(words))):
            m.kind = "people"  # "Ivan Lendl": a given name and a surname
            continue
        context = _place_context(m.head) if m.kind != "places" and m.head is not None else 0
        if m.kind in ("people", "organizations") and (
                context == 2 or context == 1 and single and place is not None
                and fold(m.text) not in person_words):
            m.kind = "places"  # "in Grozny", "the town of Tavildara": a place, not a person
            continue
        if m.kind == "people" and last.endswith("shire"):
            m.kind = "places"  # an English county ("Yorkshire"), never a person
            continue
        if m.kind in ("people", "places") and _team_like(m, words):
            m.kind = "organizations"  # "Manchester United", "Cleveland Indians"
            continue
        if m.kind != "places" and place is not None and place.sure and fold(m.text) not in (
                person_words if place.kind not in ("country", "continent") else ()):
            m.kind = "places"  # a country spaCy called an organization or a person
        elif (m.kind != "people" and " " not in m.text and fold(m.text) in person_words
              and not (place and place.kind in ("country", "continent", "state"))):
            m.kind = "people"  # a surname already known as a person ("Lucas")
        elif m.kind == "places" and place is None and m.head is not None and all(
                t.tag_ in ("JJ", "NNPS", "NN", "NNS") or t.ent_type_ == "NORP" for t in m.head):
            m.kind = ""  # a nationality or a common noun, not a place ("Ukrainian", "Golf")
    # a lone word that is a known town, read as a place somewhere in the article or listed
    # with places ("Blackpool, Bournemouth and Brighton"), is that town wherever it appears
    placed = {fold(m.text) for m in mentions if m.kind == "places"}
    for m in mentions:
        if m.kind in ("people", "organizations") and " " not in m.text and \
                fold(m.text) not in person_words and gaz.lookup(m.text) is not None and (
                    fold(m.text) in placed or m.head is not None and any(
                        c.ent_type_ in ("GPE", "LOC") for c in m.head.root.conjuncts)):
            m.kind = "places"
    # one type per name: the majority of its mentions, the first one on a tie
    votes: dict[str, Counter] = defaultdict(Counter)
    for m in mentions:
        if m.kind:
            votes[fold(m.text)][m.kind] += 1
    winner = {key: max(counts, key=counts.__getitem__) for key, counts in votes.items()}
    titled = {fold(m.text) for m in mentions if m.kind == "people" and m.head is not None
              and _titles_before(m.head)[0]}
    for key in bodies_seen - titled:  # a context only a body takes outweighs the model's
        if key in winner and winner[key] == "people":  # guesses, unless a title says person
            winner[key] = "organizations"
    # a name joined by "and" to a thing is one too ("Light Louisiana Sweet and West Texas
    # Intermediate crude")
    thing_roots = {m.head.root.i for m in mentions if m.thing and m.head is not None}
    for m in mentions:
        if not m.thing and m.kind in ("organizations", "people", "places") and \
                m.head is not None and not (m.kind == "places" and gaz.resolve(m.text)) and \
                any(c.i in thing_roots for c in m.head.root.conjuncts):
            m.kind, m.thing = "", True
    things = {fold(m.text) for m in mentions if m.thing}
    for m in mentions:
        if fold(m.text) in things:
            m.kind, m.thing = "", True  # a grade or an index wherever the article names it
        elif m.kind:
            m.kind = winner[fold(m.text)]  # most mentions; on a tie, the first seen


def _thing_context(span) -> bool:
    """The name stands before a word for a thing traded or quoted, maybe after a number or
    an adjective ("Brent crude", "FTSE 100 index", "Dow Jones industrial average"), or is
    quoted at a price per unit ("X rose to 19.00 dlrs a barrel", "X at 102 cts per lb")."""
    doc = span.doc
    if any(c.dep_ == "appos" and c.lower_ in THING_AFTER and c.i > span.root.i
           for c in span.root.children) or span.root.dep_ == "appos" and \
            span.root.head.lower_ in THING_AFTER:
        return True  # "X, the U.S. benchmark crude", "the benchmark grade, X,"
    for tok in doc[span.end:min(len(doc), span.end + 3)]:
        if tok.lower_ in THING_AFTER and tok.is_lower:
            return True
        if not (tok.like_num or tok.is_lower and tok.pos_ == "ADJ"):
            break
    i = span.end
    while i < len(doc) and i < span.end + 4 and doc[i].lower_ in PRICE_VERBS:
        i += 1
    if i == span.end or i + 3 >= len(doc) or not doc[i].like_num:
        return False
    return doc[i + 1].lower_ in CURRENCY_WORDS and doc[i + 2].lower_ in ("a", "per") and \
        doc[i + 3].lower_.rstrip("s") in UNIT_WORDS


# Words between a thing and its price ("X traded up to 19.00 dlrs a barrel").
PRICE_VERBS = {"to", "at", "is", "was", "traded", "trading", "trades", "around", "up", "down",
               "rose", "fell", "about", "near", "quoted", "by", ","}
CURRENCY_WORDS = {"dlrs", "dlr", "dollars", "dollar", "cts", "cents", "yen", "marks", "pounds",
                  "stg", "francs", "euros", "$"}
UNIT_WORDS = {"barrel", "bbl", "tonne", "ton", "lb", "pound", "ounce", "bushel", "gallon",
              "kilo", "kg", "troy"}


# ---------------------------------------------------------------- roles

def _roles_of(span) -> list[str]:
    """What the text says the person is: the words before the name ("Russian President")
    and an apposition ("Lyle Morris, a senior fellow at ...")."""
    doc = span.doc
    roles = []
    root = span.root
    subtree = {t.i for t in root.subtree}
    # before the name: contiguous words of the name's own phrase
    i = span.start - 1
    while i >= 0 and i in subtree and not (doc[i].is_punct or doc[i].pos_ in ("DET", "CCONJ")
                                           or doc[i].ent_type_ == "PERSON" or doc[i].is_space
                                           or "\n" in doc[i].whitespace_):
        i -= 1
    words = list(doc[i + 1:span.start])
    # "Mr" is how the text addresses them, not what they are; "Wednesday" is when
    while words and (words[0].lower_ in HONORIFICS or words[0].ent_type_ in ("DATE", "TIME")
                     or not words[0].is_alpha):
        words = words[1:]
    while words and (words[-1].lower_ in HONORIFICS or words[-1].ent_type_ in ("DATE", "TIME")):
        words = words[:-1]
    if any(t.ent_type_ in ("DATE", "TIME") or t.lower_ in HONORIFICS for t in words):
        words = []
    if words:
        if any(t.lower_ in TITLES or t.tag_ in ("NN", "NNS") for t in words) and not all(
                t.tag_ in ("NNP", "NNPS") and t.lower_ not in TITLES for t in words) and \
                _person_noun(words[-1].lower_):
            roles.append(" ".join(t.text for t in words).replace(" - ", "-"))
    # apposition: "Name, a senior fellow at X," or "a senior fellow at X, Name"
    # (next to the name: only a comma or a dash between them)
    for child in root.children:
        if child.dep_ == "appos" and child.ent_type_ != "PERSON" and child.i > root.i and \
                _adjacent(doc, span.end, child.left_edge.i) and _person_noun(child.lower_):
            roles.append(_phrase(doc, child))
    if root.dep_ == "appos" and root.head.ent_type_ != "PERSON" and root.head.i < span.start \
            and root.head.pos_ in ("NOUN", "PROPN") and _person_noun(root.head.lower_) and \
            span.start > 0 and doc[span.start - 1].is_punct:
        roles.append(_phrase(doc, root.head, stop=span.start))
    return [r for r in roles if r and len(r.split()) <= ROLE_WORDS and r[0].isalpha()
            and not _plural_role(doc, r) and _noun_phrase(r)]


ROLE_WORDS = 12  # a role is a short noun phrase ("senior fellow at the Asia Society")


def _noun_phrase(role: str) -> bool:
    """A role names what someone is: not a pronoun ("himself"), not a clause."""
    words = role.split()
    first = words[0].lower()
    if first in PRONOUN_GENDER or first in {"who", "which", "that", "it", "they", "we", "i",
                                            "you", "one", "whose", "also"}:
        return False
    return not any(w.lower() in {"is", "was", "are", "were", "said", "says", "has", "had",
                                 "have", "will", "would"} for w in words)


# What an apposition calls a firm ("Becor Western, a mining company"): not a person's role.
ORG_NOUNS = frozenset("""
company firm unit subsidiary maker producer group bank concern corporation affiliate agency
carrier airline retailer chain manufacturer supplier insurer lender partnership venture
utility exporter importer refiner operator developer distributor holding conglomerate
brokerage newspaper magazine daily weekly broadcaster network station fund trust
""".split())
AGENT_ENDINGS = ("ist", "ian", "man", "woman", "person", "chief", "executive", "official",
                 "aide", "adviser", "advisor", "ologist", "maker", "holder", "seller",
                 "buyer", "trader", "dealer", "banker", "broker", "manager", "officer",
                 "leader", "worker", "player", "owner", "founder", "teacher", "writer",
                 "reporter", "researcher", "designer", "lawyer", "farmer", "partner",
                 "counsel", "president", "director", "chairman", "governor", "member")


PERSON_NOUNS = frozenset("""
fellow member expert scholar veteran head candidate nominee heir widow widower son daughter
wife husband mother brother sister friend colleague rival ally partner architect author
poet artist actor actress singer star legend hero founder owner lawyer doctor scientist
academic historian journalist editor correspondent reporter writer critic activist
campaigner official aide adviser advisor consultant expert economist analyst strategist
specialist veteran trustee delegate negotiator mediator envoy ambassador diplomat
""".split())


def _person_noun(word: str) -> bool:
    """A noun for what a person is: a title ("President"), a role noun, or an agent noun
    ("analyst", "trader", "spokesman"); not "Light" before "Louisiana Sweet", not "offer"."""
    word = word.rstrip(".")
    return word in TITLES or word in ROLE_NOUNS or word in PERSON_NOUNS or (
        word.endswith(AGENT_ENDINGS) and word not in ORG_NOUNS and len(word) > 3)


def _org_apposition(span) -> bool:
    """ "X, a mining company": the apposition right after the name says it is a firm."""
    root = span.root
    return any(c.dep_ == "appos" and c.i > root.i and c.lower_ in ORG_NOUNS and
               _adjacent(span.doc, span.end, c.left_edge.i) for c in root.children)


def _adjacent(doc, start: int, end: int) -> bool:
    """Only punctuation (a comma, a dash) between token `start` and token `end`."""
    return start <= end and all(t.is_punct for t in doc[start:end]) and end - start <= 2


def _plural_role(doc, role: str) -> bool:
    """"Compatriots", "rivals": a group the person belongs to, not a role they hold."""
    last = role.split()[-1]
    return last.endswith("s") and not last.endswith(("ss", "us", "is")) and \
        last.lower() not in TITLES


def _phrase(doc, head, stop: int | None = None) -> str:
    """An apposition's words, without its article and up to the first comma or clause."""
    start = head.left_edge.i
    end = head.right_edge.i + 1 if stop is None else stop
    words = []
    for tok in doc[start:end]:
        if tok.text in (",", ";", "(", ")", "—", "–") or tok.dep_ == "relcl" or (
                tok.lower_ in ("who", "which") and tok.i > head.i):
            if tok.i > head.i:
                break
            words = []
            continue
        words.append(tok)
    while words and (words[0].pos_ == "DET" or words[0].is_punct):
        words = words[1:]
    text = "".join(t.text_with_ws for t in words).strip()
    return text.rstrip(" ,;:")


# ---------------------------------------------------------------- the component

def extract_entities(doc, seed: Seed, aliases: Aliases,
                     dateline: Dateline | None = None) -> Entities:
    """The article's people, organizations and places, each once, in first-seen order."""
    if dateline is None:
        dateline = find_dateline(seed)
    length = doc[-1].idx + len(doc[-1].text) if len(doc) else 0
    caps = _caps_blocks(seed, length)
    dl_span = _dateline_span(seed, dateline) if dateline else None
    credit = fold(seed.credit) if seed.credit else None

    def skipped(start: int) -> bool:
        return any(a <= start < b for a, b in caps) or bool(
            dl_span and dl_span[0] <= start < dl_span[1])

    mentions: list[Mention] = []
    for ent in _joined_ents(doc):
        kind = LABEL_KIND.get(ent.label_)
        if kind == "places":
            body = _body_after_place(ent)
            if body is not None:  # "Moscow Newsroom", "Jakarta Post": a body, not a town
                ent, kind = body, "organizations"
            elif _event_after(doc, ent.end):
                continue  # "U.S. Open", "Hong Kong Open": an event's name, not a place
        if kind is None and ent.label_ != "PERSON":
            words = [t for t in ent if t.is_alpha]
            if ent.label_ == "FAC" and words and words[-1].lower_ in PLACE_WORDS:
                kind = "places"  # "Tiananmen Square", "Grace Road"
            elif words and _country_like(doc[words[0].i:words[-1].i + 1].text):
                kind = "places"  # a country the model called a product or a nationality
            elif ent.label_ in ("EVENT", "FAC", "PRODUCT") and _place_context(ent) == 2:
                kind = "places"  # "Stansted airport"
            elif ent.label_ == "FAC" and words and words[-1].lower_ not in EVENT_WORDS | {
                    "slam", "olympic", "olympics", "initiative", "project", "programme",
                    "program", "plan", "agreement", "accord", "treaty"} and \
                    all(w.text[:1].isupper() for w in words) and len(words) <= 3:
                kind = "places"  # a building, a bridge, a ground: a place (a page only if
                # it resolves, corpus/names.py)
        if kind is None or skipped(ent.start_char):
            continue
        j = ent.end
        while j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper() \
                and doc[j].is_alpha and not doc[j].ent_type_ \
                and "\n" not in doc[j - 1].whitespace_:
            j += 1
        if 1 <= j - ent.end <= 2 and not any(t.lower_ in TITLES for t in doc[ent.end:j]) and (
                ent.label_ == "PERSON" or len(ent) == 1 and _given_name(ent.text)):
            # the model stopped one word short ("Steffi" of "Steffi Graf")
            ent = Span(doc, ent.start, j, label=ent.label)
        mentions += _clean_mentions(ent, kind)
        if kind == "organizations" and j - ent.end >= 2:
            # "the Russian Business Congress Delovaya Rossiya": a name right after an
            # organization's, outside any entity, is the organization's other name
            mentions += _clean_mentions(doc[ent.end:j], kind)
    mentions += _unlabelled_countries(doc, skipped)
    listed = _list_people(doc, seed, skipped) + _parallel_people(doc, skipped)
    taken = {t.i for m in listed for t in m.head}
    mentions = [m for m in mentions if m.head is None or not taken & {t.i for t in m.head}]
    mentions += listed
    if dl_span:
        city = dateline_city(dateline.place)
        if city:
            mentions.append(Mention(city, "places", dl_span[0], dateline.place))
        if "," in dateline.place:  # "MILWAUKEE, Wisconsin": the region is named too
            written = dateline.place.split(",", 1)[1].strip()
            if gazetteer().region_of_dateline(written):  # as written ("Calif."); its page
                mentions.append(Mention(written, "places", dl_span[0] + 1, dateline.place))
                # takes the region's name (corpus/names.py, base_form)
    _retype(mentions)
    mentions += _caps_mentions(doc, caps, mentions)
    mentions += _name_lines(seed, caps, mentions)
    if dl_span:
        _dateline_city_is_a_place(mentions, dateline)
    mentions.sort(key=lambda m: m.start)

    found = Entities()
    blocks = seed.blocks
    body = [(b.start, b.end) for b in blocks if b.kind == "paragraph"]
    in_body = {fold(m.text) for m in mentions if _in_body(m.start, body)}
    # a headline's Title Case run ("Obama Says") is no full name to merge body mentions into
    merged, shared = _merge(mentions, {fold(m.text) for m in mentions} - in_body)
    named: list[tuple[Mention, str]] = []  # each kept mention and the name it counts for
    full_titles: dict[str, set[str]] = defaultdict(set)  # full person name -> its titles
    for m in mentions:
        if m.kind == "people" and " " in m.text and m.head is not None:
            full_titles[fold(m.text)].update(_role_titles(m.head))
    for kind in KINDS:
        names: list[str] = []
        seen: set[str] = set()
        for m in mentions:
            if m.kind != kind:
                continue
            name = merged.get((kind, fold(m.text)), m.text)
            owners = shared.get((kind, fold(m.text)))
            if owners and m.head is not None:
                # "Blair" fits Tony and Cherie Blair: the mention's own "Mr"/"she" decides
                gender = _mention_gender(m.head)
                fits = [o for o in owners if gender and name_gender(o.split()[0]) == gender]
                if gender and not fits:  # "Mr. Obama" by Barack (unknown) and Michelle (f)
                    fits = [o for o in owners if not name_gender(o.split()[0])]
                if len(fits) == 1:
                    name = fits[0]
            elif kind == "people" and name != m.text and m.head is not None and \
                    " " not in m.text.strip() and _not_the_owner(m.head, name, full_titles):
                name = m.text  # "President Obama" beside "first lady Michelle Obama"
            if kind == "places":
                name = _display_place(name)  # "WASHINGTON" -> "Washington"
            if credit and fold(name) == credit:
                continue  # the photo credit: an agency, not something the story mentions
            if aliases.ignored(name) or aliases.ignored(m.text):
                continue
            name = aliases.lookup(m.text) or aliases.lookup(name) or name
            if name != m.raw:
                found.mentions.setdefault(m.raw, name)
            named.append((m, name))
            if fold(name) not in seen:
                seen.add(fold(name))
                names.append(name)
        setattr(found, kind, names)
    for m, name in named:
        if m.kind == "people" and m.head is not None and _in_body(m.start, body) and \
                not skipped(m.start):
            for role in _roles_of(m.head):  # roles from body sentences, never headlines
                have = found.roles.setdefault(name, [])
                if role not in have:
                    have.append(role)
    found.evidence = _evidence(named, seed, body, dl_span, dateline)
    for m in mentions:
        if m.thing:  # for the corpus stage: a name this article uses as a thing
            found.evidence.setdefault(m.text, {"kind": "thing", "n": 0, "body": True,
                                               "tags": []})
    return found


def _role_titles(span) -> set[str]:
    """The titles before a mention that say what the person is ("president", "lady"), not
    how they are addressed ("Mr")."""
    return {t for t in _titles_before(span)[0] if t not in HONORIFICS
            and t + "." not in HONORIFICS and t not in ("former", "late", "acting")}


def _not_the_owner(span, owner: str, full_titles: dict[str, set[str]]) -> bool:
    """A surname the article's only full name with it does not fit: the mention's gender
    (its title, a pronoun after it) is not the full name's given name's, or its title is
    not one the full name has in the article. Left short, the corpus stage links it by the
    corpus's evidence ("President Obama" to Barack Obama, not Michelle)."""
    gender = _mention_gender(span)
    theirs = name_gender(owner.split()[0])
    if gender and theirs and gender != theirs:
        return True
    roles = _role_titles(span)
    owned = full_titles.get(fold(owner), set())
    return bool(roles and owned and not roles & owned)


def _event_after(doc, i: int) -> bool:
    """Token `i` is a capitalized event word ("Open", "Cup", "Games"): a place before it
    names the event ("U.S. Open"), not where something is."""
    return i < len(doc) and doc[i].lower_ in EVENT_WORDS and doc[i].text[:1].isupper()


# Words of organizations' names that do not end one after a place ("Hong Kong Financial
# Secretary", "Chicago Mercantile Exchange" is spaCy's own entity).
NOT_HEADS = frozenset("""
exchange reserve financial medical international electric electronics chemical chemicals
energy oil steel capital
""".split())


def _body_after_place(ent):
    """A place followed by a capitalized head word of an organization outside any entity
    ("Moscow Newsroom", "JAKARTA POST"): the span of the whole organization's name."""
    doc = ent.doc
    j = ent.end
    if j < len(doc) and doc[j].is_alpha and doc[j].text[:1].isupper() and \
            not doc[j].ent_type_ and doc[j].lower_ in ORG_WORDS - NOT_HEADS \
            and doc[j].lower_ not in PLACE_WORDS and doc[j].tag_ in ("NNP", "NNPS", "NN") and \
            not (j + 1 < len(doc) and doc[j + 1].is_alpha and doc[j + 1].text[:1].isupper()):
        return Span(doc, ent.start, j + 1, label="ORG")  # not "Hong Kong Financial Secretary"
    return None


def _in_body(start: int, body: list[tuple[int, int]]) -> bool:
    return any(a <= start < b for a, b in body)


def _mention_gender(span) -> str:
    """What the words next to one mention say of the person's gender: a title before it
    ("Mr", "Queen"), else the first he/she after it, in its sentence or the next, before any
    other person is named."""
    titles, gender = _titles_before(span)
    return gender or _pronoun_after(span)


def _titles_before(span) -> tuple[list[str], str]:
    """The title words right before a name ("Prime Minister", "Mr") and the gender they
    tell, if any."""
    doc = span.doc
    i = span.start - 1
    words: list[str] = []
    while i >= 0 and (doc[i].lower_ in TITLES or doc[i].lower_ in HONORIFICS) and \
            "\n" not in doc[i].whitespace_ and len(words) < 4:
        words.insert(0, doc[i].lower_.rstrip("."))
        i -= 1
    gender = ""
    for word in words:
        if word in MALE_TITLES or word + "." in MALE_TITLES:
            gender = "m"
        elif word in FEMALE_TITLES or word + "." in FEMALE_TITLES:
            gender = "f"
    return words, gender


def _pronoun_after(span, subject: bool = False) -> str:
    """The gender of the first he/she after the name, in its sentence or the next, before
    any other person is named; with `subject`, only a pronoun that is a clause's subject."""
    doc = span.doc
    starts = 0
    for tok in doc[span.end:min(len(doc), span.end + 40)]:
        if tok.is_sent_start:
            starts += 1
            if starts > 1:
                break
        if tok.ent_type_ == "PERSON":
            break
        gender = PRONOUN_GENDER.get(tok.lower_)
        if gender:
            if subject and tok.dep_ not in ("nsubj", "nsubjpass"):
                return ""
            if subject and tok.head.lemma_ in SPEECH_VERBS and tok.head.i < tok.i + 2 and \
                    tok.head.i > tok.i:
                return ""  # "..., he said": the speaker of a quote, often someone else
            return gender
    return ""


# Where a name stands as someone in the sentence (not "compound": "the Louvre accord").
ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj", "ROOT", "attr",
                 "poss", "dative", "iobj"}


def _said(span) -> bool:
    root = span.root
    return root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ in SPEECH_VERBS


ACRONYM = re.compile(r"\(\s*([A-Z][A-Za-z&.\-]{1,11})\s*\)")


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[^\W\d_]+", name)
                   if w.lower() not in ("of", "the", "and", "for", "de", "&")).upper()


def _parentheses_after(name: str, text: str):
    r"""Each place in `text` just inside a "(" that follows `name` (white space between):
    what `re.search(re.escape(name) + r"\s*\(", text)` looks for, found without compiling a
    pattern per name (a build has thousands of names, more than re's cache holds)."""
    at = text.find(name)
    while at >= 0:
        end = at + len(name)
        while end < len(text) and text[end].isspace():  # isspace is re's \s
            end += 1
        if end < len(text) and text[end] == "(":
            yield end + 1
        at = text.find(name, at + 1)


ACRONYM_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz&.-")


def _defined_as(name: str, text: str) -> str | None:
    r"""The acronym in the first "name (ACRONYM)" of the text, as matched by
    `name\s*\(\s*([A-Z][A-Za-z&.\-]{1,11})\s*\)` (the acronym's characters cannot be
    white space or ")", so it is the whole run of them there, 2 to 12 long)."""
    for start in _parentheses_after(name, text):
        while start < len(text) and text[start].isspace():
            start += 1
        end = start
        while end < len(text) and text[end] in ACRONYM_CHARS:
            end += 1
        close = end
        while close < len(text) and text[close].isspace():
            close += 1
        if 2 <= end - start <= 12 and "A" <= text[start] <= "Z" and close < len(text) \
                and text[close] == ")":
            return text[start:end]
    return None


def _evidence(named: list[tuple[Mention, str]], seed: Seed, body: list[tuple[int, int]],
              dl_span, dateline: Dateline | None = None) -> dict[str, dict]:
    """Per name, the evidence this article gives for its kind (see `Entities.evidence`).
    People: a given name ("given"), a title or honorific ("title"), a speech verb ("said"),
    a pronoun that follows it ("pronoun"); the corpus adds roles and links.
    Organizations: a suffix or head word ("suffix"), an acronym defined in the text
    ("acronym"), words around it ("context"). Places: the gazetteer ("gazetteer"), the
    dateline ("dateline"), a feature's head word ("feature"), words around it ("context")."""
    gaz = gazetteer()
    text = seed.text
    defined = {m.group(1).replace(".", "") for m in ACRONYM.finditer(text)}
    org_names = {name for m, name in named if m.kind == "organizations"}
    org_initials = {_initials(n) for n in org_names if len(n.split()) >= 2}
    dateline_sure = _dateline_resolves(dateline)
    out: dict[str, dict] = {}
    for m, name in named:
        record = out.setdefault(name, {"kind": m.kind, "n": 0, "body": False, "tags": set()})
        if record["kind"] != m.kind:
            continue
        record["n"] += 1
        in_dateline = bool(dl_span and dl_span[0] <= m.start < dl_span[1])
        if in_dateline or _in_body(m.start, body):
            record["body"] = True
        tags = record["tags"]
        words = name.split()
        last = words[-1].lower().rstrip(".")
        if m.kind == "people":
            if len(words) >= 2 and _given_name(words[0]) and words[0].lower() not in TITLES:
                tags.add("given")
                record.setdefault("gender", name_gender(words[0]))
            if m.head is not None:
                titles, gender = _titles_before(m.head)
                if titles:
                    tags.add("title")
                    record.setdefault("titles", set()).update(
                        t for t in titles if t not in HONORIFICS and t + "." not in HONORIFICS)
                # a name used as a modifier ("the Louvre accord") says nothing of a person
                argument = m.head.root.dep_ in ARGUMENT_DEPS
                gender = gender or (_pronoun_after(m.head) if argument else "")
                if gender and not record.get("gender"):
                    record["gender"] = gender
                if _said(m.head):
                    tags.add("said")
                if gender and not titles and m.head.root.dep_ in ("nsubj", "nsubjpass") \
                        and _pronoun_after(m.head, subject=True):
                    tags.add("pronoun")  # "Kowalczyk arrived late. He apologised."
        elif m.kind == "organizations":
            if last in ORG_WORDS or len(words) >= 3 and words[0].lower() in ORG_HEADS and \
                    words[1].lower() in ("of", "for"):
                tags.add("suffix")
            squeezed = name.replace(".", "")
            if squeezed in defined and (is_caps(squeezed) or len(words) == 1) or \
                    len(words) >= 2 and next(_parentheses_after(name, text), None) or \
                    len(words) == 1 and is_caps(squeezed) and squeezed in org_initials:
                tags.add("acronym")
            if len(words) >= 2 and "defines" not in record:
                defined_as = _defined_as(name, text)
                if defined_as:  # "the Securities and Exchange Commission (SEC)"
                    record["defines"] = defined_as.replace(".", "")
            if m.head is not None and (_org_context(m.head) or _body_context(m.head)):
                tags.add("context")  # "Pirelli shares", "the Lens goalkeeper"
        elif m.kind == "places":
            if gaz.resolve(name) is not None or gaz.resolve(m.text) is not None or \
                    in_dateline and gaz.region_of_dateline(name):
                tags.add("gazetteer")
            if in_dateline and dateline_sure:
                tags.add("dateline")
            if len(words) >= 2 and (last in FEATURE_WORDS or words[0].lower() in FEATURE_HEADS) \
                    and not any(w.lower().rstrip(".") in ORG_WORDS for w in words):
                tags.add("feature")  # "Yangtze River", "Lake Victoria", "Gulf of Aden"
            if m.head is not None and _place_context(m.head) == 2:
                tags.add("context")
    for record in out.values():
        record["tags"] = sorted(record["tags"])
        if "titles" in record:
            record["titles"] = sorted(record["titles"])
    return out


def _joined_ents(doc) -> list:
    """spaCy's entities, with a name cut after its particles put back together: "Ursula von
    der" + "Leyen" is one person, "Ursula von der Leyen", not a person and a place."""
    ents = list(doc.ents)
    out = []
    i = 0
    while i < len(ents):
        ent = ents[i]
        end = ent.end
        if ent[-1].lower_ in NAME_PARTICLES and ent[-1].is_lower and ent.label_ in (
                "PERSON", "ORG", "GPE") and end < len(doc) and doc[end].text[:1].isupper():
            j = end
            while j < len(doc) and doc[j].is_alpha and doc[j].text[:1].isupper() and \
                    "\n" not in doc[j - 1].whitespace_:
                j += 1
            if j > end:
                while i + 1 < len(ents) and ents[i + 1].start < j:
                    i += 1  # the surname spaCy took for a name of its own
                ent = Span(doc, ent.start, j, label="PERSON")
        out.append(ent)
        i += 1
    return out


def _list_people(doc, seed: Seed, skipped) -> list[Mention]:
    """Names in a list of people ("8 - Zinzan Brooke, 7 - Josh Kronfeld, ..."): spaCy finds
    some items and misses others. In a block where people outnumber organizations and
    places, an unlabelled run of capitalized words standing alone between separators is a
    list item like its neighbours, so a person too (and so is an "organization" item)."""
    found: list[Mention] = []
    ents = doc.ents
    length = doc[-1].idx + len(doc[-1].text) if len(doc) else 0
    for block in seed.blocks:
        if block.start >= length or skipped(block.start):
            continue
        span = doc.char_span(block.start, min(block.end, length), alignment_mode="expand")
        if span is None:
            continue
        labels = Counter(e.label_ for e in ents if block.start <= e.start_char < block.end)
        if labels["PERSON"] < 3 or labels["PERSON"] <= 2 * (labels["ORG"] + labels["GPE"]):
            continue
        if sum(t.text in (",", ";") for t in span) < 3:
            continue
        run: list = []
        for tok in list(span) + [None]:
            if tok is not None and tok.text[:1].isupper() and tok.is_alpha and \
                    tok.ent_type_ in NON_NAME_ENTS | {"ORG"} and tok.lower_ not in TITLES:
                run.append(tok)
                continue
            if 2 <= len(run) <= 4 and (tok is None or tok.text in LIST_SEPARATORS) and (
                    run[0].i == span.start or doc[run[0].i - 1].text in LIST_SEPARATORS
                    or doc[run[0].i - 1].like_num):
                item = doc[run[0].i:run[-1].i + 1]
                if item.text.split()[-1].lower() not in ORG_WORDS:
                    found.append(Mention(_name_text(item), "people", item.start_char,
                                         item.text, item))
            run = []
    return found


def _unlabelled_countries(doc, skipped) -> list[Mention]:
    """Countries, states, continents and streets the model left unlabelled ("beat X
    (Madagascar)", "Wall Street")."""
    found = []
    n = len(doc)
    if not n:
        return found
    cols = doc.to_array([POS, ENT_IOB, IS_TITLE, IS_UPPER])  # fast: no Token objects
    free = ((cols[:, 0] == PROPN) & (cols[:, 1] != 1) & (cols[:, 1] != 3)
            & ((cols[:, 2] == 1) | (cols[:, 3] == 1))).tolist()
    if not any(free):
        return found
    idx = doc.to_array([IDX]).tolist()  # character offsets, without Token objects
    i = 0
    while i < n:
        if not free[i]:
            i += 1
            continue
        for size in (3, 2, 1):
            if i + size > n or not all(free[i:i + size]):
                continue
            if i + size < n and free[i + size] and cols[i + size, 2]:
                continue  # part of a longer name ("U.S. Open")
            span = doc[i:i + size]
            text = span.text
            if (_country_like(text) or size > 1 and span[-1].lower_ in STREET_WORDS) \
                    and not skipped(idx[i]):
                found.append(Mention(text, "places", idx[i], text, span))
                i += size
                break
        else:
            i += 1
    return found


def _slot(tok) -> str:
    """How a neighbour of a name looks, for comparing the contexts names stand in."""
    if tok is None or tok.is_space or "\n" in tok.text:
        return "|"
    if tok.like_num:
        return "#"
    return tok.lower_ if tok.is_punct or tok.is_lower else ""


def _runs(doc, skipped):
    """Runs of 2-4 capitalized words, with the context (word before, word after).

    Read from whole-Doc columns (`Doc.to_array`), not a Token object per token: this walks
    every token of every article. (A token's trailing whitespace is one space or none, so a
    run never ends at a line break inside its whitespace; line breaks are tokens.)"""
    n = len(doc)
    if not n:
        return
    strings = doc.vocab.strings
    rows = doc.to_array([ORTH, LOWER_CASE, IS_ALPHA, SPACY, IDX]).tolist()
    texts = [strings[row[0]] for row in rows]
    run: list[int] = []
    for i in range(n + 1):
        joined = run and not rows[run[-1]][3]
        if i < n:
            text = texts[i]
            alpha = rows[i][2]
            if alpha and (text[:1].isupper() or joined) and strings[rows[i][1]] not in TITLES \
                    or joined and text in "-'" and not rows[i][3]:
                run.append(i)
                continue
        while run and not rows[run[-1]][2]:
            run.pop()
        if 2 <= len(run) <= 4 and not skipped(rows[run[0]][4]):
            before = doc[run[0] - 1] if run[0] > 0 else None
            after = doc[i] if i < n else None
            yield doc[run[0]:run[-1] + 1], (_slot(before), _slot(after))
        run = []


def _parallel_people(doc, skipped) -> list[Mention]:
    """Names standing where the article's people stand: when at least three names spaCy
    calls people share a context (say "beat X (" in a results list) and nothing else does,
    an unrecognised name in that context is a person too."""
    runs = [(span, ctx) for span, ctx in _runs(doc, skipped) if ctx != ("", "")]
    votes: dict[tuple, Counter] = {}
    for span, ctx in runs:
        labels = {t.ent_type_ for t in span}
        label = ("PERSON" if labels == {"PERSON"} else "mixed" if "PERSON" in labels
                 else "none" if labels <= NON_NAME_ENTS else "other")
        votes.setdefault(ctx, Counter())[label] += 1
    found = []
    gaz = gazetteer()
    for span, ctx in runs:
        words = span.text.split()
        if ctx[0] in LIST_BEFORE and ctx[1] in LIST_AFTER and len(words) <= 3 and \
                {t.ent_type_ for t in span} <= NON_NAME_ENTS - {"DATE", "TIME"} and \
                not span[0].is_stop and _given_name(words[0]) and \
                words[-1].lower() not in ORG_WORDS | PLACE_WORDS and not is_caps(span.text) \
                and not any(gaz.lookup(" ".join(words[:k])) for k in range(1, len(words) + 1)):
            # a list item the model left unlabelled, opening with a given name
            found.append(Mention(_name_text(span), "people", span.start_char, span.text, span))
            continue
        count = votes[ctx]
        if is_caps(span.text) or span[0].is_stop:
            continue
        if count["PERSON"] >= 3 and count["PERSON"] >= 2 * count["other"] and any(
                t.ent_type_ != "PERSON" for t in span) and gaz.lookup(span.text) is None \
                and span.text.split()[-1].lower() not in ORG_WORDS:
            found.append(Mention(_name_text(span), "people", span.start_char, span.text, span))
    return found


def _caps_mentions(doc, caps: list[tuple[int, int]], mentions: list[Mention]) -> list[Mention]:
    """Names in capitals blocks: word sequences naming something found elsewhere in the
    article, or a place the gazetteer is sure of."""
    if not caps:
        return []
    known = {}
    for m in mentions:
        if m.kind and not is_caps(m.text):
            known.setdefault(fold(m.text), m)
    gaz = gazetteer()
    found = []
    for a, b in caps:
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is None:
            continue
        words = [t for t in span if t.is_alpha or t.text in (".", "'") or "." in t.text]
        i = 0
        while i < len(words):
            for n in (4, 3, 2, 1):
                group = words[i:i + n]
                if len(group) < n or any(group[k + 1].i != group[k].i + 1
                                         for k in range(n - 1)):
                    continue
                text = doc[group[0].i:group[-1].i + 1].text
                if n == 1 and (group[0].is_stop or len(text) < 3):
                    continue
                hit = known.get(fold(text))
                if hit is not None:
                    found.append(Mention(hit.text, hit.kind, group[0].idx, text))
                    i += n
                    break
                place = gaz.lookup(text)
                if place is not None and place.sure and not _event_after(
                        doc, group[-1].i + 1):
                    found.append(Mention(place.name, "places", group[0].idx, text))
                    i += n
                    break
            else:
                i += 1
    return found


def _name_lines(seed: Seed, caps: list[tuple[int, int]], mentions: list[Mention]
                ) -> list[Mention]:
    """A short paragraph in capitals that is only a name ("LE MONDE" heading a press
    review): read in Title Case, where the model knows what names look like."""
    found = []
    for block in seed.blocks:
        if block.kind != "paragraph" or (block.start, block.end) not in caps or \
                len(block.text.split()) > 4 or not NAME_LINE.match(block.text) or \
                any(block.start <= m.start < block.end for m in mentions):
            continue
        from digest.extract.nlp import load_nlp  # the pipeline the caller used: loaded once per process

        titled = block.text.title()
        ents = [e for e in load_nlp()(titled).ents if e.label_ in LABEL_KIND]
        if len(ents) == 1 and len(ents[0].text) >= len(titled.rstrip(" .")) - 4:
            kind = LABEL_KIND[ents[0].label_]
            for m in _clean_mentions(ents[0], kind):
                found.append(Mention(m.text, kind, block.start + m.head.start_char, m.raw))
    return found


def _merge(mentions: list[Mention], outside: set[str] = frozenset()
           ) -> tuple[dict[tuple[str, str], str], dict[tuple[str, str], list[str]]]:
    """Short mentions -> the one fuller name of the same kind that starts or ends with them
    ("Xi" -> "Xi Jinping", "Deportivo" -> "Deportivo Coruna"); case variants -> the
    mixed-case spelling. Ambiguous short names stay as they are, and their candidates are
    returned too, for the mention's own evidence to decide. Names in `outside` (seen only in
    the headline or a caption) take no short forms."""
    result: dict[tuple[str, str], str] = {}
    shared: dict[tuple[str, str], list[str]] = {}  # short people names two full ones fit
    for kind in ("people", "organizations", "places"):
        forms: dict[str, str] = {}
        for m in mentions:
            if m.kind == kind:
                key = fold(m.text)
                if key not in forms or (is_caps(forms[key]) and not is_caps(m.text)):
                    forms[key] = m.text
        for key, form in forms.items():
            result[(kind, key)] = form
        if kind == "places":
            continue
        full = [f for f in forms.values() if " " in f and fold(f) not in outside]
        for key, form in forms.items():
            words = key.split()
            owners = []
            for other in full:
                theirs = fold(other).split()
                if len(theirs) <= len(words):
                    continue
                if kind == "people":
                    fits = theirs[:len(words)] == words or theirs[-len(words):] == words
                else:
                    fits = theirs[:len(words)] == words
                if fits:
                    owners.append(other)
            if len({fold(o) for o in owners}) == 1:
                result[(kind, key)] = owners[0]
            elif kind == "people" and owners:
                shared[(kind, key)] = sorted(set(owners))
    # a short name whose owner is itself short of a longer name: follow to the end
    for key, value in list(result.items()):
        for _ in range(3):
            nxt = result.get((key[0], fold(value)), value)
            if nxt == value:
                break
            value = nxt
        result[key] = value
    return result, shared
