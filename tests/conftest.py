"""Shared fixtures: a temporary copy of the project, built with the real `mkdocs build`."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Debian's Chromium, driven by Playwright (never its own browser download). As root it needs
# --no-sandbox; the rest keep it from calling home on a machine with no network.
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--disable-default-apps", "--disable-domain-reliability",
                  "--metrics-recording-only", "--no-default-browser-check"]
SAMPLE = ROOT / "seeds" / "000_e435a547fc507eb7.txt"
BIN = Path(sys.executable).parent
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def copy_project(dest: Path, seeds: bool = True) -> Path:
    """The project's hand-written parts (config, docs, curator files, seeds) in `dest`."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", dest / "docs",
                    ignore=shutil.ignore_patterns("news"), dirs_exist_ok=True)
    if (ROOT / "curation").exists():
        shutil.copytree(ROOT / "curation", dest / "curation", dirs_exist_ok=True)
    if seeds:
        shutil.copytree(ROOT / "seeds", dest / "seeds", dirs_exist_ok=True)
    else:
        (dest / "seeds").mkdir(exist_ok=True)
    return dest


class _Quoted(HTMLParser):
    """Re-writes HTML with every attribute value in double quotes and `>` in text as `&gt;`
    (outside scripts and styles), the rest as it was."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []

    def _tag(self, tag, attrs, end: str) -> str:
        return f"<{tag}" + "".join(f' {k}' if v is None else f' {k}="{escape(v)}"'
                                   for k, v in attrs) + end

    def handle_starttag(self, tag, attrs):
        self.out.append(self._tag(tag, attrs, ">"))

    def handle_startendtag(self, tag, attrs):
        self.out.append(self._tag(tag, attrs, "/>"))

    def handle_endtag(self, tag):
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        self.out.append(data if self.cdata_elem else data.replace(">", "&gt;"))

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")


def quoted(page: str) -> str:
    """A built page as Material writes it, attributes quoted as `attr="value"` and `>` in text
    escaped: the site is minified (digest/plugin/minify.py drops the quotes and entities it
    can), the tests read attributes and escaped text."""
    parser = _Quoted()
    parser.feed(page)
    parser.close()
    return "".join(parser.out)


def read_page(path: Path) -> str:
    """A built HTML page, its attributes quoted (see `quoted`)."""
    return quoted(path.read_text(encoding="utf-8"))


def mkdocs_build(project: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([str(BIN / "mkdocs"), "build", "--strict", *args], cwd=project,
                            env=env, capture_output=True, text=True, timeout=600)
    if check and result.returncode != 0:
        raise AssertionError(f"mkdocs build failed:\n{result.stdout}\n{result.stderr}")
    return result


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The sample project built once per test session: returns the project folder."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    mkdocs_build(project)
    return project


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium for the browser tests, launched once."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def nlp():
    """spaCy's English pipeline, loaded once for every extraction test."""
    from digest.extract.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def context():
    """Extraction with no curator files."""
    from digest.extract import load_context

    return load_context(None, None)


class WatchedPage:
    """A fresh browser context and page that record every request and page error."""

    def __init__(self, browser):
        self.context = browser.new_context()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def off_host(self, *allowed: str) -> list[str]:
        """Requests to anywhere but file:// (and the `allowed` prefixes)."""
        keep = ("file://", "data:", "blob:", *allowed)
        return [url for url in self.requests if not url.startswith(keep)]
