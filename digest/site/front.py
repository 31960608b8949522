"""The digest's front page, `news/index.md`: the edition it leads with and the newest articles.

It is an ordinary generated Markdown page, written by `digest build` like every other, so any
MkDocs-compatible engine renders it; the curator's own home page (docs/index.md) links to it
and is never written by digest. (It replaces the `<!-- digest:latest -->` and
`<!-- digest:edition -->` markers that only the MkDocs plugin could fill.)"""
from __future__ import annotations

from digest.corpus.editions import Edition
from digest.corpus.entries import KIND_TITLES, KINDS, Corpus
from digest.site import markup
from digest.site.pages import LISTING, Layout, front_matter, latest
from digest.site.timepages import lead_section


def front_page(corpus: Corpus, lead: Edition | None, layout: Layout, limit: int
               ) -> dict[str, str]:
    """{path: text} of the front page: the lead edition, the `limit` newest articles, and
    links to every listing and feed."""
    here = layout.front()
    browse = " · ".join(markup.link(KIND_TITLES[kind], layout.index(kind), here)
                        for kind in KINDS)
    more = " · ".join([markup.link("Editions", layout.editions(), here),
                       markup.link("Timeline", layout.timeline(), here),
                       markup.link("Undated", layout.undated(), here)])
    feeds = " · ".join([markup.link("RSS", layout.feed("articles.rss.xml"), here),
                        markup.link("Atom", layout.feed("articles.atom.xml"), here)])
    out = [front_matter({"title": "Latest news", **LISTING}), "# Latest news\n"]
    lead_text = lead_section(lead, layout, here)
    if lead_text:
        out.append(lead_text)
    out += ["## Newest articles", latest(corpus, layout, here, limit),
            f"Browse: {browse}", f"{more} · Feeds: {feeds}"]
    return {here: "\n\n".join(out) + "\n"}
