"""What the quote component costs per article, spaCy excluded (its Doc is shared), and how well
it does on a labelled set.

    .venv/bin/python benchmarks/quotes.py [SEED_FILES_OR_FOLDERS...]   (default: seeds/)
    .venv/bin/python benchmarks/quotes.py --score ../shared/eval/polnear-dev [--out FILE]

The first form prints milliseconds per article (wall) and milliseconds of CPU per 1,000 words
for pairing the marks and attributing the speakers, after one warm-up pass. For a larger sample: `benchmarks/corpus.py /tmp/corpus --articles 200`, then pass
/tmp/corpus.

`--score SET` extracts every article of a labelled set with the real pipeline (no curator
files), writes the quotes as predictions (default /tmp/digest-quotes-SET.jsonl) and prints
score.py's quote figures (quotes_p, quotes_r, speaker_acc), then how many quotes were
fragments in paraphrase and how many speakers descriptions (named=False). The sets are
third-party articles kept for measurement only: read them, never copy them into the
repository, and never tune rules on the dev sets."""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from digest.extract import analyse_many, entities, load_context, quotes
from digest.extract.nlp import load_nlp
from digest.inputs.seeds import read_seeds

ROOT = Path(__file__).resolve().parent.parent


def timing(args: list[str]) -> None:
    paths = [Path(a) for a in args] or [ROOT / "seeds"]
    seeds = read_seeds(paths).seeds
    nlp = load_nlp()
    docs = [nlp(seed.text) for seed in seeds]
    found = [entities.extract_entities(doc, seed, entities.Aliases())
             for seed, doc in zip(seeds, docs)]
    words = sum(len(seed.text.split()) for seed in seeds)
    rounds = max(3, 600 // max(1, len(seeds)))
    for seed, doc, ents in zip(seeds, docs, found):
        quotes.extract_quotes(doc, seed, ents)  # warm up: name lists loaded, caches filled
    n_quotes = 0
    start, cpu = time.perf_counter(), time.process_time()
    for _ in range(rounds):
        for seed, doc, ents in zip(seeds, docs, found):
            n_quotes += len(quotes.extract_quotes(doc, seed, ents))
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu
    per_article = elapsed / (rounds * len(seeds)) * 1000
    # CPU time (user+sys) is the figure to compare: the machine is often shared
    print(f"{len(seeds)} articles, {words / len(seeds):.0f} words and "
          f"{n_quotes / (rounds * len(seeds)):.1f} quotes each on average, {rounds} rounds: "
          f"{per_article:.2f} ms per article, {cpu / (rounds * words) * 1e6:.2f} ms of CPU "
          f"per 1,000 words (load average {os.getloadavg()[0]:.2f})")


def score(set_dir: Path, out: Path | None) -> None:
    set_dir = set_dir.resolve()
    seeds = read_seeds([set_dir]).seeds
    out = out or Path(f"/tmp/digest-quotes-{set_dir.name}.jsonl")
    fragments = described = total = 0
    with out.open("w", encoding="utf-8") as sink:
        for seed, found in zip(seeds, analyse_many(seeds, load_nlp(), load_context(None, None))):
            total += len(found.quotes)
            fragments += sum(q.fragment for q in found.quotes)
            described += sum(bool(q.speaker) and not q.named for q in found.quotes)
            sink.write(json.dumps({"path": str(seed.path), "quotes": [
                {"text": q.text, "speaker": q.speaker} for q in found.quotes]}) + "\n")
    scorer = set_dir.parent / "score.py"
    done = subprocess.run([sys.executable, str(scorer), str(set_dir), str(out), "--json"],
                          capture_output=True, text=True, check=True)
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    shown = {k: v for k, v in figures.items() if k.startswith(("quotes", "speaker"))}
    print(f"{set_dir.name}: " + " ".join(f"{k}={v:.3f}" for k, v in shown.items()) +
          f" | {total} quotes, {fragments} fragments, {described} described speakers"
          f" | predictions in {out}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", help="seeds to time (default: seeds/)")
    parser.add_argument("--score", type=Path, help="a labelled set: score its quotes")
    parser.add_argument("--out", type=Path, help="where --score writes its predictions")
    args = parser.parse_args()
    if args.score is not None:
        score(args.score, args.out)
    else:
        timing(args.paths)


if __name__ == "__main__":
    main()
