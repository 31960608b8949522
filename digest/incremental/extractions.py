"""Extraction cache: one JSON file per seed, keyed by the seed's bytes (and its sidecar's),
the curator files extraction reads, the extractor version and the spaCy model. An unchanged
seed is never analysed twice; any change to one of those inputs misses exactly as it should."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from digest.incremental.memo import Memo
from digest.model import Extraction, Seed
from digest.output import write_atomic


class ExtractionCache:
    def __init__(self, folder: Path | None, salt: str,
                 memory: Memo[str, Extraction] | None = None):
        self.folder = folder
        self.salt = salt  # context fingerprint + model version
        self.memory = memory  # by key, kept by `mkdocs serve` between builds

    def key(self, seed: Seed) -> str:
        return hashlib.sha256(f"{self.salt}\0{seed.fingerprint}".encode()).hexdigest()

    def _path(self, seed: Seed) -> Path | None:
        if self.folder is None or not seed.fingerprint:
            return None
        key = self.key(seed)
        return self.folder / key[:2] / f"{key}.json"

    def get(self, seed: Seed) -> Extraction | None:
        if self.memory is not None:
            hit = self.memory.get(self.key(seed))
            if hit is not None:
                return hit
        path = self._path(seed)
        if path is None:
            return None
        try:
            found = Extraction.from_json(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError, KeyError):
            return None  # missing or from an older layout: extract again
        if self.memory is not None:
            self.memory.put(self.key(seed), found)
        return found

    def put(self, seed: Seed, extraction: Extraction) -> None:
        if self.memory is not None:
            self.memory.put(self.key(seed), extraction)
        path = self._path(seed)
        if path is not None:
            # Key order is kept as extracted (topic scores are ranked): a cached extraction
            # must render exactly as a fresh one.
            data = json.dumps(extraction.to_json(), ensure_ascii=False)
            write_atomic(path, data.encode("utf-8"))
