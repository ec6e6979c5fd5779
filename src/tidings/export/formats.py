"""`tidings events --format ...`: events as JSON, JSONL, CSV, GeoJSON or Parquet.

Formats are a name -> writer table (STYLE rule 9); every writer takes the events and a text or binary
stream, so stdout and files share one code path.
"""

from __future__ import annotations

import csv
import json
import logging
import sys
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Iterator

from tidings.errors import UsageError
from tidings.export._flat import FLAT_COLUMNS, arrow_schema, flat_row, typed_row
from tidings.export._safe import neutralise_row
from tidings.model import Event

log = logging.getLogger(__name__)


def _write_json(events: list[Event], stream: IO[str]) -> None:
    json.dump([e.to_dict() for e in events], stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def _write_jsonl(events: list[Event], stream: IO[str]) -> None:
    for event in events:
        stream.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")


def _write_csv(events: list[Event], stream: IO[str]) -> None:
    writer = csv.DictWriter(stream, fieldnames=list(FLAT_COLUMNS), lineterminator="\n")
    writer.writeheader()
    for event in events:
        writer.writerow(neutralise_row(flat_row(event)))


def _write_csv_raw(events: list[Event], stream: IO[str]) -> None:
    writer = csv.DictWriter(stream, fieldnames=list(FLAT_COLUMNS), lineterminator="\n")
    writer.writeheader()
    for event in events:
        writer.writerow(flat_row(event))


def event_features(events: list[Event]) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of the events that have coordinates (Point [lon, lat])."""
    features = []
    for event in events:
        loc = event.location
        if loc is None or loc.lat is None or loc.lon is None:
            continue
        properties = {k: v for k, v in flat_row(event).items() if k not in ("lat", "lon")}
        features.append({"type": "Feature", "id": event.id,
                         "geometry": {"type": "Point", "coordinates": [loc.lon, loc.lat]},
                         "properties": properties})
    left_out = len(events) - len(features)
    if left_out:
        log.warning("geojson: %d of %d events have no coordinates and are left out", left_out, len(events))
    return {"type": "FeatureCollection", "features": features}


def _write_geojson(events: list[Event], stream: IO[str]) -> None:
    json.dump(event_features(events), stream, ensure_ascii=False)
    stream.write("\n")


def write_parquet(rows: list[dict[str, Any]], schema: Any, path: Path) -> None:
    """Rows (dicts keyed by the schema's names) as one Parquet file."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = {name: [row.get(name) for row in rows] for name in schema.names}
    pq.write_table(pa.Table.from_pydict(columns, schema=schema), str(path))


TEXT_WRITERS: dict[str, Callable[[list[Event], IO[str]], None]] = {
    "json": _write_json,
    "jsonl": _write_jsonl,
    "csv": _write_csv,
    "geojson": _write_geojson,
}
#: Every format `write_events` accepts.
FORMATS = (*TEXT_WRITERS, "parquet")


@contextmanager
def _text_output(path: Path | None) -> Iterator[IO[str]]:
    if path is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    with open(path, "w", encoding="utf-8", newline="") as stream:
        yield stream


def write_events(events: list[Event], fmt: str, path: Path | None, raw: bool = False) -> None:
    """Write events in `fmt` to `path`, or to stdout when `path` is None (not for parquet).

    CSV cells a spreadsheet would run as formulas are neutralised (`_safe.neutralise`) unless `raw`.

    Raises:
        UsageError: unknown format, or parquet without a path.
    """
    if fmt == "parquet":
        if path is None:
            raise UsageError("parquet needs a file: pass --out FILE")
        write_parquet([typed_row(e) for e in events], arrow_schema(), Path(path))
        log.info("wrote %d events to %s", len(events), path)
        return
    try:
        writer = _write_csv_raw if fmt == "csv" and raw else TEXT_WRITERS[fmt]
    except KeyError:
        raise UsageError(f"unknown events format {fmt!r}; choose one of {', '.join(FORMATS)}") from None
    with _text_output(Path(path) if path is not None else None) as stream:
        writer(events, stream)
    if path is not None:
        log.info("wrote %d events to %s", len(events), path)
