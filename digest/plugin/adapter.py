"""The MkDocs plugin: `mkdocs build` and `mkdocs serve` run the digest build themselves.

Drop it into any project (`plugins: [search, digest]`): it brings everything it needs.

on_startup  remembers whether this is `serve` (drafts shown) or `build` (drafts left out);
on_config   reads the options (config.py), adds its stylesheet and the offline Worker
            stand-in to the theme's `extra_css` and `extra.polyfills`;
on_pre_build runs the digest build before MkDocs collects files, writing only changed pages;
on_serve    watches seeds/ and the curator files (`server.watch`; natively, see watch.py), and
            warms up the extractors (serving.py);
on_files    adds the assets (`File.generated`), keeps generated pages out of an automatic nav
            (`File.inclusion`), and gives each a GeneratedPage, rendered through the render
            cache (digest/rendercache.py), so a warm build converts only the pages that changed;
on_env      keeps compiled templates between the builds of one `mkdocs serve`, and dates each
            generated page for the sitemap (its article's date);
on_post_page adds feed discovery links to every page and minifies it (minify.py); with
            on_post_build, it swaps Material's in-browser lunr index for our prebuilt,
            sharded one (digest/search.py), driven by Material's own search UI."""
from __future__ import annotations

import gc
import html
import logging
import threading
from importlib import resources
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.utils import get_relative_url

from digest.build import BuildResult, BuildState, build
from digest.inputs.settings import legacy_config
from digest.incremental.rendercache import RenderCache, fingerprint
from digest.output import BuildStopped
from digest.plugin.config import DigestConfig, settings_from
from digest.plugin.escaping import theme_meta
from digest.plugin.chrome import STYLESHEET as ICONS, Chrome
from digest.plugin.minify import minify
from digest.plugin.structure import GeneratedPage
from digest.site.front import HOME, home_page
from digest.search.index import (Cancelled, SearchPage, material_pages, page_text, rewrite_worker_url,
                     write_search_index)
from digest.plugin.serving import MemoryBytecodeCache, warm_up
from digest.site.lastmod import newest, page_dates

log = logging.getLogger("mkdocs.plugins.digest")
# What the plugin adds to every site, from the package (digest/assets/).
ASSETS = {"assets/digest/digest.css": "digest.css",
          "assets/digest/iframe-worker.js": "iframe-worker.js"}
STYLESHEET = "assets/digest/digest.css"
# Our own stand-in for Web Workers on file:// pages (Material's search runs in one); with a
# polyfill whose name contains "iframe-worker", Material's offline plugin loads none from a CDN.
WORKER_SHIM = "assets/digest/iframe-worker.js"
# Feed discovery. `rel="alternate feed"`: readers and browsers look for the `alternate` token,
# while Material's language switcher selects `link[rel=alternate]` (the exact value) and
# would fetch a sitemap.xml beside every feed on every page.
FEEDS = (("articles.rss.xml", "application/rss+xml", "articles (RSS)"),
         ("articles.atom.xml", "application/atom+xml", "articles (Atom)"),
         ("editions.atom.xml", "application/atom+xml", "editions (Atom)"))
MARKERS = ("<!-- digest:latest -->", "<!-- digest:edition -->")


