"""Issue 14, the command line: filters that cannot match say why, `show` takes an id prefix, tables
fit 80 columns, `--raw` on every CSV/TSV writer, a progress bar with total and ETA."""

from __future__ import annotations

import csv
import io

import pytest
from rich.console import Console
from typer.testing import CliRunner

from tidings import _progress, _render
from tidings.cli import EXIT_USAGE, app
from tidings.model import Document, DocumentResult
from tidings.store import open_store

from tests.export._build import DOC_A, build_database
from tests.export._hostile import FORMULA, build_hostile

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli14") / "t.duckdb"
    build_database(path)
    return str(path)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli14h") / "h.duckdb"
    build_hostile(path)
    return str(path)


def _ids(result) -> list[str]:
    return [row["id"] for row in csv.DictReader(io.StringIO(result.stdout))]


def test_issue14_since_and_until_take_a_month_and_blame_the_right_option(db):
    every = _ids(runner.invoke(app, ["events", "--db", db, "--format", "csv"]))
    april = runner.invoke(app, ["events", "--db", db, "--format", "csv", "--since", "2014-04", "--until", "2014-04"])
    assert april.exit_code == 0 and sorted(_ids(april)) == sorted(every) and every
    later = runner.invoke(app, ["events", "--db", db, "--format", "csv", "--since", "2014-04-15"])
    assert later.exit_code == 0 and 0 < len(_ids(later)) < len(every)
    may = runner.invoke(app, ["events", "--db", db, "--format", "csv", "--since", "2014-05"])
    assert may.exit_code == 0 and _ids(may) == []
    bad = runner.invoke(app, ["events", "--db", db, "--since", "April"])
    assert bad.exit_code == EXIT_USAGE
    assert bad.stderr.startswith("error: --since: 'April' is not a date") and "published-default" not in bad.stderr
    assert runner.invoke(app, ["events", "--db", db, "--until", "2014-13"]).stderr.startswith("error: --until")


def test_issue14_a_mode_given_as_a_type_is_refused_with_its_type(db):
    result = runner.invoke(app, ["events", "--db", db, "--type", "RIOT"])
    assert result.exit_code == EXIT_USAGE
    assert "'RIOT' is a mode of PROTEST, not a type: use --type PROTEST" in result.stderr
    near = runner.invoke(app, ["events", "--db", db, "--type", "ASALT"])
    assert near.exit_code == EXIT_USAGE and "did you mean ASSAULT?" in near.stderr
    lower = runner.invoke(app, ["events", "--db", db, "--type", "assault", "--format", "csv"])
    assert lower.exit_code == 0 and _ids(lower) == ["ev_kramatorsk1"]


def test_issue14_a_two_letter_country_is_refused_with_its_iso3(db):
    result = runner.invoke(app, ["events", "--db", db, "--country", "KE"])
    assert result.exit_code == EXIT_USAGE
    assert "'KE' is an ISO 3166 alpha-2 code" in result.stderr and "use --country KEN (Kenya)" in result.stderr
    named = runner.invoke(app, ["events", "--db", db, "--country", "Ukraine"])
    assert named.exit_code == EXIT_USAGE and "use --country UKR" in named.stderr
    assert runner.invoke(app, ["events", "--db", db, "--country", "XQZ"]).exit_code == EXIT_USAGE
    found = runner.invoke(app, ["events", "--db", db, "--country", "ukr", "--format", "csv"])
    assert found.exit_code == 0 and _ids(found)


def test_issue14_show_takes_a_unique_id_prefix(db, tmp_path):
    result = runner.invoke(app, ["show", DOC_A[:5], "--db", db, "--format", "json"])
    assert result.exit_code == 0 and f'"id": "{DOC_A}"' in result.stdout
    path = tmp_path / "twins.duckdb"
    with open_store(path) as store:
        twins = [DocumentResult(document=Document(id=doc_id, text="A text.", clean_text="A text."))
                 for doc_id in ("ab12" + "0" * 12, "ab34" + "0" * 12)]
        store.write_batch(results=twins, band_keys={}, events=[], stories=[], story_state=None)
    ambiguous = runner.invoke(app, ["show", "ab", "--db", str(path)])
    assert ambiguous.exit_code == EXIT_USAGE
    assert "'ab' is the start of 2 document ids (ab12000000000000, ab34000000000000)" in ambiguous.stderr
    assert runner.invoke(app, ["show", "ab3", "--db", str(path)]).exit_code == 0
    assert runner.invoke(app, ["show", "ff", "--db", str(path)]).exit_code == 1


def test_issue14_at_80_columns_tables_keep_ids_and_dates_whole_on_one_line(db):
    console = Console(width=80, record=True, file=io.StringIO())
    rows = [{"id": "ev_0123456789abcdef", "date": "2014-04-13", "type": "ASSAULT", "mode": "firearms",
             "source": "unidentified gunmen in unmarked uniforms", "target": "Ukrainian police",
             "location": "Kramatorsk, Donetsk Oblast", "modality": "asserted", "sources": 2}]
    _render.table(console, "Events", rows, list(rows[0]))
    lines = console.export_text().splitlines()
    assert max(len(line) for line in lines) <= 80
    [row] = [line for line in lines if "ev_" in line]
    assert "ev_0123456789abcdef" in row and "2014-04-13" in row and "…" in row


def test_issue14_raw_turns_neutralising_off_on_every_csv_and_tsv_command(hostile, tmp_path):
    safe = runner.invoke(app, ["docs", "--db", hostile, "--format", "csv"]).stdout
    raw = runner.invoke(app, ["docs", "--db", hostile, "--format", "csv", "--raw"]).stdout
    assert "'" + FORMULA.replace('"', '""') in safe and "'" + FORMULA.replace('"', '""') not in raw
    assert FORMULA.replace('"', '""') in raw
    events = runner.invoke(app, ["events", "--db", hostile, "--format", "csv", "--raw"]).stdout
    assert any(cell == FORMULA for row in csv.reader(io.StringIO(events)) for cell in row)
    for layout, out in (("acled", tmp_path / "a.csv"), ("gdelt", tmp_path / "g")):
        result = runner.invoke(app, ["export", "--layout", layout, "--db", hostile, "--out", str(out), "--raw"])
        assert result.exit_code == 0, result.output
    assert any(cell == FORMULA for row in csv.reader(open(tmp_path / "a.csv", encoding="utf-8")) for cell in row)
    [mentions] = (tmp_path / "g").glob("*.mentions.CSV")
    assert any(cell.startswith("=HYPERLINK") for line in mentions.read_text().splitlines() for cell in line.split("\t"))


def test_issue14_progress_shows_total_and_eta_when_counted(monkeypatch):
    stream = io.StringIO()
    with _progress.progress_reporter(Console(file=stream, force_terminal=True, width=120), 10, lambda: 1) as update:
        update(2, 0, 1.0)
    assert "3/10" in stream.getvalue() and "ETA" in stream.getvalue()
    monkeypatch.setattr(_progress, "PLAIN_INTERVAL", 0.0)
    plain = io.StringIO()
    with _progress.progress_reporter(Console(file=plain, width=120), 10, lambda: 0) as update:
        update(4, 1, 5.0)
    assert "5 of 10, about 5 s left" in plain.getvalue()
    unknown = io.StringIO()
    with _progress.progress_reporter(Console(file=unknown, width=120), None) as update:
        update(4, 1, 5.0)
    assert "of" not in unknown.getvalue().split("already stored")[1]
