"""Whole generated pages kept between builds: the final HTML of a page whose content and theme
context did not change is written again without rendering the theme's template.

A warm `mkdocs build` took its generated pages' HTML from the render cache (rendercache.py),
then still spent most of its time in Material's page template (~40,000 renders at 5,000
articles) and in the plugin's `on_post_page` (feed links, sharing tags, minifying). This cache
stores the page exactly as the plugin hands it back to MkDocs, under a key made of everything
those bytes are made of:

- the site: MkDocs' whole configuration (theme options, `extra`, `site_url`, `nav`, every
  plugin's options, Markdown settings), the versions of MkDocs, Material, Jinja, Markdown and
  minify-html, digest's own files (its code, assets and templates), the feed addresses, the
  navigation as built (every item's title, address and front matter), and every file each
  template loader of the theme's Jinja environment can load (theme folders, `custom_dir`, any
  loader a plugin added), by path, size and modification time;
- the page: its render-cache key (its text, path and Markdown settings: its front matter and
  table of contents follow from those, as the render cache itself relies on), its HTML, title, addresses (own, canonical, edit), sitemap
  date, previous and next pages, ancestors, and the template it names.

If a theme template reads the context's `pages` (every page of the site) or the build date,
the list of pages (or the date) joins the key too. Anything else another plugin could do to a
page cannot be known, so the cache is only used when the site's plugins are all known
(`KNOWN_PLUGINS`: MkDocs' and Material's search, Material's offline plugin, digest); with any
other plugin or hook every page is rendered as before. A page whose template rendering
logged a warning is not stored (`--strict` keeps failing on it). `mkdocs serve --dirty` uses
the cache for its first build only (later ones render only changed pages).

Entries are data (rendercache.RenderCache, one SQLite file `output.sqlite`): a planted or
broken entry is a miss, rendered the normal way."""
from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.plugins import BasePlugin

FORMAT = 1
DB_NAME = "output.sqlite"
KNOWN_PLUGINS = frozenset({"search", "material/search", "offline", "material/offline", "digest"})
VERSIONS = ("mkdocs", "mkdocs-material", "jinja2", "markupsafe", "markdown",
            "pymdown-extensions", "minify-html", "mkdocs-news-digest")
# Settings that say where files are, not what a page holds: a moved project keeps its cache.
PLACES = frozenset({"config_file_path", "docs_dir", "site_dir", "watch", "dev_addr", "strict"})
# What prints the cached page: MkDocs' Jinja does not autoescape, this says so anyway.
OUTPUT_TEMPLATE = "{% autoescape false %}{{ digest_output }}{% endautoescape %}"
OUTPUT_VARIABLE = "digest_output"
_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
# A template reading the whole site's pages (`pages`, not `nav_item.pages`) or the build date.
_BLOCK = re.compile(r"\{[{%](.*?)[%}]\}", re.S)  # what Jinja evaluates, not text or comments
_PAGES = re.compile(r"(?<![\w.'\"])pages\b")
_DATE = re.compile(r"\bbuild_date_utc\b")
_TEMPLATE_SUFFIXES = (".html", ".xml", ".j2", ".jinja", ".jinja2", ".txt")


def plain(value: Any) -> Any:
    """`value` as JSON data that is the same in every run for the same settings."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((plain(v) for v in value), key=repr)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, BasePlugin):  # its class and options
        return {"plugin": _name(type(value)), "config": plain(dict(value.config))}
    if callable(value):
        return _name(value)
    return _ADDRESS.sub("", f"{_name(type(value))}:{value!r}")


def _name(value: Any) -> str:
    return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', repr(value))}"


def _digest(data: Any) -> str:
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def unknown_plugins(config) -> list[str]:
    return [name for name in config.plugins if name not in KNOWN_PLUGINS]


def versions() -> dict[str, str | None]:
    found: dict[str, str | None] = {"python": sys.version.split()[0]}
    for name in VERSIONS:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = None
    return found


def package_files(root: Path) -> str:
    """digest's own code, assets and templates, by content (a few hundred KB)."""
    sha = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            sha.update(str(path.relative_to(root)).encode("utf-8", "surrogatepass") + b"\0")
            sha.update(path.read_bytes() + b"\0")
    return sha.hexdigest()


