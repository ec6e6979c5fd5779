"""The PLOVER ontology as data: types, modes, contexts and their CAMEO / ACLED / Goldstein mappings.

Everything comes from `data/ontology.yaml`, validated at load so that a typo fails with the file and
line instead of silently producing unmappable events.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tidings._data import data_path, read_yaml
from tidings.errors import DataError
from tidings.events.lexicon import Lexicon, line_of, load_lexicon
from tidings.model import EventMention

_RULE_KEYS = {"modes", "words", "and_words", "not_words", "target_words", "source_sector", "target_sector", "two_sided", "dead", "modality"}
_ARMED = {"MIL", "REB", "PRM", "UAF", "COP", "SPY"}


@dataclass(frozen=True)
class EventType:
    """One PLOVER type with its mappings."""

    name: str
    quad: int
    modes: tuple[str, ...]
    cameo: str
    cameo_modes: dict[str, str] = field(default_factory=dict)
    acled: tuple[str, str] | None = None
    acled_modes: dict[str, tuple[str, str]] = field(default_factory=dict)
    acled_rules: tuple[dict[str, Any], ...] = ()


@dataclass
class Ontology:
    """PLOVER types, modes, contexts and mappings; build it with `Ontology.load()`."""

    types: dict[str, EventType]
    contexts: frozenset[str]
    goldstein_scale: dict[str, float]
    path: Path
    lexicon: Lexicon | None = None

    @classmethod
    def load(cls, path: Path | None = None, triggers: Path | None = None,
             lexicon: Path | None = None) -> "Ontology":
        """Read and validate `ontology.yaml`, `triggers.yaml` and `events_lexicon.yaml` (or the given
        paths); raise DataError naming file and line. The trigger lexicon travels with the ontology."""
        path = path or data_path("ontology.yaml")
        raw = read_yaml(path)
        if not isinstance(raw, dict) or not isinstance(raw.get("types"), dict):
            raise DataError(f"{path}: expected a mapping with a 'types' section")
        contexts = frozenset(raw.get("contexts") or [])
        goldstein = {str(k).zfill(2): float(v) for k, v in (raw.get("goldstein") or {}).items()}
        types: dict[str, EventType] = {}
        for name, spec in raw["types"].items():
            types[name] = _parse_type(path, name, spec or {}, goldstein)
        ontology = cls(types=types, contexts=contexts, goldstein_scale=goldstein, path=path)
        ontology.lexicon = load_lexicon(ontology, triggers, lexicon)
        return ontology

    # -- validation helpers used by the trigger lexicon too -------------------------------------
    def check(self, type_: str, mode: str | None, where: str) -> None:
        """Raise DataError at `where` when `type_`/`mode` is not in the ontology."""
        if type_ not in self.types:
            raise DataError(f"{where}: unknown PLOVER type {type_!r}")
        if mode is not None and mode not in self.types[type_].modes:
            raise DataError(f"{where}: mode {mode!r} is not a mode of {type_}")

    def check_contexts(self, contexts: list[str], where: str) -> None:
        """Raise DataError at `where` for a context PLOVER does not define."""
        for context in contexts:
            if context not in self.contexts:
                raise DataError(f"{where}: unknown PLOVER context {context!r}")

    # -- lookups --------------------------------------------------------------------------------
    def quad(self, type_: str) -> int:
        """Quad class (1-4) of a PLOVER type."""
        return self._type(type_).quad

    def modes(self, type_: str) -> tuple[str, ...]:
        return self._type(type_).modes

    def cameo(self, type_: str, mode: str | None = None) -> str:
        """CAMEO root code ("01".."20") for a type and mode."""
        spec = self._type(type_)
        return spec.cameo_modes.get(mode or "", spec.cameo)

    def acled(self, type_: str, mode: str | None = None) -> tuple[str, str] | None:
        """ACLED (event_type, sub_event_type) for a type and mode, or None when ACLED has no such event."""
        spec = self._type(type_)
        return spec.acled_modes.get(mode or "", spec.acled)

    def acled_for(self, event: EventMention) -> tuple[str, str] | None:
        """ACLED category refined by the event's actors, deaths and words (the `acled_rules`)."""
        spec = self._type(event.type)
        words = " " + re.sub(r"[^a-z0-9]+", " ", event.evidence.sentence.lower()) + " "
        for rule in spec.acled_rules:
            if _rule_matches(rule["when"], event, words):
                return rule["acled"]
        return self.acled(event.type, event.mode)

    def goldstein(self, cameo_root: str) -> float:
        """Goldstein score of a CAMEO root code."""
        try:
            return self.goldstein_scale[str(cameo_root)[:2].zfill(2)]
        except KeyError:
            raise KeyError(f"no Goldstein score for CAMEO root {cameo_root!r}") from None

    def _type(self, type_: str) -> EventType:
        try:
            return self.types[type_]
        except KeyError:
            raise KeyError(f"unknown PLOVER type {type_!r}") from None


