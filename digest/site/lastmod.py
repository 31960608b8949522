"""When each generated page last changed, for the sitemap's `lastmod`: an article page on its
article's date, a person's (organization's, place's, topic's) pages on their newest article's,
an edition on its date, every other listing on the newest article's. Computed from the corpus,
so rebuilding the same seeds gives the same sitemap, on any day."""
from __future__ import annotations

import datetime as dt

from digest.corpus.entries import Corpus
from digest.site.pages import Layout, chunks


def newest(corpus: Corpus) -> dt.date | None:
    return max((a.date for a in corpus.articles if a.date is not None), default=None)


def page_dates(corpus: Corpus, layout: Layout) -> dict[str, dt.date]:
    """{path under docs/: date} for the pages whose date comes from particular articles;
    other generated pages (listings, the timeline, the front page) take `newest(corpus)`, and
    edition pages the `date` in their front matter."""
    dates: dict[str, dt.date] = {}
    for article in corpus.articles:
        if article.date is not None:
            dates[layout.article(article)] = article.date
    for entries in corpus.entries.values():
        for entry in entries.values():
            for number, rows in enumerate(chunks(entry.articles, layout.page_size), start=1):
                day = max((a.date for a in rows if a.date is not None), default=None)
                if day is not None:
                    dates[layout.entry(entry, number)] = day
    return dates
