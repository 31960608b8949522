"""Time: when an article was published, the dateline it opens with, and the dates it mentions.

The publication date is only ever taken from something that states it (the curator, the file
name, a dated dateline), never guessed from the body or the file's mtime. Dates mentioned are
spaCy's DATE entities, each normalized on its own with python-dateutil, with relative ones
("Wednesday", "in March", "a decade ago") resolved against the publication date. Durations
("six months", "the past week") are not dates and are dropped."""
from __future__ import annotations

import bisect
import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

from dateutil import parser as dateutil_parser
from dateutil.relativedelta import relativedelta

from digest.model import Dateline, DateMention, Seed

# Jekyll and Hugo put the date first in a post's file name: 2024-05-16-title.md.
FILENAME_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")

MONTHS: dict[str, int] = {}
for _number in range(1, 13):
    MONTHS[calendar.month_name[_number].lower()] = _number
    MONTHS[calendar.month_abbr[_number].lower()] = _number
MONTHS["sept"] = 9
WEEKDAYS: dict[str, int] = {}
for _number in range(7):
    WEEKDAYS[calendar.day_name[_number].lower()] = _number
    WEEKDAYS[calendar.day_abbr[_number].lower()] = _number
WEEKDAYS.update({"tues": 1, "thur": 3, "thurs": 3})

_MONTH_RE = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
             r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_WEEKDAY_RE = (r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|nesday|sday|rsday|urday)?"
               r"\.?")
_DAY_RE = r"\d{1,2}(?:st|nd|rd|th)?"
# The date of a dateline: 1996-08-30, Aug 30[, 1996], 30 August[ 1996], maybe after a weekday.
_DATE_RE = (rf"(?:(?i:{_WEEKDAY_RE}),?\s+)?"
            rf"(?:(?P<iy>\d{{4}})-(?P<im>\d{{1,2}})-(?P<id>\d{{1,2}})"
            rf"|(?P<m1>(?i:{_MONTH_RE}))\s+(?P<d1>{_DAY_RE})(?:,?\s+(?P<y1>\d{{4}}))?"
            rf"|(?P<d2>{_DAY_RE})\s+(?P<m2>(?i:{_MONTH_RE}))(?:,?\s+(?P<y2>\d{{4}}))?)")
# A place: capitalized words (no digits, not a month or weekday), comma-separated parts allowed
# ("ST. LOUIS, Mo."). Checked further in `_plausible_place`.
_WORD_RE = (rf"(?!(?i:{_MONTH_RE}|{_WEEKDAY_RE})\b)[^\W\d_][^\s\d,()]*")
_PLACE_RE = rf"(?P<place>{_WORD_RE}(?:(?:\s+|,\s*){_WORD_RE}){{0,5}})"
_AGENCY_RE = r"\((?P<agency>[^\W\d_][^()\d]{0,30})\)"
_DASH_RE = r"(?:--?|\u2013|\u2014)"
WHOLE_DATELINE = re.compile(rf"{_PLACE_RE}(?P<sep>,?\s+){_DATE_RE}\s*\.?\s*")
DATE_ONLY = re.compile(rf"{_DATE_RE}\s*\.?")
PLACE_ONLY = re.compile(rf"{_PLACE_RE}\s*")
# The date may also follow the agency: "LONDON (Reuters), Aug 30 -" (groups named b...).
_LATE_DATE_RE = _DATE_RE.replace("?P<", "?P<b")
PREFIX_DATELINE = re.compile(rf"{_PLACE_RE}(?P<sep>,?\s*)(?:{_DATE_RE})?(?:\s*{_AGENCY_RE})?"
                             rf"(?:,\s*{_LATE_DATE_RE})?\s*{_DASH_RE}\s+(?=\S)")


def _plausible_place(place: str, comma: bool) -> bool:
    """An ALL-CAPS place ("LONDON", "ST. LOUIS, Mo.") or, when a comma sets it off from the
    date, a capitalized one ("Washington, Aug 30"): rules out an opening like "On Aug 30 -"."""
    head = place.split(",")[0]
    letters = [c for c in head if c.isalpha()]
    if not letters or len(place) > 40:
        return False
    words = [w for w in re.split(r"[\s,]+", place.strip()) if w]
    # Every word capitalized, bar short particles inside: "Rio de Janeiro", "Dar es Salaam".
    if not (words[0][0].isupper() and words[-1][0].isupper() and all(
            w[0].isupper() or (len(w) <= 3 and w.isalpha()) for w in words)):
        return False
    if all(c.isupper() for c in letters) and len(letters) >= 2:
        return True
    return comma


