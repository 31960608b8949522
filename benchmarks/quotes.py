"""What the quote component costs per article, spaCy excluded (its Doc is shared).

    .venv/bin/python benchmarks/quotes.py [SEED_FILES_OR_FOLDERS...]   (default: seeds/)

Prints milliseconds per article for pairing the marks and attributing the speakers.
For a larger sample: `benchmarks/corpus.py /tmp/corpus --articles 200`, then pass /tmp/corpus."""
from __future__ import annotations

import sys
import time
from pathlib import Path

from digest.extract import entities, quotes
from digest.extract.nlp import load_nlp
from digest.inputs.seeds import read_seeds

ROOT = Path(__file__).resolve().parent.parent


def main(args: list[str]) -> None:
    paths = [Path(a) for a in args] or [ROOT / "seeds"]
    seeds = read_seeds(paths).seeds
    nlp = load_nlp()
    docs = [nlp(seed.text) for seed in seeds]
    found = [entities.extract_entities(doc, seed, entities.Aliases())
             for seed, doc in zip(seeds, docs)]
    words = sum(len(seed.text.split()) for seed in seeds)
    rounds = max(1, 200 // max(1, len(seeds)))
    n_quotes = 0
    start = time.perf_counter()
    for _ in range(rounds):
        for seed, doc, ents in zip(seeds, docs, found):
            n_quotes += len(quotes.extract_quotes(doc, seed, ents))
    elapsed = time.perf_counter() - start
    per_article = elapsed / (rounds * len(seeds)) * 1000
    print(f"{len(seeds)} articles, {words / len(seeds):.0f} words and "
          f"{n_quotes / (rounds * len(seeds)):.1f} quotes each on average, {rounds} rounds: "
          f"{per_article:.2f} ms per article")


if __name__ == "__main__":
    main(sys.argv[1:])
