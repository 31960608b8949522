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
            generated page for the sitemap (its article's date); then (last of every
            plugin) looks up each generated page in the whole-page cache
            (digest/incremental/pagecache.py): a page whose content and theme context are
            unchanged gets a template that prints its cached final HTML (on_page_context
            fetches it) and on_post_page passes it through untouched;
on_post_page adds feed discovery links to every page and minifies it (minify.py); with
            on_post_build, it swaps Material's in-browser lunr index for our prebuilt,
            sharded one (digest/search.py), driven by Material's own search UI."""
from __future__ import annotations

import dataclasses
import gc
import html
import logging
import re
import threading
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.utils import get_relative_url

from digest.build import BuildResult, BuildState, build
from digest.corpus.entries import Corpus
from digest.inputs.settings import legacy_config
from digest.incremental import pagecache
from digest.incremental.rendercache import RenderCache, fingerprint
from digest.output import BuildStopped
from digest.plugin.config import DigestConfig, settings_from
from digest.plugin.escaping import theme_meta
from digest.plugin.chrome import STYLESHEET as ICONS, Chrome, compact_xml, unused_theme_files
from digest.plugin.minify import minify
from digest.plugin.structure import GeneratedPage, WarningCount
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
CHROME_KEY = "chrome\0"  # the page cache's entry for the chrome of one site key
PACKAGE = Path(__file__).resolve().parent.parent  # digest/: its files are in the page key


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
        self.pages = PageCacheState()
        self.chrome = Chrome()  # the theme's icons and palette script, once per site
        self.set_aside: set[str] = set()  # generated pages a dirty rebuild leaves as they are
        self.urls: dict[str, str] = {}  # generated page -> its URL, kept by `mkdocs serve`
        self.dates: tuple[dict, object] | None = None  # page dates and the newest (on_nav)

    def on_startup(self, *, command, dirty) -> None:
        self.command = command
        self.dirty = dirty
        if command == "serve" and dirty:
            logging.getLogger("mkdocs.structure.pages").addFilter(SetAsideLinks(self.set_aside))

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
        self._page_cache_open(folder)
        return config

    def on_pre_build(self, *, config) -> None:
        import sys

        self._stop_indexer()
        self.dates = None
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
        for file in unused_theme_files(files, config):  # lunr, source maps: see chrome.py
            files.remove(file)
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
        # `mkdocs serve --dirty`, after its first build: the pages digest did not rewrite are
        # served from the last build's HTML, so MkDocs need not make a Page of each (see
        # `set_aside`).
        unchanged = self._unchanged(config)
        self.set_aside.clear()  # the same set: the log filter reads it
        for file in files.documentation_pages():
            text = texts.get(file.src_uri)
            if text is None:
                continue
            if file.src_uri in unchanged:
                file.inclusion = InclusionLevel.EXCLUDED
                self.set_aside.add(file.src_uri)
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

    def _unchanged(self, config) -> set[str]:
        """In a dirty rebuild of `mkdocs serve` (not its first build), the generated pages
        this build did not rewrite and no `nav:` entry names. MkDocs --dirty would not render
        them anyway (their Markdown is older than their HTML), but it still makes a Page of
        each, reads its date and checks its file twice: most of a rebuild at 5,000 articles.
        Marked EXCLUDED, they are left out of that work, and their HTML from the last build
        stays in the served folder (a dirty build never cleans it)."""
        report = self.result.report if self.result is not None else None
        if not (self.command == "serve" and self.dirty and not self.pages.first) \
                or report is None:
            return set()
        in_nav = set(_nav_paths(config.nav))
        written = set(report.written)
        return {path for path in self.result.pages if path not in written
                and path not in in_nav and path.endswith(".md")}

    @event_priority(-100)  # last: the page cache fingerprints the environment as others left it
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
        if self.set_aside and self.result is not None:  # their URLs from the last build
            url = self.result.layout.url
            self.live.update(self.urls.get(path) or url(path) for path in self.set_aside)
        if self.command == "serve":
            self.urls.update((file.src_uri, file.url) for file in files.documentation_pages()
                             if isinstance(file.page, GeneratedPage))
        if self.result is not None and self.dates is not None:
            dates, latest = self.dates
            for file in files.documentation_pages():
                page = file.page
                if isinstance(page, GeneratedPage):
                    day = dates.get(file.src_uri) or page.meta.get("date") or latest
                    if hasattr(day, "isoformat"):
                        page.update_date = day.isoformat()[:10]
        self._page_cache_prepare(env, config, files)
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

    @event_priority(-100)  # last: a page the cache misses is stored as the context made it
    def on_page_context(self, context, *, page, config, nav):
        if isinstance(page, GeneratedPage):  # themes print meta raw: see escaping.py
            if self._page_cache_context(context, page, nav):
                return context  # the page is its cached HTML: no theme reads its meta
            page.digest_meta = page.meta  # as written, for the sharing tags (escaped there)
            page.meta = theme_meta(page.meta)
            self._page_cache_render(context, page)
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
        if self.result is not None:
            from digest.site.pages import drop_empty_undated

            nav = drop_empty_undated(nav, self.result.corpus, self.result.layout)
            # What on_env needs of the corpus, now: `mkdocs build` then lets the articles go
            # (seeds, extractions, entries: ~1 GB at 20,000 articles) before MkDocs renders
            # every page and holds their HTML. `mkdocs serve` keeps them for the next build.
            self.dates = page_dates(self.result.corpus, self.result.layout), \
                newest(self.result.corpus)
            if self.command != "serve":
                self.result = dataclasses.replace(self.result, corpus=Corpus([], {}),
                                                  lead=None)
                gc.collect()
        self.pages.nav = nav
        return nav

    def on_post_page(self, output, *, page, config):
        """Feed discovery links in the page's head, relative to the page's own URL; and
        Material's search UI drives our worker (digest/assets/search-worker.js); generated
        pages get their sharing tags (digest/site/sharing.py). A page from the whole-page
        cache is that final HTML already."""
        if isinstance(page, GeneratedPage) and page.page_cached:
            self.pages.hits += 1
            return output
        if self.result is not None:
            layout = self.result.layout
            links = "".join(
                f'<link rel="alternate feed" type="{kind}" title="{_attr(config.site_name)}: '
                f'{title}" href="{get_relative_url(layout.url(layout.feed(name)), page.url)}">'
                for name, kind, title in FEEDS)
            output = output.replace("</head>", links + "</head>", 1)
        from digest.site.sharing import inject_head  # OpenGraph, Twitter card, JSON-LD

        output = minify(self.chrome.shrink(inject_head(rewrite_worker_url(output), page, config),
                                           page.url))
        if isinstance(page, GeneratedPage):
            self._page_cache_put(page, output)
        return output

    def on_post_template(self, output_content, *, template_name, config):
        """404.html is rendered as a template, not a page: point it at our worker too. The
        sitemap loses its indentation."""
        if template_name == "sitemap.xml":
            return compact_xml(output_content)
        return minify(rewrite_worker_url(output_content)) if template_name.endswith(".html") \
            else rewrite_worker_url(output_content)

    def on_build_error(self, *, error) -> None:
        gc.unfreeze()
        self._page_cache_done(commit=False)

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
        self._page_cache_done(commit=True)
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
        if self.pages.store is not None:
            self.pages.store.close()

    # --- whole-page cache (digest/incremental/pagecache.py) ----------------------------------

    def _page_cache_open(self, folder: Path | None) -> None:
        """Its own SQLite file beside the render cache's; never held in memory (a page's
        final HTML is ~17 KB: 40,000 of them would not fit a serve session's budget)."""
        if folder is None:
            self.pages.store = None
        elif self.pages.store is None or self.pages.store.folder != folder:
            self.pages.store = RenderCache(folder, db_name=pagecache.DB_NAME)

    def _page_cache_prepare(self, env, config, files) -> None:
        """Each generated page's key; a page whose key is stored gets the template that
        prints its cached HTML (MkDocs reads `page.meta['template']` right after this; it is
        given back in on_page_context)."""
        state = self.pages
        state.site = None
        store = state.store
        first, state.first = state.first, False
        if store is None or store.folder is None or self.result is None:
            return
        if self.dirty and not first:
            return  # after its first build, --dirty renders only changed pages: none to reuse
        layout = self.result.layout
        feeds = [[layout.url(layout.feed(name)), kind, title] for name, kind, title in FEEDS]
        site = pagecache.site_key(config, state.nav, env, files, feeds, PACKAGE)
        if site is None:
            log.info("digest: whole-page cache off: plugins it does not know "
                     f"({', '.join(pagecache.unknown_plugins(config)) or 'template loader'}) "
                     "may change pages")
            return
        state.site, state.env = site, env
        state.template = env.from_string(pagecache.OUTPUT_TEMPLATE)
        known = store.keys()
        self._chrome_restore(store, site)
        for file in files.documentation_pages():
            page = file.page
            if not isinstance(page, GeneratedPage) or page.content is None:
                continue
            name = page.meta.get("template", "main.html")
            if not isinstance(name, str):
                continue
            page.page_key = pagecache.page_key(site, page, page.render_key, name)
            if page.page_key in known:
                page.page_template = (name, "template" in page.meta)
                page.meta["template"] = state.template
        state.counter = WarningCount()
        logging.getLogger("mkdocs").addHandler(state.counter)

    def _page_cache_context(self, context, page: GeneratedPage, nav) -> bool:
        """A hit: the cached HTML into the context for our template to print (True). The
        page's own `template` goes back in its meta, now that MkDocs has chosen ours."""
        state = self.pages
        if page.page_key is None:
            return False
        if nav is not state.nav:  # someone else's nav: the keys do not describe it
            page.page_key = None
        page.page_warnings = state.counter.count if state.counter else 0
        if page.page_template is None:
            return False
        name, had = page.page_template
        if had:
            page.meta["template"] = name
        else:
            page.meta.pop("template", None)
        output = state.store.get(page.page_key) if page.page_key is not None else None
        if not isinstance(output, str):
            return False  # an entry that cannot be read: _page_cache_render
        page.page_cached = True
        context[pagecache.OUTPUT_VARIABLE] = output
        return True

    def _page_cache_render(self, context, page: GeneratedPage) -> None:
        """A page given our template whose entry could not be read: rendered here with its
        own template, from the context as MkDocs and every plugin made it."""
        if page.page_template is not None:
            context[pagecache.OUTPUT_VARIABLE] = \
                self.pages.env.get_template(page.page_template[0]).render(context)

    def _page_cache_put(self, page: GeneratedPage, output: str) -> None:
        state = self.pages
        if page.page_key is None or state.site is None or state.store is None:
            return
        state.misses += 1
        if state.counter is not None and state.counter.count != page.page_warnings:
            return  # the theme warned: rendered again next time, so --strict keeps failing
        state.store.put(page.page_key, output)

    def _chrome_restore(self, store, site: str) -> None:
        """The icons and scripts the cached pages refer to (chrome.py takes them out of each
        page it renders): a page written from the cache never passes through `Chrome.shrink`,
        so icons.css would lack its icons. Kept under the site's key: the same theme and
        templates give the same icons."""
        kept = store.get(CHROME_KEY + site)
        if not isinstance(kept, dict):
            return
        for name, value in kept.items():  # data only, checked: a wrong entry is ignored
            if name in ("icons", "scripts") and isinstance(value, dict):
                getattr(self.chrome, name).update(
                    (k, v) for k, v in value.items() if isinstance(k, str) and isinstance(v, str))

    def _chrome_keep(self, store, site: str) -> None:
        store.put(CHROME_KEY + site, {"icons": dict(sorted(self.chrome.icons.items())),
                                      "scripts": dict(sorted(self.chrome.scripts.items()))})

    def _page_cache_done(self, commit: bool) -> None:
        state = self.pages
        if state.counter is not None:
            logging.getLogger("mkdocs").removeHandler(state.counter)
            state.counter = None
        if commit and state.site is not None and state.store is not None:
            self._chrome_keep(state.store, state.site)
            log.info(f"digest: {state.misses} generated pages through the theme, "
                     f"{state.hits} from the whole-page cache")
            state.store.commit(prune=not self.dirty)
        state.site, state.env, state.template = None, None, None
        state.hits = state.misses = 0


