"""Safe with files from strangers: a pull request of seeds, sidecars and curator files can't
make the build read, write or run anything it shouldn't (issue 15). Each case is tried as an
attacker would, in a copy of the project, with the real build."""
from __future__ import annotations

import hashlib
import json
import os
import pickle
import resource
import shutil
import sqlite3
import subprocess
import zlib
from pathlib import Path

import frontmatter
import pytest

from conftest import BIN, copy_project, mkdocs_build

from digest.build import build
from digest.inputs.settings import load_settings
from digest.output import BuildStopped

GOOD = "A good headline\n\nJohn Smith spoke in Paris on Monday about the new budget plan.\n"
SAMPLE_KEY = "000_e435a547fc507eb7"
SAMPLE_SLUG = "ahead-of-china-visit-putin-says-he-is-ready-to-negotiate-on-ukraine-war"


def messages(problems) -> str:
    return "\n".join(str(p) for p in problems)


def project_with(tmp_path: Path, seeds: dict[str, str], sample: bool = False) -> Path:
    project = copy_project(tmp_path / "project", seeds=sample)
    for name, text in seeds.items():
        path = project / "seeds" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return project


def digest(project: Path, *args: str, timeout: int = 120) -> subprocess.CompletedProcess:
    """The `digest` command, with memory capped so that a runaway read fails instead of
    taking the machine down."""
    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    return subprocess.run([str(BIN / "digest"), *args], cwd=project, capture_output=True,
                          text=True, timeout=timeout, preexec_fn=limits)


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()}


# -- no code from data ---------------------------------------------------------------------

class Planted:
    """A pickle that, when loaded, creates a file: proof that code ran."""

    def __init__(self, proof: Path) -> None:
        self.proof = proof

    def __reduce__(self):
        return (Path.write_text, (self.proof, "code ran"))


def test_a_planted_pickle_in_the_render_cache_runs_no_code(tmp_path):
    project = copy_project(tmp_path / "project")
    mkdocs_build(project)
    proof = tmp_path / "PWNED"
    blob = zlib.compress(pickle.dumps(Planted(proof)))
    databases = sorted((project / ".digest-cache" / "render").glob("*.sqlite"))
    assert databases
    for db_path in databases:
        with sqlite3.connect(db_path) as db:
            tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master "
                                               "WHERE type='table'")]
            for table in tables:
                columns = [r[1] for r in db.execute(f"PRAGMA table_info({table})")]
                if "value" in columns:  # every stored entry replaced by the payload
                    db.execute(f"UPDATE {table} SET value = ?", (blob,))
        # The old layout's table too, as an attacker would force-add it.
        with sqlite3.connect(db_path) as db:
            db.execute("CREATE TABLE IF NOT EXISTS pages (key TEXT PRIMARY KEY, value BLOB)")
            db.execute("INSERT OR REPLACE INTO pages VALUES ('x', ?)", (blob,))
    site = tree(project / "site")
    shutil.rmtree(project / "site")
    mkdocs_build(project)
    assert not proof.exists()
    assert tree(project / "site") == site  # the wrong entries were detected and rebuilt


def test_render_cache_entries_are_data_and_a_wrong_one_is_rendered_again(tmp_path):
    from digest.incremental.rendercache import RenderCache, Rendered

    cache = RenderCache(tmp_path / "render")
    page = Rendered(meta={"title": "T", "date": __import__("datetime").date(2024, 5, 1)},
                    content="<p>x</p>", toc=[], title="T", anchors=["a"],
                    search=("T", ["x"]))
    cache.put("k", page)
    cache.put("md", {"news/a.md": "A\n"})
    cache.put("text", "plain page\n")
    cache.commit(prune=False)
    cache.close()
    again = RenderCache(tmp_path / "render")
    assert again.get("k") == page
    assert again.get("md") == {"news/a.md": "A\n"} and again.get("text") == "plain page\n"
    again.close()
    for db_path in (tmp_path / "render").glob("*.sqlite"):
        with sqlite3.connect(db_path) as db:
            tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master "
                                               "WHERE type='table'")]
            for table in tables:
                if "value" in [r[1] for r in db.execute(f"PRAGMA table_info({table})")]:
                    for (value,) in db.execute(f"SELECT value FROM {table}"):
                        json.loads(zlib.decompress(value))  # data, not a pickle
                    db.execute(f"UPDATE {table} SET value = ?", (b'{"kind": "rendered"}',))
    planted = RenderCache(tmp_path / "render")
    assert planted.get("k") is None and planted.get("md") is None


