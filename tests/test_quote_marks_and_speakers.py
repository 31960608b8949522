"""Single quotation marks, quoted fragments and described speakers (issue 13), through the
real pipeline (spaCy included), on text written for these tests. Each test fails without the
rule it names."""
from __future__ import annotations

from pathlib import Path

import pytest

from digest.corpus.curate import build_article
from digest.corpus.entries import build_corpus
from digest.corpus.names import Canon
from digest.extract import analyse
from digest.extract.entities import load_aliases
from digest.model import Quote, Seed
from digest.site.pages import Layout, article_page


def seed_of(*paragraphs: str, title: str = "A story written for the tests", **meta) -> Seed:
    return Seed(path=Path("t.txt"), name="t", title=title, paragraphs=list(paragraphs),
                meta=meta)


@pytest.fixture(scope="module")
def quotes_of(nlp, context):
    def run(*paragraphs: str):
        return analyse(seed_of(*paragraphs), nlp, context).quotes
    return run


# --- single quotation marks ----------------------------------------------------------------

def test_british_single_marks_are_a_quote(quotes_of):
    assert quotes_of(
        "'We will not close the library while I am on the council,' said Anna Berg."
    ) == [Quote("We will not close the library while I am on the council", "Anna Berg")]


def test_curly_single_marks_split_around_the_attribution(quotes_of):
    assert quotes_of(
        "‘The tide came in faster than anyone expected,’ Peter Olsen said. ‘We lost two "
        "boats before dawn.’"
    ) == [Quote("The tide came in faster than anyone expected", "Peter Olsen"),
          Quote("We lost two boats before dawn.", "Peter Olsen")]


def test_headline_style_single_marks_with_a_described_speaker(quotes_of):
    assert quotes_of("Minister 'will not resign', aides say") == [
        Quote("will not resign", "aides", named=False)]


def test_apostrophes_are_not_quotation_marks(quotes_of):
    # a decade, an elision, a name, a plural possessive and a dropped letter: no quote
    assert quotes_of(
        "In the '90s the students' union ran a rock 'n' roll night with Sean O'Brien, and "
        "fans danced 'til the lights went out.") == []


def test_curly_apostrophe_inside_a_word_does_not_end_a_single_quote(quotes_of):
    assert quotes_of(
        "‘I don’t think the bridge will open before June,’ said Peter Olsen."
    ) == [Quote("I don’t think the bridge will open before June", "Peter Olsen")]


def test_single_mark_never_closed_is_an_apostrophe(quotes_of):
    assert quotes_of("Police said the 'Ndrangheta gang had run the port for a decade.",
                     "Three men were arrested.") == []
    assert quotes_of("Three men were arrested.",
                     "Police said the 'Ndrangheta gang had run the port for a decade.") == []


def test_plural_possessive_inside_a_single_quote_does_not_end_it(quotes_of):
    assert quotes_of(
        "'The teachers' pay offer is an insult to every school in the county,' said Ruth "
        "Adler, who leads the union."
    ) == [Quote("The teachers' pay offer is an insult to every school in the county",
                "Ruth Adler")]


def test_a_lone_single_mark_does_not_swallow_the_paragraph(quotes_of):
    # "'til" and the possessive look like marks; nothing here is quoted
    assert quotes_of(
        "Ticket holders queued from noon 'til midnight outside the Jones' old shop, Mary "
        "Brown said.") == []


def test_single_marks_inside_a_double_quote_are_part_of_it(quotes_of):
    assert quotes_of(
        "“My father told me ‘never sell the farm’ and I never will,” said Jan Kowal."
    ) == [Quote("My father told me ‘never sell the farm’ and I never will", "Jan Kowal")]


def test_double_marks_inside_a_single_quote_are_part_of_it(quotes_of):
    assert quotes_of(
        "'The sign said \"closed for repairs\" for three whole years,' said Lena Berg."
    ) == [Quote("The sign said \"closed for repairs\" for three whole years", "Lena Berg")]


# --- fragments in paraphrase ---------------------------------------------------------------

def test_fragment_inside_a_paraphrase_keeps_its_sentence(quotes_of):
    quotes = quotes_of(
        "The council met on Tuesday.",
        "Tom Fisher said the plan was \"a waste of time\" and would fail within a year.")
    assert [(q.speaker, q.fragment, q.sentence) for q in quotes] == [
        ("Tom Fisher", True,
         "Tom Fisher said the plan was \"a waste of time\" and would fail within a year.")]
    assert "a waste of time" in quotes[0].text


def test_fragment_before_its_speech_verb(quotes_of):
    quotes = quotes_of("The talks ended on Friday.",
                       "The talks were 'a waste of everybody's time', Mary Brown said.")
    assert [(q.speaker, q.fragment, q.sentence) for q in quotes] == [
        ("Mary Brown", True, "The talks were 'a waste of everybody's time', Mary Brown said.")]


