"""Batch resolution keeps memory bounded: stored events are loaded by month, old ones evicted."""

from __future__ import annotations

from tidings.config import Settings
from tidings.model import Document, DocumentResult, EventMention, Evidence, Location
from tidings.runner.resolution import BatchResolver
from tidings.store import open_store


def _result(number: int) -> DocumentResult:
    doc_id = f"{number:016x}"
    day = f"2020-{1 + number // 28:02d}-{1 + number % 28:02d}"
    text = f"Rebels shelled village number {number} on that day."
    mention = EventMention(
        id=f"em_{doc_id}_8", type="ASSAULT", mode="heavy-weapons", quad=4,
        evidence=Evidence(doc_id=doc_id, sentence_index=0, sentence=text, trigger="shelled", start=7, end=14,
                          outlet=f"outlet {number}", published=day),
        location=Location(text=f"village {number}", place_id=f"geonames:{number}", country="SYR",
                          geo_precision=1),
        date=day, date_precision="day")
    return DocumentResult(document=Document(id=doc_id, text=text, clean_text=text, published=day,
                                            outlet=f"outlet {number}"),
                          event_mentions=[mention], minhash=[number] * 64)


def test_mentions_in_memory_stay_under_the_budget_and_evicted_events_stay_stored(tmp_path):
    with open_store(tmp_path / "t.duckdb") as store:
        resolver = BatchResolver(store, Settings.load(workers=1, resolver_memory_mentions=10))
        for start in range(0, 60, 5):
            batch = [_result(n) for n in range(start, start + 5)]
            resolved = resolver.resolve(batch)
            store.write_batch(batch, resolved.band_keys, resolved.events, resolved.stories, resolved.story_state)
            assert resolver.events.member_count() <= 10
        assert store.counts()["events"] == 60
        # The oldest reports left memory first: the newest batch is still there.
        assert resolver.events.get(resolved.events[-1].id) is not None


def test_a_new_run_loads_no_more_stored_mentions_than_its_budget(tmp_path):
    with open_store(tmp_path / "t.duckdb") as store:
        first = BatchResolver(store, Settings.load(workers=1))
        batch = [_result(n) for n in range(20)]
        resolved = first.resolve(batch)
        store.write_batch(batch, resolved.band_keys, resolved.events, resolved.stories, resolved.story_state)
        later = BatchResolver(store, Settings.load(workers=1, resolver_memory_mentions=7))
        later.resolve([_result(25)])
        loaded = sorted(e.date for e in later.events.events() if e.date != "2020-01-26")
        assert loaded == [f"2020-01-{day}" for day in range(15, 21)]  # the six most recent, and room for one


def test_a_new_run_loads_the_stored_events_of_the_months_it_touches(tmp_path):
    with open_store(tmp_path / "t.duckdb") as store:
        first = BatchResolver(store, Settings.load(workers=1))
        batch = [_result(3)]
        resolved = first.resolve(batch)
        store.write_batch(batch, resolved.band_keys, resolved.events, resolved.stories, resolved.story_state)
        again = _result(3)
        again.document.id = again.event_mentions[0].evidence.doc_id = "f" * 16
        again.event_mentions[0].id = "em_" + "f" * 16 + "_8"
        again.document.outlet = again.event_mentions[0].evidence.outlet = "another outlet"
        again.minhash = [7] * 64  # a different article, not a syndicated copy
        later = BatchResolver(store, Settings.load(workers=1))
        (event,) = later.resolve([again]).events
        assert event.id == resolved.events[0].id and event.num_sources == 2
