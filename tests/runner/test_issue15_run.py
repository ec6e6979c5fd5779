"""Issue 15 regressions in the run loop: batches bounded by characters, the parse limit reported per
document, a lone failing document analysed once, runs never finished marked `interrupted`."""

from __future__ import annotations


import pytest

from tidings.config import Settings
from tidings.model import Document
from tidings.runner import run_documents
from tidings.runner.run import _batches
from tidings.runner.workers import analyse_batch
from tidings.store import open_store

from tests.corpus import make_documents


def _document(number: int, chars: int) -> Document:
    return Document(id=f"d{number}", text="x" * chars, source=f"s{number}")


def test_issue15_batches_are_bounded_by_characters_as_well_as_by_count():
    sizes = [10, 10, 10, 500, 10, 10, 10, 10, 10]
    batches = _batches((_document(n, size) for n, size in enumerate(sizes)), batch_size=4, batch_chars=100)
    assert [[d.id for d in batch] for batch in batches] == [
        ["d0", "d1", "d2"], ["d3"], ["d4", "d5", "d6", "d7"], ["d8"]]


def test_issue15_the_parse_limit_is_reported_once_per_document(tmp_path):
    documents = make_documents(3)
    long = documents[1]
    limit = len(long.text) // 2
    notes: list[str] = []
    with open_store(tmp_path / "t.duckdb") as store:
        summary = run_documents(documents, store, Settings.load(workers=1, max_nlp_chars=limit),
                                on_notice=notes.append)
    assert summary.added == 3
    reported = [note for note in notes if note.startswith(f"{long.source}: text past {limit:,} of ")]
    assert len(reported) == 1 and "not parsed" in reported[0]
    assert summary.notices == notes


class _Exploding:
    """A pipeline whose every analysis fails, counting its attempts."""

    settings = Settings.load(workers=1)

    def __init__(self) -> None:
        self.calls = 0

    def pipe(self, batch):
        self.calls += 1
        raise RecursionError("maximum recursion depth exceeded")

    def __call__(self, document):
        self.calls += 1
        raise RecursionError("maximum recursion depth exceeded")


def test_issue15_a_lone_failing_document_is_analysed_once_and_named_once(caplog):
    pipeline = _Exploding()
    outcome = analyse_batch(pipeline, make_documents(1))  # type: ignore[arg-type]
    assert pipeline.calls == 1
    assert [f.message for f in outcome.failures] == ["analysis failed: RecursionError('maximum recursion depth exceeded')"]
    assert not [r for r in caplog.records if r.levelname == "WARNING"]  # the run's rejected line is the one report


def test_issue15_a_long_exception_message_is_cut():
    pipeline = _Exploding()
    pipeline.pipe = lambda batch: (_ for _ in ()).throw(ValueError("x" * 100_000))  # type: ignore[method-assign]
    outcome = analyse_batch(pipeline, make_documents(1))  # type: ignore[arg-type]
    assert len(outcome.failures[0].message) <= 220


def test_issue15_runs_that_never_finished_are_marked_interrupted(tmp_path):
    path = tmp_path / "t.duckdb"
    with open_store(path) as store:
        killed = store.start_run({"note": "killed with -9: never finishes its row"})
    with open_store(path) as store:
        run_documents(make_documents(2), store, Settings.load(workers=1))
        statuses = dict(store.con.execute("SELECT id, status FROM runs ORDER BY id").fetchall())
    assert statuses == {killed: "interrupted", killed + 1: "done"}


def test_issue15_a_crashed_run_is_failed_and_a_stopped_one_interrupted(tmp_path):
    def breaking(error):
        yield from make_documents(1)
        raise error

    with open_store(tmp_path / "t.duckdb") as store:
        with pytest.raises(KeyboardInterrupt):
            run_documents(breaking(KeyboardInterrupt()), store, Settings.load(workers=1))
        with pytest.raises(ValueError):
            run_documents(breaking(ValueError("bug")), store, Settings.load(workers=1))
        statuses = [row[0] for row in store.con.execute("SELECT status FROM runs ORDER BY id").fetchall()]
    assert statuses == ["interrupted", "failed"]
