"""Topic accuracy and cost: bbc-dev topic_acc / topic_top3 through `digest extract` and the
evaluation's score.py, and milliseconds per article for classify() and keyphrases() alone
(CPU time; spaCy's parse excluded: it is shared by every component).

    .venv/bin/python benchmarks/topics.py [--set ../shared/eval/bbc-dev] [--timing-only]
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SET = ROOT.parent / "shared" / "eval" / "bbc-dev"


def accuracy(set_dir: Path) -> str:
    """The last line of score.py over `digest extract`'s output for the set."""
    digest = Path(sys.executable).with_name("digest")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "predictions.jsonl"
        with out.open("w", encoding="utf-8") as fh:
            subprocess.run([str(digest), "extract", str(set_dir), "--format", "jsonl"],
                           cwd=ROOT, stdout=fh, check=True)
        score = subprocess.run([sys.executable, str(set_dir.parent / "score.py"), str(set_dir),
                                str(out)], cwd=ROOT, capture_output=True, text=True, check=True)
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    per_article = statistics.mean(len(row["topics"]) for row in rows) if rows else 0.0
    # Topics per article after `topics.min_score` (curation drops weak extracted topics).
    return f"{score.stdout.strip().splitlines()[-1]}\ntopics per article: {per_article:.2f}"


def timing(set_dir: Path, n: int, repeats: int) -> None:
    from digest.extract import entities, topics
    from digest.extract.nlp import load_nlp
    from digest.inputs.seeds import read_seeds

    nlp = load_nlp()
    seeds = read_seeds([set_dir]).seeds[:n]
    docs = list(nlp.pipe([s.text for s in seeds]))
    found = [entities.extract_entities(d, s, entities.Aliases()) for d, s in zip(docs, seeds)]
    taxonomy = topics.load_taxonomy(ROOT / "curation" / "topics.yml")
    words = statistics.mean(len([t for t in d if t.is_alpha]) for d in docs)
    for name, fn in (("classify", lambda d, s, e: topics.classify(d, s, e, taxonomy)),
                     ("keyphrases", topics.keyphrases)):
        runs = []
        for _ in range(repeats):  # CPU time: other processes on the machine do not count
            start = time.process_time()
            for d, s, e in zip(docs, seeds, found):
                fn(d, s, e)
            runs.append((time.process_time() - start) * 1000 / len(docs))
        print(f"{name}: {min(runs):.2f} CPU ms/article (best of {repeats}; median "
              f"{statistics.median(runs):.2f}) over {len(docs)} articles, "
              f"{words:.0f} words on average")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=DEFAULT_SET)
    parser.add_argument("-n", type=int, default=200, help="articles to time")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--timing-only", action="store_true")
    args = parser.parse_args()
    set_dir = args.set.resolve()
    if not args.timing_only:
        start = time.perf_counter()
        print(accuracy(set_dir))
        print(f"digest extract + score.py: {time.perf_counter() - start:.0f} s")
    timing(set_dir, args.n, args.repeats)


if __name__ == "__main__":
    main()
