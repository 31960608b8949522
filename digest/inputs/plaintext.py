"""The plain text of a curator's Markdown, as a reader sees it rendered: what extraction
reads from an `.md` seed, and what its lede and feed text show.

Parsed with Python-Markdown (the library MkDocs renders with), then the text taken from the
element tree: `**Volodymyr Zelenskyy**` is the name, not two asterisks and a name; a link is
its words; code blocks, tables of figures, images and raw HTML blocks are not prose and are
left out. Regex stripping would miss nesting, escapes and reference links."""
from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

import markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE, HTML_PLACEHOLDER_RE

EXTENSIONS = ["tables", "fenced_code"]
BLOCKS = {"p", "li", "dt", "dd"}
# Not prose: code, figures, and headings (a subheading is no lede; the title is read apart).
SKIPPED = {"pre", "code", "table", "hr", "img", "script", "style",
           "h1", "h2", "h3", "h4", "h5", "h6"}
CONTAINERS = {"ul", "ol", "blockquote", "div", "dl", "section", "article", "details"}


class _Keep(Treeprocessor):
    """Keeps the finished element tree (after inline processing) for `paragraphs`."""

    def run(self, root):
        self.md.digest_root = root
        return root


def _converter() -> markdown.Markdown:
    md = markdown.Markdown(extensions=EXTENSIONS)
    md.treeprocessors.register(_Keep(md), "digest-keep", 0)  # last: after inline, prettify
    return md


def _resolve(text: str, md: markdown.Markdown) -> str:
    """Placeholders of stashed raw HTML and entities, back to text: an entity becomes its
    character, an inline tag nothing (its content is outside the stash)."""

    def stashed(match: re.Match) -> str:
        index = int(match.group(1))
        blocks = md.htmlStash.rawHtmlBlocks
        raw = blocks[index] if index < len(blocks) else ""
        if isinstance(raw, etree.Element):
            return "".join(raw.itertext())
        raw = str(raw)
        return raw if re.fullmatch(r"&#?\w+;", raw) else ""

    text = HTML_PLACEHOLDER_RE.sub(stashed, text).replace(AMP_SUBSTITUTE, "&")
    return " ".join(html.unescape(text).split())


def _text(element: etree.Element, md: markdown.Markdown) -> str:
    parts = []

    def walk(el: etree.Element) -> None:
        if el.tag in SKIPPED and el.tag != "code":
            if el.tail:
                parts.append(el.tail)
            return
        if el.text:
            parts.append(el.text)
        for child in el:
            if child.tag in BLOCKS | CONTAINERS:  # a paragraph inside a list item
                parts.append(" ")
            walk(child)
        if el.tail:
            parts.append(el.tail)

    if element.text:
        parts.append(element.text)
    for child in element:
        walk(child)
    return _resolve("".join(parts), md)


def paragraphs(source: str) -> list[str]:
    """The body's blocks of prose as plain text, in order: paragraphs, list items (each one
    block), the paragraphs of block quotes; headings, code and tables left out."""
    md = _converter()
    md.convert(source)
    root = getattr(md, "digest_root", None)
    found: list[str] = []
    if root is None:
        return found

    def collect(parent: etree.Element) -> None:
        for el in parent:
            if el.tag in SKIPPED:
                continue
            if el.tag == "li" and any(c.tag in BLOCKS | CONTAINERS for c in el):
                lead = _resolve(el.text or "", md)
                if lead:
                    found.append(lead)
                collect(el)
            elif el.tag in BLOCKS:
                text = _text(el, md)
                if text:
                    found.append(text)
            elif el.tag in CONTAINERS:
                collect(el)
            elif el.tag == "p" or not len(el):
                text = _text(el, md)
                if text:
                    found.append(text)
    collect(root)
    return found


def inline(source: str) -> str:
    """One line of Markdown (a heading, a title) as plain text."""
    md = _converter()
    md.convert(source.replace("\n", " "))
    root = getattr(md, "digest_root", None)
    text = " ".join(_text(el, md) for el in root) if root is not None else ""
    return " ".join(text.split()) or " ".join(source.split())
