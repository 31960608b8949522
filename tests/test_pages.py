"""Pages that read like news, checked in a real Chromium on real builds of the demo corpus
(demo/seeds: ten articles written for this project): one listing item per article on every
kind of listing page, a home page with no article twice, entity pages that lead with who or
what, charts with the right number of bars, words, and sharing tags."""
from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import frontmatter
import pytest

from conftest import ROOT, WatchedPage, copy_project, mkdocs_build, read_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]
DEMO = ROOT / "demo" / "seeds"
CURATED = """editions:
  - title: The methane week
    date: 2024-06-12
    intro: Three stories on *methane*.
    articles: [2024-06-03-lisbon-climate-talks-open, 2024-06-04-lisbon-methane-deal,
               2024-06-12-methane-china-climate]
"""


def front(project: Path) -> list[dict]:
    """Every article's front matter: what extraction and curation decided, independent of
    how listings are drawn."""
    return [frontmatter.load(p).metadata
            for p in sorted((project / "docs" / "news" / "articles").glob("*.md"))]


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("demo"), seeds=False)
    shutil.copytree(DEMO, project / "seeds", dirs_exist_ok=True)
    (project / "curation" / "editions.yml").write_text(CURATED, encoding="utf-8")
    mkdocs_build(project)
    return project


@pytest.fixture(scope="module")
def page(browser):
    watched = WatchedPage(browser)
    yield watched.page
    watched.context.close()


ITEMS_JS = """() => {
  // Each listing item: an <li> in the page's content; the article links it holds itself.
  const items = [...document.querySelectorAll('.md-content article li')];
  return items.map(li => [...li.querySelectorAll('a')]
      .filter(a => a.closest('li') === li && /\\/news\\/articles\\/[^/]+\\.html$/.test(a.href))
      .map(a => a.href.split('/').pop()))
    .filter(links => links.length > 0);
}"""


def listing(page, project: Path, path: str) -> list[list[str]]:
    page.goto((project / "site" / path).as_uri())
    return page.evaluate(ITEMS_JS)


def assert_one_per_article(items: list[list[str]], expected: set[str], where: str) -> None:
    assert all(len(links) == 1 for links in items), f"{where}: items run together: {items}"
    shown = [links[0] for links in items]
    assert len(shown) == len(set(shown)), f"{where}: an article twice: {shown}"
    assert set(shown) == expected, f"{where}: {sorted(set(shown) ^ expected)}"


def slugs(articles: list[dict], keep=lambda a: True) -> set[str]:
    return {f"{a['slug']}.html" if "slug" in a else None for a in articles if keep(a)} - {None}


def article_files(project: Path) -> dict[str, dict]:
    return {p.stem + ".html": frontmatter.load(p).metadata
            for p in (project / "docs" / "news" / "articles").glob("*.md")}


def test_every_listing_shows_one_item_per_article(demo, page):
    articles = article_files(demo)
    assert len(articles) == 10
    by_date: dict[dt.date, set[str]] = {}
    for name, meta in articles.items():
        by_date.setdefault(meta["date"], set()).add(name)
    # Daily editions: one page per day.
    for day, names in by_date.items():
        assert_one_per_article(listing(page, demo, f"news/editions/daily/{day.isoformat()}.html"),
                               names, f"daily {day}")
    # Weekly editions: the ISO weeks of June 2024.
    for week, first in (("2024-w23", dt.date(2024, 6, 3)), ("2024-w24", dt.date(2024, 6, 10))):
        names = {n for d, ns in by_date.items() if first <= d < first + dt.timedelta(days=7)
                 for n in ns}
        assert len(names) == 5
        assert_one_per_article(listing(page, demo, f"news/editions/weekly/{week}.html"), names,
                               week)
    # The curated edition, in the curator's order.
    curated = listing(page, demo, "news/editions/curated/2024-06-12-the-methane-week.html")
    assert [links[0] for links in curated] == [
        "climate-ministers-open-lisbon-talks-with-a-promise-to-cut-methane-faster.html",
        "european-ministers-agree-binding-methane-limits-for-gas-pipelines.html",
        "europe-and-china-agree-to-share-methane-data-from-satellites.html"]
    # Entity pages: every person, place, organization and topic.
    for kind in ("people", "places", "organizations", "topics"):
        for path in (demo / "docs" / "news" / kind).glob("*.md"):
            meta = frontmatter.load(path).metadata
            if path.stem in ("index", "by-count") or "--" in path.stem:
                continue
            name = path.read_text(encoding="utf-8").split("\n# ", 1)[1].split("\n", 1)[0]
            expected = {n for n, m in articles.items()
                        if any(markup_name(x) == name for x in m.get(kind, []))}
            assert len(expected) == meta["articles"]
            assert_one_per_article(listing(page, demo, f"news/{kind}/{path.stem}.html"),
                                   expected, path.name)
    # The home page: the lead edition, then the rest, each article once, all ten shown.
    assert_one_per_article(listing(page, demo, "index.html"), set(articles), "home")


