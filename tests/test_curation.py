"""Curation always wins and says so: each case is a mistake as a curator would make it (in a
sidecar, front matter, aliases.yml, topics.yml or editions.yml), checked for its message
(file, line, column, text) and for the build going on with that value ignored; then
replace/add/exclude, topic thresholds, `.md` seeds' plain text, quote corrections, the YAML
loader's limits, `digest check --strict/--format` and `digest review`."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import frontmatter
import pytest
import yaml

from conftest import BIN, copy_project, mkdocs_build

from digest.corpus.curate import Options, build_article
from digest.corpus.editions import load_editions
from digest.corpus.names import Canon
from digest.extract import analyse, load_context
from digest.extract import topics as topic_mod
from digest.extract.entities import Aliases
from digest.inputs import schema, yamlfile
from digest.inputs.seeds import read_seed
from digest.model import Extraction, Quote

STORY = ("Harbour council approves new ferry line\n\n"
         "Maria Lopez, the harbour council's chair, said on Tuesday in Valletta that the new "
         "ferry line would open in spring.\n\nThe council voted seven to two for the plan.\n")
# Nine levels of nine aliases: 9**9 "lol"s once expanded, in under 500 bytes.
BOMB = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{level}: &{level} [{','.join([f'*{below}'] * 9)}]\n"
    for below, level in zip("abcdefgh", "bcdefghi"))


def run_digest(project: Path, *args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "digest"), *args], cwd=project, capture_output=True,
                          text=True, timeout=timeout)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def seed_with(tmp_path: Path, sidecar: str, name: str = "story"):
    write(tmp_path / f"{name}.txt", STORY)
    write(tmp_path / f"{name}.yml", sidecar)
    return read_seed(tmp_path / f"{name}.txt")


def text(problems) -> str:
    return "\n".join(str(p) for p in problems)


# -- one schema, with positions ---------------------------------------------------------------

def test_an_impossible_date_in_a_sidecar_is_a_message_at_its_line_and_the_rest_is_kept(tmp_path):
    seed, problems = seed_with(tmp_path, "source: Harbour Times\ndate: 2024-02-30\n")
    assert f"{tmp_path / 'story.yml'}:2:7: `date`: 2024-02-30 has no day 30: February 2024 " \
           "has 29 days; expected a date YYYY-MM-DD" in text(problems)
    assert seed.meta == {"source": "Harbour Times"}  # the date alone is ignored
    assert problems[0].severity == "error" and problems[0].key == "date"


def test_a_near_miss_key_is_named_with_the_key_it_meant(tmp_path):
    seed, problems = seed_with(tmp_path, "title: Ferry line approved\nauther: Jo Grech\n")
    assert f"{tmp_path / 'story.yml'}:2:1: `auther:` is not a key in sidecar; did you mean " \
           "`author:`?" in text(problems)
    assert seed.title == "Ferry line approved" and "auther" not in seed.meta


def test_wrong_types_say_what_is_expected_and_keep_the_good_items(tmp_path):
    seed, problems = seed_with(tmp_path, "people: Maria Lopez\nplaces: [Valletta, [Gozo]]\n"
                                         "draft: maybe\nquotes:\n  - speaker: Maria Lopez\n")
    found = text(problems)
    assert ":1:9: `people`: got 'Maria Lopez'; expected a list of names, e.g. " \
           "`people: [Ann Lee, Bo Chen]`" in found
    assert ":2:20: `places.1`: got a list of 1; expected a name" in found
    assert ":3:8: `draft`: got 'maybe'; expected true or false" in found
    assert ":5:5: `quotes.0.text` is missing" in found
    assert seed.meta == {"places": ["Valletta"], "quotes": []}  # the good values


def test_front_matter_positions_count_the_opening_dashes(tmp_path):
    path = write(tmp_path / "note.md", "---\ntitle: Ferry note\ndate: 2024-13-01\n"
                                       "caption: [a, b]\n---\n\nBody text here.\n")
    seed, problems = read_seed(path)
    found = text(problems)
    assert f"{path}:3:7: `date`: 2024-13-01 has no month 13" in found
    assert f"{path}:4:10: `caption`: got a list of 2; expected" in found
    assert seed is not None and seed.caption is None and "date" not in seed.meta


def test_imported_block_is_accepted_and_checked(tmp_path):
    seed, problems = seed_with(tmp_path, (
        "title: Ferry line approved\nimage: https://example.org/ferry.jpg\nimported:\n"
        "  source: https://example.org/feed.xml\n  at: 2024-05-16T10:00:00Z\n"
        "  values: {title: Ferry line, date: 2024-05-16, url: https://example.org/a,\n"
        "           image: https://example.org/ferry.jpg, colour: red}\n"))
    assert text(problems).count("is not a key") == 1
    assert ":7:50: `colour:` is not a key" in text(problems)
    assert seed.meta["imported"]["values"]["date"] == "2024-05-16"
    assert seed.meta["image"] == "https://example.org/ferry.jpg"


def test_editions_file_reports_each_bad_edition_at_its_line_and_keeps_the_others(tmp_path):
    path = write(tmp_path / "editions.yml", (
        "editions:\n"
        "  - title: Bad month\n    date: 2024-13-01\n    articles: [story]\n"
        "  - title: Good\n    date: 2024-05-17\n    articles: [story]\n"
        "  - title: Backwards\n    date: 2024-05-17\n    from: 2024-06-01\n    to: 2024-05-01\n"
        "  - title: Typo\n    date: 2024-05-18\n    articels: [story]\n    from: 2024-05-01\n"))
    specs, problems = load_editions(path)
    found = text(problems)
    assert f"{path}:3:11: `editions.0.date`: 2024-13-01 has no month 13" in found
    assert f"{path}:8:5: edition 'Backwards' (`editions.2`) `from` (2024-06-01) is after `to` " \
           "(2024-05-01)" in found
    assert f"{path}:14:5: `articels:` is not a key; did you mean `articles:`?" in found
    assert [s.title for s in specs] == ["Good", "Typo"]


def test_both_alias_shapes_are_valid_and_a_bad_kind_is_named(tmp_path):
    good = yamlfile.loads("canonical:\n  Kremlin: [the Kremlin]\n"
                          "  Ursula von der Leyen: {variants: [Leyen], kind: person,\n"
                          "                         sort_as: 'Leyen, Ursula von der'}\n"
                          "ignore: [Getty Images]\n", "aliases.yml")
    assert schema.validate(good, "aliases").problems == []
    bad = yamlfile.loads("canonical:\n  Ursula von der Leyen: {variants: [Leyen], kind: persn}\n"
                         "ignroe: [x]\n", "aliases.yml")
    found = text(schema.validate(bad, "aliases").problems)
    assert "aliases.yml:2:51: `canonical.Ursula von der Leyen.kind`: got 'persn'; expected " \
           "person, organization or place" in found
    assert "aliases.yml:3:1: `ignroe:` is not a key in aliases; did you mean `ignore:`?" in found


def test_topics_file_problems_have_lines(tmp_path):
    path = write(tmp_path / "topics.yml", "topics:\n  - label: Ferries\n    keywords: ferry\n"
                                          "    threshold: -1\n  - lable: Ports\n")
    taxonomy = topic_mod.load_taxonomy(path)
    found = text(taxonomy.issues)
    assert f"{path}:4:16: `topics.0.threshold`: got -1; expected a number above 0" in found
    assert f"{path}:5:5: `lable:` is not a key; did you mean `label:`?" in found
    assert [t.label for t in taxonomy.curator] == ["Ferries"]


# -- YAML safety ------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["sidecar", "aliases.yml", "topics.yml", "editions.yml"])
def test_an_alias_bomb_is_refused_naming_file_and_line(tmp_path, name):
    assert len(BOMB.encode()) < 500
    if name == "sidecar":
        seed, problems = seed_with(tmp_path, BOMB.replace("i: &i", "date: &i"))
        assert seed is not None and seed.meta == {}
        where = tmp_path / "story.yml"
    else:
        where = write(tmp_path / name, BOMB)
        problems = yamlfile.load(where).problems
    assert f"{where}:3:29: more than 16 aliases (`*b`) of lists or mappings: refused" \
        in text(problems)


def test_recursive_alias_and_deep_nesting_and_size_are_refused(tmp_path):
    assert "a value that contains itself" in text(yamlfile.loads("a: &x [*x]\n", "r.yml").problems)
    deep = yamlfile.loads("a: " + "[" * 100 + "]" * 100 + "\n", "d.yml")
    assert "nested more than 60 deep: refused" in text(deep.problems)
    big = write(tmp_path / "big.yml", "title: x\n" + "# padding\n" * 120_000)
    assert "larger than the 1,000,000 a curator file may have; refused" in \
        text(yamlfile.load(big).problems)
    assert "could not determine a constructor" in \
        text(yamlfile.loads("a: !!python/object/apply:os.system [id]\n", "p.yml").problems)


def test_a_few_harmless_aliases_still_work():
    doc = yamlfile.loads("a: &who [Maria Lopez]\npeople: *who\nadd_people: *who\n", "s.yml")
    assert doc.ok and doc.data["people"] == ["Maria Lopez"]


# -- replace, add, exclude ------------------------------------------------------------------------

EXTRACTED = Extraction(people=["Maria Lopez", "Leyen"], organizations=["Harbour Council"],
                       places=["Valletta", "Leyen"],
                       topics=["economy, business and finance", "politics", "sport"],
                       topic_scores={"economy, business and finance": 0.6, "politics": 0.3,
                                     "sport": 0.065},
                       quotes=[Quote("the new line will open in spring, weather permiting",
                                     "Harbour Council")])


def curated(tmp_path, sidecar: str, canon=None, options=None):
    seed, problems = seed_with(tmp_path, sidecar)
    assert [p for p in problems if p.severity == "error"] == []
    return build_article(seed, EXTRACTED, canon, [], options or Options())


@pytest.mark.parametrize("field", ["people", "organizations", "places"])
def test_a_name_list_replaces_and_add_adds(tmp_path, field):
    replaced = curated(tmp_path, f"{field}: [Joe Borg]\n")
    assert getattr(replaced, field) == ["Joe Borg"]
    added = curated(tmp_path, f"add_{field}: [Joe Borg]\n")
    assert getattr(added, field) == getattr(EXTRACTED, field) + ["Joe Borg"]


def test_topics_replace_add_and_exclude(tmp_path):
    assert curated(tmp_path, 'topics: ["Economy, business and finance"]\n').topics == \
        ["economy, business and finance"]  # replaced, and spelled as IPTC does
    added = curated(tmp_path, "add_topics: [medtop:17000000]\n")
    assert added.topics == ["economy, business and finance", "politics", "weather"]
    assert added.topic_scores["weather"] == 1.0
    assert curated(tmp_path, "exclude: [politics]\n").topics == ["economy, business and finance"]


def test_exclude_matches_names_as_extracted_and_as_aliased(tmp_path):
    aliases = Aliases(canonical={"Leyen": "Ursula von der Leyen",
                                 "Ursula von der Leyen": "Ursula von der Leyen"})
    canon = Canon(aliases)
    plain = curated(tmp_path, "source: x\n", canon)
    assert plain.places == ["Valletta", "Ursula von der Leyen"]
    by_variant = curated(tmp_path, "exclude: [Leyen]\n", canon)
    assert "Ursula von der Leyen" not in by_variant.places + by_variant.people
    by_name = curated(tmp_path, "exclude: [ursula von der leyen, Valletta]\n", canon)
    assert by_name.places == [] and by_name.people == ["Maria Lopez"]


def test_min_score_drops_weak_topics_but_never_the_top_one(tmp_path):
    kept = curated(tmp_path, "source: x\n")
    assert kept.topics == ["economy, business and finance", "politics"]  # sport at 0.065 gone
    assert "sport" not in kept.topic_scores
    strict = curated(tmp_path, "source: x\n", options=Options(min_score=0.5))
    assert strict.topics == ["economy, business and finance"]
    relative = topic_mod.min_score_filter(["a-topic"], {}, 0.9, 0.9)
    assert relative == ["a-topic"]  # not an IPTC label: a curator topic, kept
    assert topic_mod.min_score_filter(["sport", "politics"], {"sport": 0.05, "politics": 0.04},
                                      0.1, 0.25) == ["sport"]  # the top topic stays


def test_a_quote_correction_replaces_text_and_speaker(tmp_path):
    article = curated(tmp_path, "quotes:\n  - text: The new line will open in spring, "
                                "weather permitting.\n    speaker: Maria Lopez\n")
    assert [(q.text, q.speaker) for q in article.quotes] == [
        ("The new line will open in spring, weather permitting.", "Maria Lopez")]
    added = curated(tmp_path, "quotes:\n  - {text: Seven to two., speaker: Joe Borg}\n")
    assert [q.text for q in added.quotes] == [EXTRACTED.quotes[0].text, "Seven to two."]


# -- .md seeds ----------------------------------------------------------------------------------

def test_md_seed_is_extracted_from_its_rendered_text(tmp_path, nlp):
    path = write(tmp_path / "visit.md", (
        "---\ntitle: Leaders meet on the harbour\n---\n\n## The talks\n\n"
        "Ukrainian President **Volodymyr Zelenskyy** met [Maria Lopez](https://example.org/lopez) "
        "in *Valletta* "
        "on Tuesday to discuss ferries &amp; ports.\n\n"
        "> The talks went well, she said.\n\n```\nnot prose = 1\n```\n"))
    seed, problems = read_seed(path)
    assert problems == []
    assert seed.paragraphs[0] == ("Ukrainian President Volodymyr Zelenskyy met Maria Lopez in "
                                  "Valletta on Tuesday to discuss ferries & ports.")
    assert "not prose" not in seed.text
    assert "**Volodymyr Zelenskyy**" in seed.body  # the page keeps the curator's Markdown
    extraction = analyse(seed, nlp, load_context(None, None))
    assert "Volodymyr Zelenskyy" in extraction.people
    assert extraction.summary.startswith("Ukrainian President Volodymyr Zelenskyy met Maria")
    assert "*" not in extraction.summary and "[" not in extraction.summary


# -- whole projects: check, strict, formats, review ------------------------------------------

@pytest.fixture(scope="module")
def mistakes(tmp_path_factory) -> Path:
    """A project with a curator's typical mistakes, and one article to build."""
    project = copy_project(tmp_path_factory.mktemp("mistakes"), seeds=False)
    write(project / "seeds" / "ferry.txt", STORY)
    write(project / "seeds" / "ferry.yml", "date: 2024-02-30\nauther: Jo Grech\n"
                                           "topics: [economy, business and finance]\n"
                                           "add_topics: [shipping news]\n")
    write(project / "seeds" / "2024-05-15-visit.md",
          "---\ntitle: Leaders meet on the harbour\n---\n\nUkrainian President **Volodymyr "
          "Zelenskyy** met *Maria Lopez* in Valletta on Tuesday.\n")
    write(project / "curation" / "editions.yml",
          "editions:\n  - title: Harbour week\n    date: 2024-05-17\n"
          "    articles: [ferry, ferri-line]\n  - title: Bad\n    date: 2024-13-01\n"
          "    from: 2024-01-01\n")
    return project


