"""The whole digest build, stage by stage: read seeds -> extract (cached) -> curate into
Articles -> collections -> pages -> write. Used by `digest build` and by the MkDocs plugin."""
from __future__ import annotations

import functools
import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from digest.site import pages as page_mod
from digest.incremental.extractions import ExtractionCache
from digest.corpus.entries import Corpus, build_corpus
from digest.inputs.settings import Settings
from digest.corpus.curate import MemoCanon, assign_slugs, build_article
from digest.corpus.editions import Edition, automatic_editions, curated_editions, lead_edition, load_editions
from digest.extract import Context, load_context
from digest.corpus.names import Canon, build_canon
from digest.model import Article, Extraction, Problem, Seed
from digest.output import SyncReport, sync
from digest.extract.parallel import extract_all
from digest.inputs.seeds import read_seeds
from digest.incremental.cachedir import check_cache
from digest.inputs.files import curator_problems
from digest.incremental.rendercache import RenderCache
from digest.site.timepages import edition_pages, timeline_pages
from digest.site.feeds import feed_pages
from digest.site.front import front_page
from digest.site.urls import relative_url
from digest.corpus.ledger import LEDGER, load_ledger, redirect_page, redirects, save_ledger, update_ledger

log = logging.getLogger("digest")
# The code that renders pages: when it changes, pages kept in the cache are rendered anew.
RENDERING_CODE = ("site/pages.py", "site/timepages.py", "site/markup.py", "site/urls.py",
                  "corpus/editions.py", "corpus/entries.py")


@dataclass
class BuildState:
    """What `mkdocs serve` keeps between builds, so that an edit costs what it changes:
    seeds not re-read, extractions not re-loaded, pages not re-rendered or re-compared."""

    seeds: dict = field(default_factory=dict)
    extractions: dict = field(default_factory=dict)
    articles: dict = field(default_factory=dict)
    canon: dict = field(default_factory=dict)
    ledger: dict = field(default_factory=dict)
    pages: dict = field(default_factory=dict)
    signatures: dict = field(default_factory=dict)
    written: dict[str, str] = field(default_factory=dict)


@dataclass
class BuildResult:
    corpus: Corpus
    layout: page_mod.Layout
    problems: list[Problem] = field(default_factory=list)
    report: SyncReport | None = None
    lead: Edition | None = None  # the edition the home page leads with
    pages: dict[str, str] = field(default_factory=dict)  # what was written, path under docs/

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def build(settings: Settings, progress: bool = False, write: bool = True,
          state: BuildState | None = None) -> BuildResult:
    problems: list[Problem] = []
    check_cache(settings.cache)  # the cache folder is digest's alone, or the build stops
    problems += curator_problems(settings.curation, settings.root)  # links out, FIFOs
    if not settings.seeds.is_dir():
        problems.append(Problem(str(settings.seeds), "seeds folder not found: the digest is "
                                "empty", severity="error"))
        read = None
        seeds = []
    else:
        read = read_seeds([settings.seeds], memo=state.seeds if state else None,
                          root=settings.root)
        problems += read.problems
        seeds = drop_duplicates(read.seeds, problems)
    context = load_context(settings.curator_file("aliases.yml"),
                           settings.curator_file("topics.yml"))
    problems += [Problem(str(settings.curator_file("topics.yml")), message)
                 for message in context.taxonomy.problems]
    problems += [Problem(str(settings.curator_file("aliases.yml")), message)
                 for message in context.aliases.problems]
    cache = ExtractionCache(settings.cache / "extract" if settings.cache else None, "",
                           memory=state.extractions if state else None)
    extracted = list(extract_all(seeds, context, progress=progress, cache=cache,
                                 workers=settings.workers, executor=settings.executor,
                                 dask_address=settings.dask_address))
    for seed, extraction in extracted:
        problems += [Problem(str(seed.path), note) for note in extraction.notes]
    canon, canon_key = corpus_names([e for _, e in extracted], context,
                                    state.canon if state is not None else None)
    keys = [cache.key(seed) for seed, _ in extracted]
    articles = curate_all(extracted, keys, canon, canon_key, problems,
                          state.articles if state is not None else None)
    articles = [a for a in articles if settings.include_drafts or not a.draft]
    assign_slugs(articles)
    corpus = build_corpus(articles)
    layout = page_mod.Layout(root=settings.output, directory_urls=settings.use_directory_urls,
                             page_size=settings.page_size,
                             taxonomy=context.taxonomy, taxonomy_key=context.fingerprint)
    editions_file = settings.curator_file("editions.yml")
    specs, more = load_editions(editions_file)
    problems += more
    curated = curated_editions(specs, corpus.articles, problems, str(editions_file))
    automatic = automatic_editions(corpus.articles, settings.editions)
    result = BuildResult(corpus=corpus, layout=layout, problems=problems,
                         lead=lead_edition(curated, automatic))
    ledger_path = settings.root / LEDGER
    ledger = update_ledger(load_ledger(ledger_path, problems,
                                       memo=state.ledger if state is not None else None),
                           corpus.articles, settings.seeds)
    if write:
        # `mkdocs serve` keeps its pages in memory: the disk only helps its first build.
        disk = page_store(settings) if state is None or not state.pages else None
        memo = page_mod.PageMemo(state.pages if state else None,
                                 state.signatures if state else None, disk=disk)
        pages = page_mod.render_site(corpus, layout, memo)
        titles = {a.slug: a.title for a in corpus.articles}
        for old, new in redirects(ledger, corpus.articles, settings.seeds).items():
            target = relative_url(layout.url(layout.article_slug(new)), layout.redirect(old))
            pages[layout.redirect(old)] = redirect_page(target, titles[new])
        pages.update(timeline_pages(corpus, layout, memo))
        pages.update(edition_pages(curated, automatic, layout, memo))
        memo.finish()
        pages.update(front_page(corpus, result.lead, layout, settings.home_latest))
        pages.update(feed_pages(corpus, curated + automatic, layout, settings.site_url,
                                settings.site_name, settings.language, settings.feed_authority))
        result.report = sync(settings.out_dir, pages, settings.docs,
                             previous=(state.written or None) if state else None)
        problems += result.report.problems()  # hand-written files found there, left alone
        result.pages = pages
        if state is not None:
            state.written = pages
        if not settings.include_drafts:  # a draft's address is not published yet
            save_ledger(ledger_path, ledger)
    return result


