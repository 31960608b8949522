"""What the time component costs per article, spaCy excluded (its Doc is shared).

    .venv/bin/python benchmarks/dates.py [SEED_FILES_OR_FOLDERS...]   (default: seeds/)

Prints milliseconds per article for datelines + publication date + dates mentioned."""
from __future__ import annotations

import sys
import time
from pathlib import Path

from digest.extract import dates
from digest.extract.nlp import load_nlp
from digest.inputs.seeds import read_seeds

ROOT = Path(__file__).resolve().parent.parent


def main(args: list[str]) -> None:
    paths = [Path(a) for a in args] or [ROOT / "seeds"]
    seeds = read_seeds(paths).seeds
    nlp = load_nlp()
    docs = [nlp(seed.text) for seed in seeds]
    words = sum(len(seed.text.split()) for seed in seeds)
    dates.normalize("March 4, 2020", None)  # warm dateutil up
    rounds = max(1, 200 // max(1, len(seeds)))
    start = time.perf_counter()
    for _ in range(rounds):
        for seed, doc in zip(seeds, docs):
            line = dates.find_dateline(seed)
            published, _ = dates.publication_date(seed, line)
            dates.mentioned_dates(doc, seed, published)
    elapsed = time.perf_counter() - start
    per_article = elapsed / (rounds * len(seeds)) * 1000
    print(f"{len(seeds)} articles, {words / len(seeds):.0f} words each on average, "
          f"{rounds} rounds: {per_article:.2f} ms per article")


if __name__ == "__main__":
    main(sys.argv[1:])
