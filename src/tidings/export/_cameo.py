"""Full CAMEO event codes for PLOVER type + mode (data: export_cameo.yaml), checked against the
CAMEO roots of the ontology so that GDELT's EventCode, EventBaseCode and EventRootCode agree."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from tidings._data import data_path, read_yaml
from tidings.errors import DataError
from tidings.events.ontology import Ontology

FILE = "export_cameo.yaml"


@dataclass(frozen=True)
class CameoCodes:
    """PLOVER (type, mode) -> full CAMEO code ("193"; "0874" for a four-digit category)."""

    by_type: dict[str, str]
    by_mode: dict[tuple[str, str], str]

    def code(self, type_: str, mode: str | None) -> str:
        """The most specific CAMEO code for the type and mode; "" for a type CAMEO has no code for."""
        return self.by_mode.get((type_, mode or ""), self.by_type.get(type_, ""))


def _checked(where: str, code: object, root: str) -> str:
    text = str(code)
    if not (text.isdigit() and len(text) in (3, 4)):
        raise DataError(f"{where}: CAMEO code {code!r} is not 3 or 4 digits")
    if text[:2] != root:
        raise DataError(f"{where}: CAMEO code {text} is not under root {root} that ontology.yaml gives")
    return text


@lru_cache(maxsize=1)
def cameo_codes() -> CameoCodes:
    """Load and check export_cameo.yaml once per process.

    Raises:
        DataError: unknown type or mode, malformed code, or a code under another root than the ontology's.
    """
    ontology = Ontology.load()
    raw = read_yaml(FILE) or {}
    path = data_path(FILE)
    by_type: dict[str, str] = {}
    for type_, code in (raw.get("types") or {}).items():
        if type_ not in ontology.types:
            raise DataError(f"{path}: types: {type_!r} is not a PLOVER type")
        by_type[type_] = _checked(f"{path}: types.{type_}", code, ontology.cameo(type_))
    by_mode: dict[tuple[str, str], str] = {}
    for type_, modes in (raw.get("modes") or {}).items():
        if type_ not in ontology.types:
            raise DataError(f"{path}: modes: {type_!r} is not a PLOVER type")
        for mode, code in (modes or {}).items():
            if mode not in ontology.types[type_].modes:
                raise DataError(f"{path}: modes.{type_}: {mode!r} is not a mode of {type_}")
            by_mode[(type_, mode)] = _checked(f"{path}: modes.{type_}.{mode}", code, ontology.cameo(type_, mode))
    return CameoCodes(by_type=by_type, by_mode=by_mode)
