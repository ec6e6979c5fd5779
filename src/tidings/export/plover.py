"""The PLOVER layout: one JSON object per line with PLOVER's field names, our extras under `tidings`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tidings.export._flat import actor_label
from tidings.model import ActorRef, Event

_RESOLUTION = {1: "town", 2: "near town or part of region", 3: "region", 4: "country"}


def actor_code(ref: ActorRef) -> str:
    """A PLOVER/CAMEO-style actor code: country then sector ("UKRCOP"), what is known of it."""
    return f"{ref.country or ''}{ref.sector or ''}"


def _geonameid(place_id: str | None) -> int | None:
    if place_id and place_id.startswith("geonames:") and place_id[9:].isdigit():
        return int(place_id[9:])
    return None


def plover_record(event: Event) -> dict[str, Any]:
    """The event with PLOVER's field names (id, date, actor, recipient, event, mode, context, ...)."""
    loc = event.location
    first = event.mentions[0] if event.mentions else None
    return {
        "id": event.id,
        "date": event.date,
        "actor": [actor_label(a) for a in event.source],
        "actor_code": [actor_code(a) for a in event.source],
        "recipient": [actor_label(a) for a in event.target],
        "recipient_code": [actor_code(a) for a in event.target],
        "event": event.type,
        "mode": [event.mode] if event.mode else [],
        "context": list(event.contexts),
        "event_loc": None if loc is None else {
            "name": loc.name or loc.text, "geonameid": _geonameid(loc.place_id), "lat": loc.lat,
            "lon": loc.lon, "country": loc.country, "admin1": loc.admin1,
            "resolution": _RESOLUTION.get(loc.geo_precision or 0),
        },
        "event_text": first.sentence if first else None,
        "size": {"dead": event.size.dead, "injured": event.size.injured, "arrested": event.size.arrested},
        "url": first.url if first else None,
        "cite_info": [{"outlet": m.outlet, "url": m.url, "published": m.published, "doc_id": m.doc_id}
                      for m in event.mentions],
        "tidings": {
            "quad": event.quad, "date_precision": event.date_precision, "modality": event.modality,
            "attribution": actor_label(event.attribution) if event.attribution else None,
            "confidence": event.confidence, "story_id": event.story_id,
            "num_mentions": event.num_mentions, "num_documents": event.num_documents,
            "num_sources": event.num_sources, "disputed": event.disputed,
            "geo_precision": loc.geo_precision if loc else None,
        },
    }


def write_plover(events: list[Event], out: Path) -> list[Path]:
    """Write `out` (a .jsonl file, or a folder that gets `plover.jsonl`)."""
    path = out / "plover.jsonl" if out.is_dir() else out
    with open(path, "w", encoding="utf-8") as stream:
        for event in events:
            stream.write(json.dumps(plover_record(event), ensure_ascii=False) + "\n")
    return [path]
