"""RSS and Atom feeds, read with feedparser, to `Article`s. An entry with its full text
(`content:encoded`, Atom `<content>`) becomes an article directly; an entry with only a
summary and a link is marked for fetching, and its page is extracted like any other page.
Dates are read from the entry's raw date string in its own offset, never from feedparser's
`*_parsed` (converted to UTC, which can move an evening story to the next day)."""
from __future__ import annotations

import codecs
import io
import re
from dataclasses import dataclass, field

import feedparser
from lxml import etree
from lxml import html as lxml_html

from digest.inputs.importing.metadata import PageMeta, absolute_url, canonical_url, parse_date
from digest.inputs.importing.model import MIN_WORDS, WORD, Article, ImportFailure, clean_text
from digest.inputs.importing.pages import lead_caption

BLOCK_TAGS = ("p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt", "tr")
SKIP_TAGS = ("figure", "script", "style", "noscript", "iframe", "aside", "nav", "form")


@dataclass
class FeedEntry:
    """One entry: `article` holds what the feed says (and the text when `full`);
    `link` is the page to fetch for an entry that is only a summary."""

    article: Article
    full: bool
    link: str | None = None
    summary_words: int = 0
    raw_link: str | None = None  # the link as written, when it is no http(s) address


@dataclass
class Feed:
    title: str | None
    entries: list[FeedEntry] = field(default_factory=list)
    warning: str | None = None  # a broken feed whose entries could partly be read


def html_paragraphs(markup: str) -> list[str]:
    """The paragraphs of a piece of HTML (a feed entry's content): block elements each a
    paragraph, text between them too; figures, scripts and asides left out."""
    if not markup or not markup.strip():
        return []
    try:
        root = lxml_html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return [clean_text(markup)] if clean_text(markup) else []
    for el in root.xpath("|".join(f"//{t}" for t in SKIP_TAGS)):
        el.drop_tree()
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    paragraphs: list[str] = []

    def walk(el) -> None:
        if el.text and el.text.strip():
            paragraphs.extend(_split_breaks(el.text))
        for child in el:
            if not isinstance(child.tag, str):
                pass
            elif child.tag in BLOCK_TAGS and not child.xpath(
                    "|".join(f".//{t}" for t in ("p", "li", "blockquote", "tr"))):
                text = child.text_content()
                paragraphs.extend(_split_breaks(text) if child.tag != "tr" else [
                    clean_text(" ".join(cell.text_content() for cell in child))])
            elif child.tag in BLOCK_TAGS or child.tag in (
                    "div", "section", "article", "ul", "ol", "dl", "table", "tbody", "thead",
                    "main", "header", "footer", "center"):
                walk(child)
            else:  # inline: its text belongs to the loose text around it
                paragraphs.extend(_split_breaks(child.text_content()))
            if child.tail and child.tail.strip():
                paragraphs.extend(_split_breaks(child.tail))

    walk(root)
    return [p for p in paragraphs if p and WORD.search(p)]


def _split_breaks(text: str) -> list[str]:
    """Text with line breaks: a blank line (two <br>) separates paragraphs."""
    return [clean_text(chunk) for chunk in re.split(r"\n\s*\n", text) if clean_text(chunk)]


def _plain(text: str | None) -> str:
    """A title as text: feedparser keeps the (sanitised) markup of an HTML title."""
    text = text or ""
    if "<" in text:
        try:
            text = lxml_html.fragment_fromstring(text, create_parent="div").text_content()
        except (etree.ParserError, ValueError):
            text = re.sub(r"<[^>]+>", " ", text)
    return clean_text(text)


def _author(entry) -> str | None:
    detail = entry.get("author_detail") or {}
    name = clean_text(detail.get("name")) if isinstance(detail, dict) else ""
    if not name:
        name = clean_text(entry.get("author"))
        if "@" in name and " " not in name:
            name = ""  # an e-mail address only
    names = [clean_text(a.get("name")) for a in entry.get("authors") or []
             if isinstance(a, dict) and a.get("name")]
    if len(names) > 1:
        name = ", ".join(dict.fromkeys(names))
    return name or None


