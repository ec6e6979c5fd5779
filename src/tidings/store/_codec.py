"""Turn model objects into JSON text and back, for the JSON columns of the store."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from tidings._serial import from_plain, to_plain
from tidings.model import Event, EventMention, Removal, Report


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def loads(text: str | None, default: Any = None) -> Any:
    return json.loads(text) if text else default


def event_mention_to_json(mention: EventMention) -> str:
    return dumps(to_plain(mention))


def event_mention_from_json(text: str) -> EventMention:
    return from_plain(EventMention, loads(text))


def report_from_mention_json(text: str, event: Event) -> Report:
    """A stored event mention as a report of `event`, its merged event."""
    return Report.of(event_mention_from_json(text), event)


def event_to_json(event: Event) -> str:
    """The merged event without its evidence list: every mention is a row of `event_mentions`, so the
    row stays small however often the event is reported, and rewriting it per batch stays cheap.
    Readers put the evidence back (`Queries.events`)."""
    return dumps(to_plain(replace(event, mentions=[])))


def event_from_json(text: str) -> Event:
    return from_plain(Event, loads(text))


def removals_to_json(removed: list[Removal]) -> str:
    return dumps([to_plain(item) for item in removed])


def removals_from_json(text: str | None) -> list[Removal]:
    return [from_plain(Removal, item) for item in loads(text, [])]