def _date_fields(match: re.Match, prefix: str = "") -> tuple[int | None, int | None, int | None]:
    group = lambda name: match.group(prefix + name)  # noqa: E731
    if group("iy"):
        return int(group("iy")), int(group("im")), int(group("id"))
    for i in ("1", "2"):
        if group("m" + i):
            year = group("y" + i)
            day = int(re.match(r"\d+", group("d" + i)).group())
            return (int(year) if year else None), MONTHS[group("m" + i).rstrip(".").lower()], day
    return None, None, None


@dataclass(frozen=True)
class Located:
    """A dateline and where it sits: paragraphs [first, last] hold it, the last one only up
    to `length` characters (the whole of it when the dateline is whole paragraphs)."""

    dateline: Dateline
    first: int
    last: int
    length: int


def _checked(place: str, fields: tuple[int | None, int | None, int | None], text: str,
             whole: bool) -> Dateline:
    year, month, day = fields
    if year and month and day:
        try:
            dt.date(year, month, day)
        except ValueError:
            year = month = day = None
    elif month and day:
        try:
            dt.date(2000, month, day)  # a leap year: February 29 is a real day
        except ValueError:
            month = day = None
    return Dateline(place=place, year=year, month=month, day=day, text=text,
                    whole_paragraph=whole)


def _in_paragraph(paragraph: str) -> tuple[Dateline, int] | None:
    """A dateline that is the whole paragraph, or its prefix ending in a dash."""
    match = WHOLE_DATELINE.fullmatch(paragraph)
    whole = match is not None
    prefix = ""
    if match is None:
        match = PREFIX_DATELINE.match(paragraph)
        if match is None:
            return None
        if match.group("biy") or match.group("bm1") or match.group("bm2"):
            prefix = "b"
        elif not (match.group("iy") or match.group("m1") or match.group("m2")
                  or match.group("agency")):
            return None  # "BREAKING - ...": a capitalized word and a dash is not a dateline
    place = match.group("place").strip().rstrip(",").strip()
    dated_after_comma = "," in match.group("sep") and bool(
        match.group("iy") or match.group("m1") or match.group("m2"))
    if not _plausible_place(place, dated_after_comma):
        return None
    text = match.group(0).strip()
    return _checked(place, _date_fields(match, prefix), text, whole), len(match.group(0))


def _split(place_line: str, date_line: str) -> Dateline | None:
    """Place and date on lines of their own: "FARMINGTON HILLS, Mich." then "1996-08-30"."""
    date = DATE_ONLY.fullmatch(date_line)
    if date is None or not PLACE_ONLY.fullmatch(place_line):
        return None
    place = place_line.strip().rstrip(",").strip()
    if not _plausible_place(place, False):
        return None
    return _checked(place, _date_fields(date), f"{place_line.strip()} {date_line.strip()}", True)


def _byline(paragraph: str) -> bool:
    """A short line that may stand between headline and dateline: "By Jane Doe", a name."""
    words = paragraph.split()
    return 0 < len(words) <= 6 and not re.search(r"\d|[.!?:;\"\u201d]$", paragraph)


def _place_alone(paragraph: str) -> Dateline | None:
    """An undated dateline standing alone: "FARMINGTON HILLS, Mich." (a comma and a region),
    or a lone ALL-CAPS place the gazetteer knows ("LONDON")."""
    if not PLACE_ONLY.fullmatch(paragraph):
        return None
    place = paragraph.strip().rstrip(",.").strip() if "," not in paragraph else \
        paragraph.strip().rstrip(",").strip()
    head = place.split(",")[0].strip()
    letters = [c for c in head if c.isalpha()]
    if len(letters) < 3 or not all(c.isupper() for c in letters) or \
            not _plausible_place(place, False):
        return None
    if "," not in place:
        from digest.extract.gazetteer import gazetteer  # built once per process

        if gazetteer().lookup(head) is None:
            return None
    return _checked(place, (None, None, None), paragraph.strip(), True)


