"""One fold: the names' comparison key builds on the search folding, and the search worker's
JavaScript folds exactly as Python does (real Chromium runs the worker's own function)."""
from __future__ import annotations

import json
import re
from importlib import resources

from digest.search import index
from digest.text import FOLD_SPECIAL, fold, fold_letters

SAMPLES = ["Recep Tayyip Erdoğan", "Ingrid Løvås", "Łódź, Straße, Œuvre, São Paulo",
           "İSTANBUL Çağlar", "Þórður Ðaði", "Nguyễn Tấn Dũng", "Ærø Ħamrun ŀl", "ﬁnance",
           "Ångström e\u0301", "Zoë Saldaña-Pérez", "plain ascii Words 42"]


def test_search_folds_with_the_one_shared_function():
    assert index.fold is fold_letters and index.FOLD_SPECIAL is FOLD_SPECIAL
    assert fold_letters("Ingrid Løvås") == "ingrid lovas"


def test_name_fold_builds_on_the_letters_fold():
    for text in SAMPLES:
        assert fold(text) == " ".join(fold_letters(text).casefold().split())
    assert fold("The  Søren\u2019s  Bank") == "soren's bank"
    assert fold("Soren's bank") == fold("The Søren\u2019s Bank")
    assert fold("Theodore Roosevelt") == "theodore roosevelt"  # "the" only as a word


def test_the_worker_folds_as_python_does(browser):
    source = resources.files("digest").joinpath("assets/search-worker.js").read_text("utf-8")
    marks = re.search(r"MARKS = (/[^/]+/[a-z]*)", source).group(1)
    body = re.search(r"\n  function fold\(s\) \{\n(.*?)\n  \}\n", source, re.S).group(1)
    page = browser.new_page()
    try:
        folded = page.evaluate(
            f"""(samples) => {{
                var MARKS = {marks};
                var foldMap = {json.dumps(FOLD_SPECIAL, ensure_ascii=False)};
                var foldRe = new RegExp("[" + Object.keys(foldMap).join("") + "]", "g");
                function fold(s) {{ {body} }}
                return samples.map(fold);
            }}""", SAMPLES)
    finally:
        page.close()
    assert folded == [fold_letters(s) for s in SAMPLES]
