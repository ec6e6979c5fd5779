"""Normalise one date expression against a publication date: our rules first, dateparser after.

Values are ISO dates; the precision says how much of the value to trust:

* day: the date itself ("April 16", "Saturday", "yesterday");
* week: the MONDAY of that ISO week ("last week" in an article of Sunday 2014-04-13 -> 2014-03-31);
* month: the first day of the month ("in February" -> 2014-02-01);
* year: January 1st of the year ("in 2013" -> 2013-01-01); a quarter or a season is given as its
  year too, its first day as value, and the quarter or season in the label (``quarter:Q3``); a
  decade ("the early 1980s") is its first year with ``decade:decade``; a weekend is its week with
  ``...:WE`` in the label;
* unknown: value None ("recently", "within days", or a relative expression without a publication
  date).

The rules cover what news text says most and are cheap; dateparser (slow, and weak on weekday
direction and quarters) is only asked about what no rule reads.
"""

from __future__ import annotations

import datetime as dt
import logging
import re

import dateparser

from tidings.model import TimeValue
from tidings.times._calendar import rule_decade, rule_holiday, rule_spoken_year, spoken_year
from tidings.times._parts import rule_century, rule_half, rule_season_of, rule_week_of
from tidings.times._patterns import MONTHS, NUMBERS, ORDINALS, PARTS_OF_DAY, PATTERNS, SEASONS, WEEKDAYS

log = logging.getLogger(__name__)

#: Clause tenses `normalise_date` understands; see `tidings.times._tense.clause_tense`.
TENSES = ("past", "present", "future")
_LEADING = re.compile(r"(?i)^(?:on|in|at|since|by|during|until|from|of)\s+")
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_VAGUE_FUTURE = ("soon", "as soon as possible", "the future", "future", "within", "coming", "next few",
                 "the near", "the short", "a later", "someday", "some day", "one day")
_VAGUE_PRESENT = ("now", "currently", "current", "nowadays", "these days")
_UNKNOWN = TimeValue(None, "unknown")
#: A past-tense month-day up to this many days after publication keeps the publication year:
#: publication dates are often a time zone or an update late ("said on April 17" dated April 16).
FUTURE_GRACE_DAYS = 62
#: A past-tense month name keeps the publication year up to the next month only ("said in
#: November", written on October 31); two months ahead it is last year's ("changed in December").
FUTURE_GRACE_MONTH_DAYS = 31


def normalise_date(text: str, published: str | None, tense: str = "past") -> TimeValue:
    """Resolve a date expression; relative ones need `published` (ISO date) and are None without it.

    `tense` ("past", "present", "future") is the tense of the clause the expression sits in: it
    chooses which way a bare weekday or a month-day without a year points.
    """
    return resolve(text, published, tense)[0]


_ISO_MONTH = re.compile(r"^\d{4}-\d{2}$")


def parse_published(published: str | None) -> dt.date | None:
    """The publication date from an ISO string (a datetime's date part is enough), or None.

    A month-only date ("2015-05") gives the middle of the month (`published_precision` says it is
    a month), so that "on Monday" or "last week", read to the month at most, stay inside it.
    """
    if not published:
        return None
    try:
        if _ISO_MONTH.match(published):
            return dt.date.fromisoformat(published + "-15")
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        log.warning("publication date %r is not an ISO date; relative dates stay unresolved", published)
        return None


def published_precision(published: str | None) -> str:
    """"day" for an ISO day, "month" for a month-only date, "unknown" for anything else."""
    if parse_published(published) is None:
        return "unknown"
    return "month" if _ISO_MONTH.match(published or "") else "day"


def resolve(text: str, published: str | None, tense: str = "past") -> tuple[TimeValue, str]:
    """`normalise_date` plus the rule that decided it (kept in `Mention.label`)."""
    pub = parse_published(published)
    cleaned = _LEADING.sub("", text.strip())
    for kind, pattern in PATTERNS.items():
        match = pattern.fullmatch(cleaned)
        if match is None:
            continue
        try:
            value, extra = _RULES[kind](match, pub, tense)
        except ValueError:  # "February 30": no such day
            return _UNKNOWN, kind
        return value, f"{kind}:{extra}" if extra else kind
    return _with_dateparser(cleaned, pub, tense), "dateparser"


