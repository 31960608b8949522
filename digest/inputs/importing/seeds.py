"""Writing imported seeds: the `.txt` in digest's plain-text format (headline, blank line,
caption ending in [CREDIT] when there is one, paragraphs) and its `.yml` sidecar with the
values a curator would type and an `imported:` record of each as imported. A new seed never
replaces a file (created exclusively, under a free name); `--update` changes only sidecar
values that still equal the recorded ones, that is, that the curator has not edited."""
from __future__ import annotations

import datetime as dt
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from slugify import slugify

from digest.inputs.importing.model import FIELDS, Article, clean_text
from digest.inputs import yamlfile
from digest.inputs.seeds import CAPTION_CREDIT, parse_text
from digest.output import write_atomic

HEADER = ("# Imported by `digest import`. Edit any value: `digest import --update` only\n"
          "# refreshes a value that still equals the one recorded under `imported:`.\n")


def now_utc() -> str:
    """The import's time, ISO 8601 in UTC; SOURCE_DATE_EPOCH fixes it (for reproducible
    runs, as in reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch and \
        epoch.isdigit() else dt.datetime.now(dt.timezone.utc)
    return moment.replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def seed_text(article: Article) -> str:
    """The `.txt`: what `digest.inputs.seeds.parse_text` reads back as the same headline,
    caption, credit and paragraphs."""
    parts = [clean_text(article.title)]
    if article.caption and article.credit:
        parts.append(f"{clean_text(article.caption)} [{article.credit}]")
    parts += [clean_text(p) for p in article.paragraphs if clean_text(p)]
    return "\n\n".join(parts) + "\n"


def round_trip_problem(article: Article, text: str) -> str | None:
    """Why the reader would read this seed differently from what was imported, if it
    would (a first paragraph that ends in brackets reads as a caption)."""
    seed, _ = parse_text(Path("imported.txt"), text)
    if seed is None:
        return "the seed would not read back"
    if not (article.caption and article.credit) and article.paragraphs and \
            CAPTION_CREDIT.match(clean_text(article.paragraphs[0])):
        return ("its first paragraph ends in [brackets] and will read as a photo caption; "
                "edit the seed if it is not one")
    return None


def _yaml_value(value):
    return value.isoformat() if isinstance(value, dt.datetime) else value


class _Dumper(yaml.SafeDumper):
    """Plain YAML a curator can edit: a value written twice (the date, and the date as
    imported) is written twice, not as an anchor and an alias."""

    def ignore_aliases(self, data) -> bool:
        return True


def dump(data: dict) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     width=math.inf, default_flow_style=False)


def sidecar_data(article: Article, origin: str, at: str) -> dict:
    values = article.values()
    data = {key: value for key, value in values.items() if value is not None}
    data["imported"] = {"source": origin, "at": at, "values": values}
    return data


def sidecar_text(article: Article, origin: str, at: str) -> str:
    return HEADER + dump(sidecar_data(article, origin, at))


def seed_stem(article: Article) -> str:
    slug = slugify(article.title, max_length=60, word_boundary=True) or "article"
    return f"{article.date.isoformat()}-{slug}" if article.date else slug


def _taken(folder: Path, stem: str) -> bool:
    return any((folder / f"{stem}{suffix}").exists() or (folder / f"{stem}{suffix}").is_symlink()
               for suffix in (".txt", ".md", ".yml", ".yaml"))


def free_stem(folder: Path, stem: str, reserved: set[str] | None = None) -> str:
    """`stem`, or `stem-2`, `stem-3`...: the first no seed or sidecar uses."""
    reserved = reserved or set()
    candidate, number = stem, 1
    while _taken(folder, candidate) or candidate in reserved:
        number += 1
        candidate = f"{stem}-{number}"
    return candidate


def write_seed(folder: Path, article: Article, origin: str, at: str) -> Path:
    """Create NAME.txt and NAME.yml under `folder`; never replaces an existing file."""
    folder.mkdir(parents=True, exist_ok=True)
    text = seed_text(article)
    side = sidecar_text(article, origin, at)
    for _ in range(100):
        stem = free_stem(folder, seed_stem(article))
        path = folder / f"{stem}.txt"
        try:
            with path.open("x", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        except FileExistsError:  # taken meanwhile by another process: the next name
            continue
        try:
            with (folder / f"{stem}.yml").open("x", encoding="utf-8", newline="\n") as handle:
                handle.write(side)
        except FileExistsError:
            path.unlink()
            continue
        return path
    raise OSError(f"no free file name for {seed_stem(article)} in {folder}")


@dataclass
class UpdatePlan:
    """What `--update` does to one sidecar: `changes` are refreshed (key: new value),
    `kept` are the keys the curator edited, left as they are."""

    changes: dict = field(default_factory=dict)
    kept: list[str] = field(default_factory=list)


def _norm(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    if value is None:
        return None
    text = clean_text(str(value))
    return text or None


def plan_update(current: dict, recorded: dict, new: dict) -> UpdatePlan:
    """For each imported key: the machine's value changed and the curator's still equals
    what was recorded: refresh it; the curator's differs: keep it and say so."""
    plan = UpdatePlan()
    for key in FIELDS:
        old, fresh, mine = _norm(recorded.get(key)), _norm(new.get(key)), _norm(current.get(key))
        if fresh == old or fresh is None:
            continue
        if mine == old:
            plan.changes[key] = new[key]
        elif mine != fresh:
            plan.kept.append(key)
    return plan


TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:")


def _blocks(text: str) -> list[tuple[str | None, str]]:
    """The sidecar as (top-level key or None, its lines): a key's block runs on over
    indented lines and unindented list items."""
    blocks: list[tuple[str | None, str]] = []
    for line in text.splitlines(keepends=True):
        match = TOP_KEY.match(line)
        if match:
            blocks.append((match.group(1), line))
        elif blocks and blocks[-1][0] is not None and (line[:1] in (" ", "\t", "-")):
            blocks[-1] = (blocks[-1][0], blocks[-1][1] + line)
        else:
            blocks.append((None, line))
    return blocks


def updated_sidecar(text: str, plan: UpdatePlan, imported: dict) -> str | None:
    """The sidecar with the planned values and a new `imported:` record, every other line
    (the curator's keys, comments, layout) as it was; None when the file's layout is not
    one this can edit safely."""
    blocks = _blocks(text)
    out: list[str] = []
    pending = dict(plan.changes)
    for key, lines in blocks:
        if key in pending:
            out.append(dump({key: _yaml_value(pending.pop(key))}))
        elif key == "imported":
            continue
        else:
            out.append(lines if lines.endswith("\n") else lines + "\n")
    for key, value in pending.items():  # a key the curator never had (nor removed)
        out.append(dump({key: _yaml_value(value)}))
    out.append(dump({"imported": imported}))
    result = "".join(out)
    # the curator's sidecar may come from anyone: the one safe loader of curator files
    first, second = yamlfile.loads(text, "sidecar"), yamlfile.loads(result, "sidecar")
    if not (first.ok and second.ok):
        return None
    before, after = first.data or {}, second.data or {}
    if not (isinstance(before, dict) and isinstance(after, dict)):
        return None
    expected = {k: v for k, v in before.items() if k != "imported"}
    expected.update(plan.changes)
    expected["imported"] = imported
    if {k: _norm(v) if k != "imported" else v for k, v in after.items()} != \
            {k: _norm(v) if k != "imported" else v for k, v in expected.items()}:
        return None
    return result


def apply_update(sidecar: Path, plan: UpdatePlan, imported: dict) -> bool:
    text = sidecar.read_text(encoding="utf-8")
    result = updated_sidecar(text, plan, imported)
    if result is None:
        return False
    write_atomic(sidecar, result.encode("utf-8"))
    return True
