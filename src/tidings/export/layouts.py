"""`tidings export --layout NAME`: the field's layouts as a name -> function table (STYLE rule 9).

A layout function takes the store, the output path, the minimum confidence and `raw` (True turns off
spreadsheet-formula neutralising, `_safe`) and returns the files it wrote as a `Written` (a list of
paths with notes on what the layout could not hold); a new layout is one module and one line in
`LAYOUTS`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from tidings.errors import UsageError
from tidings.events.ontology import Ontology
from tidings.export._report import Written
from tidings.export.acled import write_acled
from tidings.export.gdelt import write_gdelt
from tidings.export.plover import write_plover
from tidings.export.tables import write_tables
from tidings.model import EventMention
from tidings.store import Store

log = logging.getLogger(__name__)

Layout = Callable[[Store, Path, float, bool], list[Path]]


def _plover(store: Store, out: Path, min_confidence: float, raw: bool) -> list[Path]:
    return write_plover(store.events(min_confidence=min_confidence), out)


def _acled(store: Store, out: Path, min_confidence: float, raw: bool) -> list[Path]:
    return write_acled(store.events(min_confidence=min_confidence), out, Ontology.load(), raw=raw)


def _gdelt(store: Store, out: Path, min_confidence: float, raw: bool) -> list[Path]:
    events = store.events(min_confidence=min_confidence)
    wanted = {e.id for e in events}
    by_event: dict[str, list[EventMention]] = {}
    for mention in store.event_mentions():
        if mention.event_id in wanted:
            by_event.setdefault(mention.event_id, []).append(mention)
    return write_gdelt(events, by_event, store.doc_lengths(), out, Ontology.load(), raw=raw)


def _parquet(store: Store, out: Path, min_confidence: float, raw: bool) -> list[Path]:
    if min_confidence:
        log.info("parquet: the table dump ignores min_confidence and writes every row")
    return write_tables(store, out)


LAYOUTS: dict[str, Layout] = {
    "plover": _plover,
    "acled": _acled,
    "gdelt": _gdelt,
    "parquet": _parquet,
}


def export_layout(store: Store, layout: str, out: Path, min_confidence: float = 0.0,
                  raw: bool = False) -> Written:
    """Write the store's events in a field's layout under `out`; return the files written.

    `plover` and `acled` write one file (`out` itself, or `plover.jsonl` / `acled.csv` inside an
    existing folder); `gdelt` (`STAMP.export.CSV`, `STAMP.mentions.CSV`) and `parquet` write several
    files into the folder `out`. The result's `notes` (also logged at WARNING) say what the layout
    left out and why; its `summary` is the line a command should end on.

    Raises:
        UsageError: unknown layout.
        NothingToExport: the layout would hold no row (for ACLED: every event undated or of a type
            it does not record); no file is written.
    """
    try:
        function = LAYOUTS[layout]
    except KeyError:
        raise UsageError(f"unknown layout {layout!r}; choose one of {', '.join(LAYOUTS)}") from None
    written = function(store, Path(out), min_confidence, raw)
    if not isinstance(written, Written):
        written = Written(list(written), layout)
    log.info("%s", written.summary)
    return written
