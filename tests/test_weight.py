"""Lighter pages that still work (digest/plugin/chrome.py, issue #18): the theme's icons are
drawn from one stylesheet and its palette script is one file, and in a real Chromium every
generated page still shows its icons, opens its drawer on a phone, navigates from it, and
finds an article from the search box (on file://)."""
from __future__ import annotations

import json
import re

import pytest

from conftest import WatchedPage, read_page
from digest.plugin.chrome import STYLESHEET, Chrome

PERSON = "news/people/william-pomeranz.html"
ARTICLE = "news/articles/ahead-of-china-visit-putin-says-he-is-ready-to-negotiate-on-ukraine-war.html"
ICON = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">'
        '<path d="M3 6h18v2H3zm0 5h18v2H3z"/></svg>')
PALETTE = "<script>var palette=__md_get(\"__palette\");" + "x=1;" * 200 + "</script>"


def test_shrink_moves_theme_icons_and_long_scripts_out_but_not_content():
    chart = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M1 1h2"/></svg>'
    colourful = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">'
                 '<path fill="#f00" d="M1 1h2"/></svg>')
    page = (f"<html><head></head><body><header><label>{ICON}</label>{colourful}</header>{PALETTE}"
            f'<script>short()</script><article class="md-content__inner md-typeset">{chart}'
            f"</article><footer>{ICON}</footer></body></html>")
    chrome = Chrome()
    small = chrome.shrink(page, "news/people/x.html")
    assert len(small) < len(page)
    assert small.count('<svg viewBox="0 0 24 24" class="dg-i-') == 2  # header and footer
    assert chart in small and colourful in small  # content and colours are left alone
    assert "<script>short()</script>" in small
    (name, source), = chrome.scripts.items()
    assert source == PALETTE[len("<script>"):-len("</script>")]
    assert f'<script src="../../{name}"></script>' in small
    (icon, svg), = chrome.icons.items()
    assert svg == ICON
    css = chrome.css()
    assert f".{icon}{{" in css and "M3 6h18v2H3zm0 5h18v2H3z" in css
    assert Chrome().shrink(page, "index.html") == \
        small.replace("../../assets", "assets")  # same page, same bytes


def test_built_pages_link_one_icon_sheet_holding_every_icon(built_site):
    site = built_site / "site"
    css = (site / STYLESHEET).read_text(encoding="utf-8")
    for name in (PERSON, ARTICLE, "index.html", "news/index.html"):
        page = read_page(site / name)
        assert "icons.css" in page
        header = page[page.index("<header"):page.index("</header>")]
        assert "<path" not in header, f"{name}: an inline icon is left in the header"
        used = set(re.findall(r'class="(dg-i-[0-9a-f]+)"', page))
        assert len(used) >= 5, name  # logo, menu, palette toggles, search
        for icon in used:
            assert f".{icon}{{" in css, f"{icon} has no rule in {STYLESHEET}"
        for script in re.findall(r'<script src="[./]*(assets/digest/inline-[0-9a-f]+\.js)"', page):
            assert (site / script).is_file()
    assert "palette" in "".join(p.read_text("utf-8") for p in (site / "assets" / "digest")
                                .glob("inline-*.js"))


def _differs(locator, style: str) -> bool:
    """Whether the element looks different with `style` applied to it."""
    before = locator.screenshot()
    locator.evaluate("(e, s) => e.setAttribute('style', s)", style)
    after = locator.screenshot()
    locator.evaluate("e => e.removeAttribute('style')")
    return before != after


