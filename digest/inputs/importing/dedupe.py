"""What is already among the seeds: an article is recognised by its canonical URL, then by
a fingerprint of its text (the same story from another feed, under another address), and a
near-identical text (a wire story syndicated by several outlets, lightly edited) is told
apart by the share of word 5-grams the two have in common."""
from __future__ import annotations

import hashlib
import unicodedata
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from digest.inputs.importing.metadata import url_key
from digest.inputs.importing.model import WORD
from digest.inputs.seeds import decode, parse_markdown, parse_text, read_sidecar, scan

SHINGLE = 5
NEAR = 0.8  # share of the shorter text's 5-grams found in the other: a syndicated copy


def _words(paragraphs: list[str]) -> list[str]:
    text = unicodedata.normalize("NFKC", " ".join(paragraphs)).casefold()
    return WORD.findall(text)


def text_fingerprint(paragraphs: list[str]) -> str | None:
    """The same words in the same order, whatever the spacing, case and punctuation."""
    words = _words(paragraphs)
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest() if words else None


def shingles(paragraphs: list[str]) -> set[int]:
    words = _words(paragraphs)
    return {zlib.crc32(" ".join(words[i:i + SHINGLE]).encode("utf-8"))
            for i in range(max(1, len(words) - SHINGLE + 1))} if words else set()


@dataclass
class Known:
    """A seed already there: its file, sidecar (if any), what the sidecar says."""

    path: Path
    sidecar: Path | None
    meta: dict
    urls: set[str] = field(default_factory=set)


@dataclass
class Match:
    kind: str  # "url", "text" or "near"
    known: Known
    share: float = 1.0


class SeedIndex:
    """Every seed under the given folders, by URL, text fingerprint and 5-grams; articles
    imported in this run are added as they are written, so a run recognises its own
    repeats too."""

    def __init__(self, folders: list[Path]):
        self.by_url: dict[str, Known] = {}
        self.by_text: dict[str, Known] = {}
        self.grams: dict[int, list[int]] = {}
        self.sizes: list[int] = []
        self.known: list[Known] = []
        files, _ = scan([f for f in folders if f.exists()])
        for path in files:
            self._read(path)

    def _read(self, path: Path) -> None:
        try:
            text, _ = decode(path.read_bytes(), str(path))
        except OSError:
            return
        if text is None:
            return
        meta: dict = {}
        sidecar = None
        if path.suffix == ".md":
            seed, _ = parse_markdown(path, text)
            meta = dict(seed.meta) if seed else {}
        else:
            seed, _ = parse_text(path, text)
            loaded, _, _, found = read_sidecar(path)  # a Document, or {} without a sidecar
            meta = getattr(loaded, "data", loaded)
            meta = meta if isinstance(meta, dict) else {}
            sidecar = Path(found) if found else None
        if seed is None:
            return
        known = Known(path=path, sidecar=sidecar, meta=meta)
        urls = [meta.get("url")]
        imported = meta.get("imported")
        if isinstance(imported, dict) and isinstance(imported.get("values"), dict):
            urls.append(imported["values"].get("url"))
        for url in urls:
            key = url_key(str(url)) if url else None
            if key:
                known.urls.add(key)
        self.add(known, seed.paragraphs)

    def add(self, known: Known, paragraphs: list[str]) -> None:
        number = len(self.known)
        self.known.append(known)
        for key in known.urls:
            self.by_url.setdefault(key, known)
        fingerprint = text_fingerprint(paragraphs)
        if fingerprint:
            self.by_text.setdefault(fingerprint, known)
        grams = shingles(paragraphs)
        self.sizes.append(len(grams))
        for gram in grams:
            self.grams.setdefault(gram, []).append(number)

    def find_url(self, url: str | None) -> Match | None:
        key = url_key(url)
        known = self.by_url.get(key) if key else None
        return Match("url", known) if known else None

    def find(self, url: str | None, paragraphs: list[str]) -> Match | None:
        """The seed this article already is (same URL, same text), or one it is a
        near-identical copy of; None when it is new."""
        match = self.find_url(url)
        if match:
            return match
        fingerprint = text_fingerprint(paragraphs)
        if fingerprint and fingerprint in self.by_text:
            return Match("text", self.by_text[fingerprint])
        grams = shingles(paragraphs)
        if len(grams) < 8:
            return None
        hits = Counter(n for gram in grams for n in self.grams.get(gram, ()))
        best: Match | None = None
        for number, common in hits.most_common(5):
            share = common / max(1, min(len(grams), self.sizes[number]))
            if share >= NEAR and (best is None or share > best.share):
                best = Match("near", self.known[number], share)
        return best