# -- every write inside the folder digest owns --------------------------------------------

def test_ledger_entries_with_dot_dot_write_nothing_outside_docs_news(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "overrides").mkdir(exist_ok=True)
    (project / "overrides" / "main.html").write_text('{% extends "base.html" %}\n',
                                                     encoding="utf-8")  # the curator's own
    main_html = (project / "overrides" / "main.html").read_bytes()
    (project / "published-urls.json").write_text(json.dumps(
        {SAMPLE_KEY: ["../../../overrides/main", "../../../../../../outside/PWNED",
                      "/etc/evil", "ok-old-address", SAMPLE_SLUG]}), encoding="utf-8")
    before = {p for p in tmp_path.rglob("*") if "docs/news" not in p.as_posix()}
    result = digest(project, "build")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert (project / "overrides" / "main.html").read_bytes() == main_html
    assert not list(tmp_path.rglob("PWNED*")) and not Path("/etc/evil.html").exists()
    assert "../../../overrides/main" in result.stderr and "not a plain slug" in result.stderr
    created = {p for p in tmp_path.rglob("*") if "docs/news" not in p.as_posix()} - before
    for path in created:  # outside docs/news/, only the ledger and the cache are new
        rel = path.relative_to(project).as_posix()
        assert rel == "published-urls.json" or rel.split("/")[0] == ".digest-cache", rel
    # The plain old address still redirects; the bad entries are gone from the ledger.
    redirect = project / "docs" / "news" / "articles" / "ok-old-address.html"
    assert f"url={SAMPLE_SLUG}.html" in redirect.read_text(encoding="utf-8")
    ledger = json.loads((project / "published-urls.json").read_text(encoding="utf-8"))
    assert ledger[SAMPLE_KEY] == ["ok-old-address", SAMPLE_SLUG]


def test_sync_refuses_any_path_outside_its_folder(tmp_path):
    from digest.output import OutsideFolder, sync

    docs = tmp_path / "docs"
    for rel in ("news/../../x.md", "../x.md", "/tmp/x.md", "news/../index.md", "other/x.md"):
        with pytest.raises(OutsideFolder):
            sync(docs / "news", {"news/fine.md": "A\n", rel: "B\n"}, docs)
    assert not (tmp_path / "x.md").exists() and not (docs / "index.md").exists()
    # A link planted inside the folder cannot carry a write out of it either.
    sync(docs / "news", {"news/fine.md": "A\n"}, docs)
    (tmp_path / "elsewhere").mkdir()
    (docs / "news" / "articles").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(OutsideFolder):
        sync(docs / "news", {"news/articles/a.md": "A\n"}, docs)
    assert not list((tmp_path / "elsewhere").iterdir())


def test_a_hand_written_file_in_the_output_folder_is_reported_and_left_alone(tmp_path):
    project = project_with(tmp_path, {"a.txt": GOOD})
    build(load_settings(project))
    mine = project / "docs" / "news" / "my-notes.md"
    mine.write_text("# Mine\n", encoding="utf-8")
    (project / "docs" / "news" / "articles" / "extra.md").write_text("x\n", encoding="utf-8")
    result = build(load_settings(project))
    assert mine.read_text(encoding="utf-8") == "# Mine\n"
    assert (project / "docs" / "news" / "articles" / "extra.md").exists()
    assert "news/my-notes.md" not in result.report.removed
    text = messages(result.problems)
    assert f"{mine}: not written by digest" in text
    assert "articles/extra.md: not written by digest" in text
    # What digest wrote itself still goes when its seed does.
    (project / "seeds" / "a.txt").unlink()
    gone = build(load_settings(project))
    assert "news/articles/a-good-headline.md" in gone.report.removed
    assert mine.exists()


# -- seeds and sidecars: regular files only -------------------------------------------------

