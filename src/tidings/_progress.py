"""Progress for long runs: a live bar with documents/s (and total and ETA when the documents could be
counted before the run) on a terminal, plain log lines otherwise."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn,
                           TimeElapsedColumn, TimeRemainingColumn)

from tidings.runner.run import ProgressCallback

#: Seconds between plain progress lines when stderr is not a terminal.
PLAIN_INTERVAL = 10.0


@contextmanager
def progress_reporter(console: Console, total: int | None = None,
                      rejected: Callable[[], int] = lambda: 0) -> Iterator[ProgressCallback]:
    """Yield the callback `run_documents` calls after each batch.

    `total` is the number of documents the run will read (`ingest.count_documents`), or None when it
    could not be counted cheaply; `rejected` says how many have been rejected so far, since they
    count towards the total too.
    """
    if console.is_terminal:
        columns = [SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("{task.fields[rate]}"), TimeElapsedColumn()]
        if total is not None:
            columns += [TextColumn("ETA"), TimeRemainingColumn()]
        with Progress(*columns, console=console, transient=True) as bar:
            task = bar.add_task("starting workers…", total=total, rate="")

            def live(done: int, skipped: int, elapsed: float) -> None:
                rate = done / elapsed if elapsed else 0.0
                bar.update(task, completed=_seen(done, skipped, rejected(), total),
                           description="documents", rate=f"{rate:.1f}/s, {skipped} already stored")

            yield live
        return
    last = [time.monotonic()]

    def plain(done: int, skipped: int, elapsed: float) -> None:
        now = time.monotonic()
        if now - last[0] < PLAIN_INTERVAL:
            return
        last[0] = now
        rate = done / elapsed if elapsed else 0.0
        line = f"progress: {done} documents ({rate:.1f}/s), {skipped} already stored"
        if total is not None:
            seen = _seen(done, skipped, rejected(), total)
            left = (total - seen) / (seen / elapsed) if seen and elapsed else None
            line += f"; {seen} of {total}" + (f", about {_duration(left)} left" if left is not None else "")
        console.print(line, markup=False, highlight=False)

    yield plain


def _seen(done: int, skipped: int, rejected: int, total: int | None) -> int:
    seen = done + skipped + rejected
    return min(seen, total) if total is not None else seen


def _duration(seconds: float) -> str:
    """"2 h 05 min", "3 min 20 s", "40 s"."""
    seconds = int(round(seconds))
    if seconds >= 3600:
        return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"
    if seconds >= 60:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds} s"
