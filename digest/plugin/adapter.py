"""The MkDocs plugin: `mkdocs build` and `mkdocs serve` run the digest build themselves.

on_startup  remembers whether this is `serve` (drafts shown) or `build` (drafts left out);
on_pre_build runs the digest build before MkDocs collects files, writing only changed pages;
on_serve    watches seeds/, the curator files and digest.yml (natively, see watch.py), and
            warms up the extractors (serving.py);
on_env      keeps compiled templates between the builds of one `mkdocs serve`;
on_files    gives each generated page a GeneratedPage, rendered through the render cache
            (digest/rendercache.py), so a warm build converts only the pages that changed;
on_page_markdown fills the home page's `<!-- digest:latest -->` and `<!-- digest:edition -->`;
on_post_page and on_post_build swap Material's in-browser lunr index for our prebuilt,
sharded one (digest/search.py), driven by Material's own search UI."""
from __future__ import annotations

import calendar
import gc
import logging
import os
import threading
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from digest.build import BuildResult, BuildState, build
from digest.inputs.settings import load_settings
from digest.incremental.rendercache import RenderCache, fingerprint
from digest.output import BuildStopped
from digest.plugin.escaping import theme_meta
from digest.plugin.structure import GeneratedPage
from digest.search.index import (Cancelled, SearchPage, material_pages, page_text, rewrite_worker_url,
                     write_search_index)
from digest.plugin.serving import MemoryBytecodeCache, warm_up

log = logging.getLogger("mkdocs.plugins.digest")
LATEST_MARKER = "<!-- digest:latest -->"
EDITION_MARKER = "<!-- digest:edition -->"


class DigestPluginConfig(base.Config):
    progress = c.Type(bool, default=True)
    # `mkdocs serve`: the operating system's file notifications instead of MkDocs' polling
    # (see digest/watch.py); set false to keep MkDocs' own watcher.
    native_watcher = c.Type(bool, default=True)


class DigestPlugin(BasePlugin[DigestPluginConfig]):
    def __init__(self) -> None:
        self.command = "build"
        self.result: BuildResult | None = None
        self.settings = None
        self.epoch: str | None = None  # the SOURCE_DATE_EPOCH this plugin set, if any
        self.state = BuildState()  # kept between the builds of one `mkdocs serve`
        self.dirty = False  # `mkdocs serve --dirty`: only changed pages are rendered
        self.render_cache: RenderCache | None = None
        self.live: set[str] = set()  # URLs of this build's pages
        # What our search index holds, by URL: kept between dirty builds, which render (and
        # so index) only the pages that changed.
        self.generated_search: dict[str, SearchPage] = {}
        self.hand_search: dict[str, SearchPage] = {}
        self.marker_pages: set[str] = set()  # hand pages we fill in at render time
        self.indexer: tuple[threading.Thread, threading.Event] | None = None
        self.templates = MemoryBytecodeCache()

    def on_startup(self, *, command, dirty) -> None:
        self.command = command
        self.dirty = dirty

    def on_config(self, config):
        root = Path(config.config_file_path or ".").resolve().parent
        try:
            self.settings = load_settings(root, docs_dir=Path(config.docs_dir),
                                          site_url=config.site_url or "")
        except BuildStopped as stop:  # said once, without a traceback
            raise PluginError(f"digest: {stop}") from None
        self.settings.site_name = config.site_name
        self.settings.include_drafts = self.command == "serve"
        feeds = f"{self.settings.output}/feeds"
        config.extra["digest_feeds"] = [
            {"type": "application/rss+xml", "title": "articles (RSS)",
             "path": f"{feeds}/articles.rss.xml"},
            {"type": "application/atom+xml", "title": "articles (Atom)",
             "path": f"{feeds}/articles.atom.xml"},
            {"type": "application/atom+xml", "title": "editions (Atom)",
             "path": f"{feeds}/editions.atom.xml"},
        ]
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
        dated = [a.date for a in self.result.corpus.articles if a.date is not None]
        if dated and os.environ.get("SOURCE_DATE_EPOCH", self.epoch) == self.epoch:
            # MkDocs stamps the sitemap with the build date; the newest article's date keeps
            # rebuilds of the same seeds byte-identical.
            newest = max(dated)
            self.epoch = str(calendar.timegm(newest.timetuple()))
            os.environ["SOURCE_DATE_EPOCH"] = self.epoch
        report = self.result.report
        if report is not None:
            log.info(f"digest: {len(self.result.corpus.articles)} articles, "
                     f"{len(report.written)} pages written, {len(report.removed)} removed, "
                     f"{report.unchanged} unchanged")

    def on_files(self, files, *, config):
        if self.result is None:
            return files
        texts = self.result.pages
        serving = self.command == "serve"
        if not serving:  # pages are read back from disk: ~130 MB less held at 5,000 articles
            self.result.pages = {}
        # Now, after every plugin's on_config: one of them may have added a Markdown extension.
        self.render_cache.salt = fingerprint(config)
        self.live = set()
        for file in files.documentation_pages():
            self.live.add(file.url)
            text = texts.get(file.src_uri)
            if text is not None:
                GeneratedPage(file, config, self.render_cache, text=text if serving else None,
                              text_of=page_text)
            elif self.dirty and file.src_uri in self.marker_pages:
                # A dirty build renders only pages whose source is newer than their output;
                # the home page's latest articles change without its source changing.
                try:
                    os.utime(file.abs_dest_path, (0, 0))
                except OSError:
                    pass
        return files

    def on_env(self, env, *, config, files):
        """Compiled templates kept between the builds of one `mkdocs serve` (MkDocs makes a
        new Jinja environment each build; Jinja checks each template's source checksum)."""
        env.bytecode_cache = self.templates
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
            page.meta = theme_meta(page.meta)
        return context

    def on_serve(self, server, *, config, builder):
        # Load spaCy and every extractor's data now, while the curator reads the first
        # build, not on their first edit.
        threading.Thread(target=warm_up, name="digest-warm-up", daemon=True).start()
        if self.config.native_watcher:
            from digest.plugin.watch import use_native_watcher

            use_native_watcher(server, self.settings.out_dir)
        for path in self.settings.watched():
            if path.exists():
                server.watch(str(path))
        return server

    def on_page_markdown(self, markdown, *, page, config, files):
        if self.result is None:
            return markdown
        here = page.file.src_uri
        if LATEST_MARKER in markdown or EDITION_MARKER in markdown:
            self.marker_pages.add(here)
        if LATEST_MARKER in markdown:
            from digest.site.pages import latest

            text = latest(self.result.corpus, self.result.layout, here,
                          self.settings.home_latest)
            markdown = markdown.replace(LATEST_MARKER, text)
        if EDITION_MARKER in markdown:
            from digest.site.timepages import lead_section

            markdown = markdown.replace(EDITION_MARKER,
                                        lead_section(self.result.lead, self.result.layout, here))
        return markdown

    def on_post_page(self, output, *, page, config):
        """Material's search UI drives our worker (digest/assets/search-worker.js)."""
        return rewrite_worker_url(output)

    def on_post_template(self, output_content, *, template_name, config):
        """404.html is rendered as a template, not a page: point it at our worker too."""
        return rewrite_worker_url(output_content)

    def on_build_error(self, *, error) -> None:
        gc.unfreeze()

    @event_priority(-50)  # after Material's search plugin (0), before the offline plugin (-100)
    def on_post_build(self, *, config):
        gc.unfreeze()
        site = Path(config.site_dir)
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
