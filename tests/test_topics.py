"""Topics (IPTC Media Topics + curator topics) and keyphrases, on the sample seed and on
short articles written for these tests."""
from __future__ import annotations

from pathlib import Path

import pytest

from digest.extract import entities as entity_module
from digest.extract import topics
from digest.model import Seed
from digest.inputs.seeds import read_seeds

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "seeds" / "000_e435a547fc507eb7.txt"


def run(nlp, seed, taxonomy=None):
    doc = nlp(seed.text)
    found = entity_module.extract_entities(doc, seed, entity_module.Aliases())
    taxonomy = taxonomy or topics.load_taxonomy(None)
    ranked, scores = topics.classify(doc, seed, found, taxonomy)
    return ranked, scores, topics.keyphrases(doc, seed, found)


def article(title: str, *paragraphs: str, **meta) -> Seed:
    return Seed(path=Path("test.txt"), name="test", title=title, paragraphs=list(paragraphs),
                meta=meta)


@pytest.fixture(scope="module")
def sample(nlp):
    [seed] = read_seeds([SAMPLE]).seeds
    return seed


# ---------------------------------------------------------------- IPTC taxonomy

def test_iptc_codes_and_labels_are_the_17_top_level_media_topics():
    assert topics.IPTC_TOPICS == [
        ("medtop:01000000", "arts, culture, entertainment and media"),
        ("medtop:02000000", "crime, law and justice"),
        ("medtop:03000000", "disaster, accident and emergency incident"),
        ("medtop:04000000", "economy, business and finance"),
        ("medtop:05000000", "education"),
        ("medtop:06000000", "environment"),
        ("medtop:07000000", "health"),
        ("medtop:08000000", "human interest"),
        ("medtop:09000000", "labour"),
        ("medtop:10000000", "lifestyle and leisure"),
        ("medtop:11000000", "politics"),
        ("medtop:12000000", "religion"),
        ("medtop:13000000", "science and technology"),
        ("medtop:14000000", "society"),
        ("medtop:15000000", "sport"),
        ("medtop:16000000", "conflict, war and peace"),
        ("medtop:17000000", "weather"),
    ]


def test_topic_info_gives_code_parent_and_description(tmp_path):
    info = topics.topic_info("sport")
    assert (info.label, info.code, info.parent) == ("sport", "medtop:15000000", None)
    assert "Competitive activity" in info.description
    assert topics.topic_info("medtop:16000000").label == "conflict, war and peace"
    taxonomy = topics.load_taxonomy(ROOT / "curation" / "topics.yml")
    war = topics.topic_info("Russia-Ukraine war", taxonomy)
    assert (war.code, war.parent) == (None, "conflict, war and peace")
    assert war.description == "Russia's war in Ukraine and the diplomacy around it"
    assert topics.topic_info("Gardening tips", taxonomy) == topics.TopicInfo(
        "Gardening tips", None, None, "")


# ---------------------------------------------------------------- the sample

def test_sample_is_about_conflict_and_politics_first(nlp, sample):
    ranked, scores, _ = run(nlp, sample)
    assert set(ranked[:2]) == {"conflict, war and peace", "politics"}
    assert scores[ranked[0]] >= scores[ranked[1]] > 0
    assert all(label in dict((lab, c) for c, lab in topics.IPTC_TOPICS) for label in ranked)


def test_sample_with_the_curators_taxonomy(nlp, sample):
    taxonomy = topics.load_taxonomy(ROOT / "curation" / "topics.yml")
    assert not taxonomy.problems
    ranked, scores, _ = run(nlp, sample, taxonomy)
    assert set(ranked[:2]) == {"conflict, war and peace", "politics"}
    assert "Russia-Ukraine war" in ranked and "Sanctions" in ranked
    assert 0.5 <= scores["Russia-Ukraine war"] <= 1.0


def test_sample_keyphrases_skip_the_caption_and_are_not_only_names(nlp, sample):
    _, _, phrases = run(nlp, sample)
    assert 5 <= len(phrases) <= 8
    text = " ".join(phrases).lower()
    for caption_word in ("delovaya", "rossiya", "business congress", "meeting", "members"):
        assert caption_word not in text
    assert "comprehensive partnership" in phrases
    assert any("economic sanctions" in p for p in phrases)
    names = {"vladimir putin", "putin", "xi jinping", "xi", "russia", "china", "ukraine",
             "kremlin", "beijing", "moscow", "voa", "xinhua"}
    assert not any(p.lower() in names for p in phrases)
    for pronoun in ("he", "it", "they", "his", "i"):
        assert pronoun not in phrases