def test_links_out_of_the_project_devices_and_fifos_are_reported_and_skipped(tmp_path):
    project = project_with(tmp_path, {"good.txt": GOOD, "inside/story.txt":
                                      "Inside story\n\nAnn Lee met Kofi Mensah in Accra.\n"})
    seeds = project / "seeds"
    (seeds / "passwd.txt").symlink_to("/etc/passwd")
    (seeds / "environ.txt").symlink_to("/proc/self/environ")
    (seeds / "zero.txt").symlink_to("/dev/zero")
    os.mkfifo(seeds / "fifo.txt")
    os.mkfifo(seeds / "fifo2.txt.fifo")
    os.mkfifo(seeds / "pipe.yml")
    (seeds / "side.txt").write_text("Side story\n\nThe side story body.\n", encoding="utf-8")
    (seeds / "side.yml").symlink_to("/etc/hostname")
    (seeds / "linked.txt").symlink_to(seeds / "inside" / "story.txt")  # inside: fine
    (seeds / ".hidden.txt").write_text(GOOD.replace("good", "hidden"), encoding="utf-8")
    for command in (["check"], ["build"]):
        result = digest(project, *command, timeout=90)
        assert "Traceback" not in result.stderr, result.stderr
        for name in ("passwd.txt", "environ.txt", "zero.txt", "fifo.txt", "pipe.yml",
                     "side.yml"):
            assert f"{seeds / name}: " in result.stderr, (command, name, result.stderr)
        assert f"{seeds / 'passwd.txt'}: a link to outside the project folder" in result.stderr
        assert f"{seeds / 'fifo.txt'}: not a regular file" in result.stderr
        assert f"{seeds / '.hidden.txt'}: hidden file skipped" in result.stderr
        assert "root:" not in result.stderr
    pages = "".join(p.read_text(encoding="utf-8", errors="replace")
                    for p in (project / "docs" / "news").rglob("*.md"))
    assert "root:x:0" not in pages and "/bin/" not in pages
    articles = {p.name for p in (project / "docs" / "news" / "articles").iterdir()}
    assert {"a-good-headline.md", "inside-story.md", "side-story.md"} <= articles


def test_curator_files_that_link_out_or_are_fifos_are_reported_and_not_read(tmp_path):
    project = project_with(tmp_path, {"good.txt": GOOD})
    curation = project / "curation"
    (curation / "aliases.yml").unlink()
    (curation / "aliases.yml").symlink_to("/etc/passwd")
    (curation / "topics.yml").unlink()
    os.mkfifo(curation / "topics.yml")
    for command in ("check", "build"):
        result = digest(project, command, timeout=90)
        assert "Traceback" not in result.stderr, result.stderr
        assert f"{curation / 'aliases.yml'}: a link to outside the project folder" \
            in result.stderr
        assert f"{curation / 'topics.yml'}: not a regular file (a FIFO" in result.stderr
        assert "root:" not in result.stderr
    assert (project / "docs" / "news" / "articles" / "a-good-headline.md").exists()


def test_the_seeds_folder_itself_may_be_a_link_and_its_files_are_judged_inside_it(tmp_path):
    elsewhere = tmp_path / "elsewhere" / "seeds"
    elsewhere.mkdir(parents=True)
    (elsewhere / "a.txt").write_text(GOOD, encoding="utf-8")
    (elsewhere / "b.txt").symlink_to(elsewhere / "a.txt")  # inside the resolved folder
    (elsewhere / "c.txt").symlink_to("/etc/passwd")
    project = copy_project(tmp_path / "project", seeds=False)
    (project / "seeds").rmdir()
    (project / "seeds").symlink_to(elsewhere)
    result = build(load_settings(project))
    text = messages(result.problems)
    assert "c.txt: a link to outside the project folder" in text
    assert [a.title for a in result.corpus.articles] == ["A good headline"]


def test_a_seed_too_large_is_refused_before_it_is_read(tmp_path):
    from digest.inputs import files

    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:
        handle.truncate(files.SEED_LIMIT + 1)  # sparse: no disk used
    data, problems = files.read_bounded(big, [tmp_path], files.SEED_LIMIT)
    assert data is None and "too large" in messages(problems)


# -- escaping for the place a string goes ---------------------------------------------------

