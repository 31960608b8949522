"""The MkDocs plugin: `mkdocs build` and `mkdocs serve` run the digest build themselves.

on_startup  remembers whether this is `serve` (drafts shown) or `build` (drafts left out);
on_pre_build runs the digest build before MkDocs collects files, writing only changed pages;
on_serve    watches seeds/, the curator files and digest.yml;
on_page_markdown fills the home page's `<!-- digest:latest -->` and `<!-- digest:edition -->`;
on_post_page and on_post_build swap Material's in-browser lunr index for our prebuilt,
sharded one (digest/search.py), driven by Material's own search UI."""
from __future__ import annotations

import calendar
import logging
import os
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.plugins import BasePlugin, event_priority

from .build import BuildResult, BuildState, build
from .config import load_settings
from .search import build_search_index, rewrite_worker_url

log = logging.getLogger("mkdocs.plugins.digest")
LATEST_MARKER = "<!-- digest:latest -->"
EDITION_MARKER = "<!-- digest:edition -->"


class DigestPluginConfig(base.Config):
    progress = c.Type(bool, default=True)


class DigestPlugin(BasePlugin[DigestPluginConfig]):
    def __init__(self) -> None:
        self.command = "build"
        self.result: BuildResult | None = None
        self.settings = None
        self.epoch: str | None = None  # the SOURCE_DATE_EPOCH this plugin set, if any
        self.state = BuildState()  # kept between the builds of one `mkdocs serve`

    def on_startup(self, *, command, dirty) -> None:
        self.command = command

    def on_config(self, config):
        root = Path(config.config_file_path or ".").resolve().parent
        self.settings = load_settings(root, docs_dir=Path(config.docs_dir),
                                      site_url=config.site_url or "")
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
        return config

    def on_pre_build(self, *, config) -> None:
        import sys

        self.result = build(self.settings, progress=self.config.progress and sys.stderr.isatty(),
                            state=self.state)
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

    def on_serve(self, server, *, config, builder):
        import threading

        from .nlp import load_nlp

        # Load spaCy now, while the curator reads the first build, not on their first edit.
        threading.Thread(target=load_nlp, name="digest-load-nlp", daemon=True).start()
        for path in self.settings.watched():
            if path.exists():
                server.watch(str(path))
        return server

    def on_page_markdown(self, markdown, *, page, config, files):
        if self.result is None:
            return markdown
        here = page.file.src_uri
        if LATEST_MARKER in markdown:
            from .pages import latest

            text = latest(self.result.corpus, self.result.layout, here,
                          self.settings.home_latest)
            markdown = markdown.replace(LATEST_MARKER, text)
        if EDITION_MARKER in markdown:
            from .timepages import lead_section

            markdown = markdown.replace(EDITION_MARKER,
                                        lead_section(self.result.lead, self.result.layout, here))
        return markdown

    def on_post_page(self, output, *, page, config):
        """Material's search UI drives our worker (digest/assets/search-worker.js)."""
        return rewrite_worker_url(output)

    def on_post_template(self, output_content, *, template_name, config):
        """404.html is rendered as a template, not a page: point it at our worker too."""
        return rewrite_worker_url(output_content)

    @event_priority(-50)  # after Material's search plugin (0), before the offline plugin (-100)
    def on_post_build(self, *, config):
        figures = build_search_index(Path(config.site_dir))
        if figures:
            log.info(f"digest: search index for {figures['pages']} pages, "
                     f"{figures['shard_files']} term shards, {figures['text_files']} text files")
