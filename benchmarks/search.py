"""Offline search at scale: time to first result from file:// in headless Chromium.

    .venv/bin/python benchmarks/search.py [--articles 5000] [--dir /tmp/digest-search-bench]
                                          [--material] [--keep]

Generates N articles (~600 words each, recombined from sentences written here, with made-up
names, some with diacritics, and "Recep Tayyip Erdoğan" in some), builds them with the real
`mkdocs build` (Material, search and offline plugins, our hooks unless --material), then opens
index.html from disk and measures, on a fresh page per query, the time from clicking the search
box to the first result row that holds the expected title. Prints index sizes and timings."""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

FIRST = ["Amira", "Bogdan", "Chiara", "Dmitri", "Élodie", "Farid", "Günther", "Hana", "Ígor",
         "Jana", "Kemal", "Lúcia", "Mateusz", "Nadia", "Óscar", "Priya", "Radek", "Søren",
         "Tomás", "Ulla", "Vesna", "Wojciech", "Ximena", "Yusuf", "Zoë", "Şebnem", "Çağlar"]
SYLLABLES = ["ka", "ro", "vi", "len", "mar", "tos", "ber", "ni", "sha", "dor", "ić", "ova",
             "ğlu", "sen", "ez", "ski", "ma", "lo", "tu", "rai", "wen", "ç", "kov", "ard"]
PLACES = ["Ankara", "Kyiv", "Brasília", "Nairobi", "Jakarta", "Québec", "Reykjavík", "Lima",
          "Kraków", "São Paulo", "Hanoi", "Dakar", "Tbilisi", "Montevideo", "Almaty", "Oslo"]
ORGS = ["the Ministry of Finance", "the central bank", "the electoral commission",
        "the World Health Organization", "the port authority", "the national assembly",
        "the Supreme Court", "the chamber of commerce", "the teachers' union"]
TOPICS = ["inflation", "drought", "elections", "vaccination", "wages", "railways", "fisheries",
          "housing", "tariffs", "wildfires", "pensions", "broadband", "tourism", "flooding"]
SENTENCES = [
    "{person} said on {day} that {org} would review the plans for {topic} before the summer.",
    "Officials in {place} described the situation as serious but under control.",
    "The report, published by {org}, estimates that {number} households are affected.",
    "Critics argue that the measures on {topic} came too late and cost too much.",
    "{person}, who has led the negotiations since {year}, declined to give a timetable.",
    "Residents of {place} told reporters they had waited {number} days for an answer.",
    "Analysts expect the debate over {topic} to dominate the next session of parliament.",
    "In a statement, {org} promised a full inquiry into the delays.",
    "The opposition called for an independent audit of spending on {topic}.",
    "Prices in {place} rose by {small} percent last month, according to official figures.",
    "{person} met regional leaders in {place} to discuss cooperation on {topic}.",
    "Several hundred people gathered outside the offices of {org} on {day}.",
    "The government says the new rules will take effect at the start of next year.",
    "Economists warned that a long dispute over {topic} could slow growth.",
    "Engineers began inspecting bridges and roads around {place} after the storm.",
    "{person} told the committee that the budget for {topic} had doubled since {year}.",
    "Local newspapers in {place} reported long queues at petrol stations.",
    "The agreement still has to be approved by {org}.",
    "Farmers near {place} said the season had been the hardest in {small} decades.",
    "A spokesperson for {org} confirmed that talks would resume on {day}.",
    "Observers noted that turnout was higher than at the previous vote.",
    "{person} is expected to travel to {place} later this month.",
    "The plan includes {number} new homes and a fund for small businesses.",
    "Some lawmakers questioned whether the figures on {topic} were reliable.",
    "Schools in {place} will stay closed until the water supply is restored.",
    "The minister said the country was ready to negotiate without preconditions.",
    "Volunteers distributed food and blankets to families who had lost their homes.",
    "The court ruling is likely to shape policy on {topic} for years to come.",
    "{person} described the outcome as a fair compromise for both sides.",
    "Exports through the port of {place} fell sharply in the first quarter.",
]
HEADINGS = ["Background", "Reaction", "What comes next"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ERDOGAN_ROLE = "Turkish President Recep Tayyip Erdoğan"


def person(rng: random.Random) -> str:
    last = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))
    return f"{rng.choice(FIRST)} {last.capitalize()}"