ATTACK = "\"'><img src=x onerror=alert(1)></title><script>alert(2)</script>"
ORDINARY = "O'Brien & \"JJ\" <Smith>"
FIELDS = {  # field -> (sidecar YAML, a page to open under site/news/)
    "author": f"author: {json.dumps(ATTACK)}\n",
    "title": f"title: {json.dumps(ATTACK)}\n",
    "summary": f"summary: {json.dumps(ATTACK)}\n",
    "source": f"source: {json.dumps(ATTACK)}\n",
    "url": "url: \"javascript:alert(1)//\\\"><script>alert(3)</script>\"\n",
    "caption": f"caption: {json.dumps(ATTACK)}\ncredit: {json.dumps(ATTACK)}\n",
    "roles": f"people: [John Smith]\nroles: {{John Smith: {json.dumps(ATTACK)}}}\n",
    "quotes": f"quotes: [{{text: {json.dumps(ATTACK)}, speaker: {json.dumps(ATTACK)}}}]\n",
    "people": f"people: [{json.dumps(ATTACK)}]\n",
    "keyphrases": f"keyphrases: [{json.dumps(ATTACK)}]\n",
}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("hostile")
    seeds = {}
    for field, sidecar in FIELDS.items():
        seeds[f"{field}.txt"] = (f"Story about {field}\n\nJohn Smith said in Paris on Monday that "
                                 f"the {field} plan was ready.\n")
        day = len(field) % 9 + 1
        seeds[f"{field}.yml"] = sidecar + f"slug: story-{field}\ndate: 2024-05-0{day}\n"
    seeds["ordinary.txt"] = "Ordinary story\n\nJohn Smith spoke in Paris.\n"
    seeds["ordinary.yml"] = (f"author: {json.dumps(ORDINARY)}\nsource: {json.dumps(ORDINARY)}\n"
                             f"summary: {json.dumps(ORDINARY)}\nslug: story-ordinary\n")
    project = project_with(tmp, seeds)
    (project / "curation" / "editions.yml").write_text(
        f"editions:\n  - title: {json.dumps(ATTACK)}\n    date: 2024-05-31\n"
        f"    slug: hostile-edition\n    from: 2024-05-01\n    to: 2024-05-31\n",
        encoding="utf-8")
    mkdocs_build(project, check=False)
    assert (project / "site" / "news" / "articles" / "story-author.html").exists()
    return project


def assert_no_dialog(browser, page_path: Path) -> None:
    from conftest import WatchedPage

    watched = WatchedPage(browser)
    dialogs: list[str] = []
    watched.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    watched.page.goto(page_path.as_uri())
    watched.page.wait_for_load_state("load")
    watched.page.wait_for_timeout(300)  # onerror handlers of broken images run late
    injected = watched.page.evaluate(
        # a JSON-LD block is data, never run (test_pages checks `</script>` cannot end it)
        "() => [...document.querySelectorAll('img[src=x], script:not([type=\"application/ld+json\"])')]"
        ".filter(e => (e.getAttribute('src') || '') === 'x' || /alert/.test(e.textContent))"
        ".length")
    watched.context.close()
    assert dialogs == [], f"{page_path.name} ran injected script: {dialogs}"
    assert injected == 0, f"{page_path.name} holds injected elements"


@pytest.mark.browser
@pytest.mark.parametrize("field", sorted(FIELDS))
def test_each_curator_field_renders_safely_in_chromium(hostile_site, browser, field):
    assert_no_dialog(browser, hostile_site / "site" / "news" / "articles" / f"story-{field}.html")


@pytest.mark.browser
def test_hostile_names_on_listing_edition_and_home_pages_run_nothing(hostile_site, browser):
    site = hostile_site / "site"
    news = site / "news"
    for page in (site / "index.html", news / "editions" / "curated" / "hostile-edition.html",
                 news / "people" / "index.html", news / "timeline" / "index.html",
                 news / "undated.html"):
        assert page.exists(), page
        assert_no_dialog(browser, page)


@pytest.mark.browser
def test_an_ordinary_name_with_quotes_and_brackets_keeps_its_tags_whole(hostile_site, browser):
    from conftest import WatchedPage

    watched = WatchedPage(browser)
    page_path = hostile_site / "site" / "news" / "articles" / "story-ordinary.html"
    watched.page.goto(page_path.as_uri())
    author = watched.page.get_attribute('meta[name="author"]', "content")
    names = watched.page.evaluate("() => [...document.head.querySelectorAll('meta')]"
                                  ".map(m => m.getAttribute('name')).filter(Boolean)")
    watched.context.close()
    assert author == ORDINARY
    assert "viewport" in names  # the tags after the author's are still there


