"""The typed views (migration 3) and every query docs/exports.md shows, run on the hand-made database."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import duckdb
import pytest

from tests.export._build import build_database

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "exports.md"


def _blocks(language: str, path: Path = DOC, heading: str = "## Analysts' own queries") -> list[str]:
    section = path.read_text(encoding="utf-8").split(heading, 1)[1].split("\n## ", 1)[0]
    return re.findall(rf"```{language}\n(.*?)```", section, flags=re.S)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("typed") / "t.duckdb"
    build_database(path)
    return path


def test_events_typed_has_dates_structs_and_lists(db):
    con = duckdb.connect(str(db), read_only=True)
    row = con.execute("SELECT date, source[1].sector, location.admin1, size.dead, contexts "
                      "FROM events_typed WHERE id = 'ev_kramatorsk1'").fetchall()
    assert row == [(dt.date(2014, 4, 12), "UAF", "Donetsk", 2, ["military"])]
    types = dict(con.execute("SELECT column_name, data_type FROM information_schema.columns "
                             "WHERE table_name = 'documents_typed'").fetchall())
    assert types["published"] == "DATE"
    con.close()


def test_the_documented_sql_runs(db):
    blocks = _blocks("sql")
    assert len(blocks) == 3
    con = duckdb.connect(str(db), read_only=True)
    results = [con.sql(block).fetchall() for block in blocks]
    con.close()
    assert results[1] == [] or all(r[3] for r in results[1])  # police rows carry their country
    assert ("UKR", "Donetsk", 2) in results[2]
    assert results[0] and all(isinstance(r[0], dt.datetime | dt.date) for r in results[0])


def test_the_documented_pandas_runs(db):
    [block] = _blocks("python")
    scope: dict = {}
    exec(block.replace('"tidings.duckdb"', repr(str(db))), scope)  # noqa: S102 - our own docs
    scope["con"].close()
    assert scope["by_year"].to_dict() == {2014: 3}
    assert "UKR" in set(scope["sources"]["source_country"])


def test_the_readme_queries_run(db):
    [sql] = _blocks("sql", ROOT / "README.md", "### Querying the database")
    [python] = _blocks("python", ROOT / "README.md", "### Querying the database")
    con = duckdb.connect(str(db), read_only=True)
    rows = con.sql(sql).fetchall()
    con.close()
    assert rows and rows[0][0] in {"ASSAULT", "PROTEST", "CONSULT"} and ("ASSAULT", 1, 2) in rows
    scope: dict = {}
    exec(python.replace('"tidings.duckdb"', repr(str(db))), scope)  # noqa: S102 - our own README
    scope["con"].close()
    assert int(scope["per_day"].sum()) == 3
