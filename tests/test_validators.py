"""Real validators on a real build of the demo corpus: the Nu HTML Checker (npm `vnu-jar`,
run with Debian's Java), axe-core in Chromium in the light and the dark palette, and every
page loaded over HTTP and from file:// with no 404 and no console error.

What Material's own templates get wrong on every page is not digest's to fix: each check
learns it from a hand-written control page in the same build (kept out of the nav, like the
generated pages), not from a hand-kept list."""
from __future__ import annotations

import functools
import http.server
import json
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, mkdocs_build, read_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CONTROL = """---
title: Control
---

# Control

A hand-written page, with a [link home](index.md) and a table of contents.

## First section

Some text.

## Second section

More text.
"""
CURATED = """editions:
  - title: The methane week
    date: 2024-06-12
    intro: Three stories on *methane*.
    articles: [2024-06-03-lisbon-climate-talks-open, 2024-06-04-lisbon-methane-deal]
"""
# One page of each kind digest makes, plus the home page it fills in, plus the control.
SAMPLE = ["control.html", "index.html",
          "news/articles/rotterdam-dockworkers-walk-out-over-automation-plans.html",
          "news/people/maria-okafor.html", "news/people/index.html", "news/people/by-count.html",
          "news/places/lisbon.html", "news/organizations/index.html",
          "news/topics/index.html", "news/topics/economy-business-and-finance.html",
          "news/editions/index.html", "news/editions/weekly/2024-w23.html",
          "news/editions/daily/2024-06-05.html",
          "news/editions/curated/2024-06-12-the-methane-week.html",
          "news/timeline/index.html", "news/timeline/2024.html", "news/timeline/2024-06.html",
          "news/undated.html"]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("validated"), seeds=False)
    shutil.copytree(ROOT / "demo" / "seeds", project / "seeds", dirs_exist_ok=True)
    (project / "curation" / "editions.yml").write_text(CURATED, encoding="utf-8")
    (project / "docs" / "control.md").write_text(CONTROL, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("not_in_nav: |\n", "not_in_nav: |\n  /control.md\n"))
    mkdocs_build(project)
    return project / "site"


def pages_of(site: Path) -> list[Path]:
    """Every page digest made (redirect stubs aside), the home page and the control."""
    found = [p for p in (site / "news").rglob("*.html")
             if 'http-equiv="refresh"' not in read_page(p)[:2000]]
    return [site / "control.html", site / "index.html", *sorted(found)]


def test_nu_html_checker_finds_no_error_of_ours(site):
    if not VNU.exists():
        pytest.fail("the Nu HTML Checker is missing: run `npm ci` (see the Makefile)")
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is missing: apt-get install default-jre-headless")
    pages = pages_of(site)
    run = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json",
                          *map(str, pages)], capture_output=True, text=True, timeout=600)
    messages = json.loads(run.stderr or run.stdout)["messages"]
    by_page: dict[str, set[str]] = {}
    for m in messages:
        page = m["url"].split("/site/", 1)[1]
        by_page.setdefault(page, set()).add(m["message"])
    material = by_page.get("control.html", set())
    assert material, "the control page should show Material's own errors (is vnu running?)"
    ours = {page: sorted(found - material) for page, found in by_page.items()
            if found - material}
    assert ours == {}, json.dumps(ours, indent=1, ensure_ascii=False)


@pytest.fixture(scope="module")
def server(site):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))

    class Quiet(handler.func):  # type: ignore[name-defined]
        def log_message(self, *args) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(
        Quiet, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(scope="module")
def chromium(browser):
    """The session's headless Chromium (one Playwright per process)."""
    return browser


def axe_violations(page, url: str) -> dict[str, list[str]]:
    """Serious and critical axe-core violations inside the page's content (what digest
    writes), by rule, with the elements they were found on."""
    page.goto(url)
    page.wait_for_load_state("load")
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("""async () => {
        const r = await axe.run(document.querySelector('.md-content'));
        const bad = r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
          .map(v => [v.id, v.nodes.map(n => n.target.join(' ') + ': ' + (n.failureSummary || ''))]);
        return [bad, r.passes.map(p => p.id)];
    }""")
    bad, passed = results
    CHECKED.update(passed)
    return {rule: nodes for rule, nodes in bad}


CHECKED: set[str] = set()  # the axe rules that ran and passed somewhere


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violation_of_ours(site, server, chromium, scheme):
    context = chromium.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server + "control.html")
    palette = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert palette == ("slate" if scheme == "dark" else "default")
    material = set(axe_violations(page, server + "control.html"))
    ours = {}
    for path in SAMPLE[1:]:
        found = {rule: nodes for rule, nodes in axe_violations(page, server + path).items()
                 if rule not in material}
        if found:
            ours[path] = found
    context.close()
    assert ours == {}, json.dumps(ours, indent=1)
    # axe really looked: contrast (the chips, the charts' captions) and links in text.
    assert {"color-contrast", "link-in-text-block", "svg-img-alt"} <= CHECKED


@pytest.mark.parametrize("over", ["http", "file"])
def test_no_404_and_no_console_error(site, server, chromium, over):
    context = chromium.new_context()
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(
        f"console {m.type}: {m.text} ({(m.location or {}).get('url', '')})")
            if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url} {r.failure}"))
    page.on("response", lambda r: problems.append(f"{r.status}: {r.url}")
            if r.status >= 400 else None)
    found: list[str] = []
    for path in SAMPLE:
        url = server + path if over == "http" else (site / path).as_uri()
        page.goto(url)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(150)
        found += [f"{path}: {problem}" for problem in problems]
        problems.clear()
    context.close()
    # Material fetches `sitemap.xml` beside every bare `<link rel=alternate>`: our feed
    # discovery links say `alternate feed`, so no page asks for news/feeds/sitemap.xml.
    assert found == [], "\n".join(found)