def article(number: int, rng: random.Random) -> tuple[str, str]:
    """A title and a ~600-word Markdown body with two section headings."""
    people = [person(rng) for _ in range(3)]
    if number % 25 == 0:
        people[0] = ERDOGAN_ROLE
    place, topic = rng.choice(PLACES), rng.choice(TOPICS)
    title = f"{people[0].split()[-1]} and {topic} in {place}: article {number}"

    def fill(sentence: str) -> str:
        return sentence.format(person=rng.choice(people), org=rng.choice(ORGS),
                               topic=topic if rng.random() < 0.7 else rng.choice(TOPICS),
                               place=place if rng.random() < 0.6 else rng.choice(PLACES),
                               day=rng.choice(DAYS), number=rng.randint(20, 90000),
                               small=rng.randint(2, 12), year=rng.randint(1995, 2024))

    paragraphs, words = [], 0
    while words < 600:
        paragraph = " ".join(fill(rng.choice(SENTENCES)) for _ in range(rng.randint(3, 5)))
        paragraphs.append(paragraph)
        words += len(paragraph.split())
    third = max(1, len(paragraphs) // 3)
    body = ["\n\n".join(paragraphs[:third])]
    for heading, part in zip(HEADINGS[:2], (paragraphs[third:2 * third],
                                            paragraphs[2 * third:])):
        body.append(f"## {heading}\n\n" + "\n\n".join(part))
    return title, "\n\n".join(body)


HOOKS = '''from pathlib import Path
import json
from mkdocs.plugins import event_priority
from digest.search.index import build_search_index, rewrite_worker_url

def on_post_page(output, page, config):
    return rewrite_worker_url(output)

def on_post_template(output_content, template_name, config):
    return rewrite_worker_url(output_content)

@event_priority(-50)
def on_post_build(config):
    index = Path(config.site_dir, "search", "search_index.json")
    Path(config.site_dir, "..", "material_index.json").write_bytes(index.read_bytes())
    figures = build_search_index(Path(config.site_dir))
    Path(config.site_dir, "..", "figures.json").write_text(json.dumps(figures))
'''


def generate(dest: Path, articles: int, material: bool) -> None:
    if dest.exists():
        shutil.rmtree(dest)
    docs = dest / "docs"
    (docs / "articles").mkdir(parents=True)
    (docs / "javascripts").mkdir()
    shutil.copy(ROOT / "digest" / "assets" / "iframe-worker.js", docs / "javascripts")
    rng = random.Random(7)
    listed: dict[str, list[str]] = {topic: [] for topic in TOPICS}
    everything = []
    for number in range(articles):
        title, body = article(number, rng)
        (docs / "articles" / f"{number:05d}.md").write_text(f"# {title}\n\n{body}\n",
                                                            encoding="utf-8")
        line = f"- [{title}](../articles/{number:05d}.md) {body.split('. ')[0]}."
        listed[title.split(" and ")[1].split(" in ")[0]].append(line)
        everything.append(line)
    # Long list pages, like the digest's topic pages and timeline.
    (docs / "topics").mkdir()
    for topic, lines in listed.items():
        (docs / "topics" / f"{topic}.md").write_text(
            f"# {topic.capitalize()}\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
    (docs / "topics" / "all.md").write_text("# All articles\n\n" + "\n".join(everything) + "\n",
                                            encoding="utf-8")
    (docs / "index.md").write_text("# Search benchmark\n\nGenerated articles.\n")
    config = {
        "site_name": "Search benchmark", "use_directory_urls": False,
        "theme": {"name": "material", "font": False,
                  "features": ["search.suggest", "search.highlight"]},
        "extra": {"polyfills": ["javascripts/iframe-worker.js"], "generator": False},
        "plugins": ["search", "offline"], "nav": [{"Home": "index.md"}],
        "not_in_nav": "/articles/**\n/topics/**",
    }
    if not material:
        config["hooks"] = ["search_hooks.py"]
        (dest / "search_hooks.py").write_text(HOOKS)
    (dest / "mkdocs.yml").write_text(json.dumps(config, indent=1))  # JSON is valid YAML


WATCH = """expected => {
    window.__t0 = performance.now();
    window.__rows = window.__snippet = window.__last = window.__key = null;
    const list = document.querySelector('.md-search-result__list');
    new MutationObserver(() => {
        const now = performance.now() - window.__t0, first = list.firstElementChild;
        window.__last = now;
        if (first && first.innerText.includes(expected)) {
            if (window.__rows === null) window.__rows = now;
            if (window.__snippet === null && first.querySelector('p')) window.__snippet = now;
        }
    }).observe(list, {childList: true, subtree: true});
    document.addEventListener('keyup', () => window.__key = performance.now() - window.__t0,
                              true);
}"""


def measure(site: Path, queries: list[tuple[str, str]]) -> list[dict]:
    """Per query, on fresh pages: `cold` = click into the box, paste the query and press a
    key; ms until the first row shows the expected title and until it has its snippet.
    `typed` = typed at 8 keys/s; ms from the last keystroke to the last change of the list."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import CHROMIUM, CHROMIUM_FLAGS as FLAGS

    results = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        for query, expected in queries:
            figures = {"query": query}
            for mode in ("cold", "typed"):
                context = browser.new_context()
                page = context.new_page()
                page.goto((site / "index.html").as_uri())
                box = page.locator("input.md-search__input")
                box.wait_for(state="attached")
                page.wait_for_timeout(300)
                page.evaluate(WATCH, expected)
                box.click()
                if mode == "cold":
                    box.fill(query)
                    box.press("End")  # Material reads the box on keyup
                    page.wait_for_function("window.__snippet !== null", timeout=120_000)
                    figures["rows"] = page.evaluate("window.__rows")
                    figures["snippet"] = page.evaluate("window.__snippet")
                    figures["key"] = page.evaluate("window.__key")
                else:
                    box.press_sequentially(query, delay=125)
                    page.wait_for_function("window.__rows !== null", timeout=120_000)
                    page.wait_for_timeout(1500)
                    figures["after_last_key"] = page.evaluate("window.__last - window.__key")
                context.close()
            results.append(figures)
        browser.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/digest-search-bench"))
    parser.add_argument("--material", action="store_true",
                        help="measure Material's own search instead (no hooks)")
    parser.add_argument("--keep", action="store_true", help="reuse an existing build")
    args = parser.parse_args()
    dest = args.dir
    if not (args.keep and (dest / "site" / "index.html").exists()):
        generate(dest, args.articles, args.material)
        start = time.perf_counter()
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        subprocess.run([str(BIN / "mkdocs"), "build", "-q"], cwd=dest, env=env, check=True)
        print(f"mkdocs build of {args.articles} articles: {time.perf_counter() - start:.1f} s")
    elif not args.material:  # --keep: rebuild only our index, from Material's saved one
        from digest.search.index import build_search_index

        shutil.copy(dest / "material_index.json", dest / "site" / "search" / "search_index.json")
        (dest / "figures.json").write_text(json.dumps(build_search_index(dest / "site")))
    figures = dest / "figures.json"
    if figures.exists():
        for key, value in json.loads(figures.read_text()).items():
            print(f"  {key}: {value:,}")
    rng = random.Random(7)
    titles = [article(n, rng)[0] for n in range(min(args.articles, 4))]
    name = titles[3].split()[0]
    erdogan = "Erdoğan" if args.material else "Erdogan"  # lunr does not fold accents
    queries = [(erdogan, "Erdoğan"), (name, name), ("ready to negotiate", ""),
               ("inflation ankara", ""), ("pres", ""), (f"Recep Tayyip {erdogan}", "Erdoğan")]
    print("  ms. cold: fresh page, click the box, paste the query, press End; from the click"
          " (and from End's keyup) to the first row with the expected page / to its snippet."
          "\n  typed: fresh page, typed at 8 keys/s; from the last keyup to the list's last"
          " change.")
    for f in measure(dest / "site", queries):
        print(f"  {f['query']!r:22} cold {f['rows']:5.0f} / {f['snippet']:5.0f}"
              f"  (after keyup {f['rows'] - f['key']:5.0f} / {f['snippet'] - f['key']:5.0f})"
              f"   typed {f['after_last_key']:5.0f}")


if __name__ == "__main__":
    main()
