"""digest dropped into somebody else's project, as a MkDocs user would: Material theme,
`plugins: [search, blog, digest]`, MkDocs' default `use_directory_urls`, one Material blog post,
two seeds, none of this repository's mkdocs.yml, overrides or assets; published under a
subpath (https://example.org/harbour/). Built with the real `mkdocs build --strict`, searched in
a real Chromium. Plus every bad setting, which must stop the build with MkDocs' own message."""
from __future__ import annotations

import datetime as dt
import functools
import http.server
import os
import re
import subprocess
import threading
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest

from conftest import BIN, WatchedPage, mkdocs_build, read_page

SITE_URL = "https://example.org/harbour/"
MKDOCS_YML = """site_name: Harbour Times
site_url: {site_url}
{extra}theme:
  name: material
plugins:
  - search
  - blog
  - digest
"""
PAGES = {
    "docs/index.md": "# Harbour Times\n\nOur own home page, written by hand.\n",
    "docs/about.md": "# About\n\nA page of our own about the town.\n",
    "docs/blog/index.md": "# Blog\n",
    "docs/blog/posts/keepers.md": (
        "---\ndate: 2024-02-01\n---\n\n# Lighthouse keepers meet\n\n"
        "The keepers compared their periwinkle logbooks over tea.\n"),
    "seeds/2024-03-02-harbour.txt": (
        "Harbour reopens after the storm\n\n"
        "The harbour master, Ann Lee, said on Saturday that the marmalade ships could sail "
        "again from Portley after a week of storms.\n"),
    "seeds/2024-03-02-harbour.yml": "date: 2024-03-02\nsource: Portley Gazette\n",
    "seeds/bridge.txt": (
        "Council approves the new bridge\n\n"
        "The council of Brockton voted on Thursday to build a bridge over the river, and "
        "Mayor Tom Reed welcomed the decision.\n"),
    "seeds/bridge.yml": "date: 2024-05-16\nauthor: Jo Park\n",
}
HARBOUR = "news/articles/harbour-reopens-after-the-storm"
BRIDGE = "news/articles/council-approves-the-new-bridge"


def make_project(folder: Path, site_url: str = SITE_URL, extra: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "mkdocs.yml").write_text(MKDOCS_YML.format(site_url=site_url, extra=extra),
                                       encoding="utf-8")
    for name, text in PAGES.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module", params=[True, False], ids=["directory-urls", "html-urls"])
def user_site(request, tmp_path_factory) -> tuple[Path, bool]:
    directory_urls = request.param
    extra = "" if directory_urls else "use_directory_urls: false\n"
    project = make_project(tmp_path_factory.mktemp("user"), extra=extra)
    mkdocs_build(project)
    return project, directory_urls


def page_file(site: Path, url: str) -> Path:
    """The built file a URL on the site (relative to its root) is served from."""
    path = site / url.split("#")[0]
    return path / "index.html" if url.endswith("/") or url == "" else path


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.feeds: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and "alternate" in (attrs.get("rel") or "").split() \
                and "xml" in (attrs.get("type") or ""):
            self.feeds.append(attrs)


@pytest.mark.slow
def test_every_feed_link_resolves_to_a_built_page(user_site):
    project, directory_urls = user_site
    site = project / "site"
    for name in ("articles.rss.xml", "articles.atom.xml", "editions.rss.xml",
                 "editions.atom.xml"):
        feed = feedparser.parse((site / "news/feeds" / name).read_bytes())
        assert not feed.bozo, feed.get("bozo_exception")
        links = [e.link for e in feed.entries]
        assert links, name
        assert {link.rel: link.href for link in feed.feed.links}["self"] == \
            f"{SITE_URL}news/feeds/{name}"
        for link in links + [feed.feed.link]:
            assert link.startswith(SITE_URL), link
            assert page_file(site, link[len(SITE_URL):]).is_file(), link
    article = feedparser.parse((site / "news/feeds/articles.atom.xml").read_bytes())
    expected = f"{SITE_URL}{BRIDGE}/" if directory_urls else f"{SITE_URL}{BRIDGE}.html"
    assert article.entries[0].link == expected
    assert article.entries[0].id == "tag:news-digest.invalid,2026:article/bridge"
    assert article.entries[0].author == "Jo Park"


