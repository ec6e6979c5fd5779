"""One flat row per event: the columns of `tidings events --format csv|parquet`.

CSV joins lists into one cell and writes dates as text; Parquet keeps the types (`typed_row`,
`arrow_schema`): `date` as a DATE (the first day of a month- or year-precision date, with
`date_precision` beside it) and the actor, context and dispute columns as lists, the i-th country
and sector belonging to the i-th name.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tidings.model import ActorRef, Event

#: Column name -> Arrow type name ("string", "int64", "float64", "bool"), in output order.
FLAT_COLUMNS: dict[str, str] = {
    "id": "string", "date": "string", "date_precision": "string", "type": "string", "mode": "string",
    "quad": "int64", "contexts": "string",
    "source_names": "string", "source_countries": "string", "source_sectors": "string",
    "target_names": "string", "target_countries": "string", "target_sectors": "string",
    "location_name": "string", "lat": "float64", "lon": "float64", "location_country": "string",
    "admin1": "string", "geo_precision": "int64",
    "dead": "int64", "injured": "int64", "arrested": "int64",
    "modality": "string", "attribution": "string", "confidence": "float64",
    "num_mentions": "int64", "num_documents": "int64", "num_sources": "int64",
    "disputed": "string", "story_id": "string", "evidence": "string", "url": "string",
}

#: Lists inside one cell are joined with this separator.
SEPARATOR = "; "


def actor_label(ref: ActorRef) -> str:
    """The canonical name when the actor resolved, else the words as written."""
    return ref.name or ref.text


def _join(values: list[Any]) -> str | None:
    kept = [str(v) for v in values if v]
    return SEPARATOR.join(kept) if kept else None


def flat_row(event: Event) -> dict[str, Any]:
    """The event as flat columns (`FLAT_COLUMNS`), lists joined with `SEPARATOR`, missing as None."""
    loc = event.location
    first = event.mentions[0] if event.mentions else None
    row: dict[str, Any] = {
        "id": event.id, "date": event.date, "date_precision": event.date_precision, "type": event.type,
        "mode": event.mode, "quad": event.quad, "contexts": _join(event.contexts),
        "source_names": _join([actor_label(a) for a in event.source]),
        "source_countries": _join([a.country for a in event.source]),
        "source_sectors": _join([a.sector for a in event.source]),
        "target_names": _join([actor_label(a) for a in event.target]),
        "target_countries": _join([a.country for a in event.target]),
        "target_sectors": _join([a.sector for a in event.target]),
        "location_name": (loc.name or loc.text) if loc else None,
        "lat": loc.lat if loc else None, "lon": loc.lon if loc else None,
        "location_country": loc.country if loc else None, "admin1": loc.admin1 if loc else None,
        "geo_precision": loc.geo_precision if loc else None,
        "dead": event.size.dead, "injured": event.size.injured, "arrested": event.size.arrested,
        "modality": event.modality,
        "attribution": actor_label(event.attribution) if event.attribution else None,
        "confidence": event.confidence, "num_mentions": event.num_mentions,
        "num_documents": event.num_documents, "num_sources": event.num_sources,
        "disputed": _join(event.disputed), "story_id": event.story_id,
        "evidence": first.sentence if first else None,
        "url": next((m.url for m in event.mentions if m.url), None),
    }
    return row


#: Columns whose Parquet type differs from the CSV text: a DATE and lists of strings.
PARQUET_TYPES: dict[str, str] = {
    "date": "date32", "contexts": "list", "disputed": "list",
    **{f"{side}_{what}": "list" for side in ("source", "target") for what in ("names", "countries", "sectors")},
}


def period_start(iso: str | None) -> dt.date | None:
    """The first day of an ISO date, month ("2014-04") or year ("2014"); None when it is none of them."""
    if not iso:
        return None
    padded = {4: f"{iso}-01-01", 7: f"{iso}-01"}.get(len(iso), iso[:10])
    try:
        return dt.date.fromisoformat(padded)
    except ValueError:
        return None


def typed_row(event: Event) -> dict[str, Any]:
    """The flat row with Parquet's types (`PARQUET_TYPES`): a date and aligned lists."""
    row = flat_row(event)
    row.update({
        "date": period_start(event.date), "contexts": list(event.contexts), "disputed": list(event.disputed),
        "source_names": [actor_label(a) for a in event.source], "source_countries": [a.country for a in event.source],
        "source_sectors": [a.sector for a in event.source],
        "target_names": [actor_label(a) for a in event.target], "target_countries": [a.country for a in event.target],
        "target_sectors": [a.sector for a in event.target],
    })
    return row


def arrow_schema() -> Any:
    """The pyarrow schema of the typed rows (pyarrow imported only when Parquet is asked for)."""
    import pyarrow as pa

    types = {"string": pa.string(), "int64": pa.int64(), "float64": pa.float64(), "bool": pa.bool_(),
             "date32": pa.date32(), "list": pa.list_(pa.string())}
    return pa.schema([(name, types[PARQUET_TYPES.get(name, kind)]) for name, kind in FLAT_COLUMNS.items()])
