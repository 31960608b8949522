"""The theme's repeated chrome written once, in two small files, instead of inline in every page.

Material inlines its icons as SVG in every page (the logo twice, menu, the two palette
toggles, search, back arrow, clear: about 2.6 KB a page) and its palette script (0.75 KB).
A digest has thousands of pages (four to eight per article), so that alone is some 15-25 KB
per article of a site that must stay under GitHub Pages' 1 GB.

`Chrome.shrink` rewrites a finished page (MkDocs' `on_post_page`, before minifying):
- each one-colour icon outside the page's own content (`<svg viewBox><path d/>...</svg>`
  with no colours, styles, ids or other elements) becomes an empty
  `<svg viewBox class="dg-i-HASH"></svg>`: the element, its viewBox (so its size and aspect
  ratio), every class and rule of the theme that sizes or places it stay, and the shape
  is drawn by a CSS mask in `assets/digest/icons.css` in the current text colour, as
  Material draws its own navigation and admonition icons. Data URIs in one stylesheet: no
  request per icon and nothing that `file://` blocks (an SVG sprite `<use href>` to another
  file does not work from disk, and a mask image from a file is a CORS request there);
- each large classic inline script (the palette's) becomes `<script src>` of a file named
  by its content, `assets/digest/inline-HASH.js`: still run in the same place, before the
  page paints, and cached by the browser after the first page; Material's `__md_scope`
  script too (`scope-HASH.js`), which finds the site's root from its own address.

`shrink` also trims what Material writes on every page for features the page does not use:
- its `__config` JSON (which Material's bundle parses on every page) without spaces, without
  its null entries (the bundle tests them for truth: absent reads the same), and without the
  copy-to-clipboard and version-selector strings where there is nothing to copy and no version
  (about 400 bytes a page);
- the script that opens a content tab named by the URL's `#fragment`, on a page without tabs;
- the `<span class="md-ellipsis">` around each short label of the navigation drawer: it clips
  a label too long for the drawer, which a label of at most 20 characters never is; and the
  indentation around the drawer's and the tabs' labels.

The theme files no page loads (lunr, which digest's own search worker does not use, and
source maps: 2.3 MB of every site) are left out of MkDocs' files (`unused_theme_files`),
and the sitemap is written without indentation (`compact_xml`).

Icons in the page's content (`<article class="md-content__inner">`: charts, emoji) are left
alone, as are colourful or complex SVGs, JSON scripts (`__config`, JSON-LD) and small inline
scripts. `write` puts the files in site/ after the build (`on_post_build`); the object keeps
what it saw between the builds of one `mkdocs serve` (a dirty build renders a few pages).
The same pages give the same files, byte for byte."""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.utils import get_relative_url

STYLESHEET = "assets/digest/icons.css"
SCRIPTS = "assets/digest"
INLINE_MIN = 512  # inline scripts shorter than this stay (a request costs more)

# Material's icons as its templates write them (`{% include ".icons/....svg" %}`).
_SVG = re.compile(r'<svg xmlns="http://www\.w3\.org/2000/svg" viewBox="([0-9. -]+)">'
                  r'((?:<path d="[^"<>]*"\s*/>)+)</svg>')
_SCRIPT = re.compile(r"<script>((?:(?!</script>).){%d,})</script>" % INLINE_MIN, re.S)
_CONTENT = '<article class="md-content__inner md-typeset">'
_MD_SCOPE = re.compile(r'<script>__md_scope=new URL\("(\.|\.\.(?:/\.\.)*)",location\),'
                       r"((?:(?!</script>).)*)</script>", re.S)


_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
_TABBED = re.compile(r"<script>var target=document\.getElementById\(location\.hash\.slice\(1\)\);"
                     r"[^<]*__tabbed_[^<]*</script>")