def locate_dateline(seed: Seed) -> Located | None:
    """The dateline opens the body, after at most a byline or two; wire copy also sets the
    place and the date on lines of their own, or the place alone. The one dateline finder:
    entities, dates and the lede all read it."""
    paragraphs = [p.strip() for p in seed.paragraphs[:4]]
    for index, paragraph in enumerate(paragraphs[:3]):
        found = _in_paragraph(paragraph)
        if found:
            dateline, length = found
            return Located(dateline, index, index, len(paragraph) if dateline.whole_paragraph
                           else length)
        if index + 1 < len(paragraphs):
            dateline = _split(paragraph, paragraphs[index + 1])
            if dateline:
                return Located(dateline, index, index + 1, len(paragraphs[index + 1]))
        alone = _place_alone(paragraph)
        if alone is not None:
            return Located(alone, index, index, len(paragraph))
        if not _byline(paragraph):
            return None
    return None


def find_dateline(seed: Seed) -> Dateline | None:
    """The dateline at the start of the body: a whole paragraph ("LONDON 1996-08-30"), or a
    prefix ending in a dash ("JAKARTA, April 8 -")."""
    located = locate_dateline(seed)
    return located.dateline if located else None


def publication_date(seed: Seed, dateline: Dateline | None) -> tuple[dt.date | None, str | None]:
    """The first stated date wins: curator metadata, the file name, a dated dateline."""
    meta_date = seed.meta.get("date")
    if isinstance(meta_date, dt.datetime):
        meta_date = meta_date.date()
    if isinstance(meta_date, dt.date):
        return meta_date, "curator"
    for match in FILENAME_DATE.finditer(seed.name):
        try:
            return dt.date(*map(int, match.groups())), "filename"
        except ValueError:
            continue
    if dateline is not None and dateline.date:
        return dateline.date, "dateline"
    return None, None


# ---------------------------------------------------------------------------------------------
# Dates mentioned

NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
           "a couple of": 2, "a couple": 2, "couple of": 2, "a dozen": 12, "dozen": 12}
# Words that qualify a date without changing which day, month or year it names.
LEADING = re.compile(r"^(?:the|in|on|at|by|since|until|till|from|during|around|about|before|"
                     r"after|as of|as early as|as late as|early|late|mid|mid-|earlier|later|"
                     r"nearly|almost|roughly|some|"
                     r"(?:end|beginning|start|middle|close|turn|spring|summer|autumn|fall|winter|"
                     r"first half|second half) of|spring|summer|autumn|fall|winter)"
                     r"(?:\s+|(?<=-))")
TRAILING = re.compile(r"(?:\s+(?:morning|afternoon|evening|night|overnight))$|'s$")
UNIT = r"(day|week|month|year|decade|centur(?:y|ie))s?"
AGO = re.compile(rf"^(\d+|{'|'.join(sorted(NUMBERS, key=len, reverse=True))})\s+{UNIT}\s+ago$")
RELATIVE_PERIOD = re.compile(r"^(this|last|next|the previous|the next|the last)\s+(year|month)$")
WEEKDAY_PHRASE = re.compile(r"^(?:(last|this|next|this past|this coming|past|coming)\s+)?"
                            r"([a-z]+)\.?$")
# Durations and vague spans: "six months", "the past week", "recent years", "weekends".
DURATION_WORD = re.compile(rf"\b(?:{UNIT}|weekends?|hours?|minutes?|seconds?|quarters?|"
                           r"seasons?|times?|period|era|ages?|recently|now|then|once)\b")
DAYS_OF = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}
ABSOLUTE_TOKEN = re.compile(r"\d{4}|\d{1,2}(?:st|nd|rd|th)?|[a-z]+\.?|,|of|the")


def _clean(text: str) -> str:
    text = text.lower().replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    text = re.sub(r"\s+", " ", text).strip(" .,;:")
    previous = None
    while previous != text:
        previous = text
        text = LEADING.sub("", text).strip()
        text = TRAILING.sub("", text).strip()
    return text


