"""Names a reader can trust: evidence for each kind, one kind per entity across the corpus,
coreference of short names, which names get a page, roles from body sentences. Every text
here is written for these tests."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from digest.corpus.names import build_canon
from digest.corpus.preview import view_of
from digest.extract import analyse
from digest.extract.dates import find_dateline
from digest.extract.entities import Aliases, extract_entities, load_aliases
from digest.extract.gazetteer import gazetteer
from digest.model import Extraction, Seed


def seed_of(title: str, *paragraphs: str, name: str = "test", caption: str | None = None,
            credit: str | None = None) -> Seed:
    return Seed(path=Path(f"{name}.txt"), name=name, title=title, paragraphs=list(paragraphs),
                caption=caption, credit=credit, fingerprint=name)


def view(nlp, context, *seeds: Seed, aliases: Aliases | None = None, min_articles: int = 2):
    extracted = [(seed, analyse(seed, nlp, context)) for seed in seeds]
    return view_of(extracted, aliases or Aliases(), min_articles)


def pages(result, kind: str) -> set[str]:
    return set(result.corpus.entries[kind])


def names_in(found) -> list[str]:
    return found.people + found.organizations + found.places


# ---------------------------------------------------------------- extraction: what is a name

def test_wire_abbreviations_are_never_names(nlp):
    seed = seed_of("Acme Widgets results",
                   "Acme Widgets Corp said Revs rose to 12.5 mln U.S. Dlrs in the year.",
                   "Avg Shrs were 4.1 mln and Shr profit was 30 cts, the company said.")
    found = extract_entities(nlp(seed.text), seed, Aliases())
    everything = " ".join(names_in(found)).lower()
    for junk in ("revs", "shrs", "dlrs", "avg", "mln", "shr"):
        assert junk not in everything.split()
    assert "Acme Widgets Corp" in found.organizations


def test_particles_keep_a_name_whole(nlp):
    seed = seed_of("Brussels talks",
                   "European Commission President Ursula von der Leyen said on Monday that "
                   "talks would go on.")
    found = extract_entities(nlp(seed.text), seed, Aliases())
    assert "Ursula von der Leyen" in found.people
    assert "Leyen" not in found.places and "Ursula von der" not in found.people


def test_group_of_keeps_its_number(nlp):
    seed = seed_of("Finance ministers meet",
                   "Finance ministers of the Group of 7 met in Paris on Sunday to discuss "
                   "currencies, officials said.")
    found = extract_entities(nlp(seed.text), seed, Aliases())
    assert "Group of" not in found.organizations


def test_dateline_resolves_to_its_city():
    seed = seed_of("Drug maker reports", "BLUE BELL, Pa., March 3 - The drug maker said "
                   "sales rose.")
    line = find_dateline(seed)
    assert line is not None and line.place == "BLUE BELL, Pa."


def test_dateline_city_and_region_are_places(nlp, context):
    seed = seed_of("Drug maker reports", "BLUE BELL, Pa., March 3 - The drug maker said "
                   "sales rose.")
    found = extract_entities(nlp(seed.text), seed, Aliases())
    assert "Blue Bell" in found.places and "Pa." in found.places  # as written
    assert not any("," in place for place in found.places)
    assert "dateline" in found.evidence["Blue Bell"]["tags"]
    assert pages(view(nlp, context, seed), "places") == {"Blue Bell", "Pennsylvania"}


def test_place_alone_as_dateline():
    seed = seed_of("Storm", "NAIROBI", "Heavy rain flooded the city on Friday.")
    line = find_dateline(seed)
    assert line is not None and line.place == "NAIROBI" and line.date is None


def test_gazetteer_knows_regions_and_counties():
    gaz = gazetteer()
    assert gaz.resolve("Kashmir") is not None and gaz.resolve("Middle East") is not None
    assert gaz.resolve("Orange County") is not None
    assert gaz.lookup("Kashmir") is None  # a region never retypes a name by itself
    assert gaz.region_of_dateline("Minn.") == "Minnesota"
    assert gaz.resolve("Louvre") is None


# ---------------------------------------------------------------- evidence for each kind

def test_given_name_is_evidence_of_a_person(nlp, context):
    result = view(nlp, context, seed_of("Harbour plan", "Margaret Okonkwo opened the new "
                                        "harbour office on Friday."))
    assert "Margaret Okonkwo" in pages(result, "people")
    one = analyse(seed_of("Harbour plan", "Margaret Okonkwo opened the new harbour office "
                          "on Friday."), nlp, context)
    assert "given" in one.evidence["Margaret Okonkwo"]["tags"]


def test_title_is_evidence_of_a_person(nlp, context):
    seed = seed_of("Budget", "Chancellor Brandvold presented the budget to parliament on "
                   "Tuesday.")
    extraction = analyse(seed, nlp, context)
    assert "Brandvold" in extraction.people
    assert "title" in extraction.evidence["Brandvold"]["tags"]
    assert "Brandvold" in pages(view(nlp, context, seed), "people")


def test_said_alone_needs_two_articles(nlp, context):
    one = seed_of("Dock strike", "The strike will end soon, Kowalczyk said on Monday.",
                  name="a")
    two = seed_of("Dock strike ends", "The strike is over, Kowalczyk said on Friday.",
                  name="b")
    extraction = analyse(one, nlp, context)
    assert "Kowalczyk" in extraction.people
    tags = set(extraction.evidence["Kowalczyk"]["tags"])
    assert "said" in tags and not tags & {"given", "title", "linked", "role"}
    assert "Kowalczyk" not in pages(view(nlp, context, one), "people")
    assert "Kowalczyk" in pages(view(nlp, context, one, two), "people")
    # the threshold is a setting
    assert "Kowalczyk" in pages(view(nlp, context, one, min_articles=1), "people")


def test_a_name_without_evidence_stays_in_metadata_only(nlp, context):
    seed = seed_of("Currency pact", "Talks on the Louvre pact went on, and the Louvre accord "
                   "held.")
    result = view(nlp, context, seed)
    article = result.articles[0]
    assert "Louvre" in article.people + article.organizations + article.places
    for kind in ("people", "organizations", "places"):
        assert "Louvre" not in pages(result, kind)


def test_organization_suffix_is_evidence(nlp, context):
    seed = seed_of("Mill closes", "Brackwater Textiles Ltd closed its mill in Leeds, and "
                   "Quillon said it would buy the site.")
    extraction = analyse(seed, nlp, context)
    assert "suffix" in extraction.evidence["Brackwater Textiles Ltd"]["tags"]
    assert "Brackwater Textiles Ltd" in pages(view(nlp, context, seed), "organizations")


def test_acronym_defined_in_text_is_evidence(nlp, context):
    seed = seed_of("Fishing quotas", "The Northern Fisheries Forum (NFF) met in Oslo. The NFF "
                   "will meet again in May.")
    extraction = analyse(seed, nlp, context)
    assert "acronym" in extraction.evidence["NFF"]["tags"]
    # the acronym's page is the full name's it is defined as (one page per entity)
    paged = pages(view(nlp, context, seed), "organizations")
    assert "Northern Fisheries Forum" in paged and "NFF" not in paged


def test_organization_without_evidence_needs_repeated_use(nlp, context):
    one = seed_of("Jobs", "The job cuts will come soon, Dallimore said on Monday.", name="a")
    two = seed_of("Jobs go", "The job cuts are done, Dallimore said on Friday.", name="b")
    first = analyse(one, nlp, context)
    assert "Dallimore" in first.organizations
    assert not set(first.evidence["Dallimore"]["tags"]) & {"suffix", "acronym"}
    assert "Dallimore" not in pages(view(nlp, context, one), "organizations")
    assert "Dallimore" in pages(view(nlp, context, one, two), "organizations")


def test_places_must_resolve(nlp, context):
    seed = seed_of("Floods", "Floods hit Kashmir and the town of Zarvonik after rain in "
                   "Pakistan.")
    result = view(nlp, context, seed)
    assert {"Kashmir", "Pakistan"} <= pages(result, "places")
    assert "Zarvonik" not in pages(result, "places")


def test_headline_only_names_get_no_page(nlp, context):
    seed = seed_of("Tamsin Holloway wins in Rome",
                   "The race was run in heavy rain, and the crowd was small.")
    result = view(nlp, context, seed)
    assert "Tamsin Holloway" in result.articles[0].people  # kept in the metadata
    assert "Tamsin Holloway" not in pages(result, "people")
    assert "Rome" not in pages(result, "places")


def test_curator_listed_names_always_get_a_page(nlp, context):
    seed = seed_of("Dock strike", "The strike will end soon, Kowalczyk said on Monday.")
    assert "Kowalczyk" not in pages(view(nlp, context, seed), "people")
    aliases = Aliases(canonical={"Kowalczyk": "Kowalczyk"})
    assert "Kowalczyk" in pages(view(nlp, context, seed, aliases=aliases), "people")


# ---------------------------------------------------------------- one kind per entity

def test_kind_is_voted_across_the_corpus():
    strong = {"kind": "organizations", "n": 1, "body": True, "tags": ["suffix"]}
    weak = {"kind": "people", "n": 1, "body": True, "tags": []}
    articles = [Extraction(organizations=["Halden Motors"],
                           evidence={"Halden Motors": strong}) for _ in range(2)]
    articles.append(Extraction(people=["Halden Motors"],
                               evidence={"Halden Motors": weak}))
    canon = build_canon(articles, Aliases())
    moved = canon.regroup(articles[2])
    assert moved.organizations == ["Halden Motors"] and moved.people == []
    assert canon.paged("organizations", "Halden Motors")


def test_alias_kind_beats_the_vote(tmp_path):
    path = tmp_path / "aliases.yml"
    path.write_text("canonical:\n  Halden Motors:\n    variants: [Halden]\n"
                    "    kind: person\n    sort_as: Motors, Halden\n", encoding="utf-8")
    aliases = load_aliases(path)
    assert aliases.problems == [] and aliases.kinds == {"Halden Motors": "people"}
    strong = {"kind": "organizations", "n": 1, "body": True, "tags": ["suffix"]}
    articles = [Extraction(organizations=["Halden Motors"],
                           evidence={"Halden Motors": strong}) for _ in range(3)]
    canon = build_canon(articles, aliases)
    assert canon.regroup(articles[0]).people == ["Halden Motors"]
    assert aliases.sort_as["Halden Motors"] == "Motors, Halden"


def test_short_name_of_a_company_is_the_company():
    org = {"kind": "organizations", "n": 1, "body": True, "tags": ["suffix"]}
    person = {"kind": "people", "n": 1, "body": True, "tags": ["said"]}
    articles = [Extraction(organizations=["Crandall Pike Inc"],
                           evidence={"Crandall Pike Inc": org}),
                Extraction(people=["Crandall Pike"], evidence={"Crandall Pike": person})]
    canon = build_canon(articles, Aliases())
    assert canon.regroup(articles[1]).organizations == ["Crandall Pike"]


# ---------------------------------------------------------------- coreference

def record(kind="people", tags=("given",), gender="", titles=()):
    return {"kind": kind, "n": 1, "body": True, "tags": list(tags), "gender": gender,
            "titles": list(titles)}


def test_title_links_a_surname_to_the_full_name():
    full = Extraction(people=["Harold Voss"],
                      evidence={"Harold Voss": record(gender="m", titles=("president",))})
    short = Extraction(people=["Voss"], evidence={"Voss": record(tags=("title",),
                                                                 titles=("president",))})
    canon = build_canon([full, short], Aliases())
    assert canon.regroup(short).people == ["Harold Voss"]
    assert canon.name("people", "Voss") == "Harold Voss"


def test_pronoun_gender_decides_between_two_full_names():
    tony = Extraction(people=["Anton Marsh", "Celia Marsh"],
                      evidence={"Anton Marsh": record(gender="m"),
                                "Celia Marsh": record(gender="f")})
    his = Extraction(people=["Marsh"], evidence={"Marsh": record(tags=("said",), gender="m")})
    hers = Extraction(people=["Marsh"], evidence={"Marsh": record(tags=("title",), gender="f",
                                                                  titles=("mrs",))})
    nothing = Extraction(people=["Marsh"], evidence={"Marsh": record(tags=("said",))})
    canon = build_canon([tony, his, hers, nothing], Aliases())
    assert canon.regroup(his).people == ["Anton Marsh"]
    assert canon.regroup(hers).people == ["Celia Marsh"]
    assert canon.regroup(nothing).people == ["Marsh"]  # ambiguous: left unlinked
    assert canon.name("people", "Marsh") == "Marsh"


def test_frequency_dominance_links_a_short_form():
    big = [Extraction(people=["Ronan Teague"], evidence={"Ronan Teague": record()})
           for _ in range(6)]
    small = Extraction(people=["Ilse Teague"], evidence={"Ilse Teague": record()})
    short = Extraction(people=["Teague"], evidence={"Teague": record(tags=("said",))})
    canon = build_canon(big + [small, short], Aliases())
    assert canon.regroup(short).people == ["Ronan Teague"]
    even = build_canon(big[:1] + [small, short], Aliases())
    assert even.regroup(short).people == ["Teague"]


def test_article_evidence_decides_between_two_names_it_writes(nlp):
    seed = seed_of("Couple at the gala",
                   "Anton Marsh and Celia Marsh arrived together at the gala in London.",
                   "Mrs Marsh said the evening raised money for the hospital.")
    found = extract_entities(nlp(seed.text), seed, Aliases())
    assert "Marsh" not in found.people
    assert found.mentions.get("Mrs Marsh") == "Celia Marsh"
    assert found.roles == {}  # "the gala" is not next to a name: no role


def test_president_surname_links_across_articles(nlp, context):
    one = seed_of("Veto", "Ronald Reagan vetoed the bill on Friday.", name="a")
    two = seed_of("Veto holds", "President Reagan said he would not sign the bill.", name="b")
    result = view(nlp, context, one, two)
    assert result.articles[1].people == ["Ronald Reagan"]
    assert "Reagan" not in pages(result, "people")
    entry = result.corpus.entries["people"]["Ronald Reagan"]
    assert len(entry.articles) == 2


# ---------------------------------------------------------------- roles

def test_roles_come_from_body_sentences_only(nlp):
    seed = seed_of("Finance Minister Petra Lind quits",
                   "Petra Lind, a senior adviser at the Hollis Foundation, spoke on Wednesday.",
                   "On Wednesday Mr Dorran Quist himself declined to comment.")
    found = extract_entities(nlp(seed.text), seed, Aliases())
    assert found.roles.get("Petra Lind") == ["senior adviser at the Hollis Foundation"]
    assert "Finance Minister" not in found.roles.get("Petra Lind", [])
    assert not any("Wednesday" in r or r == "himself" for roles in found.roles.values()
                   for r in roles)


def test_role_summary_counts_distinct_roles(nlp, context):
    one = seed_of("Grain", "Prices will rise, said Maria Keller, an economist at the Kiel "
                  "Institute.", name="a")
    two = seed_of("Grain again", "Prices rose, said Maria Keller, an economist at the Kiel "
                  "Institute.", name="b")
    result = view(nlp, context, one, two)
    summary = result.corpus.entries["people"]["Maria Keller"].role_summary()
    assert [(r.role, r.count) for r in summary] == [("economist at the Kiel Institute", 2)]


# ---------------------------------------------------------------- the command line

def test_digest_extract_prints_pages(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("Dock strike\n\nThe strike will end soon, Kowalczyk said on "
                                 "Monday in Mombasa.\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "digest.cli", "extract", str(seeds),
                           "--curation", str(tmp_path / "none")], cwd=tmp_path,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    row = json.loads(done.stdout.strip().splitlines()[0])
    assert "Kowalczyk" in row["people"]  # the article's metadata
    assert row["pages"]["people"] == []  # weak evidence, one article: no page
    assert row["pages"]["places"] == ["Mombasa"]


def test_pronoun_is_evidence_only_for_a_name_that_stands_as_someone(nlp, context):
    seed = seed_of("Late arrival", "Kowalczyk arrived late at the hearing. He apologised to "
                   "the judge.", "The Kowalczyk plan failed, and he knew it.")
    extraction = analyse(seed, nlp, context)
    record = extraction.evidence["Kowalczyk"]
    assert "pronoun" in record["tags"] and record["gender"] == "m"
    modifier = seed_of("Plan", "The Kowalczyk plan failed on Monday, and he knew it.")
    found = analyse(modifier, nlp, context)
    assert "pronoun" not in found.evidence.get("Kowalczyk", {"tags": []})["tags"]


def test_feature_head_word_is_evidence_of_a_place(nlp, context):
    seed = seed_of("Drought", "The level of Lake Zarvonik fell again, and farmers near Lake "
                   "Zarvonik asked for help.")
    extraction = analyse(seed, nlp, context)
    assert "Lake Zarvonik" in extraction.places
    assert "feature" in extraction.evidence["Lake Zarvonik"]["tags"]
    assert "Lake Zarvonik" in pages(view(nlp, context, seed), "places")


def test_threshold_is_a_setting(tmp_path):
    from digest.inputs.settings import load_settings

    (tmp_path / "docs").mkdir()
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: T\nsite_url: https://x.org/\nplugins:\n  - digest\n",
                      encoding="utf-8")
    assert load_settings(tmp_path).entity_min_articles == 2
    config.write_text("site_name: T\nsite_url: https://x.org/\nplugins:\n  - digest:\n"
                      "      entity_min_articles: 3\n", encoding="utf-8")
    assert load_settings(tmp_path).entity_min_articles == 3


def test_alias_sort_key_reaches_the_entry(nlp, context, tmp_path):
    path = tmp_path / "aliases.yml"
    path.write_text("canonical:\n  Ursula von der Leyen:\n    variants: [von der Leyen]\n"
                    "    kind: person\n    sort_as: Leyen, Ursula von der\n", encoding="utf-8")
    aliases = load_aliases(path)
    seed = seed_of("Brussels talks", "Ursula von der Leyen said on Monday that talks would "
                   "go on.")
    result = view(nlp, context, seed, aliases=aliases)
    entry = result.corpus.entries["people"]["Ursula von der Leyen"]
    assert entry.sort_as == "Leyen, Ursula von der"


def test_a_company_traded_as_shares_is_not_a_person(nlp):
    seed = seed_of("Oil shares", "The Royal Dutch/Shell Group said on Monday that profits "
                   "rose, and Royal Dutch shares gained.")
    found = extract_entities(nlp(seed.text), seed, Aliases())
    assert "Royal Dutch" in found.organizations and "Royal Dutch" not in found.people
