"""Stretches of time named with what they are part of: "the first half of 1990", "the winter of
1994", "the week of March 6", "the 20th century".

TimeML writes a half or a season after its year ("1990-H1", "1994-WI"), a week as its ISO week and
a century as its first two digits ("19" for the 20th century). Here, as for quarters, a half or a
season is its first day with year precision and its part in the label extra; a week is its Monday
with week precision; a century is its first year with year precision and ``century`` as extra.
"""

from __future__ import annotations

import datetime as dt
import re

from tidings.model import TimeValue
from tidings.times._calendar import spoken_year
from tidings.times._patterns import MONTHS, SEASONS

_UNKNOWN = TimeValue(None, "unknown")
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_CENTURY_WORDS = {"nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty first": 21}


def _named_year(m: re.Match[str], pub: dt.date | None) -> int | None:
    """The year a match names: digits, a spoken year, or this / last / next year."""
    if m.groupdict().get("y"):
        return int(m["y"])
    if m.groupdict().get("spoken"):
        return spoken_year(m["spoken"])
    rel = (m.groupdict().get("rel") or "").lower()
    if pub is None or not rel:
        return None
    return pub.year + {"last": -1, "next": 1}.get(rel, 0)


def rule_half(m: re.Match[str], pub: dt.date | None, tense: str) -> tuple[TimeValue, str]:
    """"the first half of 1990", "the last two quarters of this year"."""
    year = _named_year(m, pub)
    if year is None:
        return _UNKNOWN, ""
    half = 1 if m["ord"].lower() == "first" else 2
    return TimeValue(dt.date(year, 1 if half == 1 else 7, 1).isoformat(), "year"), f"H{half}"


def rule_season_of(m: re.Match[str], pub: dt.date | None, tense: str) -> tuple[TimeValue, str]:
    """"the winter of 1994", "summer 2013"."""
    year = _named_year(m, pub)
    if year is None:
        return _UNKNOWN, ""
    season = SEASONS[m["unit"].lower()]
    return TimeValue(dt.date(year, _SEASON_START[season], 1).isoformat(), "year"), season


def rule_week_of(m: re.Match[str], pub: dt.date | None, tense: str) -> tuple[TimeValue, str]:
    """"the week of March 6": the week that day is in (its year as a bare month-day takes it)."""
    month, day = MONTHS[m["mon"].lower().rstrip(".")], int(re.sub(r"\D", "", m["d"]))
    if m["y"]:
        year = int(m["y"])
    elif pub is not None:
        year = pub.year
    else:
        return _UNKNOWN, ""
    date = dt.date(year, month, day)
    return TimeValue((date - dt.timedelta(days=date.weekday())).isoformat(), "week"), ""


def rule_century(m: re.Match[str], pub: dt.date | None, tense: str) -> tuple[TimeValue, str]:
    """"the 20th century" -> 1900 (TimeML "19"), "the 11th century" -> 1000 (TimeML "10")."""
    number = int(m["n"]) if m["n"] else _CENTURY_WORDS[re.sub(r"\s+", " ", m["word"].lower())]
    if not 1 <= number <= 21:
        return _UNKNOWN, ""
    return TimeValue(f"{(number - 1) * 100:04d}-01-01", "year"), "century"