def test_fragment_with_words_after_it(quotes_of):
    quotes = quotes_of("Omar Haddad said he was “deeply troubled” by the closure of the mine.")
    assert [(q.speaker, q.fragment) for q in quotes] == [("Omar Haddad", True)]
    assert quotes[0].sentence.startswith("Omar Haddad said he was")


def test_full_quotes_stay_quotes(quotes_of):
    quotes = quotes_of(
        "Governor Thomas Baker said: “The budget is balanced for the first time in a "
        "decade.”",
        "Baker said that “nobody in this state will pay more tax next year.”",
        "The port “will reopen to container ships in the spring,” Lena Berg said.")
    assert [(q.text, q.fragment, q.sentence) for q in quotes] == [
        ("The budget is balanced for the first time in a decade.", False, ""),
        ("nobody in this state will pay more tax next year.", False, ""),
        ("will reopen to container ships in the spring", False, ""),
    ]


# --- described speakers --------------------------------------------------------------------

def test_described_speakers_are_kept_as_written_and_not_named(quotes_of):
    quotes = quotes_of(
        "“We have nothing to add at this stage,” a committee spokesman said.",
        "“The figures are still being checked,” officials said. They added: “We expect a "
        "result by Friday.”",
        "“The bridge will stay closed,” said Maria Lopez, the city engineer.")
    assert [(q.speaker, q.named) for q in quotes] == [
        ("a committee spokesman", False), ("officials", False), ("officials", False),
        ("Maria Lopez", True)]


def test_a_name_inside_a_description_is_not_the_speaker(quotes_of):
    quotes = quotes_of(
        "“It was a hard week for the whole team,” said a spokeswoman for Maria Lopez.")
    assert [(q.speaker, q.named) for q in quotes] == [
        ("a spokeswoman for Maria Lopez", False)]


def test_a_name_in_apposition_is_the_speaker(quotes_of):
    quotes = quotes_of(
        "“The ferry will run again on Monday,” her deputy, Karen Wilde, said.")
    assert [(q.speaker, q.named) for q in quotes] == [("Karen Wilde", True)]


def test_described_speaker_never_becomes_an_entry_or_a_link(nlp, context):
    # the curator lists "police" as an organization; the quote's "police" is a description
    seed = seed_of("Police in Riverton closed the bridge on Monday after a crack was found.",
                   "“Nobody will cross it until the engineers have seen it,” police said.",
                   organizations=["police"])
    article = build_article(seed, analyse(seed, nlp, context), None, [])
    assert [(q.speaker, q.named) for q in article.quotes] == [("police", False)]
    corpus = build_corpus([article])
    assert corpus.entries["organizations"]["police"].quotes == []
    page = article_page(article, corpus, Layout())
    quotes_part = page.split("## Quotes", 1)[1].split("## In this story", 1)[0]
    assert "— police" in quotes_part and "](" not in quotes_part


def test_described_speaker_is_not_given_a_curated_name(nlp, context, tmp_path):
    aliases = tmp_path / "aliases.yml"
    aliases.write_text("canonical:\n  Riverton Police Department: [police]\n")
    seed = seed_of("“Nobody will cross it until the engineers have seen it,” police said.",
                   "“The ferry runs as usual,” said Karen Wilde, the harbour master.")
    canon = Canon(load_aliases(aliases))
    article = build_article(seed, analyse(seed, nlp, context), canon, [])
    assert [(q.speaker, q.named) for q in article.quotes] == [
        ("police", False), ("Karen Wilde", True)]


# --- pronouns and participles --------------------------------------------------------------

def test_he_skips_the_last_named_woman(quotes_of):
    quotes = quotes_of(
        "Tom Fisher said the port would reopen in May. Anna Berg, the mayor, said it would "
        "not.",
        "“We will see who is right,” he said.")
    assert [q.speaker for q in quotes] == ["Tom Fisher"]


def test_an_honorific_gives_a_surname_its_gender(quotes_of):
    quotes = quotes_of(
        "Mrs. Okafor said the school would stay open. Jordan Reyes said it could not.",
        "“The roof is safe and the children are staying,” she said.")
    assert [q.speaker for q in quotes] == ["Okafor"]


def test_a_name_and_its_participle(quotes_of):
    quotes = quotes_of(
        "The council met on Monday.",
        "The new spot uses old footage of Tom Fisher asking, “Why isn't the harbour open "
        "yet?”",
        "A second video uses footage of Anna Berg saying, “The harbour must stay public.”")
    assert [q.speaker for q in quotes] == ["Tom Fisher", "Anna Berg"]


def test_a_name_and_its_participle_beat_a_speech_verb_further_away(quotes_of):
    quotes = quotes_of(
        "The council met on Monday.",
        "Her speech concluded with a clip of Anna Berg saying in May, “We will never sell "
        "the harbour.”")
    assert [q.speaker for q in quotes] == ["Anna Berg"]