def markup_name(name: str) -> str:
    """A name as the page's h1 Markdown writes it (topics in sentence case, escaped)."""
    from digest.site import markup, words

    return markup.inline(words.sentence_case(name) if name == name.lower() else name)


def test_listing_item_shows_headline_date_source_time_lede_and_chips(demo, page):
    page.goto((demo / "site" / "news" / "editions" / "weekly" / "2024-w23.html").as_uri())
    item = page.locator(".md-content li", has_text="Rotterdam dockworkers walk out").first
    assert item.locator("a", has_text="Rotterdam dockworkers walk out").count() == 1
    assert item.locator('time[datetime="2024-06-05"]').inner_text() == "5 June 2024"
    text = item.inner_text()
    assert "Digest Wire" in text and "1 min read" in text
    lede = item.locator(".digest-lede").inner_text()
    assert lede.startswith("Thousands of dockworkers at the port of Rotterdam")
    assert "ROTTERDAM" not in lede and "(Digest Wire)" not in lede  # no dateline
    assert len(lede.split()) <= 26  # words.LEDE_WORDS and its ellipsis
    chip = item.locator(".digest-chips > a").first  # topics, drawn as chips by the stylesheet
    assert chip.evaluate("a => getComputedStyle(a).borderRadius") != "0px"
    # Each part on its own line: the headline is above the date.
    head = item.locator(".digest-headline").bounding_box()
    meta = item.locator(".digest-meta").bounding_box()
    assert meta["y"] >= head["y"] + head["height"] - 1


def test_home_page_leads_with_edition_then_latest_then_most_active(demo, page):
    page.goto((demo / "site" / "index.html").as_uri())
    headings = page.locator(".md-content h2").all_inner_texts()
    assert headings[0] == "The methane week"  # a curated edition leads
    assert headings[1] == "Latest"
    assert headings[2] == "In the news, week of 10 June 2024"
    active = page.locator(".md-content ul").last.inner_text()
    # Week of 10 June: Lindqvist, Bellini and Li Wei appear in two articles each.
    assert re.search(r"Marco Bellini\s*2", active) and re.search(r"Li Wei\s*2", active)
    assert "Tomas van der Berg" not in active  # only in the week before


def test_entity_page_leads_with_roles_dates_chart_then_articles_quotes_comentions(demo, page):
    page.goto((demo / "site" / "news" / "people" / "maria-okafor.html").as_uri())
    headings = page.locator(".md-content h2").all_inner_texts()
    assert headings == ["Roles", "Latest articles", "Quotes", "Appears with"]
    byline = page.locator(".digest-byline").first.inner_text()
    assert "first seen 3 June 2024" in byline and "last seen 12 June 2024" in byline
    roles = page.locator(".md-content ul").first.inner_text()
    assert roles.count("European Commissioner for Climate") == 1  # deduplicated, with a count
    assert re.search(r"European Commissioner for Climate\s+\d articles", roles)
    # The attention chart: one bar per week from the first to the last article.
    chart = page.locator("figure.digest-chart svg")
    assert chart.count() == 1
    assert chart.locator("rect.digest-bar").count() == 2
    assert "4 articles" in chart.locator("desc").text_content()
    assert page.locator("figure.digest-chart figcaption").inner_text().startswith("Articles per week")
    quotes = page.locator(".md-content blockquote").all_inner_texts()
    assert "Methane does not stop at borders" in quotes


def test_a_described_speaker_is_never_linked_and_a_fragment_shows_its_sentence():
    from digest.corpus.entries import build_corpus
    from digest.model import Quote
    from digest.site.pages import Layout, article_page
    from test_pages_support import article

    a = article("a", "Harbour talks", dt.date(2024, 6, 3), people=["Anna Lind"],
                quotes=[Quote("a first step", "a union spokesman", fragment=True,
                              sentence="A union spokesman called the plan a first step.",
                              named=False),
                        Quote("We will build it", "Anna Lind")])
    text = article_page(a, build_corpus([a]), Layout())
    assert "> A union spokesman called the plan a first step\\." in text
    assert "— a union spokesman" in text and "[a union spokesman]" not in text
    assert "[Anna Lind](../people/anna-lind.md)" in text


