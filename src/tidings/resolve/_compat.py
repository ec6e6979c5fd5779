"""When may two reports describe the same real event? Type, date, place and actor rules.

Each rule is a small pure function so that `EventIndex` can both block (find candidates cheaply)
and check (decide) with the same definitions.
"""

from __future__ import annotations

from calendar import monthrange
from math import asin, cos, radians, sin, sqrt
from datetime import date as Date
from typing import Iterable

from tidings.model import ActorRef, Location

from tidings.resolve._modes import mode_rules

#: (type, mode) pairs that different outlets (or our own extractor) code differently for one real
#: event. A mode of None matches any mode of that type. Same type always matches, whatever the modes.
COMPATIBLE_TYPE_PAIRS: tuple[tuple[tuple[str, str | None], tuple[str, str | None]], ...] = (
    # occupying a building as a protest vs seizing it: both are said of one takeover
    (("PROTEST", "obstruct"), ("COERCE", "seize")),
    # police pushing a crowd back vs tear gas / water cannon at the same crowd
    (("COERCE", "restrict"), ("ASSAULT", "crowd-control")),
    # PLOVER codes capturing combatants ASSAULT abduct; many reports say "arrested"
    (("COERCE", "arrest"), ("ASSAULT", "abduct")),
    # deporting a person vs expelling them
    (("COERCE", "deport"), ("SANCTION", "expel")),
)

#: Modalities that speak of something that happened (or is said to have happened); planned and
#: hypothetical events are other events, even when they share type, place and date.
REALIS = frozenset({"asserted", "claimed", "denied", "negated", "unconfirmed"})

#: How far apart (days) two dates of a precision may be; "day" comes from settings.
PRECISION_WINDOWS = {"week": 7, "month": 31}
#: Precisions whose date we compare; "year" and "unknown" fall back to document / publication day.
DATED = ("day", "week", "month")
#: A sentence without a date is dated to its publication day at week precision (events stage); the
#: event it reports happened on that day or up to this many days before. One day: wider spans let an
#: undated report of a new act (vehicles seized on the 16th) join an older one nearby (buildings
#: taken on the 12th); on our gold set 1, 2 and 3 days give the same de-duplication F1.
REPORT_LAG_DAYS = 1


def types_compatible(type_a: str, mode_a: str | None, type_b: str, mode_b: str | None) -> bool:
    """Same type, or a pair listed in `COMPATIBLE_TYPE_PAIRS` (in either order) whose listed modes
    are stated: "clashes" (an assault of no stated mode) are no abduction, hence no arrest."""
    if type_a == type_b:
        return True
    for left, right in COMPATIBLE_TYPE_PAIRS:
        for (t1, m1), (t2, m2) in ((left, right), (right, left)):
            if t1 == type_a and t2 == type_b and m1 in (None, mode_a) and m2 in (None, mode_b):
                return True
    return False


def modes_compatible(type_a: str, mode_a: str | None, type_b: str, mode_b: str | None) -> bool:
    """Of one type, two stated modes must agree or belong to one family of `data/resolve_modes.yaml`
    (tear gas is not live fire; a suicide attack is an explosives attack); an unstated mode
    ("attacked") fits any. Pairs in `COMPATIBLE_TYPE_PAIRS` keep their own mode rule."""
    if type_a != type_b:
        return types_compatible(type_a, mode_a, type_b, mode_b)
    return mode_rules().meet(type_a, mode_a, mode_b)


def partner_types(type_: str) -> tuple[str, ...]:
    """Every type a mention of `type_` may merge with (itself first), for blocking."""
    out = [type_]
    for (t1, _), (t2, _) in COMPATIBLE_TYPE_PAIRS:
        if t1 == type_ and t2 not in out:
            out.append(t2)
        if t2 == type_ and t1 not in out:
            out.append(t1)
    return tuple(out)


def modality_compatible(a: str, b: str) -> bool:
    """Reports of a real event never merge with plans or hypotheses (and vice versa)."""
    return (a in REALIS) == (b in REALIS)