@pytest.mark.slow
def test_every_page_announces_feeds_that_resolve_and_brings_its_assets(user_site):
    project, directory_urls = user_site
    site = project / "site"
    pages = [p for p in site.rglob("*.html") if p.name != "404.html"
             and "<meta http-equiv=\"refresh\"" not in p.read_text(encoding="utf-8")]
    assert len(pages) > 10
    for path in pages:
        text = read_page(path)
        parser = Links()
        parser.feed(text)
        assert len(parser.feeds) == 3, path
        for feed in parser.feeds:
            # Not rel="alternate" alone: Material's language switcher would take it for a
            # translation and fetch a sitemap.xml beside it.
            assert feed["rel"] == "alternate feed"
            target = (path.parent / feed["href"]).resolve()
            assert target.is_file() and target.is_relative_to(site / "news" / "feeds"), path
        for asset in ("assets/digest/digest.css", "assets/digest/iframe-worker.js"):
            match = re.search(r'(?:href|src)="([^"]*' + re.escape(asset) + ')"', text)
            assert match, (path, asset)
            assert (path.parent / match[1]).resolve().is_file()


@pytest.mark.slow
def test_generated_pages_stay_out_of_the_automatic_nav(user_site):
    project, directory_urls = user_site
    home = read_page(project / "site" / "index.html")
    start = home.index('<nav class="md-nav md-nav--primary"')
    nav = home[start:home.index("</nav>", start)]
    assert "about" in nav.lower() and "blog" in nav.lower()
    assert "news/" not in nav and "Harbour reopens" not in nav


@pytest.mark.slow
def test_sitemap_dates_each_generated_page_by_its_article(user_site):
    project, directory_urls = user_site
    root = ET.fromstring((project / "site" / "sitemap.xml").read_bytes())
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    lastmod = {url.findtext("s:loc", namespaces=ns): url.findtext("s:lastmod", namespaces=ns)
               for url in root.findall("s:url", ns)}
    suffix = "/" if directory_urls else ".html"
    assert lastmod[f"{SITE_URL}{HARBOUR}{suffix}"] == "2024-03-02"
    assert lastmod[f"{SITE_URL}{BRIDGE}{suffix}"] == "2024-05-16"
    assert lastmod[f"{SITE_URL}news/people/ann-lee{suffix}"] == "2024-03-02"
    # The user's own pages keep MkDocs' date (the build's, or SOURCE_DATE_EPOCH's): the
    # plugin sets no process-wide date.
    home = lastmod[SITE_URL if directory_urls else f"{SITE_URL}index.html"]
    expected = dt.datetime.now(dt.timezone.utc).date().isoformat()
    if "SOURCE_DATE_EPOCH" in os.environ:
        expected = dt.datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]),
                                             dt.timezone.utc).date().isoformat()
    assert home == expected
    assert len(set(lastmod.values())) >= 3


def test_no_markdown_extension_syntax_leaks_into_any_page(user_site):
    """The user enabled no attr_list or md_in_html: nothing may show as literal markup."""
    project, directory_urls = user_site
    for path in (project / "site").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "{ ." not in text, path
        assert 'markdown="1"' not in text, path


@pytest.fixture(scope="module")
def served(tmp_path_factory, user_site):
    """The default (directory URLs) site over HTTP, under its subpath /harbour/."""
    project, directory_urls = user_site
    if not directory_urls:
        pytest.skip("searched once, on MkDocs' default layout")
    root = tmp_path_factory.mktemp("www")
    (root / "harbour").symlink_to(project / "site", target_is_directory=True)

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/harbour/"
    server.shutdown()
    server.server_close()


def search(page, query: str) -> str:
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.press_sequentially(query, delay=20)
    rows = page.locator(".md-search-result__item")
    rows.first.wait_for(timeout=20_000)
    page.wait_for_timeout(300)
    return "".join(row.inner_html() for row in rows.all())


