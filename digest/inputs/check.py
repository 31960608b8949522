"""`digest check`: every seed, sidecar and curator file validated, nothing built or extracted,
so curators can run it in their own CI."""
from __future__ import annotations

from pathlib import Path

import yaml

from digest.inputs.settings import Settings
from digest.model import Problem
from digest.inputs.files import curator_problems
from digest.inputs.seeds import read_seeds

CURATOR_FILES = ("aliases.yml", "topics.yml", "editions.yml")


def check_yaml(path: Path) -> list[Problem]:
    """A curator file must be a YAML mapping; say where it is not."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return [Problem(str(path), "not UTF-8 text", severity="error")]
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        return [Problem(str(path), f"malformed YAML: {getattr(err, 'problem', err)}",
                        line=mark.line + 1 if mark else None, severity="error")]
    if data is not None and not isinstance(data, dict):
        return [Problem(str(path), "must be a mapping of keys to values", severity="error")]
    return []


def check_project(settings: Settings) -> list[Problem]:
    problems: list[Problem] = []
    if not settings.seeds.is_dir():
        problems.append(Problem(str(settings.seeds), "seeds folder not found", severity="error"))
    else:
        problems += read_seeds([settings.seeds], root=settings.root).problems
    problems += curator_problems(settings.curation, settings.root)
    for name in CURATOR_FILES:
        path = settings.curator_file(name)
        if path is None:
            continue
        found = check_yaml(path)
        problems += found
        if found:
            continue
        try:  # the loaders' own checks: unknown keys, wrong types
            problems += load_curator_file(name, path)
        except Exception as err:  # a loader's failure is the curator's problem to see
            problems.append(Problem(str(path), f"cannot use this file: {err}", severity="error"))
    return problems


def load_curator_file(name: str, path: Path) -> list[Problem]:
    from digest.extract import entities, topics

    if name == "aliases.yml":
        return [Problem(str(path), message) for message in entities.load_aliases(path).problems]
    elif name == "topics.yml":
        return [Problem(str(path), message) for message in topics.load_taxonomy(path).problems]
    elif name == "editions.yml":
        from digest.corpus.editions import load_editions

        return load_editions(path)[1]
    return []
