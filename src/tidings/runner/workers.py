"""Run the per-document pipeline over batches: in this process, or in worker processes that each
load the model once. At most a few batches are in flight, so memory stays flat on any corpus size."""

from __future__ import annotations

import logging
import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
import multiprocessing

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
    log.warning("%s: analysis failed: %r", document.source or document.id, exc)
    return Failure(document.source or document.id, f"analysis failed: {exc!r}")


# -- worker processes ---------------------------------------------------------------------------

_WORKER_PIPELINE: Pipeline | None = None  # a worker process's own pipeline, built by _init_worker


def _init_worker(settings: Settings) -> None:
    global _WORKER_PIPELINE
    _WORKER_PIPELINE = Pipeline.build(settings)


def _run_in_worker(batch: list[Document]) -> BatchOutcome:
    assert _WORKER_PIPELINE is not None, "worker used before its initialiser ran"
    return analyse_batch(_WORKER_PIPELINE, batch)


def analyse_batches(batches: Iterable[list[Document]], settings: Settings) -> Iterator[BatchOutcome]:
    """Outcomes in input order. `settings.workers` 1 runs here; more use a process pool with at most
    two batches per worker in flight."""
    if settings.workers <= 1:
        pipeline = Pipeline.build(settings)
        for batch in batches:
            yield analyse_batch(pipeline, batch)
        return
    # fork: a worker starts from the parent's imported modules (about 2 s to a loaded pipeline instead
    # of 7), and scripts need no `if __name__ == "__main__"` guard. Workers never touch the parent's
    # database connection. Elsewhere (macOS, Windows) spawn is the safe choice.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() and os.name == "posix" \
        and sys.platform != "darwin" else "spawn"
    context = multiprocessing.get_context(method)
    with ProcessPoolExecutor(settings.workers, mp_context=context, initializer=_init_worker,
                             initargs=(settings,)) as pool:
        pending: deque[Future[BatchOutcome]] = deque()
        for batch in batches:
            pending.append(pool.submit(_run_in_worker, batch))
            if len(pending) >= 2 * settings.workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
