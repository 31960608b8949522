"""A prebuilt, sharded search index that Material's own search UI queries through our worker.

Material builds its lunr index in the browser from search/search_index.json on every page load,
which takes seconds at thousands of pages (and on file:// it inlines megabytes into every page
view). Material's search plugin indexes the hand-written pages; the generated ones come from
our render cache (rendercache.py). `write_search_index` turns them all into small JavaScript
files that our worker (assets/search-worker.js) loads on demand:

  search/digest-index.js        the manifest: pages (location, title, lengths), shard bounds,
                                stop words and the accent-folding table the worker shares;
  search/digest-shard-NNN.js    sorted term ranges: terms, document frequencies, postings;
  search/digest-text-NNN.js     plain page texts by page-id range, read only for snippets,
                                deflated and base64-encoded (`ztext`): the texts repeat every
                                page's words, and packed they take a third to a quarter of
                                the bytes; the worker inflates them with the browser's own
                                DecompressionStream, after a query's first results are shown;

then replaces search_index.json with a stub (config only), so pages load and post nothing big.
The files call a global `__digest_search(kind, number, data)`: being scripts rather than JSON,
they load through importScripts() in a real Worker and through script tags in iframe-worker.js
on file://. `rewrite_worker_url` points each page's `__config` at our worker, so Material's UI
(search box, result list, highlighting, keyboard) stays as it is.

Terms are folded (lower case, no diacritics: "Erdoğan" -> "erdogan") at index time here and at
query time in the worker, with one folding table carried in the manifest (`digest.text`, the
base of the names' fold too).
"""
from __future__ import annotations

import base64
import hashlib
import json
import operator
import os
import re
import shutil
import zlib
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

from digest.text import FOLD_SPECIAL, fold_letters as fold

WORKER_NAME = "digest-search.js"
WORKER_DIR = Path("assets") / "javascripts" / "workers"
INDEX_NAME = "digest-index.js"
SHARD_BYTES = 48_000  # target size of one postings shard (a query loads one or a few)
TEXT_BYTES = 24_000   # target size of one text shard (snippets of the top results)
MAX_POSITIONS = 32    # positions kept per term and page (adjacency checks need only a few)
FORMAT_VERSION = 2  # 2: text shards deflated

# Function words only: news names such as "US", "May", "Will" or "IT" stay searchable.
STOP_WORDS = ("a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "from",
              "had", "has", "have", "in", "is", "its", "of", "on", "or", "s", "that", "the",
              "their", "this", "to", "was", "were", "which", "with")
_STOP = frozenset(STOP_WORDS)
_TOKEN = re.compile(r"[^\W_]+")
_BLOCK_TAGS = frozenset({"p", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "pre",
                         "blockquote", "div", "tr", "table", "dt", "dd", "br", "hr",
                         "figcaption", "section", "article"})
_WORKER_URL = re.compile(
    r'("search":\s*")((?:[^"\\]|\\.)*?)assets(\\?/)javascripts\\?/workers\\?/'
    r'search\.[0-9a-f]+\.min\.js"')


def tokens(text: str) -> list[str]:
    """The folded words of `text` in order, stop words left out (adjacency skips them)."""
    return [t for t in _TOKEN.findall(fold(text)) if t not in _STOP]


_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "source", "track", "wbr"})
_SKIPPED = frozenset({"script", "style", "object"})


class _TextBlocks(HTMLParser):
    """Plain text of HTML, one string per block (paragraph, item, heading).

    For a whole page (`page=True`) it keeps what Material's search parser would: the first h1
    becomes the title, and elements marked `data-search-exclude`, scripts and styles are left
    out."""

    def __init__(self, page: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.blocks: list[str] = []
        self._parts: list[str] = []
        self._open: list[str] = []  # open elements, while inside a skipped one
        self._skip_depth = 0
        self.title: str | None = None
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        if self.page and tag not in _VOID:
            if self._skip_depth:
                self._open.append(tag)
                return
            if tag == "h1" and self.title is None and not self._in_title:
                self._flush()
                self._in_title = True
                return
            if tag in _SKIPPED or any(k == "data-search-exclude" for k, _ in attrs):
                self._flush()
                self._skip_depth = 1
                self._open = [tag]
                return
        if tag in _BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag):
        if self._skip_depth:
            if tag in self._open:  # close it (and anything left open inside it)
                del self._open[len(self._open) - 1 - self._open[::-1].index(tag):]
                if not self._open:
                    self._skip_depth = 0
            return
        if self._in_title and tag == "h1":
            self.title = " ".join("".join(self._parts).split())
            self._parts = []
            self._in_title = False
            return
        if tag in _BLOCK_TAGS and not self._in_title:
            self._flush()

    def handle_data(self, data):
        if not self._skip_depth:
            self._parts.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._parts).split())
        if text:
            self.blocks.append(text)
        self._parts = []

    def close(self) -> None:
        super().close()
        self._flush()


