"""Where a built site's bytes go: bytes per article by kind of file, and, within the HTML
pages, how much is the theme's chrome and how much the page's own content.

    .venv/bin/python benchmarks/weight.py SITE_DIR ARTICLES [--root news]

SITE_DIR is a built `site/`, ARTICLES the number of articles it was built from (the figure
of issue #18 is bytes per article: 1 GB / 20,000 articles = 50 KB). Sizes are uncompressed
file sizes, as GitHub Pages counts them. Kinds follow digest's layout (`digest/site/urls.py`):
articles, people, organizations, places, topics (their entry pages), the four indexes,
timeline, editions, feeds, search index, Material's and digest's assets, and the rest
(home, about, 404, sitemap). Within each HTML page, the parts Material's `base.html` writes
are cut at their landmarks (head, header, tabs, drawer navigation, table of contents,
content, footer and scripts); inline `<svg>` icons outside the content are counted apart."""
from __future__ import annotations

import argparse
import os
import re
from collections import defaultdict
from pathlib import Path

KINDS = ("articles", "people", "organizations", "places", "topics", "indexes", "timeline",
         "editions", "feeds", "search", "assets", "other")
PARTS = ("head", "header", "tabs", "nav", "toc", "content", "footer", "(icons)")  # footer: and scripts
_SVG = re.compile(r"<svg\b.*?</svg>", re.S)


def kind_of(rel: str, root: str) -> str:
    parts = rel.split("/")
    if parts[0] == "search":
        return "search"
    if parts[0] == "assets":
        return "assets"
    if parts[0] != root or len(parts) < 3:
        return "other"
    section, name = parts[1], parts[-1]
    if section in ("people", "organizations", "places", "topics"):
        if name.startswith(("index", "by-count")):
            return "indexes"
        return section
    if section in ("articles", "timeline", "editions", "feeds"):
        return section
    return "other"


def landmarks(page: str) -> dict[str, int]:
    """Bytes of each part of one Material page (UTF-8). Parts not found count as 0; what is
    between the landmarks goes to the part before it."""
    marks = [("head", page.find("<head")),
             ("header", page.find("<header")),
             ("tabs", page.find('class=md-tabs ')),
             ("nav", page.find("md-sidebar--primary")),
             ("toc", page.find("md-sidebar--secondary")),
             ("content", page.find('class="md-content"') if 'class="md-content"' in page
              else page.find("class=md-content ")),
             ("footer", page.find("</article>"))]
    found = sorted((at, name) for name, at in marks if at >= 0)
    sizes = dict.fromkeys(PARTS, 0)
    if not found:
        sizes["content"] = len(page.encode())
        return sizes
    found[0] = (0, found[0][1])
    for (at, name), (end, _) in zip(found, [*found[1:], (len(page), "")]):
        sizes[name] += len(page[at:end].encode())
    content_from = dict((name, at) for at, name in found).get("content", len(page))
    content_to = page.find("</article>")
    for m in _SVG.finditer(page):
        if not (content_from <= m.start() < content_to):
            sizes["(icons)"] += len(m[0].encode())
    return sizes


def measure(site: Path, root: str = "news") -> tuple[dict, dict, dict]:
    """(bytes by kind, files by kind, page parts by kind) for every file under `site`."""
    size, count = defaultdict(int), defaultdict(int)
    parts: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(PARTS, 0))
    for folder, _, names in os.walk(site):
        for name in names:
            path = Path(folder) / name
            rel = path.relative_to(site).as_posix()
            kind = kind_of(rel, root)
            size[kind] += path.stat().st_size
            count[kind] += 1
            if name.endswith(".html") and kind not in ("assets", "search"):
                text = path.read_text("utf-8", errors="replace")
                if "md-content" in text:  # a Material page, not a redirect stub
                    for part, n in landmarks(text).items():
                        parts[kind][part] += n
    return size, count, parts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("articles", type=int)
    parser.add_argument("--root", default="news", help="digest's `output` folder")
    args = parser.parse_args()
    size, count, parts = measure(args.site, args.root)
    n = max(args.articles, 1)
    total = sum(size.values())
    print(f"site: {args.site}  articles: {args.articles}  total: {total / 1e6:.1f} MB, "
          f"{total / n / 1000:.1f} KB per article, {sum(count.values())} files")
    print(f"{'kind':<14}{'files':>8}{'MB':>9}{'KB/article':>12}{'KB/file':>9}")
    for kind in KINDS:
        if count[kind]:
            print(f"{kind:<14}{count[kind]:>8}{size[kind] / 1e6:>9.2f}"
                  f"{size[kind] / n / 1000:>12.2f}{size[kind] / count[kind] / 1000:>9.2f}")
    print("\nWithin pages, KB per page (chrome vs content):")
    print(f"{'kind':<14}" + "".join(f"{p:>10}" for p in PARTS))
    for kind in KINDS:
        if kind in parts:
            total_kind = sum(v for p, v in parts[kind].items() if p != "(icons)")
            pages = count[kind]
            print(f"{kind:<14}" + "".join(f"{parts[kind][p] / pages / 1000:>10.2f}"
                                          for p in PARTS)
                  + f"   chrome {100 * (1 - parts[kind]['content'] / total_kind):.0f}%")
    html_all = sum(sum(v for p, v in d.items() if p != "(icons)") for d in parts.values())
    content_all = sum(d["content"] for d in parts.values())
    icons_all = sum(d["(icons)"] for d in parts.values())
    print(f"\nall pages: {html_all / n / 1000:.1f} KB per article, of which content "
          f"{content_all / n / 1000:.1f} KB, chrome {(html_all - content_all) / n / 1000:.1f} KB "
          f"(inline icons {icons_all / n / 1000:.1f} KB)")


if __name__ == "__main__":
    main()
