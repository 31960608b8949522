"""Run extraction over many seeds: one spaCy Doc per seed, results in seed order."""
from __future__ import annotations

from typing import Iterable, Iterator

from tqdm import tqdm

from .extract import Context, analyse
from .model import Extraction, Seed
from .nlp import load_nlp


def extract_all(seeds: list[Seed], context: Context, progress: bool = False
                ) -> Iterator[tuple[Seed, Extraction]]:
    """Yield (seed, extraction) for every seed, in the order given."""
    nlp = load_nlp()
    items: Iterable[Seed] = tqdm(seeds, desc="extract", unit="seed", disable=not progress)
    for seed in items:
        yield seed, analyse(seed, nlp, context)
