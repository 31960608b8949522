"""The whole digest build, stage by stage: read seeds -> extract (cached) -> curate into
Articles -> collections -> editions -> ledger -> pages -> write. Used by `digest build` and by
the MkDocs plugin. `build` is the order of the stages; `Stages` is what each one does."""
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
from digest.corpus.curate import MemoCanon, Options, assign_slugs, build_article
from digest.inputs.check import curator_problems
from digest.corpus.editions import Edition, automatic_editions, curated_editions, lead_edition, load_editions
from digest.extract import Context, load_context
from digest.corpus.names import Canon, build_canon
from digest.incremental.memo import NAMES, BuildMemo, Curated, Memo, Names
from digest.model import Article, Extraction, Problem, Seed
from digest.output import SyncReport, sync
from digest.extract.parallel import extract_all
from digest.inputs.files import curator_problems as unusable_curator_files
from digest.inputs.seeds import read_seeds
from digest.incremental.cachedir import check_cache
from digest.incremental.rendercache import RenderCache
from digest.site.timepages import edition_pages, timeline_pages
from digest.site.feeds import feed_pages
from digest.site.front import front_page
from digest.site.urls import relative_url
from digest.corpus.ledger import LEDGER, load_ledger, redirect_page, redirects, save_ledger, update_ledger

log = logging.getLogger("digest")
# The code that renders pages: when it changes, pages kept in the cache are rendered anew.
RENDERING_CODE = ("site/pages.py", "site/timepages.py", "site/markup.py", "site/urls.py",
                  "site/charts.py", "site/words.py", "corpus/editions.py", "corpus/entries.py")


# What `mkdocs serve` keeps between builds (the name the plugin adapter imports).
BuildState = BuildMemo


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
          state: BuildMemo | None = None) -> BuildResult:
    """The stages, in order. `state` is what `mkdocs serve` keeps between builds; without
    it the build starts from a memo that remembers nothing."""
    run = Stages(settings, state if state is not None else BuildMemo(), progress)
    # The cache folder is digest's alone, or the build stops. Checked once per `mkdocs serve`
    # (a walk of 5,000 cache files and a `git ls-files`): after that, digest is what writes it.
    if run.memo.cache_checked is None or run.memo.cache_checked != settings.cache:
        check_cache(settings.cache)
        run.memo.cache_checked = settings.cache if state is not None else None
    run.problems += unusable_curator_files(settings.curation, settings.root)  # links, FIFOs
    seeds = run.read_seeds()
    context = run.load_context(seeds)
    extracted = run.extract(seeds, context)
    articles = run.curate(extracted, context)
    corpus = build_corpus(articles, run.canon)
    layout = page_mod.Layout(root=settings.output, directory_urls=settings.use_directory_urls,
                             page_size=settings.page_size,
                             taxonomy=context.taxonomy, taxonomy_key=context.fingerprint,
                             language=settings.language)
    curated, automatic = run.editions(corpus)
    result = BuildResult(corpus=corpus, layout=layout, problems=run.problems,
                         lead=lead_edition(curated, automatic))
    ledger = run.ledger(corpus)
    if write:
        result.pages = run.render(corpus, layout, curated, automatic, ledger, result.lead)
        result.report = run.write(result.pages)
        run.save_ledger(ledger)
    return result


