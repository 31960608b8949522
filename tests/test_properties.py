"""Property: whatever a plain-text seed says, its page shows exactly that, paragraph for
paragraph: Markdown and HTML metacharacters, quotes and Unicode never become markup."""
from __future__ import annotations

import html.parser
from pathlib import Path

import markdown
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from digest.corpus.entries import build_corpus
from digest.corpus.curate import build_article
from digest.model import Extraction
from digest.site.pages import Layout, article_page
from digest.inputs.seeds import CAPTION_CREDIT, read_seed

METACHARACTERS = "<>&*_#[]()!|`{}-+.=\"'\\~^:;/%@$ "
TEXT = st.text(alphabet=st.one_of(st.sampled_from(METACHARACTERS),
                                  st.characters(categories=["L", "N", "Pi", "Pf", "Pd", "So"])),
               min_size=1, max_size=60).filter(lambda s: s.strip())


class Visible(html.parser.HTMLParser):
    """The text of each <h1> and <p> a reader sees."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []
        self.current: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag in ("h1", "p"):
            self.current = tag
            self.blocks.append((tag, ""))

    def handle_endtag(self, tag):
        if tag == self.current:
            self.current = None

    def handle_data(self, data):
        if self.current:
            tag, text = self.blocks[-1]
            self.blocks[-1] = (tag, text + data)


def render(page: str) -> list[tuple[str, str]]:
    body = page.split("---\n", 2)[2]
    converter = markdown.Markdown(extensions=["attr_list", "tables", "toc"])
    parser = Visible()
    parser.feed(converter.convert(body))
    return [(tag, " ".join(text.split())) for tag, text in parser.blocks]


def squash(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(headline=TEXT, paragraphs=st.lists(TEXT, min_size=1, max_size=4))
def test_page_text_equals_seed_text(tmp_path_factory, headline, paragraphs):
    assume(not CAPTION_CREDIT.match(squash(paragraphs[0])))
    folder = tmp_path_factory.mktemp("prop")
    path = Path(folder) / "seed.txt"
    path.write_text(headline.replace("\n", " ") + "\n\n" + "\n\n".join(
        p.replace("\n", " ") for p in paragraphs) + "\n", encoding="utf-8")
    seed, _ = read_seed(path)
    assume(seed is not None)
    article = build_article(seed, Extraction(), None, [])
    blocks = render(article_page(article, build_corpus([article]), Layout()))
    assert blocks[0] == ("h1", squash(headline))
    shown = [text for tag, text in blocks[2:] if tag == "p"]  # after the h1 and the byline
    assert shown[:len(paragraphs)] == [squash(p) for p in paragraphs]
