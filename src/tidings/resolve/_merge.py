"""Build a merged `Event` from its member mentions: best value per field, per-source values, disputes.

Rules (DESIGN §4):
* type/mode: the most frequent (type, mode) among members, ties to the earliest member;
* location: the most specific (lowest geo_precision), ties to the most frequent place, then earliest;
* date: the most precise, ties to the most frequent value, then the earliest value;
* size: per count, the value of the most recently published report (tolls grow), ties to the larger;
* actors: the highest-confidence member's list per role, plus resolved actors other members add;
* contexts: union; modality: "asserted" when any member asserts, else the most frequent;
* confidence: each independent source counts once with its best mention confidence c_s, and
  the event gets 1 - prod(1 - c_s), capped at `MAX_CONFIDENCE` (corroboration raises it);
* disputed: a field for which two independent sources report different values; `values` keeps,
  per field, each document's value with its outlet.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Callable

from tidings.model import DATE_PRECISIONS, ActorRef, Event, EventMention, Location, Report, Size

from tidings.resolve._compat import is_publication_fallback, place_chain

#: Corroboration never makes an event certain.
MAX_CONFIDENCE = 0.99
#: The fields whose per-source values are kept and checked for disagreement.
TRACKED_FIELDS = ("size.dead", "size.injured", "size.arrested", "date", "location")


def merge_event(
    event_id: str,
    members: list[EventMention],
    source_of: Callable[[EventMention], str],
    story_id: str | None = None,
) -> Event:
    """The merged event for `members` (in arrival order); `source_of` maps a mention to its source key."""
    type_mode = _most_frequent([(m.type, m.mode) for m in members])
    typed = next(m for m in members if (m.type, m.mode) == type_mode)
    dated = _best_date(members)
    sources = [source_of(m) for m in members]
    event = Event(
        id=event_id,
        type=type_mode[0],
        mode=type_mode[1],
        quad=typed.quad,
        contexts=_union(c for m in members for c in m.contexts),
        source=_best_actors(members, "source"),
        target=_best_actors(members, "target"),
        location=_best_location(members),
        date=dated.date if dated else None,
        date_precision=dated.date_precision if dated else "unknown",
        date_text=dated.date_text if dated else None,
        size=Size(**{name: _best_count(members, name) for name in ("dead", "injured", "arrested")}),
        modality=_best_modality(members),
        attribution=_best_attribution(members),
        confidence=_corroborated_confidence(members, sources),
        story_id=story_id,
        num_mentions=len(members),
        num_documents=len({m.doc_id for m in members}),
        num_sources=len(set(sources)),
        first_reported=min((m.evidence.published for m in members if m.evidence.published), default=None),
    )
    event.mentions = [Report.of(m, event) for m in members]
    event.values, event.disputed = _values_and_disputes(members, sources)
    return event


def merge_matching_fields(event: Event, members: list[EventMention]) -> Event:
    """Update, in place, only the fields that matching reads (cheap; the full merge comes later)."""
    event.type, event.mode = _most_frequent([(m.type, m.mode) for m in members])
    event.modality = _best_modality(members)
    event.location = _best_location(members)
    dated = _best_date(members)
    event.date = dated.date if dated else None
    event.date_precision = dated.date_precision if dated else "unknown"
    event.date_text = dated.date_text if dated else None  # tells a publication-day fallback
    return event


def _most_frequent(items: list[Any]) -> Any:
    counts = Counter(items)
    best = max(counts.values())
    return next(item for item in items if counts[item] == best)


def _union(items: Any) -> list[str]:
    return list(dict.fromkeys(items))


def _best_date(members: list[EventMention]) -> EventMention | None:
    """The most precise date, a stated one before a publication-day fallback of equal precision
    (the lead's "on Monday" dates the act; an undated follow-up only says when it was reported)."""
    with_date = [m for m in members if m.date]
    if not with_date:
        return None
    rank = {p: i for i, p in enumerate(DATE_PRECISIONS)}

    def key(m: EventMention) -> tuple[int, bool]:
        return rank.get(m.date_precision, len(rank)), is_publication_fallback(m.date, m.date_precision, m.date_text)

    top = min(key(m) for m in with_date)
    precise = [m for m in with_date if key(m) == top]
    counts = Counter(m.date for m in precise)
    best = max(counts.values())
    value = min(d for d, n in counts.items() if n == best)
    return next(m for m in precise if m.date == value)


def _best_location(members: list[EventMention]) -> Location | None:
    located = [m.location for m in members if m.location is not None]
    if not located:
        return None
    top = min(loc.geo_precision or 5 for loc in located)
    specific = [loc for loc in located if (loc.geo_precision or 5) == top]
    key = _most_frequent([loc.place_id or loc.text for loc in specific])
    return next(loc for loc in specific if (loc.place_id or loc.text) == key)


def _best_count(members: list[EventMention], name: str) -> int | None:
    reports = [(m.evidence.published or "", getattr(m.size, name)) for m in members]
    reports = [(published, value) for published, value in reports if value is not None]
    return max(reports)[1] if reports else None


def _best_actors(members: list[EventMention], role: str) -> list[ActorRef]:
    with_role = [m for m in members if getattr(m, role)]
    if not with_role:
        return []
    best = max(with_role, key=lambda m: m.confidence)  # max keeps the earliest among equals
    chosen = list(getattr(best, role))
    seen = {ref.actor_id for ref in chosen if ref.actor_id}
    for member in with_role:
        for ref in getattr(member, role):
            if ref.actor_id and ref.actor_id not in seen:
                seen.add(ref.actor_id)
                chosen.append(ref)
    return chosen


def _best_modality(members: list[EventMention]) -> str:
    modalities = [m.modality for m in members]
    return "asserted" if "asserted" in modalities else _most_frequent(modalities)


def _best_attribution(members: list[EventMention]) -> ActorRef | None:
    attributed = [m for m in members if m.attribution is not None]
    return max(attributed, key=lambda m: m.confidence).attribution if attributed else None


def _corroborated_confidence(members: list[EventMention], sources: list[str]) -> float:
    per_source: dict[str, float] = {}
    for member, source in zip(members, sources):
        per_source[source] = max(per_source.get(source, 0.0), member.confidence)
    doubt = 1.0
    for value in per_source.values():
        doubt *= 1.0 - min(max(value, 0.0), 1.0)
    return round(min(1.0 - doubt, MAX_CONFIDENCE), 4)


def _field_value(member: EventMention, name: str) -> Any:
    if name.startswith("size."):
        return getattr(member.size, name[5:])
    if name == "date":  # only day-precise dates can disagree; "April" does not contradict "April 3"
        return member.date if member.date and member.date_precision == "day" else None
    if member.location is None:
        return None
    return member.location.place_id or member.location.name or member.location.text


def _values_and_disputes(
    members: list[EventMention], sources: list[str]
) -> tuple[dict[str, list[Any]], list[str]]:
    values: dict[str, list[Any]] = {}
    disputed: list[str] = []
    for name in TRACKED_FIELDS:
        rows: list[dict[str, Any]] = []
        seen: set[tuple[str, Any]] = set()
        by_source: dict[str, set[Any]] = {}
        chains: dict[Any, tuple[str, ...]] = {}
        for member, source in zip(members, sources):
            value = _field_value(member, name)
            if value is None:
                continue
            by_source.setdefault(source, set()).add(value)
            if name == "location" and value not in chains:
                chains[value] = place_chain(member.location)
            if (member.doc_id, value) not in seen:
                seen.add((member.doc_id, value))
                row = {"value": value, "doc_id": member.doc_id, "outlet": member.evidence.outlet}
                if name == "location" and member.location is not None:
                    row["name"] = member.location.name or member.location.text
                rows.append(row)
        if rows:
            values[name] = rows
        if len(by_source) > 1 and _disagree(by_source, chains if name == "location" else None):
            disputed.append(name)
    return values, disputed


def _disagree(by_source: dict[str, set[Any]], chains: dict[Any, tuple[str, ...]] | None) -> bool:
    """Do two different sources give values that cannot both be true?"""
    groups = list(by_source.values())
    for i, left in enumerate(groups):
        for right in groups[i + 1:]:
            for a in left:
                for b in right:
                    if a == b:
                        continue
                    if chains is not None and (chains[a][:1] and chains[a][0] in chains[b]
                                               or chains[b][:1] and chains[b][0] in chains[a]):
                        continue  # a town and the region that contains it agree
                    return True
    return False
