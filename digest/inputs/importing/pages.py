"""A saved or fetched web page to an `Article`: trafilatura finds the article's text and
leaves navigation, related stories, cookie banners, comments and tables out; the page's own
JSON-LD/OpenGraph/meta give its title, date, author, publisher, address and lead image;
htmldate (through trafilatura, `original_date=True`) dates a page that states no date in its
markup. The lead photo's caption becomes the seed's caption paragraph when it has a credit.
A page that is not an article (an index, an error page, a paywall stub) is refused."""
from __future__ import annotations

import codecs
import copy
import gzip
import re
from urllib.parse import urlsplit

import trafilatura
from htmldate import find_date
from lxml import etree

from digest.inputs.importing.metadata import (PageMeta, absolute_url, canonical_url,
                                              parse_date, parse_html, read_page_meta)
from digest.inputs.importing.model import MIN_WORDS, WORD, Article, ImportFailure, clean_text

CHARSET_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w.:]+)""", re.I)
NOT_FOUND = re.compile(r"\b(404|page not found|not found|no longer available|"
                       r"page (?:does not|doesn't) exist)\b", re.I)
PAYWALL_TEXT = re.compile(r"subscribe (?:now )?to (?:continue|read)|to continue reading|"
                          r"already a subscriber|subscribers only|for subscribers|"
                          r"sign in to read|log in to read", re.I)
CREDIT_CLASS = re.compile(r"credit|copyright|byline|photographer|image-source|caption-source",
                          re.I)
# "... Photo: Jane Roe/Agency", "... (Photo by X)", "... Credit: X", "... © X", "... (AFP)"
CREDIT_TAIL = (
    re.compile(r"[\s(\[|–—-]*\b(?:photo(?:graph)?s?|pictures?|images?|credit|foto)"
               r"(?:\s+by)?\s*[:/]?\s*(?P<credit>[^()\[\]]{2,80}?)[)\]]?\s*$", re.I),
    re.compile(r"\s*[(\[]?©\s*(?P<credit>[^()\[\]]{2,80}?)[)\]]?\s*$"),
    re.compile(r"\s*[(\[](?P<credit>[A-Z][\w.&/' -]{1,40})[)\]]\s*$"),
)
# Comments are no part of an article; everything else as trafilatura's defaults have it.
TRAFILATURA_OPTIONS = dict(include_comments=False, with_metadata=True)


def decode_html(raw: bytes, declared: str | None = None) -> str:
    """A page's bytes as text: a byte-order mark, then the charset the server or the page
    declares, then UTF-8, then Windows-1252. A declared charset Python does not know is an
    error unless the bytes are valid UTF-8."""
    if raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as err:
            raise ImportFailure(f"broken gzip file: {err}") from None
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if raw.startswith(bom):
            return raw.decode(codec, errors="replace")
    if not declared:
        match = CHARSET_META.search(raw[:4096])
        declared = match.group(1).decode("ascii", "replace") if match else None
    if declared:
        try:
            codec = codecs.lookup(declared.strip().lower()).name
        except LookupError:
            try:
                return raw.decode("utf-8")
            except UnicodeDecodeError:
                raise ImportFailure(f"unknown encoding {declared!r}: the page cannot be "
                                    "read as text") from None
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _text(el) -> str:
    el = copy.copy(el)
    for lb in el.iter("lb"):
        lb.tail = " " + (lb.tail or "")
    return clean_text("".join(el.itertext()))


def _blocks(el):
    """The paragraph-like parts of trafilatura's XML body, in order, each once, as (tag,
    element or loose text): text that sits directly in a container counts as a paragraph,
    and a table row is one paragraph of its cells."""
    if el.text and el.text.strip():
        yield "p", el.text
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in ("graphic", "ref", "fw", "note"):
            pass
        elif tag == "row":
            yield "p", " ".join(_text(cell) for cell in child)
        elif tag in ("list", "div", "body", "table", "cell"):
            yield from _blocks(child)
        elif tag in ("p", "head", "quote", "item", "code"):
            if any(c.tag in ("p", "list", "quote", "head", "table") for c in child):
                yield from _blocks(child)
            else:
                yield tag, child
        if child.tail and child.tail.strip():
            yield "p", child.tail


def body_paragraphs(body, title: str, drop: set[str]) -> list[str]:
    """The article's paragraphs: headings other than the headline stay (they are part of the
    text), the headline and the caption go, and a paragraph repeated back to back once."""
    paragraphs: list[str] = []
    fold_title = title.casefold()
    for tag, el in _blocks(body):
        text = clean_text(el) if isinstance(el, str) else _text(el)
        if not text or not WORD.search(text):
            continue
        folded = text.casefold()
        if tag == "head" and (folded == fold_title or el.get("rend") == "h1"):
            continue
        if folded in drop or (paragraphs and paragraphs[-1].casefold() == folded):
            continue
        paragraphs.append(text)
    return paragraphs


def split_credit(caption: str) -> tuple[str, str | None]:
    """A caption's trailing credit ("Photo: Jane Roe/AFP", "(AFP)", "© Agency")."""
    for pattern in CREDIT_TAIL:
        match = pattern.search(caption)
        if match and match.start() > 0:
            credit = match["credit"].strip(" .,;:|")
            rest = caption[: match.start()].strip(" |–—-")
            if credit and rest:
                return rest, credit
    return caption, None