def _closest(published: dt.date, month: int, day: int,
             weekday: int | None = None) -> dt.date | None:
    """A day and month without a year: the occurrence nearest the publication date, among
    those on the weekday given with it, if any ("Friday, Aug. 30")."""
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    if weekday is not None and any(d.weekday() == weekday for d in candidates):
        candidates = [d for d in candidates if d.weekday() == weekday]
    if not candidates:
        return None
    return min(candidates, key=lambda d: (abs((d - published).days), d))


def _weekday(published: dt.date, weekday: int, qualifier: str | None) -> dt.date | None:
    """A weekday names one of the six days up to and including the publication date; the
    seventh (the day after the publication's weekday) is ambiguous, last week or tomorrow,
    unless "last" or "next" says which."""
    back = (published.weekday() - weekday) % 7
    if qualifier in ("last", "this past", "past"):
        return published - dt.timedelta(days=back or 7)
    if qualifier in ("next", "this coming", "coming"):
        return published + dt.timedelta(days=(weekday - published.weekday()) % 7 or 7)
    if back <= 5:
        return published - dt.timedelta(days=back)
    return None


@functools.lru_cache(maxsize=4096)
def _parse_twice(text: str) -> tuple[dt.datetime, dt.datetime] | None:
    """dateutil's reading of the text with two different defaults, which shows the fields
    it found in the text itself; None when it cannot read it. It depends on the text alone,
    and the same few expressions ("Monday", "March 3") recur in every article: kept."""
    try:
        return (dateutil_parser.parse(text, default=dt.datetime(2000, 1, 1)),
                dateutil_parser.parse(text, default=dt.datetime(2004, 2, 2)))
    except (ValueError, OverflowError):
        return None


