"""The curator's first five minutes, in a real headless Chromium: open site/index.html from
disk with no network, search "Pomeranz", open the article, then the person page."""
from __future__ import annotations

import shutil

import pytest

playwright = pytest.importorskip("playwright.sync_api")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--disable-domain-reliability", "--metrics-recording-only",
         "--no-default-browser-check"]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield browser
        browser.close()


def test_offline_search_to_article_to_person(built_site, browser):
    context = browser.new_context()
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))

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
