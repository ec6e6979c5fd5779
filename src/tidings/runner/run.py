"""`run_corpus`: stream inputs through the workers, resolve each batch, write it in one transaction.

Finished documents are skipped before any parsing, so re-running a corpus adds nothing and an
interrupted run resumes where it stopped."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from itertools import islice

from tidings.config import Settings
from tidings.errors import InputError
from tidings.ingest import read_inputs
from tidings.model import Document
from tidings.runner.resolution import BatchResolver
from tidings.runner.workers import Analyse, local_analyser
from tidings.store import METADATA_FIELDS, Store

log = logging.getLogger(__name__)

#: Called after each written batch with (documents done, documents skipped, seconds elapsed).
ProgressCallback = Callable[[int, int, float], None]
#: Ids remembered to catch a repeat inside the batches in flight; anything older is in the store.
_RECENT_IDS = 100_000


@dataclass
class RunSummary:
    """What a run did; `rejected` holds one line per input that was skipped."""

    added: int = 0
    skipped: int = 0
    rejected: list[str] = field(default_factory=list)
    seconds: float = 0.0  # the run loop, after start-up
    startup_seconds: float = 0.0  # loading the model and starting workers
    events_changed: int = 0

    @property
    def docs_per_second(self) -> float:
        return self.added / self.seconds if self.seconds else 0.0


def run_corpus(
    paths: list[str],
    store: Store,
    settings: Settings,
    on_error: Callable[[str], None] | None = None,
    on_progress: ProgressCallback | None = None,
) -> RunSummary:
    """Ingest, analyse, resolve and store every document under `paths`."""
    summary = RunSummary()

    def reject(error: InputError | str) -> None:
        line = str(error)
        summary.rejected.append(line)
        if on_error is not None:
            on_error(line)

    documents = read_inputs(paths, on_error=reject, max_bytes=settings.max_document_bytes,
                            published_default=settings.published_default)
    return run_documents(documents, store, settings, summary, reject, on_progress)


def run_documents(
    documents: Iterable[Document],
    store: Store,
    settings: Settings,
    summary: RunSummary | None = None,
    reject: Callable[[str], None] | None = None,
    on_progress: ProgressCallback | None = None,
) -> RunSummary:
    """The run loop over documents already read (the Python API enters here)."""
    summary = summary or RunSummary()
    reject = reject or (lambda line: summary.rejected.append(line))
    started = time.perf_counter()
    run_id = store.start_run({"settings": vars(settings)})
    status = "interrupted"
    try:
        with _analyser(settings) as analyse:
            summary.startup_seconds = time.perf_counter() - started
            started = time.perf_counter()  # the clock measures the work on documents, as nlp.pipe's does
            resolver = BatchResolver(store, settings)
            status = _run_loop(analyse, documents, store, settings, resolver, run_id, summary, reject,
                               on_progress, started)
    finally:
        summary.seconds = time.perf_counter() - started
        store.finish_run(run_id, summary.added, summary.skipped, len(summary.rejected), status)
    return summary


def _run_loop(analyse: Analyse, documents: Iterable[Document], store: Store, settings: Settings,
              resolver: BatchResolver, run_id: int, summary: RunSummary, reject: Callable[[str], None],
              on_progress: ProgressCallback | None, started: float) -> str:
    """Analyse, resolve and write batch after batch; returns the run's final status."""
    new_batches = _new_documents(documents, store, settings.batch_size, summary)
    for outcome in analyse(new_batches):
        for failure in outcome.failures:
            reject(f"{failure.source}: {failure.message}")
        if outcome.results:
            resolved = resolver.resolve(outcome.results)
            store.write_batch(outcome.results, resolved.band_keys, resolved.events, resolved.stories,
                              resolved.story_state, run_id)
            summary.added += len(outcome.results)
            summary.events_changed += len(resolved.events)
        if on_progress is not None:
            on_progress(summary.added, summary.skipped, time.perf_counter() - started)
    return "done"


def _analyser(settings: Settings) -> AbstractContextManager[Analyse]:
    if settings.dask:
        from tidings.runner.cluster import dask_analyser

        return dask_analyser(settings, settings.dask, settings.staging_dir)
    return local_analyser(settings)


def _new_documents(documents: Iterable[Document], store: Store, batch_size: int,
                   summary: RunSummary) -> Iterator[list[Document]]:
    """Batches of documents not stored yet; a stored one only fills its missing metadata."""
    iterator = iter(documents)
    seen: dict[str, None] = {}  # ids of recent batches still in flight (bounded; older ones are stored)
    while batch := list(islice(iterator, batch_size)):
        known = store.stored_metadata([d.id for d in batch])  # one query per batch, not per document
        fresh = []
        for document in batch:
            if document.id in known or document.id in seen:
                summary.skipped += 1
                if document.id in known:
                    fields = {name: getattr(document, name) for name in METADATA_FIELDS}
                    store.fill_metadata(document.id, fields, current=known[document.id])
                continue
            seen[document.id] = None
            fresh.append(document)
        while len(seen) > _RECENT_IDS:
            del seen[next(iter(seen))]
        if fresh:
            yield fresh
