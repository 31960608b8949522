"""`digest review [SEED...]`: what the machine proposed, what the curator changed, and what is
published, article by article, so a curator sees at a glance where their files won.

It runs the build's own stages (read, extract through the same cache, corpus-wide names,
curate), writes nothing, and compares the Extraction with the Article. A list field shows
each extracted item kept (`  name`), renamed (`~ Putin -> Vladimir Putin`), dropped
(`- name`, with the reason: the curator's list replaced it, `exclude:`, the aliases file's
`ignore:`, `topics.min_score`) and each item the curator added (`+ name`); a single value
shows the extracted value, the curator's, and the final one. `--format json` gives the same
as data; `--suggest` prints a sidecar with the final values, ready to paste and edit."""
from __future__ import annotations

import datetime as dt
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click
import yaml

from digest.corpus.curate import (NAME_FIELDS, MemoCanon, Options, build_article,
                                  excluded_keys, topic_label)
from digest.extract import topics as topic_mod
from digest.inputs.settings import Settings
from digest.model import Article, Extraction, Seed
from digest.text import fold

SCALARS = ("title", "date", "source", "author", "url", "summary")


@dataclass
class ListChange:
    """One item of a list field: what happened to it between extraction and the page."""

    item: str
    status: str  # "kept", "renamed", "dropped", "added"
    final: str | None = None  # for "renamed"
    why: str = ""  # for "dropped" and "added": the key or file responsible


@dataclass
class FieldReview:
    name: str
    extracted: Any
    curator: dict[str, Any]  # the curator's keys that touch this field, as written
    final: Any
    changes: list[ListChange] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.curator) or self.extracted != self.final


@dataclass
class ArticleReview:
    seed: Seed
    article: Article
    fields: list[FieldReview]

    def to_json(self) -> dict[str, Any]:
        return {"seed": str(self.seed.path), "metadata": self.seed.meta_file or None,
                "slug": self.article.slug,
                "fields": {f.name: {"extracted": _plain(f.extracted), "curator": _plain(f.curator),
                                    "final": _plain(f.final),
                                    "changes": [{"item": c.item, "status": c.status,
                                                 "final": c.final, "why": c.why or None}
                                                for c in f.changes]}
                           for f in self.fields}}


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _name_changes(seed: Seed, extracted: list[str], final: list[str], kind: str, canon
                  ) -> list[ListChange]:
    meta = seed.meta
    changes: list[ListChange] = []
    excluded = excluded_keys(seed, canon)
    shown = set()
    for name in extracted:
        canonical = canon.name(kind, name) if canon is not None else name
        if kind in meta:
            why = f"`{kind}:` replaces the extracted list"
        elif fold(name) in excluded or (canonical and fold(canonical) in excluded):
            why = "`exclude:`"
        elif canonical is None:
            why = "`ignore:` in aliases.yml"
        else:
            why = ""
        if why:
            changes.append(ListChange(name, "dropped", why=why))
        elif canonical != name:
            changes.append(ListChange(name, "renamed", final=canonical))
            shown.add(canonical)
        else:
            changes.append(ListChange(name, "kept"))
            shown.add(name)
    for name in final:
        if name not in shown:
            key = f"add_{kind}" if name in meta.get(f"add_{kind}", []) else kind
            changes.append(ListChange(name, "added", why=f"`{key}:`"))
    return changes


def _topic_changes(seed: Seed, extraction: Extraction, final: list[str], options: Options
                   ) -> list[ListChange]:
    meta = seed.meta
    kept = topic_mod.min_score_filter(extraction.topics, extraction.topic_scores,
                                      options.min_score, options.min_relative)
    excluded = {fold(topic_label(t, options.taxonomy)) for t in meta.get("exclude", [])}
    changes = []
    for label in extraction.topics:
        score = extraction.topic_scores.get(label)
        shown = f"{label} ({score:.3f})" if score is not None else label
        if "topics" in meta:
            why = "`topics:` replaces the extracted list"
        elif label not in kept:
            why = (f"below topics.min_score ({options.min_score}, "
                   f"{options.min_relative} of the top topic)")
        elif fold(label) in excluded:
            why = "`exclude:`"
        else:
            why = ""
        changes.append(ListChange(shown, "dropped" if why else "kept", why=why))
    for label in final:
        if label not in extraction.topics or "topics" in meta:
            key = "add_topics" if any(topic_label(t, options.taxonomy) == label
                                      for t in meta.get("add_topics", [])) else "topics"
            changes.append(ListChange(label, "added", why=f"`{key}:`"))
    return changes