def test_check_reports_every_mistake_with_file_line_and_text(mistakes):
    result = run_digest(mistakes, "check")
    assert result.returncode == 1  # the impossible dates are errors
    for expected in (
            "ferry.yml:1:7: `date`: 2024-02-30 has no day 30",
            "ferry.yml:2:1: `auther:` is not a key in sidecar; did you mean `author:`?",
            "ferry.yml:3:10: `topics`: [economy, business and finance] is one IPTC topic split "
            "at its comma into 2 unknown topics; write topics: [\"economy, business and "
            "finance\"]",
            "ferry.yml:4:14: `add_topics`: 'shipping news' is neither an IPTC topic nor a "
            "curator topic (curation/topics.yml); closest:",
            "editions.yml:6:11: `editions.1.date`: 2024-13-01 has no month 13",
            "editions.yml:4:23: edition 'Harbour week': no article 'ferri-line'"):
        assert expected in result.stderr, (expected, result.stderr)
    assert "Traceback" not in result.stderr


def test_check_formats_for_pull_requests(mistakes):
    github = run_digest(mistakes, "check", "--format", "github").stdout.splitlines()
    assert "::error file=seeds/ferry.yml,line=1,col=7::`date`: 2024-02-30 has no day 30: " \
           "February 2024 has 29 days; expected a date YYYY-MM-DD, e.g. `date: 2024-05-16`: " \
           "ignored" in github
    assert any(line.startswith("::warning file=curation/editions.yml,line=4,col=23::edition "
                               "'Harbour week': no article 'ferri-line'") for line in github)
    data = json.loads(run_digest(mistakes, "check", "--format", "json").stdout)
    auther = next(p for p in data["problems"] if p["key"] == "auther")
    assert auther == {"file": "seeds/ferry.yml", "line": 2, "column": 1, "key": "auther",
                      "severity": "warning", "message": auther["message"]}
    assert "did you mean `author:`" in auther["message"]


