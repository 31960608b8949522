"""One `digest import` run: every SOURCE expanded (folders, OPML lists, feeds), each
article extracted, recognised when it is already a seed, written or (with `--update`)
refreshed, with one line per item saying what happened. A bad source or item is one line
naming it and its problem; the rest goes on, and the run reports that something failed."""
from __future__ import annotations

import datetime as dt
import os
import sys
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

from tqdm import tqdm

from digest.inputs.importing.dedupe import Known, Match, SeedIndex
from digest.inputs.importing.feeds import FeedEntry, parse_feed
from digest.inputs.importing.fetch import Fetcher, Response
from digest.inputs.importing.model import Article, ImportFailure
from digest.inputs.importing.opml import parse_opml
from digest.inputs.importing.pages import extract_page
from digest.inputs.importing.metadata import url_key
from digest.inputs.importing.seeds import (apply_update, free_stem, now_utc, plan_update,
                                           round_trip_problem, seed_stem, seed_text,
                                           updated_sidecar, write_seed)
from digest.inputs.importing.sources import FEED, OPML, PAGE, Source, classify_file, expand, sniff

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml",
              "application/xml", "text/xml", "application/feed+json")
MAX_DEPTH = 2  # OPML inside OPML: no further (a list that lists itself ends there)
WORKERS = 4


@dataclass
class ImportOptions:
    sources: list[str]
    into: Path
    cache: Path | None = None
    index_folders: list[Path] = field(default_factory=list)  # where duplicates are looked for
    update: bool = False
    since: dt.date | None = None
    limit: int | None = None
    dry_run: bool = False
    allow_local: bool = False
    timeout: float = 20.0
    progress: bool = False


@dataclass
class ImportReport:
    imported: list[Path] = field(default_factory=list)
    updated: list[Path] = field(default_factory=list)
    skipped: int = 0
    failed: int = 0
    near: int = 0

    def summary(self, dry_run: bool) -> str:
        verb = "would import" if dry_run else "imported"
        return (f"digest import: {len(self.imported)} {verb}, {len(self.updated)} updated, "
                f"{self.skipped} skipped, {self.failed} failed")


def shown(path: Path) -> str:
    """A path as the curator would type it: relative to the working folder when inside."""
    try:
        return os.path.relpath(path) if Path(path).resolve().is_relative_to(Path.cwd()) \
            else str(path)
    except (OSError, ValueError):
        return str(path)


