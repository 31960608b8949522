"""The `news-digest` command (alias `digest`): build the docs, extract metadata as JSON lines,
check inputs."""
from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import click

from digest import __version__
from digest.model import Problem

# -q / -v, as mkdocs has them: the level of what goes to stderr (problems, summaries, logs).
_level = logging.INFO


def report(problems: list[Problem]) -> None:
    for problem in problems:
        if problem.severity == "error" or _level <= logging.WARNING:
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


def note(message: str) -> None:
    """A summary line on stderr, left out with -q."""
    if _level <= logging.INFO:
        click.echo(message, err=True)


class _EchoHandler(logging.Handler):
    """Log records as lines on stderr, through click (so they go wherever click's stderr is)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            click.echo(self.format(record), err=True)
        except Exception:  # a log line must never stop the build
            self.handleError(record)


def set_verbosity(level: int) -> None:
    """Our loggers (and MkDocs', which reading mkdocs.yml uses) print at `level` and above."""
    global _level
    _level = level
    for name in ("digest", "mkdocs"):
        logger = logging.getLogger(name)
        logger.handlers = [h for h in logger.handlers if not isinstance(h, _EchoHandler)]
        handler = _EchoHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(level)
        logger.propagate = False


@click.group(cls=StopsCleanly, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="mkdocs-news-digest",
                      message="%(prog)s, version %(version)s")
@click.option("-q", "--quiet", is_flag=True, help="Errors only: no warnings, no summaries.")
@click.option("-v", "--verbose", is_flag=True, help="Debug messages as well.")
def main(quiet: bool, verbose: bool) -> None:
    """news-digest (alias digest): seeds/ to a searchable news-digest site built with MkDocs.

    Global options go before the command: `news-digest -q build`."""
    if quiet and verbose:
        raise click.UsageError("-q/--quiet and -v/--verbose exclude each other")
    set_verbosity(logging.ERROR if quiet else logging.DEBUG if verbose else logging.INFO)


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
    result = run_build(settings, progress=sys.stderr.isatty() and _level <= logging.INFO)
    problems += result.problems
    report(problems)
    sync = result.report
    note(f"digest: {len(result.corpus.articles)} articles; {len(sync.written)} pages "
         f"written, {len(sync.removed)} removed, {sync.unchanged} unchanged")
    if problems and strict:
        raise SystemExit(1)


@main.command()
@CONFIG_FILE
@ROOT
@click.option("--strict", is_flag=True,
              help="Warnings are errors, as in `mkdocs build --strict`.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text",
              show_default=True, help="json: one object; github: workflow annotations.")
def check(config_file: Path | None, root: Path | None, strict: bool, fmt: str) -> None:
    """Validate every seed, sidecar and curator file without building. Exits 1 on errors
    (with --strict, on any problem)."""
    from digest.inputs.check import as_github, as_json, check_project, strict as promote

    settings, problems = project_settings(root, config_file)
    problems += check_project(settings)
    if strict:
        problems = promote(problems)
    errors = sum(p.severity == "error" for p in problems)
    if fmt == "json":
        click.echo(as_json(problems, root or Path(".")))
    elif fmt == "github":
        if problems:
            click.echo(as_github(problems, root or Path(".")))
    else:
        report(problems)
    note(f"digest check: {errors} errors, {len(problems) - errors} warnings")
    if errors:
        raise SystemExit(1)


@main.command()
@click.argument("seeds", nargs=-1, type=click.Path(path_type=Path))
@CONFIG_FILE
@ROOT
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.option("--suggest", is_flag=True, help="Print a ready-to-paste sidecar per article.")
def review(seeds: tuple[Path, ...], config_file: Path | None, root: Path | None, fmt: str,
           suggest: bool) -> None:
    """Per article: what extraction proposed, what the curator's files changed, and what
    is published. SEEDS: seed files or names (default: every seed)."""
    from digest.review import run_review

    settings, problems = project_settings(root, config_file)
    report(problems)
    raise SystemExit(run_review(settings, list(seeds), fmt, suggest))


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
@click.option("--curation", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder of curator files (aliases.yml, topics.yml); default: ./curation.")
def extract(paths: tuple[Path, ...], fmt: str, curation: Path | None) -> None:
    """Print one JSON object per seed found under PATHS (files or folders), as the site has
    it: the corpus stage runs over them all (kinds voted, names linked), and `pages` lists
    the names that get a page."""
    from digest.corpus.preview import rows, site_view

    progress = sys.stderr.isatty() and _level <= logging.INFO
    view = site_view(list(paths), curation, progress=progress)
    for row in rows(view):
        click.echo(json.dumps(row, ensure_ascii=False))
    problems: list[Problem] = view.problems
    report(problems)


@main.command("import")
@click.argument("sources", nargs=-1, required=True)
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="The project folder (where digest.yml and seeds/ are).")
@click.option("--into", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the new seeds (default: the project's seeds/).")
@click.option("--update", is_flag=True,
              help="Refresh the sidecar values of seeds already imported, unless edited.")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Feeds: only entries published on or after DATE (YYYY-MM-DD).")
@click.option("--limit", type=click.IntRange(min=0), default=None,
              help="Feeds: at most N entries from each feed, the newest.")
@click.option("--dry-run", is_flag=True, help="Extract and report; write nothing.")
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text",
              show_default=True, help="jsonl: one JSON object per article on stdout.")
@click.option("--allow-local", is_flag=True,
              help="Allow file: links and loopback, link-local and private addresses.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=20.0, show_default=True,
              help="Seconds to wait for a server.")
def import_(sources, root, into, update, since, limit, dry_run, fmt, allow_local,
            timeout) -> None:
    """Turn feeds (RSS, Atom), OPML lists, saved pages, folders and http(s) URLs into seeds."""
    from digest.inputs.importing.command import import_command

    raise SystemExit(import_command(sources, root, into, update, since, limit, dry_run, fmt,
                                    allow_local, timeout))


if __name__ == "__main__":
    main()
