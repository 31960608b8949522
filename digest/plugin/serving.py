"""What `mkdocs serve` keeps or prepares between builds, so that an edit is quick: the
extractors warmed up before the first edit, and Jinja's compiled templates (MkDocs makes a new
Jinja environment for every build)."""
from __future__ import annotations

import logging
from pathlib import Path

import jinja2
import jinja2.bccache

log = logging.getLogger("mkdocs.plugins.digest")


WARM_UP_TEXT = """Ministers meet in Lisbon

LISBON, March 3 (Digest) - Anna Keller, an economist at the Northern Grain Board, said on
Monday that talks would go on. "We cannot wait another year," said Keller, who met
officials of the European Union in Lisbon and Warsaw last week.
"""


def warm_up() -> None:
    """Run one small article through every extractor: loads spaCy, the gazetteer, names and
    stop-word lists once, in the background, so the first edit in `mkdocs serve` is quick."""
    from digest.extract import analyse, load_context
    from digest.extract.nlp import load_nlp
    from digest.inputs.seeds import parse_text

    try:
        seed, _ = parse_text(Path("warm-up.txt"), WARM_UP_TEXT)
        if seed is not None:
            analyse(seed, load_nlp(), load_context(None, None))
    except Exception as error:  # a warm-up must never stop the server
        log.debug(f"digest: warm-up failed: {error}")


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Jinja bytecode by template, in memory."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self.store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()
