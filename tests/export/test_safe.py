"""Formula neutralising (OWASP CSV injection) and one-line cells, on values written for these tests."""

from __future__ import annotations

import pytest

from tidings.export._safe import neutralise, neutralise_row, one_line, tsv_text


@pytest.mark.parametrize("value", ['=HYPERLINK("http://evil.example/","x")', "+1+cmd", "-2+3 marched",
                                   "@SUM(A1)", "\t=1", "\r=1", "-", "=", "+A1"])
def test_a_cell_a_spreadsheet_would_run_gets_a_quote(value):
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["Kharkiv", "-12", "+3.5", "-0.25", "1e-3", "", " =not first", "'=already"])
def test_text_and_plain_numbers_stay(value):
    assert neutralise(value) == value


def test_numbers_and_none_are_not_text():
    assert neutralise_row({"lon": -3.7, "offset": -1, "none": None, "title": "=1+1"}) == \
        {"lon": -3.7, "offset": -1, "none": None, "title": "'=1+1"}


def test_one_line_replaces_tabs_and_breaks():
    assert one_line("Kharkiv\tEvening\r\nPost\u2028") == "Kharkiv Evening Post"
    assert one_line(5) == 5


def test_tsv_text_leaves_no_double_quote_to_open_a_quoted_field():
    assert tsv_text('"Kharkiv\tPost') == "'Kharkiv Post"


def test_docs_and_table_csv_cells_are_neutralised():
    """Issue 14: `tidings docs --format csv` (the generic table CSV) carries no live formula."""
    from tidings._render import to_csv

    out = to_csv([{"title": '=HYPERLINK("http://evil.example/","click me")', "num_events": 3}])
    assert "'=HYPERLINK" in out and ",3" in out
