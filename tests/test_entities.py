"""People, organizations and places: names cleaned, merged and typed; roles; aliases; Canon.
Text is the sample seed or sentences written for these tests."""
from __future__ import annotations

from pathlib import Path

import pytest

from digest.corpus.names import build_canon
from digest.extract.gazetteer import gazetteer
from digest.extract.entities import Aliases, extract_entities, load_aliases
from digest.model import Dateline, Extraction, Seed
from digest.inputs.seeds import read_seed

SAMPLE = Path(__file__).resolve().parent.parent / "seeds" / "000_e435a547fc507eb7.txt"


def seed_of(title: str, *paragraphs: str, caption: str | None = None,
            credit: str | None = None) -> Seed:
    return Seed(path=Path("test.txt"), name="test", title=title, paragraphs=list(paragraphs),
                caption=caption, credit=credit)


def extract(nlp, seed: Seed, aliases: Aliases | None = None, dateline: Dateline | None = None):
    return extract_entities(nlp(seed.text), seed, aliases or Aliases(), dateline)


@pytest.fixture(scope="module")
def sample(nlp):
    seed, problems = read_seed(SAMPLE)
    assert seed is not None, problems
    return seed, extract(nlp, seed)


def test_sample_people_exactly(sample):
    _, found = sample
    assert found.people == ["Vladimir Putin", "Xi Jinping", "Lyle Morris", "William Pomeranz",
                            "Edward Lucas"]


def test_sample_organizations(sample):
    seed, found = sample
    assert found.organizations == [
        "Russian Business Congress", "Delovaya Rossiya", "Kremlin", "Xinhua News Agency",
        "Chinese Foreign Ministry", "Asia Society Policy Institute", "Center for China Analysis",
        "VOA", "Wilson Center", "Kennan Institute", "Center for European Policy Analysis"]
    assert seed.credit == "AFP" and "AFP" not in found.organizations


def test_sample_places(sample):
    _, found = sample
    assert found.places == ["China", "Ukraine", "Moscow", "Russia", "Beijing", "Kharkiv", "U.S.",
                            "Asia", "Europe", "Africa"]


def test_sample_roles(sample):
    _, found = sample
    assert found.roles == {
        "Vladimir Putin": ["Russian President"],
        "Xi Jinping": ["Chinese President"],
        "Lyle Morris": ["senior fellow at Asia Society Policy Institute's Center for China "
                        "Analysis"],
        "William Pomeranz": ["director of the Wilson Center’s Kennan Institute"],
        "Edward Lucas": ["senior adviser at the Center for European Policy Analysis"],
    }


def test_sample_short_mentions_merge(sample):
    _, found = sample
    assert found.mentions["Putin"] == "Vladimir Putin"
    assert found.mentions["Xi"] == "Xi Jinping"
    assert found.mentions["Lucas"] == "Edward Lucas"  # spaCy calls this one an ORG


def test_titles_nationality_and_possessives_stripped(nlp):
    seed = seed_of(
        "Talks in Oslo",
        "German Chancellor Olaf Scholz met Prime Minister Jonas Gahr Store in Oslo on Monday.",
        "Speaking later, Mr Scholz praised the Norwegian Refugee Council's work, and Store "
        "thanked "
        "the Brookings Institution's analysts.")
    found = extract(nlp, seed)
    assert found.people == ["Olaf Scholz", "Jonas Gahr Store"]
    assert "Norwegian Refugee Council" in found.organizations
    assert "Brookings Institution" in found.organizations
    assert not any("'s" in name or name.startswith("the ") for name in found.organizations)
    assert found.roles["Olaf Scholz"] == ["German Chancellor"]
    assert found.roles["Jonas Gahr Store"] == ["Prime Minister"]
    assert found.mentions["Scholz"] == "Olaf Scholz"


