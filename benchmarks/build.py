"""Build benchmarks for "fast at 5,000 articles": cold and warm builds, a one-article edit,
`mkdocs serve` latency, peak memory, site size and time to the first search result.

    .venv/bin/python benchmarks/build.py --articles 1000 5000 [--seed 1] [--workdir DIR]
        [--skip serve-dirty,serve,browser] [--split] [--repeat 2] [--hugo] [--json results.json]
    .venv/bin/python benchmarks/build.py --real ../shared/bench/reuters-1987 [--hugo]

For each size it makes a throwaway project in WORKDIR/N (default /tmp/digest-bench/N: this
repository's mkdocs.yml, digest.yml, docs/ and curation/, with a generated corpus as seeds/,
see benchmarks/corpus.py), runs every phase as a subprocess with a timeout, prints each figure
as soon as it is measured, and a table at the end. Figures are wall-clock seconds on this
machine; see benchmarks/README.md for what each one means."""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402  (benchmarks/corpus.py, beside this file)

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONUNBUFFERED="1")
PAGE = os.sysconf("SC_PAGE_SIZE")
DIGEST_LINE = re.compile(r"digest: (\d+) articles[;,] (\d+) pages written, (\d+) removed, "
                         r"(\d+) unchanged")
INDEX_LINE = re.compile(r"digest: search index for \d+ pages")
PHASES = ("serve-dirty", "serve", "browser", "plain", "edit")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--disable-default-apps", "--disable-domain-reliability",
                  "--metrics-recording-only", "--no-default-browser-check"]


class PhaseError(RuntimeError):
    """A phase failed or timed out: reported in the table, the other phases go on."""


@dataclass
class Run:
    """One finished command: wall time, output lines with their time, memory peaks (MB)."""

    seconds: float
    lines: list[tuple[float, str]]
    peak_process_mb: float  # largest single process (ru_maxrss of it and its children)
    peak_tree_mb: float  # largest sum of RSS over the process tree, sampled every 0.2 s
    cpu_s: float  # user + system CPU seconds of the process and its (waited-for) children

    def text(self) -> str:
        return "\n".join(line for _, line in self.lines)

    def when(self, pattern: re.Pattern[str]) -> tuple[float, re.Match[str]] | None:
        for at, line in self.lines:
            match = pattern.search(line)
            if match:
                return at, match
        return None


