"""Offline search: the index builder (folding, tokens, determinism) and the real thing --
a small project built with `mkdocs build --strict`, searched through Material's own search box
in headless Chromium, from disk (file://, iframe-worker.js) and over HTTP (a real Worker)."""
from __future__ import annotations

import functools
import http.server
import json
import re
import threading
from pathlib import Path

import pytest

from conftest import WatchedPage, copy_project, mkdocs_build
from digest.search.index import (FOLD_SPECIAL, FORMAT_VERSION, INDEX_NAME, WORKER_DIR, WORKER_NAME,
                           build_index_files, build_search_index, fold, pages_from_index,
                           read_text_shard, rewrite_worker_url, tokens)

# Until the plugin carries these hooks, the test project applies them as MkDocs hooks.
HOOKS = '''from pathlib import Path
from mkdocs.plugins import event_priority
from digest.search.index import build_search_index, rewrite_worker_url

def on_post_page(output, page, config):
    return rewrite_worker_url(output)

def on_post_template(output_content, template_name, config):  # 404.html
    return rewrite_worker_url(output_content)

@event_priority(-50)  # after Material's search plugin, before the offline plugin (-100)
def on_post_build(config):
    build_search_index(Path(config.site_dir))
'''

SEEDS = {
    "ankara-talks": (
        "Erdoğan hosts Greek prime minister as maritime talks resume\n\n"
        "Turkish President Recep Tayyip Erdoğan welcomed the Greek prime minister to Ankara "
        "on Tuesday for a day of talks on energy, migration and the Aegean.\n\n"
        "The two leaders agreed to reopen the maritime boundary talks that stalled three "
        "years ago, officials from both governments said.\n\n"
        "\"We chose dialogue over tension,\" Erdoğan told reporters after the meeting, "
        "adding that trade between the neighbours could double within five years.\n\n"
        "Diplomats in Athens described the visit as cautious but constructive.",
        {"date": "2025-03-04", "source": "Test Wire",
         "people": ["Recep Tayyip Erdoğan"], "places": ["Ankara", "Athens"]}),
    "andes-drought": (
        "Drought forces water rationing in the Andean highlands\n\n"
        "Authorities in the southern highlands announced water rationing for more than forty "
        "villages on Monday after the driest winter in two decades.\n\n"
        "Mariana Quispe, the regional water commissioner, said tanker trucks would supply "
        "schools and clinics first while reservoirs recover.\n\n"
        "Farmers said potato and quinoa harvests had already fallen by a third.",
        {"date": "2025-03-03", "source": "Test Wire",
         "people": ["Mariana Quispe"], "places": ["Andes"]}),
    "fjord-ferries": (
        "Norway's fjord ferries switch to batteries\n\n"
        "Ingrid Løvås, who runs the ferry operator on the western fjords, said on Friday that "
        "the last diesel vessel on her routes would retire in the spring.\n\n"
        "Charging stations at each quay refill the batteries during the ten minutes a ferry "
        "spends loading cars, engineers explained.\n\n"
        "Passengers say the crossings are now so quiet that they can hear the waterfalls.",
        {"date": "2025-03-07", "source": "Test Wire",
         "people": ["Ingrid Løvås"], "places": ["Norway"]}),
}


# ------------------------------------------------------------------ the index builder


def test_fold_drops_case_and_diacritics():
    assert fold("Recep Tayyip Erdoğan") == "recep tayyip erdogan"
    assert fold("Ingrid Løvås") == "ingrid lovas"
    assert fold("Łódź, Straße, Œuvre, São Paulo") == "lodz, strasse, oeuvre, sao paulo"
    assert fold("İSTANBUL Çağlar") == "istanbul caglar"
    assert fold(fold("Erdoğan")) == fold("Erdoğan")


def test_tokens_fold_and_skip_function_words():
    assert tokens("Erdoğan's visit to Ankara, 4 March 2025") == [
        "erdogan", "visit", "ankara", "4", "march", "2025"]
    assert tokens("Al-Sisi and the U.S.") == ["al", "sisi", "u"]
    assert tokens("May the US will say") == ["may", "us", "will", "say"]  # news words stay


MATERIAL_DOCS = [
    {"location": "news/articles/talks.html", "title": "Erdoğan hosts Greek talks",
     "text": "<p>Turkish President Recep Tayyip Erdoğan welcomed the prime minister.</p>"},
    {"location": "news/articles/talks.html#quotes", "title": "Quotes",
     "text": "<p>We chose dialogue &amp; trade.</p><ul><li>Athens</li></ul>"},
    {"location": "news/people/mariana-quispe.html", "title": "Mariana Quispe",
     "text": "<p>Person &middot; 1 article</p>"},
]