def day_number(iso: str | None) -> int | None:
    """Proleptic ordinal of an ISO date (only its first 10 characters), None when unreadable."""
    if not iso or len(iso) < 10:
        return None
    try:
        return Date.fromisoformat(iso[:10]).toordinal()
    except ValueError:
        return None


def date_window(precision: str, day_window: int) -> int | None:
    """Days two dates of this precision may differ; None when the date cannot be compared."""
    if precision == "day":
        return day_window
    return PRECISION_WINDOWS.get(precision)


def date_span(iso: str | None, precision: str, date_text: str | None = None) -> tuple[int, int] | None:
    """The days (first, last) a date can stand for; None for year-precise or unknown dates.

    A day is itself; a month is its days; a week from a time expression starts on its Monday and
    covers seven days. The publication-day fallback of a sentence without a date of its own (day or
    week precision) covers the `REPORT_LAG_DAYS` before it: news of the day or of the day before.
    """
    day = day_number(iso)
    if day is None or precision not in DATED:
        return None
    if precision == "month":
        first = Date.fromordinal(day)
        return day, day + monthrange(first.year, first.month)[1] - first.day
    if is_publication_fallback(iso, precision, date_text):
        return day - REPORT_LAG_DAYS, day
    return (day, day) if precision == "day" else (day, day + 6)


#: How the events stage marks a date that is its document's anchor, not an expression of the clause.
FALLBACK_MARK = "(no date in the clause)"


def is_publication_fallback(iso: str | None, precision: str, date_text: str | None = None) -> bool:
    """Is this date the publication day (or the document's anchor) given to a sentence without a
    date of its own? The events stage says so in the date's text ("publication date (no date in the
    clause)"); a week-precise date that is not a Monday, which a week from a time expression always
    is, is one too (older stores)."""
    if precision not in DATED or day_number(iso) is None:
        return False
    text = date_text or ""
    if text.startswith("publication") or text.endswith(FALLBACK_MARK):
        return True
    day = day_number(iso)
    return precision == "week" and day is not None and Date.fromordinal(day).weekday() != 0


def story_span(span: tuple[int, int] | None, iso: str | None, precision: str, date_text: str | None,
               lag: int) -> tuple[int, int] | None:
    """Inside one story the date of an undated report widens: the publication-day fallback stands
    for any day of the `lag` days before publication (a follow-up tells of the story's act days
    later: "days after the bombing ..."); a month-only publication date, for its month and the
    `lag` days before it. Other dates keep their span."""
    if span is not None and is_publication_fallback(iso, precision, date_text):
        return span[0] - lag if precision == "month" else span[1] - lag, span[1]
    return span


