"""The README's screenshots, taken the way a reader sees the site: build the demo corpus
(demo/seeds, text written for this project) in a temporary copy of the project, open the
pages from disk in Debian's Chromium through Playwright, and save PNGs.

    .venv/bin/python scripts/screenshots.py                 # docs/images/*.png from the demo
    .venv/bin/python scripts/screenshots.py --site DIR/site --out /tmp/shots --page news/people/index.html

With --site, an already built site is photographed instead (any corpus, e.g. a benchmark's),
and --page chooses pages; without --page the home page, the newest article, the busiest
person and the topics index are taken."""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run"]


def build_demo(dest: Path) -> Path:
    """The project's config and hand-written pages with the demo seeds, built with
    `mkdocs build --strict`; returns the site folder."""
    for name in ("mkdocs.yml", "digest.yml"):
        if (ROOT / name).exists():
            shutil.copy(ROOT / name, dest / name)
    for folder in ("overrides", "curation"):
        if (ROOT / folder).exists():
            shutil.copytree(ROOT / folder, dest / folder, dirs_exist_ok=True)
    shutil.copytree(ROOT / "docs", dest / "docs", ignore=shutil.ignore_patterns("news", "images"),
                    dirs_exist_ok=True)
    shutil.copytree(ROOT / "demo" / "seeds", dest / "seeds", dirs_exist_ok=True)
    mkdocs = Path(sys.executable).parent / "mkdocs"
    subprocess.run([str(mkdocs), "build", "--strict", "--quiet"], cwd=dest, check=True,
                   env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    return dest / "site"


def default_pages(site: Path) -> dict[str, str]:
    """Home, the newest article, the person with most articles, the topics index."""
    pages = {"home": "index.html", "topics": "news/topics/index.html"}
    by_count = (site / "news" / "people" / "by-count.html")
    if by_count.exists():
        found = re.search(r'href="([^"]+\.html)"[^>]*>[^<]+</a> <span class="digest-count">',
                          by_count.read_text(encoding="utf-8"))
        if found:
            pages["person"] = "news/people/" + found.group(1)
    # The article with the most quotes (newest first among equals): one that shows it all.
    articles = sorted((site / "news" / "articles").glob("*.html"),
                      key=lambda p: -p.read_text(encoding="utf-8").count("<blockquote>"))
    if articles:
        pages["article"] = f"news/articles/{articles[0].name}"
    return pages


def shoot(site: Path, pages: dict[str, str], out: Path, width: int, height: int,
          full: bool, scheme: str) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    taken = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        context = browser.new_context(viewport={"width": width, "height": height},
                                      color_scheme=scheme)
        page = context.new_page()
        for name, path in pages.items():
            page.goto((site / path).as_uri())
            page.wait_for_load_state("load")
            if scheme == "dark":  # Material's toggle remembers the palette per site
                page.evaluate("""() => { const input = document.querySelector(
                    'input[data-md-color-scheme="slate"]'); if (input) input.click(); }""")
            page.wait_for_timeout(200)
            target = out / f"{name}.png"
            page.screenshot(path=str(target), full_page=full)
            height_px = page.evaluate("document.documentElement.scrollHeight")
            print(f"{target}  {path}  {height_px}px tall")
            taken.append(target)
        browser.close()
    return taken


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build the demo)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    parser.add_argument("--page", action="append", default=[],
                        help="NAME=PATH or PATH under the site (repeatable)")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--full", action="store_true", help="the whole page, not the window")
    parser.add_argument("--dark", action="store_true", help="the slate palette")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or build_demo(Path(tmp))
        pages = {}
        for item in args.page:
            name, _, path = item.rpartition("=")
            pages[name or Path(path).stem] = path
        shoot(site, pages or default_pages(site), args.out, args.width, args.height, args.full,
              "dark" if args.dark else "light")


if __name__ == "__main__":
    main()
