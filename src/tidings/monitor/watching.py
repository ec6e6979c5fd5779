"""The watch: pass after pass, take in what is new at each source, run it through the run loop of
`tidings run`, and raise alerts on what each batch changed.

A pass opens the database, finds new files and feed entries, fetches the entries' pages one at a time
(lazily: the runner analyses one batch while the next pages arrive), hands the documents to
`run_documents` (incremental, resumable, idempotent) and closes the database, which stays free for
readers until the next pass. An entry or file is remembered as seen once its document is stored, so
a pass that is killed fetches again only what it had not stored; a page whose fetch failed for a
passing reason (a timeout, HTTP 503) is tried again next pass, one that will not change (robots.txt,
HTTP 404) is remembered with the reason and never asked for again. A feed's ETag / Last-Modified
are remembered once every new entry it listed has such an outcome, and its next request is conditional."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from itertools import chain
from pathlib import Path
from urllib.parse import urlsplit

from tidings.config import Settings
from tidings.errors import DatabaseBusyError, InputError
from tidings.ingest import extract_html, read_inputs
from tidings.ingest._documents import ReadContext, build_document
from tidings.model import Document, DocumentResult
from tidings.monitor.batches import ObservedStore
from tidings.monitor.checks import BatchChange, evaluate
from tidings.monitor.feeds import FeedEntry
from tidings.monitor.fetching import FetchError, FetchPolicy, PoliteFetcher
from tidings.monitor.rules import AlertRules
from tidings.monitor.sinks import AlertSink
from tidings.monitor.sources import ChangedFile, Source, by_host_in_turn, changed_files, new_entries
from tidings.runner import run_documents
from tidings.store import Store
from tidings.store._alerts import SeenItem, insert_alerts, mark_seen, utc_now


@dataclass
class PassSummary:
    """What one pass did; `failed` holds one line per source, page or file that went wrong."""

    number: int
    new_entries: int = 0
    new_files: int = 0
    added: int = 0
    skipped: int = 0
    alerts: int = 0
    failed: list[str] = field(default_factory=list)
    seconds: float = 0.0


def fetch_policy(settings: Settings) -> FetchPolicy:
    return FetchPolicy(user_agent=settings.watch_user_agent, timeout_seconds=settings.watch_timeout_seconds,
                       max_bytes=settings.watch_max_page_bytes, host_delay_seconds=settings.watch_host_delay_seconds)


@dataclass
class Watch:
    """Sources watched into one database, with alert rules and where alerts go."""

    sources: list[Source]
    db: Path
    settings: Settings
    rules: AlertRules
    sinks: list[AlertSink]
    on_error: Callable[[str], None] = lambda line: None
    fetcher: PoliteFetcher | None = None  # default: one built from the settings (tests pass their own)
    _passes: int = 0
    _summary: PassSummary = field(default_factory=lambda: PassSummary(0))
    _waiting: dict[str, list[SeenItem]] = field(default_factory=dict)  # doc id -> seen once it is stored
    _feeds: dict[str, SeenItem] = field(default_factory=dict)  # feed -> its validators, kept if the pass ends well

    def run(self, every_seconds: float, once: bool = False, on_pass: Callable[[PassSummary], None] | None = None,
            sleep: Callable[[float], None] = time.sleep) -> PassSummary:
        """Pass after pass, a pass starting every `every_seconds` (at once if one took longer); with
        `once`, a single pass. A database busy with another writer skips that pass (unless `once`)."""
        fetcher = self.fetcher or PoliteFetcher(fetch_policy(self.settings))
        with fetcher:
            while True:
                started = time.monotonic()
                try:
                    summary = self.run_pass(fetcher)
                except DatabaseBusyError as exc:
                    if once:
                        raise
                    self.on_error(f"{exc}; trying again next pass")
                else:
                    if on_pass is not None:
                        on_pass(summary)
                    if once:
                        return summary
                sleep(max(0.0, every_seconds - (time.monotonic() - started)))

    def run_pass(self, fetcher: PoliteFetcher) -> PassSummary:
        """One pass over every source (see the module's docstring)."""
        self._passes += 1
        self._summary = summary = PassSummary(self._passes)
        started = time.monotonic()
        fetcher.forget_robots()  # a site may change its rules between passes
        self._feeds = {}
        with ObservedStore(self.db, listener=self._on_batch) as store:
            files, entries = self._discover(store, fetcher)
            summary.new_files, summary.new_entries = len(files), len(entries)
            if files or entries:
                self._waiting = {}
                taken: list[SeenItem] = []
                documents = self._documents(files, entries, fetcher, taken)
                first = next(documents, None)  # none readable: no need to start the pipeline
                if first is not None:
                    run = run_documents(chain([first], documents), store, self.settings, reject=self._fail)
                    summary.added, summary.skipped = run.added, run.skipped
                mark_seen(store, taken + self._left_over(store))
            mark_seen(store, list(self._feeds.values()))  # every entry has an outcome: ask "changed since?"
        summary.seconds = time.monotonic() - started
        return summary

    # -- finding what is new ----------------------------------------------------------------------

    def _discover(self, store: Store, fetcher: PoliteFetcher) -> tuple[list[ChangedFile], list[FeedEntry]]:
        files: list[ChangedFile] = []
        entries: dict[str, FeedEntry] = {}  # by link: two feeds listing one article fetch it once
        for source in self.sources:
            if not source.is_feed:
                files.extend(changed_files(source, store, lambda error: self._fail(str(error))))
                continue
            try:
                check = new_entries(source, fetcher, store, self.settings.watch_max_page_bytes)
            except InputError as exc:
                self._fail(str(exc))
                continue
            for entry in check.entries:
                entries.setdefault(entry.link, entry)
            if check.seen is not None:
                self._feeds[source.location] = check.seen
        return files, by_host_in_turn(list(entries.values()))

    # -- documents, read or fetched ---------------------------------------------------------------

    def _documents(self, files: list[ChangedFile], entries: list[FeedEntry], fetcher: PoliteFetcher,
                   taken: list[SeenItem]) -> Iterator[Document]:
        """The new documents, read and fetched as the runner asks for them."""
        context = ReadContext(on_error=lambda error: self._fail(str(error)),
                              max_bytes=self.settings.max_document_bytes,
                              published_default=self.settings.published_default)
        for item in files:
            yield from read_inputs([str(item.path)], on_error=context.on_error,
                                   max_bytes=context.max_bytes, published_default=context.published_default)
            taken.append(SeenItem(item.key, "file", item.source, item.fingerprint))
        for entry in entries:
            try:
                document = self._fetch_document(entry, fetcher, context)
            except FetchError as exc:
                self._fail(str(exc) if exc.permanent else f"{exc}; tried again next pass")
                if exc.permanent:
                    taken.append(SeenItem(entry.key, "entry", entry.feed, outcome=str(exc)))
                else:  # the feed must be read whole next pass, to list this entry again
                    self._feeds.pop(entry.feed, None)
                continue
            except InputError as exc:  # fetched, but no article in it: asking again would not help
                self._fail(str(exc))
                taken.append(SeenItem(entry.key, "entry", entry.feed, outcome=str(exc)))
                continue
            self._waiting.setdefault(document.id, []).append(
                SeenItem(entry.key, "entry", entry.feed, doc_id=document.id))
            yield document

    def _fetch_document(self, entry: FeedEntry, fetcher: PoliteFetcher, context: ReadContext) -> Document:
        """The entry's page as a Document: the page's own metadata first, the feed's where it says nothing."""
        response = fetcher.fetch_page(entry.link)
        text, page_fields = extract_html(response.body, entry.link, url=response.url)
        if page_fields.get("outlet") == urlsplit(response.url).netloc:
            del page_fields["outlet"]  # trafilatura's stand-in for a site name the page does not declare
        return build_document(text, entry.link, {**entry.metadata(), **page_fields}, context)

    # -- after each stored batch ------------------------------------------------------------------

    def _on_batch(self, store: Store, results: list[DocumentResult], change: BatchChange) -> None:
        """Remember the batch's entries as seen, then store its alerts and send the new ones."""
        mark_seen(store, [item for result in results for item in self._waiting.pop(result.document.id, [])])
        fresh = insert_alerts(store, evaluate(self.rules, change, utc_now()))
        self._summary.alerts += len(fresh)
        for sink in self.sinks:
            sink.send(fresh)

    def _left_over(self, store: Store) -> list[SeenItem]:
        """Entries whose document no batch wrote: the same text was stored before, or the pipeline
        rejected it (named by the run loop). Either way, fetching the page again would not help."""
        stored = store.known_documents(list(self._waiting))
        return [replace(item, outcome="stored" if doc_id in stored else "rejected by the pipeline")
                for doc_id, items in self._waiting.items() for item in items]

    def _fail(self, line: str) -> None:
        self._summary.failed.append(line)
        self.on_error(line)