def tree_rss(root: int) -> int:
    """Bytes resident in `root` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            with open(f"/proc/{pid}/statm", "rb") as handle:
                total += int(handle.read().split()[1]) * PAGE
        except OSError:
            pass
    return total


class Process:
    """A command in its own session, its output collected line by line with timestamps."""

    def __init__(self, cmd: list[str], cwd: Path) -> None:
        self.cmd = cmd
        self.start = time.monotonic()
        self.proc = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, text=True,
                                     start_new_session=True)
        self.lines: list[tuple[float, str]] = []
        self.peak_tree = 0
        self.done = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._sample, daemon=True).start()

    def _read(self) -> None:
        for line in iter(self.proc.stdout.readline, ""):
            self.lines.append((time.monotonic() - self.start, line.rstrip("\n")))

    def _sample(self) -> None:
        while not self.done.is_set():
            self.peak_tree = max(self.peak_tree, tree_rss(self.proc.pid))
            self.done.wait(0.2)

    def stop(self) -> None:
        """End the command and everything it started (its own process group only)."""
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
                self.proc.wait(timeout=20)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                try:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                self.proc.wait()
        self.done.set()

    def finish(self, timeout: float) -> Run:
        """Wait for the command; PhaseError on timeout or a non-zero exit."""
        deadline = self.start + timeout
        try:
            while True:
                pid, status, usage = os.wait4(self.proc.pid, os.WNOHANG)
                if pid:
                    break
                if time.monotonic() > deadline:
                    raise PhaseError(f"timed out after {timeout:.0f} s: {' '.join(self.cmd)}\n"
                                     + self.tail())
                time.sleep(0.05)
        except BaseException:  # timeout, Ctrl-C, SIGTERM: leave no build running
            self.stop()
            raise
        seconds = time.monotonic() - self.start
        self.proc.returncode = os.waitstatus_to_exitcode(status)
        self.done.set()
        time.sleep(0.1)  # let the reader take the last lines
        if self.proc.returncode != 0:
            raise PhaseError(f"exit {self.proc.returncode}: {' '.join(self.cmd)}\n" + self.tail())
        return Run(seconds, list(self.lines), usage.ru_maxrss / 1024, self.peak_tree / 2**20,
                   usage.ru_utime + usage.ru_stime)

    def tail(self, n: int = 15) -> str:
        return "\n".join(line for _, line in self.lines[-n:])


def run(cmd: list[str], cwd: Path, timeout: float) -> Run:
    return Process(cmd, cwd).finish(timeout)


def mkdocs(project: Path, timeout: float, *args: str) -> Run:
    return run([str(BIN / "mkdocs"), "build", *args], project, timeout)


def digest_build(project: Path, timeout: float) -> Run:
    return run([str(BIN / "digest"), "build", "--root", str(project)], project, timeout)


def pages_written(result: Run) -> int | None:
    found = result.when(DIGEST_LINE)
    return int(found[1][2]) if found else None


# --- project set-up ------------------------------------------------------------------------

def make_project(dest: Path, articles: int, seed: int, real: Path | None = None) -> Path:
    """This repository's config, docs and curator files, with a generated corpus as seeds/,
    or (`real`) with the plugin's `seeds:` option naming a folder of real seeds, read in
    place and never copied."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for name in ("mkdocs.yml", "digest.yml"):
        if (ROOT / name).exists():
            shutil.copy(ROOT / name, dest / name)
    shutil.copytree(ROOT / "docs", dest / "docs", ignore=shutil.ignore_patterns("news"))
    for folder in ("curation", "overrides"):  # curator files; the theme's custom_dir
        if (ROOT / folder).exists():
            shutil.copytree(ROOT / folder, dest / folder)
    if real is None:
        corpus.write_corpus(dest / "seeds", articles, seed)
        return dest
    config = dest / "mkdocs.yml"
    text, count = re.subn(r"^(\s+)seeds: seeds\b", lambda m: f"{m[1]}seeds: {real.resolve()}",
                          config.read_text(encoding="utf-8"), count=1, flags=re.M)
    if count != 1:
        raise PhaseError("mkdocs.yml has no `seeds: seeds` line under the digest plugin")
    config.write_text(text, encoding="utf-8")
    return dest


def snapshot_code(workdir: Path) -> str:
    """Copy the digest package as it is now, and run every build with that copy first on
    PYTHONPATH: the whole run measures one version even while digest/ is being edited."""
    dest = workdir / "code"
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(ROOT / "digest", dest / "digest",
                    ignore=shutil.ignore_patterns("__pycache__"))
    ENV["PYTHONPATH"] = os.pathsep.join(filter(None, [str(dest), ENV.get("PYTHONPATH")]))
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, text=True,
                              capture_output=True, timeout=30).stdout.strip()
        dirty = subprocess.run(["git", "status", "--short", "--", "digest"], cwd=ROOT,
                               text=True, capture_output=True, timeout=30).stdout.split("\n")
    except (OSError, subprocess.SubprocessError):
        return "code: unknown version"
    changed = sum(1 for line in dirty if line.strip())
    return f"code: digest/ at git {head or '?'} with {changed} uncommitted files, copied to {dest}"


def clean(project: Path, cache: bool = True) -> None:
    """Remove what builds produce: the site, the generated pages and (cold) the cache."""
    for name in (["site", "docs/news"] + ([".digest-cache"] if cache else [])):
        shutil.rmtree(project / name, ignore_errors=True)


PLAIN_CONFIG = """site_name: Plain MkDocs baseline
docs_dir: docs
use_directory_urls: false
theme:
  name: material
  font: false
markdown_extensions:
  - attr_list
  - tables
  - toc:
      permalink: false
plugins:
  - search
  - offline
nav:
  - Home: index.md
not_in_nav: |
  /articles/**
"""