def test_the_build_goes_on_with_bad_values_ignored(mistakes):
    relaxed = subprocess.run([str(BIN / "mkdocs"), "build"], cwd=mistakes, capture_output=True,
                             text=True, timeout=600)
    assert relaxed.returncode == 0, relaxed.stderr
    assert "Traceback" not in relaxed.stderr
    assert "ferry.yml:1:7: `date`: 2024-02-30 has no day 30" in relaxed.stderr
    post = frontmatter.load(mistakes / "docs/news/articles/harbour-council-approves-new-ferry-"
                                       "line.md")
    assert post.get("date") is None and post.get("date_source") is None  # ignored, not guessed
    assert "shipping news" in post["topics"]  # the curator still wins, with a warning
    feed = (mistakes / "site/news/feeds/articles.rss.xml").read_text(encoding="utf-8")
    assert "Ukrainian President Volodymyr Zelenskyy met Maria Lopez in Valletta" in feed
    home = (mistakes / "site/news/index.html").read_text(encoding="utf-8")  # the front page
    assert "Volodymyr Zelenskyy met Maria Lopez" in home and "**" not in feed + home
    page = (mistakes / "site/news/articles/leaders-meet-on-the-harbour.html").read_text("utf-8")
    assert "<strong>Volodymyr Zelenskyy</strong>" in page  # the page keeps the Markdown
    editions = sorted(p.name for p in (mistakes / "docs/news/editions").rglob("*.md"))
    assert any("harbour-week" in name for name in editions)


