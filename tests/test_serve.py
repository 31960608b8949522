"""`mkdocs serve` runs the digest build, shows a seed edit, then goes idle (no rebuild loop)."""
from __future__ import annotations

import os
import socket
import subprocess
import threading
import time
import urllib.request

import pytest

from conftest import BIN, copy_project
from digest.search.index import read_text_shard

pytestmark = pytest.mark.slow
ARTICLE = "news/articles/ahead-of-china-visit-putin-says-he-is-ready-to-negotiate-on-ukraine-war.html"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def without_reload(page: str | None) -> str | None:
    """A served page without the livereload script MkDocs adds (it names the build)."""
    return page.rsplit("<script>", 1)[0] if page else page


def poll(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.5)
    return False


def test_serve_shows_an_edit_and_stays_idle(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "seeds" / "draft.txt").write_text("A draft in progress\n\nNot published yet.\n",
                                                 encoding="utf-8")
    (project / "seeds" / "draft.yml").write_text("draft: true\n", encoding="utf-8")
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    server = subprocess.Popen([str(BIN / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}"],
                              cwd=project, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    log: list[str] = []
    reader = threading.Thread(target=lambda: log.extend(iter(server.stdout.readline, "")),
                              daemon=True)
    reader.start()
    url = f"http://127.0.0.1:{port}/{ARTICLE}"
    try:
        assert poll(lambda: fetch(url) is not None, 120), "".join(log)
        assert "Kharkiv region" in fetch(url)
        draft = f"http://127.0.0.1:{port}/news/articles/a-draft-in-progress.html"
        assert "Not published yet." in (fetch(draft) or "")  # drafts show in serve only

        seed = project / "seeds" / "000_e435a547fc507eb7.txt"
        text = seed.read_text(encoding="utf-8")
        seed.write_text(text.replace("Kharkiv region", "Kharkiv oblast, edited during serve"),
                        encoding="utf-8")
        assert poll(lambda: "edited during serve" in (fetch(url) or ""), 30), "".join(log)

        # Curator files are watched too: a new beat in topics.yml shows up as its page.
        topics = project / "curation" / "topics.yml"
        topics.write_text(topics.read_text(encoding="utf-8") + """
  - label: Belt and Road
    description: China's infrastructure initiative
    keywords: [Belt and Road Initiative, global infrastructure]
    threshold: 1
""", encoding="utf-8")
        beat = f"http://127.0.0.1:{port}/news/topics/belt-and-road.html"
        assert poll(lambda: "Belt and Road" in (fetch(beat) or ""), 30), "".join(log)

        # Idle afterwards: the build wrote only what changed, so nothing triggers more builds.
        time.sleep(3)
        builds = sum("Building documentation" in line for line in log)
        time.sleep(5)
        assert sum("Building documentation" in line for line in log) == builds, "".join(log)
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_dirty_serve_rebuilds_once_and_keeps_home_and_search_current(tmp_path):
    """`mkdocs serve --dirty` renders only changed pages: the front page's latest list and
    our search index must still follow the edit, and our own writes to docs/news must not
    start another build (digest's file watcher ignores them)."""
    project = copy_project(tmp_path / "project")
    # A second article that the edit leaves alone: a dirty rebuild sets its page aside
    # (adapter.py, `_unchanged`), so it must still be served, and found, as before.
    (project / "seeds" / "harbour.txt").write_text(
        "Harbour board approves a new ferry pier\n\n"
        "KIEL, May 3 - The Kiel harbour board on Friday approved a pier for the lindworm "
        "ferry line, said its chairwoman Greta Albers.\n\n"
        "Work on the pier starts in June and should end before the winter storms.\n",
        encoding="utf-8")
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    server = subprocess.Popen([str(BIN / "mkdocs"), "serve", "--dirty", "-a",
                               f"127.0.0.1:{port}"], cwd=project, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    log: list[str] = []
    threading.Thread(target=lambda: log.extend(iter(server.stdout.readline, "")),
                     daemon=True).start()
    base = f"http://127.0.0.1:{port}"

    def search_texts() -> str:
        texts = []
        for number in range(100):
            text = fetch(f"{base}/search/digest-text-{number:03d}.js")
            if text is None:
                break
            texts.extend(read_text_shard(text))  # deflated page texts (index format 2)
        return "".join(texts)

    try:
        assert poll(lambda: fetch(f"{base}/{ARTICLE}") is not None, 120), "".join(log)
        assert poll(lambda: "Kharkiv region" in search_texts(), 60), "".join(log)
        assert "lindworm" in search_texts()
        harbour = f"{base}/news/articles/harbour-board-approves-a-new-ferry-pier.html"
        harbour_page = fetch(harbour)
        assert harbour_page is not None and "lindworm" in harbour_page
        time.sleep(2)
        builds = sum("Building documentation" in line for line in log)

        seed = project / "seeds" / "000_e435a547fc507eb7.txt"
        text = seed.read_text(encoding="utf-8")
        headline = text.split("\n", 1)[0]
        seed.write_text(text.replace(headline, "Putin lands in Beijing, zanzibarite edition")
                        .replace("Kharkiv region", "Kharkiv region, quillwort"),
                        encoding="utf-8")
        page = f"{base}/news/articles/putin-lands-in-beijing-zanzibarite-edition.html"
        assert poll(lambda: "quillwort" in (fetch(page) or ""), 30), "".join(log)
        assert "zanzibarite" in fetch(f"{base}/news/index.html")  # the front page's list
        assert poll(lambda: "quillwort" in search_texts(), 60), "".join(log)
        time.sleep(3)
        assert sum("Building documentation" in line for line in log) == builds + 1, "".join(log)
        # The page the edit did not touch: served as the last build made it, still searched,
        # and MkDocs' notes about links to pages set aside are not shown.
        assert without_reload(fetch(harbour)) == without_reload(harbour_page)
        assert "lindworm" in search_texts()
        assert "excluded from the built site" not in "".join(log)
    finally:
        server.terminate()
        server.wait(timeout=20)
