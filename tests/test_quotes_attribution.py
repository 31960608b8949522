"""Who a quote goes to, and what `digest extract` prints of it, on text written for these
tests in the styles of US and UK political news. Each test fails without the rule it names."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conftest import BIN
from digest.extract import analyse
from digest.model import Seed


def seed_of(*paragraphs: str) -> Seed:
    return Seed(path=Path("t.txt"), name="t", title="A story written for the tests",
                paragraphs=list(paragraphs))


@pytest.fixture(scope="module")
def quotes_of(nlp, context):
    def run(*paragraphs: str):
        return analyse(seed_of(*paragraphs), nlp, context).quotes
    return run


def pairs(quotes) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in quotes]


# --- digest extract ------------------------------------------------------------------------

def test_extract_prints_fragment_sentence_and_named(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(
        "Council weighs the harbour plan\n\n"
        "Ruth Ames said the harbour plan was \u201ca waste of public money\u201d "
        "and would fail.\n\n"
        "\u201cWe have not seen the final figures yet,\u201d a council spokesman said.\n",
        encoding="utf-8")
    (seeds / "a.yml").write_text("date: 2024-06-03\n", encoding="utf-8")
    done = subprocess.run([str(BIN / "digest"), "extract", "seeds"], cwd=tmp_path,
                          capture_output=True, text=True)
    row = json.loads(done.stdout)
    assert row["quotes"] == [
        {"text": "the harbour plan was \u201ca waste of public money\u201d and would fail",
         "speaker": "Ruth Ames", "fragment": True,
         "sentence": "Ruth Ames said the harbour plan was \u201ca waste of public "
                     "money\u201d and would fail.",
         "named": True},
        {"text": "We have not seen the final figures yet", "speaker": "a council spokesman",
         "fragment": False, "sentence": "", "named": False},
    ]
