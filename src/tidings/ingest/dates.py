"""Publication dates as ISO days (or ISO months when only the month is known), whatever layout a
feed or page wrote them in."""

from __future__ import annotations

import logging
import re
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime

logger = logging.getLogger(__name__)

#: Layouts tried in order after ISO 8601 and RFC 2822; day-first numerics are deliberately absent
#: (04/05/2014 is ambiguous), except with dots, which only day-first locales use.
_LAYOUTS = (
    "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d", "%d.%m.%Y",
    "%B %d, %Y", "%B %d %Y", "%b %d, %Y", "%b %d %Y", "%b. %d, %Y",
    "%d %B %Y", "%d %b %Y", "%d %B, %Y", "%A, %B %d, %Y", "%A %d %B %Y", "%a, %d %b %Y",
)
_ISO_PREFIX = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:$|[T ]\d)")
#: A month without a day: "2015-05", "2015/05", "May 2015", "May, 2015".
_ISO_MONTH = re.compile(r"^(\d{4})[-/](\d{2})$")
_MONTH_LAYOUTS = ("%B %Y", "%b %Y", "%B, %Y", "%b, %Y", "%b. %Y")
_ORDINAL = re.compile(r"(?<=\d)(st|nd|rd|th)\b", re.IGNORECASE)
#: Plausible publication years: guards against epoch milliseconds read as seconds and typos.
_YEARS = range(1800, 2200)


def parse_published(value: object) -> str | None:
    """The ISO date (YYYY-MM-DD) `value` names, its ISO month (YYYY-MM) when it names only a month
    ("2015-05", "May 2015"), or None when it names neither.

    Accepts ISO dates and datetimes (the date part as written, no timezone shift), RFC 2822
    ("Wed, 16 Apr 2014 10:00:00 GMT"), spelled-out dates ("April 16, 2014", "16 April 2014"),
    and Unix timestamps given as numbers.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        try:
            return _checked(datetime.fromtimestamp(float(value), tz=timezone.utc).date())
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    if not text:
        return None
    match = _ISO_PREFIX.match(text)
    if match:
        try:
            return _checked(date(int(match[1]), int(match[2]), int(match[3])))
        except ValueError:
            return None
    try:
        return _checked(parsedate_to_datetime(text).date())
    except (TypeError, ValueError, IndexError):
        pass
    text = _ORDINAL.sub("", text)
    for layout in _LAYOUTS:
        try:
            return _checked(datetime.strptime(text, layout).date())
        except ValueError:
            continue
    return _month_only(text)


def _month_only(text: str) -> str | None:
    """"2015-05" or "May 2015" as "2015-05": a month-only date keeps month precision downstream."""
    match = _ISO_MONTH.match(text)
    if match:
        month = int(match[2])
        return f"{match[1]}-{month:02d}" if 1 <= month <= 12 and int(match[1]) in _YEARS else None
    for layout in _MONTH_LAYOUTS:
        try:
            day = datetime.strptime(text, layout).date()
        except ValueError:
            continue
        return day.isoformat()[:7] if day.year in _YEARS else None
    return None


def normalise_published(value: object, where: str) -> str | None:
    """`parse_published`, logging a warning naming `where` when a value is present but unreadable."""
    parsed = parse_published(value)
    if parsed is None and value not in (None, ""):
        logger.warning("%s: unreadable publication date %r, left empty", where, value)
    return parsed


def _checked(day: date) -> str | None:
    return day.isoformat() if day.year in _YEARS else None
