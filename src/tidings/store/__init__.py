"""The DuckDB store: the only package that imports duckdb."""

from tidings.store.store import Store, open_store

__all__ = ["Store", "open_store"]
