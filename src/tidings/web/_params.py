"""Query-parameter validation for the JSON API: bad values become a 400 with a message, never SQL."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from starlette.datastructures import QueryParams

from tidings.model import MODALITIES

_ID = re.compile(r"^[A-Za-z0-9_:.\-]{1,80}$")
_COUNTRY = re.compile(r"^[A-Za-z]{3}$")
MAX_LIMIT = 10_000
#: Characters of a free-text search at most.
MAX_QUERY_CHARS = 200
EVENT_PARAMS = {"type", "since", "until", "country", "story", "min_sources", "q", "modality", "limit", "offset"}


#: Characters of a rejected value quoted back in a 400 message: enough to recognise it, never an echo
#: of a whole hostile input (issue 15: 100 kB came back).
ECHO_CHARS = 40


class BadParameter(ValueError):
    """A query parameter the API cannot accept; the message names it."""


def _echo(value: str) -> str:
    """A rejected value as quoted in a message: cut to ECHO_CHARS, printable."""
    cut = value[:ECHO_CHARS]
    text = repr(cut) if cut.isprintable() else ascii(cut)
    return text + (f" (cut; {len(value)} characters)" if len(value) > ECHO_CHARS else "")


def _date(name: str, value: str) -> str:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise BadParameter(f"{name}: expected a date YYYY-MM-DD, got {_echo(value)}") from None


def _int(name: str, value: str, low: int, high: int) -> int:
    try:
        number = int(value)
    except ValueError:
        raise BadParameter(f"{name}: expected an integer, got {_echo(value)}") from None
    if not low <= number <= high:
        raise BadParameter(f"{name}: must be between {low} and {high}, got {number}")
    return number


def valid_id(name: str, value: str) -> str:
    if not _ID.match(value):
        raise BadParameter(f"{name}: not a valid id: {_echo(value)}")
    return value


def event_filters(params: QueryParams, types: set[str]) -> dict[str, Any]:
    """The CLI's event filters (type, since, until, country, story, min_sources), a free-text search
    over the evidence (`q`), modalities (`modality`, comma-separated) and limit/offset, validated;
    empty values mean "no filter". The result holds the store's keyword arguments."""
    out: dict[str, Any] = {}
    get = {k: v.strip() for k, v in params.items() if v.strip()}
    unknown = set(get) - EVENT_PARAMS
    if unknown:
        names = sorted(unknown)
        shown = ", ".join(_echo(name) for name in names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
        raise BadParameter(f"unknown parameter(s): {shown}")
    if "type" in get:
        if get["type"].upper() not in types:
            raise BadParameter(f"type: unknown PLOVER type {_echo(get['type'])}")
        out["type"] = get["type"].upper()
    for name in ("since", "until"):
        if name in get:
            out[name] = _date(name, get[name])
    if "since" in out and "until" in out and out["since"] > out["until"]:
        raise BadParameter("since is after until")
    if "country" in get:
        if not _COUNTRY.match(get["country"]):
            raise BadParameter(f"country: expected an ISO 3166 alpha-3 code, got {_echo(get['country'])}")
        out["country"] = get["country"].upper()
    if "story" in get:
        out["story"] = valid_id("story", get["story"])
    if "min_sources" in get:
        out["min_sources"] = _int("min_sources", get["min_sources"], 0, 1_000_000)
    if "q" in get:
        if len(get["q"]) > MAX_QUERY_CHARS:
            raise BadParameter(f"q: at most {MAX_QUERY_CHARS} characters, got {len(get['q'])}")
        out["q"] = get["q"]
    if "modality" in get:
        wanted = [m.strip().lower() for m in get["modality"].split(",") if m.strip()]
        bad = [m for m in wanted if m not in MODALITIES]
        if bad:
            raise BadParameter(f"modality: unknown modality {_echo(bad[0])}; one of {', '.join(MODALITIES)}")
        out["modalities"] = wanted
    out.update(paging(get))
    return out


def paging(params: dict[str, str] | QueryParams) -> dict[str, int]:
    """`limit` (default MAX_LIMIT) and `offset` (default 0), bounded."""
    limit = params.get("limit") or ""
    offset = params.get("offset") or ""
    return {"limit": _int("limit", limit, 1, MAX_LIMIT) if limit else MAX_LIMIT,
            "offset": _int("offset", offset, 0, 2**31) if offset else 0}
