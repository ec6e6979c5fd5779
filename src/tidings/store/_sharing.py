"""Reading while a run writes: one writer, any number of readers, none of them ever refused.

DuckDB lets one process write a database file, and while it does no other process may even open the
file to read it. So a writer (`tidings run`, a watch) publishes a *snapshot*: after each committed batch
it checkpoints and copies the database file next to it (`FILE.snapshot`), replacing the previous copy
atomically. A reader (`tidings events`, every request of `tidings serve`) opens the file itself when it
can and the snapshot while a writer holds the file, so it sees the last committed batch, never a half
batch, and never waits for the run. A second file, `FILE.writer`, holds the writer's process id for as
long as it has the file: readers that find the file locked and no snapshot yet (the writer has just
opened it) know to wait for the first one, and a second writer knows to give up at once.

Why not a writer that releases the file between batches, with readers that retry? The run reads the
database all the time (which documents are stored, which events a batch may join) while the workers
parse the next batch, so it would reopen the file and lose DuckDB's cache for every batch, and a long
export holding the file would stall the run. A snapshot costs one checkpoint and one copy of the file per
committed transaction instead, a cost that grows with the database (measured in docs/web.md). It is
paid after every commit, except that a run's batches on a large database may skip it to keep copies
under a tenth of the run (`SNAPSHOT_BUDGET`); the run publishes when it ends, so a writer that idles
(a watch between passes) never leaves its readers on an older batch.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import duckdb

from tidings.errors import DatabaseBusyError

log = logging.getLogger(__name__)

#: A batch of a run may skip its snapshot when the last copy took longer than SNAPSHOT_ALWAYS_BELOW
#: seconds and longer than SNAPSHOT_BUDGET of the time since it: on a database large enough for that,
#: copies take at most a tenth of the run, and readers lag a batch or two behind while it runs, never
#: after it (the run loop publishes when it ends, and every other commit publishes).
SNAPSHOT_BUDGET = 0.1
SNAPSHOT_ALWAYS_BELOW = 0.25
#: How long a reader waits for a writer's first snapshot, and a writer for readers to let go of the file.
READER_WAIT_SECONDS = 60.0
WRITER_WAIT_SECONDS = 10.0
#: How long a reader keeps trying when the holder of the file is not a Tidings writer (it may be one
#: that has just taken the file and not yet written its marker).
FOREIGN_HOLDER_SECONDS = 0.5


def snapshot_path(path: str) -> str:
    """Where the writer of `path` publishes the copy that readers open."""
    return f"{path}.snapshot"


def writer_marker(path: str) -> str:
    """The file naming the process that writes `path`, for as long as it does."""
    return f"{path}.writer"


def _is_lock_conflict(exc: duckdb.Error) -> bool:
    """The file is held by another connection (another process, or this one opened differently)."""
    message = str(exc).lower()
    return "lock" in message or "different configuration" in message


def _live_writer(path: str) -> int | None:
    """The pid of the process writing `path`, when its marker names one that is alive (not us)."""
    try:
        pid = int(Path(writer_marker(path)).read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        return None
    if pid == os.getpid():
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:  # alive, another user's
        return pid
    return pid


def _busy(path: str) -> DatabaseBusyError:
    return DatabaseBusyError(f"{path}: the database is in use by another Tidings process; wait for it to finish")


def connect_reader(path: str, config: dict[str, Any], wait: float = READER_WAIT_SECONDS
                   ) -> tuple[duckdb.DuckDBPyConnection, str]:
    """A read-only connection to `path`, or to its snapshot while a writer holds it; returns the
    connection and the file it reads. Retries with back-off while a writer is about to publish.

    Raises DatabaseBusyError when the file stays held by something that publishes no snapshot."""
    started = time.monotonic()
    delay = 0.01
    while True:
        try:
            return duckdb.connect(path, read_only=True, config=config), path
        except duckdb.Error as exc:
            if not _is_lock_conflict(exc):
                raise
        snapshot = snapshot_path(path)
        if os.path.exists(snapshot):
            try:
                return duckdb.connect(snapshot, read_only=True, config=config), snapshot
            except duckdb.IOException:
                pass  # replaced or removed between the check and the open: try again
        elapsed = time.monotonic() - started
        limit = wait if _live_writer(path) is not None else FOREIGN_HOLDER_SECONDS
        if elapsed >= limit:
            raise _busy(path)
        time.sleep(min(delay, max(0.0, limit - elapsed)))
        delay = min(delay * 2, 0.25)


def connect_writer(path: str, config: dict[str, Any], wait: float = WRITER_WAIT_SECONDS
                   ) -> duckdb.DuckDBPyConnection:
    """A read-write connection to `path`; waits (with back-off) while readers hold the file, but
    gives up at once when another writer does."""
    started = time.monotonic()
    delay = 0.01
    while True:
        try:
            return duckdb.connect(path, read_only=False, config=config)
        except duckdb.Error as exc:
            if not _is_lock_conflict(exc):
                raise
            if _live_writer(path) is not None or time.monotonic() - started >= wait:
                raise _busy(path) from exc
        time.sleep(delay)
        delay = min(delay * 2, 0.25)


def _copy_in_child(source: str, target: str) -> None:
    """Copy a file in a child process. Never in this one: closing any descriptor of the database file
    here would drop the lock DuckDB holds on it (POSIX record locks belong to the process, not to the
    descriptor), and another process could then open the file while we write it."""
    cp = shutil.which("cp")
    command = ([cp, source, target] if cp else
               [sys.executable, "-I", "-S", "-c", "import shutil, sys; shutil.copyfile(*sys.argv[1:3])", source, target])
    subprocess.run(command, check=True, capture_output=True, timeout=3600)


class SnapshotPublisher:
    """The writer's side: the marker while it holds the file, and a snapshot after each commit."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.snapshot = snapshot_path(path)
        self.last_cost = 0.0  # seconds the last checkpoint and copy took
        self.last_done = time.monotonic()
        Path(writer_marker(path)).write_text(str(os.getpid()), encoding="ascii")
        self._remove(self.snapshot)  # one left by a writer that was killed belongs to an older state

    def publish(self, con: duckdb.DuckDBPyConnection, may_skip: bool = False) -> bool:
        """Checkpoint and copy the database to the snapshot path (atomically replaced); returns
        whether it did (a failed copy is logged: readers keep the older snapshot). With `may_skip`,
        skips it when copies would take more than `SNAPSHOT_BUDGET` of the writer's time."""
        started = time.monotonic()
        if (may_skip and self.last_cost > SNAPSHOT_ALWAYS_BELOW
                and self.last_cost > SNAPSHOT_BUDGET * (started - self.last_done)):
            return False
        con.execute("CHECKPOINT")  # everything committed is now in the main file, the WAL is empty
        partial = f"{self.snapshot}.{os.getpid()}.partial"
        try:
            _copy_in_child(self.path, partial)
            os.replace(partial, self.snapshot)
        except (OSError, subprocess.SubprocessError) as exc:  # a full disk must not fail the run
            log.warning("%s: could not publish a snapshot for readers: %s", self.path, exc)
            self._remove(partial)
            return False
        self.last_done = time.monotonic()
        self.last_cost = self.last_done - started
        return True

    def close(self) -> None:
        """Remove the snapshot, then the marker: once the writer lets go, readers open the file itself."""
        self._remove(self.snapshot)
        self._remove(writer_marker(self.path))

    @staticmethod
    def _remove(path: str) -> None:
        try:
            os.remove(path)
        except FileNotFoundError:
            pass
        except OSError as exc:
            log.warning("%s: could not remove: %s", path, exc)