def html_blocks(markup: str) -> list[str]:
    parser = _TextBlocks()
    parser.feed(markup)
    parser.close()
    return parser.blocks


def page_text(content: str) -> tuple[str | None, list[str]]:
    """The searchable text of a rendered page's HTML: its h1, and its other blocks."""
    parser = _TextBlocks(page=True)
    parser.feed(content)
    parser.close()
    return parser.title, parser.blocks


@dataclass
class SearchPage:
    """One page of the site: Material's sections merged back (per-page results)."""
    location: str
    title: str
    blocks: list[str] = field(default_factory=list)


def pages_from_index(docs: list[dict]) -> list[SearchPage]:
    """Group Material's per-section documents by page, keeping the index's page order."""
    pages: dict[str, SearchPage] = {}
    for doc in docs:
        location = str(doc.get("location", ""))
        path, _, anchor = location.partition("#")
        title = " ".join(html_blocks(str(doc.get("title", ""))))
        page = pages.get(path)
        if page is None:
            page = pages[path] = SearchPage(path, title)
            if anchor and title:  # the page itself has no document: keep the section heading
                page.blocks.append(title)
        elif title and anchor:
            page.blocks.append(title)
        page.blocks.extend(html_blocks(str(doc.get("text", ""))))
    return list(pages.values())


_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
_B36 = [a + b for a in ("",) + tuple(_DIGITS[1:]) for b in _DIGITS]  # 0 .. 1295


def _b36(n: int) -> str:
    if n < 1296:
        return _B36[n]
    out = ""
    while n:
        n, r = divmod(n, 36)
        out = _DIGITS[r] + out
    return out


def _js_order(term: str) -> bytes:
    """Sort key matching JavaScript's string comparison (UTF-16 code units)."""
    return term.encode("utf-16-be")


# One term's posting for one page: (page id, count, in title, first positions).
_Posting = tuple[int, int, bool, list[int]]


class Cancelled(Exception):
    """A newer build wants the site folder: this index is out of date before it is done."""


def _never() -> None:
    pass


def _postings(pages: list[SearchPage], check=_never
              ) -> tuple[dict[str, list[_Posting]], list[list]]:
    """Inverted index: term -> postings by ascending page id; per page [body, title length].

    Title words take positions 0.., the body follows after a gap, and each block after
    another, so words are adjacent only within one title or one paragraph."""
    index: dict[str, list[_Posting]] = {}
    lengths: list[list] = []
    for page_id, page in enumerate(pages):
        check()
        title_words = tokens(page.title)
        seen: defaultdict[str, list[int]] = defaultdict(list)
        for position, word in enumerate(title_words):
            seen[word].append(position)
        in_title = set(seen)
        position = len(title_words) + 1
        body = 0
        for block in page.blocks:
            words = tokens(block)
            for at, word in enumerate(words, position):
                seen[word].append(at)
            position += len(words) + 1
            body += len(words)
        for word, positions in seen.items():
            index.setdefault(word, []).append(
                (page_id, len(positions), word in in_title, positions[:MAX_POSITIONS]))
        lengths.append([body, len(title_words)])
    return index, lengths


def _encode(postings: list[_Posting]) -> tuple[str, str]:
    """Pages and positions of one term, base 36, page ids ascending.

    Pages: `pageDelta,count*2+title,...` (flat pairs). Positions: one `pos,posDelta,...` group
    per page, groups joined by ";" -- kept apart so one-word queries never parse them."""
    pairs, groups = [], []
    previous = 0
    for page_id, count, in_title, positions in postings:
        pairs.append(f"{_b36(page_id - previous)},{_b36(count * 2 + in_title)}")
        previous = page_id
        groups.append(",".join(map(_b36, map(operator.sub, positions, [0, *positions]))))
    return ",".join(pairs), ";".join(groups)