def test_escaping_gives_each_theme_variable_its_place():
    from digest.plugin.escaping import theme_meta

    meta = {"author": ATTACK, "description": ORDINARY, "summary": ATTACK,
            "url": "javascript:alert(1)", "source": ORDINARY, "roles": {"A": ATTACK},
            "quotes": [{"text": ATTACK, "speaker": ATTACK}], "title": "Already &amp; escaped",
            "date": None, "word_count": 3}
    safe = theme_meta(meta)
    assert safe["author"] == ("&quot;&#x27;&gt;&lt;img src=x onerror=alert(1)&gt;"
                              "&lt;/title&gt;&lt;script&gt;alert(2)&lt;/script&gt;")
    # pages.py writes descriptions escaped already (as titles): kept as given
    assert safe["description"] == ORDINARY
    assert "url" not in safe  # not http(s): dropped, not escaped into a link
    assert safe["roles"] == {"A": safe["author"]}
    assert safe["quotes"] == [{"text": safe["author"], "speaker": safe["author"]}]
    assert safe["title"] == "Already &amp; escaped"  # pages.py gives titles escaped already
    assert safe["word_count"] == 3
    assert meta["author"] == ATTACK  # a copy: the cached page's own meta is not touched


# -- dates at the edges ---------------------------------------------------------------------

EDGE_TEXT = ("Edge story {n}\n\nAnn Lee said in Paris yesterday that the plan made two days "
             "ago, last Monday and a century ago would go ahead next year, tomorrow and "
             "next Friday, as it did in March.\n")


@pytest.mark.parametrize("date", ["9999-12-31", "0001-01-01", "0001-01-07", "9999-12-25"])
def test_dates_at_the_edges_build_or_are_refused_with_a_message(tmp_path, date):
    project = project_with(tmp_path, {"edge.txt": EDGE_TEXT.format(n=1),
                                      "edge.yml": f"date: {date}\n", "good.txt": GOOD})
    result = digest(project, "build", timeout=180)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    post = frontmatter.load(project / "docs" / "news" / "articles" / "edge-story-1.md")
    assert str(post["date"]) == date
    for mention in post.get("dates", []):
        assert 1 <= int(str(mention["date"])[:4]) <= 9999 and "-" not in str(mention["date"])[:1]


def test_a_caption_or_credit_that_is_not_text_is_reported_not_a_type_error(tmp_path):
    project = project_with(tmp_path, {
        "list.md": "---\ntitle: Captioned\ncaption: [a, b]\ncredit: {a: 1}\n---\n\nBody.\n",
        "good.txt": GOOD})
    result = build(load_settings(project))
    text = messages(result.problems)
    assert "list.md:3" in text and "`caption`" in text and "`credit`" in text
    assert "Captioned" in [a.title for a in result.corpus.articles]
    check = digest(project, "check")
    assert "list.md:3" in check.stderr and "`caption`" in check.stderr
    assert "Traceback" not in check.stderr


# -- the ledger: append-only and safe -------------------------------------------------------

def test_an_unreadable_ledger_stops_the_build_and_is_never_overwritten(tmp_path):
    project = project_with(tmp_path, {"a.txt": GOOD})
    conflicted = ('{\n<<<<<<< HEAD\n "a": ["a-good-headline"]\n=======\n "a": ["old"]\n'
                  '>>>>>>> branch\n}\n')
    ledger = project / "published-urls.json"
    ledger.write_text(conflicted, encoding="utf-8")
    with pytest.raises(BuildStopped) as stopped:
        build(load_settings(project))
    assert "published-urls.json" in str(stopped.value) and "merge" in str(stopped.value)
    assert ledger.read_text(encoding="utf-8") == conflicted
    result = digest(project, "build")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "published-urls.json" in result.stderr
    assert ledger.read_text(encoding="utf-8") == conflicted
    plugin = mkdocs_build(project, check=False)
    assert plugin.returncode != 0 and "Traceback" not in plugin.stderr
    assert "published-urls.json" in plugin.stderr
    assert ledger.read_text(encoding="utf-8") == conflicted


def test_a_draft_keeps_its_ledger_entry_and_its_old_address_redirects_when_published(tmp_path):
    project = project_with(tmp_path, {"a.txt": "Mayor resigns in Lyon\n\nThe mayor left.\n"})
    build(load_settings(project))
    (project / "seeds" / "a.yml").write_text("draft: true\n", encoding="utf-8")
    build(load_settings(project))
    ledger = json.loads((project / "published-urls.json").read_text(encoding="utf-8"))
    assert ledger["a"] == ["mayor-resigns-in-lyon"]
    (project / "seeds" / "a.yml").unlink()
    (project / "seeds" / "a.txt").write_text("Mayor resigns in Lyons\n\nThe mayor left.\n",
                                             encoding="utf-8")
    build(load_settings(project))
    old = project / "docs" / "news" / "articles" / "mayor-resigns-in-lyon.html"
    assert "url=mayor-resigns-in-lyons.html" in old.read_text(encoding="utf-8")


