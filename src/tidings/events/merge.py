"""One mention per event and sentence: several triggers in a sentence often report one event
("killed one officer and wounded five when gunmen opened fire"), and the gold unit (DESIGN §6) is
one line per (event, sentence). Mentions of one type and modality are merged into the first one."""

from __future__ import annotations

from tidings.model import EventMention

#: Most telling ASSAULT means first: the merged mention keeps the most specific one.
_MODE_ORDER = ["suicide-attack", "unconventional", "aerial", "drone", "heavy-weapons", "explosives", "sexual",
               "abduct", "crowd-control", "firearms", "targeted", "torture", "primitive", "beat", "destroy"]
#: Types whose modes are facets of one event rather than different events.
_FACETED = {"ASSAULT", "PROTEST"}
_PROTEST_ORDER = ["riot", "vandalize", "obstruct", "hunger", "strike", "boycott", "demo"]


def _compatible(a: EventMention, b: EventMention) -> bool:
    if a.type != b.type or a.modality != b.modality:
        return False
    return a.type in _FACETED or a.mode is None or b.mode is None or a.mode == b.mode


def _best_mode(type_: str, modes: list[str | None]) -> str | None:
    present = [m for m in modes if m]
    if not present:
        return None
    order = _MODE_ORDER if type_ == "ASSAULT" else _PROTEST_ORDER if type_ == "PROTEST" else []
    return min(present, key=lambda m: order.index(m) if m in order else len(order))


def _absorb(host: EventMention, other: EventMention) -> None:
    host.mode = _best_mode(host.type, [host.mode, other.mode])
    host.source = host.source or list(other.source)
    host.target = host.target or list(other.target)
    for field in ("dead", "injured", "arrested"):
        mine, theirs = getattr(host.size, field), getattr(other.size, field)
        if mine is None and theirs is not None:
            setattr(host.size, field, theirs)
    if (host.location is None or host.location.reason == "document") and other.location is not None \
            and other.location.reason != "document":
        host.location = other.location
    if (host.date_text or "").startswith("publication") and other.date_text and not other.date_text.startswith("publication"):
        host.date, host.date_precision, host.date_text = other.date, other.date_precision, other.date_text
    host.contexts = list(dict.fromkeys([*host.contexts, *other.contexts]))
    host.confidence = max(host.confidence, other.confidence)


def merge_same_event(events: list[EventMention], apart: frozenset[str] | set[str] = frozenset()) -> list[EventMention]:
    """Merge the mentions of one sentence that report the same event (same type and modality, and
    for most types the same mode); the first keeps its trigger and absorbs the others' arguments.
    Mentions whose id is in `apart` are acts the text sets apart ("days after it fired three
    missiles", "later arrested"): they merge with none."""
    kept: list[EventMention] = []
    for event in events:
        host = None if event.id in apart else next(
            (k for k in kept if k.id not in apart and _compatible(k, event)), None)
        if host is None:
            kept.append(event)
        else:
            _absorb(host, event)
    return kept
