"""What a page or feed says about itself: publication dates read from the raw string in its
own offset, a page's JSON-LD (schema.org `NewsArticle` and kin), OpenGraph and `<meta>`
tags, and canonical URLs. These come before any guess: a publisher's own markup is the
best evidence there is of its title, date, author and address."""
from __future__ import annotations

import datetime as dt
import email.utils
import json
import re
import warnings
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

import courlan
from dateutil import parser as date_parser
from lxml import html as lxml_html

from digest.inputs.importing.model import clean_text

ARTICLE_TYPES = re.compile(r"(Article|BlogPosting|LiveBlogPosting|Report)$")
# <meta> names and properties that carry the publication date, best first.
DATE_META = ("article:published_time", "og:article:published_time", "datepublished",
             "publishdate", "publish-date", "pubdate", "article.published", "parsely-pub-date",
             "sailthru.date", "dc.date.issued", "dcterms.issued", "dc.date", "date",
             "citation_publication_date", "citation_date")
AUTHOR_META = ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author",
               "byl", "citation_author")
_FAR_A = dt.datetime(1, 1, 1)
_FAR_B = dt.datetime(2, 2, 2)


def parse_date(raw: object) -> dt.date | None:
    """The calendar date a raw date string states, in the offset it states. "Thu, 16 May
    2024 23:30:00 -0400" is 16 May, although it is 17 May in UTC (where feedparser's
    `*_parsed` would put it). A string without a full day (a month, a year) gives None."""
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    text = clean_text(str(raw or ""))
    if not text or len(text) > 80:
        return None
    value: dt.date | None = None
    try:
        value = dt.datetime.fromisoformat(text).date()
    except ValueError:
        try:
            value = dt.date.fromisoformat(text[:10]) if re.match(
                r"\d{4}-\d\d-\d\d([T ]|$)", text) else None
        except ValueError:
            value = None
    if value is None:
        try:
            value = email.utils.parsedate_to_datetime(text).date()
        except (TypeError, ValueError, IndexError):
            value = None
    if value is None:
        try:
            # Parsed against two different defaults: a day or month missing from the
            # string would show as a difference, and such a string names no day.
            with warnings.catch_warnings():  # "ET", "IST": a zone it cannot place is fine
                warnings.simplefilter("ignore")
                one = date_parser.parse(text, default=_FAR_A)
                two = date_parser.parse(text, default=_FAR_B)
        except (ValueError, OverflowError, TypeError):
            return None
        if one.date() != two.date():
            return None
        value = one.date()
    if not 1900 <= value.year <= dt.date.today().year + 1:
        return None
    return value


def canonical_url(url: str | None, base: str | None = None) -> str | None:
    """An absolute, normalised address (courlan: lower-case host, no default port, no
    tracking parameters, sorted query) without its fragment; None for anything but
    http(s)."""
    if not url:
        return None
    url = url.strip()
    if base:
        url = urljoin(base, url)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    try:
        url = courlan.normalize_url(url)
    except (ValueError, AttributeError):
        pass
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))


def absolute_url(url: str | None, base: str | None = None) -> str | None:
    """An http(s) address made absolute against `base`, otherwise as written (an image's
    address is not normalised: its query often picks the size)."""
    if not url or not url.strip():
        return None
    url = urljoin(base, url.strip()) if base else url.strip()
    return url if urlsplit(url).scheme in ("http", "https") else None


def url_key(url: str | None) -> str | None:
    """What makes two addresses the same article: scheme, `www.`, a trailing slash and the
    fragment do not."""
    url = canonical_url(url)
    if not url:
        return None
    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.")
    path = parts.path.rstrip("/")
    return f"{host}{path}" + (f"?{parts.query}" if parts.query else "")


@dataclass
class PageMeta:
    """A page's own statements about itself; any field may be missing."""

    title: str | None = None  # JSON-LD headline
    og_title: str | None = None  # og:title, twitter:title (may end in " | Site")
    date_raw: str | None = None
    author: str | None = None
    publisher: str | None = None
    url: str | None = None
    image: str | None = None
    image_caption: str | None = None
    image_credit: str | None = None
    is_article: bool = False  # JSON-LD article type or og:type article
    is_index: bool = False  # JSON-LD CollectionPage/ItemList/WebSite, og:type website
    paywalled: bool = False  # isAccessibleForFree: false
    page_title: str | None = None  # the <title>


def _walk_ld(node: object):
    if isinstance(node, list):
        for item in node:
            yield from _walk_ld(item)
    elif isinstance(node, dict):
        yield node
        for key in ("@graph", "mainEntity", "itemListElement"):
            if key in node:
                yield from _walk_ld(node[key])


