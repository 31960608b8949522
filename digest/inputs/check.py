"""Checking a project's inputs: the one place that says which problems digest finds in a
curator's files, used by `digest check`, by `digest build` and by the MkDocs plugin alike.

`curator_problems` validates the curator files against their schemas (digest/inputs/schema.py)
and every seed's topic labels; `check_project` runs every stage of the build that can find a
problem in the inputs without running spaCy (reading, duplicates, curator files, the text
checks extraction makes, slugs, editions, drafts, the ledger), so that
`digest check --strict` fails exactly when `mkdocs build --strict` would stop on one of
digest's own warnings. Output formats: text, JSON and GitHub annotations."""
from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import TYPE_CHECKING

from digest.inputs import schema, yamlfile
from digest.inputs.settings import Settings
from digest.model import Problem, Seed
from digest.inputs.files import curator_problems as unusable_curator_files
from digest.inputs.seeds import read_seeds
from digest.text import fold

if TYPE_CHECKING:
    from digest.extract import Context

CURATOR_FILES = ("aliases.yml", "topics.yml", "editions.yml")
COMMA_HINT = 'a label with commas is quoted: topics: ["economy, business and finance"]'


def aliases_problems(path: Path | None, semantic: list[str]) -> list[Problem]:
    """aliases.yml against its schema (both shapes of `canonical:`); the entity loader's
    own notes (a variant under two names) when the file is otherwise sound."""
    if path is None:
        return []
    found = schema.validate(yamlfile.load(path, what="aliases ignored"), "aliases").problems
    if found:
        return found
    prefix = f"{path}: "
    return [Problem(str(path), m[len(prefix):] if m.startswith(prefix) else m)
            for m in semantic]


def safe_curator_file(path: Path | None) -> Path | None:
    """The path, or None when the loader refuses the file (too large, an alias bomb, not
    YAML): then nothing downstream reads it, and `aliases_problems` says why."""
    if path is None or not path.is_file():
        return None
    return path if yamlfile.load(path).ok else None


def topic_label_problems(seeds: list[Seed], taxonomy) -> list[Problem]:
    """A topic a curator gives (`topics:`, `add_topics:`) that is neither IPTC nor one of
    theirs: a warning with the closest labels; a list that splits an IPTC label at its comma
    is named as such."""
    from digest.extract.topics import LABELS, iptc_label

    curator = [t.label for t in taxonomy.curator] if taxonomy is not None else []
    known = LABELS + curator
    folded = {fold(k): k for k in known}
    problems: list[Problem] = []
    for seed in seeds:
        for key in ("topics", "add_topics"):
            labels = seed.meta.get(key) or []
            covered = 0  # items already named as part of a split label
            for i, label in enumerate(labels):
                if i < covered or iptc_label(label) or fold(label) in folded:
                    continue
                end = next((j for j in range(len(labels), i + 1, -1)
                            if ", ".join(labels[i:j]).casefold() in LABELS), None)
                if end is not None:
                    joined = ", ".join(labels[i:end]).casefold()
                    covered = end
                    parts = ", ".join(labels[i:end])
                    message = (f"`{key}`: [{parts}] is one IPTC topic split at its comma"
                               f"{'s' if end - i > 2 else ''} into {end - i} unknown topics; "
                               f"write {key}: [\"{joined}\"]")
                else:
                    close = difflib.get_close_matches(fold(label), list(folded), n=3,
                                                      cutoff=0.0)
                    hint = ", ".join(repr(folded[c]) for c in close)
                    message = (f"`{key}`: {label!r} is neither an IPTC topic nor a curator "
                               f"topic (curation/topics.yml); closest: {hint}; {COMMA_HINT}")
                problems.append(Problem(seed.meta_file or str(seed.path), message,
                                        **seed.place(f"{key}.{i}")))
    return problems


def curator_problems(settings: Settings, context: "Context", seeds: list[Seed]) -> list[Problem]:
    """Every problem in the curator files and in the seeds' topic labels (the editions file
    is checked where it is loaded, `editions.load_editions`)."""
    problems = list(context.taxonomy.issues)
    problems += aliases_problems(settings.curator_file("aliases.yml"), context.aliases.problems)
    problems += topic_label_problems(seeds, context.taxonomy)
    return problems


def check_project(settings: Settings) -> list[Problem]:
    """The build's input stages without spaCy or pages, each reporting as in the build."""
    from digest.build import drop_duplicates
    from digest.corpus.curate import Options, assign_slugs, build_article
    from digest.corpus.editions import curated_editions, load_editions
    from digest.corpus.ledger import LEDGER, load_ledger
    from digest.extract import NOT_ENGLISH, _prepare, dates, load_context
    from digest.model import Extraction

    problems: list[Problem] = []
    if not settings.seeds.is_dir():
        problems.append(Problem(str(settings.seeds), "seeds folder not found: the digest is "
                                "empty", severity="error"))
        seeds: list[Seed] = []
    else:
        read = read_seeds([settings.seeds], root=settings.root)
        problems += read.problems
        seeds = drop_duplicates(read.seeds, problems)
    problems += unusable_curator_files(settings.curation, settings.root)  # links out, FIFOs
    context = load_context(settings.curator_file("aliases.yml"),
                           settings.curator_file("topics.yml"))
    problems += curator_problems(settings, context, seeds)
    options = Options(context.taxonomy, settings.topics_min_score, settings.topics_min_relative)
    articles = []
    for seed in seeds:
        _, text, english, notes = _prepare(seed, _max_chars())
        if not english:
            notes.append(NOT_ENGLISH)
        problems += [Problem(str(seed.path), note) for note in notes]
        dateline = dates.find_dateline(seed)
        published, source = dates.publication_date(seed, dateline)
        extraction = Extraction(dateline=dateline, published=published, date_source=source)
        articles.append(build_article(seed, extraction, None, problems, options))
    articles = [a for a in articles if settings.include_drafts or not a.draft]
    assign_slugs(articles)
    editions_file = settings.curator_file("editions.yml")
    specs, more = load_editions(editions_file)
    problems += more
    curated_editions(specs, articles, problems, str(editions_file))
    load_ledger(settings.root / LEDGER, problems)
    return problems


def _max_chars() -> int:
    from digest.extract.nlp import MAX_CHARS

    return MAX_CHARS


# ---------------------------------------------------------------- output

def as_json(problems: list[Problem], root: Path | None = None) -> str:
    rows = [{"file": _relative(p.path, root), "line": p.line, "column": p.column,
             "key": p.key, "severity": p.severity, "message": p.message} for p in problems]
    return json.dumps({"problems": rows,
                       "errors": sum(p.severity == "error" for p in problems),
                       "warnings": sum(p.severity != "error" for p in problems)},
                      ensure_ascii=False, indent=2)


def as_github(problems: list[Problem], root: Path | None = None) -> str:
    """GitHub workflow annotations: `::error file=…,line=…,col=…::message`."""
    lines = []
    for p in problems:
        level = "error" if p.severity == "error" else "warning"
        props = [f"file={_escape_property(_relative(p.path, root))}"]
        if p.line:
            props.append(f"line={p.line}")
        if p.column:
            props.append(f"col={p.column}")
        lines.append(f"::{level} {','.join(props)}::{_escape_data(p.message)}")
    return "\n".join(lines)


def _relative(path: str, root: Path | None) -> str:
    if root is None:
        return path
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError):
        return path


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def strict(problems: list[Problem]) -> list[Problem]:
    """Under --strict every warning is an error, as in `mkdocs build --strict`."""
    from dataclasses import replace

    return [replace(p, severity="error") for p in problems]
