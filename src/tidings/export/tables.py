"""The `parquet` layout: one Parquet file per store table. Documents, sentences and mentions are dumped
as stored (streamed by the store as Arrow); entities, events and stories are read through the store's
queries so that their nested values become Parquet structs and lists.

Nested values (actor lists, locations, evidence) become Parquet structs and lists, event dates
DATEs (a month or year as its first day; `date_precision` says which); `values` (a mapping whose
keys vary per event) is kept as JSON text.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict
from pathlib import Path
from typing import Any

from tidings.export._flat import period_start
from tidings.store import Store

log = logging.getLogger(__name__)

_PAGE = 500

TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "actors": ("id", "name", "country", "sector", "kind", "role", "aliases", "num_mentions", "num_documents"),
    "places": ("id", "name", "lat", "lon", "country", "admin1", "feature", "population", "geo_precision",
               "aliases", "num_mentions", "num_documents"),
    "event_mentions": ("id", "event_id", "type", "mode", "quad", "contexts", "source", "target", "location",
                       "date", "date_precision", "date_text", "size", "modality", "attribution",
                       "confidence", "evidence"),
    "events": ("id", "type", "mode", "quad", "contexts", "source", "target", "location", "date",
               "date_precision", "date_text", "size", "modality", "attribution", "confidence", "story_id",
               "num_mentions", "num_documents", "num_sources", "first_reported", "disputed", "values",
               "mentions"),
    "stories": ("id", "title", "doc_ids", "first_date", "last_date", "num_events", "top_actors", "top_places"),
}


#: Tables dumped as stored (column for column, nested values as JSON text): the large per-document ones.
RAW_TABLES = ("documents", "sentences", "mentions")


def table_rows(store: Store) -> dict[str, list[dict[str, Any]]]:
    """The entity and event tables as row dicts with nested values as structs and lists."""
    return {
        "actors": store.actors(),
        "places": store.places(),
        "event_mentions": [{**asdict(m), "date": period_start(m.date)} for m in store.event_mentions()],
        "events": [{**e.to_dict(), "date": period_start(e.date), "first_reported": period_start(e.first_reported),
                    "values": json.dumps(e.values, ensure_ascii=False)} for e in store.events()],
        "stories": [s.to_dict() for s in store.stories()],
    }


def _arrow_table(name: str, rows: list[dict[str, Any]]) -> Any:
    import pyarrow as pa

    columns = TABLE_COLUMNS[name]
    if not rows:
        return pa.table({column: pa.array([], pa.string()) for column in columns})
    return pa.Table.from_pylist([{c: row.get(c) for c in columns} for row in rows])


def write_tables(store: Store, out: Path) -> list[Path]:
    """Write `out/<table>.parquet` for each table in `TABLE_COLUMNS`."""
    import pyarrow.parquet as pq

    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in RAW_TABLES:
        path = out / f"{name}.parquet"
        pq.write_table(store.table_arrow(name), str(path))
        written.append(path)
    for name, rows in table_rows(store).items():
        path = out / f"{name}.parquet"
        pq.write_table(_arrow_table(name, rows), str(path))
        log.info("parquet: %s: %d rows", path, len(rows))
        written.append(path)
    return written
