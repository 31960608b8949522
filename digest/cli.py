"""The `digest` command: build the docs, extract metadata as JSON lines, check inputs."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from digest.model import Problem


def report(problems: list[Problem]) -> None:
    for problem in problems:
        click.echo(f"{problem.severity.upper()}: {problem}", err=True)


class StopsCleanly(click.Group):
    """A build that must stop (digest/output.py: BuildStopped) says why, without a traceback."""

    def invoke(self, ctx):
        from digest.output import BuildStopped

        try:
            return super().invoke(ctx)
        except BuildStopped as stop:
            report(stop.problems)
            click.echo("digest: stopped, nothing written", err=True)
            raise SystemExit(1) from None


@click.group(cls=StopsCleanly)
@click.version_option(package_name="digest")
def main() -> None:
    """digest: seeds/ to a searchable news-digest site built with MkDocs."""


def project_settings(root: Path):
    import os

    from digest.inputs.settings import load_settings, mkdocs_site_url

    problems: list[Problem] = []
    site_url = os.environ.get("DIGEST_SITE_URL") or mkdocs_site_url(root)
    return load_settings(root, site_url=site_url, problems=problems), problems


@main.command()
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="The project folder (where mkdocs.yml and seeds/ are).")
@click.option("--strict", is_flag=True, help="Exit non-zero when there is any problem.")
@click.option("--drafts", is_flag=True, help="Include draft articles (as `mkdocs serve` does).")
def build(root: Path, strict: bool, drafts: bool) -> None:
    """Turn seeds into Markdown pages under docs/ (MkDocs then renders them)."""
    from digest.build import build as run_build

    settings, problems = project_settings(root)
    settings.include_drafts = drafts
    result = run_build(settings, progress=sys.stderr.isatty())
    problems += result.problems
    report(problems)
    sync = result.report
    click.echo(f"digest: {len(result.corpus.articles)} articles; {len(sync.written)} pages "
               f"written, {len(sync.removed)} removed, {sync.unchanged} unchanged", err=True)
    if problems and strict:
        raise SystemExit(1)


@main.command()
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="The project folder (where mkdocs.yml and seeds/ are).")
def check(root: Path) -> None:
    """Validate every seed, sidecar and curator file without building. Exits 1 on errors."""
    from digest.inputs.check import check_project

    settings, problems = project_settings(root)
    problems += check_project(settings)
    report(problems)
    errors = sum(p.severity == "error" for p in problems)
    click.echo(f"digest check: {errors} errors, {len(problems) - errors} warnings", err=True)
    if errors:
        raise SystemExit(1)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
@click.option("--curation", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder of curator files (aliases.yml, topics.yml); default: ./curation.")
def extract(paths: tuple[Path, ...], fmt: str, curation: Path | None) -> None:
    """Print one JSON object per seed found under PATHS (files or folders)."""
    from digest.corpus.curate import build_article
    from digest.extract import load_context
    from digest.extract.parallel import extract_all
    from digest.inputs.seeds import read_seeds

    curation = curation or Path("curation")
    context = load_context(curation / "aliases.yml", curation / "topics.yml")
    result = read_seeds(list(paths))
    report(result.problems)
    problems: list[Problem] = []
    for seed, extraction in extract_all(result.seeds, context, progress=sys.stderr.isatty()):
        # The curator's corrections apply here too; names stay as this article writes them.
        article = build_article(seed, extraction, None, problems)
        row = {
            "path": str(seed.path),
            "title": article.title,
            "date": article.date.isoformat() if article.date else None,
            "date_source": article.date_source,
            "people": article.people,
            "organizations": article.organizations,
            "places": article.places,
            "roles": article.roles,
            "topics": article.topics,
            "keyphrases": article.keyphrases,
            "quotes": [{"text": q.text, "speaker": q.speaker} for q in article.quotes],
            "dates": [{"text": d.text, "date": d.value, "precision": d.precision}
                      for d in article.dates],
        }
        click.echo(json.dumps(row, ensure_ascii=False))
    report(problems)


if __name__ == "__main__":
    main()
