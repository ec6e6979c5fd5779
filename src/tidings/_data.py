"""Read the data files we ship in `tidings/data/`; malformed data fails loudly at load."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from tidings.errors import DataError


def data_path(name: str) -> Path:
    """Path of a file shipped in `tidings/data/`."""
    return Path(str(resources.files("tidings") / "data" / name))


def read_yaml(name: str | Path) -> Any:
    """Parse a YAML file from `tidings/data/` (or any path); raise DataError naming it when broken."""
    path = name if isinstance(name, Path) else data_path(name)
    try:
        with open(path, encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except OSError as exc:
        raise DataError(f"{path}: cannot read: {exc}") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        raise DataError(f"{path}{where}: invalid YAML: {exc}") from exc
