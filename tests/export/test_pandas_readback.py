"""Issue 14: every export reads back in pandas the way its ecosystem reads it (ACLED and GDELT are
checked in test_fields.py; here PLOVER JSONL, the Parquet layout and the events CSV/Parquet/GeoJSON)."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from tidings.export import export_layout, write_events
from tidings.store import open_store

from tests.export._build import build_database


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("readback") / "t.duckdb"
    build_database(path)
    return path


def test_plover_jsonl_reads_as_json_lines(db, tmp_path):
    with open_store(db, read_only=True) as store:
        [path] = export_layout(store, "plover", tmp_path / "p.jsonl")
    frame = pd.read_json(path, lines=True)  # pandas turns the `date` column into datetimes itself
    assert len(frame) == 3 and {"id", "date", "event", "mode", "actor", "recipient"} <= set(frame.columns)
    assert set(frame["event"]) == {"ASSAULT", "PROTEST", "CONSULT"}
    assert frame.set_index("id").loc["ev_kramatorsk1", "date"] == pd.Timestamp("2014-04-12")


def test_parquet_layout_reads_with_dates_and_nested_values(db, tmp_path):
    with open_store(db, read_only=True) as store:
        written = export_layout(store, "parquet", tmp_path / "tables")
    frames = {path.stem: pd.read_parquet(path) for path in written}
    events = frames["events"].set_index("id")
    assert events.loc["ev_kramatorsk1", "date"] in (dt.date(2014, 4, 12), pd.Timestamp("2014-04-12"))
    source = events.loc["ev_kramatorsk1", "source"]
    assert source[0]["sector"] == "UAF"  # a list of structs: dicts in pandas
    assert len(frames["documents"]) == 4 and "clean_text" in frames["documents"].columns


def test_events_csv_parquet_and_geojson_read_back(db, tmp_path):
    with open_store(db, read_only=True) as store:
        found = store.events()
        write_events(found, "csv", tmp_path / "e.csv")
        write_events(found, "parquet", tmp_path / "e.parquet")
        write_events(found, "geojson", tmp_path / "e.geojson")
    flat = pd.read_csv(tmp_path / "e.csv", parse_dates=["date"])
    assert len(flat) == 3 and str(flat["date"].dtype).startswith("datetime64")
    typed = pd.read_parquet(tmp_path / "e.parquet")
    assert list(typed["id"]) == list(flat["id"])
    features = json.loads((tmp_path / "e.geojson").read_text())["features"]
    frame = pd.json_normalize(features)
    assert {"geometry.coordinates", "properties.type"} <= set(frame.columns)
