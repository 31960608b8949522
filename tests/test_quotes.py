"""Quotes and their speakers, through the real pipeline (spaCy included), on text written for
these tests and on the sample seed."""
from __future__ import annotations

from pathlib import Path

import pytest

from digest.extract import analyse
from digest.model import Quote, Seed
from digest.inputs.seeds import read_seed

SAMPLE = Path(__file__).resolve().parent.parent / "seeds" / "000_e435a547fc507eb7.txt"


@pytest.fixture(scope="module")
def quotes_of(nlp, context):
    def run(*paragraphs: str, title: str = "A story written for the tests", caption=None):
        seed = Seed(path=Path("t.txt"), name="t", title=title, paragraphs=list(paragraphs),
                    caption=caption)
        return analyse(seed, nlp, context).quotes
    return run


def test_sample_seed_has_its_eleven_quotes_with_speakers(nlp, context):
    seed, problems = read_seed(SAMPLE)
    assert seed is not None
    assert analyse(seed, nlp, context).quotes == [
        Quote("never refused to negotiate", "Vladimir Putin"),
        Quote("comprehensive, sustainable and just settlement of this conflict through "
              "peaceful means.", "Vladimir Putin"),
        Quote("have a detailed discussion on the entire range of issues related to the "
              "comprehensive partnership and strategic cooperation and determine the new "
              "directions for further development of cooperation between Russia and China",
              "Kremlin"),
        Quote("also have a detailed exchange of opinions on the most acute international and "
              "regional issues", "Kremlin"),
        Quote("I don't think Xi is going to be 100% supportive of Russia's continuing "
              "hostilities", "Lyle Morris"),
        Quote("I think Putin knows that. So, his hand is getting weaker.", "Lyle Morris"),
        Quote("will be trying to make sure that China supports Russia in any sort of "
              "international negotiations or basically finds a way to get around U.S. "
              "sanctions", "William Pomeranz"),
        Quote("China is becoming steadily more important", "Edward Lucas"),
        Quote("No. 1 issue is help on Ukraine", "Edward Lucas"),
        Quote("He wants diplomatic help. He wants help with breaking sanctions. He would like "
              "more weapons.", "Edward Lucas"),
        Quote("doesn't want Russia to lose, but he also doesn't want Russia to escalate going "
              "up the nuclear ladder", "Edward Lucas"),
    ]


def test_sample_scare_quote_is_not_a_quote(nlp, context):
    seed, _ = read_seed(SAMPLE)
    texts = [q.text for q in analyse(seed, nlp, context).quotes]
    assert not any("no-limits" in t for t in texts)


def test_quote_then_name_said(quotes_of):
    assert quotes_of(
        '"We will rebuild the bridge before the winter comes," Maria Lopez said on Tuesday.'
    ) == [Quote("We will rebuild the bridge before the winter comes", "Maria Lopez")]


def test_quote_then_said_name(quotes_of):
    assert quotes_of(
        "“The river has never been this low in living memory,” said Peter Hansen, a ferry "
        "captain."
    ) == [Quote("The river has never been this low in living memory", "Peter Hansen")]


def test_name_said_colon_quote(quotes_of):
    assert quotes_of(
        'Governor Thomas Baker said: "The budget is balanced for the first time in a decade."'
    ) == [Quote("The budget is balanced for the first time in a decade.", "Thomas Baker")]


def test_name_said_quote_without_colon(quotes_of):
    assert quotes_of(
        "Judge Alice Moreau said “the evidence was gathered without a warrant” and "
        "dismissed the case."
    )[0].speaker == "Alice Moreau"


def test_told_an_outlet(quotes_of):
    assert quotes_of(
        "“Prices will keep rising for the rest of the year,” Anna Novak, an economist at "
        "Baltic Bank, told Reuters."
    ) == [Quote("Prices will keep rising for the rest of the year", "Anna Novak")]


def test_quoted_as_saying_names_the_speaker_not_the_agency(quotes_of):
    quotes = quotes_of(
        "The Interfax news agency quoted Dmitri Orlov as saying \"the talks were useful but "
        "nothing was agreed.\"")
    assert [q.speaker for q in quotes] == ["Dmitri Orlov"]
    assert quotes[0].text.startswith("the talks were useful")


def test_said_in_an_interview_with(quotes_of):
    assert quotes_of(
        "“The ceasefire will not hold without observers,” Karen Wilde, a former diplomat, "
        "said in an interview with the BBC."
    ) == [Quote("The ceasefire will not hold without observers", "Karen Wilde")]


