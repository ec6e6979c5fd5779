"""Progress for long runs: a live line with documents/s on a terminal, plain log lines otherwise."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from tidings.runner.run import ProgressCallback

#: Seconds between plain progress lines when stderr is not a terminal.
PLAIN_INTERVAL = 10.0


@contextmanager
def progress_reporter(console: Console) -> Iterator[ProgressCallback]:
    """Yield the callback `run_corpus` calls after each batch."""
    if console.is_terminal:
        with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                      console=console, transient=True) as bar:
            task = bar.add_task("starting workers…")

            def live(done: int, skipped: int, elapsed: float) -> None:
                rate = done / elapsed if elapsed else 0.0
                bar.update(task, description=f"{done} documents ({rate:.1f}/s), {skipped} already stored")

            yield live
        return
    last = [time.monotonic()]

    def plain(done: int, skipped: int, elapsed: float) -> None:
        now = time.monotonic()
        if now - last[0] >= PLAIN_INTERVAL:
            last[0] = now
            rate = done / elapsed if elapsed else 0.0
            console.print(f"progress: {done} documents ({rate:.1f}/s), {skipped} already stored",
                          markup=False, highlight=False)

    yield plain