def _script(kind: str, number: int, data) -> str:
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f'__digest_search("{kind}",{number},{payload});\n'


def pack(texts: list[str]) -> str:
    """Texts as base64 of raw DEFLATE of their JSON (what DecompressionStream("deflate-raw")
    reads). Level 9 and no header with a time in it: the same texts give the same bytes."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15, 9)
    data = json.dumps(texts, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.b64encode(packer.compress(data) + packer.flush()).decode("ascii")


def unpack(packed: str) -> list[str]:
    """The texts `pack` packed."""
    return json.loads(zlib.decompress(base64.b64decode(packed), -15).decode("utf-8"))


def read_text_shard(script: str) -> list[str]:
    """The page texts of one digest-text-NNN.js file's contents (for tests and tools)."""
    kind, _, payload = script.partition(",")
    packed = json.loads(payload.split(",", 1)[1].rstrip().removesuffix(");"))
    return unpack(packed) if kind.endswith('"ztext"') else packed


def _chunks(items: list, size_of, target: int) -> list[tuple[int, int]]:
    """Contiguous [start, end) ranges of about `target` bytes each."""
    ranges, start, total = [], 0, 0
    for i, item in enumerate(items):
        total += size_of(item)
        if total >= target:
            ranges.append((start, i + 1))
            start, total = i + 1, 0
    if start < len(items) or not ranges:
        ranges.append((start, len(items)))
    return ranges


def build_index_files(pages: list[SearchPage], check=_never) -> dict[str, str]:
    """File name (relative to site/search/) -> contents, for the given pages. Deterministic.
    `check` is called now and then, and may raise Cancelled."""
    index, lengths = _postings(pages, check)
    terms = sorted(index, key=_js_order)
    encoded = []
    for start in range(0, len(terms), 2000):
        check()
        encoded += [_encode(index[t]) for t in terms[start:start + 2000]]
    files: dict[str, str] = {}

    shard_bounds = []
    rows = list(zip(terms, encoded))
    size = lambda row: len(row[0]) + len(row[1][0]) + len(row[1][1]) + 12  # noqa: E731
    for number, (start, end) in enumerate(_chunks(rows, size, SHARD_BYTES)):
        shard_terms = terms[start:end]
        shard_bounds.append(shard_terms[0] if shard_terms else "")
        data = [shard_terms, [len(index[t]) for t in shard_terms],
                [e[0] for e in encoded[start:end]], [e[1] for e in encoded[start:end]]]
        files[f"digest-shard-{number:03d}.js"] = _script("shard", number, data)

    texts = ["\n".join(page.blocks) for page in pages]
    text_starts = []
    # Three times TEXT_BYTES of text before packing: about TEXT_BYTES or less on disk.
    for number, (start, end) in enumerate(_chunks(texts, lambda t: len(t) + 4, TEXT_BYTES * 3)):
        text_starts.append(start)
        files[f"digest-text-{number:03d}.js"] = _script("ztext", number, pack(texts[start:end]))

    body_total = sum(length[0] for length in lengths)
    manifest = {
        "version": FORMAT_VERSION,
        "docs": [[page.location, page.title, *length] for page, length in zip(pages, lengths)],
        "avgdl": round(body_total / len(pages), 3) if pages else 0,
        "shards": shard_bounds,
        "texts": text_starts,
        "stop": list(STOP_WORDS),
        "fold": FOLD_SPECIAL,
    }
    files[INDEX_NAME] = _script("index", 0, manifest)
    return dict(sorted(files.items()))


def worker_source() -> str:
    return resources.files("digest").joinpath("assets", "search-worker.js").read_text("utf-8")


def material_pages(site_dir: Path) -> list[SearchPage] | None:
    """The pages Material's search plugin indexed this build (hand-written ones: generated
    pages tell it to skip them), or None when the site has no fresh Material index."""
    source = Path(site_dir) / "search" / "search_index.json"
    if not source.is_file():
        return None
    material = json.loads(source.read_bytes())
    if "digest" in material:  # our stub already: Material did not write a new index
        return None
    return pages_from_index(material.get("docs", []))


