"""OPML lists of feeds (what feed readers export): every `<outline xmlUrl=...>`, nested
folders included, in document order and each once."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from lxml import etree

from digest.inputs.importing.model import ImportFailure, clean_text


@dataclass
class Subscription:
    title: str | None
    where: str  # an http(s) address, or a local path for a local OPML's relative entries


def parse_opml(raw: bytes, where: str, base: str | Path | None = None) -> list[Subscription]:
    """The feeds an OPML document lists. `base` is the OPML's own address (relative
    entries resolve against it) or, for a local file, its folder. No entity is expanded
    and nothing is fetched while parsing."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=False,
                             huge_tree=False, load_dtd=False)
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as err:
        raise ImportFailure(f"broken OPML: {err}") from None
    if not isinstance(root.tag, str) or etree.QName(root).localname.lower() != "opml":
        raise ImportFailure("not an OPML file: no <opml> element")
    found: list[Subscription] = []
    seen: set[str] = set()
    for outline in root.iter("{*}outline", "outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if not url or url in seen:
            continue
        seen.add(url)
        title = clean_text(outline.get("title") or outline.get("text")) or None
        if urlsplit(url).scheme:
            found.append(Subscription(title, url))
        elif isinstance(base, Path):
            found.append(Subscription(title, str(base / url)))
        elif base:
            found.append(Subscription(title, urljoin(str(base), url)))
        else:
            found.append(Subscription(title, url))
    if not found:
        raise ImportFailure("OPML list without feeds: no <outline xmlUrl=...>")
    return found
