"""Where every generated page lives and the address it is served at: the one module that
knows digest's layout under docs/ and how a path there becomes a URL.

Paths are POSIX paths relative to docs/ (`news/articles/slug.md`), as the pages link to each
other with them and MkDocs checks and converts those links. URLs are what MkDocs serves a
path at, by MkDocs' own rule (`mkdocs.structure.files.File.url`): with `use_directory_urls`
(MkDocs' default) `news/articles/slug.md` is served at `news/articles/slug/`, without it at
`news/articles/slug.html`. Feeds, redirect pages and the sitemap need those URLs before
MkDocs runs (`digest build` writes them), so the rule is repeated here; a test compares it
with MkDocs' `File.url` for every kind of page, and the plugin checks each generated page's
`File.url` against it at build time. Nothing here imports MkDocs."""
from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote, urljoin, urlsplit

if TYPE_CHECKING:  # only for the annotations: this module stays below the pipeline's models
    from digest.corpus.editions import Edition
    from digest.corpus.entries import Entry
    from digest.model import Article

FEEDS = ("articles.rss.xml", "articles.atom.xml", "editions.rss.xml", "editions.atom.xml")
MARKDOWN = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")


def paged(page: int) -> str:
    """The suffix of a listing's later pages: `--2`, `--3`; none for the first."""
    return "" if page == 1 else f"--{page}"


@dataclass
class Paths:
    """The generated pages' paths under docs/ and their URLs. `root` is the one folder
    digest writes (docs/news); `directory_urls` is MkDocs' `use_directory_urls`."""

    root: str = "news"
    directory_urls: bool = True

    # -- pages ------------------------------------------------------------------------------
    def article(self, article: Article) -> str:
        return self.article_slug(article.slug)

    def article_slug(self, slug: str) -> str:
        return f"{self.root}/articles/{slug}.md"

    def entry(self, entry: Entry, page: int = 1) -> str:
        return f"{self.root}/{entry.kind}/{entry.slug}{paged(page)}.md"

    def index(self, kind: str, by: str = "name", page: int = 1) -> str:
        base = "index" if by == "name" else "by-count"
        return f"{self.root}/{kind}/{base}{paged(page)}.md"

    def undated(self) -> str:
        return f"{self.root}/undated.md"

    def front(self) -> str:
        """The digest's own front page: the lead edition and the newest articles."""
        return f"{self.root}/index.md"

    def timeline(self) -> str:
        return f"{self.root}/timeline/index.md"

    def timeline_year(self, year: str) -> str:
        return f"{self.root}/timeline/{year}.md"

    def timeline_month(self, month: str, page: int = 1) -> str:
        return f"{self.root}/timeline/{month}{paged(page)}.md"

    def edition(self, edition: Edition) -> str:
        return f"{self.root}/editions/{edition.kind}/{edition.slug}.md"

    def editions(self) -> str:
        return f"{self.root}/editions/index.md"

    def feed(self, name: str) -> str:
        return f"{self.root}/feeds/{name}"

    def redirect(self, slug: str) -> str:
        """The file that keeps an article's old address working: a static HTML page at the
        path MkDocs served that address from."""
        return self.dest(self.article_slug(slug))

    # -- addresses --------------------------------------------------------------------------
    def dest(self, path: str) -> str:
        """The file MkDocs writes for `path`, relative to site/ (`File.dest_uri`)."""
        if not path.endswith(MARKDOWN):
            return path
        parent, name = posixpath.split(path)
        stem = posixpath.splitext(name)[0]
        stem = "index" if stem == "README" else stem
        if not self.directory_urls or stem == "index":
            return posixpath.join(parent, stem + ".html")
        return posixpath.join(parent, stem, "index.html")

    def url(self, path: str) -> str:
        """The URL MkDocs serves `path` at, relative to the site root (`File.url`)."""
        dest = self.dest(path)
        folder, name = posixpath.split(dest)
        if self.directory_urls and name == "index.html":
            dest = (folder or ".") + "/"
        return quote(dest)

    def relative(self, target: str, here: str) -> str:
        """The URL of page `target` relative to the page at `here` (both paths under docs/),
        as a browser resolves it from `here`'s own URL."""
        return relative_url(self.url(target), self.url(here))

    def absolute(self, site_url: str, path: str) -> str:
        """The full address of `path` on the site published at `site_url`."""
        return absolute(site_url, self.url(path))


def relative_url(url: str, base: str) -> str:
    """`url` relative to the page at URL `base` (both relative to the site root), the way
    `mkdocs.utils.get_relative_url` computes it: a base ending in `/` is a folder."""
    folder = base if base.endswith("/") else posixpath.dirname(base)
    parts = [p for p in folder.split("/") if p not in ("", ".")]
    target = [p for p in url.split("/") if p not in ("", ".")]
    common = 0
    while common < min(len(parts), len(target)) and parts[common] == target[common]:
        common += 1
    rel = "/".join([".."] * (len(parts) - common) + target[common:]) or "."
    if url.endswith("/"):
        return "./" if rel == "." else rel + "/"
    return rel


def absolute(site_url: str, url: str) -> str:
    """`url` on the site at `site_url`, which may have a subpath ("https://x.github.io/REPO/").
    A URL that is already absolute is kept. With no site_url the URL is returned as given
    (relative): feed readers then resolve it against the feed's own address, which is wrong,
    so the plugin warns when site_url is empty."""
    if urlsplit(url).scheme or not site_url:
        return url
    url = "" if url in (".", "./") else url
    return urljoin(site_url.rstrip("/") + "/", url.lstrip("/"))
