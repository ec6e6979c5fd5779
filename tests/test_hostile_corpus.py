"""Issue 15, end to end: a generated hostile corpus through the real `tidings` command.

Every bad input is named on one printable line, every good document is stored, nothing crashes,
the exit status is 1; then the tables over the stored hostile metadata render without interpreting
markup or passing control characters to the terminal.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.hostile_corpus import CONFIG, write_hostile_corpus

SRC = Path(__file__).resolve().parents[1] / "src"


def tidings(*args: str, cwd: Path, terminal: bool = False) -> subprocess.CompletedProcess[str]:
    """`tidings ARGS` in a subprocess of this tree (its real exit status, stderr and logging)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]),
           "COLUMNS": "200"}
    if terminal:  # Rich renders as on a terminal: styles and hyperlinks would be escape sequences
        env["FORCE_COLOR"] = "1"
    return subprocess.run([sys.executable, "-c", "from tidings.cli import main; main()", *args], cwd=cwd,
                          env=env, capture_output=True, text=True, errors="surrogateescape", timeout=900)


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    corpus = write_hostile_corpus(root / "corpus")
    config = root / "config.yaml"
    config.write_text(yaml.safe_dump(CONFIG))
    done = tidings("run", str(root / "corpus"), "--db", "h.duckdb", "--workers", "1", "--config", str(config), cwd=root)
    return root, corpus, done


def test_issue15_hostile_corpus_has_at_least_35_kinds(hostile_run):
    _, corpus, _ = hostile_run
    assert corpus.kinds >= 35 and len(corpus.bad) >= 35


def test_issue15_hostile_corpus_runs_without_a_crash_and_exits_1(hostile_run):
    _, _, done = hostile_run
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr, done.stderr[-3000:]
    assert done.returncode == 1, done.stderr[-3000:]


def test_issue15_every_bad_input_is_named_on_one_printable_line(hostile_run):
    _, corpus, done = hostile_run
    lines = done.stderr.splitlines()
    assert all(line.isprintable() for line in lines), [line for line in lines if not line.isprintable()]
    rejected = [line for line in lines if line.startswith("rejected: ")]
    unnamed = {name: what for name, what in corpus.bad.items() if not any(name in line for line in rejected)}
    assert not unnamed, "\n".join(rejected)
    assert not any(line.startswith("rejected: forged") for line in lines)  # the newline in a name forged nothing


def test_issue15_every_good_document_is_stored(hostile_run):
    root, corpus, _ = hostile_run
    listed = tidings("docs", "--db", "h.duckdb", "--format", "jsonl", cwd=root)
    assert listed.returncode == 0, listed.stderr
    stored = {json.loads(line)["id"] for line in listed.stdout.splitlines()}
    lost = {doc_id: what for doc_id, what in corpus.good_ids.items() if doc_id not in stored}
    assert not lost


def test_issue15_the_parse_limit_is_reported_per_document(hostile_run):
    _, _, done = hostile_run
    notes = [line for line in done.stderr.splitlines() if line.startswith("note: ")]
    assert any("big-one-line.txt" in line and "not parsed" in line for line in notes), notes


@pytest.mark.parametrize("command", [["docs"], ["stories"]])
def test_issue15_tables_show_hostile_metadata_as_plain_text(hostile_run, command):
    root, _, _ = hostile_run
    shown = tidings(*command, "--db", "h.duckdb", cwd=root, terminal=True)
    assert shown.returncode == 0, shown.stderr
    assert "\x1b]8;" not in shown.stdout  # no hidden hyperlink
    assert "\u202e" not in shown.stdout and "\x1b[2J" not in shown.stdout
    if command == ["docs"]:
        assert "[/bold]" in shown.stdout and "evil.example" in shown.stdout  # shown, not interpreted


def test_issue15_show_prints_a_markup_title_as_written(hostile_run):
    root, corpus, _ = hostile_run
    listed = tidings("docs", "--db", "h.duckdb", "--format", "jsonl", cwd=root)
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    markup = next(row for row in rows if (row["title"] or "").startswith("[/bold]"))
    shown = tidings("show", markup["id"], "--db", "h.duckdb", cwd=root, terminal=True)
    assert shown.returncode == 0, shown.stderr
    assert "[/bold] x [link=https://evil.example/steal]Official statement[/link]" in shown.stdout
    assert "\x1b]8;" not in shown.stdout
