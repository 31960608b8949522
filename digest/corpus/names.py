"""One name and one kind per entity across the corpus (Canon), and which names get a page.

Extraction sees one article at a time; this stage sees them all, from each extraction's names
and the evidence it recorded for them (`Extraction.evidence`):

- **kind**: one kind per name, the majority of the articles that name it, each article's vote
  weighted by the evidence it gives (a given name, a title, a company suffix, the gazetteer).
  A short name that a corpus organization extends with a company suffix ("Acme" and "Acme
  Corp") is that organization's. A curator's alias with a `kind:` beats the vote.
- **names**: curator aliases always win; then a gazetteer's common name for places ("U.S." ->
  "United States"); then the fullest form the corpus uses. A short person name ("Reagan",
  written "President Reagan" or "Mr Reagan") links to the full name it fits ("Ronald
  Reagan"): candidates are the corpus's full names ending (or starting) with it; the
  article's own evidence narrows them: the gender its title or pronoun gives, the titles seen
  with each full name; then one must be left, or dominate (three times the articles of the
  next). Otherwise it stays as written, unlinked. A full name without evidence of a person
  takes no short forms but still counts as a candidate ("Clinton" fitting an unproven
  full name stays unlinked), and a full name that is another with one more word and in no
  more articles ("Crooked Hillary Clinton") is that other person.
- **short organization names**: an acronym, a clipped name or a name without its country
  ("SEC", "Fed", "Treasury") joins the full name it abbreviates ("Securities and Exchange
  Commission", "Federal Reserve", "U.S. Treasury") when they are named in the same
  articles or an article defines it ("... Commission (SEC)"); met with several full names,
  it joins the one met in three times the articles of the next, else stays as written. A
  one-word organization with and without a final s or "'s" ("Reuter", "Reuters") is one.
- **pages**: a name gets a page when the corpus has strong evidence of its kind, or weak
  evidence in at least `min_articles` articles; places only when they resolve (gazetteer,
  dateline, a feature's head word). A name seen only in headlines or captions gets none.
  A name the articles use as a thing traded or quoted in a third of its articles ("West
  Texas Intermediate crude", "the Dow Jones industrial average") gets none. Names the
  curator lists always get one. The others stay in their articles' metadata."""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import re
from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Iterable

from digest.extract.gazetteer import STATE_ABBREVIATIONS, gazetteer
from digest.text import fold, is_caps

if TYPE_CHECKING:
    from digest.extract.entities import Aliases
    from digest.model import Extraction

KINDS = ("people", "organizations", "places")
# Evidence that alone makes a name's kind (see extract/entities.py `_evidence`).
STRONG = {"people": {"given", "title", "linked", "role"},
          "organizations": {"suffix", "acronym"},
          "places": {"gazetteer", "dateline", "feature"}}
# Evidence that counts only when the name recurs in `min_articles` articles.
WEAK = {"people": {"said", "pronoun"}, "organizations": {"context"}, "places": set()}
# What ends a company's legal name ("Acme Corp", "Acme Co Ltd"): the rest is its short name.
COMPANY_SUFFIXES = frozenset("""
inc corp co ltd plc llc ag sa nv bv gmbh spa ab asa oy kk bhd pty cos corporation
incorporated limited company holdings group and &
""".split())
TOWN = 100_000  # a town this large, named with no sign of a person, is the town
PERSON_EVIDENCE = {"given", "title", "role"}  # what a full name needs to take short forms
# One word that names a kind of body, not a body: "Bank", "Group" never get a page alone.
GENERIC = frozenset("""
bank group company corporation council committee commission association union federation
party ministry department office authority foundation society agency institute university
college school board bureau fund trust exchange court club league network industries
systems holdings partners capital securities markets service services administration
government unit division
""".split())
DOMINANCE = 3  # a full name with this many times the articles of the next takes a short form
MIN_ARTICLES = 2  # the default of `entity_min_articles`


