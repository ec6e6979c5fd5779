"""The date a document's relative expressions are read against, and the date of last resort.

News is read against its publication day. A month-only publication date ("2015-05") still places
"in March" or "last year", but not "on Monday": what it resolves finer than a month is cut to the
month. Without any publication date, an absolute date the text names with its year ("on 1 August
2024") is the best stand-in: the latest one, since an article's own news is what it dates last.

A wire dateline ("UNITED NATIONS, March 10 (Xinhua) --") dates the story where it was filed; the
publication date of a page that reprints it is often a day later (a time zone, a repost). A dateline
day from three days before publication up to publication day replaces it as the anchor, so that a
"today" or an "on Friday" of the story are read as its writer meant them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from tidings.model import Mention, TimeValue
from tidings.times._patterns import MONTH, YEAR
from tidings.times.normalise import parse_published, published_precision, resolve

_HAS_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
#: "UNITED NATIONS, March 10 (Xinhua) --", "ISLAMABAD, Feb 26 (APP):", "Kyiv, 3 March 2022 -": a
#: place in capitalised words, a day, an optional agency, a dash or colon; at the start of a line.
_DATELINE = re.compile(
    rf"(?m)^[A-Z][\w.'’-]*(?:[ ,]+[A-Z][\w.'’-]*){{0,4}},\s+"
    rf"(?P<date>{MONTH}\s+{_DAY}|{_DAY}\s+{MONTH})(?:,?\s+(?P<year>{YEAR}))?\s*(?:\([^()\n]{{1,40}}\))?\s*(?:--|—|–|-|:)")
#: How many of the first characters of a text a dateline may start in (after a headline or two).
_DATELINE_REACH = 400
#: A dateline this many days before publication (or fewer) is the story's own day.
DATELINE_LAG_DAYS = 3
UNKNOWN = TimeValue(None, "unknown")


def text_anchor(dated: Iterable[tuple[str, TimeValue]]) -> str | None:
    """The latest day that a (text, value) pair names with its own year, or None."""
    days = [value.value for text, value in dated
            if value.value is not None and value.precision == "day" and _HAS_YEAR.search(text)]
    return max(days, default=None)


def dateline_day(text: str, published: str | None) -> str | None:
    """The ISO day of a wire dateline near the start of `text`, when it lies at most
    `DATELINE_LAG_DAYS` before the publication day (or within a month-only publication date)."""
    match = _DATELINE.search(text[:_DATELINE_REACH])
    if match is None:
        return None
    precision = published_precision(published)
    named = f"{match['date']} {match['year']}" if match["year"] else match["date"]
    value = resolve(named, published if precision != "unknown" else None)[0]
    if value.value is None or value.precision != "day":
        return None
    if precision == "unknown":
        return value.value
    pub = parse_published(published)
    assert pub is not None
    if precision == "month":
        return value.value if value.value[:7] == pub.isoformat()[:7] else None
    lag = (pub - dt.date.fromisoformat(value.value)).days
    return value.value if 0 <= lag <= DATELINE_LAG_DAYS else None


def document_anchor(published: str | None, mentions: list[Mention], text: str | None = None) -> TimeValue:
    """The dateline's day (`dateline_day`, when `text` is given), the publication day (day
    precision), its month (month precision), else the text's anchor (`text_anchor` over
    `mentions`, day precision), else an unknown value."""
    dateline = dateline_day(text, published) if text else None
    if dateline is not None:
        return TimeValue(dateline, "day")
    precision = published_precision(published)
    if precision != "unknown":
        day = parse_published(published)
        assert day is not None
        return capped(TimeValue(day.isoformat(), "day"), precision)
    anchor = text_anchor((m.text, m.time) for m in mentions if m.time is not None)
    return TimeValue(anchor, "day") if anchor else UNKNOWN


def capped(value: TimeValue, precision: str) -> TimeValue:
    """`value` no finer than `precision` ("month" cuts a day or a week to its month)."""
    if precision != "month" or value.value is None or value.precision not in ("day", "week"):
        return value
    return TimeValue(value.value[:7] + "-01", "month")