@pytest.mark.browser
def test_generated_page_icons_drawer_and_search_work_on_a_phone(built_site, browser):
    watched = WatchedPage(browser)
    page = watched.page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto((built_site / "site" / PERSON).as_uri())
    assert page.locator("h1").inner_text() == "William Pomeranz"

    # Icons are drawn: each differs from itself without its mask and from itself transparent.
    menu = page.locator('label.md-header__button[for="__drawer"] svg')
    search = page.locator('label.md-header__button[for="__search"] svg')
    for icon in (menu, search):
        box = icon.bounding_box()
        assert box and box["width"] >= 16 and box["height"] >= 16
        assert _differs(icon, "-webkit-mask-image:none;mask-image:none")
        assert _differs(icon, "opacity:0")

    # The drawer opens and takes the reader to every section.
    menu.click()
    drawer = page.locator("nav.md-nav--primary")
    drawer.get_by_role("link", name="People").wait_for(state="visible")
    labels = [t.strip() for t in drawer.locator("a.md-nav__link").all_inner_texts()]
    for section in ("Home", "Topics", "People", "Organizations", "Places", "Editions",
                    "Timeline"):
        assert section in labels, labels
    drawer.get_by_role("link", name="Places").click()
    page.wait_for_load_state()
    assert page.url.endswith("/news/places/index.html")
    assert page.locator("h1").inner_text() == "Places"

    # Search from this page, on file://.
    page.locator('label.md-header__button[for="__search"]').click()
    box = page.locator("input.md-search__input")
    box.press_sequentially("Pomeranz", delay=20)
    page.locator(".md-search-result__item a").first.wait_for(timeout=20_000)
    assert "ready to negotiate" in page.locator(".md-search-result").inner_text()
    # the snippet from the article's body: its text shard was inflated in the browser
    page.locator(".md-search-result__article p mark", has_text="Pomeranz").first.wait_for()
    assert watched.errors == [], watched.errors
    assert watched.off_host() == []
    watched.context.close()


@pytest.mark.browser
def test_desktop_header_icons_and_tabs(built_site, browser):
    watched = WatchedPage(browser)
    page = watched.page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto((built_site / "site" / ARTICLE).as_uri())
    logo = page.locator("header .md-logo svg")
    assert _differs(logo, "-webkit-mask-image:none;mask-image:none")
    toggle = page.locator("form[data-md-component=palette] label:visible svg")
    assert _differs(toggle, "opacity:0")
    toggle.click()  # dark mode, and the palette script keeps it on the next page
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    page.locator(".md-tabs__link", has_text="People").click()
    page.wait_for_load_state()
    assert page.url.endswith("/news/people/index.html")
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    assert watched.errors == [], watched.errors
    watched.context.close()


def test_icon_sheet_keeps_rules_of_pages_a_dirty_build_did_not_render(tmp_path):
    first = Chrome()
    first.shrink(f"<header>{ICON}</header>", "index.html")
    first.write(tmp_path)
    sheet = (tmp_path / STYLESHEET).read_text(encoding="utf-8")
    Chrome().write(tmp_path)  # `mkdocs build --dirty` with nothing to render
    assert (tmp_path / STYLESHEET).read_text(encoding="utf-8") == sheet
    (name,) = first.icons
    assert f".{name}{{" in sheet


def test_scope_script_becomes_one_file_for_every_depth_only_at_the_root_scope():
    rest = "__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+e))"
    chrome = Chrome()
    deep = chrome.shrink(f'<head><script>__md_scope=new URL("../..",location),{rest}</script>'
                         "</head>", "news/people/x.html")
    top = chrome.shrink(f'<head><script>__md_scope=new URL(".",location),{rest}</script>'
                        "</head>", "index.html")
    (name, source), = chrome.scripts.items()  # one file for both pages
    assert deep == f'<head><script src="../../{name}"></script></head>'
    assert top == f'<head><script src="{name}"></script></head>'
    assert source == f'__md_scope=new URL("../..",document.currentScript.src),{rest}'
    custom = f'<head><script>__md_scope=new URL("/blog/",location),{rest}</script></head>'
    assert Chrome().shrink(custom, "index.html") == custom  # `extra.scope`: left as it is


def test_timeline_names_an_article_once_for_its_neighbouring_sentences():
    import datetime as dt
    from types import SimpleNamespace

    from digest.site.pages import Layout
    from digest.site.timepages import Event, event_lines

    one = SimpleNamespace(slug="one", title="First story", date=dt.date(2024, 5, 1))
    two = SimpleNamespace(slug="two", title="Second story", date=dt.date(2024, 5, 1))
    events = [Event("2024-05-01", "day", "It began on 1 May.", one),
              Event("2024-05-01", "day", "Talks resumed on 1 May.", one),
              Event("2024-05-01", "day", "Markets fell on 1 May.", two)]
    lines = event_lines(events, "news/timeline/2024-05.md", Layout())
    assert len(lines) == 2
    assert "It began on 1 May\\. Talks resumed on 1 May\\. — [First story]" in lines[0]
    assert lines[0].count("](../articles/one.md)") == 1
    assert "Markets fell" in lines[1] and "[Second story](../articles/two.md)" in lines[1]