class Canon:
    """Corpus-wide names: `name(kind, name)` gives the one name the site shows for an entity,
    or None when the curator ignores it; `regroup` applies the corpus's kinds and links to one
    article; `paged` says which names get a page."""

    def __init__(self, aliases: "Aliases", people: dict[str, str] | None = None,
                 forms: dict[tuple[str, str], str] | None = None):
        self.aliases = aliases
        self.people = people or {}  # folded short person name -> full name, corpus-wide
        self.forms = forms or {}  # (kind, folded name) -> preferred spelling
        self.orgs: dict[str, str] = {}  # folded short organization name -> full name
        self.kinds: dict[str, str] = {}  # folded name -> the kind the corpus voted
        self.pages: set[tuple[str, str]] = set()  # (kind, folded final name) with a page
        self.resolver: "Linker | None" = None
        self._listed: set[str] | None = None

    def name(self, kind: str, name: str) -> str | None:
        if self.aliases.ignored(name):
            return None
        curated = self.aliases.lookup(name)
        if curated is not None:
            return None if self.aliases.ignored(curated) else curated
        result = base_form(kind, name)
        if kind == "people":
            result = self.people.get(fold(result), result)
        elif kind == "organizations":
            result = self.orgs.get(fold(result), result)  # "Fed" -> "Federal Reserve"
        result = self.forms.get((kind, fold(result)), result)
        curated = self.aliases.lookup(result)
        if curated is not None:
            result = curated
        return None if self.aliases.ignored(result) else result

    def kind(self, name: str, kind: str) -> str:
        """The kind the corpus gives `name`, found as `kind` in one article."""
        curated = self.aliases.kind(name)
        if curated is not None:
            return curated
        return self.kinds.get(vote_key(name), kind)

    def regroup(self, extraction: "Extraction") -> "Extraction":
        """The extraction with the corpus's kinds and person links applied: names moved to
        the kind the corpus voted, short person names replaced by the full name this
        article's evidence links them to (roles and quote speakers follow)."""
        return self._regroup(extraction)[0]

    def _regroup(self, extraction: "Extraction"
                 ) -> tuple["Extraction", list[tuple[str, str, str, str]]]:
        """The regrouped extraction, and each of its names as (kind, name, the name as
        extracted, the kind extracted)."""
        groups: dict[str, list[str]] = {kind: [] for kind in KINDS}
        moves: list[tuple[str, str, str, str]] = []
        renamed: dict[str, str] = {}
        evidence = extraction.evidence
        for kind in KINDS:
            for name in getattr(extraction, kind):
                final = self.kind(name, kind)
                new = name
                if final == "people" and self.resolver is not None:
                    new = self.resolver.link(name, evidence.get(name, {})) or name
                    if new != name:
                        renamed[name] = new
                groups[final].append(new)
                moves.append((final, new, name, kind))
        if not renamed and all(groups[k] == getattr(extraction, k) for k in KINDS):
            return extraction, moves
        roles: dict[str, list[str]] = {}
        for person, seen in extraction.roles.items():
            have = roles.setdefault(renamed.get(person, person), [])
            have += [r for r in seen if r not in have]
        quotes = [dataclasses.replace(q, speaker=renamed[q.speaker])
                  if q.speaker in renamed else q for q in extraction.quotes]
        return dataclasses.replace(
            extraction, people=list(dict.fromkeys(groups["people"])),
            organizations=list(dict.fromkeys(groups["organizations"])),
            places=list(dict.fromkeys(groups["places"])), roles=roles, quotes=quotes), moves

    def paged(self, kind: str, name: str) -> bool:
        """Whether the site gives `name` (a final, canonical name) a page of `kind`."""
        if self._listed is None:
            self._listed = {fold(n) for n in self.aliases.listed()}
        return (kind, fold(name)) in self.pages or fold(name) in self._listed

    def fingerprint(self) -> str:
        """Everything this stage decided, in one digest (for caches of what depends on it)."""
        table = repr((sorted(self.forms.items()), sorted(self.people.items()),
                      sorted(self.orgs.items()),
                      sorted(self.kinds.items()), sorted(self.pages),
                      self.resolver.table() if self.resolver else ()))
        return hashlib.sha1(table.encode()).hexdigest()


