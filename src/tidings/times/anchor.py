"""The date a document's relative expressions are read against, and the date of last resort.

News is read against its publication day. A month-only publication date ("2015-05") still places
"in March" or "last year", but not "on Monday": what it resolves finer than a month is cut to the
month. Without any publication date, an absolute date the text names with its year ("on 1 August
2024") is the best stand-in: the latest one, since an article's own news is what it dates last.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tidings.model import Mention, TimeValue
from tidings.times.normalise import parse_published, published_precision

_HAS_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
UNKNOWN = TimeValue(None, "unknown")


def text_anchor(dated: Iterable[tuple[str, TimeValue]]) -> str | None:
    """The latest day that a (text, value) pair names with its own year, or None."""
    days = [value.value for text, value in dated
            if value.value is not None and value.precision == "day" and _HAS_YEAR.search(text)]
    return max(days, default=None)


def document_anchor(published: str | None, mentions: list[Mention]) -> TimeValue:
    """The publication day (day precision), its month (month precision), else the text's anchor
    (`text_anchor` over `mentions`, day precision), else an unknown value."""
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
