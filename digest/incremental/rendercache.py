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
(git-ignored), compressed; a full build drops the entries it did not use.

Entries are data, never code: JSON with a tag for the few types JSON lacks (dates, tuples,
`Rendered`), checked field by field when read back. A cache file planted by a pull request (or
left by an older digest, which pickled) can at worst hold a wrong page: anything that is not
the expected shape is a miss, rendered again and stored anew."""
from __future__ import annotations

import hashlib
import json
import logging
import datetime as dt
import sqlite3
import threading
import zlib
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any


FORMAT = 2  # 1 pickled its entries
TABLE = "entries"  # FORMAT 1 used "pages", dropped on sight
DB_NAME = "render.sqlite"
FLUSH_EVERY = 500  # entries held before they are written
MAX_ENTRY = 64 << 20  # bytes of one entry, inflated


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


_TAG = "\u0000digest"  # marks a tagged value; a plain dict holding this key is tagged too


def encode(value: Any) -> Any:
    """`value` as JSON-ready data; TypeError for anything else (it is then not cached)."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, tuple):
        return {_TAG: "tuple", "v": [encode(v) for v in value]}
    if isinstance(value, dt.datetime):
        return {_TAG: "datetime", "v": value.isoformat()}
    if isinstance(value, dt.date):
        return {_TAG: "date", "v": value.isoformat()}
    if isinstance(value, Rendered):
        return {_TAG: "rendered", "v": [encode(value.meta), value.content, encode(value.toc),
                                       value.title, list(value.anchors), encode(value.search)]}
    if isinstance(value, dict):
        if all(isinstance(k, str) for k in value) and _TAG not in value:
            return {k: encode(v) for k, v in value.items()}
        return {_TAG: "dict", "v": [[encode(k), encode(v)] for k, v in value.items()]}
    raise TypeError(f"not cacheable: {type(value).__name__}")


class _Malformed(ValueError):
    pass


def _expect(ok: bool) -> None:
    if not ok:
        raise _Malformed


def decode(data: Any) -> Any:
    """The value `encode` gave `data` for; _Malformed when it is not such data."""
    if data is None or isinstance(data, (bool, int, float, str)):
        return data
    if isinstance(data, list):
        return [decode(v) for v in data]
    _expect(isinstance(data, dict))
    if _TAG not in data:
        return {k: decode(v) for k, v in data.items()}
    tag, body = data.get(_TAG), data.get("v")
    _expect(set(data) == {_TAG, "v"})
    if tag == "tuple":
        _expect(isinstance(body, list))
        return tuple(decode(v) for v in body)
    if tag in ("date", "datetime"):
        _expect(isinstance(body, str))
        parse = dt.date.fromisoformat if tag == "date" else dt.datetime.fromisoformat
        return parse(body)
    if tag == "dict":
        _expect(isinstance(body, list) and all(isinstance(p, list) and len(p) == 2
                                                for p in body))
        pairs = [(decode(k), decode(v)) for k, v in body]
        _expect(all(isinstance(k, (str, int, float, bool, tuple, dt.date)) or k is None
                    for k, _ in pairs))
        return dict(pairs)
    if tag == "rendered":
        _expect(isinstance(body, list) and len(body) == 6)
        meta, content, toc, title, anchors, search = body
        meta, toc, search = decode(meta), decode(toc), decode(search)
        _expect(isinstance(meta, dict) and isinstance(content, str) and isinstance(toc, list)
                and all(isinstance(t, dict) for t in toc)
                and (title is None or isinstance(title, str)) and isinstance(anchors, list)
                and all(isinstance(a, str) for a in anchors))
        _expect(search is None or (isinstance(search, tuple) and len(search) == 2
                                   and (search[0] is None or isinstance(search[0], str))
                                   and isinstance(search[1], list)
                                   and all(isinstance(b, str) for b in search[1])))
        return Rendered(meta=meta, content=content, toc=toc, title=title, anchors=anchors,
                        search=search)
    raise _Malformed


def dumps(value: Any) -> bytes:
    return zlib.compress(json.dumps(encode(value), ensure_ascii=False,
                                    separators=(",", ":")).encode("utf-8"), 1)


def loads(blob: Any) -> Any:
    """A stored value, or None for anything that is not an entry as `dumps` writes it."""
    if not isinstance(blob, bytes):
        return None
    try:
        # A bounded inflate: a planted entry cannot expand into gigabytes.
        inflater = zlib.decompressobj()
        raw = inflater.decompress(blob, MAX_ENTRY)
        if inflater.unconsumed_tail:
            return None
        return decode(json.loads(raw.decode("utf-8")))
    except (zlib.error, UnicodeDecodeError, ValueError, TypeError, RecursionError):
        return None


class RenderCache:
    """Rendered pages by key, in memory (one `mkdocs serve`) and in SQLite (across runs).
    Values are data (see `encode`): `Rendered` HTML here, Markdown pages for pages.PageMemo."""

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
                self._db.execute("DROP TABLE IF EXISTS pages")  # FORMAT 1: pickles
                self._db.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} "
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
                    row = db.execute(f"SELECT value FROM {TABLE} WHERE key = ?",
                                     (key,)).fetchone()
                except sqlite3.Error:
                    return None
            if row is None:
                return None
            blob = row[0]
        return loads(blob)  # None for a wrong entry: rendered again

    def keys(self) -> set[str]:
        """Every stored key (a lookup per page would cost a query each)."""
        found = set(self.memory) | set(self.fresh)
        with self._lock:
            db = self._connect()
            if db is not None:
                try:
                    found.update(k for (k,) in db.execute(f"SELECT key FROM {TABLE}"))
                except sqlite3.Error:
                    pass
        return found

    def put(self, key: str, value: Any) -> None:
        self.used.add(key)
        try:
            blob = dumps(value)
        except (TypeError, ValueError):  # a value JSON cannot hold: rendered each time
            return
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
                        db.executemany(f"INSERT OR REPLACE INTO {TABLE} VALUES (?, ?)",
                                       self.fresh.items())
                        if prune:
                            db.execute("CREATE TEMP TABLE IF NOT EXISTS used "
                                       "(key TEXT PRIMARY KEY)")
                            db.execute("DELETE FROM used")
                            db.executemany("INSERT OR IGNORE INTO used VALUES (?)",
                                           ((k,) for k in self.used))
                            db.execute(f"DELETE FROM {TABLE} WHERE key NOT IN "
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