@functools.lru_cache(maxsize=65536)  # pure, and called for every name of every article
def base_form(kind: str, name: str) -> str:
    """The name without a leading "the" or possessive; a country under its common name."""
    name = re.sub(r"['\u2019]s?$", "", name.strip()).strip()
    if kind == "places":
        gaz = gazetteer()
        if name.endswith(".") and fold(name).rstrip(".") in STATE_ABBREVIATIONS:
            return STATE_ABBREVIATIONS[fold(name).rstrip(".")]  # "Calif." -> "California"
        place = gaz.lookup(name)
        if place is not None and (place.kind == "country" or is_caps(name)
                                  or place.name.startswith("The ")):  # "The Hague"
            return place.name
    return re.sub(r"^(?:the|The|THE)\s+", "", name)


def _abbreviation(name: str) -> bool:
    """"U.S.", "UK", "LONDON" as a dateline writes it: not how a page should be titled."""
    return "." in name or is_caps(name) or sum(c.isalpha() for c in name) < 4


def vote_key(name: str) -> str:
    """What the kind vote compares: the name, case, "the" and possessive aside."""
    return fold(base_form("people", name))


@dataclasses.dataclass
class FullName:
    """A person's full name in the corpus: how many articles, which gender and titles."""

    name: str
    articles: int = 0
    genders: Counter = dataclasses.field(default_factory=Counter)
    titles: set = dataclasses.field(default_factory=set)
    # some article gives evidence of a person (a given name, a title, a role): only such a
    # name takes short forms; the others still make a short form that fits them ambiguous
    vouched: bool = False

    @property
    def gender(self) -> str:
        if not self.genders:
            return ""
        (top, n), *rest = self.genders.most_common()
        return top if not rest or n > 2 * rest[0][1] else ""


class Linker:
    """Links a short person name to a full one, by the evidence of the article it is in."""

    def __init__(self, full: dict[str, FullName]):
        self.full = full
        self.owners: dict[str, list[FullName]] = defaultdict(list)
        for person in full.values():
            words = person.name.split()
            for part in {words[0], words[-1], " ".join(words[1:]), " ".join(words[:-1])}:
                if part and part != person.name:
                    self.owners[fold(part)].append(person)
        self.decided: dict[tuple, str | None] = {}

    def link(self, name: str, record: dict) -> str | None:
        key = (fold(base_form("people", name)), record.get("gender", ""),
               tuple(record.get("titles", ())))
        if key not in self.decided:
            self.decided[key] = self._decide(*key)
        return self.decided[key]

    def _decide(self, short: str, gender: str, titles: tuple) -> str | None:
        candidates = [c for c in self.owners.get(short, ()) if fold(c.name) != short]
        if not candidates:
            return None
        if gender:
            candidates = [c for c in candidates if c.gender in ("", gender)]
        if titles:
            titled = [c for c in candidates if c.titles & set(titles)]
            candidates = titled or candidates
        candidates.sort(key=lambda c: (-c.articles, c.name))
        if not candidates or not candidates[0].vouched:
            return None  # "Clinton" when the corpus's main Clinton has no evidence yet
        if len(candidates) == 1:
            return candidates[0].name
        if len(candidates) > 1 and candidates[0].articles >= DOMINANCE * max(
                1, candidates[1].articles) and candidates[0].articles >= DOMINANCE:
            return candidates[0].name  # one Reagan the corpus is full of
        return None

    def table(self) -> tuple:
        return tuple(sorted((k, v or "") for k, v in self.decided.items()))


def _record(extraction: "Extraction", name: str, kind: str) -> dict:
    record = extraction.evidence.get(name)
    if record is None:  # an extraction made before evidence was recorded: trust it
        return {"kind": kind, "n": 1, "body": True, "tags": sorted(STRONG[kind])}
    if name in extraction.roles and kind == "people":
        record = dict(record, tags=sorted(set(record["tags"]) | {"role"}))
    return record


