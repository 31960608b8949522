"""Entity extraction speed: articles per second and peak memory, spaCy plus the entities
component (digest.extract.entities), on one core and on all cores; then the cold build's
figure: `extract_all` over a benchmarks/corpus.py corpus with every extractor on.

    .venv/bin/python benchmarks/extract.py [--articles 120] [--workers N] [--seed 1]
                                           [--cold 300] [--cold-only]
                                           [--folder ../shared/bench/reuters-1987]

Articles (~600 words each) are made here by recombining sentences written for this
benchmark, with names from the small lists below; the same --seed gives the same articles.
All cores: a multiprocessing pool, one spaCy pipeline per process (loaded once, before the
clock starts). Peak memory is the largest resident set of any one process (ru_maxrss)."""
from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from digest.extract.entities import Aliases, extract_entities  # noqa: E402
from digest.model import Seed  # noqa: E402

FIRST = ["Anna", "Tomas", "Leila", "Marcus", "Ingrid", "Kofi", "Mei", "Rafael", "Olga", "Samir",
         "Helen", "Jonas", "Priya", "Diego", "Astrid", "Viktor"]
LAST = ["Keller", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Haddad", "Novak", "Brennan",
        "Sandoval", "Petrov", "Iversen", "Castell", "Rahman", "Whitfield", "Duarte", "Sorensen"]
ORGS = ["the Northern Grain Board", "Meridian Shipping Group", "the Institute for Coastal Studies",
        "the Federal Energy Agency", "Halvorsen Bank", "the Council on Water Policy",
        "United Rail Workers Union", "the Ministry of Trade", "Baltic Freight Corp",
        "the Center for Urban Research"]
PLACES = ["Lisbon", "Nairobi", "Warsaw", "Osaka", "Lima", "Oslo", "Cairo", "Toronto", "Hanoi",
          "Brazil", "Kenya", "Poland", "Japan", "Peru", "Norway", "Egypt", "Canada"]
ROLES = ["an economist at", "a senior analyst at", "the spokeswoman for", "a director of",
         "a researcher at", "the chief negotiator for"]
TITLES = ["Finance Minister", "Prime Minister", "Mayor", "Governor", "President"]
SENTENCES = [
    "{person}, {role} {org}, said the plan would cost more than officials in {place} expected.",
    "Officials in {place} met representatives of {org} on {day} to discuss the new rules.",
    "{title} {person} told reporters in {place} that talks with {org} would continue next week.",
    "The agreement, signed in {place}, gives {org} control over three ports and two railways.",
    "\"We cannot wait another year,\" said {person}, who has led the talks since March.",
    "Analysts said the decision by {org} could raise prices across {place} by the winter.",
    "{surname} said the government in {place} had not yet replied to the proposal.",
    "Trade between {place} and {place2} grew by nine percent last year, {org} said.",
    "Protesters gathered outside the offices of {org} in {place} on {day} morning.",
    "According to {org}, more than 4,000 workers in {place} could lose their jobs.",
    "{person} arrived in {place} on {day} for two days of meetings with {title2} {person2}.",
    "The report by {org} found that rents in {place} had doubled in a decade.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def make_article(rng: random.Random, n: int, words: int = 600) -> Seed:
    """One article of about `words` words, its cast drawn once so names recur in it."""
    people = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(4)]
    paragraphs, count = [], 0
    while count < words:
        sentences = []
        for _ in range(rng.randint(2, 3)):
            person, person2 = rng.sample(people, 2)
            text = rng.choice(SENTENCES).format(
                person=person, person2=person2, surname=person.split()[-1],
                role=rng.choice(ROLES), org=rng.choice(ORGS), place=rng.choice(PLACES),
                place2=rng.choice(PLACES), day=rng.choice(DAYS), title=rng.choice(TITLES),
                title2=rng.choice(TITLES))
            sentences.append(text[0].upper() + text[1:])
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    return Seed(path=Path(f"bench-{n}.txt"), name=f"bench-{n}",
                title=f"{people[0]} presses {rng.choice(ORGS).replace('the ', '')} on trade",
                paragraphs=paragraphs, caption=f"{people[1]} in {rng.choice(PLACES)}.",
                credit="AFP")


_NLP = None


def _init() -> None:
    global _NLP
    from digest.extract.nlp import load_nlp

    _NLP = load_nlp()
    extract_entities(_NLP(make_article(random.Random(0), 0).text),
                     make_article(random.Random(0), 0), Aliases())  # warm the gazetteers


_CONTEXT = None


def _full(seed: Seed) -> float:
    """The whole extraction as a build runs it: spaCy once, then every component."""
    global _CONTEXT
    from digest.extract import analyse, load_context

    if _CONTEXT is None:
        _CONTEXT = load_context(None, None)
    start = time.perf_counter()
    analyse(seed, _NLP, _CONTEXT)
    return time.perf_counter() - start


def _one(seed: Seed) -> tuple[int, float, float]:
    start = time.perf_counter()
    doc = _NLP(seed.text)
    parsed = time.perf_counter()
    found = extract_entities(doc, seed, Aliases())
    done = time.perf_counter()
    return len(found.people), parsed - start, done - parsed


def peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the pool's workers)."""
    return sum(getattr(resource.getrusage(who), field)
               for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
               for field in ("ru_utime", "ru_stime"))


def cold_extract_all(articles: int, workers: int, seed: int, folder: Path | None = None
                     ) -> None:
    """What a cold `digest build` pays: extract_all with no cache over a realistic corpus
    (benchmarks/corpus.py, or the first `articles` seeds of `folder`, read in place), every
    extractor on, the pool started and its spaCy loaded inside the clock. CPU seconds per
    article (all processes) hold up when others share the machine; articles/s on the wall
    clock does not, so the load average is printed too. Words are digest's own count
    (Extraction.word_count); words/s from CPU time is `workers x words / CPU seconds`, what
    the workers would do with every core to themselves."""
    from digest.extract import load_context
    from digest.extract.parallel import extract_all
    from digest.inputs.seeds import read_seed, read_seeds

    with tempfile.TemporaryDirectory() as tmp:
        if folder is None:
            from corpus import write_corpus

            write_corpus(Path(tmp), articles, seed)
            seeds = read_seeds([Path(tmp)]).seeds
            what = "corpus articles"
        else:
            files = sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".md"))
            seeds = [s for s, _ in (read_seed(p) for p in files[:articles]) if s is not None]
            what = f"seeds of {folder.name}"
        context = load_context(None, None)
        load = os.getloadavg()[0]
        cpu, start = cpu_seconds(), time.perf_counter()
        words = done = 0
        for _, extraction in extract_all(seeds, context, workers=workers):
            done += 1
            words += extraction.word_count
        wall, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    print(f"cold extract_all, all extractors, {workers} workers, {done} {what} "
          f"({words / done:.0f} words each): {done / wall:5.1f} articles/s wall, "
          f"{cpu / done:.3f} CPU s per article (all processes), load average {load:.2f} "
          f"before / {os.getloadavg()[0]:.2f} after")
    print(f"  words/s: {words / wall:,.0f} wall, {workers * words / cpu:,.0f} from CPU time "
          f"({workers} x {words:,} words / {cpu:.1f} CPU s); peak memory per worker "
          f"{peak_mb(resource.RUSAGE_CHILDREN):.0f} MB, main {peak_mb(resource.RUSAGE_SELF):.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=120)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cold", type=int, default=300, metavar="N",
                        help="articles for the cold extract_all figure (0: skip it)")
    parser.add_argument("--cold-only", action="store_true",
                        help="only the cold extract_all figure")
    parser.add_argument("--folder", type=Path,
                        help="cold figure over this folder's seeds (read in place) instead "
                             "of a generated corpus")
    args = parser.parse_args()
    if args.cold_only:
        cold_extract_all(args.cold, args.workers, args.seed, args.folder)
        return
    rng = random.Random(args.seed)
    seeds = [make_article(rng, n) for n in range(args.articles)]
    words = sum(len(p.split()) for s in seeds for p in s.paragraphs) / len(seeds)
    print(f"{len(seeds)} articles, {words:.0f} words each on average")

    _init()
    start = time.perf_counter()
    results = [_one(seed) for seed in seeds]
    elapsed = time.perf_counter() - start
    spacy_ms = 1000 * sum(r[1] for r in results) / len(results)
    ours_ms = 1000 * sum(r[2] for r in results) / len(results)
    print(f"one core:  {len(seeds) / elapsed:6.1f} articles/s  "
          f"(spaCy {spacy_ms:.1f} ms + entities {ours_ms:.1f} ms per article), "
          f"peak memory {peak_mb(resource.RUSAGE_SELF):.0f} MB")

    ctx = mp.get_context("fork")
    with ctx.Pool(args.workers, initializer=_init) as pool:
        pool.map(_one, seeds[:args.workers], chunksize=1)  # every worker loaded and warm
        start = time.perf_counter()
        pool.map(_one, seeds, chunksize=4)
        elapsed = time.perf_counter() - start
    print(f"{args.workers} cores: {len(seeds) / elapsed:6.1f} articles/s, "
          f"peak memory per worker {peak_mb(resource.RUSAGE_CHILDREN):.0f} MB")

    # Every extractor on (entities, dates, quotes, topics, keyphrases), as `digest build` runs.
    start = time.perf_counter()
    full_ms = 1000 * sum(_full(seed) for seed in seeds) / len(seeds)
    print(f"all extractors, one core:  {len(seeds) / (time.perf_counter() - start):6.1f} "
          f"articles/s ({full_ms:.1f} ms per article)")
    with ctx.Pool(args.workers, initializer=_init) as pool:
        pool.map(_full, seeds[:args.workers], chunksize=1)
        start = time.perf_counter()
        pool.map(_full, seeds, chunksize=4)
        elapsed = time.perf_counter() - start
    print(f"all extractors, {args.workers} cores: {len(seeds) / elapsed:6.1f} articles/s")
    if args.cold:
        cold_extract_all(args.cold, args.workers, args.seed, args.folder)


if __name__ == "__main__":
    main()