@pytest.mark.slow
@pytest.mark.browser
def test_search_finds_the_blog_post_and_the_article(served, browser):
    watched = WatchedPage(browser)
    watched.page.goto(served)
    rows = search(watched.page, "periwinkle")
    assert "Lighthouse keepers meet" in rows
    rows = search(watched.page, "marmalade")
    assert "Harbour reopens after the storm" in rows
    rows = search(watched.page, "hand")  # the user's own pages too
    assert "Harbour Times" in rows
    assert watched.errors == [], watched.errors
    assert not [u for u in watched.requests if u.endswith("sitemap.xml")
                and "/feeds/" in u], watched.requests
    # Nothing from another host but the user's own choice (Material's Google Fonts default).
    assert [u for u in watched.off_host("http://127.0.0.1")
            if not urlsplit(u).hostname.startswith("fonts.g")] == []
    watched.context.close()


# -- settings -------------------------------------------------------------------------------

BAD_SETTINGS = [
    ("page_size: ten", "option 'page_size': must be a whole number of at least 1, not 'ten'"),
    ("page_size: 0", "option 'page_size': must be a whole number of at least 1, not 0"),
    ("workers: x", "option 'workers': must be a whole number of at least 0, not 'x'"),
    ("seeds: 5", "option 'seeds': Expected type: <class 'str'> but received: <class 'int'>"),
    ("output: [a]", "option 'output': Expected type: <class 'str'> but received: <class 'list'>"),
    ("output: ../elsewhere", "option 'output': must be a folder inside docs_dir"),
    ("seed: articles", "option 'seed': not a digest option; did you mean 'seeds'?"),
    ("editions: [monthly]", "option 'editions'"),
    ("executor: threads", "option 'executor'"),
    ("feed_authority: example.org", "option 'feed_authority': must be a domain or e-mail"),
    ("topics: {min_score: 2}", "option 'topics': Sub-option 'min_score': must be a number "
     "from 0 to 1, not 2"),
]


def configured(folder: Path, option: str) -> Path:
    project = make_project(folder)
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(text.replace("  - digest\n",
                                                     f"  - digest:\n      {option}\n"),
                                        encoding="utf-8")
    return project


@pytest.mark.parametrize("option,message", BAD_SETTINGS, ids=[o for o, _ in BAD_SETTINGS])
def test_a_bad_setting_stops_mkdocs_and_digest_with_mkdocs_message(tmp_path, option, message):
    project = configured(tmp_path, option)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    commands = [[str(BIN / "mkdocs"), "build"],  # not even --strict
                [str(BIN / "digest"), "build", "-f", str(project / "mkdocs.yml")]]
    if option == "page_size: 0":
        commands.append([str(BIN / "digest"), "check"])
    for command in commands:
        result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True,
                                timeout=120)
        assert result.returncode != 0, (command, result.stderr)
        assert f"Plugin 'digest' {message}" in result.stderr, (command, result.stderr)
        assert "Traceback" not in result.stderr, result.stderr
        assert not (project / "docs" / "news").exists()


