"""Words for readers: counts with the right plural, labels in sentence case, dates written
the way people write them (in the site's `theme.language`), ledes short enough to scan, and
people sorted by surname. Pages call these instead of formatting text themselves, so a
listing, a heading and a description all say the same thing the same way."""
from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal
from nameparser import HumanName

LEDE_WORDS = 25  # a listing's lede: enough to decide whether to read on, printed in every
# listing an article is in (its people, places, topics, editions): issue #18

# Surnames that come first (Chinese, and Korean three-part names): "Xi Jinping" is Mr Xi.
# Only the common ones, and only when the rest of the name looks like a romanized given name.
SURNAME_FIRST = frozenset("""
bai cai cao chen cheng cui deng ding dong du fan fang feng gao gong gu guo han hao he hou hu
hua huang jia jiang jin kong lai lei li liang liao lin liu long lu luo lyu ma mao meng pan
peng qian qin qiu ren shao shen shi song su sun tan tang tao tian wan wang wei wen wu xi xia
xiao xie xiong xu xue yan yang yao ye yi yin yu yuan zeng zhang zhao zheng zhong zhou zhu
""".split())
KOREAN_SURNAMES = frozenset("kim park lee moon yoon choi kang jung cho han shin".split())


@functools.lru_cache(maxsize=None)
def locale(language: str) -> Locale:
    """The babel locale for `theme.language`. Plain `en` writes day-month-year ("8 June
    2024"), as news in international English does; `en_US` or `en-US` asks for US order."""
    code = (language or "en").replace("-", "_")
    if code == "en":
        code = "en_GB"
    try:
        return Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en_GB")


@functools.lru_cache(maxsize=1 << 16)  # babel formats in ~0.1 ms: thousands per build
def number(n: int, language: str = "en") -> str:
    return format_decimal(n, locale=locale(language))


def count(n: int, singular: str, plural: str | None = None, language: str = "en") -> str:
    """"1 article", "2 articles", "1,844 articles"."""
    word = singular if n == 1 else (plural or singular + "s")
    return f"{number(n, language)} {word}"


def sentence_case(label: str) -> str:
    """IPTC labels are lowercase ("economy, business and finance"): capitalize the first
    letter only. A curator's label that already has capitals is theirs and left alone."""
    label = " ".join(str(label).split())
    if label and label == label.lower():
        return label[0].upper() + label[1:]
    return label


def long_date(date: dt.date, language: str = "en") -> str:
    """"8 June 2024" (in `theme.language`)."""
    return format_date(date, "long", locale=locale(language))


def day_heading(date: dt.date, language: str = "en") -> str:
    """"Saturday 8 June": a day's heading inside its month's page."""
    return format_skeleton("MMMMEEEEd", date, locale=locale(language))


def month_label(year: int, month: int, language: str = "en", with_year: bool = True) -> str:
    """"June 2024", or "June"."""
    day = dt.date(year, month, 1)
    if with_year:
        return format_skeleton("yMMMM", day, locale=locale(language))
    return format_date(day, "LLLL", locale=locale(language))


def short_month(year: int, month: int, language: str = "en") -> str:
    """"Jun 2024": an axis label."""
    return format_skeleton("yMMM", dt.date(year, month, 1), locale=locale(language))


def date_range(first: dt.date | None, last: dt.date | None, language: str = "en") -> str:
    if first is None or last is None:
        return ""
    if first == last:
        return long_date(first, language)
    return f"{long_date(first, language)} – {long_date(last, language)}"


def strip_dateline(text: str) -> str:
    """The lede without its wire opening ("ANKARA, June 6, 2024 (Reuters) -"), which says
    again what the listing's date and source already say."""
    from digest.extract.dates import _in_paragraph

    text = " ".join(text.split())
    found = _in_paragraph(text)
    if found is None:
        return text
    dateline, length = found
    if dateline.whole_paragraph:
        return ""
    rest = text[length:].lstrip(" -\u2013\u2014")
    return rest[:1].upper() + rest[1:] if rest else text


def lede(text: str, words: int = LEDE_WORDS) -> str:
    """At most `words` words of plain text, cut at a word and marked with an ellipsis."""
    text = strip_dateline(text or "")
    parts = text.split()
    if len(parts) <= words:
        return text
    cut = " ".join(parts[:words]).rstrip(",;:-\u2013\u2014")
    return cut + "\u2026"


def fold(text: str) -> str:
    """Case and accents aside, for sorting: "Özil" sorts with "Ozil"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def surname_first(name: str) -> bool:
    """"Xi Jinping", "Li Wei", "Kim Jong Un", "Moon Jae-in"."""
    parts = name.split()
    if len(parts) < 2 or not all(p[:1].isupper() for p in parts):
        return False
    head = parts[0].casefold()
    if head in SURNAME_FIRST and len(parts) <= 3:
        given = parts[1:]
        # A romanized given name is one or two syllable-words ("Jinping", "Xiao-ming"),
        # not an initial ("Li K.").
        return all(len(g.rstrip(".")) > 1 for g in given)
    if head in KOREAN_SURNAMES:
        return len(parts) == 3 or "-" in parts[1]
    return False


@functools.lru_cache(maxsize=1 << 17)  # nameparser takes ~1 ms a name; listings sort often
def person_sort_key(name: str, sort_as: str | None = None) -> tuple[str, str, str]:
    """Surname, then given names: "de Vries" and "van der Berg" under V and B, "Xi Jinping"
    under X, titles and suffixes aside. A curator's `sort_as:` ("Surname Given") wins."""
    if sort_as:
        return (fold(sort_as), "", name)
    if surname_first(name):
        head, _, rest = name.partition(" ")
        return (fold(head), fold(rest), name)
    parsed = HumanName(name)
    if not parsed.last:  # one word: "Lindqvist", "Madonna"
        return (fold(parsed.first or name), "", name)
    last = parsed.last
    words = last.split()
    # Particles ("de", "van der", "von") go after the surname for sorting.
    while len(words) > 1 and words[0][:1].islower():
        words = words[1:]
    surname = " ".join(words)
    given = " ".join(x for x in (parsed.first, parsed.middle) if x)
    return (fold(surname), fold(given), name)


def initial(key: str) -> str:
    """The A-Z heading a sort key falls under; digits and other scripts under "#"."""
    first = key[:1].upper()
    return first if "A" <= first <= "Z" else "#"
