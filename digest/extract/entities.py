"""People, organizations and places (placeholder: replaced by the entity work)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Aliases:
    canonical: dict[str, str] = field(default_factory=dict)  # variant -> canonical name
    ignore: set[str] = field(default_factory=set)


@dataclass
class Entities:
    people: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    roles: dict[str, list[str]] = field(default_factory=dict)
    mentions: dict[str, str] = field(default_factory=dict)  # short mention -> full name


def load_aliases(path: Path | None) -> Aliases:
    return Aliases()


def extract_entities(doc, seed, aliases: Aliases, dateline=None) -> Entities:
    kinds = {"PERSON": "people", "ORG": "organizations", "GPE": "places", "LOC": "places"}
    found: dict[str, list[str]] = {"people": [], "organizations": [], "places": []}
    for ent in doc.ents:
        kind = kinds.get(ent.label_)
        if kind and ent.text not in found[kind]:
            found[kind].append(ent.text)
    return Entities(**found)
