"""Extraction at scale: the per-seed cache, process-parallel and Dask extraction all give
exactly what one process gives, and the cache misses exactly when an input changed."""
from __future__ import annotations

from pathlib import Path

import pytest

from digest.incremental.extractions import ExtractionCache
from digest.extract import load_context
from digest.extract.parallel import extract_all
from digest.inputs.seeds import read_seeds

STORIES = [
    ("Port strike ends in Rotterdam", "Union leader Anna de Vries said on Monday that dock "
     "workers in Rotterdam would return to work after a deal with the port authority."),
    ("Storm closes schools in Manila", "Officials in Manila closed schools on Tuesday as "
     "Typhoon Koppu approached, Mayor Jose Reyes told reporters."),
    ("Chip maker opens plant in Dresden", "Chief executive Laura Becker opened the plant in "
     "Dresden on Wednesday, the company said in a statement."),
]


def seeds_in(folder: Path, count: int = 18) -> list:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        title, body = STORIES[i % len(STORIES)]
        (folder / f"s{i:02d}.txt").write_text(f"{title} ({i})\n\n{body}\n\nStory {i}.\n",
                                              encoding="utf-8")
    return read_seeds([folder]).seeds


def as_json(pairs) -> list:
    return [(seed.name, extraction.to_json()) for seed, extraction in pairs]


@pytest.fixture(scope="module")
def serial(tmp_path_factory):
    seeds = seeds_in(tmp_path_factory.mktemp("seeds"))
    return seeds, as_json(extract_all(seeds, load_context(None, None), workers=1))


def test_serial_extraction_finds_the_names(serial):
    _, rows = serial
    first = dict(rows)["s00"]
    assert "Anna de Vries" in first["people"] and "Rotterdam" in first["places"]


def test_process_pool_gives_the_same_results_in_the_same_order(serial):
    seeds, expected = serial
    assert as_json(extract_all(seeds, load_context(None, None), workers=2)) == expected


def test_dask_executor_on_a_local_cluster(serial):
    from dask.distributed import LocalCluster

    seeds, expected = serial
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:
        rows = as_json(extract_all(seeds[:4], load_context(None, None), executor="dask",
                                   dask_address=cluster.scheduler_address))
    assert rows == expected[:4]


def test_cache_hits_and_misses_exactly(tmp_path, serial):
    seeds, expected = serial
    cache_dir = tmp_path / "cache"
    context = load_context(None, None)
    cached = lambda: sorted(p.name for p in cache_dir.rglob("*.json"))  # noqa: E731

    assert as_json(extract_all(seeds, context, cache=ExtractionCache(cache_dir, ""),
                               workers=1)) == expected
    first = cached()
    assert len(first) == len(seeds)
    # Warm: the same results, nothing new written, whatever the process.
    assert as_json(extract_all(seeds, context, cache=ExtractionCache(cache_dir, ""))) == expected
    assert cached() == first
    # One seed edited: exactly one new entry.
    seeds[0].path.write_text("Port strike ends\n\nAnna de Vries spoke in Antwerp.\n",
                             encoding="utf-8")
    edited = read_seeds([seeds[0].path.parent]).seeds
    rows = dict(as_json(extract_all(edited, context, cache=ExtractionCache(cache_dir, ""))))
    assert "Antwerp" in rows["s00"]["places"]
    assert len(set(cached()) - set(first)) == 1
    # A curator file that extraction reads changes every key.
    aliases = tmp_path / "aliases.yml"
    aliases.write_text("ignore: [Rotterdam]\n", encoding="utf-8")
    before = set(cached())
    list(extract_all(edited, load_context(aliases, None), cache=ExtractionCache(cache_dir, "")))
    assert len(set(cached()) - before) == len(seeds)


ODD_TEXT = ("I don't think y'all ain't gonna do nothin' 'bout it, she said. Isn’t it? They'd've "
            "been here; we're, you're, I'm, he's and it's. Can't won't NOT n’t.\n\n  Wanna "
            "gotta lemme   gimme. Y'  kinda outta. Doin' nuthin'.\n\t\nHe has to have had it. "
            "$ 5 -- … \"quoted\" (paren) @user #tag http://x.y/z 3.14 1,000 1st.")