def test_config_keeps_what_the_bundle_reads_on_this_page_and_drops_the_rest():
    from digest.plugin.chrome import compact_config

    strings = {"clipboard.copy": "Copy", "clipboard.copied": "Copied", "select.version": "V",
               "search.result.none": "No <match>", "search.result.placeholder": "Type"}
    config = {"annotate": None, "base": "../..", "features": ["navigation.tabs"],
              "search": "../../assets/javascripts/workers/digest-search.js", "tags": None,
              "translations": strings, "version": None}
    page = ('<body><article>x</article><script id="__config" type="application/json">'
            + json.dumps(config) + "</script></body>")
    small = compact_config(page)
    assert len(small) < len(page) and ": " not in small
    raw = small.split('application/json">')[1].split("</script>")[0]
    assert "<match>" not in raw  # still safe inside <script>
    data = json.loads(raw)
    assert data == {"base": "../..", "features": ["navigation.tabs"], "search": config["search"],
                    "translations": {"search.result.none": "No <match>",
                                     "search.result.placeholder": "Type"}}
    # something to copy, a version: their strings stay
    copy = page.replace("<article>x", '<article><button data-clipboard-target="#c">')
    assert "clipboard.copied" in json.loads(compact_config(copy).split('json">')[1].split("</")[0])[
        "translations"]
    versioned = page.replace('"version": null', '"version": {"provider": "mike"}')
    assert "select.version" in compact_config(versioned)
    assert compact_config("<p>no config</p>") == "<p>no config</p>"


def test_tab_script_goes_only_without_tabs_and_short_drawer_labels_lose_their_clip():
    from digest.plugin.chrome import trim_unused

    tabbed = ('<script>var target=document.getElementById(location.hash.slice(1));target&&'
              'target.name&&(target.checked=target.name.startsWith("__tabbed_"))</script>')
    drawer = ('<nav class="md-nav md-nav--primary" aria-label="Navigation"><ul>'
              '<li><a href="a.html" class="md-nav__link"><span class="md-ellipsis">\n  People\n'
              '  </span></a></li><li><a href="b.html" class="md-nav__link">'
              '<span class="md-ellipsis">A label far too long for the drawer</span></a></li>'
              "</ul></nav>")
    tabs = ('<nav class="md-tabs" aria-label="Tabs"><ul><li class="md-tabs__item">'
            '<a href="../people/index.html" class="md-tabs__link">\n\n    People\n  </a></li>'
            "</ul></nav>")
    page = f"<body>{tabs}{drawer}<article>text</article>{tabbed}</body>"
    small = trim_unused(page)
    assert '<a href="../people/index.html" class="md-tabs__link">People</a>' in small
    assert tabbed not in small
    assert '<a href="a.html" class="md-nav__link">People</a>' in small
    assert '<span class="md-ellipsis">A label far too long for the drawer</span>' in small
    with_tabs = page.replace("text", '<input type="radio" name="__tabbed_1_1">')
    assert tabbed in trim_unused(with_tabs)


def test_built_site_leaves_out_theme_files_no_page_loads_and_a_compact_sitemap(built_site):
    import xml.etree.ElementTree as ET

    site = built_site / "site"
    assert not (site / "assets" / "javascripts" / "lunr").exists()
    assert not [p for p in (site / "assets").rglob("*.map")]
    bundle = [p.name for p in (site / "assets" / "javascripts").glob("bundle.*.min.js")]
    page = read_page(site / PERSON)
    assert bundle and bundle[0] in page  # what pages load stays
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "\n " not in sitemap
    urls = ET.fromstring(sitemap.encode()).findall(
        "{http://www.sitemaps.org/schemas/sitemap/0.9}url")
    assert any(u[0].text.endswith(PERSON) for u in urls)
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>',
                                  page, re.S)[1])
    assert config["search"].endswith("digest-search.js") and "search.result.none" in \
        config["translations"]
