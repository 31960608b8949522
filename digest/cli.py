"""The `digest` command: build the docs, extract metadata as JSON lines, check inputs."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .model import Problem


def report(problems: list[Problem]) -> None:
    for problem in problems:
        click.echo(f"{problem.severity.upper()}: {problem}", err=True)


@click.group()
@click.version_option(package_name="digest")
def main() -> None:
    """digest: seeds/ to a searchable news-digest site built with MkDocs."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
@click.option("--curation", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder of curator files (aliases.yml, topics.yml); default: ./curation.")
def extract(paths: tuple[Path, ...], fmt: str, curation: Path | None) -> None:
    """Print one JSON object per seed found under PATHS (files or folders)."""
    from .extract import load_context
    from .pipeline import extract_all
    from .readers import read_seeds

    curation = curation or Path("curation")
    context = load_context(curation / "aliases.yml", curation / "topics.yml")
    result = read_seeds(list(paths))
    report(result.problems)
    for seed, extraction in extract_all(result.seeds, context, progress=sys.stderr.isatty()):
        row = {
            "path": str(seed.path),
            "title": seed.title,
            "date": extraction.published.isoformat() if extraction.published else None,
            "date_source": extraction.date_source,
            "people": extraction.people,
            "organizations": extraction.organizations,
            "places": extraction.places,
            "roles": extraction.roles,
            "topics": extraction.topics,
            "keyphrases": extraction.keyphrases,
            "quotes": [{"text": q.text, "speaker": q.speaker} for q in extraction.quotes],
            "dates": [{"text": d.text, "date": d.value, "precision": d.precision}
                      for d in extraction.dates],
        }
        click.echo(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