def _keys(meta: dict, keys: tuple[str, ...], changes: list[ListChange]) -> dict[str, Any]:
    """The curator's keys that touched a field (`exclude:` only where it dropped something)."""
    found = {k: meta[k] for k in keys if k in meta}
    if "exclude" in found and not any(c.why == "`exclude:`" for c in changes):
        del found["exclude"]
    return found


def review_article(seed: Seed, extraction: Extraction, canon, options: Options) -> ArticleReview:
    article = build_article(seed, extraction, canon, [], options)
    meta = seed.meta
    from dataclasses import replace

    from digest.extract import dates

    machine_date = dates.publication_date(replace(seed, meta={}), extraction.dateline)[0]
    proposed = {"title": seed.headline or seed.title, "date": machine_date,
                "source": None, "author": None, "url": None, "summary": extraction.summary}
    fields = []
    for name in SCALARS:
        fields.append(FieldReview(name, proposed[name],
                                  {name: meta[name]} if name in meta else {},
                                  getattr(article, name)))
    for kind in NAME_FIELDS:
        final = getattr(article, kind)
        changes = _name_changes(seed, getattr(extraction, kind), final, kind, canon)
        fields.append(FieldReview(kind, getattr(extraction, kind),
                                  _keys(meta, (kind, f"add_{kind}", "exclude"), changes),
                                  final, changes))
    changes = _topic_changes(seed, extraction, article.topics, options)
    fields.append(FieldReview("topics", list(extraction.topics),
                              _keys(meta, ("topics", "add_topics", "exclude"), changes),
                              article.topics, changes))
    extracted_quotes = [{"text": q.text, "speaker": q.speaker} for q in extraction.quotes]
    final_quotes = [{"text": q.text, "speaker": q.speaker} for q in article.quotes]
    fields.append(FieldReview("quotes", extracted_quotes,
                              {"quotes": meta["quotes"]} if "quotes" in meta else {},
                              final_quotes))
    fields.append(FieldReview("roles", dict(extraction.roles),
                              {"roles": meta["roles"]} if "roles" in meta else {},
                              article.roles))
    return ArticleReview(seed, article, fields)


def suggest(review: ArticleReview) -> str:
    """A sidecar holding the final values, for the curator to paste and correct."""
    article = review.article
    data: dict[str, Any] = {"title": article.title}
    if article.date:
        data["date"] = article.date
    for key in ("source", "author", "url"):
        if getattr(article, key):
            data[key] = getattr(article, key)
    for kind in (*NAME_FIELDS, "topics"):
        data[kind] = list(getattr(article, kind))
    if article.quotes:
        data["quotes"] = [{"text": q.text, "speaker": q.speaker} if q.speaker else {"text": q.text}
                          for q in article.quotes]
    target = review.seed.path.with_suffix(".yml")
    header = (f"# {target}: suggested by `digest review --suggest`; the lists replace what "
              "extraction finds.\n" if not review.seed.markdown else
              f"# front matter for {review.seed.path}: suggested by `digest review --suggest`\n")
    return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


# ---------------------------------------------------------------- terminal

def _value(value: Any) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return "(none)"
    if isinstance(value, dt.date):
        return value.isoformat()
    text = value if isinstance(value, str) else json.dumps(_plain(value), ensure_ascii=False)
    return text if len(text) <= 100 else text[:97] + "..."


