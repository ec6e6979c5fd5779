"""A run on a real Dask LocalCluster (two single-threaded worker processes) stores what a local run
stores: the same documents, sentences, events and stories.

The slowest test of the suite (two workers each load the model): deselect it with
`-k "not dask"`. It skips when `distributed` is not installed."""

from __future__ import annotations

import pytest

from tidings.config import Settings
from tidings.runner import run_documents
from tidings.store import open_store

from tests.corpus import make_documents

pytest.importorskip("distributed")

_COUNT = 12
_BATCH = 4  # three partitions across two workers: results come back out of order and are re-ordered


def _snapshot(path, settings: Settings) -> dict:
    """What a run stores, reduced to what must not depend on where the stages ran."""
    with open_store(path) as store:
        summary = run_documents(make_documents(_COUNT), store, settings)
        documents = store.documents()
        return {
            "added": summary.added,
            "rejected": summary.rejected,
            "doc_ids": sorted(d["id"] for d in documents),
            "sentences": {d["id"]: d["num_sentences"] for d in documents},
            "sentence_rows": store.counts()["sentences"],
            "events": sorted((e.id, e.type) for e in store.events()),
            "event_mentions": sorted((m.id, m.event_id) for m in store.event_mentions()),
            "story_of": {d["id"]: d["story_id"] for d in documents},
            "stories": sorted(s.id for s in store.stories()),
        }


def test_a_dask_local_cluster_run_stores_what_a_local_run_stores(tmp_path):
    local = _snapshot(tmp_path / "local.duckdb", Settings.load(workers=1, batch_size=_BATCH))
    on_dask = _snapshot(tmp_path / "dask.duckdb",
                        Settings.load(workers=2, dask="local", batch_size=_BATCH,
                                      staging_dir=str(tmp_path / "staging")))
    assert local["added"] == on_dask["added"] == _COUNT
    assert local["rejected"] == on_dask["rejected"] == []
    assert on_dask["doc_ids"] == local["doc_ids"]
    assert on_dask["sentences"] == local["sentences"]
    assert on_dask["sentence_rows"] == local["sentence_rows"] > _COUNT
    assert local["events"], "the generated articles report events"
    assert on_dask["events"] == local["events"]
    assert on_dask["event_mentions"] == local["event_mentions"]
    assert on_dask["stories"] == local["stories"]
    assert on_dask["story_of"] == local["story_of"]
