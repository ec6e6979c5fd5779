"""Is a predicted argument right? One verdict per field of a gold line: True, False, or None when the
gold says nothing to score it by. The rules are those of the official scorer (DESIGN §6)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from tidings.eval._matching import fold
from tidings.model import ActorRef, Location

#: Gold sectors are coarse words (the dev set's README); ours are PLOVER/CAMEO-style codes. A gold
#: sector is right when one of the predicted actors has one of these codes (or the same string).
SECTOR_CODES: dict[str, frozenset[str]] = {
    "GOV": frozenset({"GOV", "JUD", "LEG", "ELI", "EXE"}),
    "MIL": frozenset({"MIL", "SPY", "UAF", "PRM"}),
    "POLICE": frozenset({"COP"}),
    "REBEL/INSURGENT": frozenset({"REB", "PRM", "UAF", "INS", "SEP"}),
    "PROTESTERS": frozenset({"OPP", "CVL", "SOC", "LAB", "EDU", "PRO"}),
    "CIVILIANS": frozenset({"CVL", "REF", "SOC", "EDU", "MED"}),
    "IGO": frozenset({"IGO", "UNO", "EUR"}),
    "NGO": frozenset({"NGO"}),
    "MEDIA": frozenset({"JRN", "MED"}),
    "PARTY": frozenset({"PTY", "OPP"}),
    "BUSINESS": frozenset({"BUS", "MNC"}),
}
#: The fields scored on matched pairs, in report order.
FIELDS = ("source_country", "target_country", "source_sector", "target_sector", "location", "date",
          "mode", "modality", "killed", "wounded")


def as_list(value: Any) -> list[Any]:
    """A gold value that may be null, one value or a list, as a list without empty items."""
    if value is None:
        return []
    if isinstance(value, (list, tuple, set)):
        return [v for v in value if v not in (None, "")]
    return [value]


def codes(value: Any) -> set[str]:
    """Country or sector codes from a gold value ("UKR", "UKR;RUS", a list) or a predicted one."""
    return {part.strip().upper() for item in as_list(value)
            for part in re.split(r"[;|,]", str(item)) if part.strip()}


def actor_codes(actors: list[ActorRef], key: str) -> set[str]:
    """The countries or sectors of a predicted source or target."""
    return {code for actor in actors for code in codes(getattr(actor, key))}


def country_agrees(gold_value: Any, actors: list[ActorRef]) -> bool | None:
    wanted = codes(gold_value)
    return bool(wanted & actor_codes(actors, "country")) if wanted else None


def sector_agrees(gold_value: Any, actors: list[ActorRef]) -> bool | None:
    wanted = codes(gold_value)
    if not wanted or wanted == {"OTHER"}:
        return None
    ours = actor_codes(actors, "sector")
    return any(s in ours or SECTOR_CODES.get(s, frozenset()) & ours for s in wanted)


def location_agrees(gold: dict[str, Any], location: Location | None) -> bool | None:
    """The gold place name inside our place's text or name (or the other way round); when the gold
    gives only a country, the same country."""
    name, country = gold.get("location"), gold.get("location_country")
    if not name and not country:
        return None
    if location is None:
        return False
    if name:
        wanted = fold(name)
        for candidate in (fold(location.text), fold(location.name)):
            if candidate and (wanted in candidate or (len(candidate) >= 3 and candidate in wanted)):
                return True
        return False
    return bool(codes(country) & codes(location.country))


def count_agrees(gold_value: Any, predicted: int | None) -> bool | None:
    """Casualty counts: scored when either side gives a number."""
    gold_int, pred_int = _as_int(gold_value), _as_int(predicted)
    if gold_int is None and pred_int is None:
        return None
    return gold_int == pred_int


def _as_int(value: Any) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return None


def mode_agrees(gold: dict[str, Any], mode: str | None) -> bool | None:
    wanted = {gold.get("mode"), *as_list(gold.get("mode_alt"))} - {None}
    return (mode in wanted) if wanted else None


def modality_agrees(gold: dict[str, Any], modality: str | None) -> bool | None:
    wanted = gold.get("modality")
    return (str(modality or "").lower() == str(wanted).lower()) if wanted else None


# -- dates at the gold's precision ------------------------------------------------------------
_GOLD_DATE = re.compile(r"^(\d{4})(?:-(W\d{2}|\d{2}))?(?:-(\d{2}))?$")
_PRED_DATE = re.compile(r"^(\d{4})(?:-(W\d{2}|\d{2}))?(?:-(\d{2}))?")


def gold_date(value: Any) -> str | None:
    """A gold date as YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Www: the time is dropped and a component
    holding X (unknown) cuts the rest ("2012-XX-XX" -> "2012"); None for anything else."""
    if not value:
        return None
    kept = []
    for part in str(value).strip().split("T")[0].split("-"):
        if "X" in part.upper():
            break
        kept.append(part)
    match = _GOLD_DATE.match("-".join(kept))
    if not match:
        return None
    if match.group(2) and match.group(2).startswith("W") and match.group(3):
        return f"{match.group(1)}-{match.group(2)}"  # a week date with its weekday: keep the week
    return match.group(0)


def _iso_week(day: str) -> str | None:
    try:
        year, week, _ = dt.date.fromisoformat(day[:10]).isocalendar()
    except ValueError:
        return None
    return f"{year}-W{week:02d}"


def predicted_date(value: str | None, precision: str | None) -> str | None:
    """Our date cut to the precision we claim for it (a `month` date says only its month)."""
    if value is None:
        return None
    text = str(value).strip().split("T")[0]
    match = _PRED_DATE.match(text)
    if not match:
        return text or None
    text = match.group(0)
    precision = (precision or "").lower()
    if precision == "year":
        return text[:4]
    if precision == "month":
        return text[:7] if len(text) >= 7 and "W" not in text else text[:4]
    if precision == "week":
        return text[:8] if "W" in text else (_iso_week(text) if len(text) >= 10 else text)
    if precision == "day":
        return text[:10]
    return text


def date_agrees(gold_value: Any, value: str | None, precision: str | None = None) -> bool:
    """Equal at the gold's granularity ("2014-05" is matched by any day of May 2014); a prediction
    coarser than the gold is wrong."""
    wanted = gold_date(gold_value)
    ours = predicted_date(value, precision)
    if wanted is None:
        return bool(gold_value) and ours is not None and str(gold_value).strip() == str(value).strip()
    if ours is None:
        return False
    if "W" in wanted:
        return ours[:8] == wanted if "W" in ours else len(ours) >= 10 and _iso_week(ours) == wanted
    if "W" in ours:
        return len(wanted) == 4 and ours[:4] == wanted
    return len(ours) >= len(wanted) and ours[:len(wanted)] == wanted
