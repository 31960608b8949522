"""Published links keep working. `published-urls.json` (beside mkdocs.yml; commit it) records
every slug each article has been published under. When a corrected headline or a new `slug:`
moves an article, its old address gets a redirect page to the new one.

The ledger is a record, not a cache, so it is append-only and never lost:
- an unreadable ledger (a merge conflict, say) stops the build with a message; it is never
  replaced by a fresh one, which would drop every old address;
- an article keeps its entry while it is a draft, or while its seed is away;
- keys are seed paths under the seeds folder without extension (`a/story`, `b/story`), so two
  seeds with one file name keep apart; a key from before (the bare file name) is carried over
  to the seed it named;
- an entry that is not a plain slug (`../../overrides/main`) is reported and ignored: old
  addresses become file names of redirect pages;
- it is written atomically."""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

from digest.incremental.memo import LEDGER as MEMO_KEY, Ledger, Memo
from digest.model import Article, Problem
from digest.output import BuildStopped, write_if_changed

LEDGER = "published-urls.json"
PLAIN_SLUG = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,198}[a-z0-9])?")
_KEY = re.compile(r"[^\x00-\x1f/\\]+(?:/[^\x00-\x1f/\\]+)*")


class LedgerUnreadable(BuildStopped):
    pass


def plain_slug(text: object) -> bool:
    return isinstance(text, str) and PLAIN_SLUG.fullmatch(text) is not None


def load_ledger(path: Path, problems: list[Problem], memo: Memo[str, Ledger] | None = None
                ) -> dict[str, list[str]]:
    """The ledger on disk. With `memo` (kept by `mkdocs serve`), read again only when the
    file changed. Raises LedgerUnreadable when the file is there but cannot be used."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return {}
    except OSError as err:
        raise _unreadable(path, err.strerror or str(err)) from None
    stamp = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
    read = memo.get(MEMO_KEY, stamp) if memo is not None else None
    if read is None:
        found: list[Problem] = []
        read = Ledger(_read_ledger(path, found), found)
        if memo is not None:
            memo.put(MEMO_KEY, read, stamp)
    problems += read.problems
    return read.slugs


def _unreadable(path: Path, why: str, line: int | None = None) -> LedgerUnreadable:
    return LedgerUnreadable([Problem(
        str(path), f"unreadable ({why}): the build stops so that no published address is "
        "lost. If it has merge conflict markers (<<<<<<<, =======, >>>>>>>), keep the entries "
        "of both sides as one JSON object and remove the markers; or restore it with "
        f"`git checkout -- {path.name}`. digest never overwrites an unreadable ledger.",
        line=line, severity="error")])


def _read_ledger(path: Path, problems: list[Problem]) -> dict[str, list[str]]:
    if not path.is_file():
        raise _unreadable(path, "not a regular file")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as err:
        raise _unreadable(path, f"not UTF-8: {err.reason}") from None
    except json.JSONDecodeError as err:
        raise _unreadable(path, f"not valid JSON: {err.msg}", line=err.lineno) from None
    except (OSError, ValueError, RecursionError) as err:
        raise _unreadable(path, str(err)) from None
    if not isinstance(data, dict):
        raise _unreadable(path, "not a JSON object of seed names to lists of addresses")
    ledger: dict[str, list[str]] = {}
    for key, slugs in data.items():
        if not _KEY.fullmatch(key) or ".." in key.split("/"):
            problems.append(Problem(str(path), f"entry {key!r} is not a seed name: ignored"))
            continue
        if not isinstance(slugs, list):
            problems.append(Problem(str(path), f"entry {key!r} must be a list of addresses: "
                                    "ignored"))
            continue
        kept = []
        for slug in slugs:
            if plain_slug(slug):
                if slug not in kept:
                    kept.append(slug)
            else:
                problems.append(Problem(str(path), f"entry {key!r}: address {slug!r} is not a "
                                        "plain slug (lowercase letters, digits, hyphens): "
                                        "ignored", severity="error"))
        ledger[key] = kept
    return ledger


def seed_key(article: Article, seeds: Path | None) -> str:
    """The article's ledger key: its seed's path under the seeds folder, without extension."""
    path = article.seed.path
    if seeds is not None:
        # As `path.with_suffix("").relative_to(seeds)`, in string operations (three calls
        # per article per build: pathlib's were a tenth of a `mkdocs serve` rebuild).
        folder, full = seeds.as_posix(), path.as_posix()
        if folder == ".":
            rest = full if not path.is_absolute() else None
        else:
            rest = full[len(folder) + 1:] if full.startswith(folder + "/") else None
        if rest:
            name, dot = rest.rfind("/") + 1, rest.rfind(".")
            return rest[:dot] if name < dot < len(rest) - 1 else rest  # pathlib's suffix rule
    return article.name


def update_ledger(ledger: dict[str, list[str]], articles: list[Article],
                  seeds: Path | None = None) -> dict[str, list[str]]:
    """The ledger after this build: every entry it had (append-only), and each current
    article's slug last. A key from before seed paths (the file name alone) is carried over
    to the seeds that have that name."""
    updated = {key: list(slugs) for key, slugs in ledger.items()}
    for article in sorted(articles, key=lambda a: seed_key(a, seeds)):
        key = seed_key(article, seeds)
        slugs = updated.get(key)
        if slugs is None:
            slugs = list(ledger.get(article.name, [])) if key != article.name else []
        updated[key] = [s for s in slugs if s != article.slug] + [article.slug]
    return dict(sorted(updated.items()))


def redirects(ledger: dict[str, list[str]], articles: list[Article],
              seeds: Path | None = None) -> dict[str, str]:
    """Old slug -> current slug, for old slugs that no current article uses."""
    current = {seed_key(a, seeds): a.slug for a in articles}
    taken = set(current.values())
    moved = {}
    for name, slugs in sorted(ledger.items()):
        for old in slugs[:-1]:
            if old not in taken and name in current and plain_slug(old):
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
    """Written atomically (a temporary file renamed over it), only when it changed."""
    return write_if_changed(path, json.dumps(ledger, indent=1, ensure_ascii=False,
                                             sort_keys=True) + "\n")