def test_topics_index_has_a_trend_chart_and_timeline_a_picture(demo, page):
    page.goto((demo / "site" / "news" / "topics" / "index.html").as_uri())
    chart = page.locator("figure.digest-trends svg")
    topics = len([p for p in (demo / "docs" / "news" / "topics").glob("*.md")
                  if p.stem not in ("index", "by-count")])
    rows = chart.locator("g.digest-series")
    assert rows.count() == min(6, topics)
    for i in range(rows.count()):
        assert rows.nth(i).locator("rect.digest-bar").count() == 1  # June 2024 only
    assert chart.locator("title").first.text_content().startswith("Topic trends")
    assert "Economy, business and finance" in page.locator("h2 + ul, ul").all_inner_texts()[-1] \
        or page.locator("a", has_text="Economy, business and finance").count() >= 1

    months = set()
    for meta in front(demo):
        for d in meta.get("dates", []):
            if d["precision"] in ("day", "month"):
                months.add(str(d["date"])[:7])
    first, last = min(months), max(months)
    span = (int(last[:4]) - int(first[:4])) * 12 + int(last[5:]) - int(first[5:]) + 1
    page.goto((demo / "site" / "news" / "timeline" / "index.html").as_uri())
    picture = page.locator("figure.digest-chart svg")
    # one bar per month with events; the empty months between draw nothing (issue #18)
    assert picture.locator("rect.digest-bar").count() == len(months) <= span
    assert picture.locator('rect.digest-bar[height="0"]').count() == 0
    assert picture.get_attribute("role") == "img"
    assert page.locator("figure.digest-chart figcaption").inner_text().startswith("Events per month")


def test_words_plurals_sentence_case_dates_and_no_empty_undated_tab(demo, page):
    page.goto((demo / "site" / "news" / "people" / "helena-costa.html").as_uri())
    assert "2 articles" in page.locator(".digest-byline").first.inner_text()
    one = [p for p in (demo / "docs" / "news" / "places").glob("*.md")
           if frontmatter.load(p).metadata.get("articles") == 1][0]
    page.goto((demo / "site" / "news" / "places" / f"{one.stem}.html").as_uri())
    assert "· 1 article ·" in page.locator(".digest-byline").first.inner_text()
    assert "1 articles" not in page.content()
    page.goto((demo / "site" / "news" / "topics" / "economy-business-and-finance.html").as_uri())
    assert page.locator("h1").inner_text() == "Economy, business and finance"
    assert page.title().startswith("Economy, business and finance")
    tabs = page.locator(".md-tabs__link").all_inner_texts()
    assert "Timeline" in tabs and "Undated" not in tabs  # nothing is undated


def test_people_index_sorted_by_surname(demo, page):
    page.goto((demo / "site" / "news" / "people" / "index.html").as_uri())
    names = page.locator(".md-content li a").all_inner_texts()
    wanted = ["Marco Bellini", "Tomas van der Berg", "Helena Costa", "Li Wei",
              "Sofia Lindqvist", "Maria Okafor", "Claudia Reiter"]
    assert [n for n in names if n in wanted] == wanted
    assert page.locator(".md-content h2").count() == 0  # a short index needs no letters


def test_long_a_to_z_index_has_a_heading_per_letter():
    from digest.corpus.entries import build_corpus
    from digest.site.pages import Layout, index_pages
    from test_pages_support import article

    names = [f"{g} {s}" for g in ("Anna", "Ben", "Cara", "Dan", "Eva", "Finn", "Gus", "Hal",
                                   "Ida") for s in ("Berg", "Cole", "Dahl", "Eke", "Fox")]
    corpus = build_corpus([article("a", "One", dt.date(2024, 6, 3), people=names)])
    text = dict(index_pages("people", corpus, Layout()))["news/people/index.md"]
    assert re.findall(r"^## (\w)$", text, re.M) == ["B", "C", "D", "E", "F"]
    assert text.index("[Anna Berg]") < text.index("[Ida Berg]") < text.index("[Anna Cole]")


