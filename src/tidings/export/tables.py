"""The `parquet` layout: one Parquet file per store table, read through the store's public queries.

Nested values (actor lists, locations, evidence) become Parquet structs and lists; `values` (a mapping
whose keys vary per event) is kept as JSON text.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

from tidings.store import Store

log = logging.getLogger(__name__)

_PAGE = 500

TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": ("id", "url", "outlet", "title", "published", "language", "source", "story_id",
                  "near_duplicate_of", "num_sentences", "num_events", "status", "clean_text", "removed"),
    "sentences": ("doc_id", "index", "start", "end", "text"),
    "actors": ("id", "name", "country", "sector", "kind", "role", "aliases", "num_mentions", "num_documents"),
    "places": ("id", "name", "lat", "lon", "country", "admin1", "feature", "population", "geo_precision",
               "aliases", "num_mentions", "num_documents"),
    "mentions": ("doc_id", "kind", "text", "start", "end", "sentence_index", "label", "actor_id", "place_id",
                 "name", "country", "sector", "role", "lat", "lon", "admin1", "geo_precision", "value",
                 "precision"),
    "event_mentions": ("id", "event_id", "type", "mode", "quad", "contexts", "source", "target", "location",
                       "date", "date_precision", "date_text", "size", "modality", "attribution",
                       "confidence", "evidence"),
    "events": ("id", "type", "mode", "quad", "contexts", "source", "target", "location", "date",
               "date_precision", "date_text", "size", "modality", "attribution", "confidence", "story_id",
               "num_mentions", "num_documents", "num_sources", "first_reported", "disputed", "values",
               "mentions"),
    "stories": ("id", "title", "doc_ids", "first_date", "last_date", "num_events", "top_actors", "top_places"),
}


def _documents(store: Store) -> Iterator[dict[str, Any]]:
    offset = 0
    while True:
        page = store.documents(limit=_PAGE, offset=offset)
        if not page:
            return
        for row in page:
            yield store.document(row["id"]) or row
        offset += _PAGE


def table_rows(store: Store) -> dict[str, list[dict[str, Any]]]:
    """Every table as a list of row dicts (documents walked page by page)."""
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLE_COLUMNS}
    for doc in _documents(store):
        tables["documents"].append({**doc, "removed": json.dumps(doc.get("removed") or [], ensure_ascii=False)})
        tables["sentences"].extend({"doc_id": doc["id"], **s} for s in doc.get("sentences") or [])
        tables["mentions"].extend({"doc_id": doc["id"], **m} for m in doc.get("mentions") or [])
    tables["actors"] = store.actors()
    tables["places"] = store.places()
    tables["event_mentions"] = [asdict(m) for m in store.event_mentions()]
    tables["events"] = [{**e.to_dict(), "values": json.dumps(e.values, ensure_ascii=False)}
                        for e in store.events()]
    tables["stories"] = [s.to_dict() for s in store.stories()]
    return tables


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
    for name, rows in table_rows(store).items():
        path = out / f"{name}.parquet"
        pq.write_table(_arrow_table(name, rows), str(path))
        log.info("parquet: %s: %d rows", path, len(rows))
        written.append(path)
    return written