def make_plain(project: Path, dest: Path) -> int:
    """Plain MkDocs + Material over a copy of the generated article pages alone."""
    if dest.exists():
        shutil.rmtree(dest)
    (dest / "docs" / "articles").mkdir(parents=True)
    pages = sorted((project / "docs" / "news" / "articles").glob("*.md"))
    for page in pages:
        shutil.copy(page, dest / "docs" / "articles" / page.name)
    (dest / "docs" / "index.md").write_text("# Plain baseline\n\nThe article pages alone.\n",
                                            encoding="utf-8")
    (dest / "mkdocs.yml").write_text(PLAIN_CONFIG, encoding="utf-8")
    return len(pages)


HUGO_DIR = ROOT / "benchmarks" / "hugo"  # its config and minimal theme (layouts/)
# Fixed flags, the same every run: minified output as digest's, no cache between runs.
HUGO_FLAGS = ["--minify", "--cleanDestinationDir", "--ignoreCache", "--noBuildLock",
              "--destination", "public"]
TAXONOMIES = ("people", "organizations", "places", "topics")
HUGO_PAGES = re.compile(r"^\s*Pages\s*\|\s*(\d+)", re.M)


def ensure_hugo() -> str:
    """Debian's hugo: installed with apt-get when missing and this is root."""
    found = shutil.which("hugo")
    if found:
        return found
    if os.geteuid() != 0:
        raise PhaseError("hugo is not installed: run `apt-get install hugo` as root")
    for cmd in (["apt-get", "install", "-y", "-q", "hugo"], ["apt-get", "update", "-q"],
                ["apt-get", "install", "-y", "-q", "hugo"]):
        subprocess.run(cmd, capture_output=True, timeout=900,
                       env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
        if shutil.which("hugo"):
            return shutil.which("hugo")
    raise PhaseError("`apt-get install hugo` did not install hugo")


def page_names(docs_news: Path) -> dict[str, set[str]]:
    """The names that get a page of their own in digest's site, per taxonomy: the titles of
    docs/news/{people,organizations,places,topics}/*.md (not their index pages)."""
    names: dict[str, set[str]] = {}
    for kind in TAXONOMIES:
        found = names.setdefault(kind, set())
        for page in (docs_news / kind).glob("*.md"):
            if page.stem in ("index", "by-count"):
                continue
            meta = front_matter(page.read_text(encoding="utf-8"))[0]
            if meta.get("title"):
                found.add(str(meta["title"]))
    return names


def front_matter(text: str) -> tuple[dict, str]:
    import yaml

    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end > 0:
            return yaml.safe_load(text[4:end]) or {}, text[end + 5:]
    return {}, text


def make_hugo(project: Path, dest: Path) -> int:
    """A Hugo site of digest's article pages (docs/news/articles/*.md, as digest wrote them),
    with only the taxonomy names that get a digest page. Returns the number of articles."""
    import yaml

    if dest.exists():
        shutil.rmtree(dest)
    content = dest / "content" / "articles"
    content.mkdir(parents=True)
    shutil.copy(HUGO_DIR / "hugo.toml", dest / "hugo.toml")
    shutil.copytree(HUGO_DIR / "layouts", dest / "layouts")
    news = project / "docs" / "news"
    keep = page_names(news)
    pages = sorted((news / "articles").glob("*.md"))
    for page in pages:
        meta, body = front_matter(page.read_text(encoding="utf-8"))
        for kind in TAXONOMIES:
            meta[kind] = [n for n in meta.get(kind) or [] if str(n) in keep[kind]]
        meta.pop("search", None)
        head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=True, default_flow_style=False)
        (content / page.name).write_text(f"---\n{head}---\n{body}", encoding="utf-8")
    (dest / "content" / "articles" / "_index.md").write_text("---\ntitle: Articles\n---\n",
                                                             encoding="utf-8")
    return len(pages)


def digest_pages(project: Path) -> int:
    """Pages digest generated (docs/news/**/*.md), as MkDocs builds them into site/."""
    return sum(1 for _ in (project / "docs" / "news").rglob("*.md"))