def test_pronoun_speaker_is_the_last_named_speaker(quotes_of):
    quotes = quotes_of(
        "Mayor Helen Park said the city would open three new shelters next month.",
        "“Nobody will have to sleep outside this winter,” she said.")
    assert quotes == [Quote("Nobody will have to sleep outside this winter", "Helen Park")]


def test_pronoun_skips_a_name_inside_the_quoted_clause(quotes_of):
    # "Duval" is the subject of the quoted words, not the speaker: "he" is Ortiz
    quotes = quotes_of(
        "Samuel Ortiz said the party was divided.",
        "Duval “does not want to lose the election, but he cannot unite the party either,” "
        "he said.")
    assert [q.speaker for q in quotes] == ["Samuel Ortiz"]


def test_quote_only_paragraph_continues_the_previous_speaker(quotes_of):
    quotes = quotes_of(
        "“The harbour will be dredged in the spring,” said port director Lena Berg.",
        "“After that, the largest container ships can dock here again.”")
    assert quotes == [
        Quote("The harbour will be dredged in the spring", "Lena Berg"),
        Quote("After that, the largest container ships can dock here again.", "Lena Berg"),
    ]


def test_quote_split_around_its_attribution(quotes_of):
    quotes = quotes_of(
        "“The vote was fair,” Omar Haddad said. “The losers should accept the result and "
        "move on.”")
    assert quotes == [
        Quote("The vote was fair", "Omar Haddad"),
        Quote("The losers should accept the result and move on.", "Omar Haddad"),
    ]


def test_institution_speaker_without_the(quotes_of):
    quotes = quotes_of(
        "“The embassy will remain closed until further notice,” the Foreign Ministry said "
        "in a statement.")
    assert quotes == [Quote("The embassy will remain closed until further notice",
                            "Foreign Ministry")]


def test_scare_quotes_and_titles_are_not_quotes(quotes_of):
    assert quotes_of(
        "The two presidents signed a “no-limits” pact and celebrated their “friendship” at "
        "the summit.",
        "The minister appeared on “Meet the Press” on Sunday.") == []


def test_short_quote_governed_by_a_speech_verb_is_kept_with_what_it_describes(quotes_of):
    assert quotes_of("Senator Ruth Adler called the tax plan “reckless.”") == [
        Quote("the tax plan “reckless.”", "Ruth Adler", fragment=True,
              sentence="Senator Ruth Adler called the tax plan “reckless.”")]


def test_quoted_words_in_one_reported_statement_make_one_quote(quotes_of):
    assert quotes_of("Senator Ruth Adler called the tax plan “reckless” and “cruel.”") == [
        Quote("the tax plan “reckless” and “cruel.”", "Ruth Adler", fragment=True,
              sentence="Senator Ruth Adler called the tax plan “reckless” and “cruel.”")]


def test_fragment_in_indirect_speech_keeps_the_reported_content(quotes_of):
    quotes = quotes_of(
        "Carl Jensen said the new law was “a gift to landlords” and would raise rents "
        "across the city.")
    assert quotes[0].speaker == "Carl Jensen"
    assert quotes[0].text.startswith("the new law was “a gift to landlords”")


def test_straight_and_curly_marks_mixed_in_one_quote(quotes_of):
    quotes = quotes_of(
        "\"The harvest was the worst in twenty years,” said farmer Jan Kowal. “We lost half "
        "of the wheat to the drought.\"")
    assert quotes == [
        Quote("The harvest was the worst in twenty years", "Jan Kowal"),
        Quote("We lost half of the wheat to the drought.", "Jan Kowal"),
    ]


def test_quote_across_paragraphs_is_one_quote(quotes_of):
    quotes = quotes_of(
        "Nadia Petrova, the head of the union, spoke to the strikers on Friday.",
        "“We asked for a fair wage and a safe workplace. Nothing more.",
        "“We will stay out until the company listens to us,” Petrova said.")
    assert quotes == [Quote("We asked for a fair wage and a safe workplace. Nothing more. "
                            "We will stay out until the company listens to us",
                            "Nadia Petrova")]


def test_dash_attribution(quotes_of):
    quotes = quotes_of("“Vote as if your street depended on it.” ― Grace Owusu")
    assert quotes == [Quote("Vote as if your street depended on it.", "Grace Owusu")]


def test_according_to(quotes_of):
    quotes = quotes_of(
        "The factory will “close its doors for good at the end of the year,” according to "
        "Michael Grant, the plant manager.")
    assert [q.speaker for q in quotes] == ["Michael Grant"]


def test_title_and_caption_quotes_are_skipped(quotes_of):
    quotes = quotes_of(
        "The council met on Monday.",
        title="“We will not give up,” says mayor",
        caption="“Enough is enough,” read one placard at the rally.")
    assert quotes == []
