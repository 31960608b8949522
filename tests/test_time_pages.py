"""Timeline, editions and feeds in a real build, with a project-pages site_url."""
from __future__ import annotations

import os
import re
import shutil

import feedparser
import pytest

from conftest import SAMPLE, copy_project, mkdocs_build, read_page

pytestmark = pytest.mark.slow
SITE_URL = "https://example.org/digest/"
SEEDS = {
    "2024-05-10-budget.txt": "Budget talks stall in Paris\n\nFinance minister Claire Martin "
                             "said on Monday that the talks had stalled.\n",
    "2024-05-20-rail.txt": "Rail strike called in Lyon\n\nUnion leader Marc Dubois called the "
                           "strike on Friday, citing pay talks that collapsed in April.\n",
    "undated.txt": "A story with no date at all\n\nNobody says when this happened.\n",
}
EDITIONS = """editions:
  - title: The Beijing visit
    date: 2024-05-21
    intro: |
      Why *this* visit matters.
    articles: [2024-05-20-rail, 000_e435a547fc507eb7]
  - title: Early May
    date: 2024-05-12
    from: 2024-05-01
    to: 2024-05-15
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("time"))
    for name, text in SEEDS.items():
        (project / "seeds" / name).write_text(text, encoding="utf-8")
    (project / "curation" / "editions.yml").write_text(EDITIONS, encoding="utf-8")
    os.environ["DIGEST_SITE_URL"] = SITE_URL
    try:
        mkdocs_build(project)
    finally:
        del os.environ["DIGEST_SITE_URL"]
    return project


def read(project, page: str) -> str:
    return read_page(project / "site" / page)


def test_article_feeds_have_dates_absolute_links_and_no_undated(site):
    for name in ("articles.rss.xml", "articles.atom.xml"):
        feed = feedparser.parse(read(site, f"news/feeds/{name}"))
        assert not feed.bozo, feed.bozo_exception
        titles = [e.title for e in feed.entries]
        assert titles == ["Rail strike called in Lyon",
                          "Ahead of China visit, Putin says he is ready to negotiate on Ukraine war",
                          "Budget talks stall in Paris"]
        assert feed.entries[0].link == f"{SITE_URL}news/articles/rail-strike-called-in-lyon.html"
        assert tuple(feed.entries[1].published_parsed[:3]) == (2024, 5, 16)
        assert feed.entries[1].summary.startswith("Russian President Vladimir Putin said")
        updated = feed.feed.get("updated_parsed") or feed.feed.get("published_parsed")
        assert tuple(updated[:3]) == (2024, 5, 20)  # the newest item, not the build time


def test_edition_feeds_list_editions(site):
    feed = feedparser.parse(read(site, "news/feeds/editions.atom.xml"))
    titles = [e.title for e in feed.entries]
    assert "The Beijing visit" in titles and "Early May" in titles


def test_curated_editions_keep_the_curators_order_or_their_date_range(site):
    page = read(site, "news/editions/curated/2024-05-21-the-beijing-visit.html")
    assert "Why <em>this</em> visit matters." in page
    assert page.index("Rail strike called in Lyon") < page.index("Ahead of China visit")
    assert "VOA" in page and "2024-05-16" in page
    assert "Russian President Vladimir Putin said in an interview" in page  # summary
    early = read(site, "news/editions/curated/2024-05-12-early-may.html")
    assert "Budget talks stall in Paris" in early
    assert "Ahead of China visit" not in early and "Rail strike" not in early


def test_automatic_daily_and_weekly_editions(site):
    daily = read(site, "news/editions/daily/2024-05-16.html")
    assert "Ahead of China visit" in daily and "Budget talks" not in daily
    weekly = read(site, "news/editions/weekly/2024-w20.html")
    assert "Ahead of China visit" in weekly
    assert "Rail strike" not in weekly  # 2024-05-20 is a Monday: week 21
    assert "Rail strike" in read(site, "news/editions/weekly/2024-w21.html")


def test_front_page_leads_with_the_newest_edition(site):
    front = read(site, "news/index.html")  # written by digest build: any engine renders it
    assert front.index("The Beijing visit") < front.index(">Latest<")
    home = read(site, "index.html")  # docs/ has no index.md: the same front page is the home
    assert home.index("The Beijing visit") < home.index(">Latest<")


def test_timeline_lists_each_dated_sentence_linked_to_its_article(site):
    may = read(site, "news/timeline/2024-05.html")
    assert "Putin arrived in Beijing on Thursday" in may
    assert "Wednesday 15 May" in may and "Thursday 16 May" in may
    assert may.index("Thursday 16 May") < may.index("Wednesday 15 May")  # newest first
    assert "../articles/ahead-of-china-visit-putin-says-he-is-ready-to-negotiate-on-ukraine-war.html" in may
    year = read(site, "news/timeline/2024.html")
    assert "May 2024" in year and "March 2024" in year
    assert "2014" in read(site, "news/timeline/index.html")


def test_undated_article_appears_under_undated(site):
    assert "A story with no date at all" in read(site, "news/undated.html")


def test_automatic_editions_are_configurable(tmp_path):
    project = copy_project(tmp_path / "weekly-only", seeds=False)
    shutil.copy(SAMPLE, project / "seeds")
    shutil.copy(SAMPLE.with_suffix(".yml"), project / "seeds")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "editions: [daily, weekly]" in text
    config.write_text(text.replace("editions: [daily, weekly]", "editions: [weekly]"),
                      encoding="utf-8")
    mkdocs_build(project)
    assert (project / "site/news/editions/weekly/2024-w20.html").exists()
    assert not (project / "site/news/editions/daily").exists()


def test_every_page_announces_the_feeds(site):
    home = read(site, "index.html")
    assert 'type="application/rss+xml"' in home and 'href="news/feeds/articles.rss.xml"' in home
    article = read(site, "news/articles/rail-strike-called-in-lyon.html")
    assert 'href="../feeds/articles.atom.xml"' in article


def test_timeline_words_and_picture(site):
    """Counts in words ("1 event"), no "No month-level dates." for a year dated only by
    the year, day headings written for people, and the events-per-month picture."""
    index = read(site, "news/timeline/index.html")
    assert "No month-level dates" not in index and "1 events" not in index
    assert 'class="digest-chart"' in index and "Events per" in index
    assert re.search(r'<svg [^>]*viewbox=', index, re.I) and 'role="img"' in index  # minified: lower case
    month = read(site, "news/timeline/2024-05.html")
    assert "May 2024</h1>" in month
    assert re.search(r"<h2[^>]*>(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) "
                     r"\d{1,2} May</h2>", month)


def test_edition_pages_list_each_article_with_words(site):
    page = read(site, "news/editions/curated/2024-05-21-the-beijing-visit.html")
    assert "2 articles" in page and '<time datetime="2024-05-21">21 May 2024</time>' in page
    assert page.count('class="digest-item"') == 2
    editions = read(site, "news/editions/index.html")
    assert "1 articles" not in editions
