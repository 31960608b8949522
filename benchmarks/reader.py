"""A reader's view of real news: what the people, organizations and places pages of a digest
built from CORPUS_DIR would be, to read by eye.

    .venv/bin/python benchmarks/reader.py ../shared/bench/reuters-1987 [--cache DIR]
        [--curation DIR] [--min-articles N] [--top 25] [--sample 40] [--seed 1987]

Runs extraction (cached per seed in --cache, default /tmp/digest-reader-cache, so a second
run costs only the corpus stage) and the corpus stage a build runs, without curator files
unless --curation is given, as a new user starts. Prints, per kind: how many pages, how
many list a single article, the names seen without a page, the top names by number of
articles, and a fixed random sample of page names. The corpora are third-party articles kept
for measurement: read them, never copy them into the repository."""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from digest.corpus.names import KINDS  # noqa: E402
from digest.corpus.preview import site_view  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="a folder of seeds (with sidecars)")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/digest-reader-cache"))
    parser.add_argument("--curation", type=Path, default=Path("/nonexistent-curation"),
                        help="curator files to use (default: none)")
    parser.add_argument("--min-articles", type=int, default=2)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--sample", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1987, help="of the random sample")
    args = parser.parse_args()
    start = time.perf_counter()
    view = site_view([args.corpus], args.curation, min_articles=args.min_articles,
                     progress=sys.stderr.isatty(), cache_dir=args.cache / args.corpus.name)
    seconds = time.perf_counter() - start
    corpus = view.corpus
    print(f"{args.corpus}: {len(view.articles)} articles, {seconds:.0f} s "
          f"(extraction cached in {args.cache})")
    total = 0
    for kind in KINDS:
        entries = corpus.sorted_entries(kind, by="count")
        mentioned = {n for a in view.articles for n in getattr(a, kind)}
        single = sum(len(e.articles) == 1 for e in entries)
        total += len(entries)
        print(f"\n## {kind}: {len(entries)} pages, {single} of them list a single article; "
              f"{len(mentioned) - len(entries)} more names stay in article metadata only")
        print(f"top {args.top}: " + "; ".join(f"{e.name} ({len(e.articles)})"
                                              for e in entries[:args.top]))
        rng = random.Random(args.seed)
        sample = rng.sample(entries, min(args.sample, len(entries)))
        print(f"sample of {len(sample)}: " + "; ".join(sorted(e.name for e in sample)))
        unpaged = sorted(mentioned - {e.name for e in entries})
        rng = random.Random(args.seed)
        print(f"sample without a page: " + "; ".join(
            sorted(rng.sample(unpaged, min(args.sample, len(unpaged))))))
    print(f"\n{total} people, organization and place pages, "
          f"{total / max(1, len(view.articles)):.2f} per article")


if __name__ == "__main__":
    main()
