"""The render cache: a warm `mkdocs build` takes unchanged generated pages from it, renders
changed ones, and builds exactly the site a cold build does; search text comes with it."""
from __future__ import annotations

import re
import shutil
import sqlite3

from conftest import copy_project, mkdocs_build, read_page
from test_robustness import tree_hashes

from digest.search.index import page_text, read_text_shard

RENDERED = re.compile(r"digest: (\d+) generated pages rendered, (\d+) from the render cache")
ARTICLE = "news/articles/ahead-of-china-visit-putin-says-he-is-ready-to-negotiate-on-ukraine-war"


def counts(result) -> tuple[int, int]:
    found = RENDERED.search(result.stdout + result.stderr)
    assert found, result.stderr
    return int(found[1]), int(found[2])


def test_warm_build_takes_pages_from_the_cache_and_equals_a_cold_one(tmp_path):
    project = copy_project(tmp_path / "project")
    rendered, cached = counts(mkdocs_build(project))
    assert rendered > 20 and cached == 0
    cold = tree_hashes(project / "site")
    with sqlite3.connect(project / ".digest-cache" / "render" / "render.sqlite") as db:
        assert db.execute("SELECT count(*) FROM entries").fetchone()[0] == rendered

    shutil.rmtree(project / "site")
    assert counts(mkdocs_build(project)) == (0, rendered)
    assert tree_hashes(project / "site") == cold  # byte for byte
    # The search index files of an unchanged digest are reused too.
    [kept] = (project / ".digest-cache" / "search").iterdir()
    index = project / "site" / "search" / "digest-index.js"
    assert (kept / "digest-index.js").stat().st_ino == index.stat().st_ino

    # An edit renders the pages whose text changed, and only those.
    seed = project / "seeds" / "000_e435a547fc507eb7.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace(
        "Kharkiv region", "Kharkiv region, a cache-busting edit"), encoding="utf-8")
    rendered_again, cached_again = counts(mkdocs_build(project))
    assert 1 <= rendered_again < 5 and cached_again == rendered - rendered_again
    page = (project / "site" / f"{ARTICLE}.html").read_text(encoding="utf-8")
    assert "a cache-busting edit" in page


def test_a_page_that_warns_is_rendered_again_so_strict_keeps_failing(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "seeds" / "notes.md").write_text(
        "---\ntitle: Curator notes\n---\nSee [the missing page](missing.md) for more.\n",
        encoding="utf-8")
    for _ in range(2):
        result = mkdocs_build(project, check=False)
        assert result.returncode != 0
        assert "missing.md" in result.stdout + result.stderr


def test_generated_pages_reach_our_index_not_materials(tmp_path):
    project = copy_project(tmp_path / "project")
    mkdocs_build(project)
    search = project / "site" / "search"
    manifest = (search / "digest-index.js").read_text(encoding="utf-8")
    assert f"{ARTICLE}.html" in manifest and "about.html" in manifest
    texts = "".join(t for p in search.glob("digest-text-*.js")
                    for t in read_text_shard(p.read_text(encoding="utf-8")))
    assert "Kharkiv region" in texts  # the article's body, from the render cache's text


def test_page_text_keeps_what_search_should_read():
    html = ('<h1 id="t">Putin &amp; Xi</h1><p class="digest-byline">2024-05-16 · VOA</p>'
            '<script>var x = "hidden";</script>'
            '<div data-search-exclude><h2 id="a">Articles</h2><ul><li>Another story</li></ul>'
            '<div><p>nested</p></div></div>'
            '<h2 id="q">Quotes</h2><blockquote><p>We are ready.</p></blockquote><br>'
            '<p>Last words</p>')
    title, blocks = page_text(html)
    assert title == "Putin & Xi"
    assert blocks == ["2024-05-16 · VOA", "Quotes", "We are ready.", "Last words"]


def test_changed_markdown_settings_render_every_page_again(tmp_path):
    project = copy_project(tmp_path / "project")
    rendered, _ = counts(mkdocs_build(project))
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "permalink: false", "permalink: true"), encoding="utf-8")
    assert counts(mkdocs_build(project)) == (rendered, 0)
    page = read_page(project / "site" / f"{ARTICLE}.html")
    assert 'class="headerlink"' in page
