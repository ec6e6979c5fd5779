"""Turn model objects into JSON text and back, for the JSON columns of the store."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from tidings.model import ActorRef, Event, EventMention, Evidence, Location, Removal, Size


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def loads(text: str | None, default: Any = None) -> Any:
    return json.loads(text) if text else default


def _actor_refs(items: list[dict[str, Any]] | None) -> list[ActorRef]:
    return [ActorRef(**item) for item in items or []]


def _optional(cls: type, value: dict[str, Any] | None) -> Any:
    return cls(**value) if value else None


def event_mention_to_json(mention: EventMention) -> str:
    return dumps(asdict(mention))


def event_mention_from_json(text: str) -> EventMention:
    data = loads(text)
    data["evidence"] = Evidence(**data["evidence"])
    data["source"] = _actor_refs(data.get("source"))
    data["target"] = _actor_refs(data.get("target"))
    data["location"] = _optional(Location, data.get("location"))
    data["attribution"] = _optional(ActorRef, data.get("attribution"))
    data["size"] = Size(**(data.get("size") or {}))
    return EventMention(**data)


def event_to_json(event: Event) -> str:
    return dumps(asdict(event))


def event_from_json(text: str) -> Event:
    data = loads(text)
    data["mentions"] = [Evidence(**item) for item in data.get("mentions") or []]
    data["source"] = _actor_refs(data.get("source"))
    data["target"] = _actor_refs(data.get("target"))
    data["location"] = _optional(Location, data.get("location"))
    data["attribution"] = _optional(ActorRef, data.get("attribution"))
    data["size"] = Size(**(data.get("size") or {}))
    return Event(**data)


def removals_to_json(removed: list[Removal]) -> str:
    return dumps([asdict(item) for item in removed])


def removals_from_json(text: str | None) -> list[Removal]:
    return [Removal(**item) for item in loads(text, [])]
