"""Exports: the CLI formats and the PLOVER, ACLED, GDELT and Parquet layouts on a hand-made database."""

from __future__ import annotations

import csv
import io
import json
import logging

import pyarrow.parquet as pq
import pytest

from tidings.errors import UsageError
from tidings.export import export_layout, write_events
from tidings.export.acled import ACLED_COLUMNS
from tidings.export.gdelt import EVENT_COLUMNS, MENTION_COLUMNS
from tidings.store import open_store

from tests.export._build import build_database


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "t.duckdb"
    build_database(path)
    with open_store(path, read_only=True) as opened:
        yield opened


ACLED_HEADER = ("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,"
                "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,"
                "country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,"
                "notes,fatalities,tags,timestamp")


def test_jsonl_to_stdout_keeps_the_design_shape(store, capsys):
    write_events(store.events(), "jsonl", None)
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [e["id"] for e in lines] == ["ev_kramatorsk1", "ev_vilniusmeet", "ev_kharkivdemo"]
    first = lines[0]
    assert first["location"]["lat"] == pytest.approx(48.72305)
    assert first["mentions"][0]["trigger"] == "fired"
    assert first["size"] == {"dead": 2, "injured": 3, "arrested": None}


def test_json_is_one_document(store, tmp_path):
    out = tmp_path / "events.json"
    write_events(store.events(type="ASSAULT"), "json", out)
    data = json.loads(out.read_text())
    assert isinstance(data, list) and [e["type"] for e in data] == ["ASSAULT"]


def test_csv_is_flat_with_evidence_and_url(store, tmp_path):
    out = tmp_path / "events.csv"
    write_events(store.events(), "csv", out)
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assault = rows[0]
    assert assault["source_sectors"] == "UAF" and assault["target_names"] == "Ukrainian police"
    assert assault["evidence"].startswith("Gunmen in unmarked uniforms fired")
    assert assault["url"] == "https://courier.example/a" and assault["dead"] == "2"


def test_geojson_is_a_feature_collection_without_uncoordinated_events(store, capsys, caplog):
    caplog.set_level(logging.INFO)
    write_events(store.events(), "geojson", None)
    data = json.loads(capsys.readouterr().out)
    assert data["type"] == "FeatureCollection"
    assert {f["id"] for f in data["features"]} == {"ev_kramatorsk1", "ev_kharkivdemo"}
    point = data["features"][0]["geometry"]
    assert point["type"] == "Point" and point["coordinates"] == pytest.approx([37.55629, 48.72305])
    assert "1 of 3 events have no coordinates" in caplog.text


def test_parquet_events_need_a_file_and_read_back(store, tmp_path):
    with pytest.raises(UsageError):
        write_events(store.events(), "parquet", None)
    out = tmp_path / "events.parquet"
    write_events(store.events(), "parquet", out)
    table = pq.read_table(out)
    assert table.num_rows == 3 and table.column("lat").to_pylist()[0] == pytest.approx(48.72305)


def test_unknown_format_is_a_usage_error(store):
    with pytest.raises(UsageError, match="xml"):
        write_events(store.events(), "xml", None)


def test_acled_header_is_exact_and_the_kramatorsk_row_is_placed(store, tmp_path, caplog):
    caplog.set_level(logging.WARNING)
    out = tmp_path / "acled.csv"
    assert export_layout(store, "acled", out) == [out]
    text = out.read_text()
    assert text.splitlines()[0] == ACLED_HEADER == ",".join(ACLED_COLUMNS)
    rows = {r["event_id_cnty"]: r for r in csv.DictReader(io.StringIO(text))}
    assert len(rows) == 2  # CONSULT has no ACLED equivalent
    assert "1 of 3 events left out: types ACLED does not record (CONSULT 1)" in caplog.text
    by_type = {r["event_type"]: r for r in rows.values()}
    row = by_type["Battles"]
    assert row["event_id_cnty"].startswith("UKR") and row["event_id_cnty"][3:].isdigit()
    assert float(row["latitude"]) == pytest.approx(48.72305) and float(row["longitude"]) == pytest.approx(37.55629)
    assert (row["country"], row["iso"], row["admin1"], row["location"]) == ("Ukraine", "804", "Donetsk", "Kramatorsk")
    assert row["event_type"] == "Battles" and row["fatalities"] == "2" and row["time_precision"] == "1"
    assert (row["inter1"], row["inter2"], row["interaction"]) == ("3", "1", "13")
    assert "Donbas Courier" in row["source"] and "fired on a police checkpoint" in row["notes"]
    protest = by_type["Protests"]
    assert (protest["event_type"], protest["inter1"], protest["disorder_type"]) == ("Protests", "6", "Demonstrations")


def test_plover_lines_parse_with_event_and_actor(store, tmp_path):
    [path] = export_layout(store, "plover", tmp_path / "plover.jsonl")
    records = [json.loads(line) for line in path.read_text().splitlines()]
    assert len(records) == 3
    assault = records[0]
    assert assault["event"] == "ASSAULT" and assault["actor"] == ["unidentified gunmen"]
    assert assault["recipient"] == ["Ukrainian police"] and assault["recipient_code"] == ["UKRCOP"]
    assert assault["event_loc"]["geonameid"] == 704147 and assault["size"]["dead"] == 2
    assert assault["tidings"]["num_sources"] == 2 and assault["mode"] == ["firearms"]


def test_gdelt_tables_have_the_codebook_columns(store, tmp_path):
    events_path, mentions_path = export_layout(store, "gdelt", tmp_path / "gdelt")
    events = [line.split("\t") for line in events_path.read_text().splitlines()]
    mentions = [line.split("\t") for line in mentions_path.read_text().splitlines()]
    assert len(EVENT_COLUMNS) == 61 and len(MENTION_COLUMNS) == 16
    assert all(len(row) == 61 for row in events) and all(len(row) == 16 for row in mentions)
    assert len(events) == 3 and len(mentions) == 4  # no header rows, as GDELT publishes them
    row = dict(zip(EVENT_COLUMNS, events[0]))
    assert (row["SQLDATE"], row["EventRootCode"], row["QuadClass"]) == ("20140412", "19", "4")
    assert float(row["GoldsteinScale"]) == -10.0
    assert row["ActionGeo_CountryCode"] == "UP" and row["ActionGeo_FeatureID"] == "704147"
    assert row["Actor2Code"] == "UKRCOP" and row["NumSources"] == "2"
    mention = dict(zip(MENTION_COLUMNS, mentions[0]))
    assert mention["GLOBALEVENTID"] == row["GLOBALEVENTID"] and mention["Actor1CharOffset"] == "0"


def test_parquet_layout_writes_one_readable_file_per_table(store, tmp_path):
    written = export_layout(store, "parquet", tmp_path / "tables")
    names = {p.stem for p in written}
    assert names == {"documents", "sentences", "actors", "places", "mentions", "event_mentions", "events",
                     "stories"}
    tables = {p.stem: pq.read_table(p) for p in written}
    assert tables["documents"].num_rows == 4 and tables["events"].num_rows == 3
    assert tables["sentences"].num_rows == 6
    assert "clean_text" in tables["documents"].column_names


def test_min_confidence_filters_layouts(store, tmp_path):
    [path] = export_layout(store, "plover", tmp_path / "p.jsonl", min_confidence=0.75)
    assert [json.loads(line)["id"] for line in path.read_text().splitlines()] == ["ev_kramatorsk1"]


def test_unknown_layout_is_a_usage_error(store, tmp_path):
    with pytest.raises(UsageError, match="cameo"):
        export_layout(store, "cameo", tmp_path / "x")