class SetAsideLinks(logging.Filter):
    """MkDocs says at INFO that a page links to an EXCLUDED one: in a dirty rebuild, every
    link from the edited page to a page set aside (`_unchanged`) would say so. Those lines
    are dropped; any other stays."""

    LINK = re.compile(r"contains a link to '(.+)' which is excluded from the built site")

    def __init__(self, set_aside: set[str]) -> None:
        super().__init__()
        self.set_aside = set_aside

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.set_aside:
            return True
        found = self.LINK.search(record.getMessage())
        return found is None or found[1] not in self.set_aside


@dataclass
class PageCacheState:
    """The whole-page cache during one build: its store, this build's site key, the nav and
    Jinja environment the keys were made from, and a warning counter."""

    store: RenderCache | None = None
    site: str | None = None
    nav: object = None
    env: object = None
    template: object = None
    counter: WarningCount | None = None
    hits: int = 0
    misses: int = 0
    first: bool = True  # this process's first build (`mkdocs serve --dirty` uses it then)


def _nav_paths(nav) -> list[str]:
    """Every page path a `nav:` setting names, at any depth."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [p for value in nav.values() for p in _nav_paths(value)]
    if isinstance(nav, list):
        return [p for item in nav for p in _nav_paths(item)]
    return []


def _attr(text: str) -> str:
    return html.escape(str(text), quote=True)