def test_output_is_deterministic(nlp, sample):
    assert run(nlp, sample) == run(nlp, sample)


# ---------------------------------------------------------------- IPTC topics, own articles

ARTICLES = {
    "sport": article(
        "United snatch late winner to reach cup semi-final",
        "A header from the substitute striker in injury time gave United a 2-1 victory over "
        "City on Saturday and a place in the semi-finals of the cup.",
        "City had led through a penalty before half-time, but their goalkeeper could not "
        "hold a free-kick and the home side equalised.",
        "The manager praised his squad and said the team would need the same spirit in the "
        "league, where they sit third with 12 matches of the season left."),
    "economy, business and finance": article(
        "Retailer's profits fall as shoppers cut spending",
        "Shares in the supermarket chain fell 6% after it said annual pre-tax profits had "
        "dropped to £410m, as higher interest rates squeezed household budgets.",
        "The chief executive said sales in its stores were flat, while online sales rose. "
        "Analysts had expected a smaller fall in earnings.",
        "Economists say inflation and weak consumer confidence will keep the economy close "
        "to recession this year, and investors are wary of the sector."),
    "science and technology": article(
        "New chip promises faster laptops with longer battery life",
        "Engineers have designed a processor that uses half the power of current chips, "
        "letting laptops and mobile phones run for two days on one charge.",
        "The software that runs on it will need to be rewritten, researchers said, but "
        "users of existing computers could download an update to make use of the design.",
        "The technology could also cut the energy used by data centres that power the "
        "internet, the scientists wrote."),
    "arts, culture, entertainment and media": article(
        "Veteran actress wins best actress award for role in war drama",
        "The actress won the award on Sunday night for her starring role in the film, which "
        "follows a family of musicians in the 1940s.",
        "The director thanked the cast and the orchestra that recorded the soundtrack. The "
        "movie has taken more than $80m at the box office.",
        "Her next role is on stage: she will appear in a new musical at a London theatre "
        "next spring, and a documentary about her career is being made for television."),
    "health": article(
        "Hospitals told to prepare for busy flu season",
        "Doctors and nurses have been urged to get the flu vaccine as hospitals prepare for "
        "a rise in patients this winter.",
        "Health officials said the virus was spreading early and that elderly people and "
        "those with asthma or heart disease should also be vaccinated at their clinic."),
    "weather": article(
        "Heavy snow and gales expected as temperatures plunge",
        "Forecasters have warned of heavy snow and strong winds across the north, with "
        "temperatures falling to minus 10 Celsius overnight.",
        "The Met Office said the cold weather would last until the weekend, with icy roads "
        "and freezing fog in many areas, before rain arrives from the west."),
}


@pytest.mark.parametrize("expected", list(ARTICLES))
def test_own_articles_get_the_right_main_topic(nlp, expected):
    ranked, scores, _ = run(nlp, ARTICLES[expected])
    assert ranked[0] == expected, (ranked, scores)
    assert list(scores) == ranked
    assert sorted(scores.values(), reverse=True) == list(scores.values())


def test_an_article_can_have_several_topics(nlp):
    seed = article(
        "Striking rail workers reject pay offer",
        "Train drivers and other rail workers will strike again next week after their union "
        "rejected a pay offer of 4%, saying it did not keep up with inflation.",
        "The walkout will close most lines. The government said it would not reopen talks "
        "while the industrial action goes on, and the opposition called for the transport "
        "minister to meet union leaders.")
    ranked, scores, _ = run(nlp, seed)
    assert ranked[0] == "labour"
    assert "politics" in ranked[:3]


# ---------------------------------------------------------------- curator topics

CURATOR_YAML = """\
topics:
  - label: Rail strikes
    parent: labour
    description: Strikes on the railways and the talks to end them
    keywords: [rail strike, train drivers, walkout]
    entities: [Network Rail]
  - label: Lunar missions
    parent: science and technology
    keywords: [Moon landing, lunar, Artemis]
"""

