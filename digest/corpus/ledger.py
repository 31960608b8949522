"""Published links keep working. `published-urls.json` (beside mkdocs.yml; commit it) records
every slug each article has been published under. When a corrected headline or a new `slug:`
moves an article, its old address gets a redirect page to the new one."""
from __future__ import annotations

import html
import json
from pathlib import Path

from digest.incremental.memo import LEDGER as MEMO_KEY, Ledger, Memo
from digest.model import Article, Problem
from digest.output import write_if_changed

LEDGER = "published-urls.json"


def load_ledger(path: Path, problems: list[Problem], memo: Memo[str, Ledger] | None = None
                ) -> dict[str, list[str]]:
    """The ledger on disk. With `memo` (kept by `mkdocs serve`), read again only when the
    file changed."""
    try:
        stat = path.stat()
    except OSError:
        return {}
    stamp = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
    read = memo.get(MEMO_KEY, stamp) if memo is not None else None
    if read is None:
        found: list[Problem] = []
        read = Ledger(_read_ledger(path, found), found)
        if memo is not None:
            memo.put(MEMO_KEY, read, stamp)
    problems += read.problems
    return read.slugs


def _read_ledger(path: Path, problems: list[Problem]) -> dict[str, list[str]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        problems.append(Problem(str(path), f"unreadable, old addresses get no redirects: {err}",
                                severity="error"))
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): [str(s) for s in v] for k, v in data.items() if isinstance(v, list)}


def update_ledger(ledger: dict[str, list[str]], articles: list[Article]) -> dict[str, list[str]]:
    """The ledger after this build: every current article with its slugs, newest last.
    Articles whose seed is gone leave it (their pages go too)."""
    updated = {}
    for article in sorted(articles, key=lambda a: a.name):
        slugs = [s for s in ledger.get(article.name, []) if s != article.slug]
        updated[article.name] = slugs + [article.slug]
    return updated


def redirects(ledger: dict[str, list[str]], articles: list[Article]) -> dict[str, str]:
    """Old slug -> current slug, for old slugs that no current article uses."""
    current = {a.name: a.slug for a in articles}
    taken = set(current.values())
    moved = {}
    for name, slugs in sorted(ledger.items()):
        for old in slugs[:-1]:
            if old not in taken and name in current:
                moved.setdefault(old, current[name])
    return moved


def redirect_page(target: str, title: str) -> str:
    """A standalone HTML page that sends the reader (and search engines) to `target`."""
    href = html.escape(target, quote=True)
    return (f'<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f"<title>Moved: {html.escape(title)}</title>\n"
            f'<meta http-equiv="refresh" content="0; url={href}">\n'
            f'<link rel="canonical" href="{href}">\n<meta name="robots" content="noindex">\n'
            f'</head>\n<body>\n<p>This article has moved: <a href="{href}">'
            f"{html.escape(title)}</a>.</p>\n</body>\n</html>\n")


def save_ledger(path: Path, ledger: dict[str, list[str]]) -> bool:
    return write_if_changed(path, json.dumps(ledger, indent=1, ensure_ascii=False,
                                             sort_keys=True) + "\n")
