"""Render query results for the terminal (Rich tables) or as machine formats on stdout."""

from __future__ import annotations

import csv
import io
import json
import logging
import unicodedata
from collections.abc import Sequence
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from tidings.export._safe import neutralise_row

#: Unicode categories that never reach a terminal raw: controls (newline, ESC), format characters
#: (right-to-left overrides, zero-width marks), line and paragraph separators, lone surrogates.
_ESCAPED_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})
#: Format characters that are part of ordinary text: soft hyphen, zero-width (non-)joiners of emoji
#: and Indic scripts.
_KEPT_FORMAT = frozenset("\u00ad\u200c\u200d")
_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str, keep: str = "") -> str:
    """`text` safe for a terminal: controls, ESC sequences and bidi overrides become visible escapes
    (`\\n`, `\\x1b`, `\\u202e`), so a file name or a title can neither forge a line of output nor
    restyle or reorder it (issue 15). Characters in `keep` (say "\\n" for an article body) stay."""
    if text.isprintable():
        return text
    out = []
    for char in text:
        if char in keep or char.isprintable() or char in _KEPT_FORMAT:
            out.append(char)
        elif unicodedata.category(char) in _ESCAPED_CATEGORIES:
            out.append(_SHORT_ESCAPES.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else
                                                     f"\\u{ord(char):04x}" if ord(char) < 0x10000 else
                                                     f"\\U{ord(char):08x}"))
        else:
            out.append(char)  # spaces other than " " (no-break, thin), private use, unassigned
    return "".join(out)


def plain(text: str, keep: str = "") -> Text:
    """Third-party text as a Rich `Text`: printable, and never read as console markup, so a title
    `[/bold]` cannot crash a table nor `[link=...]` hide a hyperlink in it (issue 15)."""
    return Text(printable(text, keep))


class PrintableFormatter(logging.Formatter):
    """Log lines on stderr: one printable line per record (a file name quoted in a warning may hold a
    newline or an ESC sequence); tracebacks keep their own lines."""

    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802 (logging's name)
        return printable(super().formatMessage(record))


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, default=str)


def to_jsonl(rows: Sequence[dict[str, Any]]) -> str:
    return "".join(json.dumps(row, ensure_ascii=False, default=str) + "\n" for row in rows)


def to_csv(rows: Sequence[dict[str, Any]], raw: bool = False) -> str:
    """Flat CSV; nested values are written as JSON text, and cells a spreadsheet would run as a
    formula ("=HYPERLINK(...)" in a title) are neutralised (issue 14) unless `raw`."""

    if not rows:
        return ""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        flat = {k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v for k, v in row.items()}
        writer.writerow(flat if raw else neutralise_row(flat))
    return buffer.getvalue()


#: Columns a user copies or sorts by: never wrapped nor cut, whatever the terminal's width.
WHOLE_COLUMNS = frozenset({"id", "date", "published", "first_date", "last_date", "doc_id"})
#: The widest any other column grows; a narrow terminal cuts these first (with "…").
MAX_COLUMN_WIDTH = 48
#: A header claims this much room at most: "num_sentences" over a column of small numbers is cut first.
HEADER_WIDTH = 7


def table(console: Console, title: str, rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> None:
    """A Rich table of the named columns, one line per row: ids and dates are shown whole, other
    cells are cut (with "…") to fit the terminal (issue 14: at 80 columns they wrapped dates and ids)."""
    grid = Table(title=plain(f"{title} ({len(rows)})"), box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False,
                 collapse_padding=True)
    cells = [[plain(_cell(row.get(column))) for column in columns] for row in rows]
    natural = [max([len(column) if column in WHOLE_COLUMNS else min(len(column), HEADER_WIDTH),
                    *(line[i].cell_len for line in cells)]) for i, column in enumerate(columns)]
    for column, width in zip(columns, _fitted_widths(columns, natural, console.width)):
        grid.add_column(column, no_wrap=True, overflow="ellipsis", width=width)
    for line in cells:
        grid.add_row(*line)
    console.print(grid)


def _fitted_widths(columns: Sequence[str], natural: Sequence[int], room: int) -> list[int]:
    """Column widths that fit `room` characters (two between columns): whole columns at their
    natural width, the others sharing what is left, the narrow ones first (each at least 3)."""
    widths = [min(width, MAX_COLUMN_WIDTH) if column not in WHOLE_COLUMNS else width
              for column, width in zip(columns, natural)]
    left = room - 2 * (len(columns) - 1) - sum(w for c, w in zip(columns, widths) if c in WHOLE_COLUMNS)
    others = sorted((w, i) for i, (c, w) in enumerate(zip(columns, widths)) if c not in WHOLE_COLUMNS)
    for position, (width, index) in enumerate(others):
        share = left // (len(others) - position)
        widths[index] = max(min(width, share), 3)
        left -= widths[index]
    return widths


def _cell(value: Any) -> str:
    """A cell's text; `table` makes it printable and markup-free."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_cell(v) for v in value[:4]) + (" …" if len(value) > 4 else "")
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def event_row(event: dict[str, Any]) -> dict[str, Any]:
    """The columns an events table shows."""
    loc = event.get("location") or {}
    names = lambda refs: "; ".join(r.get("name") or r.get("text") or "" for r in refs or [])  # noqa: E731
    return {
        "id": event["id"], "date": event.get("date"), "type": event["type"], "mode": event.get("mode"),
        "source": names(event.get("source")), "target": names(event.get("target")),
        "location": loc.get("name") or loc.get("text"), "modality": event.get("modality"),
        "sources": event.get("num_sources"), "confidence": event.get("confidence"),
    }


def figures(console: Console, title: str, values: dict[str, Any]) -> None:
    """Nested evaluation figures as a two-column table (dotted names)."""
    grid = Table(title=plain(title))
    grid.add_column("measure")
    grid.add_column("value", justify="right")
    for name, value in _flatten(values):
        grid.add_row(plain(name), plain(_cell(value) if not isinstance(value, float) else f"{value:.3f}"))
    console.print(grid)


def _flatten(values: dict[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    rows: list[tuple[str, Any]] = []
    for key, value in values.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            rows.extend(_flatten(value, f"{name}."))
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            rows.append((name, f"{len(value)} rows"))
        else:
            rows.append((name, value))
    return rows