def _absolute(text: str, published: dt.date | None) -> tuple[str, str] | None:
    """Month, day and year words only ("February 2022", "Monday, March 4", "1996-08-30"),
    read by dateutil; a missing year or month is taken from the publication date."""
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if iso:
        try:
            return dt.date(*map(int, iso.groups())).isoformat(), "day"
        except ValueError:
            return None
    tokens = ABSOLUTE_TOKEN.findall(text)
    if "".join(tokens).replace(" ", "") != text.replace(" ", ""):
        return None  # something else in there: "1990s", "2022-23", "March and April"
    years = [t for t in tokens if re.fullmatch(r"\d{4}", t)]
    days = [t for t in tokens if re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?", t)]
    words = [t.rstrip(".") for t in tokens if t[0].isalpha() and t not in ("of", "the")]
    months = [w for w in words if w in MONTHS]
    if len(years) > 1 or len(days) > 1 or len(months) > 1:
        return None
    if days and not 1 <= int(re.match(r"\d+", days[0]).group()) <= 31:
        return None  # "September 97": a two-digit year is too ambiguous to read
    if any(w not in MONTHS and w not in WEEKDAYS for w in words):
        return None
    if years and not 1000 <= int(years[0]) <= 2999:
        return None
    if not (years or months) or (days and not months):
        return None
    parsed = _parse_twice(text)
    if parsed is None:
        return None
    first, second = parsed
    has_year, has_month = first.year == second.year, first.month == second.month
    has_day = first.day == second.day and bool(days)
    if has_year and has_month and has_day:
        return first.date().isoformat(), "day"
    if has_year and has_month:
        return f"{first.year:04d}-{first.month:02d}", "month"
    if has_year and not has_month and not days:
        return f"{first.year:04d}", "year"
    if published is None or has_year:
        return None
    if has_month and has_day:
        named = [WEEKDAYS[w] for w in words if w in WEEKDAYS]
        found = _closest(published, first.month, first.day, named[0] if named else None)
        return (found.isoformat(), "day") if found else None
    if has_month:
        year = published.year if first.month <= published.month else published.year - 1
        return f"{year:04d}-{first.month:02d}", "month"
    return None


def normalize(text: str, published: dt.date | None) -> tuple[str, str] | None:
    """One date expression to (value, precision), or None when it is not a date that can be
    placed: a duration, a vague span, or a relative date with no publication date. A date
    that would fall outside the calendar (before year 1, after 9999) is not placed either."""
    try:
        found = _normalize(text, published)
    except (OverflowError, ValueError):  # "yesterday" on 0001-01-01, "tomorrow" on 9999-12-31
        return None
    if found is None or not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", found[0]) \
            or found[0].startswith("0000"):
        return None  # "a century ago" in year 50
    return found


def _normalize(text: str, published: dt.date | None) -> tuple[str, str] | None:
    text = _clean(text)
    if not text:
        return None
    match = AGO.match(text)
    if match:
        if published is None:
            return None
        number = NUMBERS.get(match[1]) or int(match[1])
        unit = match[2]
        if unit == "day":
            return (published - dt.timedelta(days=number)).isoformat(), "day"
        if unit == "month":
            then = published - relativedelta(months=number)
            return f"{then.year:04d}-{then.month:02d}", "month"
        years = {"year": 1, "decade": 10, "century": 100, "centurie": 100}.get(unit)
        if years:
            return f"{published.year - number * years:04d}", "year"
        return None  # "two weeks ago": a week is too loose to name a day
    if text in DAYS_OF:
        if published is None:
            return None
        return (published + dt.timedelta(days=DAYS_OF[text])).isoformat(), "day"
    match = RELATIVE_PERIOD.match(text)
    if match:
        if published is None:
            return None
        step = {"this": 0, "last": -1, "the last": -1, "the previous": -1, "next": 1,
                "the next": 1}[match[1]]
        if match[2] == "year":
            return f"{published.year + step:04d}", "year"
        then = published + relativedelta(months=step)
        return f"{then.year:04d}-{then.month:02d}", "month"
    match = WEEKDAY_PHRASE.match(text)
    if match and match[2] in WEEKDAYS:
        if published is None:
            return None
        found = _weekday(published, WEEKDAYS[match[2]], match[1])
        return (found.isoformat(), "day") if found else None
    if DURATION_WORD.search(text):
        return None
    return _absolute(text, published)


def _bare(value_text: str) -> bool:
    """A lone month or year: "March" or "2022" reads as a date only with its "in"."""
    word = value_text.strip().lower().rstrip(".")
    return word in MONTHS or bool(re.fullmatch(r"\d{4}", word))


def mentioned_dates(doc, seed: Seed, published: dt.date | None) -> list[DateMention]:
    """The dates spaCy finds in the title and body (not the photo caption, not the dateline),
    in first-seen order, each once per sentence."""
    blocks = seed.blocks
    body = [b for b in blocks if b.kind == "paragraph"]
    skip = (0, 0)  # the dateline's characters: its date is the publication date, not a mention
    located = locate_dateline(seed)
    if located is not None:
        last = body[located.last]
        indent = len(last.text) - len(last.text.lstrip())
        skip = (body[located.first].start, last.start + indent + located.length)
    found: list[DateMention] = []
    sentences: list[tuple[int, int]] | None = None
    starts: list[int] = []
    text_of_doc = ""
    seen: set[tuple[str, str]] = set()
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        block = next((b for b in blocks if b.start <= ent.start_char < b.end), None)
        if block is None or ent.end_char > block.end:
            continue  # runs across a paragraph break: not one date as written
        if block.kind == "caption" or skip[0] <= ent.start_char < skip[1]:
            continue
        if ent.label_ == "TIME" and not any(
                w.lower_.rstrip(".") in WEEKDAYS or w.lower_ in DAYS_OF for w in ent):
            continue  # "10 a.m." is a time of day, not a date
        normalized = normalize(ent.text, published)
        if normalized is None:
            continue
        value, precision = normalized
        text = ent.text.strip()
        if _bare(text) and ent.start > 0 and doc[ent.start - 1].lower_ == "in" \
                and doc[ent.start - 1].idx >= block.start:
            text = f"in {text}"
        # ent.sent re-checks the whole Doc on every call; one pass over doc.sents is enough.
        if sentences is None:
            sentences = [(sent.start_char, sent.end_char) for sent in doc.sents]
            text_of_doc = seed.text  # what doc was made from (doc.text re-joins every token)
            starts = [start for start, _ in sentences]
        sent_start, sent_end = sentences[max(0, bisect.bisect_right(starts, ent.start_char) - 1)]
        start, end = max(sent_start, block.start), min(sent_end, block.end)
        sentence = text_of_doc[start:end].strip()
        if (value, sentence) in seen:
            continue
        seen.add((value, sentence))
        found.append(DateMention(text=text, value=value, precision=precision, sentence=sentence))
    return found
