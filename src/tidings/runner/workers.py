"""Run the per-document pipeline over batches: in this process, or in worker processes that each
load the model once. At most a few batches are in flight, so memory stays flat on any corpus size."""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field

from tidings.config import Settings
from tidings.model import Document, DocumentResult
from tidings.pipeline import Pipeline

log = logging.getLogger(__name__)


@dataclass
class Failure:
    """A document the pipeline could not analyse: named, so the run can report and skip it."""

    source: str
    message: str


@dataclass
class BatchOutcome:
    results: list[DocumentResult] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)


def analyse_batch(pipeline: Pipeline, batch: list[Document]) -> BatchOutcome:
    """Analyse a batch; when it fails as a whole, retry document by document so that one bad document
    costs only itself. This is the worker boundary: every failure goes to `_record_failure`."""
    try:
        return BatchOutcome(results=list(pipeline.pipe(batch)))
    except Exception as exc:  # noqa: BLE001  (handed to _record_failure below, per document)
        if len(batch) == 1:  # nothing to tell apart: analysing it again would only fail again
            return BatchOutcome(failures=[_record_failure(pipeline.settings, batch[0], exc)])
        log.debug("batch of %d failed (%r); retrying one document at a time", len(batch), exc)
    outcome = BatchOutcome()
    for document in batch:
        try:
            outcome.results.append(pipeline(document))
        except Exception as exc:  # noqa: BLE001
            outcome.failures.append(_record_failure(pipeline.settings, document, exc))
    return outcome


def _record_failure(settings: Settings, document: Document, exc: Exception) -> Failure:
    """The one handler for a document the pipeline could not analyse: name it, or re-raise when the
    settings ask to stop at the first failure."""
    if settings.fail_fast:
        raise exc
    # The run reports the failure as its one `rejected:` line; the log keeps the traceback.
    log.debug("%s: analysis failed", document.source or document.id, exc_info=exc)
    return Failure(document.source or document.id, f"analysis failed: {_short(repr(exc))}")


def _short(message: str, limit: int = 200) -> str:
    """A message cut to one readable length (an exception may quote a whole hostile input)."""
    return message if len(message) <= limit else message[: limit - 1] + "…"


# -- worker processes ---------------------------------------------------------------------------

#: Analyses batches, yielding outcomes in input order; what an analyser context hands the run loop.
Analyse = Callable[[Iterable[list[Document]]], Iterator[BatchOutcome]]

_WORKER_PIPELINE: Pipeline | None = None  # a worker process's own pipeline (inherited or built)


def _init_worker(settings: Settings) -> None:
    global _WORKER_PIPELINE
    if _WORKER_PIPELINE is None:  # forked workers inherit the parent's; spawned ones build their own
        _WORKER_PIPELINE = Pipeline.build(settings)


def _run_in_worker(batch: list[Document]) -> BatchOutcome:
    assert _WORKER_PIPELINE is not None, "worker used before its initialiser ran"
    return analyse_batch(_WORKER_PIPELINE, batch)


def _ready() -> int:
    return os.getpid()


@contextmanager
def local_analyser(settings: Settings) -> Iterator[Analyse]:
    """Start-up on entry (the model, worker processes), so that a run's clock measures analysis alone.

    `settings.workers` 1 analyses here; more use a process pool with at most two batches per worker
    in flight. On Linux the pipeline is loaded once, here, and the workers are forked from it: they
    start in milliseconds and share the model's memory pages. Elsewhere (macOS, Windows) `fork` is
    unsafe and each spawned worker builds its own."""
    global _WORKER_PIPELINE
    if settings.workers <= 1:
        pipeline = Pipeline.build(settings)
        yield lambda batches: (analyse_batch(pipeline, batch) for batch in batches)
        return
    fork = "fork" in multiprocessing.get_all_start_methods() and os.name == "posix" and sys.platform != "darwin"
    if fork:
        _WORKER_PIPELINE = Pipeline.build(settings)
    try:
        with ProcessPoolExecutor(settings.workers, mp_context=multiprocessing.get_context("fork" if fork else "spawn"),
                                 initializer=_init_worker, initargs=(settings,)) as pool:
            # The first task starts every worker (with fork, all at once); then this process lets its
            # copy go. Workers never touch the parent's database connection.
            for future in [pool.submit(_ready) for _ in range(settings.workers)]:
                future.result()
            _WORKER_PIPELINE = None
            gc.collect()
            yield lambda batches: _pooled(pool, batches, 2 * settings.workers)
    finally:
        _WORKER_PIPELINE = None


def _pooled(pool: ProcessPoolExecutor, batches: Iterable[list[Document]], in_flight: int) -> Iterator[BatchOutcome]:
    pending: deque[Future[BatchOutcome]] = deque()
    for batch in batches:
        pending.append(pool.submit(_run_in_worker, batch))
        if len(pending) >= in_flight:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()
