"""Reading while a run writes (issue 17): what the snapshots cost the writer, what readers wait.

Runs the same corpus three times through the Python API: without snapshots for readers
(`Store(publish_snapshots=False)`), with them, and with them and a reader process that opens the
database read-only and asks for the counts and a page of events twice a second. Prints the run times, the number
and cost of the snapshots, the size of the database, and the readers' latencies. Also times what the
alternative design would pay per batch: closing and reopening the writer's connection.

Usage: python benchmarks/read_while_write.py [-n 300] [--batch 64] [--workers 2] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from tidings.config import Settings
from tidings.runner import run_corpus
from tidings.store import Store
from tidings.store import _sharing

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import DEFAULT_OUT, write_corpus  # noqa: E402

#: The reader child: open, count, read a page of events, close; until the stop file appears.
_READER = """
import json, sys, time
from pathlib import Path
from tidings.store import open_store
db, stop = sys.argv[1], Path(sys.argv[2])
latencies, sources, documents, errors = [], [], [], 0
while not stop.exists():
    started = time.perf_counter()
    try:
        with open_store(db, read_only=True) as store:
            counts = store.counts()
            store.events(limit=50)
            sources.append(store.source != store.path)
        latencies.append(time.perf_counter() - started)
        documents.append(counts["documents"])
    except Exception as exc:
        errors += 1
    time.sleep(0.5)  # a browser polling twice a second, not a load test
print(json.dumps({"latencies": latencies, "snapshot": sum(sources), "documents": documents, "errors": errors}))
"""


def _run(corpus: Path, db: Path, settings: Settings, snapshots: bool) -> tuple[float, list[float]]:
    costs: list[float] = []
    publish = _sharing.SnapshotPublisher.publish

    def timed(self, con, may_skip=False):  # noqa: ANN001, ANN202 - a measuring wrapper
        done = publish(self, con, may_skip)
        if done:
            costs.append(self.last_cost)
        return done

    _sharing.SnapshotPublisher.publish = timed
    try:
        started = time.perf_counter()
        with Store(db, publish_snapshots=snapshots) as store:
            run_corpus([str(corpus)], store, settings)
        return time.perf_counter() - started, costs
    finally:
        _sharing.SnapshotPublisher.publish = publish


def _reopen_cost(db: Path, rounds: int = 5) -> float:
    """Seconds to close and reopen a writer's connection and answer a first query (median)."""
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        with Store(db, publish_snapshots=False) as store:
            store.known_documents(["0" * 16])
            store.event_window("2024-03-01", "2024-04-01")
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=300)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    corpus = write_corpus(args.n, out=args.out)
    settings = Settings.load(workers=args.workers, batch_size=args.batch)
    dbs = {name: args.out / f"rww-{name}-{args.n}.duckdb" for name in ("plain", "snapshots", "read")}
    for db in dbs.values():
        for leftover in (db, Path(f"{db}.wal")):
            leftover.unlink(missing_ok=True)

    plain_seconds, _ = _run(corpus, dbs["plain"], settings, snapshots=False)
    snap_seconds, costs = _run(corpus, dbs["snapshots"], settings, snapshots=True)
    stop = args.out / "rww-stop"
    stop.unlink(missing_ok=True)
    reader = subprocess.Popen([sys.executable, "-c", _READER, str(dbs["read"]), str(stop)],
                              stdout=subprocess.PIPE, text=True, env=os.environ)
    read_seconds, _ = _run(corpus, dbs["read"], settings, snapshots=True)
    stop.touch()
    seen = json.loads(reader.communicate(timeout=120)[0])
    latencies = sorted(seen["latencies"])
    sizes = " and ".join(f"{dbs[name].stat().st_size / 2**20:.1f} MiB {name}" for name in dbs)
    print(f"corpus {args.n} documents, batch {args.batch}, workers {args.workers}, databases {sizes}")
    print(f"run without snapshots: {plain_seconds:.1f} s; with snapshots: {snap_seconds:.1f} s "
          f"({100 * (snap_seconds - plain_seconds) / plain_seconds:+.1f} %); with snapshots and a reader: "
          f"{read_seconds:.1f} s ({100 * (read_seconds - plain_seconds) / plain_seconds:+.1f} %)")
    if costs:
        print(f"snapshots published: {len(costs)}; cost per snapshot (checkpoint + copy): median "
              f"{1000 * statistics.median(costs):.1f} ms, max {1000 * max(costs):.1f} ms, total {sum(costs):.2f} s "
              f"({100 * sum(costs) / snap_seconds:.1f} % of the run)")
    if latencies:
        print(f"reader: {len(latencies)} reads, {seen['errors']} errors, {seen['snapshot']} from the snapshot; "
              f"latency median {1000 * statistics.median(latencies):.1f} ms, "
              f"p95 {1000 * latencies[int(0.95 * (len(latencies) - 1))]:.1f} ms, max {1000 * latencies[-1]:.1f} ms; "
              f"documents seen only grow: {seen['documents'] == sorted(seen['documents'])}")
    print(f"alternative (writer reopens per batch): {1000 * _reopen_cost(dbs['snapshots']):.1f} ms per reopen "
          "+ first queries, cold cache")


if __name__ == "__main__":
    main()
