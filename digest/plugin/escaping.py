"""Curator-given strings made safe for the theme variables they reach.

Themes print `page.meta` values as raw HTML: Material writes
`<meta name="author" content="{{ page.meta.author }}">` and the same for `description`, and
a curator's own `overrides/` may print any other key (`source`, `url`, `summary`, roles,
quotes). MkDocs' Jinja does not autoescape. So an `author: '"><script>…'` in a sidecar would
run in every reader's browser, and an ordinary `O'Brien & "JJ" <Smith>` would break the tag.

`theme_meta` gives the theme a copy of a generated page's meta with every string escaped for
HTML text and double-quoted or single-quoted attributes (the five characters `& < > " '`),
and each `url` validated for its place: plain http(s) or nothing, never `javascript:`. The
page's own meta (shared with the render cache) is left as it is. `title` comes from pages.py
already escaped (the theme also prints it raw, in `<title>` and the header), so it is kept."""
from __future__ import annotations

import html
from typing import Any

from digest.site.markup import safe_url

ESCAPED_ALREADY = frozenset({"title", "description"})  # site/pages.py writes these escaped
URL_KEYS = frozenset({"url", "image"})
# What themes and MkDocs read as settings, not text: never curator-given in generated pages.
STRUCTURAL = frozenset({"search", "hide", "template", "status", "icon", "tags"})


def escape(value: Any) -> Any:
    """Every string inside `value` HTML-escaped (quotes too), the structure kept."""
    if isinstance(value, str):
        return html.escape(value, quote=True)
    if isinstance(value, list):
        return [escape(v) for v in value]
    if isinstance(value, tuple):
        return tuple(escape(v) for v in value)
    if isinstance(value, dict):
        return {escape(k) if isinstance(k, str) else k: escape(v) for k, v in value.items()}
    return value


def theme_meta(meta: dict[str, Any]) -> dict[str, Any]:
    """A copy of a generated page's front matter, each value safe where themes print it."""
    safe: dict[str, Any] = {}
    for key, value in meta.items():
        if key in ESCAPED_ALREADY or key in STRUCTURAL:
            safe[key] = value
        elif key in URL_KEYS:
            url = safe_url(value) if isinstance(value, str) else None
            if url is not None:
                safe[key] = html.escape(url, quote=True)
        else:
            safe[key] = escape(value)
    return safe