def test_curator_sort_as_wins_in_the_index():
    from digest.corpus.entries import build_corpus
    from digest.site.pages import Layout, index_pages
    from test_pages_support import article

    a = article("a", "One", dt.date(2024, 6, 3), people=["Anna Zed", "Bob Young", "Xi Jinping"])
    corpus = build_corpus([a])
    corpus.entries["people"]["Anna Zed"].sort_as = "Aardvark Anna"
    text = dict(index_pages("people", corpus, Layout()))["news/people/index.md"]
    order = [n for n in re.findall(r"\[([^\]]+)\]\(", text) if n in ("Anna Zed", "Bob Young", "Xi Jinping")]
    assert order == ["Anna Zed", "Xi Jinping", "Bob Young"]


def test_sharing_tags_and_json_ld(demo, page):
    path = demo / "site" / "news" / "articles" / "rotterdam-dockworkers-walk-out-over-automation-plans.html"
    page.goto(path.as_uri())
    meta = {m.get_attribute("property") or m.get_attribute("name"): m.get_attribute("content")
            for m in page.locator("head meta").all()}
    assert meta["og:title"] == "Rotterdam dockworkers walk out over automation plans"
    assert meta["og:type"] == "article"
    assert meta["og:description"].startswith("Thousands of dockworkers")
    assert meta["description"] == meta["og:description"]  # Material's own, from description:
    assert meta["article:published_time"] == "2024-06-05"
    assert meta["article:author"] == "Demo Desk"
    assert meta["twitter:card"] == "summary"
    tags = [m.get_attribute("content") for m in page.locator('meta[property="article:tag"]').all()]
    assert tags and all(t[0].isupper() for t in tags)
    # this build has the repository's default site_url
    assert page.locator('meta[property="og:url"]').get_attribute("content") == \
        "http://127.0.0.1:8000/news/articles/" + path.name
    data = json.loads(page.locator('script[type="application/ld+json"]').inner_text())
    assert data["@type"] == "NewsArticle" and data["datePublished"] == "2024-06-05"
    assert data["headline"] == meta["og:title"]
    assert data["author"] == {"@type": "Person", "name": "Demo Desk"}
    assert data["publisher"]["name"] == "News digest"
    about = {(x["@type"], x["name"]) for x in data["about"]}
    assert ("Place", "Rotterdam") in about and ("Person", "Tomas van der Berg") in about
    assert page.locator('.digest-byline time[datetime="2024-06-05"]').count() == 1
    # Every generated page has its own description.
    for html_page in (demo / "site" / "news").rglob("*.html"):
        text = read_page(html_page)  # attributes quoted again after minification
        if "http-equiv=\"refresh\"" in text:
            continue
        tag = re.search(r'<meta (?=[^>]*name="description")[^>]*>', text)
        found = tag and re.search(r'content="([^"]*)"', tag.group(0))
        assert found and found.group(1) != "A curated digest of the news, built with digest.", html_page


HOSTILE_TITLE = 'Talks end </script><script>window.__pwned=1</script> & "abruptly"'