def _image(entry, content: str) -> str | None:
    for media in entry.get("media_content") or []:
        if media.get("url") and (media.get("medium") == "image"
                                 or str(media.get("type", "")).startswith("image/")):
            return absolute_url(media["url"])
    for thumb in entry.get("media_thumbnail") or []:
        if thumb.get("url"):
            return absolute_url(thumb["url"])
    for link in entry.get("links") or []:
        if link.get("rel") == "enclosure" and str(link.get("type", "")).startswith("image/"):
            return absolute_url(link.get("href"))
    match = re.search(r"<img[^>]+src=[\"']([^\"']+)", content or "")
    return absolute_url(match.group(1)) if match else None


def _check_bozo(parsed) -> str | None:
    """feedparser's complaint, as one line, when it matters: an encoding nobody knows is
    an error; XML that is not well-formed is a broken feed (entries may still be read)."""
    if not parsed.get("bozo"):
        return None
    err = parsed.get("bozo_exception")
    if isinstance(err, feedparser.CharacterEncodingUnknown):
        raise ImportFailure(f"unknown encoding: {err}")
    if isinstance(err, feedparser.CharacterEncodingOverride):
        declared = re.search(r"declared as (\S+?),", str(err))
        if declared:
            try:
                codecs.lookup(declared.group(1))
            except LookupError:
                if "parsed as utf-8" not in str(err).lower():
                    raise ImportFailure(f"unknown encoding {declared.group(1)!r}: the feed "
                                        "cannot be read as text") from None
        return None
    if isinstance(err, feedparser.NonXMLContentType):
        return None
    line = getattr(err, "getLineNumber", lambda: None)()
    where = f" at line {line}" if line else ""
    message = getattr(err, "getMessage", lambda: str(err))()
    return f"broken feed: {message}{where}"


def parse_feed(raw: bytes, where: str, base_url: str | None = None) -> Feed:
    """Every entry of the feed in `raw` (read from `where`)."""
    parsed = feedparser.parse(io.BytesIO(raw), response_headers={
        "content-location": base_url} if base_url else None, sanitize_html=True)
    warning = _check_bozo(parsed)
    if not parsed.get("version") and not parsed.entries:
        raise ImportFailure(warning or "not a feed: no RSS or Atom found")
    if warning and not parsed.entries:
        raise ImportFailure(warning)
    info = parsed.get("feed", {})
    feed_title = clean_text(info.get("title")) or None
    feed = Feed(title=feed_title, warning=warning)
    for index, entry in enumerate(parsed.entries, 1):
        link = canonical_url(entry.get("link"), base_url)
        contents = [c.get("value", "") for c in entry.get("content") or []
                    if "html" in str(c.get("type", "html")) or c.get("type") == "text/plain"]
        content = max(contents, key=len) if contents else ""
        summary = entry.get("summary", "") or ""
        source = entry.get("source") or {}
        article = Article(
            location=link or f"{where}#entry-{index}", origin=where,
            title=_plain(entry.get("title")),
            date=parse_date(entry.get("published") or entry.get("updated")
                            or entry.get("created") or entry.get("dc_date")),
            source=clean_text(source.get("title")) if isinstance(source, dict)
            and source.get("title") else feed_title,
            author=_author(entry), url=link, image=_image(entry, content or summary))
        paragraphs = html_paragraphs(content)
        words = sum(len(WORD.findall(p)) for p in paragraphs)
        if words < MIN_WORDS and not link:  # nothing to fetch: a long summary is the text
            summary_paragraphs = html_paragraphs(summary)
            if sum(len(WORD.findall(p)) for p in summary_paragraphs) >= MIN_WORDS:
                paragraphs, content = summary_paragraphs, summary
                words = sum(len(WORD.findall(p)) for p in paragraphs)
        if words >= MIN_WORDS:
            article.paragraphs = paragraphs
            if "<figcaption" in content:
                caption, credit = lead_caption(lxml_html.fragment_fromstring(
                    content, create_parent="article"), PageMeta())
                if caption and credit:
                    article.caption, article.credit = caption, credit
            feed.entries.append(FeedEntry(article, full=True))
        else:
            summary_words = len(WORD.findall(clean_text(re.sub(r"<[^>]+>", " ", summary))))
            feed.entries.append(FeedEntry(article, full=False, link=link,
                                          summary_words=max(words, summary_words),
                                          raw_link=clean_text(entry.get("link")) or None))
    return feed
