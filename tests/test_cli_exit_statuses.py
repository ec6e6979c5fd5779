"""Issue 15: distinct exit statuses (0 ok, 1 inputs rejected, 2 usage, 3 database busy, 4 internal
error with one line naming the log), and printable, markup-free terminal output."""

from __future__ import annotations

import io
import subprocess
import sys
import time

from rich.console import Console
from typer.testing import CliRunner

from tidings import _render
from tidings._render import printable
from tidings.cli import EXIT_BUSY, EXIT_INTERNAL, EXIT_REJECTED, EXIT_USAGE, app
from tidings.store import open_store

runner = CliRunner()
STORY = "Police in Kisumu detained 12 protesters on Monday, officials said.\n"


def test_issue15_usage_errors_exit_2(tmp_path):
    (tmp_path / "a.txt").write_text(STORY)
    result = runner.invoke(app, ["run", str(tmp_path / "a.txt"), "--db", str(tmp_path / "t.duckdb"),
                                 "--published-default", "someday"])
    assert result.exit_code == EXIT_USAGE
    assert result.stderr.startswith("error: --published-default")
    assert runner.invoke(app, ["events", "--no-such-option"]).exit_code == EXIT_USAGE


def test_issue15_a_busy_database_exits_3(tmp_path):
    db = tmp_path / "t.duckdb"
    open_store(db).close()
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time\n"
                               f"con = duckdb.connect({str(db)!r}); print('ready', flush=True); time.sleep(60)"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        result = runner.invoke(app, ["docs", "--db", str(db)])
    finally:
        holder.kill()
        holder.wait()
    assert result.exit_code == EXIT_BUSY
    assert "in use by another Tidings process" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_issue15_an_internal_error_exits_4_with_one_line_naming_the_log(tmp_path, monkeypatch):
    import tempfile

    from tidings.store import Store

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    db = tmp_path / "t.duckdb"
    open_store(db).close()

    def broken(self, **_):
        raise TypeError("an unexpected bug")

    monkeypatch.setattr(Store, "documents", broken)
    result = runner.invoke(app, ["docs", "--db", str(db)])
    assert result.exit_code == EXIT_INTERNAL
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("internal error: TypeError: an unexpected bug")
    logs = list(tmp_path.glob("tidings-crash-*.log"))
    assert len(logs) == 1 and str(logs[0]) in lines[0]
    assert "Traceback" in logs[0].read_text() and "Traceback" not in result.output


def test_issue15_rejected_inputs_exit_1_each_on_one_printable_line(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(STORY)
    (folder / "evil\nrejected: forged.txt").write_bytes(b"")
    (folder / "\x1b[2Jclear\u202eexe.txt").write_bytes(b"")
    result = runner.invoke(app, ["run", str(folder), "--db", str(tmp_path / "t.duckdb"), "--workers", "1"])
    assert result.exit_code == EXIT_REJECTED
    lines = result.stderr.splitlines()
    assert all(line.isprintable() for line in lines)
    assert [line for line in lines if line.startswith("rejected: ")] == [
        f"rejected: {folder}/\\x1b[2Jclear\\u202eexe.txt: empty file",
        f"rejected: {folder}/evil\\nrejected: forged.txt: empty file"]


def test_issue15_printable_escapes_controls_and_bidi_but_keeps_text():
    assert printable("Kyiv — Київ, café\u00a0x") == "Kyiv — Київ, café\u00a0x"
    assert printable("a\nb\tc\x1b[31md\u202ee\u2066f\x00") == "a\\nb\\tc\\x1b[31md\\u202ee\\u2066f\\x00"
    assert printable("para one\npara two", keep="\n") == "para one\npara two"


def test_issue15_tables_never_interpret_markup_in_cells():
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, width=200)
    rows = [{"title": "[/bold] x"}, {"title": "[link=https://evil.example/steal]Official statement[/link]"},
            {"title": "\x1b]8;;https://evil.example\x07hidden\x1b]8;;\x07"}]
    _render.table(console, "Documents", rows, ["title"])  # raised MarkupError before
    shown = buffer.getvalue()
    assert "[/bold] x" in shown and "[link=https://evil.example/steal]Official" in shown  # (folded at 48)
    assert "\x1b]8;" not in shown and "\\x1b]8;;https://evil.example\\x" in shown


def test_issue15_log_lines_on_stderr_are_printable():
    import logging

    formatter = _render.PrintableFormatter("%(levelname)s %(name)s: %(message)s")
    record = logging.LogRecord("tidings.ingest", logging.WARNING, __file__, 1, "%s: invalid UTF-8",
                               ("evil\nERROR forged\x1b[2J.txt",), None)
    assert formatter.format(record) == "WARNING tidings.ingest: evil\\nERROR forged\\x1b[2J.txt: invalid UTF-8"


def test_issue15_the_readme_documents_the_exit_statuses():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    section = readme[readme.index("## Exit status"):]
    for status in ("0", "1", "2", "3", "4"):
        assert f"| {status} |" in section
