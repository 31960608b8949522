"""`digest import`: real feedparser on RSS 2.0 and Atom files written for these tests, real
trafilatura and htmldate on pages written for them, a real HTTP server on 127.0.0.1 for the
fetch path (no other host is ever contacted), and a real `mkdocs build --strict` of what was
imported, searched in Chromium."""
from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import http.server
import json
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from conftest import WatchedPage, copy_project, mkdocs_build
from digest.cli import main
from digest.inputs.importing.fetch import USER_AGENT, address_allowed
from digest.inputs.importing.metadata import canonical_url, parse_date
from digest.inputs.importing.pages import extract_page
from digest.inputs.importing.seeds import plan_update
from digest.inputs.seeds import read_seed

FIXTURES = Path(__file__).resolve().parent / "import_fixtures"
FEEDS = FIXTURES / "feeds"
PAGES = FIXTURES / "pages"


def run(*args: str, cwd: Path) -> tuple[int, str, str]:
    """`digest import ARGS` in this process (the real command), from `cwd`."""
    with contextlib.chdir(cwd):
        result = CliRunner().invoke(main, ["import", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def seeds_in(folder: Path) -> dict[str, Path]:
    return {p.stem: p for p in sorted(folder.glob("*.txt"))}


def sidecar(path: Path) -> dict:
    return yaml.safe_load(path.with_suffix(".yml").read_text(encoding="utf-8"))


def lines(err: str, start: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith(start)]


# ------------------------------------------------------------------ dates and addresses


def test_dates_keep_their_own_offset():
    # 22:15 in New York on the 16th is the 17th in UTC: the story is from the 16th.
    assert parse_date("Thu, 16 May 2024 22:15:00 -0400") == dt.date(2024, 5, 16)
    assert parse_date("2024-05-16T21:30:00-07:00") == dt.date(2024, 5, 16)
    assert parse_date("2024-05-17T01:30:00+09:00") == dt.date(2024, 5, 17)
    assert parse_date("2024-05-16T23:59:59Z") == dt.date(2024, 5, 16)
    assert parse_date("16 May 2024") == dt.date(2024, 5, 16)
    assert parse_date("May 2024") is None  # no day: no publication date
    assert parse_date("soon") is None and parse_date("") is None


def test_canonical_urls_drop_tracking_and_fragments():
    assert canonical_url("HTTPS://www.Example.test:443/a/b?utm_source=rss&id=7#top") == \
        "https://www.example.test/a/b?id=7"
    assert canonical_url("/news/x", "https://example.test/feeds/all.xml") == \
        "https://example.test/news/x"
    assert canonical_url("javascript:alert(1)") is None


def test_local_and_private_addresses_are_told_apart():
    for address in ("127.0.0.1", "::1", "10.1.2.3", "192.168.0.9", "172.16.4.4",
                    "169.254.169.254", "fe80::1", "0.0.0.0", "::ffff:127.0.0.1"):
        assert not address_allowed(address), address
    for address in ("93.184.215.14", "2606:4700::1111", "8.8.8.8"):
        assert address_allowed(address), address


# ------------------------------------------------------------------ pages


@pytest.mark.parametrize("name, title, date, author, source, url", [
    ("jsonld.html", "Harbour city opens its first tidal power station", "2024-05-16",
     "Marta Kowalczyk", "Coastline Courier",
     "https://www.coastline-courier.test/news/tidal-power-station-opens"),
    ("opengraph.html", "Mountain rail line reopens after landslide repairs", "2024-05-14",
     "Lena Berg", "Valley Post", "https://valleypost.test/transport/mountain-rail-reopens/"),
    ("time.html", "Library network puts a century of local newspapers online", "2024-05-12",
     "Tomas Ruiz", "townsgazette.test",
     "https://townsgazette.test/culture/newspaper-archive-online"),
    ("dateline.html", "Apple growers report a record harvest", "2024-05-10", None, None,
     None),
    ("urldate.html", "Council approves a night bus pilot", "2024-05-16", None,
     "citydesk.test", "https://citydesk.test/2024/05/16/night-bus-pilot/"),
])
def test_page_metadata_in_each_common_form(name, title, date, author, source, url):
    """JSON-LD NewsArticle (its date in its own offset: UTC would say the 17th), OpenGraph
    article:published_time, <time datetime>, a dateline, a date in the address."""
    article = extract_page((PAGES / name).read_bytes(), name, name)
    assert article.title == title
    assert (article.date.isoformat() if article.date else None) == date
    assert article.author == author
    assert article.source == source
    assert article.url == url


def test_page_body_is_the_article_only():
    article = extract_page((PAGES / "jsonld.html").read_bytes(), "jsonld.html", "jsonld.html")
    body = article.body
    assert article.paragraphs[0].startswith("The harbour city switched on its first tidal")
    assert article.paragraphs[-1].startswith("Fishing crews, who had worried")
    assert len(article.paragraphs) == 5
    for boilerplate in ("cookies", "Related stories", "Ferry timetable", "harbourfan42",
                        "About time!", "All rights reserved", "Sport", "By Marta"):
        assert boilerplate not in body, boilerplate
    assert article.title not in body  # no headline in the body
    assert "Engineers lower the last" not in body  # the caption is not body text
    assert article.caption == "Engineers lower the last of six turbines into the channel at dawn."
    assert article.credit == "Ines Farrow/Coastline Courier"
    assert article.image == "https://www.coastline-courier.test/img/tidal-turbines.jpg"
    other = extract_page((PAGES / "opengraph.html").read_bytes(), "og", "og")
    assert "newsletter" not in other.body and "Transport" not in other.body
    assert other.caption == "The first passenger train crosses the rebuilt viaduct above the gorge."
    assert other.credit == "Lena Berg/Valley Post"
    assert other.image == "https://valleypost.test/media/rail-viaduct.jpg"


def test_saved_pages_become_seeds_that_read_back(tmp_path):
    gz = tmp_path / "saved" / "tidal.html.gz"
    gz.parent.mkdir()
    import gzip

    gz.write_bytes(gzip.compress((PAGES / "jsonld.html").read_bytes()))
    shutil.copy(PAGES / "time.html", tmp_path / "saved" / "archive.htm")
    code, _, err = run(str(gz.parent), "--into", "seeds", cwd=tmp_path)
    assert code == 0, err
    seeds = seeds_in(tmp_path / "seeds")
    assert set(seeds) == {"2024-05-16-harbour-city-opens-its-first-tidal-power-station",
                          "2024-05-12-library-network-puts-a-century-of-local-newspapers-online"}
    path = seeds["2024-05-16-harbour-city-opens-its-first-tidal-power-station"]
    seed, problems = read_seed(path)
    assert problems == []  # the sidecar's keys, `image` and `imported` included, are known
    assert seed.title == "Harbour city opens its first tidal power station"
    assert seed.caption == "Engineers lower the last of six turbines into the channel at dawn."
    assert seed.credit == "Ines Farrow/Coastline Courier"
    assert seed.paragraphs[0].startswith("The harbour city switched on")
    assert seed.meta["date"] == dt.date(2024, 5, 16) and seed.meta["source"] == "Coastline Courier"
    meta = sidecar(path)
    assert meta["imported"]["source"] == str(gz.parent / "tidal.html.gz")
    assert dt.datetime.strptime(meta["imported"]["at"], "%Y-%m-%dT%H:%M:%SZ")
    assert meta["imported"]["values"] == {
        "title": "Harbour city opens its first tidal power station",
        "date": dt.date(2024, 5, 16), "source": "Coastline Courier",
        "author": "Marta Kowalczyk",
        "url": "https://www.coastline-courier.test/news/tidal-power-station-opens",
        "image": "https://www.coastline-courier.test/img/tidal-turbines.jpg"}
    assert "&id" not in path.with_suffix(".yml").read_text()  # plain YAML, no anchors


# ------------------------------------------------------------------ feeds


def test_rss_full_content_entries_become_seeds(tmp_path):
    code, _, err = run(str(FEEDS / "full.rss"), "--into", "seeds", cwd=tmp_path)
    assert code == 0, err
    seeds = seeds_in(tmp_path / "seeds")
    storm = seeds["2024-05-16-storm-closes-mountain-passes-as-snow-returns-in-may"]
    meta = sidecar(storm)
    # pubDate "Thu, 16 May 2024 22:15:00 -0400": the 16th, not feedparser's UTC 17th
    assert meta["date"] == dt.date(2024, 5, 16)
    assert meta["url"] == "https://testwire.test/2024/05/storm-closes-passes"  # no utm_*
    assert meta["author"] == "Nadia Osei" and meta["source"] == "Test Wire"
    assert meta["image"] == "https://testwire.test/photos/snowplough.jpg"
    seed, problems = read_seed(storm)
    assert problems == []
    assert seed.caption == "A snowplough clears the road below the northern pass."
    assert seed.credit == "Karl Hessler/Test Wire"
    assert seed.paragraphs[2].startswith('"We had put the ploughs away')
    ferry = sidecar(seeds["2024-05-14-port-authority-adds-late-ferry-sailings-for-the-summer"])
    assert ferry["author"] == "Samuel Achebe"  # RSS <author>: the name, not the address
    assert "image" not in ferry and ferry["imported"]["values"]["image"] is None
    assert len(lines(err, "imported: ")) == 3


def test_since_and_limit_pick_the_newest_entries(tmp_path):
    code, out, err = run(str(FEEDS / "full.rss"), "--since", "2024-05-12", "--dry-run",
                         "--format", "jsonl", cwd=tmp_path)
    assert code == 0, err
    assert [json.loads(r)["date"] for r in out.splitlines()] == ["2024-05-16", "2024-05-14"]
    assert "1 dated before 2024-05-12" in err
    code, out, err = run(str(FEEDS / "full.rss"), "--limit", "1", "--dry-run",
                         "--format", "jsonl", cwd=tmp_path)
    assert [json.loads(r)["title"] for r in out.splitlines()] == [
        "Storm closes mountain passes as snow returns in May"]
    assert not (tmp_path / "seeds").exists()  # a dry run writes nothing


def test_dry_run_prints_what_would_be_imported(tmp_path):
    code, out, err = run(str(PAGES / "opengraph.html"), "--dry-run", "--format", "jsonl",
                         cwd=tmp_path)
    assert code == 0, err
    [row] = [json.loads(line) for line in out.splitlines()]
    assert row["path"] == str(PAGES / "opengraph.html")
    assert row["title"] == "Mountain rail line reopens after landslide repairs"
    assert row["date"] == "2024-05-14" and row["source"] == "Valley Post"
    assert row["author"] == "Lena Berg"
    assert row["url"] == "https://valleypost.test/transport/mountain-rail-reopens/"
    assert row["body"].startswith("Passenger trains returned to the mountain line on Tuesday")
    assert "\n\n" in row["body"] and "newsletter" not in row["body"]
    assert "would import: seeds/2024-05-14-mountain-rail-line-reopens" in err
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------------------------ never lose a curator's work


def test_reimports_and_copies_from_other_feeds_are_recognised(tmp_path):
    code, _, err = run(str(FIXTURES / "subscriptions.opml"), "--into", "seeds", cwd=tmp_path)
    assert code == 0, err
    assert "subscriptions.opml: 2 feeds listed" in err
    # the Mountain Herald's ferry story is the wire's text under another address and title
    [same_text] = lines(err, "skipped: https://mountainherald.test/news/late-ferries")
    assert "already imported as seeds/2024-05-14-port-authority-adds-late-ferry" in same_text
    assert same_text.endswith("(same text)")
    # its storm story is the wire copy with the last paragraph trimmed
    [near] = lines(err, "note: https://mountainherald.test/news/snow-closes-passes")
    assert "near-identical to seeds/2024-05-16-storm-closes-mountain-passes" in near
    assert "syndicated wire copy" in near
    before = {p.name: p.read_bytes() for p in (tmp_path / "seeds").iterdir()}
    assert len(before) == 8  # 4 seeds, 4 sidecars

    code, _, err = run(str(FEEDS / "full.rss"), str(FEEDS / "other-outlet.rss"),
                       "--into", "seeds", cwd=tmp_path)
    assert code == 0, err
    skipped = lines(err, "skipped: ")
    assert len(skipped) == 5 and sum(line.endswith("(same URL)") for line in skipped) == 4
    assert {p.name: p.read_bytes() for p in (tmp_path / "seeds").iterdir()} == before
    assert "digest import: 0 imported, 0 updated, 5 skipped, 0 failed" in err


def test_an_existing_seed_is_never_rewritten(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    mine = seeds / "2024-05-14-mountain-rail-line-reopens-after-landslide-repairs.txt"
    mine.write_text("My own story under that name\n\nWritten by hand.\n", encoding="utf-8")
    (seeds / "2024-05-10-apple-growers-report-a-record-harvest.yml").write_text(
        "source: a sidecar waiting for its seed\n", encoding="utf-8")
    code, _, err = run(str(PAGES / "opengraph.html"), str(PAGES / "dateline.html"), cwd=tmp_path)
    assert code == 0, err
    assert mine.read_text() == "My own story under that name\n\nWritten by hand.\n"
    assert (seeds / "2024-05-10-apple-growers-report-a-record-harvest.yml").read_text() == \
        "source: a sidecar waiting for its seed\n"
    assert (seeds / "2024-05-14-mountain-rail-line-reopens-after-landslide-repairs-2.txt"
            ).read_text().startswith("Mountain rail line reopens after landslide repairs\n")
    assert (seeds / "2024-05-10-apple-growers-report-a-record-harvest-2.txt").exists()


def test_update_refreshes_only_what_the_curator_left_alone(tmp_path):
    feed = tmp_path / "wire.rss"
    feed.write_text((FEEDS / "full.rss").read_text(encoding="utf-8"), encoding="utf-8")
    code, _, err = run(str(feed), "--into", "seeds", cwd=tmp_path)
    assert code == 0, err
    path = tmp_path / "seeds" / "2024-05-16-storm-closes-mountain-passes-as-snow-returns-in-may.yml"
    # The curator corrects the headline and the author, adds people and a comment.
    text = path.read_text(encoding="utf-8")
    text = text.replace("title: Storm closes mountain passes as snow returns in May",
                        "title: Late snow shuts three passes  # my headline", 1)
    text = text.replace("author: Nadia Osei\n", "author: N. Osei\npeople: [Pieter Vos]\n", 1)
    path.write_text(text, encoding="utf-8")
    seed_before = path.with_suffix(".txt").read_bytes()
    # The wire corrects its story: new headline, new photo, new date, new byline.
    wire = feed.read_text(encoding="utf-8")
    wire = wire.replace("<title>Storm closes mountain passes as snow returns in May</title>",
                        "<title>Storm closes three mountain passes as snow returns</title>")
    wire = wire.replace("photos/snowplough.jpg", "photos/snowplough-wide.jpg")
    wire = wire.replace("Thu, 16 May 2024 22:15:00 -0400", "Wed, 15 May 2024 22:15:00 -0400")
    wire = wire.replace("<dc:creator>Nadia Osei</dc:creator>\n<pubDate>Wed",
                        "<dc:creator>Nadia Osei and Karl Hessler</dc:creator>\n<pubDate>Wed")
    feed.write_text(wire, encoding="utf-8")

    edited = path.read_bytes()
    code, _, err = run(str(feed), "--into", "seeds", "--update", "--dry-run", cwd=tmp_path)
    assert code == 0, err
    assert lines(err, "would update: ") == [
        f"would update: {path.relative_to(tmp_path)}: date, image "
        "(the curator's title, author kept)"]
    assert path.read_bytes() == edited  # a dry run writes nothing

    code, _, err = run(str(feed), "--into", "seeds", "--update", cwd=tmp_path)
    assert code == 0, err
    [updated] = lines(err, "updated: ")
    assert updated == (f"updated: {path.relative_to(tmp_path)}: date, image "
                       "(the curator's title, author kept)")
    meta = sidecar(path)
    assert meta["title"] == "Late snow shuts three passes"
    assert meta["author"] == "N. Osei" and meta["people"] == ["Pieter Vos"]
    assert meta["date"] == dt.date(2024, 5, 15)
    assert meta["image"] == "https://testwire.test/photos/snowplough-wide.jpg"
    assert meta["imported"]["values"]["title"] == \
        "Storm closes three mountain passes as snow returns"
    assert "# my headline" in path.read_text(encoding="utf-8")  # comments stay
    assert path.with_suffix(".txt").read_bytes() == seed_before  # the seed is not rewritten
    assert len(lines(err, "up to date: ")) == 2
    # A second --update finds nothing new to refresh.
    code, _, err = run(str(feed), "--into", "seeds", "--update", cwd=tmp_path)
    assert lines(err, "updated: ") == [] and len(lines(err, "up to date: ")) == 3


def test_update_plan_tells_edits_from_the_machines_values():
    recorded = {"title": "A", "date": dt.date(2024, 5, 16), "source": "W", "author": None,
                "url": "u", "image": None}
    current = {"title": "Mine", "date": dt.date(2024, 5, 16), "url": "u"}  # source removed
    new = {"title": "B", "date": dt.date(2024, 5, 15), "source": "W2", "author": "Ann",
           "url": "u", "image": "i"}
    plan = plan_update(current, recorded, new)
    assert plan.changes == {"date": dt.date(2024, 5, 15), "author": "Ann", "image": "i"}
    assert plan.kept == ["title", "source"]


# ------------------------------------------------------------------ bad input


def test_bad_input_is_one_line_each_and_the_rest_goes_on(tmp_path):
    odd = tmp_path / "odd.html"
    odd.write_bytes(b'<html><head><meta charset="x-klingon"><title>Qapla\xe9</title></head>'
                    b"<body><p>" + b"Words \xff\xfe here. " * 40 + b"</p></body></html>")
    code, _, err = run(str(FEEDS / "broken.rss"), str(PAGES / "not-found.html"),
                       str(PAGES / "paywall.html"), str(PAGES / "section-front.html"),
                       str(odd), str(tmp_path / "nowhere.rss"), str(PAGES / "urldate.html"),
                       "--into", "seeds", cwd=tmp_path)
    assert code == 1
    errors = lines(err, "ERROR: ")
    assert f"ERROR: {FEEDS / 'broken.rss'}: broken feed: no element found at line 8" in err
    assert f"ERROR: {PAGES / 'not-found.html'}: not an article: a 'page not found' page" in errors
    assert f"ERROR: {PAGES / 'paywall.html'}: not an article: a paywall stub (37 words)" in errors
    assert f"ERROR: {PAGES / 'section-front.html'}: not an article: an index page " \
           "(5 stories listed)" in errors
    assert f"ERROR: {odd}: unknown encoding 'x-klingon': the page cannot be read as text" \
        in errors
    assert f"ERROR: {tmp_path / 'nowhere.rss'}: no such file or folder" in errors
    assert "Traceback" not in err
    assert list(seeds_in(tmp_path / "seeds")) == ["2024-05-16-council-approves-a-night-bus-pilot"]
    assert err.splitlines()[-1].endswith("1 imported, 0 updated, 0 skipped, 7 failed")


# ------------------------------------------------------------------ the fetch path


class FixtureServer(http.server.SimpleHTTPRequestHandler):
    """The fixtures over HTTP with ETag and Last-Modified; /slow never answers in time;
    /delay/PATH waits a little (to see how many requests run at once)."""

    seen: list[tuple[str, dict]] = []
    active = 0
    most = 0
    lock = threading.Lock()

    def log_message(self, *args):
        pass

    def do_GET(self):
        cls = type(self)
        with cls.lock:
            cls.seen.append((self.path, dict(self.headers)))
        if self.path == "/slow":
            time.sleep(3)
            return
        if self.path.startswith("/moved/"):  # /moved/N/PATH: N redirects, then PATH
            _, _, hops, rest = self.path.split("/", 3)
            target = f"/moved/{int(hops) - 1}/{rest}" if int(hops) > 1 else f"/{rest}"
            self.send_response(301)
            self.send_header("Location", target)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.path.startswith("/delay/"):
            with cls.lock:  # requests waiting here at once: the client's concurrency
                cls.active += 1
                cls.most = max(cls.most, cls.active)
            time.sleep(0.3)
            with cls.lock:
                cls.active -= 1
            self.path = self.path[len("/delay"):]
        file = Path(self.translate_path(self.path))
        if file.is_file():
            tag = '"' + hashlib.sha256(file.read_bytes()).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == tag:
                self.send_response(304)
                self.send_header("ETag", tag)
                self.end_headers()
                return
            self._etag = tag
        super().do_GET()

    def end_headers(self):
        if getattr(self, "_etag", None):
            self.send_header("ETag", self._etag)
            self._etag = None
        super().end_headers()

    def guess_type(self, path):
        name = str(path)
        if name.endswith(".atom"):
            return "application/atom+xml"
        if name.endswith(".rss"):
            return "application/rss+xml"
        return super().guess_type(path)


@pytest.fixture()
def server(tmp_path):
    """The fixtures (and `tmp_path/extra`) on 127.0.0.1, a free port, from a thread."""
    root = tmp_path / "served"
    shutil.copytree(FIXTURES, root)
    FixtureServer.seen, FixtureServer.active, FixtureServer.most = [], 0, 0
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(FixtureServer, directory=str(root)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", root
    httpd.shutdown()
    httpd.server_close()


def test_summary_entries_are_fetched_and_feeds_fetched_conditionally(tmp_path, server):
    base, _ = server
    feed = f"{base}/feeds/summary.atom"
    code, _, err = run(feed, "--allow-local", "--root", ".", cwd=tmp_path)
    assert code == 0, err
    seeds = seeds_in(tmp_path / "seeds")
    rail = seeds["2024-05-14-mountain-rail-line-reopens-after-landslide-repairs"]
    seed, problems = read_seed(rail)
    assert problems == []
    assert seed.paragraphs[0].startswith("Passenger trains returned to the mountain line")
    assert seed.credit == "Lena Berg/Valley Post"
    meta = sidecar(rail)
    assert meta["source"] == "Valley Post" and meta["author"] == "Lena Berg"
    assert meta["date"] == dt.date(2024, 5, 14)  # <published>, not <updated>
    assert meta["url"] == "https://valleypost.test/transport/mountain-rail-reopens/"
    assert meta["imported"]["source"] == feed
    library = sidecar(seeds["2024-05-12-library-network-puts-a-century-of-local-newspapers-online"])
    assert library["author"] == "Tomas Ruiz"  # the page's byline fills what the feed lacks
    choir = seeds["2024-05-11-choir-from-the-islands-sings-at-the-cathedral"]
    assert read_seed(choir)[0].paragraphs[0].startswith("Forty singers from the outer islands")
    requested = [path for path, _ in FixtureServer.seen]
    assert requested == ["/feeds/summary.atom", "/pages/opengraph.html", "/pages/time.html"] \
        or sorted(requested[1:]) == ["/pages/opengraph.html", "/pages/time.html"]
    assert all(headers["User-Agent"] == USER_AGENT and USER_AGENT.startswith("digest/")
               for _, headers in FixtureServer.seen)
    state = json.loads((tmp_path / ".digest-cache" / "import-http.json").read_text())
    assert state[feed]["etag"] and state[feed]["last_modified"]

    FixtureServer.seen = []
    code, _, err = run(feed, "--allow-local", cwd=tmp_path)
    assert code == 0, err
    [(path, headers)] = FixtureServer.seen  # one conditional GET, answered 304
    assert path == "/feeds/summary.atom"
    assert headers["If-None-Match"] == state[feed]["etag"]
    assert headers["If-Modified-Since"] == state[feed]["last_modified"]
    assert f"skipped: {feed}: not modified since the last import (HTTP 304)" in err


def test_fetch_failures_are_reported_and_the_rest_goes_on(tmp_path, server):
    base, _ = server
    code, _, err = run(f"{base}/feeds/bad-links.atom", f"{base}/pages/missing.html",
                       "--allow-local", "--timeout", "1", cwd=tmp_path)
    assert code == 1
    errors = lines(err, "ERROR: ")
    assert f"ERROR: {base}/missing.html: only a summary in the feed, and the article could " \
           "not be fetched: HTTP 404 Not Found" in errors
    assert f"ERROR: {base}/slow: only a summary in the feed, and the article could not be " \
           "fetched: timed out after 1 s" in errors
    assert f"ERROR: {base}/pages/section-front.html: not an article: an index page " \
           "(5 stories listed)" in errors
    assert f"ERROR: {base}/pages/missing.html: HTTP 404 Not Found" in errors
    assert list(seeds_in(tmp_path / "seeds")) == [
        "2024-05-14-mountain-rail-line-reopens-after-landslide-repairs"]
    # a feed with failures is fetched in full next time: its validators were not kept
    state = tmp_path / ".digest-cache" / "import-http.json"
    assert not state.exists() or f"{base}/feeds/bad-links.atom" not in state.read_text()


def test_local_addresses_are_refused_without_allow_local(tmp_path, server):
    base, root = server
    (root / "feeds" / "metadata.atom").write_text(
        (FEEDS / "bad-links.atom").read_text().replace(
            "../pages/opengraph.html", "http://169.254.169.254/latest/meta-data/"),
        encoding="utf-8")
    code, _, err = run(f"{base}/feeds/summary.atom", "file:///etc/passwd",
                       str(root / "feeds" / "metadata.atom"), "--timeout", "1", cwd=tmp_path)
    assert code == 1
    assert f"ERROR: {base}/feeds/summary.atom: refused: 127.0.0.1 is a local or private " \
           "address (127.0.0.1); --allow-local to allow" in err
    assert "ERROR: file:///etc/passwd: refused: file: links are not followed" in err
    assert "ERROR: http://169.254.169.254/latest/meta-data/: only a summary in the feed, and " \
           "the article could not be fetched: refused: 169.254.169.254 is a local or " \
           "private address" in err
    assert FixtureServer.seen == []  # nothing reached the server
    assert not (tmp_path / "seeds").exists()


def test_at_most_two_requests_at_a_time_to_one_host(tmp_path, server):
    base, root = server
    entries = "".join(
        f'<entry><title>Rail {n}</title><id>urn:rail:{n}</id>'
        f'<link href="{base}/delay/pages/opengraph.html?copy={n}"/>'
        f"<published>2024-05-14T08:00:00+02:00</published><summary>Teaser.</summary></entry>"
        for n in range(6))
    (root / "feeds" / "many.atom").write_text(
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Many</title><id>urn:many</id><updated>2024-05-16T00:00:00Z</updated>{entries}"
        "</feed>", encoding="utf-8")
    code, _, err = run(f"{base}/feeds/many.atom", "--allow-local", cwd=tmp_path)
    assert code == 0, err
    assert len([p for p, _ in FixtureServer.seen if p.startswith("/delay/")]) == 6
    assert FixtureServer.most == 2  # in parallel, but politely
    # all six pages name one canonical address: one seed, five recognised as the same
    assert len(seeds_in(tmp_path / "seeds")) == 1
    assert len([line for line in lines(err, "skipped: ") if line.endswith("(same URL)")]) == 5


def test_build_never_imports_the_importer():
    """`digest build` and `mkdocs build` do not even load the code that can fetch."""
    code = ("import sys, digest.build, digest.plugin.adapter, digest.cli; "
            "print([m for m in sys.modules if m.startswith('digest.inputs.importing') "
            "or m in ('trafilatura', 'feedparser', 'htmldate', 'courlan')])")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"


# ------------------------------------------------------------------ end to end


@pytest.mark.slow
@pytest.mark.browser
def test_imported_feed_builds_into_editions_and_search(tmp_path, browser):
    project = copy_project(tmp_path / "project", seeds=False)
    code, _, err = run(str(FEEDS / "full.rss"), cwd=project)
    assert code == 0, err
    mkdocs_build(project)
    site = project / "site"
    daily = (site / "news" / "editions" / "daily" / "2024-05-16.html").read_text(encoding="utf-8")
    assert "Storm closes mountain passes as snow returns in May" in daily
    [page] = list((site / "news" / "articles").glob("storm-closes-mountain-passes*/index.html")) \
        or list((site / "news" / "articles").glob("storm-closes-mountain-passes*.html"))
    article = page.read_text(encoding="utf-8")
    assert "2024-05-16" in article and "Test Wire" in article
    assert "A snowplough clears the road below the northern pass." in article
    assert "[Karl Hessler/Test Wire]" in article

    watched = WatchedPage(browser)
    view = watched.page
    view.goto((site / "index.html").as_uri())
    box = view.locator("input.md-search__input")
    box.click()
    box.press_sequentially("snowplough drivers", delay=20)
    rows = view.locator(".md-search-result__item")
    rows.first.wait_for(timeout=20_000)
    view.wait_for_timeout(300)
    found = "".join(row.inner_html() for row in rows.all())
    assert "Storm closes mountain passes" in found
    assert watched.off_host() == [] and watched.errors == []
    watched.context.close()


def test_the_socket_actually_connected_is_checked(server):
    """A name that resolves to a public address when checked and a private one when
    connected (DNS rebinding) is refused at connect time: the peer address is checked."""
    from urllib.parse import urlsplit

    from digest.inputs.importing.fetch import Fetcher, Refused

    base, _ = server
    fetcher = Fetcher(None, allow_local=False, timeout=2)
    with pytest.raises(Refused, match=r"127\.0\.0\.1 connected to a local or private address"):
        fetcher._request(urlsplit(f"{base}/pages/time.html"), {"User-Agent": USER_AGENT})
    assert FixtureServer.seen == []  # refused before a byte of the request was sent


def test_feed_in_an_unknown_encoding_is_one_clear_line(tmp_path):
    feed = tmp_path / "klingon.rss"
    feed.write_bytes(b'<?xml version="1.0" encoding="x-klingon"?><rss version="2.0"><channel>'
                     b"<title>Qapla\xe9</title><item><title>Batlh \xff</title>"
                     b"<link>https://example.test/a</link></item></channel></rss>")
    code, _, err = run(str(feed), "--into", "seeds", cwd=tmp_path)
    assert code == 1
    assert f"ERROR: {feed}: unknown encoding 'x-klingon': the feed cannot be read as text" in err


def test_same_import_same_bytes_and_seeds_read_without_problems(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1715860800")
    for folder in ("one", "two"):
        code, _, err = run(str(FEEDS / "full.rss"), str(PAGES / "jsonld.html"),
                           "--into", folder, cwd=tmp_path)
        assert code == 0, err
    one = {p.name: p.read_bytes() for p in (tmp_path / "one").iterdir()}
    two = {p.name: p.read_bytes() for p in (tmp_path / "two").iterdir()}
    assert one == two and len(one) == 8
    assert all(b"at: '2024-05-16T12:00:00Z'" in data for name, data in one.items()
               if name.endswith(".yml"))
    from digest.inputs.seeds import read_seeds

    read = read_seeds([tmp_path / "one"])  # what `digest check` and the build read
    assert read.problems == [] and len(read.seeds) == 4


def test_progress_bar_on_a_terminal(tmp_path):
    """On a terminal, tqdm's bar (redrawn with carriage returns); the lines still show."""
    import fcntl
    import os
    import pty
    import struct
    import termios

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    done = subprocess.run([sys.executable, "-m", "digest.cli", "import", str(FEEDS / "full.rss"),
                           "--into", "seeds"], cwd=tmp_path, stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=follower, timeout=120)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    shown = b"".join(chunks).decode("utf-8", "replace")
    assert done.returncode == 0, shown
    assert "\r" in shown and " items/s]" in shown and "/4 [" in shown  # the feed, 3 entries
    assert "imported: seeds/2024-05-16-storm-closes-mountain-passes" in shown


def test_opml_over_http_lists_feeds_by_address_only(tmp_path, server):
    base, root = server
    (root / "list.opml").write_text(
        '<?xml version="1.0"?><opml version="2.0"><head><title>Mine</title></head><body>'
        '<outline text="Wire" xmlUrl="feeds/full.rss"/>'
        f'<outline text="Roundup" xmlUrl="{base}/feeds/summary.atom"/>'
        '<outline text="Sneaky" xmlUrl="file:///etc/passwd"/></body></opml>', encoding="utf-8")
    code, _, err = run(f"{base}/list.opml", "--allow-local", "--into", "seeds", cwd=tmp_path)
    assert code == 1  # the file: entry
    assert f"{base}/list.opml: 3 feeds listed" in err
    assert "ERROR: file:///etc/passwd: refused: an OPML list from the web may only list " \
           "http(s) feeds" in err
    assert f"{base}/feeds/full.rss: 3 entries" in err  # relative to the list's address
    assert len(seeds_in(tmp_path / "seeds")) == 6


def test_a_figure_after_the_text_is_no_lead_photo():
    article = extract_page((PAGES / "late-figure.html").read_bytes(), "late", "late")
    assert article.caption is None and article.credit is None
    assert "newsletter" not in article.body  # a caption is never body text
    assert article.paragraphs[-1].startswith("The island's only shop")
    assert article.date == dt.date(2024, 5, 13)
    from digest.inputs.importing.pages import clean_credit, split_credit

    assert clean_credit("Image credit: Island Post") == "Island Post"
    assert clean_credit("copyright [Getty Images]") == "Getty Images"
    assert split_credit("Ferries at dawn. Photo: Ann Lee/AFP") == ("Ferries at dawn.", "Ann Lee/AFP")
    assert split_credit("Ferries at dawn (AFP)") == ("Ferries at dawn", "AFP")
    assert split_credit("Ferries at dawn") == ("Ferries at dawn", None)


def test_redirects_are_followed_a_few_times(tmp_path, server):
    base, _ = server
    code, _, err = run(f"{base}/moved/2/pages/opengraph.html", f"{base}/moved/9/pages/time.html",
                       "--allow-local", "--into", "seeds", cwd=tmp_path)
    assert code == 1
    assert list(seeds_in(tmp_path / "seeds")) == [
        "2024-05-14-mountain-rail-line-reopens-after-landslide-repairs"]
    assert f"ERROR: {base}/moved/9/pages/time.html: more than 5 redirects" in err
