"""RSS 2.0 and Atom 1.0 feeds as strings: pure functions of their items, so that rebuilding
the same site gives byte-identical feeds. Written with xml.etree.ElementTree, which escapes
text and attributes; characters XML 1.0 forbids are dropped first.

Dates are calendar days: an item's date is taken as midnight UTC. The feed's own date
(lastBuildDate, updated) is its newest item's, never the build time.

Ids are `tag:` URIs (RFC 4151), `tag:AUTHORITY:article/LEDGER-KEY`: the authority is a fixed
setting (`feed_authority`) and the key is the article's key in the published-URL ledger (its
seed's name), so an entry keeps its id when the site moves (`site_url`), when its headline
and address change, and between builds; readers never announce it twice."""
from __future__ import annotations

import datetime as dt
import email.utils
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote

from digest.inputs.settings import DEFAULT_AUTHORITY
from digest.site import words
from digest.site.urls import absolute

if TYPE_CHECKING:
    from digest.corpus.editions import Edition
    from digest.corpus.entries import Corpus
    from digest.site.urls import Paths

ATOM_NS = "http://www.w3.org/2005/Atom"
DC_NS = "http://purl.org/dc/elements/1.1/"
# A tag-URI authority (RFC 4151): a domain or e-mail address, a comma, and a date when its
# owner held it. The default (settings.DEFAULT_AUTHORITY) uses `.invalid`, a name no one can
# own (RFC 2606), so its ids never collide with a real minter's.
TAG_AUTHORITY = re.compile(
    r"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
    r"|[^@\s,:]+@[A-Za-z0-9.-]+),\d{4}(?:-\d{2}(?:-\d{2})?)?$")
FEED_ITEMS = 100  # newest articles (and editions) in each feed
XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'
# What XML 1.0 cannot carry at all, even escaped: C0 controls other than tab, LF, CR;
# surrogates; U+FFFE and U+FFFF.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# An empty feed still needs a fixed date, so that rebuilding it changes nothing.
EPOCH = dt.date(1970, 1, 1)


@dataclass(frozen=True)
class FeedItem:
    """One article in a feed. `link` must already be absolute (see `urls.absolute`); `id` is
    the article's stable id (a `tag:` URI from `tag_uri`, or any string)."""

    title: str
    link: str
    date: dt.date | None
    summary: str
    id: str
    source: str | None = None
    author: str | None = None
    categories: tuple[str, ...] = ()


def tag_uri(authority: str, specific: str) -> str:
    """`tag:AUTHORITY:SPECIFIC` (RFC 4151), the specific part percent-encoded where needed."""
    return f"tag:{authority}:{quote(specific, safe='-._~/')}"


def _day(value: dt.date | None) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def _ordered(items: list[FeedItem]) -> list[tuple[dt.date, FeedItem]]:
    """Dated items only, newest first; same-day items by title, then id."""
    dated = [(day, item) for item in items if (day := _day(item.date)) is not None]
    dated.sort(key=lambda pair: (pair[1].title, pair[1].id))
    dated.sort(key=lambda pair: pair[0], reverse=True)
    return dated


def _text(value: str | None) -> str:
    """Text XML can carry as is: forbidden characters dropped, and line ends made \\n, as a
    parser would read them anyway."""
    return NOT_XML.sub("", (value or "").replace("\r\n", "\n").replace("\r", "\n"))


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrib: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: _text(v) for k, v in attrib.items()})
    if text is not None:
        element.text = _text(text)
    return element


def _serialize(root: ET.Element) -> str:
    ET.indent(root, space="  ")
    return XML_DECLARATION + ET.tostring(root, encoding="unicode") + "\n"


def rfc822(day: dt.date) -> str:
    """RSS dates: "Thu, 16 May 2024 00:00:00 GMT"."""
    moment = dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)
    return email.utils.format_datetime(moment, usegmt=True)


def rfc3339(day: dt.date) -> str:
    """Atom dates: "2024-05-16T00:00:00Z"."""
    return f"{day.isoformat()}T00:00:00Z"


def _atom_id(value: str) -> str:
    """Atom ids must be IRIs: a URI is kept, anything else becomes a urn under "digest"."""
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:\S", value):
        return value
    return "urn:digest:" + quote(value, safe="")