def test_ledger_keys_are_seed_paths_and_file_name_keys_carry_over(tmp_path):
    project = project_with(tmp_path, {"a/story.txt": "First story\n\nAnn Lee in Rome.\n",
                                      "b/story.txt": "Second story\n\nKofi Mensah in Accra.\n"})
    (project / "published-urls.json").write_text(json.dumps({"story": ["first-old"]}),
                                                 encoding="utf-8")
    build(load_settings(project))
    ledger = json.loads((project / "published-urls.json").read_text(encoding="utf-8"))
    assert ledger["a/story"][-1] == "first-story" and ledger["b/story"][-1] == "second-story"
    assert "first-old" in ledger["a/story"]
    redirect = project / "docs" / "news" / "articles" / "first-old.html"
    assert redirect.exists()
    # Gone seeds keep their entries: append-only.
    shutil.rmtree(project / "seeds" / "b")
    build(load_settings(project))
    ledger = json.loads((project / "published-urls.json").read_text(encoding="utf-8"))
    assert ledger["b/story"][-1] == "second-story"


def test_the_ledger_is_written_atomically(tmp_path):
    from digest.corpus.ledger import save_ledger

    path = tmp_path / "published-urls.json"
    path.write_text("{}\n", encoding="utf-8")
    inode = path.stat().st_ino
    assert save_ledger(path, {"a": ["x"]})
    assert path.stat().st_ino != inode  # a new file renamed over the old: never half-written
    assert json.loads(path.read_text(encoding="utf-8")) == {"a": ["x"]}
    assert not list(tmp_path.glob("*.tmp"))


# -- folders: the cache is digest's alone, nothing overlaps ---------------------------------

def configure(project: Path, options: str) -> None:
    """The digest plugin's options in the project's mkdocs.yml, set as `options` says."""
    import re

    path = project / "mkdocs.yml"
    text = path.read_text(encoding="utf-8")
    lines = [line.strip() for line in options.strip().splitlines()]
    for line in lines:
        text = re.sub(rf"^      {re.escape(line.split(':')[0])}:.*\n", "", text, flags=re.M)
    assert "  - digest:\n" in text
    text = text.replace("  - digest:\n", "  - digest:\n" + "".join(f"      {line}\n"
                                                                for line in lines))
    path.write_text(text, encoding="utf-8")


def settings_with(project: Path, options: str):
    configure(project, options)
    return load_settings(project)


def test_cache_pointed_at_a_curator_folder_is_refused_and_the_folder_kept(tmp_path):
    project = project_with(tmp_path, {"a.txt": GOOD})
    keep = project / "curation" / "search" / "notes.md"
    keep.parent.mkdir()
    keep.write_text("mine\n", encoding="utf-8")
    before = tree(project / "curation")
    with pytest.raises(BuildStopped) as stopped:
        build(settings_with(project, "cache: curation\n"))
    assert "cache" in str(stopped.value)
    result = digest(project, "build")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "`cache`" in result.stderr
    plugin = mkdocs_build(project, check=False)
    assert plugin.returncode != 0 and "Traceback" not in plugin.stderr
    assert tree(project / "curation") == before


def test_a_cache_folder_holding_files_digest_did_not_write_is_refused(tmp_path):
    project = project_with(tmp_path, {"a.txt": GOOD})
    other = project / "notes"
    other.mkdir()
    (other / "todo.txt").write_text("mine\n", encoding="utf-8")
    (other / "search").mkdir()
    (other / "search" / "keep.txt").write_text("mine too\n", encoding="utf-8")
    with pytest.raises(BuildStopped) as stopped:
        build(settings_with(project, "cache: notes\n"))
    assert "todo.txt" in str(stopped.value)
    assert (other / "search" / "keep.txt").read_text(encoding="utf-8") == "mine too\n"
    # A link planted in the cache is not digest's either.
    build(settings_with(project, "cache: .digest-cache\n"))
    (project / ".digest-cache" / "extract" / "zz").symlink_to(tmp_path)
    with pytest.raises(BuildStopped):
        build(load_settings(project))


def test_a_restored_cache_of_digests_own_files_is_adopted(tmp_path):
    first = project_with(tmp_path / "one", {"a.txt": GOOD})
    mkdocs_build(first)
    second = project_with(tmp_path / "two", {"a.txt": GOOD})
    shutil.copytree(first / ".digest-cache", second / ".digest-cache")  # as actions/cache does
    result = mkdocs_build(second)
    assert "0 generated pages rendered" in result.stderr
    assert (second / ".digest-cache" / "render").is_dir()


