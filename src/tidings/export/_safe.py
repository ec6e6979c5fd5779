"""Cells that are safe to open: spreadsheet formula injection (CSV/TSV) and tab-split fields (GDELT).

A spreadsheet (Excel, LibreOffice, Google Sheets) runs a cell that starts with `=`, `+`, `-` or `@`
as a formula, and some also after a leading tab or carriage return; a news title such as
`=HYPERLINK("http://evil.example/","click me")` would become a live link or worse. OWASP's rule
(CSV Injection) is to prefix such a cell with a single quote, which the spreadsheet shows as text.
Only text cells are touched: numbers we write as numbers (a longitude of -3.7, an offset of -1) stay
numbers, and so does text that is a plain number ("-12", "+3.5"), which no spreadsheet can run.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

#: First characters a spreadsheet treats as the start of a formula (OWASP CSV Injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_TAB_OR_BREAK = re.compile(r"[\t\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+")


def neutralise(value: Any) -> Any:
    """`value` with a leading single quote when it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def neutralise_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """A CSV row (column -> value) with every text cell passed through `neutralise`."""
    return {key: neutralise(value) for key, value in row.items()}


def one_line(value: Any) -> Any:
    """Text with tabs and line breaks turned into single spaces, so that a tab-separated line stays
    one record with a fixed number of fields (GDELT files are read by splitting on tabs, unquoted)."""
    if isinstance(value, str):
        return _TAB_OR_BREAK.sub(" ", value).strip()
    return value


def tsv_text(value: Any) -> Any:
    """A text cell for an unquoted tab-separated file: `one_line`, and double quotes as single ones.
    Readers that honour CSV quoting (pandas' default) would otherwise take a cell starting with `"`
    for a quoted field and read on past the tabs and line ends to the next quote."""
    value = one_line(value)
    return value.replace('"', "'") if isinstance(value, str) else value


def cell_text(value: Any) -> str:
    """How a value is written into a tab-separated cell: None as empty, everything else as str."""
    return "" if value is None else str(value)