def rss(title: str, link: str, description: str, items: list[FeedItem], feed_url: str = "",
        language: str = "") -> str:
    """An RSS 2.0 feed. `link` is the site's absolute address, `feed_url` the feed's own
    (announced as `atom:link rel="self"`, as the RSS Advisory Board recommends)."""
    ordered = _ordered(items)
    root = ET.Element("rss", {"version": "2.0", "xmlns:atom": ATOM_NS, "xmlns:dc": DC_NS})
    channel = _sub(root, "channel")
    _sub(channel, "title", title)
    _sub(channel, "link", link)
    _sub(channel, "description", description)
    if feed_url:
        _sub(channel, "atom:link", href=feed_url, rel="self", type="application/rss+xml")
    if language:
        _sub(channel, "language", language)
    if ordered:
        _sub(channel, "lastBuildDate", rfc822(ordered[0][0]))
    for day, item in ordered:
        entry = _sub(channel, "item")
        _sub(entry, "title", item.title)
        _sub(entry, "link", item.link)
        _sub(entry, "guid", item.id, isPermaLink="true" if item.id == item.link else "false")
        _sub(entry, "pubDate", rfc822(day))
        _sub(entry, "description", item.summary)
        if item.author:  # RSS <author> must be an e-mail address: Dublin Core's creator is not
            _sub(entry, "dc:creator", item.author)
        for category in item.categories:
            _sub(entry, "category", category)
        if item.source:
            # RSS <source> names the channel an item came from and requires its URL; we only
            # know the publisher's name, which is what Dublin Core's publisher is for.
            _sub(entry, "dc:publisher", item.source)
    return _serialize(root)


def atom(title: str, link: str, feed_url: str, items: list[FeedItem], feed_id: str = "",
         language: str = "") -> str:
    """An Atom 1.0 feed. `link` is the site's absolute address, `feed_url` the feed's own,
    `feed_id` its stable id (by default its address)."""
    ordered = _ordered(items)
    attrib = {"xmlns": ATOM_NS, **({"xml:lang": language} if language else {})}
    root = ET.Element("feed", attrib)
    _sub(root, "id", _atom_id(feed_id or feed_url or link))
    _sub(root, "title", title)
    _sub(root, "updated", rfc3339(ordered[0][0] if ordered else EPOCH))
    _sub(root, "link", href=link, rel="alternate")
    if feed_url:
        _sub(root, "link", href=feed_url, rel="self")
    author = _sub(root, "author")  # Atom wants an author for every entry; the site is it
    _sub(author, "name", title)
    for day, item in ordered:
        entry = _sub(root, "entry")
        _sub(entry, "id", _atom_id(item.id))
        _sub(entry, "title", item.title, type="text")
        _sub(entry, "link", href=item.link, rel="alternate")
        _sub(entry, "published", rfc3339(day))
        _sub(entry, "updated", rfc3339(day))
        _sub(entry, "summary", item.summary, type="text")
        if item.author:
            _sub(_sub(entry, "author"), "name", item.author)
        for category in item.categories:
            _sub(entry, "category", term=category)
        if item.source:
            source = _sub(entry, "source")
            _sub(source, "title", item.source)
    return _serialize(root)


def edition_line(article) -> str:
    """An article in its edition's feed entry as in the edition's listing: headline and short
    lede, without the wire's dateline (a week of real news with whole summaries made each
    editions feed a megabyte)."""
    lede = words.lede(article.summary)
    return f"{article.title}: {lede}" if lede else article.title


def feed_pages(corpus: Corpus, editions: list[Edition], paths: Paths, site_url: str,
               site_name: str, language: str = "", authority: str = DEFAULT_AUTHORITY
               ) -> dict[str, str]:
    """RSS and Atom for all articles and for editions, by path under docs/; undated articles
    stay out. Links are the pages' absolute URLs (`Paths.absolute`)."""
    items = [FeedItem(title=a.title, link=paths.absolute(site_url, paths.article(a)),
                      date=a.date, summary=a.summary, id=tag_uri(authority, f"article/{a.name}"),
                      source=a.source, author=a.author, categories=tuple(a.topics))
             for a in [a for a in corpus.articles if a.date is not None][:FEED_ITEMS]]
    edition_items = [FeedItem(
        title=e.title, link=paths.absolute(site_url, paths.edition(e)), date=e.date,
        id=tag_uri(authority, f"edition/{e.kind}/{e.slug}"),
        summary=(e.intro.strip() + "\n\n" if e.intro else "")
        + "\n".join(edition_line(a) for a in e.articles))
        for e in editions[:FEED_ITEMS]]  # only those the feed keeps are made
    home = absolute(site_url, "./")
    feeds = {}
    for name, (title, chosen) in {"articles": (site_name, items),
                                  "editions": (f"{site_name}: editions", edition_items)}.items():
        rss_path, atom_path = paths.feed(f"{name}.rss.xml"), paths.feed(f"{name}.atom.xml")
        description = f"{site_name}: newest articles" if name == "articles" else title
        feeds[rss_path] = rss(title, home, description, chosen,
                              feed_url=paths.absolute(site_url, rss_path), language=language)
        feeds[atom_path] = atom(title, home, paths.absolute(site_url, atom_path), chosen,
                                feed_id=tag_uri(authority, f"feed/{name}"), language=language)
    return feeds