_DRAWER = re.compile(r'<nav class="md-nav md-nav--primary.*?</nav>', re.S)
# A drawer label Material wraps to clip it; short labels cannot overflow (12.1rem wide).
_ELLIPSIS = re.compile(r'<span class="md-ellipsis">\s*([^<>]{1,20}?)\s*</span>')
# Tab and drawer labels without the template's indentation around them (each link is a
# flex box: the spaces at its ends are never drawn).
_TABS = re.compile(r'<nav class="md-tabs".*?</nav>', re.S)
_LABEL = re.compile(r'(<a href="[^"<>]*" class="md-(?:tabs|nav)__link">)\s*([^<>]*?)\s*</a>')


def _json_for_html(data: dict) -> str:
    """JSON as Jinja's `tojson` writes it inside a page: no `<`, `>`, `&` or `'` as itself."""
    text = json.dumps(data, sort_keys=True, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("'", "\\u0027"))


def compact_config(page_html: str) -> str:
    """The page's `__config` with what its bundle cannot use on this page left out."""
    match = _CONFIG.search(page_html)
    if match is None:
        return page_html
    try:
        data = json.loads(match[2])
    except ValueError:
        return page_html
    if not isinstance(data, dict):
        return page_html
    data = {key: value for key, value in data.items() if value is not None}
    features = data.get("features") if isinstance(data.get("features"), list) else []
    strings = data.get("translations")
    if isinstance(strings, dict):
        copies = "data-clipboard" in page_html or (
            any(str(f).startswith("content.code.copy") for f in features) and "<code" in page_html)
        data["translations"] = {
            key: value for key, value in strings.items()
            if not (key.startswith("clipboard.") and not copies)
            and not (key == "select.version" and "version" not in data)}
    return (page_html[:match.start()] + match[1] + _json_for_html(data) + match[3]
            + page_html[match.end():])


def trim_unused(page_html: str) -> str:
    """The content-tab script on a page without tabs, the clip of short drawer labels."""
    match = _TABBED.search(page_html)
    if match is not None and page_html.count("__tabbed_") == 1:
        page_html = page_html[:match.start()] + page_html[match.end():]
    page_html = _DRAWER.sub(lambda m: _LABEL.sub(r"\1\2</a>", _ELLIPSIS.sub(r"\1", m[0])),
                            page_html, count=1)
    return _TABS.sub(lambda m: _LABEL.sub(r"\1\2</a>", m[0]), page_html, count=1)


def _root_from(page_url: str) -> str:
    """MkDocs' base_url for a page: "." at the top, "../.." two folders down."""
    depth = page_url.count("/")
    return "/".join([".."] * depth) if depth else "."


def _key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:6]


def _data_uri(svg: str) -> str:
    """An SVG as a CSS `url()` data URI: only what a URL in a CSS string cannot hold escaped."""
    escaped = svg.replace("%", "%25").replace("#", "%23").replace('"', "'")
    return f'url("data:image/svg+xml;charset=utf-8,{escaped}")'


