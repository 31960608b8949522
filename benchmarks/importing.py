"""Page extraction on saved news pages with gold bodies: `digest import --dry-run --format
jsonl` against trafilatura 2.3.1 with its default settings, in the same run, side by side
(body precision, recall, F1 by word 4-gram shingles; url_acc; seconds).

    .venv/bin/python benchmarks/importing.py [--eval ../shared/eval] [--sets html-dev]
        [--out /tmp/digest-importing]

Any folder of saved pages (`.html`, `.htm`, `.html.gz`) with a `labels.json` of gold
`body` and `url` per page can be given with --sets (a name under --eval, or a path). The bar
(issue 17): digest's body F1 >= 0.96 on html-dev, and never below trafilatura's default.
Predictions are kept in --out as SET.digest.jsonl and SET.trafilatura.jsonl. The pages are
third-party text kept for measurement only: read them, never copy them into the repository."""
from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BAR = 0.96


def digest_command() -> list[str]:
    exe = Path(sys.executable).with_name("digest")
    return [str(exe)] if exe.is_file() else [sys.executable, "-m", "digest.cli"]


def run_digest(set_dir: Path, out: Path) -> float:
    start = time.perf_counter()
    with out.open("w", encoding="utf-8") as sink:
        # --root: a throwaway project, so that nothing of this repository's seeds/ counts
        # as "already imported"; --dry-run writes nothing anyway.
        done = subprocess.run(digest_command() + ["import", "--dry-run", "--format", "jsonl",
                                                  "--root", str(out.parent / "project"),
                                                  str(set_dir)],
                              cwd=REPO, stdout=sink, stderr=subprocess.PIPE, text=True)
    if done.returncode not in (0, 1):
        print(done.stderr[-2000:])
    failed = [line for line in done.stderr.splitlines() if line.startswith("ERROR:")]
    for line in failed:
        print(f"  digest: {line}")
    return time.perf_counter() - start


def run_trafilatura(set_dir: Path, labels: dict, out: Path) -> float:
    import trafilatura

    start = time.perf_counter()
    with out.open("w", encoding="utf-8") as sink:
        for name in sorted(labels):
            raw = (set_dir / name).read_bytes()
            if raw[:2] == b"\x1f\x8b":
                raw = gzip.decompress(raw)
            body = trafilatura.extract(raw) or ""  # the defaults, as the table
            meta = trafilatura.extract_metadata(raw)
            sink.write(json.dumps({"path": name, "body": body,
                                   "url": meta.url if meta else None}) + "\n")
    return time.perf_counter() - start


def score(eval_dir: Path, set_dir: Path, predictions: Path) -> dict:
    scorer = eval_dir / "score.py"
    done = subprocess.run([sys.executable, str(scorer), str(set_dir), str(predictions),
                           "--json"], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", default=None, help="relative to the repository (default "
                        "../shared/eval, or ../../shared/eval from a git worktree)")
    parser.add_argument("--sets", nargs="*", default=["html-dev"])
    parser.add_argument("--out", default="/tmp/digest-importing")
    args = parser.parse_args()
    candidates = [args.eval] if args.eval else ["../shared/eval", "../../shared/eval"]
    eval_dir = next((REPO / c).resolve() for c in candidates if (REPO / c).is_dir()) \
        if any((REPO / c).is_dir() for c in candidates) else (REPO / candidates[0]).resolve()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    import trafilatura

    for name in args.sets:
        set_dir = Path(name) if Path(name).is_dir() else eval_dir / name
        labels_file = set_dir / "labels.json"
        if not labels_file.is_file():
            print(f"{name}: no labels.json under {set_dir}: skipped")
            continue
        labels = json.loads(labels_file.read_text(encoding="utf-8"))
        stem = set_dir.name
        ours_file, theirs_file = out / f"{stem}.digest.jsonl", out / f"{stem}.trafilatura.jsonl"
        ours_s = run_digest(set_dir, ours_file)
        theirs_s = run_trafilatura(set_dir, labels, theirs_file)
        ours, theirs = score(eval_dir, set_dir, ours_file), score(eval_dir, set_dir, theirs_file)
        print(f"{stem}: {len(labels)} pages")
        print(f"  {'extractor':<34} {'body_p':>7} {'body_r':>7} {'body_f1':>8} {'url_acc':>8} "
              f"{'seconds':>8}")
        for label, figures, seconds in (
                ("digest import", ours, ours_s),
                (f"trafilatura {trafilatura.__version__} default", theirs, theirs_s)):
            print(f"  {label:<34} {figures.get('body_p', 0):>7.3f} {figures.get('body_r', 0):>7.3f}"
                  f" {figures.get('body_f1', 0):>8.3f} {figures.get('url_acc', 0):>8.3f}"
                  f" {seconds:>8.1f}")
        f1, base = ours.get("body_f1", 0.0), theirs.get("body_f1", 0.0)
        verdict = "ok" if f1 >= BAR and f1 >= base - 1e-9 else "BELOW THE BAR"
        print(f"  bar: body_f1 >= {BAR} and >= trafilatura's default ({base:.3f}): {verdict}")


if __name__ == "__main__":
    main()
