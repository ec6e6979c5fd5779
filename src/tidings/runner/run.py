"""`run_corpus`: stream inputs through the workers, resolve each batch, write it in one transaction.

Finished documents are skipped before any parsing, so re-running a corpus adds nothing and an
interrupted run resumes where it stopped."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field

from tidings.config import Settings
from tidings.errors import InputError
from tidings.ingest import read_inputs
from tidings.model import Document
from tidings.runner.resolution import BatchResolver
from tidings.runner.workers import Analyse, BatchOutcome, local_analyser
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
    notices: list[str] = field(default_factory=list)  # stored, but not whole (e.g. the parse limit)
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
    on_notice: Callable[[str], None] | None = None,
) -> RunSummary:
    """Ingest, analyse, resolve and store every document under `paths`.

    `on_error` gets one line per rejected input, `on_notice` one line per document stored with a
    caveat (text past the parse limit)."""
    summary = RunSummary()

    def reject(error: InputError | str) -> None:
        line = str(error)
        summary.rejected.append(line)
        if on_error is not None:
            on_error(line)

    documents = read_inputs(paths, on_error=reject, max_bytes=settings.max_document_bytes,
                            published_default=settings.published_default)
    return run_documents(documents, store, settings, summary, reject, on_progress, on_notice)


def run_documents(
    documents: Iterable[Document],
    store: Store,
    settings: Settings,
    summary: RunSummary | None = None,
    reject: Callable[[str], None] | None = None,
    on_progress: ProgressCallback | None = None,
    on_notice: Callable[[str], None] | None = None,
) -> RunSummary:
    """The run loop over documents already read (the Python API enters here).

    The `runs` table records the run as `running`, then `done`, `interrupted` (Ctrl-C) or `failed`;
    a run killed outright never finishes its row, so the next run marks it `interrupted`."""
    summary = summary or RunSummary()
    reject = reject or (lambda line: summary.rejected.append(line))

    def notice(line: str) -> None:
        summary.notices.append(line)
        if on_notice is not None:
            on_notice(line)

    started = time.perf_counter()
    store.mark_unfinished_runs("interrupted")
    run_id = store.start_run({"settings": vars(settings)})
    status = "failed"
    try:
        with _analyser(settings) as analyse:
            summary.startup_seconds = time.perf_counter() - started
            started = time.perf_counter()  # the clock measures the work on documents, as nlp.pipe's does
            resolver = BatchResolver(store, settings)
            status = _run_loop(analyse, documents, store, settings, resolver, run_id, summary, reject,
                               notice, on_progress, started)
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        summary.seconds = time.perf_counter() - started
        store.finish_run(run_id, summary.added, summary.skipped, len(summary.rejected), status)
        store.publish_snapshot()  # readers in other processes see the whole run, even if batches skipped it
    return summary


def _run_loop(analyse: Analyse, documents: Iterable[Document], store: Store, settings: Settings,
              resolver: BatchResolver, run_id: int, summary: RunSummary, reject: Callable[[str], None],
              notice: Callable[[str], None], on_progress: ProgressCallback | None, started: float) -> str:
    """Analyse, resolve and write batch after batch; returns the run's final status."""
    new_batches = _new_documents(documents, store, settings.batch_size, settings.batch_chars, summary)
    for outcome in analyse(new_batches):
        _store_outcome(outcome, store, settings, resolver, run_id, summary, reject, notice)
        del outcome  # a batch's results (whole texts) must not stay alive while the next is analysed
        if on_progress is not None:
            on_progress(summary.added, summary.skipped, time.perf_counter() - started)
    return "done"


def _store_outcome(outcome: BatchOutcome, store: Store, settings: Settings, resolver: BatchResolver, run_id: int,
                   summary: RunSummary, reject: Callable[[str], None], notice: Callable[[str], None]) -> None:
    """Report a batch's failures and caveats, resolve its results and write them in one transaction."""
    for failure in outcome.failures:
        reject(f"{failure.source}: {failure.message}")
    for result in outcome.results:
        length = len(result.document.clean_text or "")
        if length > settings.max_nlp_chars:
            notice(f"{result.document.source or result.document.id}: text past {settings.max_nlp_chars:,} "
                   f"of {length:,} characters not parsed (kept in the store; setting max_nlp_chars)")
    if outcome.results:
        resolved = resolver.resolve(outcome.results)
        store.write_batch(outcome.results, resolved.band_keys, resolved.events, resolved.stories,
                          resolved.story_state, run_id)
        summary.added += len(outcome.results)
        summary.events_changed += len(resolved.events)


def _analyser(settings: Settings) -> AbstractContextManager[Analyse]:
    if settings.dask:
        from tidings.runner.cluster import dask_analyser

        return dask_analyser(settings, settings.dask, settings.staging_dir)
    return local_analyser(settings)


def _batches(documents: Iterable[Document], batch_size: int, batch_chars: int) -> Iterator[list[Document]]:
    """Documents in batches of at most `batch_size` documents and about `batch_chars` characters:
    a document that would take a batch past `batch_chars` starts the next one, so a long article
    goes alone and memory follows the text in flight, not the number of documents (issue 15)."""
    batch: list[Document] = []
    chars = 0
    for document in documents:
        size = len(document.text)
        if batch and chars + size > batch_chars:
            yield batch
            batch, chars = [], 0
        batch.append(document)
        chars += size
        if len(batch) >= batch_size or chars >= batch_chars:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch


def _new_documents(documents: Iterable[Document], store: Store, batch_size: int, batch_chars: int,
                   summary: RunSummary) -> Iterator[list[Document]]:
    """Batches of documents not stored yet; a stored one only fills its missing metadata."""
    seen: dict[str, None] = {}  # ids of recent batches still in flight (bounded; older ones are stored)
    for batch in _batches(documents, batch_size, batch_chars):
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