def _org_stems(extractions: list["Extraction"]) -> set[str]:
    """Organizations' names without their company suffix ("Acme Corp" -> "acme"): a short
    name that is one of them is that organization, whatever one article took it for."""
    stems = set()
    for extraction in extractions:
        for name in extraction.organizations:
            if "/" in name:  # "Royal Dutch/Shell": a joint name of two companies
                stems.update(fold(part).strip() for part in name.split("/")
                             if len(part.strip()) > 2)
            words = name.split()
            while len(words) > 1 and words[-1].lower().rstrip(".,") in COMPANY_SUFFIXES:
                words = words[:-1]
            if len(words) < len(name.split()):
                stem = fold(" ".join(words))
                stems.add(stem)
                if "/" in stem:  # "Royal Dutch/Shell Group": Royal Dutch, and Shell
                    stems.update(part.strip() for part in stem.split("/") if part.strip())
    return stems


# Small words an acronym leaves out ("Securities and Exchange Commission" -> SEC).
ACRONYM_SKIP = {"of", "the", "and", "for", "de", "&", "on", "in", "to", "a", "an", "du", "des"}
CLIP = 4  # a clipped name ("Fed" of "Federal Reserve") has at most this many letters


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[^\W\d_]+", name)
                   if w.lower() not in ACRONYM_SKIP).upper()


def abbreviates(short: str, full: str) -> bool:
    """`short` is a short form of the organization `full`: its initials ("SEC" of
    "Securities and Exchange Commission", "USDA" of "U.S. Department of Agriculture"), the
    same initials in another order ("USDA" of "U.S. Agriculture Department"), its first word
    clipped ("Fed" of "Federal Reserve"), or the name without the country before it
    ("Treasury" of "U.S. Treasury"). Alone this is weak: the corpus stage links a short form
    only to a full name it meets in the same articles (`_short_orgs`)."""
    words = full.split()
    if len(words) < 2 or " " in short and not full.endswith(" " + short):
        return False
    squeezed = short.replace(".", "").replace("&", "")
    if squeezed.isupper() and squeezed.isalpha() and len(squeezed) >= 2:
        initials = _initials(full)
        return initials == squeezed or len(squeezed) >= 3 and sorted(initials) == sorted(
            squeezed) and initials[0] == squeezed[0]
    first = fold(words[0])
    if " " not in short and short[:1].isupper() and 3 <= len(short) <= CLIP and \
            short[1:].islower() and first.startswith(fold(short)) and len(first) > len(short):
        return True  # "Fed" of "Federal Reserve"
    if full.endswith(" " + short):
        prefix = full[:-len(short) - 1]
        place = gazetteer().lookup(prefix)
        return place is not None and place.kind == "country"  # "U.S. Treasury"
    return False


def _short_orgs(regrouped: list["Extraction"], originals: list["Extraction"]
                ) -> dict[str, str]:
    """Short organization names -> the full name they stand for, corpus-wide: a short form
    and a full name it abbreviates (`abbreviates`), or that an article defines it as ("the
    Securities and Exchange Commission (SEC)"), named in the same article. A short form
    met with several full names goes to the one met in `DOMINANCE` times the articles of the
    next, else it stays as written."""
    pairs: dict[str, Counter] = defaultdict(Counter)
    for extraction, original in zip(regrouped, originals):
        names = {base_form("organizations", n): n for n in extraction.organizations}
        defined = {fold(str(r.get("defines"))): base_form("organizations", n)
                   for n, r in original.evidence.items() if r.get("defines")}
        fulls = [n for n in names if " " in n]
        for short in names:
            key = fold(short)
            found = {full for full in fulls if fold(full) != key and abbreviates(short, full)}
            if key in defined and fold(defined[key]) != key:
                found.add(defined[key])
            for full in found:
                pairs[key][full] += 1
    links = {}
    for key, fulls in pairs.items():
        # "Federal Reserve" and "Federal Reserve Board": the longer counts for the shorter
        for longer in list(fulls):
            shorter = [f for f in fulls if f != longer and fold(longer).startswith(
                fold(f) + " ")]
            if shorter:
                fulls[min(shorter, key=len)] += fulls.pop(longer)
        (top, n), *rest = sorted(fulls.items(), key=lambda kv: (-kv[1], kv[0]))
        if not rest or n >= DOMINANCE * rest[0][1]:
            links[key] = top
    # a full name that is itself a short form of another: follow it once
    out = {}
    for key, full in links.items():
        full = links.get(fold(full), full)
        if fold(full) != key:
            out[key] = full
    return out