def test_digest_build_reads_mkdocs_yml_and_honours_docs_dir(tmp_path):
    project = make_project(tmp_path / "p", extra="docs_dir: content\n")
    (project / "docs").rename(project / "content")
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(text.replace(
        "  - digest\n", "  - digest:\n      output: digest-news\n      feed_authority: "
        "example.org,2024\n"), encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run([str(BIN / "digest"), "build", "--strict", "-f",
                             str(project / "mkdocs.yml")], cwd=elsewhere, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    written = project / "content" / "digest-news"
    assert (written / "articles" / "harbour-reopens-after-the-storm.md").is_file()
    assert not (project / "docs").exists() and not (elsewhere / "docs").exists()
    atom = (written / "feeds" / "articles.atom.xml").read_text(encoding="utf-8")
    assert "tag:example.org,2024:article/bridge" in atom
    assert f"{SITE_URL}digest-news/articles/council-approves-the-new-bridge/" in atom


def test_a_leftover_digest_yml_is_reported_with_the_mkdocs_yml_lines(tmp_path):
    project = make_project(tmp_path / "p")
    (project / "digest.yml").write_text("seeds: articles\npage_size: 20\neditions:\n"
                                        "  automatic: [weekly]\n", encoding="utf-8")
    (project / "seeds").rename(project / "articles")
    for command in ([str(BIN / "digest"), "check"], [str(BIN / "mkdocs"), "build", "--strict"]):
        result = subprocess.run(command, cwd=project, capture_output=True, text=True,
                                timeout=300, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
        assert "digest.yml is no longer read" in result.stderr, result.stderr
        assert ("plugins:\n- digest:\n    seeds: articles\n    page_size: 20\n"
                "    editions:\n    - weekly") in result.stderr, result.stderr
    assert result.returncode != 0  # a warning: --strict stops


def test_an_empty_site_url_is_a_warning_that_strict_turns_into_an_error(tmp_path):
    project = make_project(tmp_path / "p", site_url='""')
    result = mkdocs_build(project, check=False)
    assert result.returncode != 0
    assert "digest: site_url is not set in mkdocs.yml" in result.stderr
    assert "Traceback" not in result.stderr


def test_relative_url_matches_mkdocs():
    from mkdocs.utils import get_relative_url

    from digest.site.urls import relative_url

    for url in ("news/a/", "news/a.html", "./", "index.html", "news/feeds/x.xml", "b/c/d/"):
        for base in ("./", "index.html", "news/", "news/a/", "news/a.html", "x/y/z/"):
            assert relative_url(url, base) == get_relative_url(url, base), (url, base)


def test_urls_match_mkdocs_own_file_urls():
    """digest's one layout module gives every generated page the URL MkDocs serves it at,
    with and without directory URLs."""
    from mkdocs.structure.files import File

    from digest.site.urls import Paths

    paths = ["news/articles/harbour.md", "news/index.md", "news/people/ann-lee--2.md",
             "news/timeline/2024-05.md", "news/editions/weekly/2024-w09.md", "index.md",
             "news/feeds/articles.atom.xml", "news/people/README.md", "news/places/é.md"]
    for directory_urls in (True, False):
        layout = Paths("news", directory_urls)
        for path in paths:
            file = File(path, "/docs", "/site", directory_urls)
            assert layout.url(path) == file.url, (directory_urls, path)
            assert layout.dest(path) == file.dest_uri, (directory_urls, path)
    assert Paths("news", True).redirect("old") == "news/articles/old/index.html"
    assert Paths("news", False).redirect("old") == "news/articles/old.html"


def test_a_malformed_digest_yml_is_reported_not_turned_into_defaults(tmp_path):
    from digest.inputs.settings import legacy_config

    (tmp_path / "digest.yml").write_text("seeds: [oops\n", encoding="utf-8")
    problem = legacy_config(tmp_path)
    assert problem is not None and problem.line == 2
    assert "digest.yml is no longer read (and is not valid YAML" in problem.message
    (tmp_path / "digest.yml").write_text("docs: content\nsite_url: https://x.org/\n"
                                         "colour: red\n", encoding="utf-8")
    message = legacy_config(tmp_path).message
    assert "docs_dir: content\nsite_url: https://x.org/\nplugins:\n- digest" in message
    assert "no longer a setting: colour" in message
    assert legacy_config(tmp_path / "nothing-here") is None


@pytest.mark.slow
def test_an_old_address_redirects_with_directory_urls(tmp_path):
    """With MkDocs' default layout an article's old address is a folder: the redirect is that
    folder's index.html, pointing at the new folder."""
    project = make_project(tmp_path / "p")
    mkdocs_build(project)
    seed = project / "seeds" / "bridge.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace(
        "Council approves the new bridge", "Council approves the long bridge"), encoding="utf-8")
    mkdocs_build(project)
    site = project / "site" / "news" / "articles"
    old = (site / "council-approves-the-new-bridge" / "index.html").read_text(encoding="utf-8")
    assert 'content="0; url=../council-approves-the-long-bridge/"' in old
    target = (site / "council-approves-the-new-bridge" / "../council-approves-the-long-bridge/"
              / "index.html").resolve()
    assert "Council approves the long bridge" in target.read_text(encoding="utf-8")
    feed = feedparser.parse((project / "site/news/feeds/articles.atom.xml").read_bytes())
    assert feed.entries[0].id == "tag:news-digest.invalid,2026:article/bridge"  # unchanged
