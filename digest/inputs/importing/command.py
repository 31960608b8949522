"""The `digest import` command's body, so that `digest/cli.py` keeps one small function:
where seeds go and the cache is (from `digest.yml`), the lines on stderr, the JSON rows on
stdout, and the exit status (1 when anything failed)."""
from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from digest.inputs.importing.run import ImportOptions, run_import


def project_folders(root: Path) -> tuple[Path, Path]:
    """(seeds folder, cache folder) of the project in `root`, from its settings; the
    defaults (`seeds/`, `.digest-cache/`) where there is no project yet: an import may be
    the first thing a new digest does."""
    root = root.resolve()
    if not any((root / name).is_file() for name in ("mkdocs.yml", "digest.yml")):
        return root / "seeds", root / ".digest-cache"
    from digest.inputs.settings import load_settings

    try:
        settings = load_settings(root)
    except Exception as err:  # the settings reader's own error: its message says what
        if not (root / "mkdocs.yml").is_file():
            return root / "seeds", root / ".digest-cache"
        raise click.ClickException(f"cannot read the project's settings: {err}") from None
    return settings.seeds, settings.cache or root / ".digest-cache"


def import_command(sources: tuple[str, ...], root: Path, into: Path | None, update: bool,
                   since: dt.datetime | None, limit: int | None, dry_run: bool, fmt: str,
                   allow_local: bool, timeout: float) -> int:
    seeds, cache = project_folders(root)
    folder = into if into is not None else seeds
    index = [folder]
    if folder.resolve() != seeds.resolve():
        index.append(seeds)  # a re-import into another folder is a re-import too
    options = ImportOptions(
        sources=list(sources), into=folder, cache=cache, index_folders=index,
        update=update, since=since.date() if since else None, limit=limit, dry_run=dry_run,
        allow_local=allow_local, timeout=timeout,
        progress=sys.stderr.isatty())

    def say(line: str) -> None:
        click.echo(line, err=True)

    def emit(row: dict) -> None:
        click.echo(json.dumps(row, ensure_ascii=False))

    report = run_import(options, say=say, emit=emit if fmt == "jsonl" else None)
    say(report.summary(dry_run))
    return 1 if report.failed else 0