def test_check_strict_fails_exactly_when_mkdocs_strict_does(tmp_path):
    project = copy_project(tmp_path / "p", seeds=False)
    write(project / "seeds" / "ferry.txt", STORY)
    write(project / "seeds" / "ferry.yml", "date: 2024-05-16\n")
    write(project / "curation" / "editions.yml", "editions:\n  - title: Harbour week\n"
                                                 "    date: 2024-05-17\n"
                                                 "    articles: [ferry, gone]\n")
    assert run_digest(project, "check").returncode == 0  # a warning only
    check = run_digest(project, "check", "--strict")
    assert check.returncode == 1
    assert "editions.yml:4:23: edition 'Harbour week': no article 'gone'" in check.stderr
    build = mkdocs_build(project, check=False)
    assert build.returncode != 0 and "no article 'gone'" in build.stderr
    write(project / "curation" / "editions.yml", "editions:\n  - title: Harbour week\n"
                                                 "    date: 2024-05-17\n    articles: [ferry]\n")
    assert run_digest(project, "check", "--strict").returncode == 0
    assert mkdocs_build(project, check=False).returncode == 0


def test_review_shows_proposal_changes_and_final_values(tmp_path):
    project = copy_project(tmp_path / "p", seeds=False)
    write(project / "seeds" / "ferry.txt", STORY)
    write(project / "seeds" / "ferry.yml", "source: Harbour Times\nexclude: [Valletta]\n"
                                           "add_people: [Joe Borg]\ntopics: [transport]\n")
    write(project / "curation" / "topics.yml", "topics:\n  - label: Transport\n"
                                               "    keywords: [ferry]\n")
    result = run_digest(project, "review", "seeds/ferry.txt")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "- Valletta   `exclude:`" in out
    assert "+ Joe Borg   `add_people:`" in out
    assert "+ Harbour Times   `source:`" in out
    assert "+ Transport   `topics:`" in out
    assert "Maria Lopez" in out
    data = json.loads(run_digest(project, "review", "ferry", "--format", "json").stdout)
    [review] = data
    assert review["fields"]["places"]["curator"] == {"exclude": ["Valletta"]}
    assert "Valletta" in review["fields"]["places"]["extracted"]
    assert "Valletta" not in review["fields"]["places"]["final"]
    assert review["fields"]["topics"]["final"] == ["Transport"]
    suggestion = run_digest(project, "review", "ferry", "--suggest").stdout
    sidecar = yaml.safe_load(suggestion)
    assert sidecar["people"] == ["Maria Lopez", "Joe Borg"] and sidecar["source"] == "Harbour Times"
    checked = schema.validate(yamlfile.loads(suggestion, "ferry.yml"), "sidecar")
    assert checked.problems == []  # ready to paste
    assert run_digest(project, "review", "nothing-here").returncode == 1


