"""What the site shows of a set of articles, without writing a site: extraction, then the
corpus stage (one kind per name voted across the articles, canonical names, short names
linked, which names get a page). `digest extract` prints it; `benchmarks/reader.py` reads it."""
from __future__ import annotations

import logging

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from digest.corpus.curate import MemoCanon, Options, build_article
from digest.corpus.entries import Corpus, build_corpus
from digest.corpus.names import KINDS, MIN_ARTICLES, Canon, build_canon
from digest.extract.entities import Aliases
from digest.model import Article, Extraction, Problem, Quote, Seed


@dataclass
class View:
    """The articles as the site has them, the corpus stage's decisions, and what went wrong."""

    articles: list[Article]
    canon: Canon
    corpus: Corpus
    problems: list[Problem] = field(default_factory=list)
    # id(article) -> its names as the article writes them (kinds voted, short names linked)
    written: dict[int, dict[str, list[str]]] = field(default_factory=dict)

    def names(self, article: Article) -> dict[str, list[str]]:
        """One article's people, organizations and places, in the fullest form the article
        itself uses, under the kind the corpus voted (its metadata, as `digest extract`
        prints it); pages carry the corpus-wide names."""
        return self.written.get(id(article)) or {k: getattr(article, k) for k in KINDS}

    def pages(self, article: Article) -> dict[str, list[str]]:
        """The names of one article that get a page on the site."""
        return {kind: [n for n in getattr(article, kind) if n in self.corpus.entries[kind]]
                for kind in KINDS}


def site_view(paths: list[Path], curation: Path | None = None, min_articles: int | None = None,
              progress: bool = False, cache_dir: Path | None = None) -> View:
    """Read the seeds under `paths`, extract them (cached in `cache_dir` when given) and run
    the corpus stage over them, as a build does."""
    from digest.extract import load_context
    from digest.extract.parallel import extract_all
    from digest.incremental.extractions import ExtractionCache
    from digest.inputs.seeds import read_seeds
    from digest.inputs.settings import Settings

    if min_articles is None:
        min_articles = _project_min_articles()
    curation = curation if curation is not None else Path("curation")
    context = load_context(curation / "aliases.yml", curation / "topics.yml")
    read = read_seeds(list(paths))
    logging.getLogger("digest").debug("%d seeds found under %s", len(read.seeds),
                                      ", ".join(map(str, paths)))
    problems = list(read.problems)
    cache = ExtractionCache(cache_dir, "") if cache_dir is not None else None
    extracted = list(extract_all(read.seeds, context, progress=progress, cache=cache))
    view = view_of(extracted, context.aliases,
                   min_articles if min_articles is not None else Settings.entity_min_articles,
                   Options(context.taxonomy))
    view.problems[:0] = problems
    return view


def view_of(extracted: list[tuple[Seed, Extraction]], aliases: Aliases,
            min_articles: int = MIN_ARTICLES, options: Options | None = None) -> View:
    """The corpus stage over extractions already made, as `digest.build` runs it."""
    problems: list[Problem] = []
    canon = build_canon([e for _, e in extracted], aliases, min_articles)
    names = MemoCanon(canon)
    articles, written = [], {}
    for seed, extraction in extracted:
        regrouped = canon.regroup(extraction)
        article = build_article(seed, regrouped, names, problems, options)
        as_written = build_article(seed, regrouped, None, [], options)
        written[id(article)] = {k: getattr(as_written, k) for k in KINDS}
        articles.append(article)
    return View(articles=articles, canon=canon, corpus=build_corpus(articles, canon),
                problems=problems, written=written)


def _project_min_articles() -> int | None:
    """`entity_min_articles` of the digest plugin in ./mkdocs.yml, when there is one."""
    from digest.inputs.settings import load_settings

    if not Path("mkdocs.yml").is_file():
        return None
    try:
        return load_settings(Path(".")).entity_min_articles
    except Exception:  # a project whose mkdocs.yml does not load: the default
        return None


def quote_row(quote: Quote) -> dict:
    """A quote as `digest extract` prints it: all that a page uses of it, so a curator can
    see why a quote shows as a sentence (`fragment`) or has no link (`named`)."""
    return {"text": quote.text, "speaker": quote.speaker, "fragment": quote.fragment,
            "sentence": quote.sentence, "named": quote.named}


def rows(view: View) -> Iterator[dict]:
    """One JSON-ready row per article, in the order the seeds were read: its metadata as
    the site has it, and `pages`, the names that get a page (what score.py reads)."""
    for article in view.articles:
        names = view.names(article)
        yield {
            "path": str(article.seed.path),
            "title": article.title,
            "date": article.date.isoformat() if article.date else None,
            "date_source": article.date_source,
            "people": names["people"],
            "organizations": names["organizations"],
            "places": names["places"],
            "pages": view.pages(article),
            "roles": article.roles,
            "topics": article.topics,
            "keyphrases": article.keyphrases,
            "quotes": [quote_row(q) for q in article.quotes],
            "dates": [{"text": d.text, "date": d.value, "precision": d.precision}
                      for d in article.dates],
        }
