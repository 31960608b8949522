"""IPTC Media Topics and curator topics, and keyphrases (placeholder: replaced by the topic work)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Taxonomy:
    curator: list = field(default_factory=list)


def load_taxonomy(path: Path | None) -> Taxonomy:
    return Taxonomy()


def classify(doc, seed, entities, taxonomy: Taxonomy) -> tuple[list[str], dict[str, float]]:
    return [], {}


def keyphrases(doc, seed, entities) -> list[str]:
    return []
