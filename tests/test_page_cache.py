"""The whole-page cache: a warm `mkdocs build` writes unchanged generated pages from it without
running the theme, gives the same bytes as a build without it, and renders again exactly the
pages a change reaches (site name, palette, nav, a theme override, an article)."""
from __future__ import annotations

import re
import sqlite3

from conftest import copy_project, mkdocs_build, read_page
from test_robustness import tree_hashes

WHOLE = re.compile(r"digest: (\d+) generated pages through the theme, (\d+) from the whole-page "
                   r"cache")
OFF = "whole-page cache off"
ARTICLE = "news/articles/ahead-of-china-visit-putin-says-he-is-ready-to-negotiate-on-ukraine-war"


def whole(result) -> tuple[int, int]:
    found = WHOLE.search(result.stdout + result.stderr)
    assert found, result.stdout + result.stderr
    return int(found[1]), int(found[2])


def store(project):
    return project / ".digest-cache" / "render" / "output.sqlite"


def cold_again(project) -> dict[str, str]:
    """The site as a build with an empty page cache makes it (other caches kept)."""
    for path in store(project).parent.glob("output.sqlite*"):
        path.unlink()
    result = mkdocs_build(project)
    assert whole(result)[1] == 0
    return tree_hashes(project / "site")


def edit_config(project, old: str, new: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert old in text
    config.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_warm_pages_are_byte_identical_to_pages_rendered_without_the_cache(tmp_path):
    project = copy_project(tmp_path / "project")
    # A hook is a plugin the cache does not know: it is off, every page goes through the theme
    # exactly as before the cache existed.
    (project / "hook.py").write_text('"""Does nothing."""\n', encoding="utf-8")
    edit_config(project, "\nplugins:\n", "\nhooks: [hook.py]\nplugins:\n")
    result = mkdocs_build(project)
    assert OFF in result.stdout + result.stderr and not WHOLE.search(result.stderr)
    without = tree_hashes(project / "site")
    edit_config(project, "\nhooks: [hook.py]\nplugins:\n", "\nplugins:\n")

    through, cached = whole(mkdocs_build(project))
    assert through > 20 and cached == 0
    assert tree_hashes(project / "site") == without
    with sqlite3.connect(store(project)) as db:
        pages = "SELECT count(*) FROM entries WHERE key NOT LIKE 'chrome%'"  # one per page
        assert db.execute(pages).fetchone()[0] == through

    assert whole(mkdocs_build(project)) == (0, through)
    assert tree_hashes(project / "site") == without  # byte for byte

    # Entries that cannot be read are rendered the normal way, to the same bytes.
    with sqlite3.connect(store(project)) as db:
        db.execute("UPDATE entries SET value = x'00'")
    assert whole(mkdocs_build(project)) == (through, 0)
    assert tree_hashes(project / "site") == without


def test_what_every_page_shows_renders_every_page_again(tmp_path):
    project = copy_project(tmp_path / "project")
    through, _ = whole(mkdocs_build(project))
    changes = [
        ("site_name: News digest", "site_name: Evening digest", "Evening digest"),
        ("primary: indigo", "primary: teal", 'data-md-color-primary="teal"'),
        ("  - About: about.md", "  - About us: about.md", "About us"),
    ]
    for old, new, shown in changes:
        edit_config(project, old, new)
        assert whole(mkdocs_build(project)) == (through, 0), new
        page = read_page(project / "site" / f"{ARTICLE}.html")
        assert shown in page, new
        assert whole(mkdocs_build(project)) == (0, through)
    warm = tree_hashes(project / "site")
    assert cold_again(project) == warm


def test_a_theme_override_or_an_article_edit_renders_what_it_reaches(tmp_path):
    project = copy_project(tmp_path / "project")
    overrides = project / "overrides"
    overrides.mkdir()
    main = overrides / "main.html"
    main.write_text('{% extends "base.html" %}{% block content %}{{ super() }}'
                    '<p>override one</p>{% endblock %}', encoding="utf-8")
    edit_config(project, "  name: material\n", "  name: material\n  custom_dir: overrides\n")
    through, _ = whole(mkdocs_build(project))
    assert whole(mkdocs_build(project)) == (0, through)

    main.write_text(main.read_text(encoding="utf-8").replace("one", "two"), encoding="utf-8")
    assert whole(mkdocs_build(project)) == (through, 0)
    page = read_page(project / "site" / f"{ARTICLE}.html")
    assert "override two" in page and "override one" not in page

    seed = project / "seeds" / "000_e435a547fc507eb7.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace(
        "Kharkiv region", "Kharkiv region, a page-cache edit"), encoding="utf-8")
    again, cached = whole(mkdocs_build(project))
    assert 1 <= again < through // 2 and again + cached == through
    page = read_page(project / "site" / f"{ARTICLE}.html")
    assert "a page-cache edit" in page
    warm = tree_hashes(project / "site")
    assert cold_again(project) == warm
