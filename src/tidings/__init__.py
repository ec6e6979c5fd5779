"""Tidings: turn news articles into a clean, traceable event dataset.

    import tidings
    result = tidings.process_texts(["...article..."], published=["2014-04-16"])
    result.events, result.stories
    store = tidings.open_store("tidings.duckdb")
    store.events(type="ASSAULT", since="2014-04-01")

The public names load on first use, so `import tidings.model` does not load spaCy or DuckDB.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__all__ = ["Pipeline", "ProcessResult", "open_store", "process_texts"]
__version__ = "0.1.0"

_HOMES = {
    "Pipeline": "tidings.pipeline",
    "ProcessResult": "tidings._api",
    "process_texts": "tidings._api",
    "open_store": "tidings.store",
}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'tidings' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
