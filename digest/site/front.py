"""The digest's front page, `news/index.md`: the edition it leads with and the newest articles.

It is an ordinary generated Markdown page, written by `digest build` like every other, so any
MkDocs-compatible engine renders it; the curator's own home page (docs/index.md) links to it
and is never written by digest. (It replaces the `<!-- digest:latest -->` and
`<!-- digest:edition -->` markers that only the MkDocs plugin could fill.)"""
from __future__ import annotations

from digest.corpus.editions import Edition
from digest.corpus.entries import KIND_TITLES, KINDS, Corpus
from digest.site import markup, words
from digest.site.pages import LISTING, Layout, front_matter, latest
from digest.site.timepages import lead_section


def front_page(corpus: Corpus, lead: Edition | None, layout: Layout, limit: int,
               here: str | None = None, title: str = "Latest news") -> dict[str, str]:
    """{path: text} of the front page: the lead edition, the `limit` newest articles, and
    links to every listing and feed."""
    here = here or layout.front()
    browse = " · ".join(markup.link(KIND_TITLES[kind], layout.index(kind), here)
                        for kind in KINDS)
    more = " · ".join([markup.link("Editions", layout.editions(), here),
                       markup.link("Timeline", layout.timeline(), here),
                       markup.link("Undated", layout.undated(), here)])
    feeds = " · ".join([markup.link("RSS", layout.feed("articles.rss.xml"), here),
                        markup.link("Atom", layout.feed("articles.atom.xml"), here)])
    headlines = "; ".join(a.title for a in corpus.articles[:5]) or "No articles yet."
    description = markup.attr(words.lede(f"{title}: {headlines}", 40))
    out = [front_matter({"title": title, "description": description, **LISTING}),
           f"# {markup.inline(title)}\n"]
    lead_text = lead_section(lead, layout, here, corpus)
    if lead_text:
        out.append(lead_text)
    # the newest articles not in the lead edition, then who and what was most in the news
    out += ["## Latest", latest(corpus, layout, here, limit, lead=lead),
            f"Browse: {browse}", f"{more} · Feeds: {feeds}"]
    return {here: "\n\n".join(out) + "\n"}


HOME = "index.md"


def home_page(corpus: Corpus, lead: Edition | None, layout: Layout, limit: int,
              site_name: str) -> str:
    """The same front page as the site's home (`index.md` at the top of docs_dir), for a
    project that has no home page of its own: the MkDocs plugin adds it as a generated file,
    never writing it into docs_dir, so a curator's own `index.md` always wins."""
    return front_page(corpus, lead, layout, limit, here=HOME, title=site_name or "News")[HOME]
