"""Invariants of cross-source resolution on generated corpora (issue 13):

* any split of a corpus into consecutive runs, and any interruption and resume, stores exactly the
  events of one run (the same partition of mentions into events, the same fields);
* `num_sources` never exceeds the distinct outlets of an event's mentions.
"""

from __future__ import annotations

import copy
import json
import random
from collections import defaultdict

import pytest

from tidings.config import Settings
from tidings.model import DocumentResult
from tidings.runner.resolution import BatchResolver
from tidings.store import open_store

from tests.resolve.generated import generated_corpus

BATCH = 4
SEEDS = range(8)


def _feed(store, results: list[DocumentResult], stop_after: int | None = None, size: int = BATCH) -> None:
    """One run (a new resolver) over `results` in batches of `size`; `stop_after` batches written, then
    the run dies: the batch it was resolving is never written (as under kill -9)."""
    resolver = BatchResolver(store, Settings.load(workers=1))
    for number, start in enumerate(range(0, len(results), size)):
        batch = results[start:start + size]
        resolved = resolver.resolve(batch)
        if stop_after is not None and number >= stop_after:
            return
        store.write_batch(batch, resolved.band_keys, resolved.events, resolved.stories, resolved.story_state)


def _snapshot(store) -> tuple[dict[str, dict], dict[str, str]]:
    events = {row[0]: json.loads(row[1]) for row in store.con.execute("SELECT id, data FROM events").fetchall()}
    mentions = dict(store.con.execute("SELECT id, event_id FROM event_mentions").fetchall())
    return events, mentions


def _stored(tmp_path, name: str, runs: list[tuple[list[DocumentResult], int | None]], size: int = BATCH):
    """Feed each (documents, stop_after) run in turn into one database; documents already stored are
    skipped, as `tidings run` skips them on a resume."""
    with open_store(tmp_path / f"{name}.duckdb") as store:
        for results, stop_after in runs:
            done = {row[0] for row in store.con.execute("SELECT id FROM documents").fetchall()}
            _feed(store, [copy.deepcopy(r) for r in results if r.document.id not in done], stop_after, size)
        return _snapshot(store)


@pytest.mark.parametrize("seed", SEEDS)
def test_consecutive_runs_and_a_resumed_run_store_the_events_of_one_run(tmp_path, seed):
    corpus = generated_corpus(seed)
    whole = _stored(tmp_path, "whole", [(corpus, None)])
    assert _stored(tmp_path, "other-batches", [(corpus, None)], size=7) == whole  # batches do not matter
    cut = random.Random(seed).randrange(1, len(corpus))
    assert _stored(tmp_path, "halves", [(corpus[:cut], None), (corpus, None)]) == whole
    thirds = len(corpus) // 3
    assert _stored(tmp_path, "thirds", [(corpus[:thirds], None), (corpus[thirds:2 * thirds], None),
                                        (corpus, None)]) == whole
    killed_at = random.Random(seed + 100).randrange(1, len(corpus) // BATCH)
    assert _stored(tmp_path, "resumed", [(corpus, killed_at), (corpus, None)]) == whole


@pytest.mark.parametrize("seed", SEEDS)
def test_sources_never_exceed_the_outlets_of_an_events_mentions(tmp_path, seed):
    corpus = generated_corpus(seed, documents=50)
    cut = len(corpus) // 2
    events, mention_event = _stored(tmp_path, "split", [(corpus[:cut], None), (corpus, None)])
    outlets: dict[str, set[str]] = defaultdict(set)
    for result in corpus:
        for mention in result.event_mentions:
            outlets[mention_event[mention.id]].add(mention.evidence.outlet)
    assert any(result.document.id.endswith("c" * 12) for result in corpus)  # copies are in the corpus
    for event_id, event in events.items():
        assert 1 <= event["num_sources"] <= len(outlets[event_id])


def _report(doc_id: str, published: str, text: str) -> DocumentResult:
    """A document about other things that also reports the same shelling of Town 7."""
    from tidings.model import Document, EventMention, Evidence, Location

    mention = EventMention(
        id=f"em_{doc_id}_0", type="ASSAULT", mode="heavy-weapons", quad=4,
        location=Location(text="Town 7", name="Town 7", place_id="geonames:7", country="DNK", geo_precision=1),
        date="2021-03-03", date_precision="day",
        evidence=Evidence(doc_id=doc_id, sentence_index=0, sentence=text, trigger="shelled", start=0, end=7,
                          outlet=f"Outlet {doc_id}", published=published))
    document = Document(id=doc_id, text=text, clean_text=text, published=published, outlet=f"Outlet {doc_id}")
    return DocumentResult(document=document, event_mentions=[mention], minhash=[ord(doc_id[0])] * 64)


def test_an_events_story_is_the_story_of_its_first_report_whatever_the_batches(tmp_path):
    later = _report("a" * 16, "2021-03-05", "Harbour ferry convoy shelled near the quarry bridge pipeline.")
    earlier = _report("b" * 16, "2021-03-04", "Tribunal archive council stadium embassy refinery courthouse.")
    stories = []
    for name, batches in (("one", [[later, earlier]]), ("two", [[later], [earlier]])):
        with open_store(tmp_path / f"{name}.duckdb") as store:
            resolver = BatchResolver(store, Settings.load(workers=1))
            for batch in batches:
                batch = copy.deepcopy(batch)
                resolved = resolver.resolve(batch)
                store.write_batch(batch, resolved.band_keys, resolved.events, resolved.stories, resolved.story_state)
            ((story_of_event,),) = store.con.execute("SELECT DISTINCT story_id FROM events").fetchall()
            doc_story = dict(store.con.execute("SELECT id, story_id FROM documents").fetchall())
            assert doc_story[later.document.id] != doc_story[earlier.document.id]  # two stories
            stories.append(story_of_event)
            assert story_of_event == doc_story[later.document.id]  # the report that started the event
    assert stories[0] == stories[1]
