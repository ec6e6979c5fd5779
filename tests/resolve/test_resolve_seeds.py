"""Issue 13 seed check: the planned Geneva talks, told by both seed outlets, are one event of two sources."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from tidings.cli import app

runner = CliRunner()


def test_the_geneva_talks_merge_across_both_seed_outlets(tmp_path, shared_dir):
    db = str(tmp_path / "t.duckdb")
    assert runner.invoke(app, ["run", str(shared_dir / "seeds-with-metadata"), "--db", db, "--workers", "1"]).exit_code == 0
    events = [json.loads(line) for line in
              runner.invoke(app, ["events", "--db", db, "--format", "jsonl"]).stdout.splitlines()]
    talks = [e for e in events if e["type"] == "CONSULT" and (e["location"] or {}).get("name") == "Geneva"]
    assert len(talks) == 1
    assert talks[0]["num_sources"] == 2 and talks[0]["num_documents"] == 2
