"""Text keys shared by every stage: how two spellings of a name are compared."""
from __future__ import annotations

import functools
import re
import unicodedata


@functools.lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """A comparison key: case, accents, curly quotes and a leading "the" ignored."""
    text = unicodedata.normalize("NFKD", name.replace("\u2019", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def is_caps(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)
