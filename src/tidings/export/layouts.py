"""`tidings export --layout NAME`: the field's layouts as a name -> function table (STYLE rule 9).

A layout function takes the store, the output path and the minimum confidence and returns the files
it wrote; a new layout is one module and one line in `LAYOUTS`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from tidings.errors import UsageError
from tidings.events.ontology import Ontology
from tidings.export.acled import write_acled
from tidings.export.gdelt import write_gdelt
from tidings.export.plover import write_plover
from tidings.export.tables import write_tables
from tidings.model import EventMention
from tidings.store import Store

log = logging.getLogger(__name__)

Layout = Callable[[Store, Path, float], list[Path]]


def _plover(store: Store, out: Path, min_confidence: float) -> list[Path]:
    return write_plover(store.events(min_confidence=min_confidence), out)


def _acled(store: Store, out: Path, min_confidence: float) -> list[Path]:
    return write_acled(store.events(min_confidence=min_confidence), out, Ontology.load())


def _gdelt(store: Store, out: Path, min_confidence: float) -> list[Path]:
    events = store.events(min_confidence=min_confidence)
    wanted = {e.id for e in events}
    by_event: dict[str, list[EventMention]] = {}
    for mention in store.event_mentions():
        if mention.event_id in wanted:
            by_event.setdefault(mention.event_id, []).append(mention)
    return write_gdelt(events, by_event, store.doc_lengths(), out, Ontology.load())


def _parquet(store: Store, out: Path, min_confidence: float) -> list[Path]:
    if min_confidence:
        log.info("parquet: the table dump ignores min_confidence and writes every row")
    return write_tables(store, out)


LAYOUTS: dict[str, Layout] = {
    "plover": _plover,
    "acled": _acled,
    "gdelt": _gdelt,
    "parquet": _parquet,
}


def export_layout(store: Store, layout: str, out: Path, min_confidence: float = 0.0) -> list[Path]:
    """Write the store's events in a field's layout under `out`; return the files written.

    `plover` and `acled` write one file (`out` itself, or `plover.jsonl` / `acled.csv` inside an
    existing folder); `gdelt` and `parquet` write several files into the folder `out`.

    Raises:
        UsageError: unknown layout.
    """
    try:
        function = LAYOUTS[layout]
    except KeyError:
        raise UsageError(f"unknown layout {layout!r}; choose one of {', '.join(LAYOUTS)}") from None
    written = function(store, Path(out), min_confidence)
    log.info("export %s: wrote %s", layout, ", ".join(str(p) for p in written))
    return written
