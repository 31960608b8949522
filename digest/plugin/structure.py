"""Digest's own MkDocs Page class (as Material's blog has for posts): a generated page that
takes its HTML, table of contents and search text from the render cache when its text is
unchanged, and renders the normal way (then stores the result) when it is not."""
from __future__ import annotations

import logging

from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils.meta import YAML_RE, get_data

from digest.incremental.rendercache import Rendered, RenderCache


class WarningCount(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def toc_tokens(items) -> list[dict]:
    """The table of contents back as the tokens `get_toc` reads."""
    return [{"level": a.level, "id": a.id, "name": a.title, "children": toc_tokens(a.children)}
            for a in items]


class GeneratedPage(Page):
    """A page digest wrote under docs/news/: read and rendered through the RenderCache.

    Material's search plugin is told to skip it (`search.exclude` in its in-memory meta):
    its text goes to our own index (search.py) from `search_text`, cached with the HTML."""

    def __init__(self, file, config, cache: RenderCache, text: str | None = None,
                 text_of=None) -> None:
        super().__init__(None, file, config)
        self.cache = cache
        self.text = text  # the page as digest just wrote it (saves reading it back)
        self.text_of = text_of  # HTML -> (h1, text blocks), see search.page_text
        self.search_text: tuple[str | None, list[str]] | None = None
        self._entry: Rendered | None = None
        self._key = ""
        self._source: str | None = None
        self._indexed = True
        # The whole-page cache (adapter.py, pagecache.py): this page's key; the template it
        # names and whether its meta named one, while ours prints the cached HTML; whether
        # this build's HTML came from there; the warning count before its template ran.
        self.page_key: str | None = None
        self.page_template: tuple[str, bool] | None = None
        self.page_cached = False
        self.page_warnings = 0

    @property
    def render_key(self) -> str:
        """Its key in the render cache: its text, path and Markdown settings."""
        return self._key

    def read_source(self, config) -> None:
        text = self.text if self.text is not None else self.file.content_string
        self._key = self.cache.key(self.file.src_uri, text)
        self._entry = self.cache.get(self._key)
        if self._entry is not None:
            match = YAML_RE.match(text)
            self.markdown = text[match.end():].lstrip("\n") if match else text
            self.meta = self._entry.meta
            self._indexed = self._entry.search is not None
        else:
            self.markdown, self.meta = get_data(text)
            self._indexed = not (self.meta.get("search") or {}).get("exclude")
            self.meta["search"] = {**(self.meta.get("search") or {}), "exclude": True}
        self._source = self.markdown

    def render(self, config, files) -> None:
        entry = self._entry
        if entry is not None and self.markdown == self._source:
            self.content = entry.content
            self.toc = get_toc(entry.toc)
            if entry.title and "title" not in self.meta:
                self.title = entry.title  # Page.title is a weak_property: settable
            self.present_anchor_ids = set(entry.anchors)
            self.links_to_anchors = {}
            self.search_text = entry.search
            self.cache.hits += 1
            self._let_markdown_go()
            return
        self.cache.misses += 1
        counter = WarningCount()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(counter)
        try:
            super().render(config, files)
        finally:
            logger.removeHandler(counter)
        self.search_text = self.text_of(self.content) if self._indexed else None
        if counter.count == 0 and self.markdown == self._source:
            self.cache.put(self._key, Rendered(
                meta=self.meta, content=self.content, toc=toc_tokens(self.toc),
                title=self.title, anchors=sorted(self.present_anchor_ids or ()),
                search=self.search_text))
        self._let_markdown_go()

    def _let_markdown_go(self) -> None:
        """In `mkdocs build`, the page's Markdown once it is HTML: MkDocs renders every page
        before it writes any and keeps each one's Markdown to the end (125 MB of text at
        5,000 articles, four times that at 20,000), and nothing reads it after `render`: the
        theme and the page cache read the HTML. `mkdocs serve` keeps it (`text` is set)."""
        if self.text is None:
            self.markdown = self._source = ""