def test_a_committed_cache_file_is_refused(tmp_path):
    project = project_with(tmp_path, {"a.txt": GOOD})
    build(load_settings(project))
    git = ["git", "-C", str(project), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "init", "-q"], check=True)
    planted = next((project / ".digest-cache" / "extract").rglob("*.json"))
    subprocess.run([*git, "add", "-f", str(planted)], check=True)
    subprocess.run([*git, "commit", "-qm", "planted"], check=True)
    with pytest.raises(BuildStopped) as stopped:
        build(load_settings(project))
    assert "committed" in str(stopped.value) or "git" in str(stopped.value)


@pytest.mark.parametrize("config, expected", [
    ("seeds: docs\n", "`seeds`"),
    ("seeds: docs/news\n", "`seeds`"),
    ("output: ../outside\n", "option 'output'"),  # MkDocs' validation of the option
    ("output: {tmp}/elsewhere\n", "option 'output'"),
    ("output: .\n", "option 'output'"),
    ("cache: docs\n", "`cache`"),
    ("cache: seeds\n", "`cache`"),
    ("cache: .\n", "`cache`"),
    ("seeds: .\n", "`seeds`"),
    ("curation: docs/news\n", "`curation`"),
])
def test_overlapping_folders_are_refused_with_a_message(tmp_path, config, expected):
    project = project_with(tmp_path, {"a.txt": GOOD})
    configure(project, config.format(tmp=tmp_path))
    result = digest(project, "build")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert expected in result.stderr
    assert not (project / "docs" / "news").exists()
    assert not (tmp_path / "outside").exists() and not (tmp_path / "elsewhere").exists()
    check = digest(project, "check")
    assert check.returncode == 1 and expected in check.stderr


def test_an_output_folder_that_links_out_of_docs_is_refused(tmp_path):
    project = project_with(tmp_path, {"a.txt": GOOD})
    (tmp_path / "outside").mkdir()
    (project / "docs" / "news").symlink_to(tmp_path / "outside")
    for command in ([str(BIN / "digest"), "build"], [str(BIN / "mkdocs"), "build"]):
        result = subprocess.run(command, cwd=project, capture_output=True, text=True,
                                timeout=300)
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        assert "`output` must be a folder inside docs_dir" in result.stderr
    assert not list((tmp_path / "outside").iterdir())


def test_folder_problems_is_a_pure_function_of_the_settings(tmp_path):
    from digest.inputs.folders import folder_problems

    fine = load_settings(copy_project(tmp_path / "p", seeds=False))
    assert folder_problems(fine) == []
    fine.seeds = fine.docs
    assert "`seeds`" in messages(folder_problems(fine))


# -- fuzzing: whatever strangers send, check and build end with messages ---------------------

def fuzz_strategies():
    import datetime as dt

    from hypothesis import strategies as st

    text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30)
    odd = st.sampled_from(["9999-12-31", "0001-01-01", "2024-02-30", "yesterday", "",
                           "../../../etc/passwd", "\"><script>alert(1)</script>", "&amp;",
                           "javascript:alert(1)", "a/b", "~", "null", "- x", "*x", "&x",
                           "\u202e\u0000\ufeff"])
    scalars = st.one_of(st.none(), st.booleans(), st.integers(-2**70, 2**70),
                        st.floats(), text, odd,
                        st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)),
                        st.datetimes(dt.datetime(1, 1, 2), dt.datetime(9999, 12, 30)),
                        st.integers(0, 20_000).map(lambda n: "word " * n))  # sizes
    values = st.recursive(scalars, lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.one_of(text, odd), inner, max_size=4)),
        max_leaves=10)
    keys = st.sampled_from(["title", "slug", "source", "url", "author", "summary", "credit",
                            "caption", "date", "draft", "quotes", "roles", "people",
                            "organizations", "places", "topics", "exclude", "keyphrases",
                            "image", "imported", "colour"])
    # The same object under two keys: the YAML dumper writes an anchor and an alias.
    shared = values.map(lambda v: {"people": v, "exclude": v, "quotes": [v, v]})
    meta = st.one_of(st.dictionaries(keys, values, max_size=7), shared,
                     st.tuples(st.dictionaries(keys, values, max_size=4), shared)
                     .map(lambda pair: {**pair[0], **pair[1]}))

    def as_yaml(data) -> str:
        import yaml

        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)

    raw = st.text(st.sampled_from(list("ab :-[]{}&*!|>'\"#%@`,?\n\t\\é")), max_size=80)
    document = st.one_of(meta.map(as_yaml), raw, values.map(as_yaml))
    aliases = st.one_of(raw, st.fixed_dictionaries({
        "canonical": st.dictionaries(text, st.one_of(
            st.lists(text, max_size=3), st.fixed_dictionaries(
                {}, optional={"variants": values, "kind": st.one_of(
                    st.sampled_from(["person", "organization", "place"]), values),
                    "sort_as": values}), values), max_size=3),
        "ignore": values}).map(as_yaml))
    topics = st.one_of(raw, st.fixed_dictionaries({"topics": st.one_of(st.lists(
        st.dictionaries(st.sampled_from(["label", "parent", "description", "keywords",
                                         "entities", "threshold", "x"]), values, max_size=5),
        max_size=3), values)}).map(as_yaml))
    editions = st.one_of(raw, st.fixed_dictionaries({"editions": st.one_of(st.lists(
        st.dictionaries(st.sampled_from(["title", "date", "intro", "articles", "from", "to",
                                         "slug", "x"]), values, max_size=6), max_size=3),
        values)}).map(as_yaml))
    return st.fixed_dictionaries({"sidecar": document, "front": document,
                                  "aliases": aliases, "topics": topics, "editions": editions})