def _types(node: dict) -> list[str]:
    kind = node.get("@type") or []
    return [str(k) for k in (kind if isinstance(kind, list) else [kind])]


def _name(value: object) -> str | None:
    """A schema.org person or organisation (text, object, or list of them) as text."""
    if isinstance(value, list):
        names = [n for n in (_name(v) for v in value) if n]
        return ", ".join(dict.fromkeys(names)) or None
    if isinstance(value, dict):
        value = value.get("name")
    text = clean_text(str(value)) if isinstance(value, (str, int)) else ""
    return text or None


def _image(value: object) -> tuple[str | None, str | None, str | None]:
    """(url, caption, credit) of a schema.org image (text, ImageObject or list)."""
    if isinstance(value, list):
        return _image(value[0]) if value else (None, None, None)
    if isinstance(value, dict):
        credit = _name(value.get("creditText") or value.get("copyrightHolder")
                       or value.get("author"))
        return (str(value.get("url") or value.get("contentUrl") or "") or None,
                clean_text(str(value.get("caption") or "")) or None, credit)
    if isinstance(value, str):
        return value, None, None
    return None, None, None


def _meta(tree) -> dict[str, str]:
    found: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        content = el.get("content")
        if key and content and content.strip() and key not in found:
            found[key] = content.strip()
    return found


def read_page_meta(tree, base_url: str | None) -> PageMeta:
    """JSON-LD first, then OpenGraph and `<meta>`, then `<link rel=canonical>`,
    `<time itemprop=datePublished>`: the first that says a thing is taken."""
    meta = PageMeta()
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content() or "null", strict=False)
        except ValueError:
            continue
        for node in _walk_ld(data):
            types = _types(node)
            if any(ARTICLE_TYPES.search(t) for t in types):
                meta.is_article = True
                meta.title = meta.title or _name(node.get("headline") or node.get("name"))
                meta.date_raw = meta.date_raw or (str(node.get("datePublished") or "") or None)
                meta.author = meta.author or _name(node.get("author"))
                meta.publisher = meta.publisher or _name(node.get("publisher"))
                page = node.get("mainEntityOfPage")
                page = page.get("@id") if isinstance(page, dict) else page
                meta.url = meta.url or (str(node.get("url") or page or "") or None)
                if not meta.image:
                    meta.image, meta.image_caption, meta.image_credit = _image(node.get("image"))
                if node.get("isAccessibleForFree") in (False, "False", "false"):
                    meta.paywalled = True
            elif any(t in ("CollectionPage", "ItemList", "WebSite", "SearchResultsPage")
                     for t in types) and not meta.is_article:
                meta.is_index = meta.is_index or "WebSite" not in types
            if "NewsMediaOrganization" in types or "Organization" in types:
                meta.publisher = meta.publisher or _name(node.get("name"))
    tags = _meta(tree)
    og_type = tags.get("og:type", "").lower()
    if og_type == "article":
        meta.is_article = True
    elif og_type == "website" and not meta.is_article:
        meta.is_index = True
    meta.og_title = clean_text(tags.get("og:title") or tags.get("twitter:title")) or None
    if not meta.date_raw:
        meta.date_raw = next((tags[k] for k in DATE_META if k in tags), None)
    if not meta.date_raw:
        for el in tree.xpath('//*[@itemprop="datePublished"]'):
            meta.date_raw = el.get("datetime") or el.get("content") or clean_text(
                el.text_content()) or None
            if meta.date_raw:
                break
    if not meta.author:
        author = next((tags[k] for k in AUTHOR_META if k in tags
                       and not re.match(r"https?://", tags[k])), None)
        meta.author = clean_text(author) or None
    meta.publisher = meta.publisher or clean_text(
        tags.get("og:site_name") or tags.get("application-name")) or None
    canonical = tree.xpath('//link[@rel="canonical"]/@href')
    meta.url = (canonical[0] if canonical else None) or tags.get("og:url") or meta.url
    meta.url = canonical_url(meta.url, base_url) if meta.url else None
    image = tags.get("og:image") or tags.get("og:image:url") or tags.get("twitter:image")
    meta.image = absolute_url(image or meta.image, base_url)
    titles = tree.xpath("//title")
    meta.page_title = clean_text(titles[0].text_content()) if titles else None
    return meta


def parse_html(text: str):
    """An lxml tree of an HTML document (for its metadata, not its text)."""
    return lxml_html.document_fromstring(text)
