"""Smaller pages: every page's finished HTML minified, and the bytes every page repeats cut.

Material puts ~13 KB of theme markup (indented HTML, the navigation, inline icons) before a
page's own content; at 20,000 articles that alone is most of a site GitHub Pages would
refuse (1 GB). The plugin hands each page's final HTML (MkDocs' `on_post_page`, after every
other change to it) to `minify-html`, a maintained minifier written in Rust: whitespace
between tags, optional quotes and closing tags' spaces go; `<pre>`/`<textarea>` text and
every element, attribute and link stay, so the page works as before. It is deterministic:
the same page gives the same bytes in every build.

Search is untouched: digest's own index takes each page's text from its rendered content
(`on_page_content`, before the theme), and Material's search plugin reads page content in
`on_page_context`, both before this step."""
from __future__ import annotations

import re

import minify_html

# `minify-html`'s defaults with everything that could change how a browser or a feed reader
# reads the page kept: opening <html>/<head> tags (other plugins and the feed links look for
# `</head>`), spec-compliant attribute quoting, and inline scripts left as they are (Material's
# `__config` is JSON that its bundle parses; the few inline scripts are tiny).
_OPTIONS = dict(
    keep_html_and_head_opening_tags=True,
    keep_closing_tags=True,
    minify_css=True,
    minify_js=False,
    keep_comments=False,
    allow_noncompliant_unquoted_attribute_values=False,
    allow_removing_spaces_between_attributes=False,
)


# minify-html writes the <title> text with the fewest entities: a headline "<script>..." then
# stands unescaped in the title (safe there, as a browser reads title text literally, but
# not in tools that scan pages for tags): its `<` are escaped again.
_TITLE = re.compile(r"(<title>)(.*?)(</title>)", re.S)


def minify(page_html: str) -> str:
    """The page's HTML, minified; a page minify-html cannot parse is returned as it was."""
    try:
        small = minify_html.minify(page_html, **_OPTIONS)
    except Exception:  # noqa: BLE001  (a Rust panic surfaces as a plain exception)
        return page_html
    return _TITLE.sub(lambda m: m[1] + m[2].replace("<", "&lt;") + m[3], small, count=1)