def span_gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Days between two spans (0 when they overlap)."""
    return max(0, max(a[0], b[0]) - min(a[1], b[1]))


def place_chain(location: Location | None) -> tuple[str, ...]:
    """Keys of a location and of what contains it, most specific first; () when there is none.

    A town is keyed by its gazetteer id, a region by country/admin1 name, a country by its code, so
    that a town matches the region or country another report names (DESIGN §4 geo_precision).
    """
    if location is None:
        return ()
    country = location.country
    if location.reason == "document" and country:
        return (f"ctry:{country}",)  # the article's main place, not a place the sentence states
    precision = location.geo_precision or (1 if location.place_id else 4)
    if precision == 3 and not location.admin1 and (location.place_id or "").startswith("country:"):
        precision = 4  # "western Kenya": some part of the country, so it is as vague as the country
    admin1 = (location.admin1 or (location.name if precision == 3 else None) or "").casefold()
    chain: list[str] = []
    if precision <= 2:
        own = location.place_id or ("txt:" + (location.name or location.text).casefold())
        chain.append(own)
    if precision <= 3 and country and admin1:
        chain.append(f"reg:{country}/{admin1}")
    elif precision == 3 and not chain:
        chain.append(location.place_id or ("txt:" + (location.name or location.text).casefold()))
    if country:
        chain.append(f"ctry:{country}")
    if not chain:
        chain.append("txt:" + (location.name or location.text).casefold())
    return tuple(chain)


#: Two towns this close (km) are one place for matching: a district and its city, a suburb, a
#: camp at the edge of a town. Gazetteers give each its own id; coordinates tell containment when
#: no containment data is at hand, and what lacks coordinates is simply not joined.
NEARBY_KM = 15.0


def places_compatible(chain_a: tuple[str, ...], chain_b: tuple[str, ...],
                      nearby: bool = False) -> int | None:
    """3 for the same town, 2 for the same region or towns `nearby`, 1 for the same country or when
    one contains the other, 0 when either is missing, None if apart. (Two reports naming only
    "China" say less about being one act than two naming one town.)"""
    if not chain_a or not chain_b:
        return 0
    if chain_a[0] == chain_b[0]:
        return 1 if chain_a[0].startswith("ctry:") else 2 if chain_a[0].startswith("reg:") else 3
    if chain_a[0] in chain_b or chain_b[0] in chain_a:
        return 1
    if nearby and chain_a[-1] == chain_b[-1]:
        return 2
    return None


def towns_nearby(a: Location | None, b: Location | None, km: float = NEARBY_KM) -> bool:
    """Both are towns (geo_precision 1-2) with coordinates, in one country, at most `km` apart."""
    if a is None or b is None or a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return False
    if (a.geo_precision or 4) > 2 or (b.geo_precision or 4) > 2 or a.country != b.country:
        return False
    lat1, lon1, lat2, lon2 = map(radians, (a.lat, a.lon, b.lat, b.lon))
    h = sin((lat2 - lat1) / 2) ** 2 + cos(lat1) * cos(lat2) * sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * asin(min(1.0, sqrt(h))) <= km


def chain_country(chain: tuple[str, ...]) -> str | None:
    """The country code of a chain that names only a country (no town or region), else None."""
    if len(chain) == 1 and chain[0].startswith("ctry:"):
        return chain[0][5:]
    return None


def actor_ids(refs: Iterable[ActorRef]) -> set[str]:
    return {ref.actor_id for ref in refs if ref.actor_id}


def actor_countries(refs: Iterable[ActorRef]) -> set[str]:
    return {ref.country for ref in refs if ref.country}


def role_compatible(
    refs: list[ActorRef], cluster_ids: set[str], cluster_countries: set[str]
) -> int | None:
    """Shared actor ids in one role (>= 0), or None when the countries contradict.

    Sectors are not compared: outlets say "security forces", "police" or "troops" for one unit.
    """
    ids = actor_ids(refs)
    shared = len(ids & cluster_ids)
    if shared:
        return shared
    countries = actor_countries(refs)
    if countries and cluster_countries and not countries & cluster_countries:
        return None
    return 0


#: Sectors of a state's own forces and of those who act against or outside them: one real event's
#: perpetrators are never state forces in one report and rebels or protesters in another.
_STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY", "JUD", "LEG"})
_NON_STATE_SECTORS = frozenset({"REB", "OPP", "UAF", "PRM", "CVL", "CRM"})


def sides(refs: list[ActorRef]) -> frozenset[str]:
    """"state" and/or "non-state" for the sectors of these actors (empty when none is known)."""
    found = set()
    for ref in refs:
        if ref.sector in _STATE_SECTORS:
            found.add("state")
        elif ref.sector in _NON_STATE_SECTORS:
            found.add("non-state")
    return frozenset(found)


#: Country codes that name an organisation, not a place of operation: known, never guessed.
_ORGANISATION_CODES = frozenset({"IGO", "UNO", "EUR", "NGO"})


def state_actors(refs: list[ActorRef]) -> list[ActorRef]:
    """The actors whose country is known rather than guessed: a state's own sectors, and
    international organisations (the UN spokesman is not China, whatever the story)."""
    return [ref for ref in refs if ref.sector in _STATE_SECTORS or ref.sector == "IGO"
            or ref.country in _ORGANISATION_CODES]
