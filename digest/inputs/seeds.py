"""Read seeds: plain-text articles with an optional YAML sidecar, or Markdown with front
matter. I/O lives here and nowhere else upstream of the writers; a bad file becomes a
Problem naming it, and reading goes on with the next one."""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from digest.inputs import files as safe_files
from digest.model import Problem, Seed

SEED_SUFFIXES = (".txt", ".md")
# libyaml's parser when PyYAML has it: the same safe loading, a few times faster (thousands of
# sidecars are read on a cold start).
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SIDECAR_SUFFIXES = (".yml", ".yaml")
LIST_KEYS = ("people", "organizations", "places", "topics", "exclude", "keyphrases")
TEXT_KEYS = ("title", "slug", "source", "url", "author", "summary", "credit", "caption")
KNOWN_KEYS = set(LIST_KEYS) | set(TEXT_KEYS) | {"date", "draft", "quotes", "roles"}
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


def file_stamp(path: Path) -> tuple:
    """What tells that a seed (or its sidecar) may have changed, without reading it."""
    stamps = []
    base = os.path.splitext(os.fspath(path))[0]
    for candidate in (os.fspath(path), *(base + s for s in SIDECAR_SUFFIXES)):
        try:
            stat = os.stat(candidate)
            stamps.append((stat.st_mtime_ns, stat.st_size, stat.st_ino))
        except OSError:
            stamps.append(None)
    return tuple(stamps)


def read_seeds(paths: list[Path], memo: dict | None = None, root: Path | None = None
               ) -> ReadResult:
    """Read every seed under `paths`; report sidecars that have no seed. With `memo` (kept
    by `mkdocs serve` between builds), a seed whose files did not change is not read again.
    Links are followed only to inside `root` (the project) or the resolved `paths`."""
    result = ReadResult()
    roots = safe_files.allowed_roots(paths, root)
    files, sidecars, result.problems = safe_files.scan(paths, roots)
    for path in files:
        stamp = file_stamp(path) if memo is not None else None
        if memo is not None and path in memo and memo[path][0] == stamp:
            seed, problems = memo[path][1], memo[path][2]
        else:
            seed, problems = read_seed(path, roots)
            if memo is not None:
                memo[path] = (stamp, seed, problems)
        result.problems += problems
        if seed is not None:
            result.seeds.append(seed)
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
    seed.meta, more = validate_meta(seed.meta, meta_file)
    problems += more
    if seed.markdown:  # front matter as validated: a `caption: [a, b]` is reported, not used
        seed.caption, seed.credit = seed.meta.get("caption"), seed.meta.get("credit")
    if seed.meta.get("title"):
        seed.title = seed.meta["title"]
    seed.fingerprint = digest.hexdigest()
    return seed, problems


def read_sidecar(path: Path, roots: list[Path] | None = None
                 ) -> tuple[dict[str, Any], list[Problem], bytes, str | None]:
    """The seed's NAME.yml: (metadata, problems, raw bytes, sidecar path or None)."""
    for suffix in SIDECAR_SUFFIXES:
        sidecar = path.with_suffix(suffix)
        if os.path.lexists(sidecar):
            break
    else:
        return {}, [], b"", None
    where = str(sidecar)
    roots = roots if roots is not None else safe_files.allowed_roots([path])
    raw, unread = safe_files.read_bounded(sidecar, roots, safe_files.SIDECAR_LIMIT)
    if raw is None:
        return {}, unread, b"", where
    text, problems = decode(raw, where)
    if text is None:
        return {}, [Problem(where, "empty sidecar: ignored")], raw, where
    try:
        data = yaml.load(text, Loader=SAFE_LOADER)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark else None
        return {}, problems + [Problem(where, f"malformed YAML, metadata ignored: "
                                       f"{getattr(err, 'problem', err)}", line=line,
                                       severity="error")], raw, where
    if data is None:
        return {}, problems, raw, where
    if not isinstance(data, dict):
        return {}, problems + [Problem(where, "metadata must be a mapping of keys to values",
                                       severity="error")], raw, where
    return data, problems, raw, where


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


def parse_markdown(path: Path, text: str) -> tuple[Seed | None, list[Problem]]:
    """A Markdown seed: front matter is the curator's metadata, the body their Markdown."""
    where = str(path)
    try:
        post = frontmatter.loads(text)
    except Exception as err:  # python-frontmatter raises the YAML library's errors
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 2 if mark else None
        return None, [Problem(where, f"malformed front matter: {getattr(err, 'problem', err)}",
                              line=line, severity="error")]
    meta = dict(post.metadata)
    body = post.content.strip("\n")
    title = str(meta.get("title") or "").strip()
    if not title:
        first, _, rest = body.partition("\n")
        if first.startswith("# "):
            title, body = first[2:].strip(), rest.strip("\n")
    if not title:
        return None, [Problem(where, "no title: give `title:` in the front matter or start the "
                              "body with a `# Heading`", severity="error")]
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()]
    seed = Seed(path=path, name=path.stem, title=title, paragraphs=paragraphs, markdown=True,
                meta=meta, caption=meta.get("caption"), credit=meta.get("credit"))
    return seed, []


def validate_meta(meta: dict[str, Any], where: str) -> tuple[dict[str, Any], list[Problem]]:
    """Keep the keys a curator may set, with the types they must have; warn about the rest."""
    problems = []
    clean: dict[str, Any] = {}
    unknown = sorted(str(k) for k in meta if k not in KNOWN_KEYS)
    if unknown:
        problems.append(Problem(where, f"unknown metadata keys ignored: {', '.join(unknown)}"))
    for key, value in meta.items():
        if key not in KNOWN_KEYS or value is None:
            continue
        if key in LIST_KEYS:
            if isinstance(value, str) or not isinstance(value, list) or not all(
                    isinstance(v, str) for v in value):
                problems.append(Problem(where, f"`{key}` must be a list of names, "
                                        f"got {type(value).__name__}: ignored"))
                continue
            clean[key] = [v.strip() for v in value if v.strip()]
        elif key == "date":
            if isinstance(value, dt.datetime):
                value = value.date()
            if isinstance(value, str):
                try:
                    value = dt.date.fromisoformat(value.strip())
                except ValueError:
                    problems.append(Problem(where, f"`date` must be YYYY-MM-DD, got {value!r}: "
                                            "ignored"))
                    continue
            if not isinstance(value, dt.date):
                problems.append(Problem(where, f"`date` must be YYYY-MM-DD, got {value!r}: "
                                        "ignored"))
                continue
            clean[key] = value
        elif key == "draft":
            if not isinstance(value, bool):
                problems.append(Problem(where, "`draft` must be true or false: ignored"))
                continue
            clean[key] = value
        elif key in TEXT_KEYS:
            if not isinstance(value, (str, int, float)):
                problems.append(Problem(where, f"`{key}` must be text: ignored"))
                continue
            clean[key] = str(value).strip()
        else:  # quotes, roles: checked by the stage that applies them
            clean[key] = value
    return clean, problems
