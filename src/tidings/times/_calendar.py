"""Dates named without digits: holidays, decades and years said in words (radio transcripts).

Holidays resolve like a bare month-day: the last one in a past clause, the next one in a future
clause. Decades have no precision of their own, so they are given as their first year with year
precision and ``decade`` in the label; spoken years ("nineteen seventy-nine") are plain years.
"""

from __future__ import annotations

import datetime as dt
import re

from tidings.model import TimeValue

_WORD_NUMBERS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine".split())}
_WORD_TENS = {w: 10 * i for i, w in enumerate(
    "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if w != "_"}
_WORD_DECADES = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60,
                 "seventies": 70, "eighties": 80, "nineties": 90}
_UNKNOWN = TimeValue(None, "unknown")


def _year(year: int) -> TimeValue:
    return TimeValue(dt.date(year, 1, 1).isoformat(), "year")


def easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th `weekday` (0 = Monday) of a month; n = -1 for the last one."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def holiday_date(name: str, year: int) -> dt.date | None:
    """The date of a named holiday in `year` (US calendar for the civic ones), None if unknown."""
    key = re.sub(r"[\s']+", " ", name.lower()).strip()
    if key.startswith("thanksgiving"):
        return _nth_weekday(year, 11, 3, 4)
    if key.startswith("christmas"):
        return dt.date(year, 12, 24 if key.endswith("eve") else 25)
    if key.startswith("new year"):
        return dt.date(year, 12, 31) if key.endswith("eve") else dt.date(year, 1, 1)
    if key.startswith("easter"):
        return easter(year)
    if key.startswith("election"):
        return _nth_weekday(year, 11, 0, 1) + dt.timedelta(days=1)
    if key.startswith("labor"):
        return _nth_weekday(year, 9, 0, 1)
    if key.startswith("memorial"):
        return _nth_weekday(year, 5, 0, -1)
    fixed = {"independence day": (7, 4), "halloween": (10, 31), "valentine s day": (2, 14),
             "valentines day": (2, 14)}
    return dt.date(year, *fixed[key]) if key in fixed else None


def rule_holiday(m: re.Match[str], pub: dt.date | None, tense: str) -> tuple[TimeValue, str]:
    if pub is None:
        return _UNKNOWN, ""
    rel = (m["rel"] or "").lower()
    this_year = holiday_date(m["h"], pub.year)
    if this_year is None:
        return _UNKNOWN, ""
    if m["week"] and not rel and abs((this_year - pub).days) <= 7:
        year = pub.year  # "Easter week", written in it
    elif rel == "last" or (rel != "next" and tense == "past" and this_year > pub):
        year = pub.year - 1 if this_year >= pub else pub.year
    elif rel == "next" or (tense == "future" and this_year < pub):
        year = pub.year + 1 if this_year <= pub else pub.year
    else:
        year = pub.year
    date = holiday_date(m["h"], year)
    if m["week"]:  # "Easter week": the ISO week the holiday falls in
        return TimeValue((date - dt.timedelta(days=date.weekday())).isoformat(), "week"), ""
    return TimeValue(date.isoformat(), "day"), ""


def rule_decade(m: re.Match[str], pub: dt.date | None, tense: str) -> tuple[TimeValue, str]:
    if m["dec"]:
        return _year(int(m["dec"])), "decade"
    short = int(m["short"]) if m["short"] else _WORD_DECADES[m["word"].lower()]
    century = 1900 if pub is None or 1900 + short <= pub.year else 1800
    return _year(century + short), "decade"


def spoken_year(words: str) -> int | None:
    """1979 from "nineteen seventy-nine", 2000 from "two thousand"; None when not a year."""
    parts = re.split(r"[\s-]+", words.lower())
    if parts[:2] == ["two", "thousand"]:
        rest = [p for p in parts[2:] if p != "and"]
        return 2000 + (_WORD_NUMBERS.get(rest[0], 0) if rest else 0)
    if parts[0] != "nineteen":
        return None
    if parts[1:] == ["hundred"]:
        return 1900
    return 1900 + _WORD_TENS.get(parts[1], 0) + (_WORD_NUMBERS.get(parts[2], 0) if len(parts) > 2 else 0)


def rule_spoken_year(m: re.Match[str], pub: dt.date | None, tense: str) -> tuple[TimeValue, str]:
    year = spoken_year(m["spoken"])
    return (_year(year), "") if year else (_UNKNOWN, "")