def outside_snapshot(tmp: Path, project: Path) -> dict[str, str]:
    """Every file under `tmp` but those digest may write: docs/news/, the cache, the ledger."""
    mine = (project / "docs" / "news", project / ".digest-cache")
    return {k: v for k, v in tree(tmp).items()
            if not any((tmp / k).is_relative_to(m) for m in mine)
            and tmp / k != project / "published-urls.json"}


def test_fuzzed_sidecars_front_matter_and_curator_files_never_raise_or_write_outside(
        tmp_path_factory):
    """Random types, sizes, nesting, dates, Unicode and YAML aliases in a sidecar, a front
    matter and the three curator files: `digest check` and `digest build` (in process, one
    spaCy load) end with messages naming files, and write nothing outside their folders."""
    import signal

    from hypothesis import HealthCheck, given, settings

    from digest.inputs.check import check_project

    tmp = tmp_path_factory.mktemp("fuzz")
    project = copy_project(tmp / "project", seeds=False)
    (tmp / "neighbour.txt").write_text("not digest's\n", encoding="utf-8")

    def hang(signum, frame):
        raise TimeoutError("a fuzzed input hung the build")

    # Bounded by count and derandomized, so CI is stable; DIGEST_FUZZ_EXAMPLES=400
    # DIGEST_FUZZ_RANDOM=1 explores further by hand.
    @settings(max_examples=int(os.environ.get("DIGEST_FUZZ_EXAMPLES", 60)),
              derandomize=os.environ.get("DIGEST_FUZZ_RANDOM") is None, deadline=None,
              database=None, suppress_health_check=list(HealthCheck))
    @given(fuzz_strategies())
    def run(files):
        seeds, curation = project / "seeds", project / "curation"
        for folder in (seeds, curation):
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
        (seeds / "a.txt").write_text("Ann Lee visits Accra\n\nAnn Lee said in Accra on "
                                     "Monday that the port would open.\n", encoding="utf-8")
        (seeds / "a.yml").write_text(files["sidecar"], encoding="utf-8")
        (seeds / "b.md").write_text(f"---\n{files['front']}---\n\n# Fallback title\n\nBody "
                                    "of the Markdown seed.\n", encoding="utf-8")
        for name in ("aliases", "topics", "editions"):
            (curation / f"{name}.yml").write_text(files[name], encoding="utf-8")
        before = outside_snapshot(tmp, project)
        config = load_settings(project)
        problems = check_project(config)
        assert all(p.path and p.message for p in problems)
        result = build(config)
        assert result.report is not None
        assert all(p.path and p.message for p in result.problems)
        assert outside_snapshot(tmp, project) == before
        for path in (project / "docs" / "news").rglob("*"):
            assert path.resolve().is_relative_to((project / "docs" / "news").resolve())

    previous = signal.signal(signal.SIGALRM, hang)
    signal.alarm(600)  # a guard against hangs only: the examples are bounded by count
    try:
        run()
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
