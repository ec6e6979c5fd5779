"""`tidings watch FOLDER`: new and changed files are read, unchanged ones are not; user alert rules."""

from __future__ import annotations

import json
import os

import duckdb
from typer.testing import CliRunner

from tidings.cli import app

runner = CliRunner()

FIRST = "Soldiers shelled the village of Hrakove near Kharkiv on Monday, killing four civilians, officials said."
SECOND = "Protesters blocked the main road into Kharkiv on Tuesday to demand the release of detained activists."
THIRD = "Police arrested twelve protesters in Kharkiv on Wednesday, the regional police said."


def write(folder, name: str, text: str, published: str) -> None:
    (folder / f"{name}.txt").write_text(text)
    (folder / f"{name}.meta.json").write_text(json.dumps({"outlet": "Kharkiv Daily", "published": published}))


def watch(folder, db, *extra: str):
    return runner.invoke(app, ["watch", str(folder), "--once", "--db", str(db), "--workers", "1", *extra])


def count_documents(db) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM documents").fetchone()[0]
    finally:
        con.close()


def test_only_new_and_changed_files_are_read(tmp_path):
    folder, db = tmp_path / "in", tmp_path / "w.duckdb"
    folder.mkdir()
    write(folder, "a", FIRST, "2024-05-06")
    write(folder, "b", SECOND, "2024-05-07")
    (folder / "empty.txt").write_text("")
    first = watch(folder, db, "--no-stdout")
    assert first.exit_code == 1 and "empty.txt: empty file" in first.stderr  # named, the others are stored
    assert "3 new or changed files; 2 documents added" in first.stderr and count_documents(db) == 2

    again = watch(folder, db, "--no-stdout")
    assert again.exit_code == 0 and "0 new or changed files" in again.stderr  # the empty file is not named again

    write(folder, "c", THIRD, "2024-05-08")
    os.utime(folder / "a.txt", ns=(1, 1))  # touched, same text: read, and found already stored
    third = watch(folder, db, "--no-stdout")
    assert "2 new or changed files; 1 documents added, 1 already stored" in third.stderr
    assert count_documents(db) == 3


def test_user_rules_and_past_alerts(tmp_path):
    folder, db = tmp_path / "in", tmp_path / "w.duckdb"
    folder.mkdir()
    write(folder, "a", FIRST, "2024-05-06")
    rules = tmp_path / "rules.yaml"
    rules.write_text("rules:\n  - {name: every-new-event, check: new_event, min_sources: 1}\n")
    result = watch(folder, db, "--alerts", str(rules))
    alerts = [json.loads(line) for line in result.stdout.splitlines()]
    assert alerts and {a["rule"] for a in alerts} == {"every-new-event"}
    assert all(a["evidence"][0]["outlet"] == "Kharkiv Daily" for a in alerts)
    listed = runner.invoke(app, ["alerts", "--db", str(db), "--since", "1h", "--format", "json"])
    assert [a["id"] for a in json.loads(listed.stdout)] == [a["id"] for a in alerts]
    assert json.loads(runner.invoke(app, ["alerts", "--db", str(db), "--since", "2999-01-01",
                                          "--format", "json"]).stdout) == []


def test_usage_errors_exit_2(tmp_path):
    assert watch(tmp_path / "nowhere", tmp_path / "w.duckdb").exit_code == 2
    assert runner.invoke(app, ["watch", str(tmp_path), "--every", "soon"]).exit_code == 2
    broken = tmp_path / "rules.yaml"
    broken.write_text("rules:\n  - {name: x, check: sometimes}\n")
    result = watch(tmp_path, tmp_path / "w.duckdb", "--alerts", str(broken))
    assert result.exit_code == 1 and "rules.yaml: rule 1: 'check' must be one of" in result.stderr