def test_apposition_role(nlp):
    seed = seed_of(
        "Grain prices climb",
        "Prices will keep rising, said Maria Keller, an economist at the Kiel Institute for "
        "the World Economy, on Tuesday.")
    found = extract(nlp, seed)
    assert found.people == ["Maria Keller"]
    assert found.roles["Maria Keller"] == ["economist at the Kiel Institute for the World Economy"]


def test_surname_tagged_as_organization_becomes_the_person(nlp):
    seed = seed_of(
        "Energy talks",
        "Officials met Hannah Whitfield, an analyst at the Atlantic Council, in Paris.",
        "Whitfield said the deal would hold.")
    found = extract(nlp, seed)
    assert found.people == ["Hannah Whitfield"]
    assert "Whitfield" not in found.organizations + found.places


def test_credit_is_not_an_organization(nlp):
    seed = seed_of("Storm hits coast",
                   "The storm reached Lisbon on Sunday, the Portuguese Red Cross said.",
                   caption="Waves break over a wall in Lisbon.", credit="Reuters")
    seed_with_agency = seed_of("Storm hits coast",
                               "The storm reached Lisbon, Reuters reported.",
                               caption="Waves break in Lisbon.", credit="Reuters")
    assert "Reuters" not in extract(nlp, seed_with_agency).organizations
    assert "Portuguese Red Cross" in extract(nlp, seed).organizations


def test_caption_and_title_entities_count(nlp):
    seed = seed_of("Merkel visits Warsaw",
                   "The visit lasted two days, officials said.",
                   caption="Angela Merkel arrives at the Polish Foreign Ministry in Warsaw.",
                   credit="AP")
    found = extract(nlp, seed)
    assert "Angela Merkel" in found.people
    assert "Polish Foreign Ministry" in found.organizations
    assert "Warsaw" in found.places


def test_gazetteer_fixes_types(nlp):
    found = extract(nlp, seed_of(
        "Border dispute",
        "Moldova and Belarus signed the accord, while the Ukrainian delegation left early.",
        "Fighting went on near Tavildara, in the town of Tavildara, officials said."))
    assert "Moldova" in found.places and "Belarus" in found.places
    assert "Moldova" not in found.organizations + found.people
    assert "Ukrainian" not in found.places  # a nationality word, not a place
    assert "Tavildara" in found.places


def test_gazetteer_normalizes_countries():
    gaz = gazetteer()
    assert gaz.lookup("U.S.").name == "United States"
    assert gaz.lookup("Russian Federation").name == "Russia"
    assert gaz.lookup("LONDON").name == "London"
    assert gaz.lookup("Delovaya Rossiya") is None


def test_capitals_headline_and_dateline(nlp):
    seed = seed_of("TENNIS - GRAF BEATS SELES IN BERLIN FINAL.",
                   "BERLIN 1996-05-12",
                   "Steffi Graf beat Monica Seles 6-3 6-4 in the final of the German Open.")
    dateline = Dateline(place="BERLIN", year=1996, month=5, day=12, text="BERLIN 1996-05-12",
                        whole_paragraph=True)
    found = extract(nlp, seed, dateline=dateline)
    assert found.people == ["Steffi Graf", "Monica Seles"]
    assert found.places[0] == "Berlin"
    assert not any("TENNIS" in name for kind in (found.people, found.organizations,
                                                 found.places) for name in kind)


def test_list_of_players_are_people(nlp):
    seed = seed_of(
        "Squad named",
        "Coach Anna Berg named her squad on Friday.",
        "Goalkeepers - Carla Mendes, Julia Novak; defenders - Sofia Lindqvist, Emma Hartley, "
        "Laura Petit, Nora Haugen; forwards - Ida Sorensen, Clara Vidal.")
    found = extract(nlp, seed)
    for name in ("Anna Berg", "Carla Mendes", "Julia Novak", "Sofia Lindqvist", "Emma Hartley",
                 "Laura Petit", "Ida Sorensen", "Clara Vidal"):
        assert name in found.people


