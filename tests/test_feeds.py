"""Feeds: RSS 2.0 and Atom 1.0 read back with feedparser, as a feed reader would."""
from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
from hypothesis import given, settings
from hypothesis import strategies as st

from digest.corpus.editions import Edition
from digest.corpus.entries import build_corpus
from digest.model import Article, Seed
from digest.site.feeds import FeedItem, absolute, atom, feed_pages, rss, tag_uri
from digest.site.urls import Paths

SITE = "https://example.github.io/newsdigest/"
FEED = SITE + "feed.xml"


def items() -> list[FeedItem]:
    return [
        FeedItem("Harbour reopens after storm", absolute(SITE, "articles/harbour/"),
                 dt.date(2024, 3, 2), "The harbour reopened.", "harbour", "Coast Herald"),
        FeedItem("Bridge & tunnel <plans> \"approved\"", absolute(SITE, "/articles/bridge/"),
                 dt.date(2024, 5, 16), "Councillors voted 7 < 9 & the mayor said \"yes\".",
                 "bridge", None),
        FeedItem("An undated note", absolute(SITE, "articles/note/"), None, "No date.", "note",
                 None),
        FeedItem("Zoo opens", absolute(SITE, "articles/zoo/"), dt.date(2024, 5, 16),
                 "A zoo opened.", "zoo", "City Times"),
        FeedItem("Airport expands", absolute(SITE, "articles/airport/"), dt.date(2024, 5, 16),
                 "An airport grew.\nA second paragraph.", "airport", None),
    ]


def test_absolute_links_keep_the_sites_subpath():
    assert absolute(SITE, "articles/zoo/") == SITE + "articles/zoo/"
    assert absolute(SITE, "/articles/zoo/") == SITE + "articles/zoo/"
    assert absolute("https://example.github.io/newsdigest", "articles/zoo/") == \
        SITE + "articles/zoo/"
    assert absolute(SITE, "https://other.example/x") == "https://other.example/x"
    assert absolute("", "articles/zoo/") == "articles/zoo/"


def test_rss_reads_back_newest_first_with_dates_and_links():
    parsed = feedparser.parse(rss("Digest", SITE, "Curated news", items()))
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "rss20"
    assert parsed.feed.title == "Digest"
    assert parsed.feed.link == SITE
    # The feed's date is its newest item's, not the time of the build.
    assert parsed.feed.updated == "Thu, 16 May 2024 00:00:00 GMT"
    titles = [e.title for e in parsed.entries]
    assert titles == ["Airport expands", "Bridge & tunnel <plans> \"approved\"", "Zoo opens",
                      "Harbour reopens after storm"]
    assert "An undated note" not in titles
    bridge = parsed.entries[1]
    assert bridge.link == SITE + "articles/bridge/"
    assert bridge.published_parsed[:3] == (2024, 5, 16)
    assert bridge.summary == "Councillors voted 7 < 9 & the mayor said \"yes\"."
    assert parsed.entries[3].published_parsed[:3] == (2024, 3, 2)
    assert parsed.entries[3].publisher == "Coast Herald"


def test_atom_reads_back_newest_first_with_dates_and_links():
    parsed = feedparser.parse(atom("Digest", SITE, FEED, items()))
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.title == "Digest"
    assert parsed.feed.updated == "2024-05-16T00:00:00Z"
    assert {link.rel: link.href for link in parsed.feed.links} == {"alternate": SITE,
                                                                   "self": FEED}
    assert [e.title for e in parsed.entries] == [
        "Airport expands", "Bridge & tunnel <plans> \"approved\"", "Zoo opens",
        "Harbour reopens after storm"]
    airport = parsed.entries[0]
    assert airport.link == SITE + "articles/airport/"
    assert airport.updated_parsed[:3] == (2024, 5, 16)
    assert airport.summary == "An airport grew.\nA second paragraph."
    assert len({e.id for e in parsed.entries}) == 4
    assert parsed.entries[3].source.title == "Coast Herald"


def test_feeds_are_byte_identical_across_calls_and_input_orders():
    first, shuffled = items(), list(reversed(items()))
    assert rss("Digest", SITE, "Curated news", first) == rss("Digest", SITE, "Curated news",
                                                             shuffled)
    assert atom("Digest", SITE, FEED, first) == atom("Digest", SITE, FEED, shuffled)


def test_an_empty_feed_is_valid_and_fixed():
    parsed = feedparser.parse(atom("Digest", SITE, FEED, []))
    assert not parsed.bozo and parsed.entries == []
    assert atom("Digest", SITE, FEED, []) == atom("Digest", SITE, FEED, [])
    assert "lastBuildDate" not in rss("Digest", SITE, "Curated news", [])


@settings(max_examples=60, deadline=None)
@given(st.text(), st.text())
def test_any_text_survives_escaping(title, summary):
    """Whatever a seed holds, the feeds stay well-formed XML and carry it back unchanged
    (less the characters XML cannot hold at all)."""
    item = FeedItem(title, SITE + "a/", dt.date(2024, 1, 1), summary, "a", None)
    allowed = lambda s: "".join(  # noqa: E731
        c for c in s.replace("\r\n", "\n").replace("\r", "\n")
        if c in "\t\n" or ("\x20" <= c <= "\ud7ff") or ("\ue000" <= c <= "\ufffd")
        or c > "\uffff")
    for text, path in ((rss("T", SITE, "D", [item]), "channel/item/"),
                       (atom("T", SITE, FEED, [item]), "{http://www.w3.org/2005/Atom}entry/")):
        root = ET.fromstring(text.encode("utf-8"))
        ns = "{http://www.w3.org/2005/Atom}" if path.startswith("{") else ""
        summary_tag = "summary" if ns else "description"
        assert (root.find(f"{path}{ns}title").text or "") == allowed(title)
        assert (root.find(f"{path}{ns}{summary_tag}").text or "") == allowed(summary)