class DigestPlugin(BasePlugin[DigestConfig]):
    def __init__(self) -> None:
        self.command = "build"
        self.result: BuildResult | None = None
        self.settings = None
        self.state = BuildState()  # kept between the builds of one `mkdocs serve`
        self.dirty = False  # `mkdocs serve --dirty`: only changed pages are rendered
        self.render_cache: RenderCache | None = None
        self.live: set[str] = set()  # URLs of this build's pages
        # What our search index holds, by URL: kept between dirty builds, which render (and
        # so index) only the pages that changed.
        self.generated_search: dict[str, SearchPage] = {}
        self.hand_search: dict[str, SearchPage] = {}
        self.indexer: tuple[threading.Thread, threading.Event] | None = None
        self.templates = MemoryBytecodeCache()
        self.chrome = Chrome()  # the theme's icons and palette script, once per site

    def on_startup(self, *, command, dirty) -> None:
        self.command = command
        self.dirty = dirty

    @event_priority(50)  # before the offline plugin looks for an iframe-worker polyfill
    def on_config(self, config):
        try:
            self.settings = settings_from(config, self.config)
        except BuildStopped as stop:  # said once, without a traceback
            raise PluginError(f"digest: {stop}") from None
        self.settings.include_drafts = self.command == "serve"
        leftover = legacy_config(self.settings.root)
        if leftover is not None:
            log.warning(str(leftover))
        if not self.settings.site_url:
            log.warning("digest: site_url is not set in mkdocs.yml: the feeds can only link "
                        "to articles with relative addresses, which feed readers resolve "
                        "wrongly. Set site_url to the address the site is published at.")
        for sheet in (STYLESHEET, ICONS):
            if sheet not in config.extra_css:
                config.extra_css.append(sheet)
        polyfills = list(config.extra.get("polyfills") or [])
        if not any("iframe-worker" in str(p) for p in polyfills):
            config.extra["polyfills"] = [*polyfills, WORKER_SHIM]
        folder = self.settings.cache / "render" if self.settings.cache else None
        if self.render_cache is None or self.render_cache.folder != folder:
            self.render_cache = RenderCache(folder, keep_in_memory=self.command == "serve")
        return config

    def on_pre_build(self, *, config) -> None:
        import sys

        self._stop_indexer()
        if self.command == "serve":
            # The objects kept between builds (seeds, extractions, pages: millions at 5,000
            # articles) are set aside from the garbage collector while this build runs: a full
            # collection over them costs ~0.5 s. They are given back in on_post_build.
            gc.freeze()
        if not self.dirty:
            self.generated_search = {}

        # Only `mkdocs serve` keeps state between builds; `mkdocs build` frees it.
        try:
            self.result = build(self.settings,
                                progress=self.config.progress and sys.stderr.isatty(),
                                state=self.state if self.command == "serve" else None)
        except BuildStopped as stop:
            raise PluginError(f"digest: {stop}") from None
        for problem in self.result.problems:
            log.warning(str(problem))
        report = self.result.report
        if report is not None:
            log.info(f"digest: {len(self.result.corpus.articles)} articles, "
                     f"{len(report.written)} pages written, {len(report.removed)} removed, "
                     f"{report.unchanged} unchanged")

    def on_files(self, files, *, config):
        for path, name in ASSETS.items():
            if files.get_file_from_path(path) is None:
                text = resources.files("digest").joinpath("assets", name).read_text("utf-8")
                files.append(File.generated(config, path, content=text))
        if self.result is None:
            return files
        if files.get_file_from_path(HOME) is None:  # no home page of the curator's own
            files.append(File.generated(config, HOME, content=home_page(
                self.result.corpus, self.result.lead, self.result.layout,
                self.settings.home_latest, config.site_name)))
        texts = self.result.pages
        layout = self.result.layout
        serving = self.command == "serve"
        if not serving:  # pages are read back from disk: ~130 MB less held at 5,000 articles
            self.result.pages = {}
        # Now, after every plugin's on_config: one of them may have added a Markdown extension.
        self.render_cache.salt = fingerprint(config)
        moved = None
        for file in files.documentation_pages():
            text = texts.get(file.src_uri)
            if text is None:
                continue
            # Listed in an explicit `nav:` they still show; an automatic nav leaves them out.
            file.inclusion = InclusionLevel.NOT_IN_NAV
            if moved is None and file.url != layout.url(file.src_uri):
                moved = file
            GeneratedPage(file, config, self.render_cache, text=text if serving else None,
                          text_of=page_text)
        if moved is not None:
            log.warning(f"digest: {moved.src_uri} is served at {moved.url}, not at "
                        f"{layout.url(moved.src_uri)} as digest's feeds and redirects say: "
                        "another plugin moves digest's pages")
        return files

    def on_env(self, env, *, config, files):
        """Compiled templates kept between the builds of one `mkdocs serve` (MkDocs makes a
        new Jinja environment each build; Jinja checks each template's source checksum).
        Also each generated page's sitemap date (MkDocs' `lastmod`): its article's date, not
        the day of the build, and never the user's own pages'."""
        env.bytecode_cache = self.templates
        # The pages our search index may hold, known only now: Material's blog gives its
        # posts their URLs in on_files and includes them again in its on_nav. (Material's
        # index has the home page at "", where MkDocs' URL is "./".)
        self.live = {"" if file.url == "./" else file.url
                     for file in files.documentation_pages()}
        if self.result is not None:
            dates = page_dates(self.result.corpus, self.result.layout)
            latest = newest(self.result.corpus)
            for file in files.documentation_pages():
                page = file.page
                if isinstance(page, GeneratedPage):
                    day = dates.get(file.src_uri) or page.meta.get("date") or latest
                    if hasattr(day, "isoformat"):
                        page.update_date = day.isoformat()[:10]
        return env

    def on_page_content(self, html, *, page, config, files):
        if isinstance(page, GeneratedPage):
            if page.search_text is None:
                self.generated_search.pop(page.url, None)
            else:
                title, blocks = page.search_text
                self.generated_search[page.url] = SearchPage(page.url, title or page.title or "",
                                                             blocks)
        return html

    def on_page_context(self, context, *, page, config, nav):
        if isinstance(page, GeneratedPage):  # themes print meta raw: see escaping.py
            page.digest_meta = page.meta  # as written, for the sharing tags (escaped there)
            page.meta = theme_meta(page.meta)
        return context

    @event_priority(100)  # first: later watches, other plugins' too, land on our observer
    def on_serve(self, server, *, config, builder):
        # Load spaCy and every extractor's data now, while the curator reads the first
        # build, not on their first edit.
        threading.Thread(target=warm_up, name="digest-warm-up", daemon=True).start()
        if self.config.native_watcher:
            from digest.plugin.watch import use_native_watcher

            mkdocs_own = [config.docs_dir, config.config_file_path or "", *config.theme.dirs]
            use_native_watcher(server, self.settings.out_dir, [p for p in mkdocs_own if p])
        for path in self.settings.watched():
            if path.exists():
                server.watch(str(path))
        return server

    def on_page_markdown(self, markdown, *, page, config, files):
        if "<!-- digest:" in markdown and any(m in markdown for m in MARKERS):
            log.warning(f"digest: {page.file.src_uri} has a `<!-- digest:latest -->` or "
                        "`<!-- digest:edition -->` marker, which is no longer filled in: link "
                        f"to the front page instead, [Latest news]({self.settings.output}/"
                        "index.md), written by digest build")
        return markdown

    def on_nav(self, nav, *, config, files):
        """The Undated tab only when something is undated."""
        if self.result is None:
            return nav
        from digest.site.pages import drop_empty_undated

        return drop_empty_undated(nav, self.result.corpus, self.result.layout)

    def on_post_page(self, output, *, page, config):
        """Feed discovery links in the page's head, relative to the page's own URL; and
        Material's search UI drives our worker (digest/assets/search-worker.js); generated
        pages get their sharing tags (digest/site/sharing.py)."""
        if self.result is not None:
            layout = self.result.layout
            links = "".join(
                f'<link rel="alternate feed" type="{kind}" title="{_attr(config.site_name)}: '
                f'{title}" href="{get_relative_url(layout.url(layout.feed(name)), page.url)}">'
                for name, kind, title in FEEDS)
            output = output.replace("</head>", links + "</head>", 1)
        from digest.site.sharing import inject_head  # OpenGraph, Twitter card, JSON-LD

        return minify(self.chrome.shrink(inject_head(rewrite_worker_url(output), page, config),
                                         page.url))

    def on_post_template(self, output_content, *, template_name, config):
        """404.html is rendered as a template, not a page: point it at our worker too."""
        return minify(rewrite_worker_url(output_content)) if template_name.endswith(".html") \
            else rewrite_worker_url(output_content)

    def on_build_error(self, *, error) -> None:
        gc.unfreeze()

    @event_priority(-50)  # after Material's search plugin (0), before the offline plugin (-100)
    def on_post_build(self, *, config):
        gc.unfreeze()
        site = Path(config.site_dir)
        self.chrome.write(site)
        hand = material_pages(site)
        if not self.dirty:
            self.hand_search = {}
        if hand is not None:
            self.hand_search.update((page.location, page) for page in hand)
        found = {**self.hand_search, **self.generated_search}
        pages = [found[url] for url in sorted(found) if url in self.live]
        if self.render_cache is not None:
            log.info(f"digest: {self.render_cache.misses} generated pages rendered, "
                     f"{self.render_cache.hits} from the render cache")
            self.render_cache.commit(prune=not self.dirty)
        if hand is None:
            return
        if self.command == "serve":
            # The edited page is served as soon as this returns; the index follows a few
            # seconds later, and a newer build cancels it (on_pre_build).
            cancel = threading.Event()
            thread = threading.Thread(target=self._index, args=(site, pages, cancel),
                                      name="digest-search-index", daemon=True)
            self.indexer = (thread, cancel)
            thread.start()
        else:
            self._index(site, pages)

    def _index(self, site: Path, pages: list[SearchPage],
               cancel: threading.Event | None = None) -> None:
        def check() -> None:
            if cancel is not None and cancel.is_set():
                raise Cancelled

        cache = self.settings.cache / "search" if self.settings.cache else None
        try:
            figures = write_search_index(site, pages, check, cache=cache)
        except Cancelled:
            return
        finally:
            if cancel is not None and not cancel.is_set():
                gc.collect()  # the last build's garbage, now, while the server is idle
        log.info(f"digest: search index for {figures['pages']} pages, "
                 f"{figures['shard_files']} term shards, {figures['text_files']} text files")

    def _stop_indexer(self) -> None:
        if self.indexer is not None:
            thread, cancel = self.indexer
            cancel.set()
            thread.join()
            self.indexer = None

    def on_shutdown(self) -> None:
        self._stop_indexer()
        if self.render_cache is not None:
            self.render_cache.close()


def _attr(text: str) -> str:
    return html.escape(str(text), quote=True)
