"""Time: publication date precedence, datelines, and the dates an article mentions, read with
the real spaCy pipeline from the sample seed and from text written here."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from digest.extract import analyse
from digest.extract.dates import find_dateline, normalize, publication_date
from digest.model import Seed
from digest.inputs.seeds import read_seed

SAMPLE = Path(__file__).resolve().parent.parent / "seeds" / "000_e435a547fc507eb7.txt"
THURSDAY = dt.date(2024, 5, 16)


def write_seed(folder: Path, name: str, body: str, sidecar: str | None = None) -> Seed:
    path = folder / f"{name}.txt"
    path.write_text(body, encoding="utf-8")
    if sidecar is not None:
        path.with_suffix(".yml").write_text(sidecar, encoding="utf-8")
    seed, _ = read_seed(path)
    assert seed is not None
    return seed


def seed_of(*paragraphs: str, name: str = "story", meta: dict | None = None) -> Seed:
    return Seed(path=Path(f"{name}.txt"), name=name, title="A headline",
                paragraphs=list(paragraphs), meta=meta or {})


# --- the sample, through the whole pipeline ---------------------------------------------------

def test_sample_mentions_exactly_these_dates(nlp, context):
    seed, _ = read_seed(SAMPLE)
    extraction = analyse(seed, nlp, context)
    assert extraction.published == THURSDAY
    assert extraction.date_source == "curator"
    found = [(d.text.removeprefix("in "), d.value, d.precision) for d in extraction.dates]
    assert found == [
        ("Wednesday", "2024-05-15", "day"),
        ("February 2022", "2022-02", "month"),
        ("Thursday", "2024-05-16", "day"),
        ("2022", "2022", "year"),
        ("March", "2024-03", "month"),
        ("October", "2023-10", "month"),
        ("a decade ago", "2014", "year"),
    ]
    by_value = {d.value: d for d in extraction.dates}
    assert by_value["2022-02"].sentence == "Russia invaded Ukraine in February 2022."
    assert by_value["2024-03"].text == "in March"
    assert by_value["2014"].sentence.startswith("He traveled to Beijing in October")
    assert by_value["2014"].sentence.endswith("with Europe and Africa.")


def test_sample_durations_are_not_dates(nlp, context):
    seed, _ = read_seed(SAMPLE)
    texts = " | ".join(d.text.lower() for d in analyse(seed, nlp, context).dates)
    for duration in ("six months", "two days", "past week", "weeks"):
        assert duration not in texts


# --- publication date -------------------------------------------------------------------------

def test_curator_beats_filename_beats_dateline(tmp_path):
    body = "Storm hits coast\n\nMIAMI, Sept 3, 2021 - A storm hit the coast on Friday.\n"
    dated = write_seed(tmp_path, "2022-01-05-storm", body, "date: 2023-07-09\n")
    line = find_dateline(dated)
    assert line is not None and line.date == dt.date(2021, 9, 3)
    assert publication_date(dated, line) == (dt.date(2023, 7, 9), "curator")

    named = write_seed(tmp_path, "2022-01-05-storm-two", body)
    assert publication_date(named, find_dateline(named)) == (dt.date(2022, 1, 5), "filename")

    plain = write_seed(tmp_path, "storm-three", body)
    assert publication_date(plain, find_dateline(plain)) == (dt.date(2021, 9, 3), "dateline")


def test_filename_date_inside_a_longer_name():
    seed = seed_of("Text.", name="herald_2019-11-02_council-votes")
    assert publication_date(seed, None) == (dt.date(2019, 11, 2), "filename")
    impossible = seed_of("Text.", name="herald_2019-13-45_council-votes")
    assert publication_date(impossible, None) == (None, None)


def test_undated_seed_has_no_date_and_no_relative_dates(tmp_path, nlp, context):
    seed = write_seed(tmp_path, "harbour", "Harbour reopens\n\n"
                      "The harbour reopened on Tuesday after a storm in March. "
                      "It first opened a decade ago, in 1998, and was rebuilt on June 4, 2011. "
                      "Repairs took six months.\n")
    extraction = analyse(seed, nlp, context)
    assert (extraction.published, extraction.date_source) == (None, None)
    values = [d.value for d in extraction.dates]
    assert values == ["1998", "2011-06-04"]


# --- datelines --------------------------------------------------------------------------------

def test_dateline_as_whole_paragraph(tmp_path):
    seed = write_seed(tmp_path, "cup", "Cup final tonight\n\nLISBON 2001-05-19\n\n"
                      "The final is played at the national stadium.\n")
    line = find_dateline(seed)
    assert line is not None
    assert (line.place, line.date, line.whole_paragraph) == ("LISBON", dt.date(2001, 5, 19), True)
    assert line.text == "LISBON 2001-05-19"
    assert publication_date(seed, line) == (dt.date(2001, 5, 19), "dateline")


def test_dateline_prefix_with_year_and_agency():
    line = find_dateline(seed_of("OTTAWA, March 2, 2015 (AP) \u2014 Parliament met on Monday."))
    assert line is not None
    assert (line.place, line.date, line.whole_paragraph) == ("OTTAWA", dt.date(2015, 3, 2), False)
    assert line.text == "OTTAWA, March 2, 2015 (AP) \u2014"


def test_dateline_without_year_keeps_place_month_day_but_no_date():
    seed = seed_of("NAIROBI, June 14 - Heavy rain closed roads across the city.")
    line = find_dateline(seed)
    assert line is not None
    assert (line.place, line.year, line.month, line.day) == ("NAIROBI", None, 6, 14)
    assert line.date is None
    assert publication_date(seed, line) == (None, None)


@pytest.mark.parametrize("opening, place, date", [
    ("Dar es Salaam, July 7, 1998 - Talks resumed.", "Dar es Salaam", dt.date(1998, 7, 7)),
    ("MEXICO CITY, Friday, 9 October 2009 -- Markets rallied.", "MEXICO CITY",
     dt.date(2009, 10, 9)),
    ("GENEVA (AFP), Nov 4, 2011 \u2013 Delegates met.", "GENEVA", dt.date(2011, 11, 4)),
    ("Lagos, Feb. 3 - Fuel queues grew.", "Lagos", None),
])
def test_dateline_forms(opening, place, date):
    line = find_dateline(seed_of(opening))
    assert line is not None
    assert (line.place, line.date) == (place, date)


def test_agency_dateline_without_date_gives_place_only():
    line = find_dateline(seed_of("SANTIAGO DE CHILE (Reuters) - Copper rose."))
    assert line is not None
    assert (line.place, line.date) == ("SANTIAGO DE CHILE", None)


def test_dateline_after_byline_and_split_over_two_lines():
    after_byline = seed_of("Maria Olsen", "OSLO 2003-02-11", "Snow fell all day.")
    line = find_dateline(after_byline)
    assert line is not None and (line.place, line.date) == ("OSLO", dt.date(2003, 2, 11))
    split = seed_of("PORTLAND, Maine", "2003-02-12", "Snow fell again.")
    line = find_dateline(split)
    assert line is not None and (line.place, line.date) == ("PORTLAND, Maine", dt.date(2003, 2, 12))


@pytest.mark.parametrize("opening", [
    "On May 3 - the day of the vote - turnout was high.",
    "BREAKING - The bridge is closed.",
    "The mayor said Tuesday - again - that taxes would rise.",
    "Rain is expected on Friday.",
])
def test_ordinary_openings_are_not_datelines(opening):
    assert find_dateline(seed_of(opening)) is None


def test_dateline_date_is_not_a_mention(tmp_path, nlp, context):
    seed = write_seed(tmp_path, "fair", "Fair opens\n\nDUBLIN 2010-09-03\n\n"
                      "The fair opened on Friday and runs until September 12.\n")
    extraction = analyse(seed, nlp, context)
    assert extraction.published == dt.date(2010, 9, 3)
    assert [(d.value, d.precision) for d in extraction.dates] == [
        ("2010-09-03", "day"), ("2010-09-12", "day")]
    assert extraction.dates[0].sentence == "The fair opened on Friday and runs until September 12."


# --- normalization ----------------------------------------------------------------------------

@pytest.mark.parametrize("weekday, expected", [
    ("Thursday", dt.date(2024, 5, 16)),   # the publication day itself
    ("Wednesday", dt.date(2024, 5, 15)),
    ("Monday", dt.date(2024, 5, 13)),
    ("Saturday", dt.date(2024, 5, 11)),   # five days back: the oldest of the six
    ("Friday", None),                     # last Friday or tomorrow: not said
    ("last Friday", dt.date(2024, 5, 10)),
    ("next Friday", dt.date(2024, 5, 17)),
    ("Wednesday night", dt.date(2024, 5, 15)),
])
def test_weekdays_resolve_over_the_six_days_up_to_publication(weekday, expected):
    result = normalize(weekday, THURSDAY)
    assert result == ((expected.isoformat(), "day") if expected else None)


@pytest.mark.parametrize("text", [
    "six months", "two days", "the past week", "just weeks", "for two days", "recent years",
    "the weekend", "two weeks", "decades", "the 1990s", "this week", "a few days",
])
def test_durations_and_vague_spans_are_not_dates(text):
    assert normalize(text, THURSDAY) is None


@pytest.mark.parametrize("text, expected", [
    ("in March", ("2024-03", "month")),
    ("May", ("2024-05", "month")),            # the publication month itself
    ("June", ("2023-06", "month")),           # the latest June not after publication
    ("February 2022", ("2022-02", "month")),
    ("Aug. 30, 1996", ("1996-08-30", "day")),
    ("30 August 1996", ("1996-08-30", "day")),
    ("1996-08-30", ("1996-08-30", "day")),
    ("in 2022", ("2022", "year")),
    ("the summer of 2019", ("2019", "year")),
    ("a decade ago", ("2014", "year")),
    ("three days ago", ("2024-05-13", "day")),
    ("yesterday", ("2024-05-15", "day")),
    ("last year", ("2023", "year")),
    ("earlier this month", ("2024-05", "month")),
    ("Monday, March 4", ("2024-03-04", "day")),
])
def test_normalization(text, expected):
    assert normalize(text, THURSDAY) == expected


def test_a_weekday_given_with_the_date_picks_its_year():
    assert normalize("Friday, Aug. 30", THURSDAY) == ("2024-08-30", "day")
    assert normalize("Wednesday, Aug. 30", THURSDAY) == ("2023-08-30", "day")


def test_without_publication_date_only_absolute_dates_count():
    for relative in ("Wednesday", "in March", "a decade ago", "yesterday", "March 4"):
        assert normalize(relative, None) is None
    assert normalize("February 2022", None) == ("2022-02", "month")
    assert normalize("1996-08-30", None) == ("1996-08-30", "day")
    assert normalize("in 2022", None) == ("2022", "year")