def test_pages_merge_sections_into_plain_text_blocks():
    pages = pages_from_index(MATERIAL_DOCS)
    assert [p.location for p in pages] == ["news/articles/talks.html",
                                           "news/people/mariana-quispe.html"]
    assert pages[0].title == "Erdoğan hosts Greek talks"
    assert pages[0].blocks == [
        "Turkish President Recep Tayyip Erdoğan welcomed the prime minister.",
        "Quotes", "We chose dialogue & trade.", "Athens"]
    assert pages[1].blocks == ["Person · 1 article"]


def shard_terms(files: dict[str, str]) -> dict[str, tuple[int, str, str]]:
    """term -> (document frequency, page pairs, positions) over all shards."""
    found = {}
    for name, text in files.items():
        if name.startswith("digest-shard-"):
            terms, dfs, pairs, positions = json.loads(text[text.index("[["):-3])
            found.update(zip(terms, zip(dfs, pairs, positions)))
    return found


def test_index_files_hold_folded_terms_postings_and_texts():
    files = build_index_files(pages_from_index(MATERIAL_DOCS))
    manifest = json.loads(files[INDEX_NAME][len('__digest_search("index",0,'):-3])
    assert manifest["docs"][0][:2] == ["news/articles/talks.html", "Erdoğan hosts Greek talks"]
    assert manifest["fold"] == FOLD_SPECIAL and "the" in manifest["stop"]
    terms = shard_terms(files)
    # "erdogan": in page 0 only, twice (title and body), the title flag set: 2 * 2 + 1 = 5;
    # positions 0 (title) and 9 (title words 0-3, a gap, "turkish" at 5 ... "erdogan" at 9);
    # positions are delta-coded.
    assert terms["erdogan"] == (1, "0,5", "0,9")
    assert terms["quispe"] == (1, "1,3", "1")  # page 1, once, in the title
    assert "erdoğan" not in terms and "the" not in terms
    [text] = [v for k, v in files.items() if k.startswith("digest-text-")]
    assert text.startswith('__digest_search("ztext",0,"')  # packed: see index.pack
    texts = read_text_shard(text)
    assert texts[0] == ("Turkish President Recep Tayyip Erdoğan welcomed the prime minister."
                        "\nQuotes\nWe chose dialogue & trade.\nAthens")
    assert texts[1] == "Person · 1 article"


def test_index_is_byte_identical_across_builds(tmp_path):
    sizes = []
    outputs = []
    for run in ("one", "two"):
        site = tmp_path / run
        (site / "search").mkdir(parents=True)
        (site / "search" / "search_index.json").write_text(json.dumps(
            {"config": {"lang": ["en"], "separator": "[\\s\\-]+"}, "docs": MATERIAL_DOCS}))
        sizes.append(build_search_index(site))
        outputs.append({p.relative_to(site).as_posix(): p.read_bytes()
                        for p in sorted(site.rglob("*")) if p.is_file()})
    assert outputs[0] == outputs[1]
    assert sizes[0]["pages"] == 2 and sizes[0] == sizes[1]
    stub = json.loads(outputs[0]["search/search_index.json"])
    assert stub == {"config": {"lang": ["en"], "separator": "[\\s\\-]+"}, "docs": [],
                    "digest": FORMAT_VERSION}
    assert build_search_index(tmp_path / "one") == {}  # a second run leaves the index alone
    assert f"{WORKER_DIR.as_posix()}/{WORKER_NAME}" in outputs[0]


def test_rewrite_worker_url_keeps_the_relative_prefix():
    page = ('<script id="__config" type="application/json">{"base": "../..", "search": '
            '"../../assets/javascripts/workers/search.a7633da7.min.js", "tags": null}</script>')
    assert rewrite_worker_url(page) == page.replace("search.a7633da7.min.js", WORKER_NAME)
    top = '{"base": ".", "search": "assets/javascripts/workers/search.0123abcd.min.js"}'
    assert rewrite_worker_url(top) == f'{{"base": ".", "search": ' \
                                      f'"assets/javascripts/workers/{WORKER_NAME}"}}'
    assert rewrite_worker_url("<p>no config</p>") == "<p>no config</p>"


# ------------------------------------------------------------------ the built site


@pytest.fixture(scope="module")
def search_site(tmp_path_factory) -> Path:
    """A project with three seeds written for this test, built with the search hooks."""
    project = copy_project(tmp_path_factory.mktemp("search"), seeds=False)
    for stem, (text, meta) in SEEDS.items():
        (project / "seeds" / f"{stem}.txt").write_text(text + "\n", encoding="utf-8")
        sidecar = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n"
                          for key, value in meta.items())
        (project / "seeds" / f"{stem}.yml").write_text(sidecar, encoding="utf-8")
    (project / "search_hooks.py").write_text(HOOKS, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nhooks:\n  - search_hooks.py\n",
                      encoding="utf-8")
    mkdocs_build(project)
    return project / "site"