def _parse_type(path: Path, name: str, spec: dict[str, Any], goldstein: dict[str, float]) -> EventType:
    where = f"{path}:{line_of(path, f'  {name}:')}"
    modes = tuple(spec.get("modes") or ())
    quad = spec.get("quad")
    if quad not in (1, 2, 3, 4):
        raise DataError(f"{where}: {name} needs a quad 1-4, got {quad!r}")
    cameo = str(spec.get("cameo", "")).zfill(2)
    cameo_modes = {m: str(c).zfill(2) for m, c in (spec.get("cameo_modes") or {}).items()}
    for code in [cameo, *cameo_modes.values()]:
        if code not in goldstein:
            raise DataError(f"{where}: {name}: CAMEO root {code!r} has no Goldstein score")
    acled_modes = {m: _pair(where, a) for m, a in (spec.get("acled_modes") or {}).items()}
    for mode in [*cameo_modes, *acled_modes]:
        if mode not in modes:
            raise DataError(f"{where}: mode {mode!r} is not a mode of {name}")
    rules = []
    for rule in spec.get("acled_rules") or []:
        when = rule.get("when") or {}
        unknown = set(when) - _RULE_KEYS
        if unknown:
            raise DataError(f"{where}: {name}: unknown acled_rules condition(s) {sorted(unknown)}")
        for mode in when.get("modes", []):
            if mode is not None and mode not in modes:
                raise DataError(f"{where}: mode {mode!r} is not a mode of {name}")
        rules.append({"when": when, "acled": _pair(where, rule.get("acled"))})
    acled = spec.get("acled")
    return EventType(name, quad, modes, cameo, cameo_modes, _pair(where, acled) if acled else None,
                     acled_modes, tuple(rules))


def _pair(where: str, value: Any) -> tuple[str, str]:
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value)):
        raise DataError(f"{where}: ACLED category must be [event_type, sub_event_type], got {value!r}")
    return (value[0], value[1])


def _rule_matches(when: dict[str, Any], event: EventMention, sentence: str) -> bool:
    if "modes" in when and event.mode not in when["modes"]:
        return False
    source_sectors = {a.sector for a in event.source}
    target_sectors = {a.sector for a in event.target}
    if "source_sector" in when and not source_sectors & set(when["source_sector"]):
        return False
    if "target_sector" in when and not target_sectors & set(when["target_sector"]):
        return False
    if "two_sided" in when:
        two_sided = bool(source_sectors & _ARMED and target_sectors & _ARMED) or len(event.source) > 1 and not event.target
        if two_sided != when["two_sided"]:
            return False
    if "dead" in when and bool(event.size.dead) != when["dead"]:
        return False
    if "modality" in when and event.modality not in when["modality"]:
        return False
    if "target_words" in when:
        targets = " " + re.sub(r"[^a-z0-9]+", " ", " ".join(a.text for a in event.target).lower()) + " "
        if not any(f" {w} " in targets for w in when["target_words"]):
            return False
    trigger = " " + re.sub(r"[^a-z0-9]+", " ", event.evidence.trigger.lower()) + " "
    for key, wanted in (("words", True), ("and_words", True), ("not_words", False)):
        if key in when and any(f" {w} " in sentence or f" {w} " in trigger for w in when[key]) != wanted:
            return False
    return True
