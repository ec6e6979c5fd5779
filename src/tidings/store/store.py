"""The `Store`: the one class that talks to DuckDB. Writes go through transactions, one per batch of
whole documents, so an interrupted run leaves whole documents or nothing."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Any

import duckdb
import pyarrow as pa

from tidings.errors import StoreError
from tidings.model import EVIDENCE_PER_EVENT, DocumentResult, Event, EventMention, Story
from tidings.store import _codec
from tidings.store._queries import FIRST_MEMBERS_SQL, Queries
from tidings.store._rows import document_rows
from tidings.store._sharing import SnapshotPublisher, connect_reader, connect_writer
from tidings.store.migrations import MIGRATIONS

log = logging.getLogger(__name__)

#: Document metadata a later ingest may fill when the stored value is empty.
METADATA_FIELDS = ("url", "outlet", "title", "published", "language")


class Store(Queries):
    """A Tidings database file. Open it with `open_store(path)` or `Store(path)`."""

    def __init__(self, path: str | os.PathLike[str] = "tidings.duckdb", read_only: bool = False,
                 memory_limit: str | None = None, publish_snapshots: bool = True) -> None:
        """`memory_limit` caps DuckDB's memory: by default 128MB for a writer, whose queries are small
        and selective, so a run's main process stays flat however large the database grows (adding
        200 articles to a 20,000-article database: 579 MiB and 24.1 s, against 867 MiB and 21.9 s with
        512MB), and 1GB for a reader, whose exports may read whole tables.

        A reader opens the file, or the snapshot a writer publishes while it holds the file; a writer
        of a file publishes one after each committed transaction unless `publish_snapshots` is False
        (see `_sharing`). `source` is the file actually read."""
        self.path = str(path)
        self.source = self.path
        self._publisher: SnapshotPublisher | None = None
        if read_only and not os.path.exists(self.path):
            raise StoreError(f"{self.path}: no such database (run `tidings run` or `tidings demo` first)")
        in_memory = self.path == ":memory:"
        # DuckDB's buffer pool defaults to 80 % of RAM and keeps the pages it has read.
        config = {"memory_limit": memory_limit or ("1GB" if read_only else "128MB")}
        try:
            if read_only:
                self.con, self.source = connect_reader(self.path, config)
            else:
                self.con = duckdb.connect(self.path, config=config) if in_memory else connect_writer(self.path, config)
        except duckdb.IOException as exc:
            raise StoreError(f"{self.path}: cannot open database: {str(exc).splitlines()[0]}") from exc
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: not a Tidings database: {str(exc).splitlines()[0]}") from exc
        if read_only:
            self._check_version()
            return
        try:
            if publish_snapshots and not in_memory:
                self._publisher = SnapshotPublisher(self.path)
            self.migrate()
            if self._publisher is not None:
                self._publisher.publish(self.con)  # readers have a snapshot from the start
        except BaseException:
            self.close()
            raise

    # -- life cycle ---------------------------------------------------------------------------

    def close(self) -> None:
        if self._publisher is not None:
            self._publisher.close()
            self._publisher = None
        self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def migrate(self) -> None:
        """Apply the migrations this database has not seen, each in its own transaction."""
        self.con.execute("CREATE TABLE IF NOT EXISTS schema_migrations "
                         "(version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)")
        done = {row[0] for row in self.con.execute("SELECT version FROM schema_migrations").fetchall()}
        for version, name, sql in MIGRATIONS:
            if version in done:
                continue
            with self.transaction():
                for statement in filter(str.strip, sql.split(";")):
                    self.con.execute(statement)
                self.con.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", [version, name, _now()])
            log.info("%s: applied migration %d (%s)", self.path, version, name)
        self._check_version()

    def _check_version(self) -> None:
        try:
            row = self.con.execute("SELECT max(version) FROM schema_migrations").fetchone()
        except duckdb.CatalogException as exc:
            raise StoreError(f"{self.path}: not a Tidings database (no schema_migrations table)") from exc
        newest = MIGRATIONS[-1][0]
        if row and row[0] is not None and row[0] > newest:
            raise StoreError(f"{self.path}: schema version {row[0]} is newer than this Tidings ({newest}); upgrade Tidings")

    @contextmanager
    def transaction(self, may_skip_snapshot: bool = False) -> Iterator[None]:
        """All or nothing: commit on success, roll back on any error or interrupt. After a commit,
        readers get a new snapshot (`_sharing`), which a run's batch may skip on a large database
        (`may_skip_snapshot`; the run publishes when it ends: `publish_snapshot`)."""
        self.con.begin()
        try:
            yield
        except BaseException:
            self.con.rollback()
            raise
        else:
            self.con.commit()
        if self._publisher is not None:
            self._publisher.publish(self.con, may_skip=may_skip_snapshot)

    def publish_snapshot(self) -> None:
        """Give readers everything written so far (a no-op for a reader or without snapshots)."""
        if self._publisher is not None:
            self._publisher.publish(self.con)

    # -- reads the runner needs ---------------------------------------------------------------

    def known_documents(self, ids: list[str]) -> set[str]:
        """The subset of `ids` already stored (finished documents are skipped on re-runs)."""
        if not ids:
            return set()
        rows = self.con.execute("SELECT id FROM documents WHERE id IN (SELECT unnest(?))", [ids]).fetchall()
        return {row[0] for row in rows}

    def near_duplicate_candidates(self, band_keys: list[str]) -> list[tuple[str, list[int], list[str]]]:
        """Stored original documents sharing at least one of `band_keys` with a new one: each with its
        MinHash signature and the keys it shares."""
        if not band_keys:
            return []
        rows = self.con.execute(
            "SELECT d.id, any_value(d.minhash), list(b.band_key ORDER BY b.band_key) "
            "FROM doc_bands b JOIN documents d ON d.id = b.doc_id "
            "WHERE b.band_key IN (SELECT unnest(?)) AND d.near_duplicate_of IS NULL GROUP BY d.id ORDER BY d.id",
            [band_keys],
        ).fetchall()
        return [(doc_id, _codec.loads(signature, []), list(keys)) for doc_id, signature, keys in rows]

    def event_window(self, since: str, until: str, include_undated: bool = True, max_members: int | None = None
                     ) -> tuple[list[Event], list[EventMention]]:
        """Merged events dated in [since, until] (and undated ones, if asked), with their first
        `EVIDENCE_PER_EVENT` mentions (the resolver keeps no more): what a batch of new mentions may join.
        `max_members` bounds the mentions returned, keeping the most recently dated events."""
        undated = "date IS NULL OR " if include_undated else ""
        # Events without a usable date merge by publication day: those first reported in the window.
        undated += "(date_precision IN ('year', 'unknown') AND first_reported BETWEEN ? AND ?) OR "
        # With `max_members`, the most recently dated events whose members fit.
        budget = ("QUALIFY sum(least(num_mentions, ?)) OVER (ORDER BY date DESC NULLS LAST, id "
                  "ROWS UNBOUNDED PRECEDING) <= ?") if max_members is not None else ""
        params = [since, until, since, until] + ([EVIDENCE_PER_EVENT, max_members] if max_members is not None else [])
        events = [_codec.event_from_json(row[0]) for row in self.con.execute(
            f"SELECT data FROM events WHERE ({undated}date BETWEEN ? AND ?) {budget} ORDER BY id",
            params).fetchall()]
        ids = [event.id for event in events]
        mentions = [_codec.event_mention_from_json(row[1]) for row in self.con.execute(
            FIRST_MEMBERS_SQL, [ids, EVIDENCE_PER_EVENT]).fetchall()] if ids else []
        return events, mentions

    def story_events(self, story_ids: list[str], max_members: int | None = None
                     ) -> tuple[list[Event], list[EventMention]]:
        """Events with a mention in a document of these stories, with their first members: what an
        undated report of a story may join whatever its date (at most `max_members` mentions)."""
        if not story_ids:
            return [], []
        budget = ("QUALIFY sum(least(e.num_mentions, ?)) OVER (ORDER BY e.first_reported DESC NULLS LAST, e.id "
                  "ROWS UNBOUNDED PRECEDING) <= ?") if max_members is not None else ""
        params: list[Any] = [story_ids] + ([EVIDENCE_PER_EVENT, max_members] if max_members is not None else [])
        events = [_codec.event_from_json(row[0]) for row in self.con.execute(
            "SELECT e.data FROM events e WHERE e.id IN (SELECT m.event_id FROM event_mentions m JOIN documents d "
            f"ON d.id = m.doc_id WHERE d.story_id IN (SELECT unnest(?))) {budget} ORDER BY e.id", params).fetchall()]
        ids = [event.id for event in events]
        mentions = [_codec.event_mention_from_json(row[1]) for row in self.con.execute(
            FIRST_MEMBERS_SQL, [ids, EVIDENCE_PER_EVENT]).fetchall()] if ids else []
        return events, mentions

    def document_outlets(self, doc_ids: list[str]) -> dict[str, str | None]:
        """doc id -> outlet, for those of `doc_ids` that are stored."""
        if not doc_ids:
            return {}
        return dict(self.con.execute("SELECT id, outlet FROM documents WHERE id IN (SELECT unnest(?))",
                                     [doc_ids]).fetchall())

    def document_stories(self, doc_ids: list[str]) -> dict[str, str | None]:
        """doc id -> story id, for those of `doc_ids` that are stored."""
        if not doc_ids:
            return {}
        return dict(self.con.execute("SELECT id, story_id FROM documents WHERE id IN (SELECT unnest(?))",
                                     [doc_ids]).fetchall())

    def near_duplicate_map(self, doc_ids: list[str]) -> dict[str, str]:
        """doc id -> the document it is a near-duplicate of, for those of `doc_ids` that are one."""
        if not doc_ids:
            return {}
        rows = self.con.execute("SELECT id, near_duplicate_of FROM documents WHERE id IN (SELECT unnest(?)) "
                                "AND near_duplicate_of IS NOT NULL", [doc_ids]).fetchall()
        return dict(rows)

    def story_state(self) -> Any:
        row = self.con.execute("SELECT state FROM story_state WHERE id = 1").fetchone()
        return _codec.loads(row[0]) if row else None

    # -- writes -------------------------------------------------------------------------------

    def stored_metadata(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        """For those of `ids` already stored, their metadata: one query for a whole batch."""
        if not ids:
            return {}
        rows = self.con.execute(f"SELECT id, {', '.join(METADATA_FIELDS)} FROM documents "
                                "WHERE id IN (SELECT unnest(?))", [ids]).fetchall()
        return {row[0]: dict(zip(METADATA_FIELDS, row[1:])) for row in rows}

    def fill_metadata(self, document_id: str, fields: dict[str, Any],
                      current: dict[str, Any] | None = None) -> list[str]:
        """Fill empty metadata fields of a stored document from a later ingest; never overwrite.
        `current` is the stored metadata when the caller already has it (`stored_metadata`).
        Returns the names of the fields that conflicted (kept as stored)."""
        if current is None:
            current = self.stored_metadata([document_id]).get(document_id)
            if current is None:
                return []
        updates = {k: v for k, v in fields.items() if k in current and v and not current[k]}
        conflicts = [k for k, v in fields.items() if k in current and v and current[k] and current[k] != v]
        if updates:
            assignments = ", ".join(f"{name} = ?" for name in updates)
            self.con.execute(f"UPDATE documents SET {assignments} WHERE id = ?", [*updates.values(), document_id])
        return conflicts

    def write_batch(
        self,
        results: list[DocumentResult],
        band_keys: dict[str, list[str]],
        events: list[Event],
        stories: list[Story],
        story_state: Any,
        run_id: int | None = None,
    ) -> None:
        """Write whole documents with everything derived from them, in one transaction."""
        with self.transaction(may_skip_snapshot=True):
            self._insert_documents(results, band_keys, run_id)
            self._upsert_events(events)
            self._upsert_stories(stories)
            if story_state is not None:
                self.con.execute("INSERT OR REPLACE INTO story_state VALUES (1, ?)", [_codec.dumps(story_state)])

    def _insert_documents(self, results: list[DocumentResult], band_keys: dict[str, list[str]],
                          run_id: int | None) -> None:
        for table, rows in document_rows(results, band_keys, run_id, _now()).items():
            conflict = "ON CONFLICT DO NOTHING" if table in ("actors", "places") else ""
            self._bulk_insert(table, rows, conflict)

    def _upsert_events(self, events: list[Event]) -> None:
        self._bulk_insert("events", [{
            "id": e.id, "type": e.type, "mode": e.mode, "quad": e.quad, "date": e.date,
            "date_precision": e.date_precision, "country": e.location.country if e.location else None,
            "place_id": e.location.place_id if e.location else None, "story_id": e.story_id,
            "num_mentions": e.num_mentions, "num_documents": e.num_documents, "num_sources": e.num_sources,
            "confidence": e.confidence, "first_reported": e.first_reported, "data": _codec.event_to_json(e),
        } for e in events], "OR REPLACE")

    def _upsert_stories(self, stories: list[Story]) -> None:
        # A story's documents carry its id from their own insert; only the story row changes here.
        self._bulk_insert("stories", [{
            "id": s.id, "title": s.title, "first_date": s.first_date, "last_date": s.last_date,
            "num_documents": len(s.doc_ids), "num_events": s.num_events, "data": _codec.dumps(s.to_dict()),
        } for s in stories], "OR REPLACE")

    def _bulk_insert(self, table: str, rows: list[dict[str, Any]], conflict: str = "") -> None:
        """Insert rows through Arrow: one statement per table and batch instead of one per row."""
        if not rows:
            return
        columns = list(rows[0])
        arrow_rows = pa.Table.from_pylist(rows)
        self.con.register("_batch_rows", arrow_rows)
        try:
            verb = f"INSERT {conflict} INTO" if conflict.startswith("OR") else "INSERT INTO"
            tail = conflict if not conflict.startswith("OR") else ""
            self.con.execute(f"{verb} {table} ({', '.join(columns)}) SELECT {', '.join(columns)} "
                             f"FROM _batch_rows {tail}")
        finally:
            self.con.unregister("_batch_rows")

    # -- run records --------------------------------------------------------------------------

    def mark_unfinished_runs(self, status: str = "interrupted") -> int:
        """Give runs still marked `running` the status `status`; returns how many. Call it before
        `start_run`: only one process writes a database, so a `running` row found then belongs to a
        run that was killed before it could finish its row."""
        rows = self.con.execute("UPDATE runs SET status = ? WHERE status = 'running' RETURNING id",
                                [status]).fetchall()
        return len(rows)

    def start_run(self, args: dict[str, Any]) -> int:
        row = self.con.execute("SELECT coalesce(max(id), 0) + 1 FROM runs").fetchone()
        run_id = int(row[0]) if row else 1
        self.con.execute("INSERT INTO runs (id, started_at, args, status) VALUES (?, ?, ?, 'running')",
                         [run_id, _now(), _codec.dumps(args)])
        return run_id

    def finish_run(self, run_id: int, added: int, skipped: int, rejected: int, status: str = "done") -> None:
        self.con.execute(
            "UPDATE runs SET finished_at = ?, documents_added = ?, documents_skipped = ?, "
            "documents_rejected = ?, status = ? WHERE id = ?",
            [_now(), added, skipped, rejected, status, run_id],
        )


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def open_store(path: str | os.PathLike[str] = "tidings.duckdb", read_only: bool = False) -> Store:
    """Open (creating and migrating when writable) a Tidings database."""
    return Store(path, read_only=read_only)
