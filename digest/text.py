"""Text keys shared by every stage: how two spellings of a word or a name are compared.

One folding, in two strengths: `fold_letters` (lower case, no diacritics) is what search
compares, at index time here and at query time in the search worker; `fold` builds on it for
names (also caseless, curly apostrophes, white space and a leading "the" ignored)."""
from __future__ import annotations

import functools
import itertools
import re
import unicodedata

# Letters that NFKD does not decompose into a base letter plus marks. The search index's
# manifest carries this table to the worker (assets/search-worker.js), which folds with it.
FOLD_SPECIAL = {"ø": "o", "ł": "l", "đ": "d", "ħ": "h", "ı": "i", "ŀ": "l", "ß": "ss",
                "æ": "ae", "œ": "oe", "þ": "th", "ð": "d", "ŋ": "n", "ſ": "s"}


@functools.cache
def _fold_table() -> dict[int, str | None]:
    """str.translate table: combining marks (category M) dropped, FOLD_SPECIAL applied.

    Marks live below U+30000 and in the variation selectors at U+E0100.."""
    table: dict[int, str | None] = {ord(k): v for k, v in FOLD_SPECIAL.items()}
    for code in itertools.chain(range(0x30000), range(0xE0000, 0xE1000)):
        if unicodedata.category(chr(code))[0] == "M":
            table[code] = None
    return table


def fold_letters(text: str) -> str:
    """Lower case without diacritics, so a query typed on any keyboard finds the name.

    The search worker folds queries the same way: toLowerCase, NFKD, marks dropped,
    FOLD_SPECIAL. Keep the two in step."""
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFKD", text.lower()).translate(_fold_table())


@functools.lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """A comparison key for names: `fold_letters`, then caseless (casefold), curly
    apostrophes straightened, white space collapsed and a leading "the" ignored."""
    text = fold_letters(name.replace("\u2019", "'")).casefold()
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def is_caps(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)