def folder_size(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


# --- edits and serve -----------------------------------------------------------------------

def append_marker(seed_file: Path, marker: str) -> None:
    """Add a sentence with `marker` to the seed's last paragraph, as a curator's edit would."""
    text = seed_file.read_text(encoding="utf-8").rstrip("\n")
    seed_file.write_text(f"{text} Editors added {marker} here.\n", encoding="utf-8")


def article_page(project: Path, marker: str) -> str:
    """The generated article page (relative to docs/news) whose text holds `marker`."""
    for page in sorted((project / "docs" / "news" / "articles").glob("*.md")):
        if marker in page.read_text(encoding="utf-8"):
            return page.relative_to(project / "docs").with_suffix(".html").as_posix()
    raise PhaseError(f"no article page contains {marker!r}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def serve_latency(project: Path, seed_file: Path, page: str, dirty: bool, startup: float,
                  marker: str, wait: float = 300) -> dict[str, float]:
    """Seconds from saving an edited seed to `mkdocs serve` serving the page with the edit."""
    port = free_port()
    cmd = [str(BIN / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}"]  # livereload: watches
    server = Process(cmd + (["--dirty"] if dirty else []), project)
    url = f"http://127.0.0.1:{port}/{page}"
    try:
        deadline = time.monotonic() + startup
        while fetch(url) is None:
            if server.proc.poll() is not None:
                raise PhaseError("mkdocs serve exited:\n" + server.tail())
            if time.monotonic() > deadline:
                raise PhaseError(f"mkdocs serve did not serve {page} within {startup:.0f} s\n"
                                 + server.tail())
            time.sleep(0.5)
        first = time.monotonic() - server.start
        # Let the server settle, as a curator reading the first build would: the search
        # index is written in the background after the first build, and spaCy loads.
        while not any(INDEX_LINE.search(line) for _, line in list(server.lines)):
            if time.monotonic() > deadline:
                raise PhaseError("no search index after the first build\n" + server.tail())
            time.sleep(0.5)
        time.sleep(5)
        append_marker(seed_file, marker)
        saved = time.monotonic()
        while marker not in (fetch(url) or ""):
            if time.monotonic() - saved > wait:
                raise PhaseError(f"edit not served within {wait:.0f} s\n" + server.tail())
            time.sleep(0.1)
        latency = time.monotonic() - saved
        return {"startup_s": first, "edit_to_served_s": latency,
                "peak_tree_mb": server.peak_tree / 2**20}
    finally:
        server.stop()


# --- browser -------------------------------------------------------------------------------

def search_timing(site: Path, query: str, expect: str) -> dict[str, float]:
    """Open site/index.html from disk, type `query` in Material's search box, time the first
    result: from starting to type, and from the start of the page load."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS,
                                    headless=True)
        try:
            page = browser.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            loading = time.monotonic()
            page.goto((site / "index.html").as_uri(), wait_until="load", timeout=60_000)
            loaded = time.monotonic()
            search = page.locator("input.md-search__input")
            search.wait_for(state="attached", timeout=30_000)
            search.click()
            typing = time.monotonic()
            search.press_sequentially(query, delay=20)
            typed = time.monotonic()
            page.locator(".md-search-result__item").first.wait_for(timeout=60_000)
            shown = time.monotonic()
            results = page.locator(".md-search-result").inner_text()
            if expect not in results:
                raise PhaseError(f"search for {query!r} did not show {expect!r}")
            return {"load_s": loaded - loading, "typing_s": typed - typing,
                    "type_to_result_s": shown - typing, "last_key_to_result_s": shown - typed,
                    "load_to_result_s": shown - loading,
                    "page_errors": len(errors)}
        finally:
            browser.close()


# --- one size ------------------------------------------------------------------------------

@dataclass
class Bench:
    articles: int
    project: Path
    timeout: float
    skip: set[str]
    repeat: int = 1
    figures: dict[str, object] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    loads: list[float] = field(default_factory=list)  # 1-min load average around phases

    def note(self, key: str, value: object) -> None:
        self.figures[key] = value
        shown = f"{value:.2f}" if isinstance(value, float) else value
        print(f"  [{self.articles}] {key} = {shown}", flush=True)

    def phase(self, name: str, action) -> bool:
        load = os.getloadavg()[0]
        print(f"[{self.articles}] {name} ... (load average {load:.1f})", flush=True)
        self.loads.append(load)
        try:
            action()
            self.loads.append(os.getloadavg()[0])
            return True
        except (PhaseError, OSError, subprocess.SubprocessError) as err:
            message = f"{name}: {err}"
            self.errors.append(message)
            print(f"  [{self.articles}] FAILED {message}", flush=True)
            return False
        except Exception as err:  # the browser phase may raise Playwright's own errors
            message = f"{name}: {type(err).__name__}: {err}"
            self.errors.append(message)
            print(f"  [{self.articles}] FAILED {message}", flush=True)
            return False

    def peak(self, result: Run) -> None:
        self.figures["peak_process_mb"] = max(self.figures.get("peak_process_mb", 0.0),
                                              result.peak_process_mb)
        self.figures["peak_tree_mb"] = max(self.figures.get("peak_tree_mb", 0.0),
                                           result.peak_tree_mb)

    def split(self) -> None:
        """`digest build` cold, then `mkdocs build`: the two parts measured apart."""
        clean(self.project)
        result = digest_build(self.project, self.timeout)
        self.peak(result)
        self.note("cold_digest_build_s", result.seconds)
        self.note("cold_digest_peak_tree_mb", result.peak_tree_mb)
        result = mkdocs(self.project, self.timeout)
        self.note("mkdocs_after_digest_s", result.seconds)

    def cold(self) -> None:
        """One `mkdocs build` from nothing: the digest part ends when the plugin logs."""
        clean(self.project)
        result = mkdocs(self.project, self.timeout)
        self.peak(result)
        self.note("cold_mkdocs_build_s", result.seconds)
        self.note("cold_mkdocs_build_cpu_s", result.cpu_s)
        found = result.when(DIGEST_LINE)
        if found:
            self.note("cold_digest_part_s", found[0])
            self.note("cold_mkdocs_part_s", result.seconds - found[0])
        self.note("cold_peak_process_mb", result.peak_process_mb)
        self.note("cold_peak_tree_mb", result.peak_tree_mb)

    def hot(self) -> None:
        """`digest build` with the cache hot: pages from nothing, then a no-op."""
        clean(self.project, cache=False)
        result = digest_build(self.project, self.timeout)
        self.note("hot_digest_all_pages_s", result.seconds)
        self.note("hot_digest_all_pages_cpu_s", result.cpu_s)
        self.note("hot_digest_pages_written", pages_written(result))
        result = digest_build(self.project, self.timeout)
        self.note("noop_digest_build_s", result.seconds)
        self.note("noop_digest_build_cpu_s", result.cpu_s)
        self.hot_extraction()

    def hot_extraction(self) -> None:
        """Cold extraction = cold digest part minus the same with a hot cache."""
        cold = self.figures.get("cold_digest_build_s") or self.figures.get("cold_digest_part_s")
        if cold and "hot_digest_all_pages_s" in self.figures:
            extraction = cold - self.figures["hot_digest_all_pages_s"]
            self.note("cold_extraction_s", extraction)
            self.note("extraction_articles_per_s", self.articles / extraction)
            self.note("cold_digest_articles_per_s", self.articles / cold)
        cpu = self.figures.get("cold_mkdocs_build_cpu_s")
        if cpu and "hot_digest_all_pages_cpu_s" in self.figures \
                and "cold_mkdocs_part_cpu_s" in self.figures:
            # CPU time does not grow with other load: what the cores would do if idle
            extraction = cpu - self.figures["cold_mkdocs_part_cpu_s"] \
                - self.figures["hot_digest_all_pages_cpu_s"]
            self.note("extraction_cpu_s_per_article", extraction / self.articles)
            self.note("extraction_articles_per_s_if_idle",
                      len(os.sched_getaffinity(0)) * self.articles / extraction)

    def warm(self) -> None:
        """`mkdocs build` with the cache hot (everything but extraction), best of --repeat."""
        times = []
        for _ in range(self.repeat):
            result = mkdocs(self.project, self.timeout)
            self.peak(result)
            times.append(result.seconds)
        self.note("warm_mkdocs_build_s", min(times))
        self.note("warm_mkdocs_build_cpu_s", result.cpu_s)
        self.figures["cold_mkdocs_part_cpu_s"] = result.cpu_s - self.figures.get(
            "noop_digest_build_cpu_s", 0.0)
        self.hot_extraction()

    def plain(self) -> None:
        plain = self.project.parent / "plain"
        pages = make_plain(self.project, plain)
        self.note("plain_pages", pages)
        times, cpus = [], []
        for _ in range(self.repeat):
            clean(plain, cache=False)
            result = mkdocs(plain, self.timeout)
            times.append(result.seconds)
            cpus.append(result.cpu_s)
        self.note("plain_mkdocs_build_s", min(times))
        self.note("plain_mkdocs_build_cpu_s", min(cpus))
        warm = self.figures.get("warm_mkdocs_build_s")
        if warm:
            self.note("warm_over_plain", warm / min(times))
        warm = self.figures.get("warm_mkdocs_build_cpu_s")
        if warm:
            self.note("warm_over_plain_cpu", warm / min(cpus))

    def hugo(self) -> None:
        """The same article pages built by Debian's hugo, best of --repeat; beside the warm
        `mkdocs build` of this run."""
        binary = ensure_hugo()
        dest = self.project.parent / "hugo"
        self.note("hugo_articles", make_hugo(self.project, dest))
        times, cpus = [], []
        for _ in range(self.repeat):
            result = run([binary, "--source", str(dest), *HUGO_FLAGS], dest, self.timeout)
            times.append(result.seconds)
            cpus.append(result.cpu_s)
        found = HUGO_PAGES.search(result.text())
        self.note("hugo_pages", int(found[1]) if found else None)
        self.note("digest_pages", digest_pages(self.project))
        self.note("hugo_build_s", min(times))
        self.note("hugo_build_cpu_s", min(cpus))
        warm = self.figures.get("warm_mkdocs_build_s")
        if warm:
            self.note("warm_over_hugo", warm / min(times))
        warm = self.figures.get("warm_mkdocs_build_cpu_s")
        if warm:
            self.note("warm_over_hugo_cpu", warm / min(cpus))

    def sizes(self) -> None:
        site = self.project / "site"
        size, files = folder_size(site)
        self.note("site_mb", size / 2**20)
        self.note("site_files", files)
        index, _ = folder_size(site / "search")
        self.note("search_index_mb", index / 2**20)
        self.note("site_kb_per_article", size / 1024 / self.articles)
        pages = sorted((site / "news" / "articles").glob("*.html"))
        if pages:
            self.note("article_page_kb", sum(p.stat().st_size for p in pages) / 1024 / len(pages))

    def edit(self) -> None:
        """One seed edited: what `digest build` rewrites and how long it takes."""
        seeds = sorted((self.project / "seeds").glob("*.txt"))
        self.seed_file = seeds[len(seeds) // 2]
        append_marker(self.seed_file, "benchmarkedit0")
        result = digest_build(self.project, self.timeout)
        self.note("edit_digest_build_s", result.seconds)
        self.note("edit_pages_written", pages_written(result))
        self.page = article_page(self.project, "benchmarkedit0")
        self.note("edited_page", self.page)

    def serve(self, dirty: bool) -> None:
        key = "serve_dirty" if dirty else "serve"
        startup = max(600.0, self.timeout)
        got = serve_latency(self.project, self.seed_file, self.page, dirty, startup,
                            f"benchmark{key.replace('_', '')}1", wait=self.timeout)
        self.note(f"{key}_startup_s", got["startup_s"])
        self.note(f"{key}_edit_to_served_s", got["edit_to_served_s"])
        self.note(f"{key}_peak_tree_mb", got["peak_tree_mb"])

    def browser(self, query: str, expect: str) -> None:
        got = search_timing(self.project / "site", query, expect)
        for key, value in got.items():
            self.note(f"search_{key}", value)


def bench_size(articles: int, seed: int, workdir: Path, timeout: float, skip: set[str],
               split: bool = False, repeat: int = 1, hugo: bool = False,
               real: Path | None = None) -> Bench:
    print(f"== {real or ''} {articles} articles ==", flush=True)
    start = time.monotonic()
    name = f"real-{real.name}" if real else str(articles)
    project = make_project(workdir / name / "project", articles, seed, real)
    seeds = real if real else project / "seeds"
    bench = Bench(articles, project, timeout, skip, repeat)
    bench.note("generate_corpus_s", time.monotonic() - start)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in seeds.glob("*.txt"))
    bench.note("words_per_article", round(words / articles))
    if not bench.phase("cold mkdocs build", bench.cold):
        return bench
    bench.phase("digest build with a hot cache", bench.hot)
    bench.phase("warm mkdocs build", bench.warm)
    bench.phase("sizes", bench.sizes)
    if "plain" not in skip:
        bench.phase("plain MkDocs baseline", bench.plain)
    if hugo:
        bench.phase("Hugo, the same article pages", bench.hugo)
    if real:  # the edit and serve phases change a seed: never a real one
        skip = skip | set(PHASES) | {"edit"}
        bench.skip = skip
    if "browser" not in skip:  # site/ is the warm build's
        top = corpus.Writer(seed).people[0]
        bench.phase("first search result in Chromium", lambda: bench.browser(top.last, top.full))
    if "edit" not in skip and bench.phase("one-article edit", bench.edit):
        if "serve-dirty" not in skip:
            bench.phase("mkdocs serve --dirty", lambda: bench.serve(True))
        if "serve" not in skip:
            bench.phase("mkdocs serve", lambda: bench.serve(False))
    if split:  # a second cold extraction: last, as it is long and only splits the figures
        bench.phase("cold digest build, then mkdocs build", bench.split)
        bench.hot_extraction()
    bench.note("load_average_min_max", f"{min(bench.loads):.1f}-{max(bench.loads):.1f}")
    bench.note("benchmark_total_s", time.monotonic() - start)
    return bench


# --- report --------------------------------------------------------------------------------

ROWS = [
    # (key, label, target)
    ("words_per_article", "words per article", ""),
    ("cold_mkdocs_build_s", "cold `mkdocs build` (s)", ""),
    ("cold_digest_part_s", "  digest part: read+extract+pages (s)", ""),
    ("cold_mkdocs_part_s", "  MkDocs part (s)", ""),
    ("cold_digest_build_s", "cold `digest build` alone (s)", ""),
    ("mkdocs_after_digest_s", "then `mkdocs build` (s)", ""),
    ("cold_extraction_s", "cold extraction, est. (s)", ""),
    ("extraction_articles_per_s", "cold extraction (articles/s)", ">= 8 on 2 cores"),
    ("cold_digest_articles_per_s", "cold digest build (articles/s)", ""),
    ("extraction_cpu_s_per_article", "cold extraction, CPU s per article", ""),
    ("extraction_articles_per_s_if_idle", "  articles/s if all cores were free", ">= 8"),
    ("hot_digest_all_pages_s", "`digest build`, hot cache, all pages (s)", ""),
    ("noop_digest_build_s", "`digest build`, nothing changed (s)", ""),
    ("warm_mkdocs_build_s", "warm `mkdocs build` (s)", ""),
    ("warm_mkdocs_build_cpu_s", "  its CPU time (s)", ""),
    ("plain_mkdocs_build_s", "plain MkDocs+Material, articles only (s)", ""),
    ("plain_mkdocs_build_cpu_s", "  its CPU time (s)", ""),

    ("warm_over_plain", "warm / plain", "<= 1.5"),
    ("digest_pages", "pages digest generated", ""),
    ("hugo_pages", "Hugo: pages built (articles + taxonomies)", ""),
    ("hugo_build_s", "Hugo build of the article pages (s)", ""),
    ("warm_over_hugo", "warm `mkdocs build` / Hugo", "<= 1.0"),
    ("warm_over_hugo_cpu", "  the same, CPU time", ""),
    ("warm_over_plain_cpu", "warm / plain, CPU time", ""),
    ("edit_digest_build_s", "one-article edit: `digest build` (s)", ""),
    ("edit_pages_written", "  pages it rewrote", ""),
    ("serve_dirty_edit_to_served_s", "`mkdocs serve --dirty`: save to served (s)", "<= 3"),
    ("serve_edit_to_served_s", "`mkdocs serve`: save to served (s)", "<= 3"),
    ("peak_tree_mb", "peak RSS, build process tree (MB)", "<= 2048"),
    ("peak_process_mb", "peak RSS, largest process (MB)", ""),
    ("site_mb", "site/ size (MB)", ""),
    ("site_files", "site/ files", ""),
    ("search_index_mb", "site/search/ size (MB)", ""),
    ("site_kb_per_article", "site/ size per article (KB)", "<= 50"),
    ("article_page_kb", "article page, average (KB)", ""),
    ("search_type_to_result_s", "search: typing to first result (s)", "<= 1"),
    ("search_last_key_to_result_s", "  of which after the last key (s)", ""),
    ("search_load_to_result_s", "search: page load to first result (s)", ""),
    ("search_load_s", "  of which page load (s)", ""),
    ("load_average_min_max", "1-min load average during the run", ""),
]


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text()
                   .splitlines() if line.startswith("MemTotal"))
        ram = f"{mem / 2**20:.1f} GB RAM"
    except (OSError, StopIteration):
        ram = "RAM unknown"
    return (f"machine: {os.cpu_count()} cores (nproc {len(os.sched_getaffinity(0))}), {cpu}, "
            f"{ram}, Python {platform.python_version()}")


def table(benches: list[Bench]) -> str:
    def cell(value: object) -> str:
        if value is None:
            return "-"
        if isinstance(value, float):
            return f"{value:.2f}" if value < 100 else f"{value:.0f}"
        return str(value)

    header = ["figure"] + [f"{b.articles} articles" for b in benches] + ["target"]
    rows = [[label] + [cell(b.figures.get(key)) for b in benches] + [target]
            for key, label, target in ROWS]
    widths = [max(len(r[i]) for r in [header] + rows) for i in range(len(header))]
    lines = [" | ".join(c.ljust(w) for c, w in zip(header, widths)),
             "-+-".join("-" * w for w in widths)]
    lines += [" | ".join(c.ljust(w) for c, w in zip(r, widths)) for r in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[1000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/digest-bench"))
    parser.add_argument("--timeout", type=float, default=3600,
                        help="seconds allowed to any one build (default 3600)")
    parser.add_argument("--skip", default="", help=f"comma-separated phases to skip: "
                        f"{', '.join(PHASES)}")
    parser.add_argument("--split", action="store_true", help="also run `digest build` cold "
                        "then `mkdocs build` (a second cold extraction)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="warm and plain builds: best of this many (default 1)")
    parser.add_argument("--live-code", action="store_true", help="run digest/ as it is at "
                        "each moment instead of a copy taken at the start")
    parser.add_argument("--real", type=Path, metavar="FOLDER", help="also a project whose "
                        "seeds are this folder of real articles, read in place (builds and "
                        "sizes only: no edit, serve or browser phases)")
    parser.add_argument("--hugo", action="store_true", help="also build the same article "
                        "pages with Debian's hugo (benchmarks/hugo/) and print the ratio")
    parser.add_argument("--json", type=Path, help="also write the figures here as JSON")
    args = parser.parse_args()
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    unknown = skip - set(PHASES)
    if unknown:
        parser.error(f"unknown phases to skip: {', '.join(sorted(unknown))}")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # runs the clean-ups on `kill`
    print(machine(), flush=True)
    if not args.live_code:
        print(snapshot_code(args.workdir), flush=True)
    if args.hugo:
        print(f"hugo: {ensure_hugo()}", flush=True)
    if args.real is not None and not args.real.is_dir():
        parser.error(f"{args.real}: no such folder")
    sizes = [] if args.real is not None and "--articles" not in sys.argv else args.articles
    benches = [bench_size(n, args.seed, args.workdir, args.timeout, skip, args.split,
                          args.repeat, args.hugo) for n in sizes]
    if args.real is not None:
        count = sum(1 for _ in args.real.glob("*.txt"))
        benches.append(bench_size(count, args.seed, args.workdir, args.timeout, skip,
                                  args.split, args.repeat, args.hugo, args.real))
    print()
    print(machine())
    print(table(benches))
    for bench in benches:
        for error in bench.errors:
            print(f"ERROR [{bench.articles}] {error.splitlines()[0]}")
    if args.json:
        args.json.write_text(json.dumps({"machine": machine(), "results": {
            b.articles: {"figures": b.figures, "errors": b.errors} for b in benches}},
            indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