def article(name: str, slug: str, title: str, day: dt.date | None, author: str | None = None,
            topics: tuple[str, ...] = ()) -> Article:
    seed = Seed(path=Path(f"seeds/{name}.txt"), name=name, title=title,
                paragraphs=["Text."])
    return Article(seed=seed, slug=slug, title=title, date=day, date_source="curator",
                   source="Coast Herald", url=None, author=author, summary=f"{title}.",
                   people=[], organizations=[], places=[], topics=list(topics), topic_scores={},
                   roles={}, quotes=[], dates=[], keyphrases=[], word_count=2, reading_time=1)


def site_feeds(site_url: str, slug: str = "harbour-reopens", directory_urls: bool = True
               ) -> dict[str, str]:
    articles = [article("2024-03-02-harbour", slug, "Harbour reopens", dt.date(2024, 3, 2),
                        author="Ann Lee", topics=("Weather", "Transport & shipping")),
                article("bridge", "bridge-approved", "Bridge approved", dt.date(2024, 5, 16))]
    corpus = build_corpus(articles)
    weekly = Edition("weekly", "Week 9", dt.date(2024, 3, 3), "2024-w09", [articles[0]])
    return feed_pages(corpus, [weekly], Paths("news", directory_urls), site_url, "Digest",
                      language="en-GB", authority="example.org,2024")


def test_ids_are_tag_uris_that_never_change_with_the_site_or_the_address():
    ids = []
    for site_url, slug in ((SITE, "harbour-reopens"), ("https://news.example.org/", "harbour"),
                           ("", "harbour-reopens-corrected")):
        for name in ("articles.atom.xml", "articles.rss.xml", "editions.atom.xml"):
            parsed = feedparser.parse(site_feeds(site_url, slug)[f"news/feeds/{name}"])
            assert not parsed.bozo, parsed.get("bozo_exception")
            ids.append((name, parsed.feed.get("id"), [e.id for e in parsed.entries]))
    first = ids[:3]
    assert ids[3:6] == first and ids[6:] == first
    articles = dict((name, (feed, entries)) for name, feed, entries in first)
    assert articles["articles.atom.xml"] == (
        "tag:example.org,2024:feed/articles",
        ["tag:example.org,2024:article/bridge", "tag:example.org,2024:article/2024-03-02-harbour"])
    assert articles["articles.rss.xml"][1] == articles["articles.atom.xml"][1]  # RSS guid
    assert articles["editions.atom.xml"][1] == ["tag:example.org,2024:edition/weekly/2024-w09"]
    assert tag_uri("example.org,2024", "article/a b") == "tag:example.org,2024:article/a%20b"


def test_feeds_link_to_the_pages_mkdocs_serves_and_to_themselves():
    directory = site_feeds(SITE)
    for name in ("articles.rss.xml", "articles.atom.xml"):
        parsed = feedparser.parse(directory[f"news/feeds/{name}"])
        links = {link.rel: link.href for link in parsed.feed.links}
        assert links["self"] == f"{SITE}news/feeds/{name}"  # RSS too, as atom:link
        assert parsed.feed.link == SITE
        assert parsed.entries[1].link == f"{SITE}news/articles/harbour-reopens/"
    flat = feedparser.parse(site_feeds(SITE, directory_urls=False)["news/feeds/articles.rss.xml"])
    assert flat.entries[1].link == f"{SITE}news/articles/harbour-reopens.html"


def test_feeds_carry_author_topics_and_language():
    feeds = site_feeds(SITE)
    for name in ("articles.rss.xml", "articles.atom.xml"):
        parsed = feedparser.parse(feeds[f"news/feeds/{name}"])
        assert parsed.feed.language == "en-GB"
        harbour = parsed.entries[1]
        assert harbour.author == "Ann Lee"
        assert [t.term for t in harbour.tags] == ["Weather", "Transport & shipping"]
        assert "author" not in parsed.entries[0] or parsed.entries[0].author != "Ann Lee"


def test_an_edition_entry_lists_each_headline_with_its_short_lede_not_its_whole_summary():
    long = article("port", "port-deal", "Port deal signed", dt.date(2024, 3, 1))
    long.summary = ("ROTTERDAM, March 1 (Digest Wire) - The port and the union signed the deal "
                    + "after talks that lasted well into the night, " * 6 + "officials said.")
    short = article("quay", "quay", "Quay opens", dt.date(2024, 3, 1))
    weekly = Edition("weekly", "Week 9", dt.date(2024, 3, 3), "2024-w09", [long, short])
    feed = feedparser.parse(feed_pages(build_corpus([long, short]), [weekly], Paths("news"),
                                       SITE, "Digest")["news/feeds/editions.atom.xml"])
    lines = feed.entries[0].summary.split("\n")
    assert lines[0].startswith("Port deal signed: The port and the union signed the deal")
    assert lines[0].endswith("\u2026") and len(lines[0].split()) <= 3 + 26  # words.lede
    assert "ROTTERDAM" not in lines[0] and lines[1] == "Quay opens: Quay opens."
