"""The store: migrations, batch writes in transactions, idempotent reads, locking."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tidings.errors import StoreError
from tidings.model import (Actor, ActorRef, Document, DocumentResult, Event, EventMention, Evidence,
                           Location, Mention, Place, Sentence, Story, TimeValue)
from tidings.store import open_store


def _result(doc_id: str = "a" * 16, outlet: str = "Daily Wire Service") -> DocumentResult:
    text = "Police detained 40 people in Minsk on Sunday."
    actor = Actor(id="ac_police", name="Belarusian police", country="BLR", sector="COP")
    place = Place(id="geonames:625144", name="Minsk", lat=53.9, lon=27.57, country="BLR")
    evidence = Evidence(doc_id=doc_id, sentence_index=0, sentence=text, trigger="detained", start=7,
                        end=15, outlet=outlet)
    mention = EventMention(id=f"em_{doc_id}_7", type="COERCE", mode="arrest", quad=4, evidence=evidence,
                           source=[ActorRef(text="Police", actor_id="ac_police", country="BLR", sector="COP")],
                           location=Location(text="Minsk", place_id=place.id, country="BLR", lat=53.9, lon=27.57),
                           date="2020-08-09", date_precision="day", event_id="ev_1")
    return DocumentResult(
        document=Document(id=doc_id, text=text, clean_text=text, outlet=outlet, published="2020-08-10"),
        sentences=[Sentence(0, 0, len(text), text)],
        mentions=[Mention("actor", "Police", 0, 6, 0, actor=actor),
                  Mention("place", "Minsk", 35, 40, 0, place=place),
                  Mention("time", "on Sunday", 41, 50, 0, time=TimeValue("2020-08-09", "day"))],
        event_mentions=[mention],
        minhash=[1, 2, 3],
    )


def _event() -> Event:
    return Event(id="ev_1", type="COERCE", mode="arrest", quad=4, date="2020-08-09",
                 location=Location(text="Minsk", country="BLR"), num_mentions=1, num_documents=1,
                 num_sources=1, story_id="st_1")


def test_a_written_batch_is_read_back_as_model_objects(tmp_path):
    result = _result()
    result.document.story_id = "st_1"  # the resolver sets it before the write
    with open_store(tmp_path / "t.duckdb") as store:
        store.write_batch([result], {"a" * 16: ["0:abc"]}, [_event()],
                          [Story(id="st_1", title="Minsk arrests", doc_ids=["a" * 16])], {"k": 1})
        assert store.counts()["documents"] == 1
        assert store.known_documents(["a" * 16, "b" * 16]) == {"a" * 16}
        assert store.events(type="coerce", country="blr")[0].id == "ev_1"
        assert store.events(type="ASSAULT") == []
        assert store.events(since="2020-08-10") == []
        assert store.story_state() == {"k": 1}
        shown = store.document("a" * 16)
        assert [m["kind"] for m in shown["mentions"]] == ["actor", "place", "time"]
        assert shown["mentions"][1]["lat"] == pytest.approx(53.9)
        assert shown["mentions"][2]["value"] == "2020-08-09"
        assert shown["event_mentions"][0]["evidence"]["trigger"] == "detained"
        assert store.actors()[0]["num_mentions"] == 1
        assert store.near_duplicate_candidates(["0:abc"]) == [("a" * 16, [1, 2, 3], ["0:abc"])]
        assert store.documents()[0]["story_id"] == "st_1"


def test_a_failed_batch_leaves_nothing_behind(tmp_path):
    with open_store(tmp_path / "t.duckdb") as store:
        store.write_batch([_result("a" * 16)], {}, [], [], None)
        broken = _result("b" * 16)
        broken.sentences.append("not a sentence")  # type: ignore[arg-type]
        with pytest.raises(AttributeError):
            store.write_batch([broken], {}, [], [], None)
        assert store.known_documents(["a" * 16, "b" * 16]) == {"a" * 16}
        assert store.counts()["sentences"] == 1


def test_metadata_from_a_later_ingest_fills_gaps_without_overwriting(tmp_path):
    with open_store(tmp_path / "t.duckdb") as store:
        store.write_batch([_result()], {}, [], [], None)
        conflicts = store.fill_metadata("a" * 16, {"url": "https://example.org/x", "outlet": "Other"})
        doc = store.documents()[0]
        assert doc["url"] == "https://example.org/x"
        assert doc["outlet"] == "Daily Wire Service"
        assert conflicts == ["outlet"]


def test_a_second_process_gets_a_clear_error_while_a_run_holds_the_database(tmp_path):
    path = tmp_path / "t.duckdb"
    with open_store(path):
        code = ("from tidings.store import open_store\n"
                f"open_store({str(path)!r})\n")
        finished = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert finished.returncode != 0
    assert "in use by another Tidings process" in finished.stderr


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("hello")
    with pytest.raises(StoreError, match="notes.duckdb"):
        open_store(path)


def test_events_become_a_pandas_frame_with_flattened_fields(tmp_path):
    with open_store(tmp_path / "t.duckdb") as store:
        store.write_batch([_result()], {}, [_event()], [], None)
        frame = store.events().to_pandas()
    assert list(frame["id"]) == ["ev_1"]
    assert frame["location.country"][0] == "BLR"
