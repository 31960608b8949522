"""The real `mkdocs build --strict` on temporary copies of the project: what the pages say,
what they link to, and that seed text never becomes markup."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import frontmatter
import pytest

from conftest import copy_project, mkdocs_build, read_page

pytestmark = pytest.mark.slow
ARTICLE = "news/articles/ahead-of-china-visit-putin-says-he-is-ready-to-negotiate-on-ukraine-war"


def html(project: Path, page: str) -> str:
    return read_page(project / "site" / page)


def test_article_front_matter(built_site):
    post = frontmatter.load(built_site / "docs" / f"{ARTICLE}.md")
    assert post["date"] == dt.date(2024, 5, 16)  # a YAML date, not a string
    assert post["date_source"] == "curator" and post["source"] == "VOA"
    assert post["credit"] == "AFP"
    assert post["caption"].startswith("Russian President Vladimir Putin attends")
    assert post["people"] == ["Vladimir Putin", "Xi Jinping", "Lyle Morris", "William Pomeranz",
                              "Edward Lucas"]
    assert {"Moscow", "Beijing", "Kharkiv"} <= set(post["places"])
    assert post["summary"].startswith("Russian President Vladimir Putin said in an interview")
    assert post["word_count"] > 400 and post["reading_time"] >= 2
    for key in ("organizations", "topics", "url", "title"):
        assert key in post.metadata or key == "url"


def test_article_page_links_people_places_topics(built_site):
    page = html(built_site, f"{ARTICLE}.html")
    assert 'href="../people/william-pomeranz.html"' in page
    assert 'href="../places/kharkiv.html"' in page
    assert re.search(r'href="\.\./topics/[a-z-]+\.html"', page)
    assert "[AFP]" in page  # the credit shows with the caption, as text


def test_entity_pages_and_indexes(built_site):
    person = html(built_site, "news/people/william-pomeranz.html")
    assert "Ahead of China visit" in person
    for kind in ("people", "organizations", "places", "topics"):
        index = html(built_site, f"news/{kind}/index.html")
        assert "<li>" in index
    assert "William Pomeranz" in html(built_site, "news/people/index.html")
    assert "Kharkiv" in html(built_site, "news/places/index.html")


def test_home_page_lists_newest_with_date_summary_and_chips(built_site):
    home = html(built_site, "index.html")
    assert '<time datetime="2024-05-16">16 May 2024</time>' in home
    assert "Ahead of China visit, Putin says he is ready to negotiate" in home
    assert "Russian President Vladimir Putin said in an interview" in home
    assert 'class="digest-chip"' in home


def test_nothing_is_requested_from_another_host(built_site):
    site = built_site / "site"
    pattern = re.compile(r'<(?:script|img|iframe|source)[^>]+src="(https?:)?//|'
                         r'<link[^>]+href="(https?:)?//[^"]+"[^>]*rel="(?:stylesheet|preload|'
                         r'preconnect)"|<link[^>]+rel="(?:stylesheet|preload|preconnect)"[^>]+'
                         r'href="(https?:)?//|@import url\((https?:)?//')
    for path in list(site.rglob("*.html")) + list(site.rglob("*.css")):
        text = read_page(path) if path.suffix == ".html" else path.read_text(encoding="utf-8")
        assert not pattern.search(text), f"{path} loads from another host"
        assert "fonts.googleapis" not in text and "unpkg.com" not in text, path
    assert "assets/digest/iframe-worker.js" in html(built_site, "index.html")


EDGE_SEEDS = {
    "hostile.txt": (
        "Breaking <script>alert(1)</script> *news* # today\n\n"
        "1. Not a list <img src=x onerror=alert(2)> [x](javascript:alert(3)) {{ config }} "
        "{% raw %} <!-- hidden -->\n\n"
        "---\n\n"
        "# Not a heading, and [AFP] mid-text stays.\n\n"
        "| not | a | table |\n"),
    "clash-a.txt": "Same headline twice\n\nThe first article, by Ann Lee in Paris.\n",
    "clash-b.txt": "Same headline twice\n\nThe second article, by Bob Stone in Rome.\n",
    "draft.txt": "A draft story\n\nNot ready yet.\n",
    "undated.txt": "A story with no date\n\nNothing here says when it happened.\n",
    "curated.txt": "Curated story\n\nJohn Smith met Mary Jones in London on Monday.\n",
}
EDGE_SIDECARS = {
    "clash-a.yml": "date: 2024-01-01\n",
    "clash-b.yml": "date: 2024-02-01\n",
    "draft.yml": "draft: true\ndate: 2024-03-01\n",
    "curated.yml": "date: 2024-04-01\npeople: [Jane Curator]\nexclude: [London]\n",
}


@pytest.fixture(scope="module")
def edge_site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("edge"), seeds=False)
    for name, text in {**EDGE_SEEDS, **EDGE_SIDECARS}.items():
        (project / "seeds" / name).write_text(text, encoding="utf-8")
    mkdocs_build(project)
    return project


def test_seed_text_renders_as_written_never_as_markup(edge_site):
    page = html(edge_site, "news/articles/breaking-script-alert-1-script-news-today.html")
    assert "<script>alert" not in page and "<img src=x" not in page
    assert 'href="javascript:' not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "1. Not a list &lt;img src=x onerror=alert(2)&gt; [x](javascript:alert(3)) "\
           "{{ config }} {% raw %} &lt;!-- hidden --&gt;" in page
    assert "<p>---</p>" in page and "<hr" not in page.split('class="md-content"')[1]
    assert "<p># Not a heading, and [AFP] mid-text stays.</p>" in page
    assert "<p>| not | a | table |</p>" in page
    assert "*news*" in page  # the title's asterisks are text, not emphasis


def test_clashing_headlines_get_two_stable_urls(edge_site):
    articles = edge_site / "site" / "news" / "articles"
    assert (articles / "same-headline-twice.html").exists()  # the earlier one
    assert (articles / "same-headline-twice-clash-b.html").exists()
    assert "The second article" in (articles / "same-headline-twice-clash-b.html").read_text()


def test_drafts_are_left_out_of_builds(edge_site):
    assert not (edge_site / "site" / "news" / "articles" / "a-draft-story.html").exists()


def test_undated_article_builds_and_is_listed_under_undated(edge_site):
    post = frontmatter.load(edge_site / "docs" / "news" / "articles" / "a-story-with-no-date.md")
    assert "date" not in post.metadata
    assert "A story with no date" in html(edge_site, "news/undated.html")


def test_curator_lists_replace_and_exclude_removes(edge_site):
    post = frontmatter.load(edge_site / "docs" / "news" / "articles" / "curated-story.md")
    assert post["people"] == ["Jane Curator"]
    assert "London" not in post.get("places", [])
    assert (edge_site / "site" / "news" / "people" / "jane-curator.html").exists()


def test_same_input_same_output(edge_site, tmp_path):
    again = copy_project(tmp_path / "again", seeds=False)
    for name, text in reversed(list({**EDGE_SEEDS, **EDGE_SIDECARS}.items())):
        (again / "seeds" / name).write_text(text, encoding="utf-8")
    mkdocs_build(again)
    first = {p.relative_to(edge_site / "docs"): p.read_bytes()
             for p in (edge_site / "docs" / "news").rglob("*") if p.is_file()}
    second = {p.relative_to(again / "docs"): p.read_bytes()
              for p in (again / "docs" / "news").rglob("*") if p.is_file()}
    assert first == second


def test_topic_pages_show_code_nesting_and_what_recurs(built_site):
    iptc = html(built_site, "news/topics/conflict-war-and-peace.html")
    assert "medtop:16000000" in iptc
    assert 'href="russia-ukraine-war.html"' in iptc  # the curator topic nested under it
    assert "Appears with" in iptc and 'href="../people/william-pomeranz.html"' in iptc
    assert "Conflict, war and peace</h1>" in iptc  # the IPTC label in sentence case
    beat = html(built_site, "news/topics/russia-ukraine-war.html")
    assert "Part of" in beat and 'href="conflict-war-and-peace.html"' in beat
    index = html(built_site, "news/topics/by-count.html")
    assert 'Politics</a> <span class="digest-count">1</span>' in index


def test_person_page_answers_who_what_and_where(built_site):
    page = html(built_site, "news/people/william-pomeranz.html")
    assert "<h1" in page and "William Pomeranz</h1>" in page
    assert "director of the Wilson Center’s Kennan Institute" in page  # role, with its article
    assert "will be trying to make sure that China supports Russia" in page  # the quote
    assert '<time datetime="2024-05-16">16 May 2024</time>' in page
    assert page.count('href="../articles/ahead-of-china-visit-putin-says-he-is-ready-to-'
                      'negotiate-on-ukraine-war.html"') >= 2
    assert "Appears with" in page and 'href="vladimir-putin.html"' in page
    lucas = html(built_site, "news/people/edward-lucas.html")
    assert "No. 1 issue is help on Ukraine" in lucas and "nuclear ladder" in lucas
    by_count = html(built_site, "news/people/by-count.html")
    assert 'William Pomeranz</a> <span class="digest-count">1</span>' in by_count


def test_article_quotes_are_block_quotes_with_the_speaker_linked(built_site):
    page = html(built_site, f"{ARTICLE}.html")
    quotes = page.split("<h2 id=\"quotes\">")[1].split("<h2")[0]
    assert quotes.count("<blockquote>") == 11
    assert "I think Putin knows that. So, his hand is getting weaker." in quotes
    assert '<a href="../people/lyle-morris.html">Lyle Morris</a>' in quotes
    assert '<a href="../organizations/kremlin.html">Kremlin</a>' in quotes


def test_curator_corrects_a_quote_and_a_role_everywhere(tmp_path):
    project = copy_project(tmp_path / "fix", seeds=False)
    (project / "seeds" / "a.txt").write_text(
        "Council backs harbour plan\n\n"
        "“We will build it this year,” said John Smith, the harbour master.\n\n"
        "Mary Jones, the council leader, agreed with the plan on Monday.\n", encoding="utf-8")
    (project / "seeds" / "a.yml").write_text(
        "date: 2024-06-03\nquotes:\n  - text: We will build it this year\n"
        "    speaker: Mary Jones\nroles:\n  Mary Jones: mayor of the city\n", encoding="utf-8")
    mkdocs_build(project)
    post = frontmatter.load(project / "docs/news/articles/council-backs-harbour-plan.md")
    assert post["quotes"] == [{"text": "We will build it this year", "speaker": "Mary Jones"}]
    assert post["roles"]["Mary Jones"] == ["mayor of the city"]
    mary = html(project, "news/people/mary-jones.html")
    assert "We will build it this year" in mary and "mayor of the city" in mary
    assert "council leader" not in mary
    john = html(project, "news/people/john-smith.html")
    assert 'id="quotes"' not in john  # the quote is Mary's now (the lede still mentions it)
    import json
    import subprocess

    from conftest import BIN

    out = subprocess.run([str(BIN / "digest"), "extract", "seeds"], cwd=project,
                         capture_output=True, text=True, check=True).stdout
    row = json.loads(out)
    assert row["quotes"] == [{"text": "We will build it this year", "speaker": "Mary Jones",
                              "fragment": False, "sentence": "", "named": True}]
