"""The run loop: idempotent re-runs, resume after an interruption, per-document failures."""

from __future__ import annotations

import pytest

from tidings.config import Settings
from tidings.runner import run_documents
from tidings.store import open_store

from tests.corpus import make_documents


def _settings() -> Settings:
    return Settings.load(workers=1, batch_size=8)


def test_running_the_same_documents_twice_stores_them_once(tmp_path):
    documents = make_documents(12)
    with open_store(tmp_path / "t.duckdb") as store:
        first = run_documents(documents, store, _settings())
        second = run_documents(make_documents(12), store, _settings())
        assert (first.added, second.added, second.skipped) == (12, 0, 12)
        assert store.counts()["documents"] == 12


def test_an_interrupted_run_resumes_without_duplicates(tmp_path):
    documents = make_documents(40)

    def interrupted():
        for number, document in enumerate(documents):
            if number == 27:
                raise KeyboardInterrupt
            yield document

    with open_store(tmp_path / "t.duckdb") as store:
        with pytest.raises(KeyboardInterrupt):
            run_documents(interrupted(), store, _settings())
        partial = store.counts()["documents"]
        assert 0 < partial < 40 and partial % 8 == 0  # whole batches only
        resumed = run_documents(make_documents(40), store, _settings())
        assert resumed.skipped == partial
        counts = store.counts()
    with open_store(tmp_path / "clean.duckdb") as store:
        run_documents(make_documents(40), store, _settings())
        assert store.counts()["documents"] == counts["documents"] == 40
        assert store.counts()["sentences"] == counts["sentences"]


def test_two_worker_processes_store_what_one_process_stores(tmp_path):
    with open_store(tmp_path / "one.duckdb") as store:
        run_documents(make_documents(10), store, Settings.load(workers=1, batch_size=3))
        one = (sorted(d["id"] for d in store.documents()), store.counts())
    with open_store(tmp_path / "two.duckdb") as store:
        summary = run_documents(make_documents(10), store, Settings.load(workers=2, batch_size=3))
        two = (sorted(d["id"] for d in store.documents()), store.counts())
    assert summary.added == 10 and not summary.rejected
    assert one == two
