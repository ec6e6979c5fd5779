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
#: A numeric date with the day and month in either order ("16/04/2014", "4/16/2014"): read only when
#: one of the two cannot be a month.
_NUMERIC_DMY = re.compile(r"^(\d{1,2})[/-](\d{1,2})[/-](\d{4})(?:$|[T ,]\s*\d)")
#: A Unix time written as text: seconds (10 digits) or milliseconds (13).
_EPOCH = re.compile(r"^\d{10}(?:\d{3})?(?:\.\d+)?$")
_MONTH = (r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
#: A date inside a longer line: "Updated 10:05 AM EDT, Wed April 16, 2014", "Published: 16 April 2014 10.05 BST".
_EMBEDDED = (
    re.compile(r"\b(?P<year>\d{4})([-/.])(?P<month>\d{1,2})\2(?P<day>\d{1,2})\b"),
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b", re.IGNORECASE),
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?{_MONTH},?\s+(?P<year>\d{{4}})\b", re.IGNORECASE),
)
_MONTH_NUMBERS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
#: Plausible publication years: guards against epoch milliseconds read as seconds and typos.
_YEARS = range(1800, 2200)


def parse_published(value: object) -> str | None:
    """The ISO date (YYYY-MM-DD) `value` names, its ISO month (YYYY-MM) when it names only a month
    ("2015-05", "May 2015"), or None when it names neither.

    Accepts ISO dates and datetimes (the date part as written, no timezone shift), RFC 2822
    ("Wed, 16 Apr 2014 10:00:00 GMT"), spelled-out dates ("April 16, 2014", "16 April 2014"), with
    a label or time around them ("Updated 10:05 AM EDT, Wed April 16, 2014"), numeric dates whose
    day cannot be a month ("16/04/2014"; "04/05/2014" is left undated), Unix times (seconds or
    milliseconds, as numbers or digits) and, through dateparser, full dates in other languages.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return _from_epoch(float(value))
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
    if _EPOCH.match(text):
        return _from_epoch(float(text))
    text = _ORDINAL.sub("", text)
    for layout in _LAYOUTS:
        try:
            return _checked(datetime.strptime(text, layout).date())
        except ValueError:
            continue
    return _numeric_day_month(text) or _month_only(text) or _embedded(text) or _other_language(text)


def _from_epoch(seconds: float) -> str | None:
    """A Unix time in seconds, or in milliseconds (JavaScript's, from 13 digits on)."""
    if seconds > 1e11:
        seconds /= 1000
    try:
        return _checked(datetime.fromtimestamp(seconds, tz=timezone.utc).date())
    except (OverflowError, OSError, ValueError):
        return None


def _numeric_day_month(text: str) -> str | None:
    """"16/04/2014" (day first) or "4/16/2014" (month first); None for "04/05/2014", which both read."""
    match = _NUMERIC_DMY.match(text)
    if not match:
        return None
    first, second, year = int(match[1]), int(match[2]), int(match[3])
    if first > 12 >= second:
        day, month = first, second
    elif second > 12 >= first:
        day, month = second, first
    else:
        return None
    try:
        return _checked(date(year, month, day))
    except ValueError:
        return None


def _embedded(text: str) -> str | None:
    """The first full date inside a longer line (a label, a time, a time zone around it)."""
    for pattern in _EMBEDDED:
        match = pattern.search(text)
        if match is None:
            continue
        month = match["month"]
        number = int(month) if month.isdigit() else _MONTH_NUMBERS[month[:3].lower()]
        try:
            return _checked(date(int(match["year"]), number, int(match["day"])))
        except ValueError:
            continue
    return None


def _other_language(text: str) -> str | None:
    """A full date in another language ("16 avril 2014", "16. April 2014"), by dateparser; only for a
    text that writes its year, so that "yesterday" or "Monday" never becomes a publication date."""
    years = {int(y) for y in re.findall(r"(?<!\d)\d{4}(?!\d)", text)}
    if not years & set(_YEARS) or not any(ch.isalpha() for ch in text):
        return None
    import dateparser  # a slow import (~0.3 s), needed only for these

    parsed = dateparser.parse(text, settings={"REQUIRE_PARTS": ["day", "month", "year"],
                                              "RETURN_AS_TIMEZONE_AWARE": False, "DATE_ORDER": "DMY"})
    if parsed is None or parsed.year not in years:
        return None
    return _checked(parsed.date())


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
