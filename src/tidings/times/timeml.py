"""TimeML's notation for what an ISO day and a precision cannot say: quarters, halves, seasons and
weekends written after their year or week ("1989-Q3", "2014-W15-WE"), and the REF values of
expressions that name no date ("now" PRESENT_REF, "recently" PAST_REF, "in the future" FUTURE_REF).

Mentions carry these values as TimeML writes them; `iso_value` turns them back into an ISO first
day for what needs a date (an event's date), and gives None for a REF value: it dates nothing.
"""

from __future__ import annotations

import datetime as dt
import re

from tidings.model import TimeValue

#: TimeML's values for expressions that name no date ("now", "recently", "in the future"), by the
#: direction `_rule_vague` reads; a mention carries them as its value with precision "unknown".
REF_VALUES = {"past": "PAST_REF", "present": "PRESENT_REF", "future": "FUTURE_REF"}
#: Parts of a year TimeML writes after the year ("1989-Q3", "1994-WI"), with their first month.
YEAR_PARTS = {"Q1": 1, "Q2": 4, "Q3": 7, "Q4": 10, "H1": 1, "H2": 7, "SP": 3, "SU": 6, "FA": 9, "WI": 12}
_TIMEML_PART = re.compile(r"^(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|WI)$")
_TIMEML_WEEKEND = re.compile(r"^(\d{4})-W(\d{2})-WE$")


def timeml_value(value: TimeValue, label: str) -> TimeValue:
    """A quarter, half, season or weekend as TimeML writes it ("1989-Q3" at year precision,
    "2014-W15-WE" at week precision), from its ISO first day and the extra of its `label`;
    any other value unchanged. `iso_value` turns it back."""
    extra = label.rsplit(":", 1)[1] if ":" in label else ""
    if value.value is None or not value.value[:1].isdigit():
        return value
    if value.precision == "year" and extra in YEAR_PARTS:
        return TimeValue(f"{value.value[:4]}-{extra}", "year")
    if value.precision == "week" and extra == "WE":
        year, week, _ = dt.date.fromisoformat(value.value).isocalendar()
        return TimeValue(f"{year}-W{week:02d}-WE", "week")
    return value


def iso_value(value: TimeValue) -> TimeValue:
    """The ISO first day of a `timeml_value` ("1989-Q3" -> 1989-07-01, year precision); REF
    values (PRESENT_REF...) give None; ISO values pass unchanged."""
    if value.value is None:
        return value
    part = _TIMEML_PART.match(value.value)
    if part:
        return TimeValue(dt.date(int(part[1]), YEAR_PARTS[part[2]], 1).isoformat(), value.precision)
    weekend = _TIMEML_WEEKEND.match(value.value)
    if weekend:
        return TimeValue(dt.date.fromisocalendar(int(weekend[1]), int(weekend[2]), 1).isoformat(), "week")
    if not value.value[:1].isdigit():
        return TimeValue(None, "unknown")
    return value