def test_curator_aliases_and_ignore_win(nlp, tmp_path):
    path = tmp_path / "aliases.yml"
    path.write_text("canonical:\n  Kremlin: [the Kremlin]\n  United States: [U.S., America]\n"
                    "ignore: [Interfax]\n", encoding="utf-8")
    aliases = load_aliases(path)
    seed = seed_of("Sanctions",
                   "The Kremlin rejected the U.S. sanctions, Interfax reported from Moscow.")
    found = extract(nlp, seed, aliases)
    assert "Kremlin" in found.organizations
    assert "United States" in found.places and "U.S." not in found.places
    assert "Interfax" not in found.organizations + found.people + found.places


def test_load_aliases_missing_or_none(tmp_path):
    assert load_aliases(None) == Aliases()
    assert load_aliases(tmp_path / "nope.yml") == Aliases()
    bad = tmp_path / "bad.yml"
    bad.write_text("canonical: [oops\n", encoding="utf-8")
    broken = load_aliases(bad)  # never fatal: empty, with a message naming the file
    assert broken == Aliases() and "bad.yml" in broken.problems[0]
    odd = tmp_path / "odd.yml"
    odd.write_text("canonical:\n  Kremlin: the Kremlin\n  Xinhua: 7\nignore: Reuters\n",
                   encoding="utf-8")
    parsed = load_aliases(odd)
    assert parsed.lookup("THE KREMLIN") == "Kremlin" and parsed.ignored("reuters")
    assert any("Xinhua" in p for p in parsed.problems)


def test_canon_merges_variants_across_articles():
    one = Extraction(people=["Putin", "Olaf Scholz"], places=["U.S.", "Berlin"],
                     organizations=["the Kremlin"])
    two = Extraction(people=["Vladimir Putin"], places=["United States", "BERLIN"],
                     organizations=["Kremlin"])
    canon = build_canon([one, two], Aliases())
    assert canon.name("places", "U.S.") == "United States"
    assert canon.name("places", "United States") == "United States"
    assert canon.name("places", "BERLIN") == "Berlin"
    assert canon.name("people", "Putin") == "Vladimir Putin"
    assert canon.name("people", "Vladimir Putin") == "Vladimir Putin"
    assert canon.name("organizations", "the Kremlin") == "Kremlin"
    assert canon.name("places", "The Hague") == "The Hague"  # "The" is part of this name
    assert canon.name("places", "Russian Federation") == "Russia"


def test_canon_curator_wins():
    one = Extraction(people=["Putin"], organizations=["Kremlin", "Interfax"])
    two = Extraction(people=["Vladimir Putin", "Andrei Putin"])
    aliases = Aliases(canonical={"Kremlin": "Russian Presidential Administration"},
                      ignore={"Interfax"})
    canon = build_canon([one, two], aliases)
    assert canon.name("organizations", "Kremlin") == "Russian Presidential Administration"
    assert canon.name("organizations", "the kremlin") == "Russian Presidential Administration"
    assert canon.name("organizations", "Interfax") is None
    assert canon.name("people", "Putin") == "Putin"  # two Putins: left as written


def test_output_is_deterministic(nlp, sample):
    seed, found = sample
    again = extract(nlp, seed)
    assert (again.people, again.organizations, again.places, again.roles) == (
        found.people, found.organizations, found.places, found.roles)


def test_context_words_type_names(nlp):
    found = extract(nlp, seed_of(
        "Markets",
        "Shares fell on Wall Street on Monday, the newspaper Dagens Nyheter reported.",
        "The Davis Cup was postponed, said Economy Minister Carla Ruiz.",
        "Helmut Brandt shares the view of the Norwegian Refugee Council."))
    assert "Wall Street" in found.places  # a street the model left unlabelled
    assert "Dagens Nyheter" in found.organizations  # "the newspaper X"
    assert found.people == ["Carla Ruiz", "Helmut Brandt"]  # "shares" the verb, not stock
    assert found.roles["Carla Ruiz"] == ["Economy Minister"]
    assert not any("Cup" in name for name in found.organizations + found.places)  # an event