def build_search_index(site_dir: Path, extra: list[SearchPage] = ()) -> dict:
    """Our index of Material's pages plus `extra` (generated pages digest indexed itself),
    by location; {} when Material wrote no fresh index."""
    pages = material_pages(site_dir)
    if pages is None:
        return {}
    merged = {page.location: page for page in [*pages, *extra]}
    return write_search_index(site_dir, [merged[k] for k in sorted(merged)])


def index_key(pages: list[SearchPage]) -> str:
    """A digest of everything the index files are made of: these pages and this code."""
    digest = hashlib.sha256(f"{FORMAT_VERSION}\0{len(pages)}".encode())
    digest.update(Path(__file__).read_bytes())
    for page in pages:
        digest.update(f"\0\0{page.location}\0{page.title}\0{len(page.blocks)}".encode())
        digest.update("\0".join(page.blocks).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _place(source: Path, dest: Path) -> None:
    """`dest` becomes a copy of `source`: a hard link when both share a file system."""
    dest.unlink(missing_ok=True)
    try:
        os.link(source, dest)
    except OSError:
        shutil.copyfile(source, dest)


def write_search_index(site_dir: Path, pages: list[SearchPage], check=_never,
                       cache: Path | None = None) -> dict:
    """Write our index of `pages` and our worker into `site_dir`, and replace Material's
    search_index.json with a stub (its config only).

    Run after Material's search plugin wrote its index and before the offline plugin inlines
    it (on_post_build, priority -50). Returns sizes in bytes for benchmarks. `check` may
    raise Cancelled (from `mkdocs serve`, when a newer build starts). With a `cache` folder,
    the files of the last index built are kept there and reused while the pages are the
    same (a warm build of an unchanged digest)."""
    search_dir = Path(site_dir) / "search"
    source = search_dir / "search_index.json"
    material = json.loads(source.read_bytes()) if source.is_file() else {}
    search_dir.mkdir(parents=True, exist_ok=True)
    stored = cache / index_key(pages) if cache is not None else None
    if stored is not None and (stored / INDEX_NAME).is_file():
        names = sorted(p.name for p in stored.iterdir())
    else:
        files = build_index_files(pages, check)
        names = list(files)
        if stored is not None:
            try:
                shutil.rmtree(cache, ignore_errors=True)
                partial = cache / f"{stored.name}.partial"
                partial.mkdir(parents=True)
                for name, text in files.items():
                    (partial / name).write_text(text, encoding="utf-8")
                partial.rename(stored)
            except OSError:
                stored = None
    check()
    for old in search_dir.glob("digest-*.js"):
        if old.name not in names:
            old.unlink()
    # The manifest last: a worker that loads it finds the shards it names.
    for name in sorted(names, key=lambda n: n == INDEX_NAME):
        if stored is not None:
            _place(stored / name, search_dir / name)
        else:
            (search_dir / name).write_text(files[name], encoding="utf-8")

    worker = Path(site_dir) / WORKER_DIR / WORKER_NAME
    worker.parent.mkdir(parents=True, exist_ok=True)
    worker.write_text(worker_source(), encoding="utf-8")

    # The page needs `config` (its highlighter reads the separator); `docs` only went to
    # Material's worker, which ours replaces.
    stub = {"config": material.get("config", {}), "docs": [], "digest": FORMAT_VERSION}
    source.write_text(json.dumps(stub, ensure_ascii=False, separators=(",", ":")),
                      encoding="utf-8")
    sizes = {name: (search_dir / name).stat().st_size for name in names}
    shards = [n for name, n in sizes.items() if name.startswith("digest-shard-")]
    texts = [n for name, n in sizes.items() if name.startswith("digest-text-")]
    return {
        "pages": len(pages),
        "stub_bytes": source.stat().st_size,
        "manifest_bytes": sizes[INDEX_NAME],
        "shard_files": len(shards),
        "shard_bytes": sum(shards),
        "largest_shard_bytes": max(shards, default=0),
        "text_files": len(texts),
        "text_bytes": sum(texts),
        "worker_bytes": worker.stat().st_size,
    }


def rewrite_worker_url(output: str) -> str:
    """Point the page's `__config` "search" worker at ours, keeping its relative prefix."""
    return _WORKER_URL.sub(lambda m: f'{m[1]}{m[2]}assets{m[3]}javascripts{m[3]}workers'
                                     f'{m[3]}{WORKER_NAME}"', output, count=1)
