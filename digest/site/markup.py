"""Text to safe Markdown. Seeds are untrusted plain text: every character must render as
written and nothing may become markup, HTML or script."""
from __future__ import annotations

import html
import posixpath
import re

# Python-Markdown's backslash escapes (ESCAPED_CHARS), plus `|` from the tables extension.
# Other characters must not be escaped: a backslash before them would show.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def inline(text: str) -> str:
    """Plain text as inline Markdown: HTML special characters as entities, Markdown
    punctuation backslash-escaped, white space collapsed to single spaces."""
    text = " ".join(str(text).split())
    text = html.escape(text, quote=False)
    return _MD_SPECIAL.sub(r"\\\1", text)


def paragraph(text: str, css: str | None = None) -> str:
    """A plain-text paragraph as a raw HTML block, which Markdown leaves alone."""
    cls = f' class="{css}"' if css else ""
    return f"<p{cls}>{html.escape(' '.join(text.split()), quote=False)}</p>"


def attr(text: str) -> str:
    return html.escape(" ".join(str(text).split()), quote=True)


def relative(target: str, start: str) -> str:
    """posixpath.relpath for two clean paths under docs/, without its calls to getcwd:
    it runs hundreds of thousands of times in a large build."""
    to, base = target.split("/"), start.split("/") if start else []
    common = 0
    while common < min(len(to) - 1, len(base)) and to[common] == base[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + to[common:])


def link(text: str, target: str, from_page: str, css: str | None = None) -> str:
    """A Markdown link between two pages given by their paths under docs/; MkDocs checks it
    and turns it into the right URL (with `use_directory_urls` either way). A class goes on
    an inline `<span>` around it: plain HTML, no `attr_list` needed."""
    href = relative(target, posixpath.dirname(from_page))
    return span(f"[{inline(text)}]({href})", css) if css else f"[{inline(text)}]({href})"


def span(inner: str, css: str, extra: str = "") -> str:
    """Inline HTML around inline Markdown: Python-Markdown still converts what is inside
    (links included), with no extension."""
    return f'<span class="{css}"{extra}>{inner}</span>'


def time(date, text: str) -> str:
    """A date for machines and for people: `<time datetime="2024-06-08">8 June 2024</time>`."""
    return f'<time datetime="{date.isoformat()}">{inline(text)}</time>'


def safe_url(url: str | None) -> str | None:
    """An external link only when it is plainly http(s): no javascript:, data: or spaces."""
    if url and re.fullmatch(r"https?://[^\s<>\"'`]+", url.strip()):
        return url.strip()
    return None
