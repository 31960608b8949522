"""Publication dates, datelines and dates mentioned (placeholder: replaced by the time work)."""
from __future__ import annotations

import datetime as dt
import re

from ..model import Dateline, DateMention, Seed

FILENAME_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def find_dateline(seed: Seed) -> Dateline | None:
    return None


def publication_date(seed: Seed, dateline: Dateline | None) -> tuple[dt.date | None, str | None]:
    if seed.meta.get("date"):
        return seed.meta["date"], "curator"
    match = FILENAME_DATE.search(seed.name)
    if match:
        try:
            return dt.date(*map(int, match.groups())), "filename"
        except ValueError:
            pass
    if dateline is not None and dateline.date:
        return dateline.date, "dateline"
    return None, None


def mentioned_dates(doc, seed: Seed, published: dt.date | None) -> list[DateMention]:
    return []
