"""Every page the build writes is minified HTML (digest/plugin/minify.py), and still works: a
real Chromium shows the article's headline, its people and the front page's listing, and the
offline search finds a word of the article."""
from __future__ import annotations

import re

import pytest

from conftest import WatchedPage, copy_project, mkdocs_build
from digest.plugin.minify import minify

ARTICLE = "news/articles/ahead-of-china-visit-putin-says-he-is-ready-to-negotiate-on-ukraine-war.html"
# Indented markup as Material's templates write it: a line break and spaces between tags.
INDENTED = re.compile(r">\n\s+<")


def test_minify_keeps_text_and_preformatted_blocks():
    page = ("<!doctype html>\n<html>\n  <head>\n    <title>A  title</title>\n  </head>\n"
            "  <body>\n    <p>Two   words</p>\n    <pre>keep\n    this</pre>\n  </body>\n</html>\n")
    small = minify(page)
    assert len(small) < len(page)
    assert "<pre>keep\n    this</pre>" in small
    assert "<title>A  title</title>" in small and ">Two words</p>" in small
    assert "<html>" in small and "<head>" in small and "</head>" in small
    headline = minify("<html><head><title>Breaking &lt;script&gt;x&lt;/script&gt;</title></head>"
                      "<body><p>&lt;b&gt; &amp; more</p></body></html>")
    assert "<script>" not in headline and "&lt;script>x&lt;/script>" in headline


def test_every_built_page_is_minified(built_site):
    site = built_site / "site"
    pages = sorted(site.rglob("*.html"))
    assert (site / ARTICLE) in pages and (site / "404.html") in pages
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert not INDENTED.search(text), f"{path} is not minified"
        assert minify(text) == text, f"{path} is not minified"
    article = (site / ARTICLE).read_text(encoding="utf-8")
    # What other steps put in the page survives: the feed links and our search worker.
    assert 'rel="alternate feed"' in article and "</head>" in article
    assert "digest-search.js" in article


def test_minified_output_is_the_same_every_build(built_site, tmp_path):
    again = copy_project(tmp_path / "again")
    mkdocs_build(again)
    for name in (ARTICLE, "index.html", "news/index.html", "news/people/william-pomeranz.html"):
        assert (again / "site" / name).read_bytes() == \
            (built_site / "site" / name).read_bytes(), name


@pytest.mark.browser
def test_minified_pages_render_and_search_finds_the_article(built_site, browser):
    watched = WatchedPage(browser)
    page = watched.page
    site = built_site / "site"

    page.goto((site / ARTICLE).as_uri())
    assert "Ahead of China visit" in page.locator("h1").inner_text()
    article = page.locator("article")
    assert "William Pomeranz" in article.inner_text()
    assert article.locator("a", has_text="Vladimir Putin").count() >= 1
    assert page.locator("header .md-search__input").count() == 1  # the theme's header is there

    page.goto((site / "news" / "index.html").as_uri())
    assert page.locator("article a", has_text="Ahead of China visit").count() >= 1

    search = page.locator("input.md-search__input")
    search.wait_for(state="attached")
    search.click()
    search.press_sequentially("Kharkiv", delay=20)  # a word of the article's text
    result = page.locator(".md-search-result__item a").first
    result.wait_for(timeout=20_000)
    assert "ready to negotiate" in page.locator(".md-search-result").inner_text()
    assert watched.errors == [], watched.errors
    watched.context.close()
