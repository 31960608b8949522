"""Where people, organizations and places go wrong on a labelled set: the error classes of
the predictions `benchmarks/quality.py` kept (SET.jsonl), by score.py's own matching.

    .venv/bin/python benchmarks/entity_errors.py /work/shared/eval/conll-train \
        /tmp/digest-quality/conll-train.jsonl [--kind organizations] [--show 15]

For each kind it prints the missed gold names (false negatives) and the wrong predictions
(false positives), each split by class:
- `as KIND`: the gold name was found, under another kind (a kind confusion);
- `place-named org`: a gold organization whose name is a place's (it resolves in the
  gazetteer, or is an English county, "-shire") and was found as a place ("Surrey", "Kent",
  "Yorkshire" for a county's sports club): the convention the issue says not to chase;
- `missed`: nothing predicted names it; `junk`: a prediction that names no gold entity;
- `partial`: a prediction naming a gold entity of its kind only with extra or missing words.
Tune on conll-train only; on dev sets, measure. The sets are third-party articles: read them,
never copy them into the repository."""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

KINDS = ("people", "organizations", "places")


def load_score(set_dir: Path):
    path = set_dir.parent / "score.py"
    spec = importlib.util.spec_from_file_location("score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def classify(set_dir: Path, predictions: Path) -> dict[str, dict[str, Counter]]:
    """kind -> class -> Counter of names."""
    from digest.extract.gazetteer import gazetteer

    score = load_score(set_dir)
    labels = json.loads((set_dir / "labels.json").read_text(encoding="utf-8"))
    preds = score.read_predictions(predictions, set_dir)
    gaz = gazetteer()
    out: dict[str, dict[str, Counter]] = {k: {} for k in KINDS}

    def place_named(name: str) -> bool:  # "Surrey", "Yorkshire", "Milan": a place's name
        return gaz.resolve(name) is not None or name.lower().endswith("shire")

    def add(kind: str, cls: str, name: str) -> None:
        out[kind].setdefault(cls, Counter())[name] += 1

    for rel, gold in labels.items():
        pred = preds.get(rel, {})
        g = {k: {score.tokens(x): x for x in gold.get(k, [])} for k in KINDS}
        p = {k: {score.tokens(x): x for x in pred.get(k, []) or []} for k in KINDS}
        for kind in KINDS:
            for gt, gname in g[kind].items():
                if not gt or any(score.matches(gt, pt) for pt in p[kind]):
                    continue
                other = [k for k in KINDS if k != kind
                         and any(score.matches(gt, pt) for pt in p[k])]
                if kind == "organizations" and place_named(gname) and "places" in other:
                    add(kind, "FN place-named org (as places)", gname)
                elif other:
                    add(kind, f"FN as {other[0]}", gname)
                else:
                    add(kind, "FN missed", gname)
            for pt, pname in p[kind].items():
                if not pt or any(score.matches(gt, pt) for gt in g[kind]):
                    continue
                other = [k for k in KINDS if k != kind
                         and any(score.matches(gt, pt) for gt in g[k])]
                if other:
                    gold_name = next(x for gt, x in g[other[0]].items()
                                     if score.matches(gt, pt))
                    if other[0] == "organizations" and kind == "places" and \
                            place_named(gold_name):
                        add(kind, "FP place-named org (gold organizations)", pname)
                    else:
                        add(kind, f"FP gold {other[0]}", pname)
                else:
                    add(kind, "FP junk", pname)
    return out


def convention(set_dir: Path, predictions: Path, errors: dict) -> list[str]:
    """Organizations and places F1, as score.py counts them and as they would be if the
    place-named organizations (a county's or a town's club) were counted right: how much of
    the gap that labelling convention is."""
    score = load_score(set_dir)
    labels = json.loads((set_dir / "labels.json").read_text(encoding="utf-8"))
    preds = score.read_predictions(predictions, set_dir)
    sums = {k: [0, 0, 0, 0] for k in ("organizations", "places")}
    for rel, gold in labels.items():
        for kind in sums:
            got = score.score_names(gold.get(kind, []), preds.get(rel, {}).get(kind) or [])
            sums[kind] = [a + b for a, b in zip(sums[kind], got)]

    def f1(found, n_gold, correct, n_pred) -> float:
        p, r = correct / max(1, n_pred), found / max(1, n_gold)
        return 2 * p * r / (p + r) if p + r else 0.0

    fn = sum(errors["organizations"].get("FN place-named org (as places)", Counter()).values())
    fp = sum(errors["places"].get("FP place-named org (gold organizations)",
                                  Counter()).values())
    found, n_gold, correct, n_pred = sums["organizations"]
    org = (f1(*sums["organizations"]), f1(found + fn, n_gold, correct + fn, n_pred + fn))
    found, n_gold, correct, n_pred = sums["places"]
    place = (f1(*sums["places"]), f1(found, n_gold, correct, n_pred - fp))
    return [f"organizations F1 {org[0]:.3f}; {org[1]:.3f} if the {fn} place-named "
            f"organizations found as places were found as organizations",
            f"places F1 {place[0]:.3f}; {place[1]:.3f} without the {fp} places CoNLL labels "
            f"as organizations (a club named after its place)"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("set_dir", type=Path)
    parser.add_argument("predictions", type=Path)
    parser.add_argument("--kind", choices=KINDS, nargs="*", default=list(KINDS))
    parser.add_argument("--show", type=int, default=15, help="names shown per class")
    args = parser.parse_args()
    errors = classify(args.set_dir.resolve(), args.predictions)
    for kind in args.kind:
        classes = errors[kind]
        fn = sum(sum(c.values()) for k, c in classes.items() if k.startswith("FN"))
        fp = sum(sum(c.values()) for k, c in classes.items() if k.startswith("FP"))
        print(f"\n## {kind}: {fn} false negatives, {fp} false positives")
        for cls, names in sorted(classes.items(), key=lambda kv: -sum(kv[1].values())):
            shown = ", ".join(f"{n} ({c})" if c > 1 else n
                              for n, c in names.most_common(args.show))
            print(f"{cls}: {sum(names.values())}: {shown}")
    print("\n## the place-named organizations convention")
    for line in convention(args.set_dir.resolve(), args.predictions, errors):
        print(line)


if __name__ == "__main__":
    main()