def test_quick_attribute_ruler_finds_what_spacys_matcher_finds():
    """load_nlp puts the quick ruler in the attribute_ruler's place (nlp.replace_pipe), and
    its matcher must find exactly the matches of spaCy's own (same set, same order), so
    every token gets the same POS, morph and lemma."""
    from digest.extract.nlp import QuickAttributeRuler, _QuickRulerMatch, load_nlp

    nlp = load_nlp()
    component = nlp.get_pipe("attribute_ruler")
    assert isinstance(component, QuickAttributeRuler) and component.quick
    assert isinstance(component.match, _QuickRulerMatch)
    assert nlp.pipe_names.index("attribute_ruler") == nlp.pipe_names.index("parser") + 1
    texts = [ODD_TEXT] + [f"{title}. {body}" for title, body in STORIES]
    for text in texts:
        doc = nlp.make_doc(text)
        for name, proc in nlp.pipeline:
            if name == "attribute_ruler":
                break
            doc = proc(doc)
        stock = component.ruler.match(doc)  # spaCy's AttributeRuler.match: its Matcher
        assert stock and component.match(doc) == stock


def test_quick_pipeline_annotates_as_the_stock_model_does():
    """The whole pipeline as load_nlp gives it (the quick ruler, the memoised lemmatizer, the
    layers on NumPy's BLAS) against the model as spaCy loads it: every token's tag, POS,
    morphology, lemma, dependency and entity the same. Fails when spaCy's AttributeRuler
    (its `patterns`, `set_annotations`) or Lemmatizer changes under us."""
    import importlib

    from digest.extract.nlp import MODEL_PACKAGES, QuickLemmatizer, load_nlp

    module = next(importlib.import_module(n) for n in MODEL_PACKAGES
                  if importlib.util.find_spec(n) is not None)
    stock = module.load()
    quick = load_nlp()
    assert type(stock.get_pipe("attribute_ruler")).__name__ == "AttributeRuler"
    assert isinstance(quick.get_pipe("lemmatizer"), QuickLemmatizer)
    assert quick.pipe_names == stock.pipe_names
    assert stock.get_pipe("ner").model.ops.use_blis
    assert not quick.get_pipe("ner").model.ops.use_blis

    def annotations(doc):
        return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_iob_,
                 t.ent_type_) for t in doc]

    texts = [ODD_TEXT] + [f"{title}. {body}" for title, body in STORIES]
    texts += texts  # the second time round, lemmas come from the memo
    for ours, theirs in zip(quick.pipe(texts), stock.pipe(texts)):
        assert annotations(ours) == annotations(theirs)


FRENCH = ("Le gouvernement a annoncé mardi que les prix de l'énergie vont baisser dans les "
          "prochains mois, selon le ministre, qui a dit que la situation est sous contrôle et "
          "que les ménages seront aidés.")


def test_stop_words_are_spacys_lists_without_importing_the_languages():
    """looks_english reads the word lists without running spacy.lang.fr's __init__ (seconds
    of tokenizer regexes per process), and they are exactly spaCy's lists."""
    import importlib
    import subprocess
    import sys

    from digest.extract import stop_words

    probe = ("import sys; from digest.extract import looks_english; "
             f"assert looks_english({FRENCH!r}) is False; "
             "assert not {'spacy.lang.fr', 'spacy.lang.de'} & set(sys.modules), sys.modules")
    subprocess.run([sys.executable, "-c", probe], check=True, cwd=Path(__file__).parent.parent)
    for lang in ("en", "de", "fr", "es", "it", "pt", "nl"):
        module = importlib.import_module(f"spacy.lang.{lang}.stop_words")
        assert stop_words(lang) == module.STOP_WORDS


def test_batched_analysis_equals_one_seed_at_a_time(serial):
    from digest.extract import analyse, analyse_many
    from digest.extract.nlp import load_nlp

    seeds, _ = serial
    context, nlp = load_context(None, None), load_nlp()
    batched = [e.to_json() for e in analyse_many(seeds[:5], nlp, context, batch_size=3)]
    assert batched == [analyse(seed, nlp, context).to_json() for seed in seeds[:5]]
