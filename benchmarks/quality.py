"""Extraction quality on the labelled evaluation sets: runs `digest extract` on each set and
prints score.py's figures (people, organizations, places, dates, topics, quotes: whatever
the set is labelled with).

    .venv/bin/python benchmarks/quality.py [--eval ../shared/eval] [--sets seed conll-dev]
        [--out /tmp/digest-quality] [--curation DIR]

--eval is taken relative to the repository (default ../shared/eval). Predictions are kept
in --out as SET.jsonl, for looking at errors. The sets are third-party articles kept for
measurement only: read them, never copy them into the repository."""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SETS = ("seed", "conll-dev", "bbc-dev", "polnear-dev")
# The bars of issue #13 (names a reader can trust), without curator files.
BARS = {"seed": {key: 1.0 for kind in ("people", "organizations", "places")
                 for key in (f"{kind}_f1", f"{kind}_pages_p")},
        "conll-dev": {"people_f1": 0.93, "organizations_f1": 0.79, "places_f1": 0.91,
                      "people_pages_p": 0.95, "organizations_pages_p": 0.85,
                      "places_pages_p": 0.90},
        "polnear-dev": {"speaker_acc": 0.92, "quotes_p": 0.93, "quotes_r": 0.92}}


def digest_command() -> list[str]:
    exe = Path(sys.executable).with_name("digest")
    return [str(exe)] if exe.is_file() else [sys.executable, "-m", "digest.cli"]


def run_set(eval_dir: Path, name: str, out: Path, curation: Path | None = None
            ) -> dict | None:
    set_dir = eval_dir / name
    if not (set_dir / "labels.json").is_file():
        print(f"{name}: no labels.json under {set_dir}: skipped")
        return None
    predictions = out / f"{name}.jsonl"
    start = time.perf_counter()
    with predictions.open("w", encoding="utf-8") as sink:
        # warnings about the inputs (no sidecar...) make the exit status 1: not a failure
        command = digest_command() + ["extract", str(set_dir), "--format", "jsonl"]
        if curation is not None:
            command += ["--curation", str(curation)]
        done = subprocess.run(command, cwd=REPO, stdout=sink, stderr=subprocess.PIPE, text=True)
    if done.returncode != 0 and not predictions.stat().st_size:
        print(f"{name}: digest extract failed: {done.stderr.strip()[-500:]}")
        return None
    seconds = time.perf_counter() - start
    scored = subprocess.run([sys.executable, str(eval_dir / "score.py"), str(set_dir),
                             str(predictions), "--json"], cwd=REPO, capture_output=True,
                            text=True, check=True)
    figures = json.loads(scored.stdout.strip().splitlines()[-1])
    figures["seconds"] = round(seconds, 1)
    return figures


def show(name: str, figures: dict) -> None:
    parts = []
    for key, value in figures.items():
        bar = BARS.get(name, {}).get(key)
        mark = "" if bar is None else (" ok" if value >= bar - 1e-9 else f" (bar {bar:.2f})")
        parts.append(f"{key}={value:.3f}{mark}" if isinstance(value, float) else f"{key}={value}")
    print(f"{name}: " + " ".join(parts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", default="../shared/eval", help="relative to the repository")
    parser.add_argument("--sets", nargs="*", default=list(SETS))
    parser.add_argument("--out", default="/tmp/digest-quality")
    parser.add_argument("--curation", default="/nonexistent-curation",
                        help="curator files to extract with (default: none, as a new user "
                             "starts; the bars hold without them)")
    args = parser.parse_args()
    eval_dir = (REPO / args.eval).resolve()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for name in args.sets:
        figures = run_set(eval_dir, name, out, Path(args.curation))
        if figures is not None:
            show(name, figures)


if __name__ == "__main__":
    main()
