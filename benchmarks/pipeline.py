"""Where cold extraction's time goes: spaCy's pipeline timed per component, then digest's own
extractors, over real seeds read in place (never copied).

    .venv/bin/python benchmarks/pipeline.py ../shared/bench/reuters-1987 [--limit 50] [--repeat 3]

Each component runs over the same texts in turn (`nlp.make_doc`, then each pipe's `pipe()`
with digest's batch size), best of --repeat; digest's extractors (entities, dates, quotes,
topics) then run over the finished Docs. It also lists which Doc/Token attributes digest's
code reads, so a component nobody reads can be spotted (`grep` over digest/extract and
digest/corpus)."""
from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Which pipeline component fills each attribute digest reads.
ATTRIBUTE_SOURCE = {
    "head": "parser", "dep": "parser", "dep_": "parser", "children": "parser",
    "subtree": "parser", "sents": "parser", "noun_chunks": "parser (+tagger)",
    "left_edge": "parser", "right_edge": "parser", "rights": "parser", "lefts": "parser",
    "conjuncts": "parser", "ancestors": "parser",
    "tag": "tagger", "tag_": "tagger", "pos": "attribute_ruler (from tag)",
    "pos_": "attribute_ruler (from tag)", "lemma": "lemmatizer", "lemma_": "lemmatizer",
    "ents": "ner", "ent_type_": "ner", "ent_iob_": "ner", "ent_type": "ner",
    "is_stop": "(lexical: none)", "like_num": "(lexical: none)",
}
ATTRIBUTE = re.compile(r"\.(" + "|".join(sorted(ATTRIBUTE_SOURCE, key=len, reverse=True))
                       + r")\b")


def used_attributes() -> Counter:
    found: Counter = Counter()
    for folder in ("digest/extract", "digest/corpus"):
        for path in (ROOT / folder).rglob("*.py"):
            found.update(ATTRIBUTE.findall(path.read_text(encoding="utf-8")))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a folder of seeds, read in place")
    parser.add_argument("--limit", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from digest.extract import _finish, _prepare, load_context
    from digest.extract.nlp import load_nlp
    from digest.inputs.seeds import read_seed

    files = sorted(p for p in args.folder.iterdir() if p.suffix in (".txt", ".md"))[:args.limit]
    seeds = [seed for seed, _ in (read_seed(p) for p in files) if seed is not None]
    prepared = [_prepare(seed, 200_000) for seed in seeds]
    texts = [text for _, text, english, _ in prepared if english]
    words = sum(len(t.split()) for t in texts)
    start = time.perf_counter()
    nlp = load_nlp()
    print(f"{len(texts)} seeds, {words} words; model loaded in "
          f"{time.perf_counter() - start:.1f} s; pipeline: {', '.join(nlp.pipe_names)}")

    # CPU time of this process, not wall time: the shares hold on a loaded machine.
    clock = time.process_time
    times: dict[str, float] = {}
    docs = None
    for _ in range(args.repeat):
        start = clock()
        docs = [nlp.make_doc(t) for t in texts]
        times["tokenizer"] = min(times.get("tokenizer", 1e9), clock() - start)
        for name, proc in nlp.pipeline:
            start = clock()
            docs = list(proc.pipe(docs, batch_size=8)) if hasattr(proc, "pipe") \
                else [proc(d) for d in docs]
            times[name] = min(times.get(name, 1e9), clock() - start)
    context = load_context(None, None)
    english = iter(docs)
    start = clock()
    for seed, _, is_english, notes in prepared:
        _finish(seed, next(english) if is_english else None, context, list(notes))
    times["digest's extractors"] = clock() - start

    total = sum(times.values())
    print(f"{'step':<22} {'CPU s':>7} {'share':>6} {'words/CPU s':>12}")
    for name, seconds in times.items():
        print(f"{name:<22} {seconds:7.2f} {100 * seconds / total:5.1f}% {words / seconds:12.0f}")
    print(f"{'all':<22} {total:7.2f} 100.0% {words / total:12.0f}")

    print("\nDoc/Token attributes digest reads (count of uses), and the component behind each:")
    for attribute, count in used_attributes().most_common():
        print(f"  .{attribute:<12} {count:3d}  {ATTRIBUTE_SOURCE[attribute]}")


if __name__ == "__main__":
    main()