def _day(date: dt.date) -> TimeValue:
    return TimeValue(date.isoformat(), "day")


def _week(date: dt.date) -> TimeValue:
    return TimeValue((date - dt.timedelta(days=date.weekday())).isoformat(), "week")


def _month(year: int, month: int) -> TimeValue:
    return TimeValue(dt.date(year, month, 1).isoformat(), "month")


def _year(year: int) -> TimeValue:
    return TimeValue(dt.date(year, 1, 1).isoformat(), "year")


def _month_number(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _shift_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _rule_iso(m: re.Match[str], pub: dt.date | None, tense: str) -> tuple[TimeValue, str]:
    return _day(dt.date(int(m["y"]), int(m["m"]), int(m["d"]))), ""


def _rule_month_day(m: re.Match[str], pub: dt.date | None, tense: str) -> tuple[TimeValue, str]:
    month, day = _month_number(m["mon"]), int(re.sub(r"\D", "", m["d"]))
    if m["y"]:
        return _day(dt.date(int(m["y"]), month, day)), ""
    if pub is None:
        return _UNKNOWN, "no-year"
    date = dt.date(pub.year, month, day)
    if tense == "past" and (date - pub).days > FUTURE_GRACE_DAYS:
        date = dt.date(pub.year - 1, month, day)  # a past event cannot be after publication
    elif tense == "future" and (pub - date).days > 31:
        date = dt.date(pub.year + 1, month, day)  # "will meet on Jan. 5", written in December
    return _day(date), ""


def _rule_month_year(m: re.Match[str], pub: dt.date | None, tense: str) -> tuple[TimeValue, str]:
    if m["y"]:
        return _month(int(m["y"]), _month_number(m["mon"])), ""
    if m["spoken"]:  # "January nineteen ninety-seven" (radio transcripts)
        year = spoken_year(m["spoken"])
        return (_month(year, _month_number(m["mon"])), "") if year else (_UNKNOWN, "")
    if pub is None:
        return _UNKNOWN, ""
    step = {"last": -1, "next": 1}.get(m["yrel"].lower(), 0)
    return _month(pub.year + step, _month_number(m["mon"])), ""


def _rule_weekday(m: re.Match[str], pub: dt.date | None, tense: str) -> tuple[TimeValue, str]:
    value, direction = _weekday_value(m, pub, tense)
    part = PARTS_OF_DAY.get((m["part"] or "").lower())
    return value, f"{direction}:{part}" if part else direction


def _weekday_value(m: re.Match[str], pub: dt.date | None, tense: str) -> tuple[TimeValue, str]:
    if pub is None:
        return _UNKNOWN, ""
    target = WEEKDAYS[m["wd"].lower()]
    rel = (m["rel"] or "").lower()
    back = (pub.weekday() - target) % 7
    forward = (target - pub.weekday()) % 7
    if rel in ("last", "the previous"):  # "the previous Friday" may be re-read from the text's last day
        return _day(pub - dt.timedelta(days=back or 7)), "last" if rel == "last" else "previous"
    if rel in ("next", "the following"):
        return _day(pub + dt.timedelta(days=forward or 7)), "next" if rel == "next" else "following"
    if rel in ("this", "coming") or tense != "past":
        return _day(pub + dt.timedelta(days=forward)), "forward"
    return _day(pub - dt.timedelta(days=back)), "back"


def _rule_deictic(m: re.Match[str], pub: dt.date | None, tense: str) -> tuple[TimeValue, str]:
    if pub is None:
        return _UNKNOWN, ""
    word = m["w"].lower()
    offset = -1 if word.startswith("yesterday") else 1 if word.startswith("tomorrow") else 0
    return _day(pub + dt.timedelta(days=offset)), ""


def _rule_ago(m: re.Match[str], pub: dt.date | None, tense: str) -> tuple[TimeValue, str]:
    amount = m["n"].lower()
    sign = 1 if m["dir"].lower() in ("later", "from now") else -1
    if amount in ("a few", "several", "few"):  # "several years ago": TimeML's PAST_REF
        return _UNKNOWN, "future" if sign > 0 else "past"
    if pub is None:
        return _UNKNOWN, ""
    n = int(amount) if amount.isdigit() else NUMBERS[amount]
    unit = m["unit"].lower().rstrip("s")
    if unit == "day":
        return _day(pub + dt.timedelta(days=sign * n)), ""
    if unit == "week":
        return _week(pub + dt.timedelta(weeks=sign * n)), ""
    if unit == "month":
        return _month(*_shift_months(pub.year, pub.month, sign * n)), ""
    return _year(pub.year + sign * n), "period" if n == 1 and sign < 0 else ""


def _rule_period(m: re.Match[str], pub: dt.date | None, tense: str) -> tuple[TimeValue, str]:
    if m["y"]:
        return _year(int(m["y"])), "period"
    if pub is None:
        return _UNKNOWN, ""
    return _year(pub.year - 1), "period"


def quarter_value(year: int, quarter: int) -> tuple[TimeValue, str]:
    """A quarter as its first day with year precision, and its label extra ("Q3")."""
    while quarter < 1:
        year, quarter = year - 1, quarter + 4
    return TimeValue(dt.date(year, 3 * quarter - 2, 1).isoformat(), "year"), f"Q{quarter}"


def _rule_quarter(m: re.Match[str], pub: dt.date | None, tense: str) -> tuple[TimeValue, str]:
    if pub is None:
        return _UNKNOWN, ""
    current = (pub.month - 1) // 3 + 1
    if m["ord"]:
        quarter = ORDINALS[m["ord"].lower()]
        if m["qy"] or m["qy2"]:
            return quarter_value(int(m["qy"] or m["qy2"]), quarter)
        if m["ago"]:
            return quarter_value(pub.year - 1, quarter)
        if m["this"] or m["next"]:
            return quarter_value(pub.year + (1 if m["next"] else 0), quarter)
        past_year = tense == "past" or tense == "present"
        year = pub.year - 1 if past_year and quarter > current else pub.year
        return quarter_value(year, quarter)
    rel = (m["rel"] or "latest").lower()
    if rel in ("current", "this"):
        return quarter_value(pub.year, current)
    if rel in ("year-earlier", "year-ago"):
        return quarter_value(pub.year - 1, current - 1)
    return quarter_value(pub.year, current - 1)  # latest / last / previous / "the quarter"


def _rule_relative(m: re.Match[str], pub: dt.date | None, tense: str) -> tuple[TimeValue, str]:
    if pub is None:
        return _UNKNOWN, ""
    rel = m["rel"].lower()
    step = -1 if rel in ("last", "the previous", "the past", "this past") else 1 if rel in ("next", "the coming") else 0
    unit = m["unit"].lower()
    if unit in ("week", "weekend"):
        edge = (m["edge"] or "").lower()
        if step == 0 and pub.weekday() == 6 and (edge == "later" or tense == "future"):
            step = 1  # written on a Sunday, "later this week" is the week that starts tomorrow
        return _week(pub + dt.timedelta(weeks=step)), "WE" if unit == "weekend" else ""
    if unit == "month":
        return _month(*_shift_months(pub.year, pub.month, step)), ""
    if unit == "year":
        return _year(pub.year + step), ""
    season = SEASONS[unit]
    start = _SEASON_START[season]
    year = pub.year
    if step < 0 and start + 3 > pub.month:
        year -= 1
    elif step > 0 and start <= pub.month:
        year += 1
    return TimeValue(dt.date(year, start, 1).isoformat(), "year"), season


def _rule_the_season(m: re.Match[str], pub: dt.date | None, tense: str) -> tuple[TimeValue, str]:
    """"Over the summer": the last one in a past clause, the next one in a future clause."""
    if pub is None:
        return _UNKNOWN, ""
    season = SEASONS[m["unit"].lower()]
    start = _SEASON_START[season]
    if tense == "future":
        year = pub.year if start + 2 >= pub.month else pub.year + 1
    else:
        year = pub.year if start <= pub.month else pub.year - 1
    return TimeValue(dt.date(year, start, 1).isoformat(), "year"), season


def _rule_anaphor(m: re.Match[str], pub: dt.date | None, tense: str) -> tuple[TimeValue, str]:
    """Unresolved here: the document pass reads it from the date mentioned before it."""
    unit = (m["unit"] or m["unit2"]).lower().replace("morning", "day")
    step = {"following": 1, "next": 1, "previous": -1}.get((m["step"] or "").lower(), 0)
    return _UNKNOWN, f"{unit}{step:+d}"


def _rule_the_year(m: re.Match[str], pub: dt.date | None, tense: str) -> tuple[TimeValue, str]:
    return (_year(pub.year), "") if pub is not None else (_UNKNOWN, "")


def _rule_weekend(m: re.Match[str], pub: dt.date | None, tense: str) -> tuple[TimeValue, str]:
    """"Over the weekend": the last one in a past clause (this one when written on it), else the next."""
    if pub is None:
        return _UNKNOWN, ""
    on_weekend = pub.weekday() >= 5
    if tense == "past":
        step = 0 if on_weekend else -1
    else:
        step = 1 if pub.weekday() == 6 else 0
    return _week(pub + dt.timedelta(weeks=step)), "WE"


def _rule_month(m: re.Match[str], pub: dt.date | None, tense: str) -> tuple[TimeValue, str]:
    if pub is None:
        return _UNKNOWN, ""
    month = _month_number(m["mon"])
    edge = (m["edge"] or "").lower()
    if edge == "last":
        year = pub.year if month < pub.month else pub.year - 1
    elif edge == "this":
        year = pub.year  # "this September" is in the publication year, whichever way the clause points
    elif edge != "next" and tense == "past":
        ahead = (dt.date(pub.year, month, 1) - dt.date(pub.year, pub.month, 1)).days
        year = pub.year if ahead <= FUTURE_GRACE_MONTH_DAYS else pub.year - 1
    elif edge == "next" or tense == "future":
        year = pub.year if month > pub.month or (edge != "next" and month == pub.month) else pub.year + 1
    else:  # a present clause points neither way: the nearest such month
        year = min((pub.year - 1, pub.year, pub.year + 1),
                   key=lambda y: abs((y - pub.year) * 12 + month - pub.month))
    return _month(year, month), ""


def _rule_year(m: re.Match[str], pub: dt.date | None, tense: str) -> tuple[TimeValue, str]:
    return _year(int(m["y"])), ""


def _rule_vague(m: re.Match[str], pub: dt.date | None, tense: str) -> tuple[TimeValue, str]:
    word = m["w"].lower()
    if word.startswith(_VAGUE_FUTURE) or any(w in word for w in ("coming", "next few")):
        return _UNKNOWN, "future"
    if word in _VAGUE_PRESENT:
        return _UNKNOWN, "present"
    return _UNKNOWN, "past"


_RULES = {
    "iso": _rule_iso, "slash": _rule_iso, "month_day": _rule_month_day, "day_month": _rule_month_day,
    "month_year": _rule_month_year, "weekday": _rule_weekday, "deictic": _rule_deictic,
    "ago": _rule_ago, "quarter": _rule_quarter, "period": _rule_period, "relative": _rule_relative,
    "weekend": _rule_weekend, "the_year": _rule_the_year,
    "the_season": _rule_the_season, "anaphor": _rule_anaphor, "month": _rule_month,
    "year": _rule_year, "vague": _rule_vague, "holiday": rule_holiday, "decade": rule_decade,
    "spoken_year": rule_spoken_year, "half": rule_half, "season_of": rule_season_of,
    "week_of": rule_week_of, "century": rule_century,
}

_HAS_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_PERIODS = {"day": "day", "week": "week", "month": "month", "year": "year", "time": "day"}


def _with_dateparser(text: str, pub: dt.date | None, tense: str) -> TimeValue:
    """Ask dateparser about an expression no rule reads; without a publication date only text
    that names its year is trusted (dateparser would silently resolve against today)."""
    if pub is None and not _HAS_YEAR.search(text):
        return _UNKNOWN
    prefer = {"past": "past", "future": "future"}.get(tense, "current_period")
    settings = {"PREFER_DATES_FROM": prefer, "RETURN_TIME_AS_PERIOD": True}
    if pub is not None:
        settings["RELATIVE_BASE"] = dt.datetime(pub.year, pub.month, pub.day)
    parser = dateparser.DateDataParser(languages=["en"], settings=settings)
    data = parser.get_date_data(text)
    if data.date_obj is None:
        return _UNKNOWN
    date = data.date_obj.date()
    precision = _PERIODS.get(data.period or "day", "day")
    if precision == "week":
        return _week(date)
    if precision == "month":
        return _month(date.year, date.month)
    if precision == "year":
        return _year(date.year)
    return _day(date)