def test_undated_tab_canonical_and_escaped_json_ld(tmp_path, browser):
    project = copy_project(tmp_path / "extra", seeds=False)
    (project / "seeds" / "hostile.txt").write_text(
        f"{HOSTILE_TITLE}\n\nAnna Lind, the harbour master, said on Monday the talks had ended "
        "without a deal on the new quay.\n", encoding="utf-8")
    (project / "seeds" / "hostile.yml").write_text("date: 2024-06-03\n", encoding="utf-8")
    (project / "seeds" / "undated.txt").write_text(
        "Harbour quay plan waits\n\nThe quay plan waits for a vote, Anna Lind said.\n",
        encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(re.sub(r"(?m)^site_url:.*$", "site_url: https://example.org/digest/",
                             config.read_text()))
    mkdocs_build(project)
    watched = WatchedPage(browser)
    dialogs: list[str] = []
    watched.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    article = next((project / "site" / "news" / "articles").glob("talks-end-*.html"))
    watched.page.goto(article.as_uri())
    data = json.loads(watched.page.locator('script[type="application/ld+json"]').inner_text())
    assert data["headline"] == HOSTILE_TITLE
    assert watched.page.evaluate("window.__pwned") is None and dialogs == []
    assert "</script><script>" not in article.read_text().split("application/ld+json")[1][:400]
    og_url = watched.page.locator('meta[property="og:url"]').get_attribute("content")
    assert og_url == f"https://example.org/digest/news/articles/{article.name}"
    assert data["url"] == og_url
    # each said once on the page (issue #18): by the description meta tag, by "url"
    assert "description" not in data and "mainEntityOfPage" not in data
    tabs = watched.page.locator(".md-tabs__link").all_inner_texts()
    assert "Undated" in tabs  # something is undated
    watched.context.close()


def test_generated_pages_need_no_markdown_extension(tmp_path):
    """With no attr_list, md_in_html or tables, nothing of digest's markup shows as text."""
    project = copy_project(tmp_path / "plain", seeds=False)
    shutil.copytree(DEMO, project / "seeds", dirs_exist_ok=True)
    config = project / "mkdocs.yml"
    text = config.read_text()
    for line in ("  - attr_list\n", "  - md_in_html\n", "  - tables\n"):
        text = text.replace(line, "")
    assert "attr_list" not in text and "md_in_html" not in text
    config.write_text(text)
    mkdocs_build(project)
    for path in (project / "site").rglob("*.html"):
        body = read_page(path).split('class="md-content"')[-1]
        body = body.split("</article>")[0]
        assert "{ ." not in body and 'markdown="1"' not in body, path
        assert "](" not in body and "&lt;span" not in body, path


def test_first_page_of_a_busy_person_fits_4000px(tmp_path, browser):
    project = copy_project(tmp_path / "busy", seeds=False)
    seeds = project / "seeds"
    places = ["Lisbon", "Porto", "Madrid", "Paris", "Rome", "Vienna", "Oslo", "Dublin"]
    for i in range(110):
        day = dt.date(2023, 1, 2) + dt.timedelta(days=3 * i)
        place = places[i % len(places)]
        (seeds / f"busy-{i:03d}.txt").write_text(
            f"Harbour council meets in {place} on quay budget, round {i}\n\n"
            f"Anna Lindgren, the harbour master, met council members in {place} on Monday to "
            f"discuss the budget for the new quay, the {i}th meeting this year.\n\n"
            f"\"We will build the quay,\" Lindgren said after the meeting in {place}.\n",
            encoding="utf-8")
        (seeds / f"busy-{i:03d}.yml").write_text(f"date: {day.isoformat()}\nsource: Harbour News\n",
                                                 encoding="utf-8")
    mkdocs_build(project)
    person = project / "site" / "news" / "people" / "anna-lindgren.html"
    assert frontmatter.load(project / "docs" / "news" / "people" / "anna-lindgren.md")["articles"] >= 100
    watched = WatchedPage(watched_browser := browser)
    watched.page.set_viewport_size({"width": 1280, "height": 900})
    watched.page.goto(person.as_uri())
    height = watched.page.evaluate("document.documentElement.scrollHeight")
    print(f"first page of a 110-article person: {height} px at 1280 px")
    assert height <= 4000, height
    bars = watched.page.locator("figure.digest-chart rect.digest-bar").count()
    assert bars == 11  # 110 articles three days apart: January to November 2023
    assert watched.page.locator("a", has_text="Older →").count() == 1
    watched.context.close()
    del watched_browser


def test_a_long_edition_is_split_into_pages():
    from digest.corpus.editions import Edition
    from digest.site.pages import Layout
    from digest.site.timepages import edition_page_set
    from test_pages_support import article

    articles = [article(f"a{i}", f"Story {i}", dt.date(2024, 6, 3)) for i in range(7)]
    edition = Edition("weekly", "Week 23", dt.date(2024, 6, 9), "2024-w23", articles, None)
    pages = dict(edition_page_set(edition, Layout(page_size=3)))
    assert list(pages) == ["news/editions/weekly/2024-w23.md", "news/editions/weekly/2024-w23--2.md",
                           "news/editions/weekly/2024-w23--3.md"]
    assert [text.count("\n- <span class=\"digest-item\"") for text in pages.values()] == [3, 3, 1]
    assert "Older →" in pages["news/editions/weekly/2024-w23.md"]


def test_without_site_url_there_is_no_og_url_or_canonical():
    """A relative og:url means nothing to a reader's app: none without site_url."""
    from digest.site.sharing import head_tags

    meta = {"digest": "article", "title": "Quay talks end", "date": "2024-06-03"}
    without = head_tags(meta, "Quay talks end", "News", "", canonical=None)
    assert "og:url" not in without and 'rel="canonical"' not in without
    assert 'property="og:title" content="Quay talks end"' in without
    with_url = head_tags(meta, "Quay talks end", "News", "", canonical="https://x.org/a.html")
    assert 'property="og:url" content="https://x.org/a.html"' in with_url
