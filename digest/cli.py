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


def project_settings(root: Path | None, config_file: Path | None, strict: bool = False):
    """The settings in the project's mkdocs.yml (the digest plugin's options), loaded and
    validated by MkDocs itself; a bad setting ends the command with MkDocs' message."""
    from digest.inputs.settings import legacy_config
    from digest.plugin.config import ConfigError, project_settings as load

    path = config_file or (root or Path(".")) / "mkdocs.yml"
    problems: list[Problem] = []
    try:
        settings = load(path, problems, strict=strict or None)
    except ConfigError as error:
        click.echo(f"Error: {error}", err=True)
        raise SystemExit(1) from None
    leftover = legacy_config(settings.root)
    if leftover is not None:
        problems.append(leftover)
    if not settings.site_url:
        problems.append(Problem(str(path), "site_url is not set: the feeds can only link to "
                                "articles with relative addresses, which feed readers resolve "
                                "wrongly. Set site_url to the address the site is published at."))
    return settings, problems


CONFIG_FILE = click.option(
    "-f", "--config-file", type=click.Path(dir_okay=False, path_type=Path), default=None,
    help="Provide a specific MkDocs config (default: mkdocs.yml in the --root folder).")
ROOT = click.option(
    "--root", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="The project folder, where mkdocs.yml is (default: the current folder).")


@main.command()
@CONFIG_FILE
@ROOT
@click.option("--strict", is_flag=True, help="Exit non-zero when there is any problem.")
@click.option("--drafts", is_flag=True, help="Include draft articles (as `mkdocs serve` does).")
def build(config_file: Path | None, root: Path | None, strict: bool, drafts: bool) -> None:
    """Turn seeds into Markdown pages under docs_dir (MkDocs then renders them)."""
    from digest.build import build as run_build

    settings, problems = project_settings(root, config_file, strict)
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
@CONFIG_FILE
@ROOT
def check(config_file: Path | None, root: Path | None) -> None:
    """Validate every seed, sidecar and curator file without building. Exits 1 on errors."""
    from digest.inputs.check import check_project

    settings, problems = project_settings(root, config_file)
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
