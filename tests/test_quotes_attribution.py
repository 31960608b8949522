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


# --- which name a quote goes to -------------------------------------------------------------

def test_a_full_name_the_article_writes_is_not_lengthened_by_a_nickname(quotes_of):
    # the tagger makes a person of the epithet too ("Crooked Ann Fowler"): the speaker the
    # text names is still Ann Fowler, and so is the surname alone
    found = pairs(quotes_of(
        "Working the crowd was easier than working Crooked Ann Fowler, Grant joked on "
        "Tuesday.",
        "\u201cI wonder why he is so angry,\u201d Ann Fowler said. \u201cHe should get some "
        "sleep.\u201d",
        "Fowler said later that she would \u201ckeep fighting.\u201d"))
    assert [speaker for _, speaker in found] == ["Ann Fowler"] * 3
    assert found[0][0] == "I wonder why he is so angry"


def test_an_honorific_tells_apart_two_people_with_one_surname(quotes_of):
    assert pairs(quotes_of(
        "Tony Blake and his wife, Cherie Blake, arrived at the rally on Friday.",
        "\u201cWe are here to listen,\u201d Mr. Blake said.",
        "\u201cI have been to every one of these,\u201d Mrs. Blake said.")) == [
        ("We are here to listen", "Tony Blake"),
        ("I have been to every one of these", "Cherie Blake")]


def test_a_shared_surname_is_the_namesake_last_named(quotes_of):
    assert pairs(quotes_of(
        "Jane Morton chairs the committee. Her husband, Richard Morton, runs the firm.",
        "\u201cThe committee will decide on Friday,\u201d Jane Morton said. Morton added: "
        "\u201cWe are ready for the vote.\u201d")) == [
        ("The committee will decide on Friday", "Jane Morton"),
        ("We are ready for the vote.", "Jane Morton")]


def test_a_party_epithet_is_a_description_not_a_name(quotes_of):
    found = quotes_of(
        "Sen. John Whitfield spoke after the hearing. \u201cThis is a crisis,\u201d Whitfield "
        "said. \u201cWe cannot wait any longer,\u201d the Ohio Republican added.")
    assert [(q.text, q.speaker, q.named) for q in found] == [
        ("This is a crisis", "John Whitfield", True),
        ("We cannot wait any longer", "the Ohio Republican", False)]


def test_an_unattributed_quote_after_a_sentence_about_a_person_is_theirs(quotes_of):
    found = pairs(quotes_of(
        "Sen. Dana Whitmore visited the plant on Monday.",
        "Gov. Carl Ruben spoke next. He named the new tax credit as the reason for the "
        "investment. \u201cWithout it, this plant would have closed.\u201d"))
    assert found == [("Without it, this plant would have closed.", "Carl Ruben")]


def test_the_reporting_verb_is_not_one_inside_what_is_reported(quotes_of):
    # "calling out" is what the campaign expects the moderator to do; "endless lies" are
    # the campaign manager's words
    found = quotes_of(
        "Campaign manager Ellen Frost told reporters on Monday that the campaign expects "
        "the moderator to insert himself into the debate by calling out Grant for his "
        "\u201cendless lies\u201d on taxes.")
    assert [(q.speaker, q.fragment) for q in found] == [("Ellen Frost", True)]
    assert "\u201cendless lies\u201d" in found[0].text


def test_saying_reports_wherever_the_parse_hangs_it(quotes_of):
    # "saying" is the report itself, even when the parse hangs it under "pushing": the
    # quote is what it says, not the whole paraphrase "told" reports
    found = pairs(quotes_of(
        "Ann Fowler told the audience that she believes the state must keep pushing "
        "policies that help working families, saying that \u201cwages still lag far "
        "behind\u201d in the valley."))
    assert found == [("wages still lag far behind", "Ann Fowler")]


def test_two_speakers_together_are_kept_as_written_and_linked_to_neither(quotes_of):
    found = quotes_of("\u201cWe will not back down,\u201d Mary Smith and Tom Jones said in a "
                      "joint statement.")
    assert [(q.text, q.speaker, q.named) for q in found] == [
        ("We will not back down", "Mary Smith and Tom Jones", False)]


def test_a_headline_without_a_full_stop_does_not_hide_the_first_speaker(nlp, context):
    # the parse runs the headline into the first sentence and makes its noun the subject
    seed = Seed(path=Path("t.txt"), name="t", title="Campaign answers the email questions",
                paragraphs=["Clinton's spokesman, Brian Fallon, said the email \u201cwas "
                            "never classified.\u201d"])
    assert pairs(analyse(seed, nlp, context).quotes) == [("was never classified.",
                                                          "Brian Fallon")]


def test_he_is_the_man_named_in_apposition_not_the_woman_with_his_surname(quotes_of):
    # "Her husband, James Okafor, disagreed" names an antecedent; "Mrs. Okafor" makes the
    # surname female, but James is a man's name
    found = pairs(quotes_of(
        "Mrs. Okafor said she was disappointed. Her husband, James Okafor, disagreed. "
        "\u201cIt's the best we could get,\u201d he said."))
    assert found == [("It's the best we could get", "James Okafor")]


def test_mrs_is_not_the_man_with_her_surname(quotes_of):
    found = pairs(quotes_of(
        "James Okafor runs the shop on Main Street.",
        "Mrs. Okafor said she was \u201cdeeply disappointed\u201d by the ruling. \u201cWe "
        "will appeal,\u201d she said."))
    assert [speaker for _, speaker in found] == ["Okafor", "Okafor"]


def test_a_name_opening_the_first_paragraph_is_an_antecedent(quotes_of):
    # the parse hangs "Donald Grant" on the headline ("A story written for the tests")
    assert pairs(quotes_of(
        "Donald Grant took the stage at nine, an hour late.",
        "\u201cI love this state,\u201d he said.")) == [("I love this state", "Donald Grant")]


def test_a_document_speaks_for_who_sent_it(quotes_of):
    assert pairs(quotes_of(
        "According to a statement from the White House, the president \u201cremains "
        "confident in the attorney general.\u201d",
        "A letter from Senator Joan Pike said the agency had \u201cfailed the families it "
        "was meant to serve.\u201d")) == [
        ("remains confident in the attorney general.", "White House"),
        ("failed the families it was meant to serve.", "Joan Pike")]


# --- doubled apostrophes -------------------------------------------------------------------

DOUBLED = ("Mr. Harris said he would ''never give up'' on the plan. ''We will fight on to "
           "the end,'' he said.")


def test_doubled_apostrophes_are_read_as_double_marks_when_switched_on(quotes_of, monkeypatch):
    from digest.extract import quotes

    monkeypatch.setattr(quotes, "READ_DOUBLED_APOSTROPHES", True)
    assert pairs(quotes_of(DOUBLED)) == [
        ("he would ''never give up'' on the plan", "Harris"),
        ("We will fight on to the end", "Harris")]


def test_doubled_apostrophes_are_not_read_by_default(quotes_of):
    assert quotes_of(DOUBLED) == []
