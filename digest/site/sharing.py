"""What a shared link and a search engine see of a page: OpenGraph and Twitter card tags,
and for articles a JSON-LD `NewsArticle`. Everything comes from the page's own front matter
at build time, offline. Each value is escaped for where it goes: attribute values as HTML
attributes, JSON-LD as JSON in which `<`, `>` and `&` are written as `\\u` escapes, so that a
`</script>` in a headline cannot end the block."""
from __future__ import annotations

import datetime as dt
import html
import json
from typing import Any

from digest.site import words


def plain(value: Any) -> str:
    """Front-matter titles and descriptions are stored HTML-escaped (themes print them raw):
    back to text, white space collapsed."""
    return " ".join(html.unescape(str(value)).split())


def attr(value: str) -> str:
    return html.escape(value, quote=True)


def script_json(data: dict) -> str:
    """JSON safe inside `<script>`: no `<`, `>` or `&` survives as itself."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def iso(value: Any) -> str | None:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return None


def head_tags(meta: dict, title: str, site_name: str, site_description: str,
              canonical: str | None, language: str = "en") -> str:
    """The `<meta>` tags and JSON-LD for one page, as HTML for its `<head>`."""
    kind = meta.get("digest")
    title = plain(meta.get("title") or title or site_name)
    description = plain(meta.get("description") or site_description or "")
    article = kind == "article"
    tags: list[tuple[str, str, str]] = [
        ("property", "og:title", title),
        ("property", "og:type", "article" if article else "website"),
        ("property", "og:site_name", site_name),
    ]
    if description:
        tags.append(("property", "og:description", description))
    if canonical:  # only with site_url: a relative og:url means nothing to a reader's app
        tags.append(("property", "og:url", canonical))
    tags.append(("property", "og:locale", str(words.locale(language))))
    published = iso(meta.get("date"))
    author = plain(meta["author"]) if meta.get("author") else None
    topics = [words.sentence_case(t) for t in meta.get("topics") or []]
    if article:
        if published:
            tags.append(("property", "article:published_time", published))
        if author:
            tags.append(("property", "article:author", author))
        tags += [("property", "article:tag", t) for t in topics]
    # X/Twitter reads the title and description from og:title and og:description when its
    # own tags are absent: only the card type is said (two copies less on every page).
    tags.append(("name", "twitter:card", "summary"))
    out = [f'<meta {key}="{attr(name)}" content="{attr(value)}">' for key, name, value in tags]
    if article:
        # No "description" and no "mainEntityOfPage": the page's own description meta and
        # "url" say them already (one copy less of a 40-word lede on every article).
        data: dict[str, Any] = {"@context": "https://schema.org", "@type": "NewsArticle",
                                "headline": title}
        if published:
            data["datePublished"] = published
        if author:
            data["author"] = {"@type": "Person", "name": author}
        elif meta.get("source"):
            data["author"] = {"@type": "Organization", "name": plain(meta["source"])}
        data["publisher"] = {"@type": "Organization", "name": site_name}
        about = ([{"@type": "Person", "name": str(n)} for n in meta.get("people") or []]
                 + [{"@type": "Place", "name": str(n)} for n in meta.get("places") or []])
        if about:
            data["about"] = about
        if topics:
            data["keywords"] = topics
        data["inLanguage"] = language
        if canonical:
            data["url"] = canonical
        if meta.get("url"):
            data["isBasedOn"] = str(meta["url"])
        out.append(f'<script type="application/ld+json">{script_json(data)}</script>')
    return "\n".join(out) + "\n"


def inject_head(output: str, page, config) -> str:
    """Adds the tags to a rendered page, before `</head>` (MkDocs' `on_post_page`)."""
    if "</head>" not in output or page is None:
        return output
    # the front matter as written: the theme's copy (page.meta) is HTML-escaped already
    meta = getattr(page, "digest_meta", None) or getattr(page, "meta", None) or {}
    theme = config.theme
    language = theme["language"] if "language" in theme else "en"
    canonical = page.canonical_url if config.site_url else None
    tags = head_tags(meta, page.title or "", config.site_name or "",
                     config.site_description or "", canonical, language)
    return output.replace("</head>", tags + "</head>", 1)