class TemplateFiles:
    """What every loader of a Jinja environment can load, as a fingerprint; and whether any
    of its templates reads the whole site's pages or the build date."""

    def __init__(self) -> None:
        self.sha = hashlib.sha256()
        self.reads_pages = False
        self.reads_date = False
        self.known = True  # False: a loader that cannot be listed (the cache is then off)

    def add_loader(self, env: jinja2.Environment, loader: jinja2.BaseLoader | None) -> None:
        if loader is None:
            return
        if isinstance(loader, jinja2.ChoiceLoader):
            for inner in loader.loaders:
                self.add_loader(env, inner)
        elif isinstance(loader, jinja2.PrefixLoader):
            for prefix in sorted(loader.mapping):
                self.sha.update(f"prefix:{prefix}\0".encode())
                self.add_loader(env, loader.mapping[prefix])
        elif isinstance(loader, jinja2.FileSystemLoader):
            for folder in loader.searchpath:
                self.add_folder(Path(folder))
        else:  # DictLoader, PackageLoader, ...: every template's source
            try:
                names = loader.list_templates()
            except TypeError:  # FunctionLoader and the like cannot list their templates
                self.known = False
                return
            self.sha.update(f"loader:{_name(type(loader))}\0".encode())
            for name in sorted(names):
                source = loader.get_source(env, name)[0]
                self.sha.update(name.encode("utf-8", "surrogatepass") + b"\0"
                                + source.encode("utf-8", "surrogatepass") + b"\0")
                self.scan(name, source)

    def add_folder(self, folder: Path) -> None:
        self.sha.update(f"folder:{folder}\0".encode("utf-8", "surrogatepass"))
        for top, dirs, files in os.walk(folder):
            dirs.sort()
            for name in sorted(files):
                path = os.path.join(top, name)
                try:
                    stat = os.stat(path)
                except OSError:
                    continue
                self.sha.update(f"{os.path.relpath(path, folder)}\0{stat.st_size}\0"
                                f"{stat.st_mtime_ns}\0".encode("utf-8", "surrogatepass"))
                if name.endswith(_TEMPLATE_SUFFIXES):
                    try:
                        source = Path(path).read_text(encoding="utf-8", errors="replace")
                    except OSError:
                        continue
                    self.scan(name, source)

    def scan(self, name: str, source: str) -> None:
        if not name.endswith(_TEMPLATE_SUFFIXES) or ("pages" not in source
                                                      and "build_date_utc" not in source):
            return
        for block in _BLOCK.finditer(source):
            self.reads_pages = self.reads_pages or bool(_PAGES.search(block[1]))
            self.reads_date = self.reads_date or bool(_DATE.search(block[1]))

    def hexdigest(self) -> str:
        return self.sha.hexdigest()


def nav_data(nav) -> list:
    """The navigation as the theme prints it: every item's kind, title, address, front
    matter and children."""
    def item(node) -> list:
        children = [item(child) for child in (node.children or [])] \
            if getattr(node, "children", None) else []
        meta = getattr(node, "meta", None)
        file = getattr(node, "file", None)
        return [type(node).__name__, node.title, getattr(node, "url", None),
                file.src_uri if file is not None else None,
                plain(meta) if meta is not None else None,
                bool(getattr(node, "is_homepage", False)), children]

    homepage = getattr(nav, "homepage", None)
    return [[item(node) for node in nav.items], homepage.url if homepage else None]


def site_key(config, nav, env: jinja2.Environment, files, extra: Any,
             package: Path) -> str | None:
    """Everything the site's pages share, as one fingerprint; None: the cache cannot be
    sound for this site (an unknown plugin, a loader that cannot be listed)."""
    if unknown_plugins(config):
        return None
    templates = TemplateFiles()
    templates.add_loader(env, env.loader)
    if not templates.known:
        return None
    settings = {key: plain(value) for key, value in config.items() if key not in PLACES}
    theme = config.theme
    data = {
        "format": FORMAT,
        "versions": versions(),
        "package": package_files(package),
        "config": settings,
        "theme": [theme.name, plain(dict(theme)), sorted(theme.static_templates)],
        "templates": templates.hexdigest(),
        "env": [env.autoescape if isinstance(env.autoescape, bool) else _name(env.autoescape),
                sorted(env.filters), sorted(env.tests), sorted(env.globals),
                [_name(type(e)) for e in env.extensions.values()],
                env.keep_trailing_newline, env.trim_blocks, env.lstrip_blocks],
        "nav": nav_data(nav),
        "extra": plain(extra),
    }
    if templates.reads_pages:
        data["pages"] = [[f.src_uri, f.url, plain(getattr(f.page, "title", None))]
                         for f in files.documentation_pages()]
    if templates.reads_date:
        from mkdocs.utils import get_build_datetime

        data["date"] = get_build_datetime().isoformat()
    return _digest(data)


def page_key(site: str, page, render_key: str, template: str) -> str:
    """One page's key: the site's, and everything of the page its template reads."""
    def link(other) -> list | None:
        return None if other is None else [other.title, other.url]

    data = [
        site, render_key, template, page.url, page.file.src_uri, page.file.dest_uri,
        str(page.file.inclusion),  # MkDocs marks excluded pages DRAFT after on_page_context
        page.canonical_url, page.edit_url, page.title, getattr(page, "update_date", None),
        bool(page.is_homepage), link(page.previous_page), link(page.next_page),
        [link(a) for a in page.ancestors],
        hashlib.sha256((page.content or "").encode("utf-8", "surrogatepass")).hexdigest(),
    ]
    return _digest(data)