@dataclass
class Chrome:
    """Icons (class -> SVG) and inline scripts (file name -> source) taken out of pages."""

    icons: dict[str, str] = field(default_factory=dict)
    scripts: dict[str, str] = field(default_factory=dict)

    def shrink(self, page_html: str, page_url: str) -> str:
        """The page with its chrome icons and large inline scripts moved out. `page_url` is
        the page's URL relative to the site root (MkDocs' `page.url`), for relative links."""
        start = page_html.find(_CONTENT)
        end = page_html.find("</article>", start) if start >= 0 else -1
        if start < 0 or end < 0:
            start = end = len(page_html)
        head = self._scope(self._icons(page_html[:start]), page_url)
        tail = self._icons(page_html[end:])
        out = trim_unused(compact_config(head + page_html[start:end] + tail))
        return _SCRIPT.sub(lambda m: self._script(m, page_url), out)

    def _scope(self, head: str, page_url: str) -> str:
        """Material's `__md_scope` script (where the site's local storage lives) as a file,
        when its scope is the site's root, as it is unless `extra.scope` is set: the file
        finds the root from its own address (assets/digest/ is two folders down), so one
        file serves pages at every depth."""
        match = _MD_SCOPE.search(head)
        if match is None or match[1] != _root_from(page_url):
            return head
        source = f'__md_scope=new URL("../..",document.currentScript.src),{match[2]}'
        name = f"{SCRIPTS}/scope-{_key(source)}.js"
        self.scripts[name] = source
        tag = f'<script src="{get_relative_url(name, page_url)}"></script>'
        return head[:match.start()] + tag + head[match.end():]

    def _icons(self, part: str) -> str:
        return _SVG.sub(self._icon, part)

    def _icon(self, match: re.Match) -> str:
        svg = match[0]
        name = f"dg-i-{_key(svg)}"
        self.icons[name] = svg
        return f'<svg viewBox="{match[1]}" class="{name}"></svg>'

    def _script(self, match: re.Match, page_url: str) -> str:
        source = match[1]
        name = f"{SCRIPTS}/inline-{_key(source)}.js"
        self.scripts[name] = source
        return f'<script src="{get_relative_url(name, page_url)}"></script>'

    def css(self, kept: dict[str, str] | None = None) -> str:
        """One rule for what every icon shares, then one mask image per icon; `kept` rules
        (class -> rule) are added for classes this build did not see."""
        rules = {name: f".{name}{{-webkit-mask-image:{_data_uri(svg)};mask-image:{_data_uri(svg)}}}"
                 for name, svg in self.icons.items()}
        rules = {**(kept or {}), **rules}
        return ("/* digest: the theme's icons, drawn as CSS masks (digest/plugin/chrome.py) */\n"
                + 'svg[class^="dg-i-"]{background-color:currentcolor;forced-color-adjust:none;'
                "-webkit-mask-position:center;-webkit-mask-size:contain;-webkit-mask-repeat:no-repeat;"
                "mask-position:center;mask-size:contain;mask-repeat:no-repeat}\n"
                + "".join(rules[name] + "\n" for name in sorted(rules)))

    def write(self, site_dir: Path) -> None:
        """icons.css and the inline scripts, in site/ (only files whose bytes changed).

        A build that rendered only some pages (`--dirty`) keeps the icon rules already in
        site/ for pages it did not render; a full build starts from an empty site/."""
        sheet = Path(site_dir) / STYLESHEET
        kept = {}
        if sheet.is_file():
            kept = {m[1]: m[0] for m in _RULE.finditer(sheet.read_text("utf-8"))}
        files = {STYLESHEET: self.css(kept), **self.scripts}
        for name, text in sorted(files.items()):
            path = Path(site_dir) / name
            data = text.encode("utf-8")
            if path.is_file() and path.read_bytes() == data:
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)


_RULE = re.compile(r"^\.(dg-i-[0-9a-f]+)\{.*\}$", re.M)

# Theme files no page of a digest loads: lunr and its languages (Material's search worker
# imports them; digest's own worker, digest/assets/search-worker.js, does not), and source
# maps (fetched only by a browser's developer tools). About 2.3 MB of every site.
UNUSED_THEME_FOLDERS = ("assets/javascripts/lunr/",)
UNUSED_THEME_SUFFIXES = (".min.js.map", ".min.css.map")


def unused_theme_files(files, config) -> list:
    """The theme's own files (MkDocs' `Files`, in `on_files`) that no page uses: left out
    of the collection, MkDocs never copies them to site/. The docs' files and a curator's
    `custom_dir` are never among them."""
    own = {Path(p).resolve() for p in (config.docs_dir, config.theme.custom_dir) if p}
    resolved: dict[str, bool] = {}  # src_dir -> is it the docs' or custom_dir (once each)
    unused = []
    for file in files:  # the name first: resolving 15,000 docs' folders cost 0.4 s a build
        uri = file.src_uri
        if not (uri.startswith(UNUSED_THEME_FOLDERS) or uri.endswith(UNUSED_THEME_SUFFIXES)):
            continue
        if file.src_dir is None:
            continue
        mine = resolved.get(file.src_dir)
        if mine is None:
            mine = resolved[file.src_dir] = Path(file.src_dir).resolve() in own
        if not mine:
            unused.append(file)
    return unused


def compact_xml(text: str) -> str:
    """An XML file written by a template (the sitemap) without the indentation between its
    elements: a line and some 30 bytes for each page of the site."""
    return re.sub(r">\s+<", "><", text).strip() + "\n"
