"""Readings that need the whole document, not one expression: the reporting quarter of results news,
and anaphoric dates ("later that year", "the following month") read from the date mentioned before.

Company results compare a quarter with the same quarter a year before, and say so loosely: "profit
rose to $5 million from $3 million a year earlier", "in the year-ago period", "the 1988 quarter".
When the document names a quarter ("the third quarter"), such a comparison means that quarter of the
earlier year, not the whole year; without one it stays a year. The reporting quarter is the one the
document names most (the first of those on a tie): asides ("a charge in the 1988 second quarter")
are rarer than the quarter being reported.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, replace

from tidings.model import TimeValue
from tidings.times.normalise import quarter_value

#: A sentence about a longer stretch than a quarter keeps "a year earlier" as a year.
_LONGER_PERIOD = re.compile(r"(?i)\b(?:nine|six|12|twelve) months\b|\bfirst half\b|\bfull year\b"
                            r"|\bfiscal (?:year|19\d\d|20\d\d)\b|\bfor the year\b")
_BARE_QUARTER = re.compile(r"(?i)(?:the\s+)?(?:latest\s+)?quarter$|(?:the\s+)?latest\s+period$")
_EXPLICIT_QUARTER = re.compile(r"(?i)\b(?:first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter")


@dataclass
class Reading:
    """One detected expression on its way to a Mention: where, what text, and its value."""

    start: int
    end: int
    kind: str
    text: str
    value: TimeValue
    label: str


def _quarter_of(reading: Reading) -> int | None:
    match = re.search(r":Q([1-4])$", reading.label)
    return int(match[1]) if match else None


def apply_reporting_period(readings: list[Reading], sentence_of: list[str]) -> list[Reading]:
    """Turn year-back comparisons into quarters when the document reports on a named quarter.

    `sentence_of[i]` is the text of the sentence that `readings[i]` sits in.
    """
    named = [(r.start, q) for r in readings if r.kind == "quarter" and _EXPLICIT_QUARTER.search(r.text)
             for q in [_quarter_of(r)] if q is not None]
    years = {r.start: r.value.value for r in readings}
    if not named:
        return readings
    counts = Counter(q for _, q in named)
    reporting = max(counts, key=lambda q: (counts[q], -next(i for i, (_, n) in enumerate(named) if n == q)))
    first = next(start for start, q in named if q == reporting)
    reporting_year = dt.date.fromisoformat(years[first]).year
    out = []
    for reading, sentence in zip(readings, sentence_of):
        if _BARE_QUARTER.match(reading.text) and reading.kind == "quarter" and reading.value.value:
            value, extra = quarter_value(reporting_year, reporting)
            out.append(replace(reading, value=value, label=f"quarter:{extra}"))
            continue
        if not reading.label.endswith(":period") or reading.value.value is None:
            out.append(reading)
            continue
        if reading.kind == "ago" and _LONGER_PERIOD.search(sentence):
            out.append(replace(reading, label=reading.label.rsplit(":", 1)[0]))
            continue
        quarter = reporting
        year = dt.date.fromisoformat(reading.value.value).year
        value, extra = quarter_value(year, quarter)
        out.append(replace(reading, value=value, label=f"{reading.kind}:{extra}"))
    return out


#: Which precisions an anaphor can take its date from: "that year" from any dated mention,
#: "that day" only from a day.
_SOURCES = {"day": ("day",), "month": ("day", "month"), "year": ("day", "month", "year"),
            "quarter": ("year",)}


def _shifted(value: TimeValue, unit: str, step: int, label: str) -> tuple[TimeValue, str]:
    date = dt.date.fromisoformat(value.value)
    if unit == "day":
        return TimeValue((date + dt.timedelta(days=step)).isoformat(), "day"), ""
    if unit == "month":
        index = date.year * 12 + date.month - 1 + step
        return TimeValue(dt.date(index // 12, index % 12 + 1, 1).isoformat(), "month"), ""
    if unit == "quarter":
        quarter = re.search(r":(Q[1-4])$", label)
        return TimeValue(value.value, "year"), quarter[1] if quarter else ""
    return TimeValue(dt.date(date.year + step, 1, 1).isoformat(), "year"), ""


def _weekday_from_last_day(reading: Reading, before: list[Reading]) -> Reading:
    """"the previous Friday", "the following Monday": counted from the last day the text named
    (a weekday of its own, another date), not from publication; unchanged when there is none."""
    source = next((r for r in reversed(before) if r.value.value and r.value.precision == "day"), None)
    if source is None or reading.value.value is None:
        return reading
    anchor = dt.date.fromisoformat(source.value.value)
    target = dt.date.fromisoformat(reading.value.value).weekday()
    if reading.label.startswith("weekday:previous"):
        day = anchor - dt.timedelta(days=(anchor.weekday() - target) % 7 or 7)
    else:
        day = anchor + dt.timedelta(days=(target - anchor.weekday()) % 7 or 7)
    return replace(reading, value=TimeValue(day.isoformat(), "day"))


def resolve_anaphors(readings: list[Reading]) -> list[Reading]:
    """Give "that year", "the following month", "the next morning", "the previous Friday" the date
    mentioned last before.

    Only dated mentions count as antecedents; an anaphor with none before it stays unresolved.
    """
    out: list[Reading] = []
    for reading in readings:
        if reading.kind == "weekday" and re.match(r"weekday:(previous|following)\b", reading.label):
            reading = _weekday_from_last_day(reading, out)
        if reading.kind == "anaphor" and reading.value.value is None:
            unit, step = re.fullmatch(r"anaphor:(\w+)([+-]\d+)", reading.label).groups()
            source = next((r for r in reversed(out) if r.value.value is not None
                           and r.value.precision in _SOURCES[unit]
                           and (unit != "quarter" or re.search(r":Q[1-4]$", r.label))), None)
            if source is not None:
                value, extra = _shifted(source.value, unit, int(step), source.label)
                reading = replace(reading, value=value, label=f"anaphor:{extra}" if extra else "anaphor")
        out.append(reading)
    return out