def test_check_and_build_report_the_very_same_problems(mistakes):
    from digest.build import build
    from digest.inputs.check import check_project
    from digest.inputs.settings import load_settings

    settings = load_settings(mistakes)
    checked = sorted(str(p) for p in check_project(settings))
    built = sorted(str(p) for p in build(settings, write=False).problems)
    assert checked == built
    assert any("`auther:` is not a key" in p for p in checked)


def test_alias_bombs_in_curator_files_are_refused_and_the_build_goes_on(tmp_path):
    project = copy_project(tmp_path / "p", seeds=False)
    write(project / "seeds" / "ferry.txt", STORY)
    nested = BOMB.replace("\n", "\n  ").rstrip() + "\n"
    write(project / "curation" / "aliases.yml", "canonical:\n  " + nested
          + "  Maria Lopez: *i\n")
    write(project / "curation" / "topics.yml", "x:\n  " + nested
          + "topics:\n  - label: Ferries\n    keywords: *i\n")
    check = run_digest(project, "check", timeout=120)
    assert check.returncode == 1
    assert "aliases.yml:4:31: more than 16 aliases (`*b`) of lists or mappings: refused" \
        in check.stderr
    assert "topics.yml:4:31: more than 16 aliases (`*b`)" in check.stderr
    build = run_digest(project, "build", timeout=300)
    assert build.returncode == 0, build.stderr
    assert "aliases.yml:4:31: more than 16 aliases" in build.stderr
    assert (project / "docs/news/articles/harbour-council-approves-new-ferry-line.md").exists()


