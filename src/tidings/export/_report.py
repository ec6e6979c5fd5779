"""What an export wrote and what its layout could not hold: returned to the caller, logged at WARNING."""

from __future__ import annotations

import logging
from pathlib import Path

from tidings.errors import TidingsError

log = logging.getLogger("tidings.export")


class NothingToExport(TidingsError):
    """A layout would write no rows: nothing is written, and the message says why and what fixes it
    (exit status 1, like any error we raise on purpose)."""


class Written(list[Path]):
    """The files an export wrote (a list of paths, as before), with `notes`: one sentence per kind
    of event the layout left out or could only partly hold, and `summary`, the line to end on."""

    def __init__(self, paths: list[Path], layout: str, rows: int | None = None, notes: list[str] | None = None):
        super().__init__(paths)
        self.layout = layout
        self.rows = rows
        self.notes = list(notes or [])
        for note in self.notes:
            log.warning("%s: %s", layout, note)

    @property
    def summary(self) -> str:
        """"acled: wrote 85 rows to out.csv; 62 of 147 events left out (...)": the command's last line."""
        files = ", ".join(str(p) for p in self)
        what = f"{self.rows} rows to {files}" if self.rows is not None else files
        return f"{self.layout}: wrote {what}" + ("; " + "; ".join(self.notes) if self.notes else "")
