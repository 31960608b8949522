"""Read seeds: plain-text articles with an optional YAML sidecar, or Markdown with front
matter. I/O lives here and nowhere else upstream of the writers; a bad file becomes a
Problem naming it, and reading goes on with the next one."""
from __future__ import annotations

import hashlib
import re
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from digest.incremental.memo import Memo, ReadSeed
from digest.inputs import files as safe_files
from digest.inputs import plaintext, schema, yamlfile
from digest.model import Problem, Seed

SEED_SUFFIXES = (".txt", ".md")
SIDECAR_SUFFIXES = (".yml", ".yaml")
NAME_KEYS = ("people", "organizations", "places", "topics")
LIST_KEYS = NAME_KEYS + ("exclude", "keyphrases")
CAPTION_CREDIT = re.compile(r"^(?P<caption>.*?)\s*\[(?P<credit>[^\[\]\n]{1,80})\]\s*$", re.S)


@dataclass
class ReadResult:
    seeds: list[Seed] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def scan(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """Seed files and sidecar files under the given files and folders, recursively, each in
    a stable order; hidden files, links out of the folders and FIFOs are skipped (files.py)."""
    seeds, sidecars, _ = safe_files.scan(paths)
    return seeds, sidecars


def file_stamp(path: Path, scanned: dict[str, os.stat_result | None] | None = None) -> tuple:
    """What tells that a seed (or its sidecar) may have changed, without reading it.
    `scanned` is the scan's status of each file it accepted (files.scan): a plain file's is
    used as it is, a link is followed here, and a sidecar the scan did not accept counts as
    absent (it is not read either)."""
    stamps = []
    base = os.path.splitext(os.fspath(path))[0]
    for n, candidate in enumerate((os.fspath(path), *(base + s for s in SIDECAR_SUFFIXES))):
        known = scanned.get(candidate, False) if scanned is not None else None
        if known is False and n > 0:
            stamps.append(None)
            continue
        try:
            stat = known if known else os.stat(candidate)
            stamps.append((stat.st_mtime_ns, stat.st_size, stat.st_ino))
        except OSError:
            stamps.append(None)
    return tuple(stamps)


def read_seeds(paths: list[Path], memo: Memo[Path, ReadSeed] | None = None,
               root: Path | None = None) -> ReadResult:
    """Read every seed under `paths`; report sidecars that have no seed. With `memo` (kept
    by `mkdocs serve` between builds), a seed whose files did not change is not read again.
    Links are followed only to inside `root` (the project) or the resolved `paths`."""
    result = ReadResult()
    roots = safe_files.allowed_roots(paths, root)
    scanned: dict[str, os.stat_result | None] | None = {} if memo is not None else None
    files, sidecars, result.problems = safe_files.scan(paths, roots, scanned)
    for path in files:
        stamp = file_stamp(path, scanned) if memo is not None else None
        read = memo.get(path, stamp) if memo is not None else None
        if read is None:
            read = ReadSeed(*read_seed(path, roots))
            if memo is not None:
                memo.put(path, read, stamp)
        result.problems += read.problems
        if read.seed is not None:
            result.seeds.append(read.seed)
    result.problems = list(dict.fromkeys(result.problems))  # a bad sidecar is named once
    stems = {p.with_suffix("") for p in files}
    for sidecar in sidecars:
        if sidecar.with_suffix("") not in stems:
            result.problems.append(Problem(str(sidecar), "sidecar without a seed: "
                                           f"no {sidecar.stem}.txt beside it"))
    return result


def decode(raw: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """Bytes to text: UTF-8 (with or without BOM), else cp1252 with a warning; binary and
    empty files are refused. Line endings become \\n."""
    if not raw.strip():
        return None, [Problem(path, "empty file: nothing to publish", severity="error")]
    if b"\x00" in raw[:8192]:
        return None, [Problem(path, "binary file, not text: skipped", severity="error")]
    problems = []
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        text = raw.decode("cp1252", errors="replace")
        problems.append(Problem(path, "not UTF-8: decoded as Windows-1252 (cp1252); "
                                "save it as UTF-8 to silence this", line=line))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, problems


def read_seed(path: Path, roots: list[Path] | None = None) -> tuple[Seed | None, list[Problem]]:
    """One seed and its sidecar. None when the file cannot be used at all."""
    where = str(path)
    roots = roots if roots is not None else safe_files.allowed_roots([path])
    raw, problems = safe_files.read_bounded(path, roots, safe_files.SEED_LIMIT)
    if raw is None:
        return None, problems
    text, problems = decode(raw, where)
    if text is None:
        return None, problems
    digest = hashlib.sha256(raw)
    meta_file = where
    if path.suffix == ".md":
        seed, more = parse_markdown(path, text)
    else:
        meta, more_meta, sidecar_raw, sidecar = read_sidecar(path, roots)
        problems += more_meta
        digest.update(b"\0" + sidecar_raw)
        meta_file = sidecar or where
        seed, more = parse_text(path, text)
        if seed is not None:
            seed.meta = meta
    problems += more
    if seed is None:
        return None, problems
    seed.meta, more, seed.meta_places = validate_meta(
        seed.meta, meta_file, "front matter" if seed.markdown else "sidecar")
    seed.meta_file = meta_file
    problems += more
    seed.headline = seed.title
    if seed.meta.get("title"):
        seed.title = seed.meta["title"]
    if seed.markdown:
        seed.caption, seed.credit = seed.meta.get("caption"), seed.meta.get("credit")
    seed.fingerprint = digest.hexdigest()
    return seed, problems


def read_sidecar(path: Path, roots: list[Path] | None = None
                 ) -> tuple[dict[str, Any], list[Problem], bytes, str | None]:
    """The seed's NAME.yml: (metadata, problems, raw bytes, sidecar path or None). The
    metadata is the loaded YAML, not yet validated (`validate_meta` does that)."""
    for suffix in SIDECAR_SUFFIXES:
        sidecar = path.with_suffix(suffix)
        if os.path.lexists(sidecar):
            break
    else:
        return {}, [], b"", None
    roots = roots if roots is not None else safe_files.allowed_roots([path])
    reason = safe_files.judge(sidecar, roots)  # a link out, a FIFO: never opened
    if reason is not None:
        return {}, [Problem(str(sidecar), reason, severity="error")], b"", str(sidecar)
    doc = yamlfile.load(sidecar, what="metadata ignored")
    if doc.ok and doc.data is None:
        return {}, [Problem(str(sidecar), "empty sidecar: ignored")], doc.raw, str(sidecar)
    return doc, doc.problems, doc.raw, str(sidecar)


def parse_text(path: Path, text: str) -> tuple[Seed | None, list[Problem]]:
    """The plain-text format: headline, blank line, optional caption ending in [CREDIT],
    then paragraphs separated by blank lines. Quotes and spelling are kept as written."""
    where = str(path)
    problems: list[Problem] = []
    text = text.replace("\u00a0", " ").replace("\t", " ")
    lines = text.strip("\n").split("\n")
    headline = lines[0].strip()
    rest = lines[1:]
    if rest and rest[0].strip():
        problems.append(Problem(where, "no blank line after the headline: the first line is "
                                "taken as the headline", line=2))
    paragraphs = [" ".join(line.strip() for line in chunk.split("\n") if line.strip())
                  for chunk in re.split(r"\n\s*\n", "\n".join(rest))]
    paragraphs = [p for p in paragraphs if p]
    if not headline:
        return None, [Problem(where, "no headline", severity="error")]
    if not paragraphs:
        problems.append(Problem(where, "headline only: the article has no body"))
    caption = credit = None
    if paragraphs:
        match = CAPTION_CREDIT.match(paragraphs[0])
        if match and match["caption"]:
            caption, credit = match["caption"], match["credit"].strip()
            paragraphs = paragraphs[1:]
    return Seed(path=path, name=path.stem, title=headline, paragraphs=paragraphs,
                caption=caption, credit=credit), problems


FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)??(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


def parse_markdown(path: Path, text: str) -> tuple[Seed | None, list[Problem]]:
    """A Markdown seed: front matter is the curator's metadata, the body their Markdown.
    Extraction reads the body's rendered plain text (`paragraphs`); the page shows the
    Markdown itself (`body`)."""
    where = str(path)
    match = FRONT_MATTER.match(text)
    problems: list[Problem] = []
    meta: Any = {}
    if match:
        doc = yamlfile.loads(match["yaml"] or "", where, what="the article is skipped",
                             line_offset=1)
        if not doc.ok:
            return None, [Problem(p.path, p.message.replace("malformed YAML",
                                                            "malformed front matter"),
                                  line=p.line, column=p.column, severity=p.severity)
                          for p in doc.problems]
        meta = doc if doc.data is not None else {}
        body = text[match.end():]
    else:
        body = text
    body = body.strip("\n")
    data = meta.data if isinstance(meta, yamlfile.Document) else meta
    title = data.get("title") if isinstance(data, dict) else None
    title = str(title).strip() if isinstance(title, (str, int, float)) else ""
    if not title:
        first, _, rest = body.partition("\n")
        if first.startswith("# "):
            title, body = plaintext.inline(first[2:].strip()), rest.strip("\n")
    if not title:
        return None, [Problem(where, "no title: give `title:` in the front matter or start the "
                              "body with a `# Heading`", severity="error")]
    seed = Seed(path=path, name=path.stem, title=title, paragraphs=plaintext.paragraphs(body),
                markdown=True, meta=meta, body=body)
    return seed, problems


def validate_meta(meta: Any, where: str, kind: str = "sidecar"
                  ) -> tuple[dict[str, Any], list[Problem], dict[str, tuple[int, int]]]:
    """The keys a curator may set, with the types they must have (digest/inputs/schema.py);
    every other value is reported at its line and left out. Returns the clean metadata,
    the problems and where each value is."""
    if not isinstance(meta, yamlfile.Document):  # already plain data (tests, `digest import`)
        doc = yamlfile.Document(where, data=meta or None)
    else:
        doc = meta
    checked = schema.validate(doc, kind)
    # Problems of loading were reported when the file was read.
    problems = [p for p in checked.problems if p not in doc.problems]
    clean = checked.data
    for key in LIST_KEYS + tuple(f"add_{k}" for k in NAME_KEYS):
        if key in clean:
            clean[key] = [v for v in clean[key] if v]
    return clean, problems, checked.places
