"""Which modes of one type may meet: the families in `data/resolve_modes.yaml`, checked against the ontology."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tidings._data import data_path, read_yaml
from tidings.errors import DataError


@dataclass(frozen=True)
class ModeRules:
    """Mode families per type, the types whose modes never tell two acts apart, and those whose
    targets do not either."""

    families: dict[str, tuple[frozenset[str], ...]]
    free: frozenset[str]
    free_targets: frozenset[str] = frozenset()

    def meet(self, type_: str, mode_a: str | None, mode_b: str | None) -> bool:
        """May two stated or unstated modes of `type_` describe one act?"""
        if type_ in self.free or mode_a is None or mode_b is None or mode_a == mode_b:
            return True
        return any(mode_a in family and mode_b in family for family in self.families.get(type_, ()))


def _ontology_modes() -> dict[str, set[str]]:
    raw = read_yaml("ontology.yaml")
    return {name: set((spec or {}).get("modes") or ()) for name, spec in raw["types"].items()}


def parse_mode_rules(raw: object, where: Path, modes: dict[str, set[str]]) -> ModeRules:
    """Validate the YAML content; a type or mode the ontology does not know is a DataError."""
    if not isinstance(raw, dict) or not isinstance(raw.get("families", {}), dict):
        raise DataError(f"{where}: expected a mapping with 'families' (type -> list of mode lists)")
    families: dict[str, tuple[frozenset[str], ...]] = {}
    for type_, groups in (raw.get("families") or {}).items():
        if type_ not in modes:
            raise DataError(f"{where}: '{type_}' is not an event type of ontology.yaml")
        if not isinstance(groups, list) or not all(isinstance(g, list) for g in groups):
            raise DataError(f"{where}: the families of {type_} must be a list of mode lists")
        for group in groups:
            for mode in group:
                if mode not in modes[type_]:
                    raise DataError(f"{where}: mode '{mode}' is not a mode of {type_}")
        families[type_] = tuple(frozenset(group) for group in groups)
    lists = {}
    for key in ("free", "free_targets"):
        lists[key] = raw.get(key) or []
        for type_ in lists[key]:
            if type_ not in modes:
                raise DataError(f"{where}: '{type_}' in '{key}' is not an event type of ontology.yaml")
    return ModeRules(families=families, free=frozenset(lists["free"]), free_targets=frozenset(lists["free_targets"]))


@lru_cache(maxsize=1)
def mode_rules() -> ModeRules:
    """The shipped mode rules (immutable, read once)."""
    path = data_path("resolve_modes.yaml")
    return parse_mode_rules(read_yaml(path), path, _ontology_modes())
