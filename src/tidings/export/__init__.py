"""Exports: events as CSV, JSON(L), GeoJSON and Parquet, and the PLOVER, ACLED, GDELT and Parquet-table
layouts."""

from tidings.export._report import NothingToExport, Written
from tidings.export._safe import neutralise, neutralise_row
from tidings.export.formats import FORMATS, event_features, write_events
from tidings.export.layouts import LAYOUTS, export_layout

__all__ = ["FORMATS", "LAYOUTS", "NothingToExport", "Written", "event_features", "export_layout", "neutralise",
           "neutralise_row", "write_events"]
