"""Generated pages rendered once: their HTML cached by page text, like Pelican's content cache.

A warm `mkdocs build` at 5,000 articles spent most of its time in Python-Markdown and in
Material's search parser, on ~10,000 generated pages whose text had not changed. MkDocs lets a
plugin give a File its own Page (Material's blog does it for posts): `GeneratedPage` takes its
front matter, HTML, table of contents and search text from this cache when its page text is
unchanged, and renders the normal way (then stores the result) when it is not.

The key is the page's text, its path and everything else Markdown conversion depends on:
MkDocs, Python-Markdown and extension versions, the `markdown_extensions` settings and
`use_directory_urls`. A page whose rendering logged a warning is not stored, so
`mkdocs build --strict` keeps failing on it. The store is one SQLite file in the cache folder
(git-ignored), compressed; a full build drops the entries it did not use."""
from __future__ import annotations

import hashlib
import json
import logging
import pickle
import sqlite3
import threading
import zlib
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any


FORMAT = 1
DB_NAME = "render.sqlite"
FLUSH_EVERY = 500  # entries held before they are written


@dataclass
class Rendered:
    """What MkDocs' Page.render() leaves on a page, plus the page's search text."""

    meta: dict[str, Any]
    content: str
    toc: list[dict]
    title: str | None
    anchors: list[str]
    search: tuple[str | None, list[str]] | None  # h1 and text blocks; None: not searched


def fingerprint(config) -> str:
    """Everything besides the page text that Markdown -> HTML depends on."""
    versions = {}
    for name in ("mkdocs", "markdown", "pymdown-extensions"):
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None

    def named(value):  # callables in extension settings (slugify=...) by their name
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', repr(value))}"

    settings = json.dumps([FORMAT, versions, list(config["markdown_extensions"]),
                           config["mdx_configs"], config["use_directory_urls"]],
                          sort_keys=True, default=named)
    return hashlib.sha256(settings.encode()).hexdigest()


class RenderCache:
    """Rendered pages by key, in memory (one `mkdocs serve`) and in SQLite (across runs).
    Values are pickled: `Rendered` HTML here, Markdown pages for pages.PageMemo."""

    def __init__(self, folder: Path | None, salt: str = "", db_name: str = DB_NAME,
                 keep_in_memory: bool = False) -> None:
        self.folder = folder
        self.keep_in_memory = keep_in_memory or folder is None  # True for `mkdocs serve`
        self.salt = salt
        self.db_name = db_name
        self.memory: dict[str, bytes] = {}
        self.fresh: dict[str, bytes] = {}  # rendered this build, not yet stored
        self.used: set[str] = set()
        self.hits = 0  # this build's pages taken from the cache
        self.misses = 0  # and rendered by Python-Markdown
        self._db: sqlite3.Connection | None = None
        self._lock = threading.Lock()  # serve builds run in a thread of their own

    def key(self, src_uri: str, text: str) -> str:
        data = f"{self.salt}\0{src_uri}\0{text}".encode("utf-8", "surrogatepass")
        return hashlib.sha256(data).hexdigest()

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is None and self.folder is not None:
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                self._db = sqlite3.connect(self.folder / self.db_name, check_same_thread=False)
                # A cache, not a record: no disk flush on every commit (a lost entry is
                # rendered again).
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("PRAGMA synchronous=NORMAL")
                self._db.execute("CREATE TABLE IF NOT EXISTS pages "
                                 "(key TEXT PRIMARY KEY, value BLOB NOT NULL)")
            except sqlite3.Error as error:
                logging.getLogger("mkdocs.plugins.digest").info(
                    f"digest: render cache off ({error})")
                self.folder = None
                self._db = None
        return self._db

    def get(self, key: str) -> Any:
        self.used.add(key)
        blob = self.memory.get(key)
        if blob is None:
            with self._lock:
                db = self._connect()
                if db is None:
                    return None
                try:
                    row = db.execute("SELECT value FROM pages WHERE key = ?", (key,)).fetchone()
                except sqlite3.Error:
                    return None
            if row is None:
                return None
            blob = row[0]
        try:
            return pickle.loads(zlib.decompress(blob))
        except Exception:  # an entry from another layout: render again
            return None

    def put(self, key: str, value: Any) -> None:
        self.used.add(key)
        blob = zlib.compress(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), 1)
        self.fresh[key] = blob
        if len(self.fresh) >= FLUSH_EVERY:
            self._store(prune=False)

    def commit(self, prune: bool) -> None:
        """Store this build's new entries; after a full build, drop the ones it did not use.
        In memory (when kept), exactly what this build used: a serve session stays small."""
        self._store(prune)
        if prune:
            self.memory = {k: v for k, v in self.memory.items() if k in self.used}
        self.used = set()
        self.hits = self.misses = 0

    def _store(self, prune: bool) -> None:
        """Write the new entries now: a cold build at 5,000 articles would otherwise hold
        ~100 MB of them until its end."""
        with self._lock:
            db = self._connect()
            if db is not None:
                try:
                    with db:
                        db.executemany("INSERT OR REPLACE INTO pages VALUES (?, ?)",
                                       self.fresh.items())
                        if prune:
                            db.execute("CREATE TEMP TABLE IF NOT EXISTS used "
                                       "(key TEXT PRIMARY KEY)")
                            db.execute("DELETE FROM used")
                            db.executemany("INSERT OR IGNORE INTO used VALUES (?)",
                                           ((k,) for k in self.used))
                            db.execute("DELETE FROM pages WHERE key NOT IN "
                                       "(SELECT key FROM used)")
                except sqlite3.Error as error:
                    logging.getLogger("mkdocs.plugins.digest").info(
                        f"digest: render cache not saved ({error})")
            if self.keep_in_memory:
                self.memory.update(self.fresh)
            self.fresh = {}

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