def corpus_names(extractions: list[Extraction], context: Context, memo: dict | None = None
                 ) -> tuple[Canon, str]:
    """The corpus-wide names and their fingerprint. With `memo` (kept by `mkdocs serve`),
    reused while no extraction's names changed: most edits change a sentence, not a name."""
    names = (context.fingerprint, tuple((tuple(e.people), tuple(e.organizations),
                                         tuple(e.places)) for e in extractions))
    if memo is not None and memo.get("names") == names:
        return memo["canon"], memo["key"]
    canon = build_canon(extractions, context.aliases)
    key = canon_fingerprint(canon) if memo is not None else ""
    if memo is not None:
        memo.update(names=names, canon=canon, key=key)
    return canon, key


def curate_all(extracted: list[tuple[Seed, Extraction]], keys: list[str], canon: Canon,
               canon_key: str, problems: list[Problem], memo: dict | None = None
               ) -> list[Article]:
    """Every seed's Article. With `memo` (kept by `mkdocs serve`), a seed whose extraction
    and corpus-wide names (`canon_key`) are unchanged keeps its Article from the last build."""
    names = MemoCanon(canon)
    fresh = {}
    articles = []
    for (seed, extraction), key in zip(extracted, keys):
        hit = memo.get((key, canon_key)) if memo is not None else None
        if hit is None or hit[0].seed is not seed:  # same bytes under another name: redo
            found: list[Problem] = []
            article = build_article(seed, extraction, names, found)
            hit = (article, article.slug, found)
        article, slug, found = hit
        article.slug = slug  # as curated: assign_slugs settles clashes again below
        problems += found
        articles.append(article)
        fresh[(key, canon_key)] = hit
    if memo is not None:
        memo.clear()
        memo.update(fresh)
    return articles


def page_store(settings: Settings) -> RenderCache | None:
    """Rendered Markdown pages kept in the cache folder, so that a new process (a warm
    `mkdocs build`) renders only the pages whose inputs changed."""
    if settings.cache is None:
        return None
    return RenderCache(settings.cache / "render", salt=rendering_fingerprint(),
                       db_name="pages.sqlite")


@functools.cache
def rendering_fingerprint() -> str:
    digest = hashlib.sha256(yaml.__version__.encode())
    for name in RENDERING_CODE:
        digest.update(b"\0" + (Path(__file__).parent / name).read_bytes())
    return digest.hexdigest()[:16]


def canon_fingerprint(canon: Canon) -> str:
    """The corpus-wide names in one digest (the aliases file is in the extraction key)."""
    table = repr((sorted(canon.forms.items()), sorted(canon.people.items())))
    return hashlib.sha1(table.encode()).hexdigest()


def drop_duplicates(seeds: list[Seed], problems: list[Problem]) -> list[Seed]:
    """The same article saved twice under two names becomes one page (the first name wins)."""
    seen: dict[str, Seed] = {}
    kept = []
    for seed in seeds:
        key = seed.content_hash
        if key in seen:
            problems.append(Problem(str(seed.path), f"same article as {seen[key].path}: "
                                    "one page kept, this copy skipped"))
            continue
        seen[key] = seed
        kept.append(seed)
    return kept