class Run:
    def __init__(self, options: ImportOptions, say: Callable[[str], None],
                 emit: Callable[[dict], None] | None):
        self.options = options
        self.emit = emit
        self.report = ImportReport()
        self.at = now_utc()
        self.index = SeedIndex(options.index_folders or [options.into])
        self.fetcher = Fetcher(options.cache, allow_local=options.allow_local,
                               timeout=options.timeout, remember=not options.dry_run)
        self.pool = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="digest-import")
        self.bar = tqdm(total=0, unit=" items", disable=not options.progress, file=sys.stderr,
                        leave=False, dynamic_ncols=True)
        self._say = say

    # -- reporting ---------------------------------------------------------------------
    def say(self, line: str) -> None:
        if self.options.progress:
            self.bar.write(line, file=sys.stderr)
        else:
            self._say(line)

    def expect(self, count: int) -> None:
        self.bar.total = (self.bar.total or 0) + count
        self.bar.refresh()

    def done_one(self) -> None:
        self.bar.update(1)

    def fail(self, where: str, problem: object) -> None:
        self.report.failed += 1
        self.say(f"ERROR: {where}: {problem}")
        if self.emit:
            self.emit({"path": where, "error": str(problem)})

    # -- sources -----------------------------------------------------------------------
    def run(self) -> ImportReport:
        try:
            for where in self.options.sources:
                try:
                    sources = expand(where, self.options.allow_local)
                except ImportFailure as err:
                    self.fail(where, err)
                    continue
                self.expect(len(sources))
                for source in sources:
                    self.source(source, depth=0)
        finally:
            self.pool.shutdown(wait=True)
            self.bar.close()
            if not self.options.dry_run:
                self.fetcher.save()
        return self.report

    def source(self, source: Source, depth: int) -> None:
        try:
            if source.kind == "url":
                self.url_source(source.where, depth)
            else:
                self.file_source(source, depth)
        except ImportFailure as err:
            self.fail(source.where, err)
        except (OSError, ValueError, LookupError, TypeError, AttributeError) as err:
            # a library tripping over odd input: still one line, never a traceback
            self.fail(source.where, f"could not be read: {type(err).__name__}: {err}")
        finally:
            self.done_one()

    def file_source(self, source: Source, depth: int) -> None:
        path = source.path
        assert path is not None
        kind = classify_file(path)
        try:
            raw = path.read_bytes()
        except OSError as err:
            raise ImportFailure(f"cannot read: {err.strerror or err}") from None
        if kind == FEED:
            self.feed(raw, source.where, base_url=None)
        elif kind == OPML:
            self.opml(raw, source.where, path.parent, depth)
        else:
            self.article(extract_page(raw, location=source.where, origin=source.where))

    def url_source(self, url: str, depth: int) -> None:
        response = self.fetcher.get(url, conditional=not self.options.update)
        if response.not_modified:
            self.report.skipped += 1
            self.say(f"skipped: {url}: not modified since the last import (HTTP 304)")
            return
        kind = self.kind_of(response)
        if kind == FEED:
            failures = self.report.failed
            whole = self.feed(response.body, url, base_url=response.url)
            # Every entry in (none failed, none left out by --since or --limit): next time
            # a 304 is enough.
            if whole and self.report.failed == failures:
                self.fetcher.remember_validators(url, response)
        elif kind == OPML:
            self.opml(response.body, url, response.url, depth)
        else:
            self.article(extract_page(response.body, location=url, origin=url,
                                      url=response.url, charset=response.charset))
            self.fetcher.remember_validators(url, response)

    @staticmethod
    def kind_of(response: Response) -> str:
        kind = sniff(response.body[:8192])
        if kind:
            return kind
        if response.content_type in FEED_TYPES:
            raise ImportFailure("broken feed: not RSS or Atom XML")
        if response.content_type in ("text/html", "application/xhtml+xml", "text/plain", ""):
            return PAGE
        raise ImportFailure(f"not a feed or a page: {response.content_type}")

    def opml(self, raw: bytes, where: str, base, depth: int) -> None:
        subscriptions = parse_opml(raw, where, base)
        if depth >= MAX_DEPTH:
            raise ImportFailure("an OPML list inside an OPML list inside another: not followed")
        remote = not isinstance(base, Path)
        self.say(f"{where}: {len(subscriptions)} feeds listed")
        for sub in subscriptions:
            if remote and urlsplit(sub.where).scheme not in ("http", "https"):
                self.fail(sub.where, "refused: an OPML list from the web may only list "
                                     "http(s) feeds")
                continue
            try:
                sources = expand(sub.where, self.options.allow_local)
            except ImportFailure as err:
                self.fail(sub.where, err)
                continue
            self.expect(len(sources))
            for source in sources:
                self.source(source, depth + 1)

    # -- feeds -------------------------------------------------------------------------
    def select(self, entries: list[FeedEntry], where: str) -> list[FeedEntry]:
        """--since and --limit: the newest entries (entries without a date are kept by
        --since, and come last for --limit)."""
        since, limit = self.options.since, self.options.limit
        left_out = []
        if since:
            kept = [e for e in entries if e.article.date is None or e.article.date >= since]
            if len(kept) < len(entries):
                left_out.append(f"{len(entries) - len(kept)} dated before {since}")
            entries = kept
        if limit is not None and len(entries) > limit:
            order = sorted(range(len(entries)), key=lambda i: (
                entries[i].article.date is None,
                -(entries[i].article.date or dt.date.min).toordinal(), i))
            chosen = set(order[:limit])
            left_out.append(f"{len(entries) - limit} over --limit {limit}")
            entries = [e for i, e in enumerate(entries) if i in chosen]
        if left_out:
            self.say(f"{where}: entries left out: {', '.join(left_out)}")
        return entries

    def feed(self, raw: bytes, where: str, base_url: str | None) -> bool:
        """Import a feed's entries; False when --since or --limit left some out."""
        feed = parse_feed(raw, where, base_url)
        if feed.warning:
            self.fail(where, f"{feed.warning} ({len(feed.entries)} entries read anyway)")
        entries = self.select(feed.entries, where)
        whole = len(entries) == len(feed.entries)
        self.say(f"{where}: {len(entries)} {'entry' if len(entries) == 1 else 'entries'}")
        self.expect(len(entries))
        pending: dict[int, Future] = {}
        known: set[int] = set()  # summary-only entries already imported: not fetched again
        for number, entry in enumerate(entries):
            if entry.full or not entry.link:
                continue
            if not self.options.update and self.already(entry.article.location,
                                                        self.index.find_url(entry.link)):
                known.add(number)
                continue
            pending[number] = self.pool.submit(self.fetch_entry, entry)
        for number, entry in enumerate(entries):
            try:
                if number in known:
                    continue
                if number in pending:
                    self.article(pending[number].result())
                elif entry.full and entry.article.paragraphs:
                    self.article(entry.article)
                elif not entry.full:
                    why = (f"its link {entry.raw_link!r} is not an http(s) address"
                           if entry.raw_link else "no link to the article")
                    raise ImportFailure(f"only a summary ({entry.summary_words} words), and "
                                        f"{why}")
            except ImportFailure as err:
                self.fail(entry.article.location, err)
            except (OSError, ValueError, LookupError, TypeError, AttributeError) as err:
                self.fail(entry.article.location,
                          f"could not be read: {type(err).__name__}: {err}")
            finally:
                self.done_one()
        return whole

    def fetch_entry(self, entry: FeedEntry) -> Article:
        """A summary-only entry's page, extracted, with the feed's own title, date and
        author first (the page's publisher, address and photo complete them)."""
        assert entry.link
        try:
            response = self.fetcher.get(entry.link, conditional=False)
        except ImportFailure as err:
            raise ImportFailure(f"only a summary in the feed, and the article could not be "
                                f"fetched: {err}") from None
        if sniff(response.body[:8192]) != PAGE and response.content_type not in (
                "text/html", "application/xhtml+xml", ""):
            raise ImportFailure(f"only a summary in the feed, and its link is not a web page "
                                f"({response.content_type})")
        page = extract_page(response.body, location=entry.link, origin=entry.article.origin,
                            url=response.url, charset=response.charset)
        feed = entry.article
        page.location = feed.location
        page.title = feed.title or page.title
        page.date = feed.date or page.date
        page.author = feed.author or page.author
        page.source = page.source or feed.source
        page.url = page.url or feed.url
        page.image = page.image or feed.image
        return page

    # -- articles ----------------------------------------------------------------------
    def already(self, location: str, match: Match | None) -> bool:
        if match is None:
            return False
        how = "same URL" if match.kind == "url" else "same text"
        self.report.skipped += 1
        self.say(f"skipped: {location}: already imported as {shown(match.known.path)} "
                 f"({how})")
        return True

    def row(self, article: Article, status: str, seed: Path | None) -> None:
        if self.emit:
            self.emit({"path": article.location, "status": status,
                       "seed": str(seed) if seed else None, "title": article.title,
                       "date": article.date.isoformat() if article.date else None,
                       "source": article.source, "author": article.author,
                       "url": article.url, "image": article.image, "caption": article.caption,
                       "credit": article.credit, "body": article.body})

    def article(self, article: Article) -> None:
        if not article.title:
            raise ImportFailure("no headline found")
        if not article.paragraphs:
            raise ImportFailure("no article text found")
        match = self.index.find(article.url, article.paragraphs)
        if match and match.kind in ("url", "text"):
            if self.options.update and match.kind == "url":
                self.update(match.known, article)
                self.row(article, "update", match.known.path)
            elif self.already(article.location, match):
                self.row(article, "duplicate", match.known.path)
            return
        if match:  # near-identical
            self.report.near += 1
            self.say(f"note: {article.location}: near-identical to {shown(match.known.path)} "
                     f"({match.share:.0%} of the text in common): a syndicated wire copy?")
        into = self.options.into
        if self.options.dry_run:
            path = into / f"{free_stem(into, seed_stem(article))}.txt"
            self.say(f"would import: {shown(path)} <- {article.location}")
        else:
            try:
                path = write_seed(into, article, article.origin, self.at)
            except OSError as err:
                raise ImportFailure(f"cannot write the seed: {err}") from None
            self.say(f"imported: {shown(path)} <- {article.location}")
        self.report.imported.append(path)
        problem = round_trip_problem(article, seed_text(article))
        if problem:
            self.say(f"note: {shown(path)}: {problem}")
        known = Known(path=path, sidecar=path.with_suffix(".yml"), meta=article.values())
        known.urls = {key for key in [url_key(article.url)] if key}
        self.index.add(known, article.paragraphs)
        self.row(article, "new", path)

    def update(self, known: Known, article: Article) -> None:
        """--update: refresh the sidecar values the curator has not edited."""
        where = shown(known.sidecar or known.path)
        imported = known.meta.get("imported") if isinstance(known.meta, dict) else None
        recorded = imported.get("values") if isinstance(imported, dict) else None
        if known.sidecar is None or not isinstance(recorded, dict):
            self.report.skipped += 1
            self.say(f"skipped: {article.location}: {where} has no `imported:` record (the "
                     "curator's own seed): not updated")
            return
        new = article.values()
        plan = plan_update(known.meta, recorded, new)
        kept = f" (the curator's {', '.join(plan.kept)} kept)" if plan.kept else ""
        if not plan.changes:
            self.report.skipped += 1
            self.say(f"up to date: {where}{kept}")
            return
        values = {key: new[key] if new[key] is not None else recorded.get(key)
                  for key in new}
        record = {"source": article.origin, "at": self.at, "values": values}
        changed = ", ".join(plan.changes)
        if self.options.dry_run:
            text = known.sidecar.read_text(encoding="utf-8")
            ok = updated_sidecar(text, plan, record) is not None
        else:
            ok = apply_update(known.sidecar, plan, record)
        if not ok:
            raise ImportFailure(f"{where}: its layout is not one --update can edit safely; "
                                f"not updated (would refresh {changed})")
        verb = "would update" if self.options.dry_run else "updated"
        self.report.updated.append(known.sidecar)
        self.say(f"{verb}: {where}: {changed}{kept}")


def run_import(options: ImportOptions, say: Callable[[str], None] = print,
               emit: Callable[[dict], None] | None = None) -> ImportReport:
    """Import every source in `options`; `say` gets one line per item, `emit` (for
    `--format jsonl`) one row per article."""
    return Run(options, say, emit).run()
