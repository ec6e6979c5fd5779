"""Issue 17 item 3, end to end: while `tidings run` writes 300 generated documents, 200 requests to the
web app and 20 `tidings events` calls all succeed, and what they report only ever grows.

The corpus comes from benchmarks/corpus.py (articles recombined from our bundled sample). The run is a
child process, as a user's would be; the web app runs in this process under uvicorn.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

import tidings
from tidings.store import open_store

from benchmarks.corpus import write_corpus
from tests.web._serving import serving

DOCUMENTS = 300
REQUESTS = 200
EVENTS_CALLS = 20
#: Paths the requests cycle through: every data endpoint and a page.
PATHS = ["/api/meta", "/api/events?limit=5", "/api/points", "/api/docs?limit=5", "/api/alerts",
         "/api/stories?limit=5", "/"]


def _env() -> dict[str, str]:
    source = str(Path(tidings.__file__).resolve().parents[1])
    return {**os.environ, "PYTHONPATH": os.pathsep.join([source, os.environ.get("PYTHONPATH", "")])}


def _tidings(*args: str) -> list[str]:
    return [sys.executable, "-m", "tidings.cli", *args]


@pytest.fixture()
def web(tmp_path):
    """The web app over tmp_path/t.duckdb (which need not exist yet), at a base URL."""
    db = tmp_path / "t.duckdb"
    with serving(db) as url:
        yield db, url


def _events_calls(db: Path, results: list[tuple[int, int, str]]) -> None:
    """EVENTS_CALLS runs of `tidings events --format jsonl`, a second apart: (exit status, events,
    stderr) each."""
    for _ in range(EVENTS_CALLS):
        done = subprocess.run(_tidings("events", "--db", str(db), "--format", "jsonl"), capture_output=True,
                              text=True, env=_env(), timeout=300)
        results.append((done.returncode, len(done.stdout.splitlines()), done.stderr[-500:]))
        time.sleep(1.0)


def test_readers_all_succeed_and_only_see_growth_while_a_run_writes(tmp_path, web):
    db, base = web
    corpus = write_corpus(DOCUMENTS, out=tmp_path)
    config = tmp_path / "settings.yaml"
    config.write_text("batch_size: 10\n")  # 30 batches: many commits for the readers to see
    log = tmp_path / "run.log"
    with open(log, "w") as log_file:  # a file, not a pipe: the run's log lines must never block it
        run = subprocess.Popen(_tidings("run", str(corpus), "--db", str(db), "--workers", "2", "--config",
                                        str(config)), stdout=log_file, stderr=subprocess.STDOUT, env=_env())
    try:
        deadline = time.monotonic() + 120
        while not db.exists() and time.monotonic() < deadline:  # the run creates the file
            time.sleep(0.05)
        cli_results: list[tuple[int, int, str]] = []
        calls = threading.Thread(target=_events_calls, args=(db, cli_results))
        calls.start()
        answers = []
        with httpx.Client(base_url=base, timeout=120) as client:
            for number in range(REQUESTS):
                path = PATHS[number % len(PATHS)]
                response = client.get(path)
                answers.append((path, response.status_code, response, run.poll() is None))
                time.sleep(0.1)
        calls.join(timeout=600)
        run.wait(timeout=1200)
    finally:
        if run.poll() is None:
            run.kill()
            run.wait()
    assert run.returncode == 0, log.read_text()[-2000:]

    failures = [(path, status, r.text[:200]) for path, status, r, _ in answers if status != 200]
    assert failures == []
    assert all(r.headers["content-security-policy"] for _, _, r, _ in answers)
    assert [c for c in cli_results if c[0] != 0] == [] and len(cli_results) == EVENTS_CALLS

    # Only ever growing: documents and events in the meta counts, points on the map, lines of events.
    metas = [r.json() for path, _, r, _ in answers if path == "/api/meta"]
    for table in ("documents", "events", "event_mentions"):
        seen = [m["counts"][table] for m in metas]
        assert seen == sorted(seen), (table, seen)
    points = [r.json()["count"] for path, _, r, _ in answers if path == "/api/points"]
    assert points == sorted(points)
    lines = [count for _, count, _ in cli_results]
    assert lines == sorted(lines)

    # The readers read while the run wrote (its snapshot), and saw batches arrive.
    assert any(0 < m["counts"]["documents"] < DOCUMENTS for m in metas if m["live"])
    with open_store(db, read_only=True) as store:
        final = store.counts()
    assert final["documents"] == DOCUMENTS
    assert max(m["counts"]["events"] for m in metas) <= final["events"]
    # The writer cleaned up after itself: readers now open the file.
    assert not Path(f"{db}.snapshot").exists() and not Path(f"{db}.writer").exists()
