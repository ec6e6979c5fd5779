"""A Dask LocalCluster of 2 worker processes against one, on the same generated corpus.

Runs `tidings run CORPUS --dask local --workers W` for W = 1 and 2 in `--repeat` interleaved rounds
(1, 2, 1, 2, …) on fresh databases and prints each run, the median loop docs/s of each, and the
median of the per-round speed-ups (loop clock: the cluster and its workers are started, and the
pipeline loaded on every worker, before the run clock starts; wall: whole process).
That both give the same events is tested in `tests/runner/test_dask.py`.

Usage: python benchmarks/dask_scaling.py [-n 300] [--repeat 3] [--out DIR] [--ref HEAD|live]
"""

from __future__ import annotations

import argparse
import logging
import statistics
from pathlib import Path

from _harness import CliRun, fresh_db, machine, run_cli, use_snapshot
from corpus import DEFAULT_OUT, write_corpus

log = logging.getLogger("dask_scaling")


def _run(corpus: Path, out: Path, workers: int, number: int) -> CliRun:
    run = run_cli(corpus, fresh_db(out, f"dask-w{workers}"), workers, "--dask", "local")
    if run.returncode != 0:
        raise SystemExit(f"--dask local --workers {workers}: exited {run.returncode}\n{run.output[-2000:]}")
    log.info("round %d, %d Dask worker(s): %d docs, %.1f s loop, %.1f s wall", number, workers, run.added, run.loop,
             run.wall)
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--count", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="corpora and databases (not in the repo)")
    parser.add_argument("--ref", default="HEAD", help="git ref of src/ to benchmark ('live': the work tree)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    if args.ref != "live":
        log.info("running tidings from a snapshot of %s: %s", args.ref, use_snapshot(args.ref))
    corpus = write_corpus(args.count, args.out)
    rounds = [(_run(corpus, args.out, 1, r), _run(corpus, args.out, 2, r)) for r in range(1, args.repeat + 1)]
    print(f"machine: {machine()}")
    print(f"{'round':>5} {'workers':>7} {'docs':>6} {'loop s':>8} {'docs/s loop':>11} {'wall s':>8} {'docs/s wall':>11}")
    for number, pair in enumerate(rounds, 1):
        for workers, run in zip((1, 2), pair):
            print(f"{number:5d} {workers:7d} {run.added:6d} {run.loop:8.1f} {run.added / run.loop:11.1f} "
                  f"{run.wall:8.1f} {run.added / run.wall:11.1f}")
    loop = [one.loop / two.loop for one, two in rounds]
    wall = [one.wall / two.wall for one, two in rounds]
    print(f"2 Dask workers / 1, loop clock: {statistics.median(loop):.2f} (median of {len(loop)}; "
          f"min {min(loop):.2f}, max {max(loop):.2f})")
    print(f"2 Dask workers / 1, wall clock: {statistics.median(wall):.2f} (min {min(wall):.2f}, max {max(wall):.2f})")


if __name__ == "__main__":
    main()
