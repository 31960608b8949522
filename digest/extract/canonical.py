"""One name per entity across the corpus (placeholder: replaced by the entity work)."""
from __future__ import annotations


class Canon:
    def __init__(self, aliases=None):
        self.aliases = aliases

    def name(self, kind: str, name: str) -> str | None:
        """The corpus-wide name for `name`, or None when the curator ignores it."""
        return name


def build_canon(extractions, aliases) -> Canon:
    return Canon(aliases)
