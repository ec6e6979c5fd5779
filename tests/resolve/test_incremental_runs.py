"""Issue 5: a later run joins existing events and stories, keeps their ids and raises their counts."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from tidings.cli import app

runner = CliRunner()

#: An article we wrote about the same April 2014 story, from a third outlet.
THIRD_ARTICLE = {
    "id": "third-outlet-1",
    "url": "https://www.northline-herald.example/2014/04/16/kramatorsk-armoured-vehicles",
    "outlet": "Northline Herald",
    "title": "Separatists drive captured armoured vehicles through Kramatorsk",
    "published": "2014-04-16",
    "text": (
        "Pro-Russian separatists seized six armoured vehicles from Ukrainian troops in Kramatorsk on "
        "Wednesday and drove them to Slovyansk, Ukraine's Defence Ministry said.\n"
        "In the regional capital Donetsk, armed men entered the city administration building on April 16.\n"
        "Ukraine, Russia, the United States and the European Union are due to hold talks in Geneva on "
        "Thursday.\n"
        "Ukraine's Prime Minister Arseniy Yatsenyuk accused Moscow of sending saboteurs across the border."
    ),
}


def _jsonl(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_a_third_article_joins_the_seed_story_and_its_events(tmp_path, shared_dir):
    db = str(tmp_path / "t.duckdb")
    assert runner.invoke(app, ["run", str(shared_dir / "seeds-with-metadata"), "--db", db, "--workers", "1"]).exit_code == 0
    stories_before = _jsonl(runner.invoke(app, ["stories", "--db", db, "--format", "jsonl"]))
    events_before = {e["id"]: e for e in _jsonl(runner.invoke(app, ["events", "--db", db, "--format", "jsonl"]))}
    assert len(stories_before) == 1 and len(stories_before[0]["doc_ids"]) == 2

    third = tmp_path / "third.jsonl"
    third.write_text(json.dumps(THIRD_ARTICLE) + "\n")
    assert runner.invoke(app, ["run", str(third), "--db", db, "--workers", "1"]).exit_code == 0
    stories_after = _jsonl(runner.invoke(app, ["stories", "--db", db, "--format", "jsonl"]))
    events_after = {e["id"]: e for e in _jsonl(runner.invoke(app, ["events", "--db", db, "--format", "jsonl"]))}

    assert [s["id"] for s in stories_after] == [stories_before[0]["id"]]
    assert len(stories_after[0]["doc_ids"]) == 3
    assert set(events_before) <= set(events_after)  # no id changed or vanished
    grown = [i for i in events_before if events_after[i]["num_mentions"] > events_before[i]["num_mentions"]]
    assert grown, "the third article should add mentions to existing events"
    assert any(events_after[i]["num_sources"] > events_before[i]["num_sources"] for i in grown)