def _before(tree, figures: list, first: str | None) -> list:
    """The figures that come before the article's first paragraph (a lead photo does; a
    promotion further down does not); all of them when that paragraph is not found."""
    if not first or not figures:
        return figures
    head = first[:60]
    wanted = set(map(id, figures))
    seen = []
    for el in tree.iter():
        if id(el) in wanted:
            seen.append(el)
        elif el.tag == "p" and clean_text(el.text_content())[:60] == head:
            return seen
    return figures


def lead_caption(tree, meta: PageMeta, first: str | None = None
                 ) -> tuple[str | None, str | None]:
    """(caption, credit) of the article's lead photo: the first `<figure>` with a
    `<figcaption>` inside the article (or the page's main part) that comes before the
    paragraph `first`, else the JSON-LD image."""
    figures = []
    for scope in ("//article//figure[figcaption]", "//main//figure[figcaption]",
                  "//figure[figcaption]"):
        figures = tree.xpath(scope)
        if figures:
            break
    for figure in _before(tree, figures, first)[:1]:
        cap = figure.xpath(".//figcaption")[0]
        whole = clean_text(cap.text_content())
        credit = None
        for el in figure.xpath(".//*[@class or @itemprop]"):
            if CREDIT_CLASS.search(f"{el.get('class', '')} {el.get('itemprop', '')}"):
                credit = clean_text(el.text_content())
                if credit == whole:  # the whole caption is marked so: split it by its text
                    credit = None
                    continue
                if credit:
                    # the caption without its credit element
                    cap = copy.deepcopy(cap)
                    for twin in cap.xpath(".//*[@class or @itemprop]"):
                        if clean_text(twin.text_content()) == credit:
                            twin.drop_tree()
                    break
        caption = re.sub(r"^(?:image |photo )?caption\s*:?\s*", "",
                         clean_text(cap.text_content()), flags=re.I)  # a screen-reader label
        if not credit:
            caption, credit = split_credit(caption)
        if caption:
            return caption, clean_credit(credit) if credit else None
    if meta.image_caption:
        caption, credit = split_credit(meta.image_caption)
        credit = credit or meta.image_credit
        return caption, clean_credit(credit) if credit else None
    return None, None


def clean_credit(credit: str) -> str | None:
    """A credit as the seed format writes it between brackets: no brackets inside, at most
    80 characters, without a leading "Photo:"."""
    credit = clean_text(credit)
    label = re.compile(r"^(?:photo(?:graph)?s?|pictures?|images?|credits?|courtesy(?: of)?|"
                       r"by|copyright|source)\b\s*[:/]?\s*", re.I)
    while label.match(credit):
        credit = label.sub("", credit, count=1)
    credit = re.sub(r"[\[\]]", "", credit).strip(" .,;:()")
    return credit[:80].strip() or None


