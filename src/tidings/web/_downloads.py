"""The overview's current filter as a file: CSV, GeoJSON or ACLED, written by `tidings.export`.

The web app writes exactly what `tidings events --format csv|geojson` and `tidings export --layout
acled` write (the same writers, cells a spreadsheet would run as formulas neutralised), so a download
and a command-line export of the same filter are the same file.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from tidings.events.ontology import Ontology
from tidings.export import write_events
from tidings.export.acled import write_acled
from tidings.model import Event

#: name -> (file name, media type, writer of the events to a path).
DOWNLOADS: dict[str, tuple[str, str, Callable[[list[Event], Path, Ontology], object]]] = {
    "csv": ("tidings-events.csv", "text/csv; charset=utf-8",
            lambda events, path, ontology: write_events(events, "csv", path)),
    "geojson": ("tidings-events.geojson", "application/geo+json",
                lambda events, path, ontology: write_events(events, "geojson", path)),
    "acled": ("tidings-acled.csv", "text/csv; charset=utf-8",
              lambda events, path, ontology: write_acled(events, path, ontology)),
}


def render_download(name: str, events: list[Event], ontology: Ontology) -> tuple[bytes, str, str]:
    """The file `name` for these events: its bytes, file name and media type.

    Raises:
        KeyError: not a download we offer.
        NothingToExport: ACLED holds none of these events.
    """
    filename, media_type, write = DOWNLOADS[name]
    with tempfile.TemporaryDirectory(prefix="tidings-download-") as folder:
        path = Path(folder) / filename
        write(events, path, ontology)
        return path.read_bytes(), filename, media_type