def test_a_speech_verb_in_a_when_clause_after_the_quote_is_not_its_attribution(quotes_of):
    quotes = quotes_of(
        "The council met on Monday.",
        "Laura Kim was speaking, “We will never give up on this town,” when Paul Grant "
        "shouted at her.")
    assert [q.text for q in quotes] == ["We will never give up on this town"]
    assert quotes[0].speaker != "Paul Grant"


def test_a_speech_verb_after_a_preposition(quotes_of):
    quotes = quotes_of(
        "The council met on Monday.",
        "Tom Fisher answered the council by saying the budget “cannot be balanced without "
        "new taxes.”")
    assert [q.speaker for q in quotes] == ["Tom Fisher"]


def test_a_relative_clause_speaks_for_its_name(quotes_of):
    quotes = quotes_of(
        "Reporters spoke to Ruth Adler, who said: “The ward has been full for six weeks.”")
    assert [q.speaker for q in quotes] == ["Ruth Adler"]


def test_a_quoted_term_inside_a_noun_phrase_is_not_a_quote(quotes_of):
    assert quotes_of(
        "The council met on Monday.",
        "The council kept its “pay as you go” scheme for another year.") == []


def test_a_word_or_two_in_marks_keep_their_clause(quotes_of):
    quotes = quotes_of(
        "The council met on Monday.",
        "These nurses, the director explained at the hearing, were “well-paid,” earning more "
        "than the national average.")
    assert [(q.fragment, q.speaker, q.named) for q in quotes] == [(True, "the director", False)]
    assert quotes[0].text.startswith("were “well-paid,” earning more")


def test_a_full_sentence_after_a_comma_is_a_quote_not_a_fragment(quotes_of):
    quotes = quotes_of(
        "The council met on Monday.",
        "\"We need more buses,\" Tom Fisher said, suggesting a few questions, including, "
        "\"Why do the trains stop at ten? Why is the station closed on Sunday?\"")
    assert [(q.text, q.fragment) for q in quotes] == [
        ("We need more buses", False),
        ("Why do the trains stop at ten? Why is the station closed on Sunday?", False)]


def test_who_issues_a_statement_speaks_through_it(quotes_of):
    quotes = quotes_of(
        "The council met on Monday.",
        "After a short meeting, the Harbour Board issued a statement calling the closure \"a "
        "serious breach of the port's licence\" and asked for an inquiry.")
    assert [(q.speaker, q.named) for q in quotes] == [("Harbour Board", True)]


def test_a_surname_is_the_full_name_that_ends_with_it():
    from types import SimpleNamespace

    from digest.extract.quotes import _Names
    # the tagger took a campaign for a person: "Berg" is still Maria Berg
    names = _Names(SimpleNamespace(people=["Berg Campaign", "Maria Berg"], organizations=[],
                                   places=[], mentions={}))
    assert names.full_of("Berg", True) == "Maria Berg"


def test_a_person_is_never_named_after_an_organization():
    from types import SimpleNamespace

    from digest.extract.quotes import _Names
    names = _Names(SimpleNamespace(people=[], organizations=["Holm Foundation"], places=[],
                                   mentions={}))
    assert names.full_of("Holm", True) == "Holm"
    assert names.full("Holm") == "Holm Foundation"  # an organization's mention may grow


def test_a_surname_two_people_share_stays_as_written():
    from types import SimpleNamespace

    from digest.extract.quotes import _Names
    names = _Names(SimpleNamespace(people=["Anna Holm", "Erik Holm"], organizations=[],
                                   places=[], mentions={}))
    assert names.full_of("Holm", True) == "Holm"
    assert names.full_of("Anna Holm", True) == "Anna Holm"
    # even when the entities took one of them for it
    names = _Names(SimpleNamespace(people=["Anna Holm", "Erik Holm"], organizations=[],
                                   places=[], mentions={"Holm": "Erik Holm"}))
    assert names.full_of("Holm", True) == "Holm"


def test_a_word_in_marks_is_a_fragment_shown_with_its_sentence(quotes_of):
    quotes = quotes_of(
        "The council met on Monday.",
        "The bank's sales were driven by what several lawmakers called “fraud” at the "
        "hearing on Tuesday.")
    sentence = ("The bank's sales were driven by what several lawmakers called “fraud” at the "
                "hearing on Tuesday.")
    assert [(q.text, q.speaker, q.fragment, q.sentence, q.named) for q in quotes] == [
        (sentence, "several lawmakers", True, sentence, False)]


def test_a_short_sentence_of_its_own_stays_a_quote(quotes_of):
    assert quotes_of("The council met on Monday.",
                     "“It's heartbreaking,” Tom Fisher said.") == [
        Quote("It's heartbreaking", "Tom Fisher")]
