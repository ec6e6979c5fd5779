"""kill -9 in the middle of a run, resume, and the database holds what one uninterrupted run stores
(issues 13 and 15): the same documents, the same events (ids, mentions, every field), the same stories."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

from tidings.config import Settings
from tidings.runner import run_documents
from tidings.store import open_store

from tests.corpus import make_documents

COUNT = 48
BATCH = 8
KILL_AT = 29  # the run dies (SIGKILL, from inside) when it reaches this document: 3 batches are stored

#: A run in a child process that kills itself with SIGKILL when it pulls document KILL_AT.
_CHILD = textwrap.dedent("""
    import os, signal, sys
    from tidings.config import Settings
    from tidings.runner import run_documents
    from tidings.store import open_store
    from tests.corpus import make_documents

    def documents():
        for number, document in enumerate(make_documents({count})):
            if number == {kill_at}:
                os.kill(os.getpid(), signal.SIGKILL)
            yield document

    store = open_store(sys.argv[1])
    run_documents(documents(), store, Settings.load(workers=1, batch_size={batch}))
""")


def _snapshot(path) -> dict:
    with open_store(path, read_only=True) as store:
        con = store.con
        return {
            "documents": sorted(row[0] for row in con.execute("SELECT id FROM documents").fetchall()),
            "events": {row[0]: json.loads(row[1]) for row in con.execute("SELECT id, data FROM events").fetchall()},
            "mentions": dict(con.execute("SELECT id, event_id FROM event_mentions").fetchall()),
            "stories": dict(con.execute("SELECT id, story_id FROM documents").fetchall()),
        }


def test_a_run_killed_mid_way_and_resumed_stores_what_one_run_stores(tmp_path):
    settings = Settings.load(workers=1, batch_size=BATCH)
    whole = tmp_path / "whole.duckdb"
    with open_store(whole) as store:
        run_documents(make_documents(COUNT), store, settings)

    killed = tmp_path / "killed.duckdb"
    child = subprocess.run([sys.executable, "-c", _CHILD.format(count=COUNT, kill_at=KILL_AT, batch=BATCH),
                            str(killed)], capture_output=True, text=True, timeout=600,
                           env={**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)})
    assert child.returncode == -9, child.stderr
    with open_store(killed, read_only=True) as store:
        stored = store.counts()["documents"]
    assert 0 < stored < COUNT  # the kill landed mid-way

    with open_store(killed) as store:
        resumed = run_documents(make_documents(COUNT), store, settings)
    assert (resumed.added, resumed.skipped) == (COUNT - stored, stored)
    got, want = _snapshot(killed), _snapshot(whole)
    assert any(event["num_sources"] > 1 for event in want["events"].values())  # cross-source merges happened
    assert got == want
