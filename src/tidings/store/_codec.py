"""Turn model objects into JSON text and back, for the JSON columns of the store."""

from __future__ import annotations

import json
from typing import Any

from tidings._serial import from_plain, to_plain
from tidings.model import Event, EventMention, Removal


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def loads(text: str | None, default: Any = None) -> Any:
    return json.loads(text) if text else default


def event_mention_to_json(mention: EventMention) -> str:
    return dumps(to_plain(mention))


def event_mention_from_json(text: str) -> EventMention:
    return from_plain(EventMention, loads(text))


def event_to_json(event: Event) -> str:
    return dumps(to_plain(event))


def event_from_json(text: str) -> Event:
    return from_plain(Event, loads(text))


def removals_to_json(removed: list[Removal]) -> str:
    return dumps([to_plain(item) for item in removed])


def removals_from_json(text: str | None) -> list[Removal]:
    return [from_plain(Removal, item) for item in loads(text, [])]
