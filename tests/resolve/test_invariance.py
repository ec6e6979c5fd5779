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


def _feed(store, results: list[DocumentResult], stop_after: int | None = None) -> None:
    """One run (a new resolver) over `results` in batches; `stop_after` batches written, then the
    run dies: the batch it was resolving is never written (as under kill -9)."""
    resolver = BatchResolver(store, Settings.load(workers=1))
    for number, start in enumerate(range(0, len(results), BATCH)):
        batch = results[start:start + BATCH]
        resolved = resolver.resolve(batch)
        if stop_after is not None and number >= stop_after:
            return
        store.write_batch(batch, resolved.band_keys, resolved.events, resolved.stories, resolved.story_state)


def _snapshot(store) -> tuple[dict[str, dict], dict[str, str]]:
    events = {row[0]: json.loads(row[1]) for row in store.con.execute("SELECT id, data FROM events").fetchall()}
    mentions = dict(store.con.execute("SELECT id, event_id FROM event_mentions").fetchall())
    return events, mentions


def _stored(tmp_path, name: str, runs: list[tuple[list[DocumentResult], int | None]]):
    """Feed each (documents, stop_after) run in turn into one database; documents already stored are
    skipped, as `tidings run` skips them on a resume."""
    with open_store(tmp_path / f"{name}.duckdb") as store:
        for results, stop_after in runs:
            done = {row[0] for row in store.con.execute("SELECT id FROM documents").fetchall()}
            _feed(store, [copy.deepcopy(r) for r in results if r.document.id not in done], stop_after)
        return _snapshot(store)


@pytest.mark.parametrize("seed", SEEDS)
def test_consecutive_runs_and_a_resumed_run_store_the_events_of_one_run(tmp_path, seed):
    corpus = generated_corpus(seed)
    whole = _stored(tmp_path, "whole", [(corpus, None)])
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