CORPUS = {
    "drivers.txt": "Train drivers vote for new walkout\n\nTrain drivers will stage another "
                   "walkout next month after talks over pay broke down.\n",
    "network.txt": "Network Rail says repairs will take a week\n\nNetwork Rail said the "
                   "line would reopen after repairs, and apologised for the rail strike "
                   "that closed it last month.\n",
    "lander.txt": "Lunar lander touches down near south pole\n\nThe robotic lander reached "
                  "the lunar surface on Friday, the first Moon landing by a private "
                  "company.\n",
    "budget.txt": "Chancellor sets out spending plans\n\nThe chancellor said the budget "
                  "would raise spending on schools and hospitals, and that a walkout by "
                  "nurses had been avoided.\n",
}


def test_curator_topics_apply_to_the_right_articles_only(nlp, tmp_path):
    (tmp_path / "topics.yml").write_text(CURATOR_YAML, encoding="utf-8")
    taxonomy = topics.load_taxonomy(tmp_path / "topics.yml")
    assert [t.label for t in taxonomy.curator] == ["Rail strikes", "Lunar missions"]
    assert taxonomy.curator[0].parent == "labour"
    for name, text in CORPUS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    seeds = read_seeds([tmp_path]).seeds
    got = {seed.path.name: run(nlp, seed, taxonomy)[0] for seed in seeds}
    assert "Rail strikes" in got["drivers.txt"]      # keywords, several times
    assert "Rail strikes" in got["network.txt"]      # its entity and a keyword
    assert "Rail strikes" not in got["budget.txt"]   # one keyword once is not enough
    assert "Rail strikes" not in got["lander.txt"]
    assert "Lunar missions" in got["lander.txt"]
    assert all("Lunar missions" not in got[n] for n in ("drivers.txt", "network.txt",
                                                        "budget.txt"))
    # curator topics come after the IPTC topics: the main topic stays a standard one
    for ranked in got.values():
        assert ranked[0] in {label for _, label in topics.IPTC_TOPICS}
    assert topics.topic_info("Lunar missions", taxonomy).parent == "science and technology"


def test_metadata_topics_replace_and_win(nlp, tmp_path):
    from digest.corpus.curate import Options, build_article
    from digest.model import Extraction

    (tmp_path / "topics.yml").write_text(CURATOR_YAML, encoding="utf-8")
    taxonomy = topics.load_taxonomy(tmp_path / "topics.yml")
    seed = ARTICLES["sport"]
    seed = article(seed.title, *seed.paragraphs, topics=["rail strikes", "Medtop:09000000"])
    ranked, scores, _ = run(nlp, seed, taxonomy)
    assert "sport" in ranked and "Rail strikes" not in ranked  # the machine's proposal
    final = build_article(seed, Extraction(topics=ranked, topic_scores=scores), None, [],
                          Options(taxonomy))
    assert final.topics == ["Rail strikes", "labour"]  # the curator's, spelled as defined
    assert final.topic_scores == {"Rail strikes": 1.0, "labour": 1.0}


def test_a_bad_taxonomy_file_is_reported_not_fatal(tmp_path):
    path = tmp_path / "topics.yml"
    path.write_text("topics:\n  - label: Floods\n    parent: weathr\n    keywords: flood\n"
                    "  - description: no label\n  - label: sport\n", encoding="utf-8")
    taxonomy = topics.load_taxonomy(path)
    assert [t.label for t in taxonomy.curator] == ["Floods"]
    assert taxonomy.curator[0].keywords == ("flood",)
    assert any("unknown parent 'weathr'" in p for p in taxonomy.problems)
    assert any("`topics.1.label` is missing" in p for p in taxonomy.problems)
    path.write_text("topics: [unclosed", encoding="utf-8")
    assert topics.load_taxonomy(path).curator == []
    assert topics.load_taxonomy(tmp_path / "missing.yml").curator == []


def test_all_topics_lists_iptc_then_curator_topics():
    taxonomy = topics.load_taxonomy(ROOT / "curation" / "topics.yml")
    listed = topics.all_topics(taxonomy)
    assert [t.label for t in listed[:17]] == [label for _, label in topics.IPTC_TOPICS]
    assert [(t.label, t.parent) for t in listed[17:]] == [
        ("Russia-Ukraine war", "conflict, war and peace"), ("Sanctions", "politics")]


def test_iptc_labels_are_recognised_in_any_case_by_code_and_former_label():
    assert topics.iptc_label("Sport") == "sport"
    assert topics.iptc_label("MEDTOP:04000000") == "economy, business and finance"
    assert topics.iptc_label("arts, culture and entertainment") == (
        "arts, culture, entertainment and media")
    assert topics.iptc_label("Russia-Ukraine war") is None
