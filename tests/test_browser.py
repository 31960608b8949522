"""The curator's first five minutes, in a real headless Chromium: open site/index.html from
disk with no network, search "Pomeranz", open the article, then the person page."""
from __future__ import annotations

import pytest

from conftest import WatchedPage

pytestmark = pytest.mark.browser


def test_offline_search_to_article_to_person(built_site, browser):
    watched = WatchedPage(browser)
    context, page, requests, errors = watched.context, watched.page, watched.requests, watched.errors

    page.goto((built_site / "site" / "index.html").as_uri())
    search = page.locator("input.md-search__input")
    search.wait_for(state="attached")
    search.click()
    search.press_sequentially("Pomeranz", delay=20)  # Material searches on key events
    result = page.locator(".md-search-result__item a").first
    result.wait_for(timeout=20_000)
    assert "Putin says he is ready to negotiate" in page.locator(".md-search-result").inner_text()

    page.locator(".md-search-result__item a", has_text="ready to negotiate").first.click()
    page.wait_for_load_state()
    assert "/news/articles/ahead-of-china-visit" in page.url
    assert "Ahead of China visit" in page.locator("h1").inner_text()
    assert "William Pomeranz, director of the Wilson Center" in page.locator("article").inner_text()

    page.locator("article a", has_text="William Pomeranz").first.click()
    page.wait_for_load_state()
    assert "/news/people/william-pomeranz.html" in page.url
    assert page.locator("h1").inner_text() == "William Pomeranz"
    assert "Ahead of China visit" in page.locator("article").inner_text()

    off_disk = [url for url in requests if not url.startswith(("file://", "data:", "blob:"))]
    assert off_disk == [], f"requests left file://: {off_disk}"
    assert errors == [], errors
    context.close()


HOSTILE = ("Hostile <script>window.__pwned = 1; alert(1)</script> headline\n\n"
           "Body <img src=x onerror=\"window.__pwned = 2; alert(2)\"> and "
           "[click](javascript:window.__pwned=3) and <svg onload=\"window.__pwned=4\"></svg> "
           "and {{ config.site_name }} and <iframe src=\"javascript:alert(5)\"></iframe>.\n\n"
           "<script>window.__pwned = 6</script>\n\n"
           "This is the part of the story that a reader would see, and it is written in plain "
           "English so that the text is read as an English article by the build.\n")


def test_no_script_from_article_text_runs(tmp_path, browser):
    from conftest import copy_project, mkdocs_build

    project = copy_project(tmp_path / "hostile", seeds=False)
    (project / "seeds" / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    mkdocs_build(project)
    pages = sorted((project / "site" / "news" / "articles").glob("hostile-*.html"))
    assert pages
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for target in pages + [project / "site" / "index.html"]:
        page.goto(target.as_uri())
        page.wait_for_timeout(300)
        assert page.evaluate("window.__pwned") is None
    page.goto(pages[0].as_uri())
    text = page.locator("article").inner_text()
    assert "<script>window.__pwned = 1; alert(1)</script>" in text  # shown as text
    assert "[click](javascript:window.__pwned=3)" in text
    assert page.locator("article a", has_text="click").count() == 0
    assert dialogs == []
    context.close()
