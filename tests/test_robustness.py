"""Bad input never breaks the digest or loses a curator's work: each case gets a clear
message naming the file (and line), and the rest of the build goes on."""
from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import frontmatter
import pytest

from conftest import BIN, ROOT, copy_project, mkdocs_build

from digest.build import build
from digest.inputs.settings import load_settings
from digest.corpus.curate import make_slug
from digest.extract import analyse, load_context
from digest.extract.nlp import load_nlp
from digest.inputs.seeds import read_seed, read_seeds

GOOD = "A good headline\n\nJohn Smith spoke in Paris on Monday about the new budget plan.\n"


def messages(problems) -> str:
    return "\n".join(str(p) for p in problems)


def write(path: Path, data: bytes | str) -> Path:
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# -- empty or unreadable ---------------------------------------------------------------------

@pytest.mark.parametrize("content, expected", [
    (b"", "empty file"),
    (b"  \n\t\n  ", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
])
def test_empty_whitespace_and_binary_files_are_reported(tmp_path, content, expected):
    path = write(tmp_path / "bad.txt", content)
    seed, problems = read_seed(path)
    assert seed is None
    assert f"{path}: {expected}" in messages(problems)


def test_unreadable_file_is_reported_and_others_still_read(tmp_path):
    write(tmp_path / "good.txt", GOOD)
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")  # unreadable even for root
    locked = write(tmp_path / "locked.txt", GOOD.replace("good", "locked"))
    locked.chmod(0)
    result = read_seeds([tmp_path])
    text = messages(result.problems)
    assert f"{tmp_path / 'gone.txt'}: cannot read" in text
    if os.geteuid() != 0:  # root reads anything: the permission case only bites others
        assert f"{locked}: cannot read" in text
    assert "A good headline" in [s.title for s in result.seeds]


# -- encodings ----------------------------------------------------------------------------

def test_cp1252_and_latin1_are_decoded_with_a_warning(tmp_path):
    text = "Caf\u00e9 owners \u201cworried\u201d\n\nThe \u2018smart\u2019 quotes \u2013 and na\u00efve r\u00e9sum\u00e9s.\n"
    path = write(tmp_path / "cp.txt", text.encode("cp1252"))
    seed, problems = read_seed(path)
    assert seed.title == "Caf\u00e9 owners \u201cworried\u201d"
    assert seed.paragraphs == ["The \u2018smart\u2019 quotes \u2013 and na\u00efve r\u00e9sum\u00e9s."]
    assert f"{path}:1: not UTF-8: decoded as Windows-1252" in messages(problems)
    latin = write(tmp_path / "latin.txt", "Se\u00f1or Mu\u00f1oz\n\nGar\u00e7on.\n".encode("latin-1"))
    seed, problems = read_seed(latin)
    assert seed.title == "Se\u00f1or Mu\u00f1oz" and "not UTF-8" in messages(problems)


@pytest.mark.parametrize("raw", [
    "\ufeffHeadline here\n\nFirst paragraph.\n\nSecond one.\n",
    "Headline here\r\n\r\nFirst paragraph.\r\n\r\nSecond one.\r\n",
    "Headline here\r\rFirst paragraph.\r\rSecond one.\r",
    "Headline\there\n\nFirst\u00a0paragraph.\n \t\nSecond one.\n",
])
def test_bom_line_endings_tabs_and_nbsp(tmp_path, raw):
    seed, problems = read_seed(write(tmp_path / "x.txt", raw))
    assert problems == []
    assert seed.title == "Headline here"
    assert seed.paragraphs == ["First paragraph.", "Second one."]


# -- shape -------------------------------------------------------------------------------------

def test_headline_only_and_missing_blank_line(tmp_path):
    seed, problems = read_seed(write(tmp_path / "h.txt", "Just a headline\n"))
    assert seed.title == "Just a headline" and seed.paragraphs == []
    assert "headline only" in messages(problems)
    seed, problems = read_seed(write(tmp_path / "n.txt", "Headline\nBody starts here.\n\nMore.\n"))
    assert seed.title == "Headline"
    assert seed.paragraphs == ["Body starts here.", "More."]
    assert f"{tmp_path / 'n.txt'}:2: no blank line after the headline" in messages(problems)


def test_a_5mb_seed_builds_with_extraction_on_its_first_part_and_the_whole_page(tmp_path):
    paragraph = "Maria Lopez met officials in Madrid to discuss the harbour project. " * 20
    body = "\n\n".join(f"{paragraph} Part {i}." for i in range(4000))  # about 5.5 MB
    project = project_with(tmp_path, {"big.txt": f"A very long report\n\n{body}\n"})
    assert (project / "seeds" / "big.txt").stat().st_size > 5_000_000
    result = mkdocs_build(project, check=False)
    assert result.returncode != 0  # --strict: the truncation is a warning, and it is said
    assert "big.txt: long seed: extraction read the first 200,000 of" in result.stderr
    relaxed = subprocess.run([str(BIN / "mkdocs"), "build"], cwd=project, capture_output=True,
                             text=True, timeout=600, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    assert relaxed.returncode == 0, relaxed.stderr
    post = frontmatter.load(project / "docs/news/articles/a-very-long-report.md")
    assert post["people"] == ["Maria Lopez"] and "Madrid" in post["places"]
    page = (project / "site/news/articles/a-very-long-report.html").read_text(encoding="utf-8")
    assert "Part 0." in page and "Part 3999." in page  # the page keeps the whole text


def test_non_english_seed_gets_a_warning_and_no_guessed_names(tmp_path):
    text = ("Путин заявил о готовности к переговорам\n\nПрезидент России Владимир Путин заявил в "
            "интервью китайским СМИ, что Россия готова к переговорам. Об этом он сказал в среду в "
            "Москве перед поездкой в Пекин, где встретится с председателем Си Цзиньпином и "
            "обсудит сотрудничество двух стран в самых разных областях.\n")
    seed, problems = read_seed(write(tmp_path / "ru.txt", text))
    assert problems == []
    extraction = analyse(seed, load_nlp(), load_context(None, None))
    assert any("does not look like English" in note for note in extraction.notes)
    assert extraction.people == [] and extraction.quotes == []
    assert extraction.summary.startswith("Президент России")


# -- metadata ------------------------------------------------------------------------------

def test_malformed_sidecar_yaml_names_file_and_line(tmp_path):
    write(tmp_path / "m.txt", GOOD)
    write(tmp_path / "m.yml", "source: Wire\npeople: [Ann Lee\ndate: 2024-01-01\n")
    seed, problems = read_seed(tmp_path / "m.txt")
    text = messages(problems)
    assert f"{tmp_path / 'm.yml'}:" in text and "malformed YAML" in text
    assert seed is not None and seed.meta == {}  # the seed still builds, metadata ignored


def test_malformed_front_matter_names_the_file(tmp_path):
    path = write(tmp_path / "f.md", "---\ntitle: [unclosed\n---\n\nBody.\n")
    seed, problems = read_seed(path)
    assert seed is None and f"{path}:" in messages(problems)
    assert "malformed front matter" in messages(problems)


# -- duplicates, clashes, names ---------------------------------------------------------------

def test_slugs_for_diacritics_and_other_scripts_are_readable_and_stable():
    assert make_slug("Recep Tayyip Erdoğan") == "recep-tayyip-erdogan"
    assert make_slug("Volodymyr Zelenskyy") == "volodymyr-zelenskyy"
    assert make_slug("Владимир Путин") == "vladimir-putin"
    assert make_slug("习近平") == make_slug("习近平") != "untitled"
    assert make_slug("习近平").isascii()


def project_with(tmp_path: Path, seeds: dict[str, str]) -> Path:
    project = copy_project(tmp_path / "project", seeds=False)
    for name, text in seeds.items():
        write(project / "seeds" / name, text)
    return project


def test_same_article_twice_is_one_page_with_a_warning(tmp_path):
    project = project_with(tmp_path, {"a.txt": GOOD, "b.txt": GOOD.replace("\n\n", "\n\n  ")})
    result = build(load_settings(project))
    assert [a.name for a in result.corpus.articles] == ["a"]
    assert f"{project / 'seeds' / 'b.txt'}: same article as {project / 'seeds' / 'a.txt'}" \
        in messages(result.problems)


# -- strict builds and checking -------------------------------------------------------------

BAD_SEEDS = {
    "good.txt": GOOD,
    "empty.txt": "",
    "types.txt": "Typed story\n\nBody of the typed story.\n",
    "types.yml": "date: yesterday\npeople: just a string\ncolour: blue\n",
    "broken.txt": "Broken sidecar story\n\nBody text.\n",
    "broken.yml": "source: [oops\n",
    "orphan.yml": "source: Nobody\n",
}


def test_strict_builds_fail_listing_every_problem_and_still_build_the_rest(tmp_path):
    project = project_with(tmp_path, BAD_SEEDS)
    digest = subprocess.run([str(BIN / "digest"), "build", "--strict"], cwd=project,
                            capture_output=True, text=True, timeout=300)
    assert digest.returncode != 0
    for expected in ("empty.txt: empty file", "types.yml:3:1: `colour:` is not a key",
                     "types.yml:1:7: `date`: 'yesterday' is not a date",
                     "types.yml:2:9: `people`: got 'just a string'; expected a list of names",
                     "broken.yml:2:1: malformed YAML", "orphan.yml: sidecar without a seed"):
        assert expected in digest.stderr, expected
    assert (project / "docs/news/articles/a-good-headline.md").exists()
    assert (project / "docs/news/articles/typed-story.md").exists()
    relaxed = subprocess.run([str(BIN / "digest"), "build"], cwd=project, capture_output=True,
                             text=True, timeout=300)
    assert relaxed.returncode == 0
    strict = mkdocs_build(project, check=False)
    assert strict.returncode != 0 and "empty.txt: empty file" in strict.stderr
    assert "orphan.yml: sidecar without a seed" in strict.stderr


def test_check_validates_without_building(tmp_path):
    project = project_with(tmp_path, BAD_SEEDS)
    write(project / "curation" / "editions.yml", "editions:\n  - title: No date\n")
    result = subprocess.run([str(BIN / "digest"), "check"], cwd=project, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 1
    assert "broken.yml:2:1: malformed YAML" in result.stderr
    assert "editions.yml:2:5: `editions.0.date` is missing" in result.stderr
    assert not (project / "docs" / "news").exists()
    clean = project_with(tmp_path / "clean", {"good.txt": GOOD})
    ok = subprocess.run([str(BIN / "digest"), "check"], cwd=clean, capture_output=True,
                        text=True, timeout=120)
    assert ok.returncode == 0, ok.stderr


# -- nothing lost ----------------------------------------------------------------------------

def tree_hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_build_never_touches_hand_written_files_and_removed_seeds_lose_their_pages(tmp_path):
    project = project_with(tmp_path, {"a.txt": GOOD, "b.txt": "Second story\n\nAnn Lee in Rome.\n"})
    hand = {name: tree_hashes(project / name) for name in ("seeds", "curation")}
    docs_before = {k: v for k, v in tree_hashes(project / "docs").items()
                   if not k.startswith("news/")}
    build(load_settings(project))
    assert (project / "docs/news/articles/second-story.md").exists()
    (project / "seeds" / "b.txt").unlink()
    build(load_settings(project))
    assert not (project / "docs/news/articles/second-story.md").exists()
    assert not (project / "docs/news/people/ann-lee.md").exists()
    hand["seeds"].pop("b.txt")
    assert {name: tree_hashes(project / name) for name in ("seeds", "curation")} == hand
    assert {k: v for k, v in tree_hashes(project / "docs").items()
            if not k.startswith("news/")} == docs_before


def test_a_corrected_headline_leaves_a_redirect_at_the_old_address(tmp_path):
    project = project_with(tmp_path, {"a.txt": "Mayor resigns in Lyon\n\nThe mayor left.\n"})
    mkdocs_build(project)
    write(project / "seeds" / "a.txt", "Mayor resigns in Lyons\n\nThe mayor left.\n")
    mkdocs_build(project)
    site = project / "site" / "news" / "articles"
    assert "The mayor left." in (site / "mayor-resigns-in-lyons.html").read_text()
    old = (site / "mayor-resigns-in-lyon.html").read_text()
    assert 'http-equiv="refresh" content="0; url=mayor-resigns-in-lyons.html"' in old
    # A curator's slug pins the address from then on; the earlier ones still redirect.
    write(project / "seeds" / "a.yml", "slug: lyon-mayor\n")
    mkdocs_build(project)
    assert (site / "lyon-mayor.html").exists()
    assert "url=lyon-mayor.html" in (site / "mayor-resigns-in-lyon.html").read_text()
    assert "url=lyon-mayor.html" in (site / "mayor-resigns-in-lyons.html").read_text()


def test_an_interrupted_build_leaves_the_previous_output_and_the_next_build_completes(tmp_path):
    project = project_with(tmp_path, {"a.txt": GOOD})
    build(load_settings(project))
    before = tree_hashes(project / "docs" / "news")
    for i in range(60):
        write(project / "seeds" / f"s{i:02d}.txt",
              f"Story number {i}\n\nOfficial {i} Karen Ito said in Osaka on Friday that "
              f"the port plan {i} would go ahead. " * 3 + "\n")
    env = dict(os.environ, PYTHONHASHSEED="0")
    process = subprocess.Popen([str(BIN / "digest"), "build"], cwd=project, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    time.sleep(4)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    after = {k: v for k, v in tree_hashes(project / "docs" / "news").items()
             if not Path(k).name.startswith(".") or k == ".digest-generated"}
    for name, digest in before.items():  # every earlier page is whole: old or fully new
        if name in after and after[name] != digest:
            frontmatter.load(project / "docs" / "news" / name)
    assert set(before) <= set(after) or after == {}
    build(load_settings(project))
    assert (project / "docs/news/articles/story-number-59.md").exists()
    assert not list((project / "docs" / "news").rglob("*.tmp"))


# -- reproducible --------------------------------------------------------------------------

def test_same_inputs_give_byte_identical_docs_and_site(tmp_path):
    names = sorted(p.name for p in (ROOT / "seeds").iterdir())
    extra = {"z.txt": "Zebra crossing opens\n\nAnn Lee opened it in Leeds on Monday.\n",
             "m.txt": "Market day\n\nTraders in Accra met Kofi Mensah on Tuesday.\n"}
    built = []
    for run, (hashseed, order) in enumerate((("1", names), ("2", list(reversed(names))))):
        project = copy_project(tmp_path / f"p{run}", seeds=False)
        items = list(extra.items()) if run == 0 else list(reversed(extra.items()))
        for name in order:
            write(project / "seeds" / name, (ROOT / "seeds" / name).read_bytes())
        for name, text in items:
            write(project / "seeds" / name, text)
        env = dict(os.environ, PYTHONHASHSEED=hashseed, NO_MKDOCS_2_WARNING="1")
        subprocess.run([str(BIN / "mkdocs"), "build", "--strict"], cwd=project, env=env,
                       check=True, capture_output=True, timeout=600)
        built.append(project)
    first, second = built
    assert tree_hashes(first / "docs") == tree_hashes(second / "docs")
    assert tree_hashes(first / "site") == tree_hashes(second / "site")


def test_a_warm_build_from_the_cache_writes_exactly_what_a_cold_one_did(tmp_path):
    project = copy_project(tmp_path / "project")
    cold = build(load_settings(project))
    assert len(cold.report.written) > 10
    pages = tree_hashes(project / "docs" / "news")
    shutil.rmtree(project / "docs" / "news")
    warm = build(load_settings(project))
    assert tree_hashes(project / "docs" / "news") == pages
    assert warm.report.unchanged == 0 and len(warm.report.written) == len(cold.report.written)


def test_an_incremental_build_writes_what_a_fresh_build_would(tmp_path):
    from digest.build import BuildState

    project = copy_project(tmp_path / "project")
    (project / "seeds" / "b.txt").write_text("Second story\n\nAnn Lee spoke in Rome on Monday.\n",
                                             encoding="utf-8")
    state = BuildState()
    build(load_settings(project), state=state)
    again = build(load_settings(project), state=state)
    assert again.report.written == [] and again.report.removed == []
    (project / "seeds" / "b.txt").write_text("Second story\n\nAnn Lee spoke in Milan on Monday.\n",
                                             encoding="utf-8")
    edited = build(load_settings(project), state=state)
    assert "news/articles/second-story.md" in edited.report.written
    assert "news/places/milan.md" in edited.report.written
    assert "news/places/rome.md" in edited.report.removed
    incremental = tree_hashes(project / "docs" / "news")
    shutil.rmtree(project / "docs" / "news")
    build(load_settings(project))
    assert tree_hashes(project / "docs" / "news") == incremental

    # A new mentioned date (the timeline follows it), then the same bytes under a new file
    # name (the page names the new file): still exactly what a fresh build writes.
    (project / "seeds" / "b.txt").write_text(
        "Second story\n\nAnn Lee spoke in Milan on March 3, 2021.\n", encoding="utf-8")
    dated = build(load_settings(project), state=state)
    assert "news/timeline/2021-03.md" in dated.report.written
    (project / "seeds" / "b.txt").rename(project / "seeds" / "c.txt")
    renamed = build(load_settings(project), state=state)
    assert "news/articles/second-story.md" in renamed.report.written
    assert "seed: c.txt" in (project / "docs" / "news" / "articles" / "second-story.md"
                             ).read_text(encoding="utf-8")
    incremental = tree_hashes(project / "docs" / "news")
    shutil.rmtree(project / "docs" / "news")
    build(load_settings(project))
    assert tree_hashes(project / "docs" / "news") == incremental
