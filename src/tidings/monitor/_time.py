"""Durations and instants as users write them: `--every 15m`, `--since 2h`, `--since 2026-12-01`."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from tidings.errors import UsageError

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_DURATION = re.compile(r"(?:(\d+(?:\.\d+)?)([smhd]))+?", re.IGNORECASE)


def parse_duration(text: str, option: str = "--every") -> float:
    """Seconds in "90", "30s", "15m", "1h30m" or "2d".

    Raises:
        UsageError: anything else, or a duration of zero.
    """
    value = text.strip().lower()
    if re.fullmatch(r"\d+(?:\.\d+)?", value):
        seconds = float(value)
    elif re.fullmatch(r"(?:\d+(?:\.\d+)?[smhd])+", value):
        seconds = sum(float(number) * _UNITS[unit] for number, unit in _DURATION.findall(value))
    else:
        raise UsageError(f"{option}: {text!r} is not a duration (for example 30s, 15m, 1h30m, 2d)")
    if seconds <= 0:
        raise UsageError(f"{option}: {text!r} must be longer than zero")
    return seconds


def parse_since(text: str, now: datetime | None = None) -> str:
    """An ISO-8601 UTC timestamp ("2026-12-04T01:30:00Z") from a date, a timestamp, or a duration
    back from now ("2h": two hours ago), comparable as text with the stored `created`.

    Raises:
        UsageError: none of these.
    """
    now = now or datetime.now(timezone.utc)
    value = text.strip()
    try:
        return _iso(now - timedelta(seconds=parse_duration(value, "--since")))
    except UsageError:
        pass
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise UsageError(f"--since: {text!r} is not a date, a timestamp or a duration such as 2h") from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return _iso(moment)


def _iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")
