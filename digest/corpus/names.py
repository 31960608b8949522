"""One name per entity across the corpus (Canon). Curator aliases always win; then a
gazetteer's common name for places ("U.S." -> "United States"); then the fullest form the
corpus uses ("Putin" -> "Vladimir Putin" when only one Putin is known)."""
from __future__ import annotations

import functools
import re
from collections import Counter
from typing import TYPE_CHECKING, Iterable

from digest.extract.gazetteer import gazetteer
from digest.text import fold, is_caps

if TYPE_CHECKING:
    from digest.extract.entities import Aliases
    from digest.model import Extraction

KINDS = ("people", "organizations", "places")


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