def _title(meta: PageMeta, doc, tree) -> str:
    if meta.title:
        return meta.title
    if doc is not None and doc.title:
        return clean_text(doc.title)
    title = meta.og_title
    if title and meta.publisher:
        for sep in (" | ", " - ", " – ", " — ", " :: "):
            if title.endswith(sep + meta.publisher):
                title = title[: -len(sep + meta.publisher)]
    if title:
        return title
    h1 = tree.xpath("//h1")
    return clean_text(h1[0].text_content()) if h1 else (meta.page_title or "")


def looks_like_index(tree, meta: PageMeta) -> int:
    """How many article teasers a page lists, when it says it is no article itself (0 when
    it does: a story with a few related links is still a story)."""
    if meta.is_article:
        return 0
    teasers = len(tree.xpath("//article"))
    headline_links = len(tree.xpath("//h2[.//a] | //h3[.//a]"))
    count = max(teasers, headline_links)
    return count if meta.is_index or count >= 4 else 0


def extract_page(raw: bytes | str, location: str, origin: str, url: str | None = None,
                 charset: str | None = None) -> Article:
    """One page to an Article; raises ImportFailure when it is no article."""
    text = raw if isinstance(raw, str) else decode_html(raw, charset)
    if not text.strip():
        raise ImportFailure("empty page")
    # lxml refuses text that still declares its (byte) encoding: it is decoded already
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text, count=1)
    try:
        tree = parse_html(text)
    except (etree.ParserError, ValueError) as err:
        raise ImportFailure(f"not HTML: {err}") from None
    meta = read_page_meta(tree, url)
    page_url = meta.url or canonical_url(url)
    try:
        doc = trafilatura.bare_extraction(text, url=page_url, **TRAFILATURA_OPTIONS)
    except (ValueError, TypeError, etree.LxmlError) as err:
        raise ImportFailure(f"the extractor could not read this page: {err}") from None
    title = _title(meta, doc, tree)
    if (not meta.is_article and NOT_FOUND.search(f"{meta.page_title or ''} {title}")
            and (doc is None or len(WORD.findall(doc.text or "")) < 300)):
        raise ImportFailure("not an article: a 'page not found' page")
    teasers = looks_like_index(tree, meta)
    if teasers:
        raise ImportFailure(f"not an article: an index page ({teasers} stories listed)")
    if doc is None or doc.body is None:
        raise ImportFailure("not an article: no article text found on the page")
    # A photo's caption is never body text, wherever trafilatura may have found it.
    captions = {clean_text(el.text_content()).casefold() for el in tree.iter("figcaption")}
    paragraphs = body_paragraphs(doc.body, title, captions - {""})
    # the lead photo comes before the article's text, or right after its first paragraph
    caption, credit = lead_caption(tree, meta, paragraphs[1] if len(paragraphs) > 1 else None)
    if caption:
        paragraphs = [p for p in paragraphs if p.casefold() != caption.casefold()]
    article = Article(location=location, origin=origin, title=title, paragraphs=paragraphs)
    words = article.word_count()
    if words < MIN_WORDS:
        # Google's paywall markup, or a "subscribe to continue" notice in the text or in
        # an element named for a paywall (a mere log-in link named so is no paywall).
        paywall = meta.paywalled or bool(PAYWALL_TEXT.search(article.body)) or any(
            PAYWALL_TEXT.search(el.text_content()) for el in tree.xpath(
                "//*[contains(translate(@class,'PAYWL','paywl'),'paywall') or "
                "contains(translate(@id,'PAYWL','paywl'),'paywall')]"))
        if paywall:
            raise ImportFailure(f"not an article: a paywall stub ({words} words)")
        if not meta.is_article:
            raise ImportFailure(f"not an article: only {words} words of text (an index, an "
                                "error page or a teaser?)")
    if caption and credit:
        article.caption, article.credit = caption, credit
    # The page's own statement first; then htmldate's original (not last-updated) date,
    # from the page's markup, text and address.
    article.date = parse_date(meta.date_raw) or parse_date(find_date(
        copy.deepcopy(tree), url=page_url, original_date=True, extensive_search=True))
    article.author = meta.author or (clean_text(doc.author) or None)
    host = urlsplit(page_url or "").hostname or ""
    article.source = meta.publisher or (clean_text(doc.sitename) or None) or (
        host.removeprefix("www.") or None)
    article.url = page_url or canonical_url(doc.url)
    article.image = meta.image or absolute_url(doc.image, page_url)
    return article