def render(review: ArticleReview, everything: bool = False) -> str:
    """The review of one article as styled terminal text (click removes the styles when
    the output is not a terminal)."""
    out = [click.style(f"{review.seed.path}", bold=True)
           + (f"  (metadata: {review.seed.meta_file})"
              if review.seed.meta_file and review.seed.meta_file != str(review.seed.path) else "")]
    for f in review.fields:
        if f.changes:
            out.append(click.style(f"  {f.name}:", bold=True)
                       + (click.style(f"  curator: {_value(f.curator)}", fg="cyan")
                          if f.curator else ""))
            for c in f.changes:
                if c.status == "kept":
                    out.append(f"      {c.item}")
                elif c.status == "renamed":
                    out.append(click.style(f"    ~ {c.item} -> {c.final}", fg="yellow"))
                elif c.status == "dropped":
                    out.append(click.style(f"    - {c.item}", fg="red")
                               + click.style(f"   {c.why}", dim=True))
                else:
                    out.append(click.style(f"    + {c.item}", fg="green")
                               + click.style(f"   {c.why}", dim=True))
            if not f.changes:
                out.append("      (none)")
        elif f.changed:
            out.append(click.style(f"  {f.name}:", bold=True))
            source = next(iter(f.curator), None)
            if f.final == f.extracted:
                out.append(f"      {_value(f.final)}"
                           + click.style(f"   `{source}:` says the same", dim=True))
            else:
                out.append(click.style(f"    - {_value(f.extracted)}", fg="red")
                           + click.style("   extracted", dim=True))
                out.append(click.style(f"    + {_value(f.final)}", fg="green")
                           + click.style(f"   `{source}:`" if source else "", dim=True))
        elif everything or f.name in ("title", "date"):
            out.append(click.style(f"  {f.name}:", bold=True) + f" {_value(f.final)}")
    return "\n".join(out)


# ---------------------------------------------------------------- the command

def _selected(seeds: list[Seed], wanted: list[Path]) -> tuple[list[Seed], list[str]]:
    if not wanted:
        return seeds, []
    chosen, missing = [], []
    for want in wanted:
        found = [s for s in seeds if s.path.resolve() == want.resolve()
                 or s.name == want.name or s.name == want.stem and want.suffix in
                 (".txt", ".md", ".yml", ".yaml")]
        if found:
            chosen += [s for s in found if s not in chosen]
        else:
            missing.append(str(want))
    return chosen, missing


def reviews(settings: Settings, wanted: list[Path]) -> tuple[list[ArticleReview], list[str]]:
    """The reviews of the wanted seeds (every seed when none), and the wanted names that
    matched no seed. Extraction goes through the build's cache: a built project reviews
    without running spaCy again."""
    from digest.build import corpus_names, drop_duplicates
    from digest.extract import load_context
    from digest.extract.parallel import extract_all
    from digest.incremental.extractions import ExtractionCache
    from digest.inputs.seeds import read_seeds

    read = read_seeds([settings.seeds]) if settings.seeds.is_dir() else None
    seeds = drop_duplicates(read.seeds, []) if read else []
    context = load_context(settings.curator_file("aliases.yml"),
                           settings.curator_file("topics.yml"))
    cache = ExtractionCache(settings.cache / "extract" if settings.cache else None, "")
    extracted = list(extract_all(seeds, context, progress=sys.stderr.isatty(), cache=cache,
                                 workers=settings.workers, executor=settings.executor,
                                 dask_address=settings.dask_address))
    canon = corpus_names([e for _, e in extracted], context).canon
    names = MemoCanon(canon)
    options = Options(context.taxonomy, settings.topics_min_score, settings.topics_min_relative)
    chosen, missing = _selected([s for s, _ in extracted], wanted)
    by_seed = {id(s): e for s, e in extracted}
    return [review_article(s, by_seed[id(s)], names, options) for s in chosen], missing


def run_review(settings: Settings, wanted: list[Path], fmt: str, suggest_sidecar: bool) -> int:
    found, missing = reviews(settings, wanted)
    for name in missing:
        click.echo(f"digest review: no seed {name}", err=True)
    if suggest_sidecar:
        click.echo("\n".join(suggest(r) for r in found), nl=False)
    elif fmt == "json":
        click.echo(json.dumps([r.to_json() for r in found], ensure_ascii=False, indent=2))
    else:
        click.echo("\n\n".join(render(r) for r in found))
    return 1 if missing else 0
