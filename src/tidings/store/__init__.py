"""The DuckDB store: the only package that imports duckdb."""

from tidings.store.store import METADATA_FIELDS, Store, open_store

__all__ = ["METADATA_FIELDS", "Store", "open_store"]