@pytest.mark.slow
def test_built_site_ships_the_prebuilt_index(search_site):
    search = search_site / "search"
    assert json.loads((search / "search_index.json").read_text())["docs"] == []
    inlined = (search / "search_index.js").read_text()
    assert inlined.startswith("var __index = {") and len(inlined) < 1000  # the offline stub
    assert (search_site / WORKER_DIR / WORKER_NAME).is_file()
    manifest = (search / INDEX_NAME).read_text(encoding="utf-8")
    assert "Erdoğan hosts Greek prime minister as maritime talks resume" in manifest
    page = (search_site / "news" / "people" / "index.html").read_text(encoding="utf-8")
    # the page's __config, compacted (digest/plugin/chrome.py)
    assert f'"search":"../../assets/javascripts/workers/{WORKER_NAME}"' in page
    assert "workers/search." not in page
    missing = (search_site / "404.html").read_text(encoding="utf-8")
    assert f'"search": "/assets/javascripts/workers/{WORKER_NAME}"' in missing


@pytest.fixture(scope="module")
def http_root(search_site):
    """The built site over HTTP on 127.0.0.1 (a free port), from a thread."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(search_site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def search(page, query: str) -> list[str]:
    """Type into Material's search box; the result rows' HTML once the first has arrived."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.press_sequentially(query, delay=20)  # Material searches on key events
    rows = page.locator(".md-search-result__item")
    rows.first.wait_for(timeout=20_000)
    page.wait_for_function(
        "q => document.querySelector('input.md-search__input').value === q", arg=query)
    page.wait_for_timeout(300)  # let the last keystroke's result replace earlier ones
    return [row.inner_html() for row in rows.all()]


def check_searches(page) -> None:
    rows = search(page, "Erdogan")
    assert "Erdoğan hosts Greek prime minister" in rows[0] or "Recep Tayyip" in rows[0]
    assert any("<mark>Erdoğan</mark> hosts Greek prime minister" in row for row in rows)
    assert "Drought forces" not in "".join(rows)

    rows = search(page, "lovas")  # a person, with "ø" and "å" typed as "o" and "a"
    assert "Ingrid <mark>Løvås</mark>" in rows[0]
    assert any("fjord ferries switch to batteries" in row for row in rows)

    rows = search(page, "Mariana Quis")  # a person, the surname still being typed
    assert "<mark>Mariana</mark> <mark>Quispe</mark>" in rows[0]

    rows = search(page, "reopen the maritime")  # a phrase from the body only
    article = next(row for row in rows if "Greek prime minister as" in row)
    assert "<mark>reopen</mark> the <mark>maritime</mark> boundary talks" in article
    assert "Norway" not in "".join(rows)

    rows = search(page, "zebra crossing quinoa")  # nothing has all: Material's "Missing" line
    assert "Drought forces water rationing" in rows[0] and "<del>zebra</del>" in rows[0]


@pytest.mark.slow
@pytest.mark.browser
def test_search_from_disk(search_site, browser):
    watched = WatchedPage(browser)
    context, page, requests, errors = watched.context, watched.page, watched.requests, watched.errors
    page.goto((search_site / "news" / "people" / "index.html").as_uri())
    check_searches(page)

    # The result link carries the matched word as spelled on the page, so Material's
    # search.highlight marks "Erdoğan" there although "Erdogan" was typed.
    search(page, "Erdogan")
    title = page.locator("h1", has_text="Greek prime minister as maritime talks resume")
    page.locator(".md-search-result__item a", has=title).first.click()
    page.wait_for_load_state()
    assert "/news/articles/" in page.url and "h=erdo%C4%9Fan" in page.url
    assert page.locator("article mark[data-md-highlight]").first.inner_text() == "Erdoğan"

    off_disk = [url for url in requests if not url.startswith(("file://", "data:", "blob:"))]
    assert off_disk == [], f"requests left file://: {off_disk}"
    assert any(url.endswith(f"/workers/{WORKER_NAME}") for url in requests)
    assert not any(re.search(r"/workers/search\.[0-9a-f]+\.min\.js$", url) for url in requests)
    assert errors == [], errors
    context.close()


@pytest.mark.slow
@pytest.mark.browser
def test_search_over_http_with_a_real_worker(search_site, http_root, browser):
    context = browser.new_context()
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    workers: list[str] = []
    errors: list[str] = []
    page = context.new_page()
    page.on("worker", lambda worker: workers.append(worker.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(http_root + "index.html")
    check_searches(page)
    assert workers == [f"{http_root}assets/javascripts/workers/{WORKER_NAME}"]
    elsewhere = [url for url in requests if not url.startswith(http_root)]
    assert elsewhere == [], f"requests left localhost: {elsewhere}"
    assert errors == [], errors
    context.close()


def test_worker_source_is_package_data():
    from digest.search.index import worker_source

    assert "__digest_search" in worker_source() and "importScripts" in worker_source()
