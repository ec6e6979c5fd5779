"""End-to-end through the command line, the way users meet Tidings."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from tidings.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    """The bundled sample corpus, run once for the module."""
    db = str(tmp_path_factory.mktemp("demo") / "demo.duckdb")
    result = runner.invoke(app, ["demo", "--db", db, "--workers", "1"])
    assert result.exit_code == 0, result.output
    return db


def test_demo_prints_a_summary_and_how_to_go_on(demo_db):
    result = runner.invoke(app, ["demo", "--db", demo_db, "--workers", "1"])
    assert result.exit_code == 0
    assert "documents" in result.stdout and "events" in result.stdout
    assert "tidings serve" in result.stdout


def test_docs_json_lists_every_sample_document_once(demo_db):
    result = runner.invoke(app, ["docs", "--db", demo_db, "--format", "json"])
    docs = json.loads(result.stdout)
    assert len(docs) == 26
    assert {"id", "url", "outlet", "title", "published", "story_id", "near_duplicate_of", "num_sentences",
            "num_events", "status"} <= set(docs[0])
    assert len({d["id"] for d in docs}) == len(docs)


def test_the_syndicated_copy_is_flagged_as_a_near_duplicate(demo_db):
    docs = json.loads(runner.invoke(app, ["docs", "--db", demo_db, "--format", "json"]).stdout)
    flagged = [d for d in docs if d["near_duplicate_of"]]
    assert len(flagged) == 1
    original = next(d for d in docs if d["id"] == flagged[0]["near_duplicate_of"])
    assert "expel" in (original["title"] or "").lower() or "diplomat" in (original["title"] or "").lower()


def test_events_jsonl_prints_one_event_per_line(demo_db):
    result = runner.invoke(app, ["events", "--db", demo_db, "--format", "jsonl"])
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert events and all(e["type"] and e["id"].startswith("ev_") for e in events)
    assert all(m["doc_id"] and m["sentence"] for e in events for m in e["mentions"])


def test_events_filters_narrow_the_list(demo_db):
    every = runner.invoke(app, ["events", "--db", demo_db, "--format", "jsonl"]).stdout.splitlines()
    assaults = runner.invoke(app, ["events", "--db", demo_db, "--format", "jsonl", "--type", "ASSAULT"])
    chosen = [json.loads(line) for line in assaults.stdout.splitlines()]
    assert chosen and len(chosen) < len(every)
    assert {e["type"] for e in chosen} == {"ASSAULT"}


def test_show_json_has_clean_text_sentences_and_mentions(demo_db):
    docs = json.loads(runner.invoke(app, ["docs", "--db", demo_db, "--format", "json"]).stdout)
    doc_id = docs[0]["id"]
    shown = json.loads(runner.invoke(app, ["show", doc_id, "--db", demo_db, "--format", "json"]).stdout)
    assert shown["clean_text"] and shown["sentences"]
    kinds = {m["kind"] for m in shown["mentions"]}
    assert kinds <= {"actor", "place", "time"} and kinds


def test_show_names_an_unknown_document(demo_db):
    result = runner.invoke(app, ["show", "0000000000000000", "--db", demo_db])
    assert result.exit_code == 1


def test_stories_and_entities_list_as_jsonl(demo_db):
    for command in ("stories", "actors", "places"):
        result = runner.invoke(app, [command, "--db", demo_db, "--format", "jsonl"])
        assert result.exit_code == 0, command
        rows = [json.loads(line) for line in result.stdout.splitlines()]
        assert rows, command


def test_places_geojson_is_a_feature_collection(demo_db):
    result = runner.invoke(app, ["places", "--db", demo_db, "--format", "geojson"])
    collection = json.loads(result.stdout)
    assert collection["type"] == "FeatureCollection" and collection["features"]


def test_bad_inputs_are_named_skipped_and_give_exit_status_1(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("Police in Kisumu detained 12 protesters on Monday, officials said.\n")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    (folder / "records.jsonl").write_text(
        json.dumps({"id": "r1", "text": "Troops shelled the village of Marinka on Sunday, the army said."})
        + "\n{broken json\n")
    db = str(tmp_path / "t.duckdb")
    result = runner.invoke(app, ["run", str(folder), "--db", db, "--workers", "1"])
    assert result.exit_code == 1
    assert "binary.txt" in result.stderr and "records.jsonl:2" in result.stderr
    docs = json.loads(runner.invoke(app, ["docs", "--db", db, "--format", "json"]).stdout)
    assert len(docs) == 2


def test_a_missing_database_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["docs", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code != 0


def test_seeds_are_stored_once_however_often_they_are_run(tmp_path, shared_dir):
    db = str(tmp_path / "seeds.duckdb")
    for _ in range(2):
        result = runner.invoke(app, ["run", str(shared_dir / "seeds"), "--db", db, "--workers", "1"])
        assert result.exit_code == 0, result.output
    docs = json.loads(runner.invoke(app, ["docs", "--db", db, "--format", "json"]).stdout)
    assert len(docs) == 2
    by_source = {}
    for doc in docs:
        shown = json.loads(runner.invoke(app, ["show", doc["id"], "--db", db, "--format", "json"]).stdout)
        by_source[shown["source"].rsplit("/", 1)[-1][:3]] = shown
    seed0 = by_source["000"]["clean_text"]
    sentences = [s["text"] for s in by_source["000"]["sentences"]]
    assert len(sentences) == len(set(sentences))
    assert "Kalashnikov" in seed0
    for debris in ("WATCH:", "LIVE BLOG:", "Your browser"):
        assert debris not in seed0
    assert not by_source["001"]["clean_text"].rstrip().endswith("BBC")


def test_seeds_with_bad_neighbours_keep_the_good_documents(tmp_path, shared_dir):
    folder = tmp_path / "mixed"
    shutil.copytree(shared_dir / "seeds", folder)
    (folder / "photo.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "feed.jsonl").write_text('{"id": "x", "text": "Crowds marched through Lviv on Sunday."}\n{"id": \n')
    db = str(tmp_path / "mixed.duckdb")
    result = runner.invoke(app, ["run", str(folder), "--db", db, "--workers", "1"])
    assert result.exit_code == 1
    assert "photo.txt" in result.stderr and "feed.jsonl:2" in result.stderr
    docs = json.loads(runner.invoke(app, ["docs", "--db", db, "--format", "json"]).stdout)
    assert len(docs) == 3


ACLED_COLUMNS = ("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,"
                 "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,"
                 "country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,"
                 "notes,fatalities,tags,timestamp")


def test_export_layouts_write_the_fields_formats(demo_db, tmp_path):
    acled = tmp_path / "acled.csv"
    assert runner.invoke(app, ["export", "--layout", "acled", "--db", demo_db, "--out", str(acled)]).exit_code == 0
    lines = acled.read_text().splitlines()
    assert lines[0] == ACLED_COLUMNS and len(lines) > 5
    plover = tmp_path / "plover.jsonl"
    assert runner.invoke(app, ["export", "--layout", "plover", "--db", demo_db, "--out", str(plover)]).exit_code == 0
    records = [json.loads(line) for line in plover.read_text().splitlines()]
    assert records and all("event" in r and "actor" in r for r in records)
    gdelt = tmp_path / "gdelt"
    assert runner.invoke(app, ["export", "--layout", "gdelt", "--db", demo_db, "--out", str(gdelt)]).exit_code == 0
    assert len(list(gdelt.glob("*.export.CSV"))) == 1 and len(list(gdelt.glob("*.mentions.CSV"))) == 1
    tables = tmp_path / "tables"  # the CLI opens the demo store fresh: the DuckDB 2 pending-result crash
    result = runner.invoke(app, ["export", "--layout", "parquet", "--db", demo_db, "--out", str(tables)])
    assert result.exit_code == 0, result.output
    assert {p.stem for p in tables.glob("*.parquet")} >= {"documents", "sentences", "mentions", "events"}


def test_eval_names_a_missing_gold_path(tmp_path):
    result = runner.invoke(app, ["eval", "places", "--gold", str(tmp_path / "nowhere.xml")])
    assert result.exit_code != 0