def _join_plain_and_s(counts: dict[tuple[str, str], Counter]) -> None:
    """A one-word organization written with and without a final s or possessive ("Reuter"
    and "Reuters", "Moody" and "Moody's") is one organization: both keys share the
    spellings, so both take the one the corpus uses most."""
    for (kind, key), spellings in list(counts.items()):
        if kind != "organizations" or " " in key:
            continue
        other = counts.get((kind, key + "s"))
        if other is not None and other is not spellings:
            other.update(spellings)
            counts[(kind, key)] = other


def build_canon(extractions: Iterable["Extraction"], aliases: "Aliases",
                min_articles: int = MIN_ARTICLES) -> Canon:
    """Look at every extraction once: the kind each name gets, which spelling of each name
    is most used, how short person names link to full ones, and which names get a page."""
    extractions = list(extractions)
    gaz = gazetteer()
    # 1. the kind vote
    stems = _org_stems(extractions)
    surnames = {fold(w) for e in extractions for n in e.people if " " in n
                for w in (n.split()[0], n.split()[-1])}
    votes: dict[str, Counter] = defaultdict(Counter)
    for extraction in extractions:
        for kind in KINDS:
            for name in getattr(extraction, kind):
                tags = set(_record(extraction, name, kind)["tags"])
                key = vote_key(name)
                strong = len(tags & STRONG[kind])
                place = gaz.lookup(name) if kind == "people" and not strong else None
                if place is not None and (place.sure or place.population >= TOWN) and \
                        key not in surnames:
                    votes[key]["places"] += 1  # no sign of a person, and a known town
                    continue
                if kind == "people" and tags & STRONG[kind] == {"given"} and " " in name and \
                        gaz.resolve(name) is not None:
                    votes[key]["places"] += 2  # "Nova Scotia": a place that opens like a name
                    continue
                votes[key][kind] += 1 + strong
                if key in stems and kind != "organizations" and not tags & (
                        STRONG[kind] - {"given"}):
                    votes[key]["organizations"] += 2 + strong  # "Acme" of "Acme Corp"
    kinds = {key: min(count, key=lambda k: (-count[k], KINDS.index(k)))
             for key, count in votes.items()}
    canon = Canon(aliases)
    canon.kinds = kinds
    regrouped = [canon.regroup(e) for e in extractions]
    # 2. spellings
    counts: dict[tuple[str, str], Counter] = {}
    for extraction in regrouped:
        for kind in KINDS:
            for name in getattr(extraction, kind):
                if aliases.lookup(name) is not None:
                    continue
                form = base_form(kind, name)
                spelling = base_form("people", name) if kind == "places" else form
                if kind == "organizations":  # "Moody's" is the agency's own name
                    spelling = re.sub(r"^(?:the|The|THE)\s+", "", name.strip())
                counts.setdefault((kind, fold(form)), Counter())[spelling] += 1
    _join_plain_and_s(counts)
    forms = {}
    for (kind, key), spellings in counts.items():
        if kind == "places":
            # a place as the corpus spells it ("Czech Republic", "Britain"), an abbreviation
            # ("U.S.") only when nothing else is used: then the gazetteer's name
            spelled = Counter({s: n for s, n in spellings.items() if not _abbreviation(s)})
            if not spelled:
                forms[(kind, key)] = base_form(kind, next(iter(spellings)))
                continue
            spellings = spelled
        # the most used spelling; on a tie, mixed case before ALL CAPS, then alphabetical
        forms[(kind, key)] = min(spellings, key=lambda s: (-spellings[s], is_caps(s), s))
    canon.forms = forms
    canon.orgs = _short_orgs(regrouped, extractions)
    # 3. people: full names, their genders and titles; short names linked by evidence
    full: dict[str, FullName] = {}
    for extraction, original in zip(regrouped, extractions):
        for name in extraction.people:
            form = forms.get(("people", fold(base_form("people", name))), name)
            if " " not in form:
                continue
            record = _record(original, name, "people")
            person = full.setdefault(fold(form), FullName(form))
            # "Reagan Administration": no sign of a person to link to, but a short name
            # that fits it and another full name is not sure to be the other's
            person.vouched = person.vouched or bool(
                set(record.get("tags", ())) & PERSON_EVIDENCE)
            person.articles += 1
            if record.get("gender"):
                person.genders[record["gender"]] += 1
            person.titles.update(record.get("titles", ()))
    # a full name that is another, longer by a word ("Crooked Hillary Clinton" of Hillary
    # Clinton, a headline's epithet) and in no more articles, is that person: it neither
    # takes short forms nor keeps a page of its own
    extended: dict[str, str] = {}
    for key, person in full.items():
        words = key.split()
        for part in (" ".join(words[1:]), " ".join(words[:-1])):
            other = full.get(part) if len(words) >= 3 else None
            if other is not None and other.vouched and other.articles >= person.articles:
                extended[key] = other.name
                break
    linker = Linker({k: v for k, v in full.items() if k not in extended})
    canon.resolver = linker
    # a short name every article links to the same full name: linked wherever it is met
    # (quote speakers, curator lists)
    decisions: dict[str, set] = defaultdict(set)
    for extraction in extractions:
        for name in extraction.people:
            if canon.kind(name, "people") == "people" and " " not in name.strip():
                decisions[fold(base_form("people", name))].add(
                    linker.link(name, extraction.evidence.get(name, {})))
    canon.people = {short: next(iter(found)) for short, found in decisions.items()
                    if len(found) == 1 and None not in found}
    for short, owners in linker.owners.items():  # multi-word parts ("Gahr Store")
        if " " in short and len(owners) == 1 and short not in canon.people and \
                ("people", short) in forms and owners[0].vouched and short not in extended:
            canon.people[short] = owners[0].name
    for key, name in extended.items():
        canon.people.setdefault(key, canon.people.get(fold(name), name))
    # 4. pages
    seen: dict[tuple[str, str], dict] = {}
    for extraction in extractions:
        for kind, name, source, source_kind in canon._regroup(extraction)[1]:
            record = _record(extraction, source, source_kind)
            final = canon.name(kind, name)
            if final is None:
                continue
            slot = seen.setdefault((kind, fold(final)), {"articles": set(), "body": False,
                                                         "tags": set(), "weak": set()})
            slot["articles"].add(id(extraction))
            if set(record.get("tags", ())) & WEAK[kind]:
                slot["weak"].add(id(extraction))
            slot["body"] = slot["body"] or bool(record.get("body", True))
            slot["tags"].update(record.get("tags", ()))
            if source != name:
                slot["tags"].add("linked")
    # names articles use as things traded or quoted ("West Texas Intermediate crude")
    things = Counter(vote_key(name) for extraction in extractions
                     for name, record in extraction.evidence.items()
                     if record.get("kind") == "thing")
    for (kind, key), slot in seen.items():
        if not slot["body"]:
            continue  # headline and caption fragments never make a page
        if kind != "places" and 2 * things.get(vote_key(key), 0) >= len(slot["articles"]):
            continue  # a grade or an index in a third of its articles or more: not a body
        if kind != "places" and key in GENERIC:
            continue  # "Bank", "Group": a word for a body, not a name
        tags = slot["tags"]
        if tags & STRONG[kind]:
            canon.pages.add((kind, key))
        elif kind == "organizations" and len(slot["articles"]) >= max(1, min_articles):
            canon.pages.add((kind, key))  # organizations: repeated use is evidence
        elif kind == "people" and len(slot["weak"]) >= max(1, min_articles):
            canon.pages.add((kind, key))  # said, he: in that many articles
    return canon