# -- never a traceback ----------------------------------------------------------------------

from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

KEYS = st.sampled_from(sorted({*schema.keys_of(schema.SeedMeta), *schema.keys_of(schema.EditionEntry),
                               *schema.keys_of(schema.TopicSpec), *schema.keys_of(schema.AliasEntry),
                               "canonical", "ignore", "editions", "topics", "values", "auther"}))
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=20), st.dates(), st.sampled_from(["2024-02-30", "2024-13-01",
                                                                      "9" * 5000, "medtop:15000000"]))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.one_of(KEYS, st.text(max_size=8)), inner,
                                                 max_size=4)), max_leaves=20)


@settings(max_examples=300, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(KEYS, VALUES, max_size=6), st.sampled_from(sorted(schema.MODELS)))
def test_the_validator_never_raises_and_places_every_problem(data, kind):
    text = yaml.safe_dump(data, allow_unicode=True)
    checked = schema.validate(yamlfile.loads(text, "fuzz.yml"), kind)
    for problem in checked.problems:
        assert problem.path == "fuzz.yml" and problem.message
        assert problem.line is not None or not data  # every problem has its place
    schema.MODELS[kind].model_validate(checked.data)  # what is kept is valid


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.lists(st.sampled_from(list("ab:-[]{},&*!|>'\"#\n 2024-13")
                                + ["!!python/name:os.system ", "<<: *a\n", "&a ", "\n  - "]),
                max_size=40))
def test_the_loader_never_raises_on_any_text(pieces):
    doc = yamlfile.loads("".join(pieces), "fuzz.yml")
    for kind in schema.MODELS:
        schema.validate(doc, kind)


def test_explicit_tags_yaml_cannot_build_are_messages():
    for source, where in (("source: x\ndraft: !!bool maybe\n", "f.yml:2:8: a value tagged !!bool"),
                          ("date: !!float soon\n", "f.yml:1:7: a value tagged !!float")):
        assert where in text(yamlfile.loads(source, "f.yml").problems)
    assert yamlfile.loads("date: !!timestamp 2024-02-30\n", "f.yml").data == {"date": "2024-02-30"}
