"""What a SOURCE is: a feed, an OPML list, a saved page, a folder of them, or an http(s)
address. The file name suggests, the content decides: a `.xml` may be RSS, Atom or OPML,
and a URL's kind is known only once it is fetched."""
from __future__ import annotations

import gzip
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from digest.inputs.importing.model import ImportFailure

FEED, OPML, PAGE = "feed", "opml", "page"
PAGE_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz", ".xhtml")
FEED_SUFFIXES = (".rss", ".atom", ".xml", ".rdf", ".feed")
OPML_SUFFIXES = (".opml",)
ALL_SUFFIXES = PAGE_SUFFIXES + FEED_SUFFIXES + OPML_SUFFIXES
_XML_PRELUDE = re.compile(rb"^(?:\s|<\?xml[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>]*>|<\?[^>]*\?>)*",
                          re.S | re.I)


@dataclass
class Source:
    """One thing to import: `kind` is FEED, OPML, PAGE or "url" (kind known after the
    fetch); `where` is the path or address as the curator gave it."""

    kind: str
    where: str
    path: Path | None = None


def sniff(head: bytes) -> str | None:
    """FEED, OPML or PAGE from a document's first bytes; None when it is none of them."""
    head = head.lstrip(b"\xef\xbb\xbf")
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    rest = _XML_PRELUDE.sub(b"", head[:8192], count=1).lower()
    if rest.startswith((b"<rss", b"<feed", b"<rdf:rdf", b"<rdf")):
        return FEED
    if rest.startswith(b"<opml"):
        return OPML
    if rest.startswith((b"<html", b"<head", b"<body", b"<meta", b"<title", b"<!doctype html")) \
            or b"<html" in head[:4096].lower():
        return PAGE
    return None


def read_head(path: Path, size: int = 8192) -> bytes:
    with path.open("rb") as handle:
        head = handle.read(size)
    if head[:2] == b"\x1f\x8b":
        with gzip.open(path, "rb") as handle:
            try:
                head = handle.read(size)
            except (OSError, EOFError) as err:
                raise ImportFailure(f"broken gzip file: {err}") from None
    return head


def classify_file(path: Path) -> str:
    """FEED, OPML or PAGE; ImportFailure when the file is none of them."""
    name = path.name.lower()
    try:
        kind = sniff(read_head(path))
    except OSError as err:
        raise ImportFailure(f"cannot read: {err.strerror or err}") from None
    if kind:
        return kind
    if name.endswith(PAGE_SUFFIXES):
        return PAGE  # a page fragment without <html>: the extractor decides
    if name.endswith(OPML_SUFFIXES):
        raise ImportFailure("not an OPML file: no <opml> element")
    raise ImportFailure("neither a feed (RSS, Atom), an OPML list nor an HTML page")


def expand(where: str, allow_local: bool) -> list[Source]:
    """The sources one SOURCE argument stands for (a folder: every feed, OPML list and
    page in it, recursively, in a stable order; hidden files skipped)."""
    parts = urlsplit(where)
    if parts.scheme in ("http", "https"):
        return [Source("url", where)]
    if parts.scheme == "file":
        if not allow_local:
            raise ImportFailure("refused: file: links are not followed (give the path "
                                "instead, or --allow-local)")
        where = unquote(parts.path)
    elif re.match(r"^[a-z][a-z0-9+.-]+:", where) and not os.path.exists(where):
        raise ImportFailure(f"not a file, and {parts.scheme}: addresses are not imported")
    path = Path(where)
    if path.is_dir():
        found = []
        for folder, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if not name.startswith(".") and name.lower().endswith(ALL_SUFFIXES):
                    file = Path(folder) / name
                    found.append(Source("file", str(file), file))
        if not found:
            raise ImportFailure("no feeds, OPML lists or pages (.rss, .atom, .xml, .opml, "
                                ".html, .htm, .html.gz) in this folder")
        return found
    if not path.exists():
        raise ImportFailure("no such file or folder")
    return [Source("file", str(path), path)]
