"""The mechanics behind reading while writing (issue 17 item 3, `store/_sharing.py`): a writer in
another process publishes a snapshot after each committed batch, readers open it while the writer
holds the file and the file itself once it has let go, and nothing a killed writer leaves behind
is ever read as current."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import tidings
from tidings.model import Document, DocumentResult, Sentence
from tidings.store import open_store

#: A writer child: opens the store, then on each line of stdin writes one document ("write ID") or
#: exits ("close"), answering "ok" after each step.
_WRITER = textwrap.dedent("""
    import sys
    from tidings.model import Document, DocumentResult, Sentence
    from tidings.store import open_store

    store = open_store(sys.argv[1])
    print("ok", flush=True)
    for line in sys.stdin:
        command, _, doc_id = line.strip().partition(" ")
        if command == "close":
            store.close()
            print("ok", flush=True)
            break
        text = f"Farmers blocked a road near the capital, report {doc_id}."
        store.write_batch([DocumentResult(document=Document(id=doc_id, text=text, clean_text=text),
                                          sentences=[Sentence(0, 0, len(text), text)])], {}, [], [], None)
        print("ok", flush=True)
""")


def _document(doc_id: str) -> DocumentResult:
    text = f"Farmers blocked a road near the capital, report {doc_id}."
    return DocumentResult(document=Document(id=doc_id, text=text, clean_text=text),
                          sentences=[Sentence(0, 0, len(text), text)])


class _Writer:
    """A writing process driven line by line."""

    def __init__(self, db: Path) -> None:
        env = {**os.environ, "PYTHONPATH": str(Path(tidings.__file__).resolve().parents[1])}
        self.process = subprocess.Popen([sys.executable, "-c", _WRITER, str(db)], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True, env=env)
        assert self.process.stdout.readline().strip() == "ok"

    def send(self, line: str) -> None:
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()
        assert self.process.stdout.readline().strip() == "ok"


def _documents(db: Path) -> tuple[list[str], bool]:
    """The stored document ids a reader sees, and whether it read a snapshot."""
    with open_store(db, read_only=True) as store:
        return [d["id"] for d in store.documents()], store.source != store.path


def test_readers_see_each_committed_batch_while_another_process_writes(tmp_path):
    db = tmp_path / "t.duckdb"
    writer = _Writer(db)
    try:
        assert _documents(db) == ([], True)  # the writer published an empty snapshot when it opened
        writer.send("write " + "a" * 16)
        assert _documents(db) == (["a" * 16], True)
        writer.send("write " + "b" * 16)
        assert _documents(db) == (["a" * 16, "b" * 16], True)
        writer.send("close")
    finally:
        writer.process.kill()
        writer.process.wait()
    assert _documents(db) == (["a" * 16, "b" * 16], False)  # the file itself, once the writer let go
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.duckdb"]  # no snapshot, no marker left


def test_a_snapshot_left_by_a_killed_writer_is_never_read(tmp_path):
    db = tmp_path / "t.duckdb"
    writer = _Writer(db)
    writer.send("write " + "a" * 16)
    os.kill(writer.process.pid, signal.SIGKILL)
    writer.process.wait()
    assert Path(f"{db}.snapshot").exists()  # a kill -9 cleans nothing up
    with open_store(db) as store:  # the next writer throws the stale copy away before publishing its own
        store.write_batch([_document("c" * 16)], {}, [], [], None)
        with open_store(db, read_only=True) as reader:  # in this process too, readers get the snapshot
            assert reader.source.endswith(".snapshot")
            assert [d["id"] for d in reader.documents()] == ["a" * 16, "c" * 16]
    assert _documents(db) == (["a" * 16, "c" * 16], False)


def test_a_failed_batch_publishes_nothing(tmp_path):
    db = tmp_path / "t.duckdb"
    with open_store(db) as store:
        store.write_batch([_document("a" * 16)], {}, [], [], None)
        broken = _document("b" * 16)
        broken.sentences.append("not a sentence")  # type: ignore[arg-type]
        try:
            store.write_batch([broken], {}, [], [], None)
        except AttributeError:
            pass
        with open_store(db, read_only=True) as reader:
            assert [d["id"] for d in reader.documents()] == ["a" * 16]


def test_on_a_large_database_a_batch_may_skip_its_snapshot_until_the_run_publishes(tmp_path):
    db = tmp_path / "t.duckdb"
    with open_store(db) as store:
        store._publisher.last_cost = 30.0  # as if copying the file took 30 s: a very large database
        store.write_batch([_document("a" * 16)], {}, [], [], None)
        with open_store(db, read_only=True) as reader:
            assert reader.documents() == []  # skipped: copies would take most of the run
        store.publish_snapshot()  # what the run loop does when it ends
        with open_store(db, read_only=True) as reader:
            assert [d["id"] for d in reader.documents()] == ["a" * 16]