@dataclass
class Stages:
    """Each stage of one build, with what they share: the settings, the memo kept between
    builds, and the problems found so far (in the order the stages run)."""

    settings: Settings
    memo: BuildMemo
    progress: bool = False
    problems: list[Problem] = field(default_factory=list)
    cache: ExtractionCache | None = None
    canon: Canon | None = None  # the corpus-wide names, once curate has run

    def read_seeds(self) -> list[Seed]:
        settings = self.settings
        if not settings.seeds.is_dir():
            self.problems.append(Problem(str(settings.seeds), "seeds folder not found: the "
                                         "digest is empty", severity="error"))
            return []
        read = read_seeds([settings.seeds], memo=self.memo.seeds, root=settings.root)
        self.problems += read.problems
        return drop_duplicates(read.seeds, self.problems)

    def load_context(self, seeds: list[Seed]) -> Context:
        context = load_context(self.settings.curator_file("aliases.yml"),
                               self.settings.curator_file("topics.yml"))
        self.problems += curator_problems(self.settings, context, seeds)
        return context

    def extract(self, seeds: list[Seed], context: Context) -> list[tuple[Seed, Extraction]]:
        settings = self.settings
        self.cache = ExtractionCache(settings.cache / "extract" if settings.cache else None,
                                     "", memory=self.memo.extractions)
        extracted = list(extract_all(seeds, context, progress=self.progress, cache=self.cache,
                                     workers=settings.workers, executor=settings.executor,
                                     dask_address=settings.dask_address))
        for seed, extraction in extracted:
            self.problems += [Problem(str(seed.path), note) for note in extraction.notes]
        return extracted

    def curate(self, extracted: list[tuple[Seed, Extraction]], context: Context
               ) -> list[Article]:
        """Articles with the corpus-wide names, drafts left out unless wanted, slugs settled."""
        assert self.cache is not None, "extract runs before curate"
        names = corpus_names([e for _, e in extracted], context, self.memo.names,
                             self.settings.entity_min_articles, self.memo.name_stamps)
        self.canon = names.canon
        keys = [self.cache.key(seed) for seed, _ in extracted]
        settings = self.settings
        options = Options(context.taxonomy, settings.topics_min_score, settings.topics_min_relative)
        articles = curate_all(extracted, keys, names, self.problems, self.memo.articles, options)
        articles = [a for a in articles if self.settings.include_drafts or not a.draft]
        assign_slugs(articles)
        return articles

    def editions(self, corpus: Corpus) -> tuple[list[Edition], list[Edition]]:
        """The curated editions and the automatic ones."""
        editions_file = self.settings.curator_file("editions.yml")
        specs, more = load_editions(editions_file)
        self.problems += more
        curated = curated_editions(specs, corpus.articles, self.problems, str(editions_file))
        return curated, automatic_editions(corpus.articles, self.settings.editions)

    def ledger(self, corpus: Corpus) -> dict[str, list[str]]:
        """Every address each article has had, this build's included."""
        loaded = load_ledger(self.ledger_path, self.problems, memo=self.memo.ledger)
        return update_ledger(loaded, corpus.articles, self.settings.seeds)

    def render(self, corpus: Corpus, layout: page_mod.Layout, curated: list[Edition],
               automatic: list[Edition], ledger: dict[str, list[str]],
               lead: Edition | None) -> dict[str, str]:
        """Every page as text, by path under docs/; each rendered only when its inputs
        changed."""
        # `mkdocs serve` keeps its pages in memory: the disk only helps its first build.
        disk = page_store(self.settings) if not self.memo.pages else None
        memo = page_mod.PageMemo(self.memo.pages, self.memo.signatures, disk=disk)
        pages = page_mod.render_site(corpus, layout, memo)
        titles = {a.slug: a.title for a in corpus.articles}
        for old, new in redirects(ledger, corpus.articles, self.settings.seeds).items():
            target = relative_url(layout.url(layout.article_slug(new)), layout.redirect(old))
            pages[layout.redirect(old)] = redirect_page(target, titles[new])
        pages.update(timeline_pages(corpus, layout, memo))
        pages.update(edition_pages(curated, automatic, layout, memo, corpus=corpus))
        memo.finish()
        settings = self.settings
        pages.update(front_page(corpus, lead, layout, settings.home_latest))
        pages.update(feed_pages(corpus, curated + automatic, layout, settings.site_url,
                                settings.site_name, settings.language, settings.feed_authority))
        return pages

    def write(self, pages: dict[str, str]) -> SyncReport:
        """Only what changed, into the one folder digest owns."""
        report = sync(self.settings.out_dir, pages, self.settings.docs,
                      previous=self.memo.written or None)
        self.memo.written = pages
        self.problems += report.problems()  # hand-written files found there, left alone
        return report

    def save_ledger(self, ledger: dict[str, list[str]]) -> None:
        if not self.settings.include_drafts:  # a draft's address is not published yet
            save_ledger(self.ledger_path, ledger)

    @property
    def ledger_path(self) -> Path:
        return self.settings.root / LEDGER


def corpus_names(extractions: list[Extraction], context: Context,
                 memo: Memo[str, Names] | None = None, min_articles: int = 2,
                 stamps: dict[int, tuple] | None = None) -> Names:
    """The corpus-wide names and their fingerprint. With `memo`, reused while no
    extraction's names changed: most edits change a sentence, not a name."""
    last = stamps if stamps is not None else {}
    now: dict[int, tuple] = {}
    names = (context.fingerprint, min_articles,
             tuple(_names_stamp(e, last, now) for e in extractions))
    if stamps is not None:  # this build's only: the extraction objects it holds
        stamps.clear()
        stamps.update(now)
    hit = memo.get(NAMES, names) if memo is not None else None
    if hit is not None:
        return hit
    canon = build_canon(extractions, context.aliases, min_articles)
    found = Names(canon, canon_fingerprint(canon) if memo is not None else "")
    if memo is not None:
        memo.put(NAMES, found, names)
    return found


def _names_stamp(extraction: Extraction, last: dict[int, tuple], now: dict[int, tuple]
                 ) -> tuple:
    """What of one extraction the corpus-wide names depend on; `last` holds the last build's
    by extraction object (the same object while its seed is unchanged, in `mkdocs serve`):
    `repr` of the evidence of 5,000 articles was a tenth of each rebuild."""
    kept = last.get(id(extraction))
    if kept is not None and kept[0] is extraction:
        now[id(extraction)] = kept
        return kept[1]
    e = extraction
    stamp = (tuple(e.people), tuple(e.organizations), tuple(e.places), repr(e.evidence),
             tuple(e.roles))
    now[id(extraction)] = (extraction, stamp)
    return stamp


def curate_all(extracted: list[tuple[Seed, Extraction]], keys: list[str], names: Names,
               problems: list[Problem], memo: Memo[tuple[str, str], Curated] | None = None,
               options: Options | None = None) -> list[Article]:
    """Every seed's Article, from its extraction regrouped by the corpus-wide names (their
    kinds and person links). With `memo`, a seed whose extraction and corpus-wide names are
    unchanged keeps its Article from the last build, and is not regrouped again."""
    canon = MemoCanon(names.canon)
    options = options or Options()
    names_key = f"{names.key}\0{options.key()}"  # the curation settings decide too
    articles = []
    for (seed, extraction), key in zip(extracted, keys):
        hit = memo.get((key, names_key)) if memo is not None else None
        if hit is None or hit.article.seed is not seed:  # same bytes under another name: redo
            found: list[Problem] = []
            article = build_article(seed, names.canon.regroup(extraction), canon, found,
                                    options)
            hit = Curated(article, article.slug, found)
            if memo is not None:
                memo.put((key, names_key), hit)
        hit.article.slug = hit.slug  # as curated: assign_slugs settles clashes again below
        problems += hit.problems
        articles.append(hit.article)
    if memo is not None:
        memo.prune()
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
    return canon.fingerprint()


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
