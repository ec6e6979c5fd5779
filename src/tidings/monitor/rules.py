"""Alert rules as data: `data/monitor_alerts.yaml` by default, a user file with `--alerts FILE`.

A rule is a named `check` with parameters and filters; the loader validates every field, so that a
broken rule file fails at start, naming the file and the rule, never in the middle of a watch."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tidings._data import data_path, read_yaml
from tidings.errors import DataError
from tidings.model import MODALITIES
from tidings.monitor.checks import CHECKS, COUNTS, STORY_ATTRIBUTES

DEFAULT_RULES = "monitor_alerts.yaml"
_FILTERS = ("types", "countries", "modalities", "min_confidence", "min_sources")
_PARAMETERS = {"new_event": ("min_sources",), "count_rises": ("counts",), "new_in_story": ("attribute",),
               "disputed": ()}


@dataclass(frozen=True)
class AlertRule:
    """One rule: which check, its parameters, and which events it looks at."""

    name: str
    check: str
    description: str = ""
    min_sources: int = 1  # new_event: the threshold; every other check: a filter
    counts: tuple[str, ...] = ("dead", "injured")
    attribute: str = "type"
    types: frozenset[str] = frozenset()  # empty: every type
    countries: frozenset[str] = frozenset()
    modalities: frozenset[str] = frozenset(MODALITIES)
    min_confidence: float = 0.0

    def looks_at(self, event: Any) -> bool:
        """Whether `event` passes this rule's filters (the check itself decides whether it fires)."""
        country = event.location.country if event.location else None
        return ((not self.types or event.type in self.types)
                and (not self.countries or country in self.countries)
                and event.modality in self.modalities
                and (event.confidence or 0.0) >= self.min_confidence
                and (self.check == "new_event" or event.num_sources >= self.min_sources))


@dataclass(frozen=True)
class AlertRules:
    """The rules of one watch, and the file they came from (named in errors)."""

    rules: tuple[AlertRule, ...] = field(default_factory=tuple)
    path: str = ""


def load_rules(path: str | Path | None = None) -> AlertRules:
    """The rules in `path`, or the bundled defaults.

    Raises:
        DataError: the file is unreadable, or a rule is malformed (the message names file and rule).
    """
    where = Path(path) if path is not None else data_path(DEFAULT_RULES)
    raw = read_yaml(where)
    if not isinstance(raw, dict) or not isinstance(raw.get("rules"), list):
        raise DataError(f"{where}: expected a mapping with a 'rules' list")
    defaults = raw.get("defaults") or {}
    if not isinstance(defaults, dict) or set(defaults) - set(_FILTERS):
        raise DataError(f"{where}: 'defaults' may only set {', '.join(_FILTERS)}")
    rules, names = [], set()
    for number, item in enumerate(raw["rules"], start=1):
        rule = _rule(item, defaults, f"{where}: rule {number}")
        if rule.name in names:
            raise DataError(f"{where}: rule {number}: the name {rule.name!r} is used twice")
        names.add(rule.name)
        rules.append(rule)
    return AlertRules(tuple(rules), str(where))


def _rule(item: Any, defaults: dict[str, Any], where: str) -> AlertRule:
    if not isinstance(item, dict):
        raise DataError(f"{where}: expected a mapping")
    check = item.get("check")
    if check not in CHECKS:
        raise DataError(f"{where}: 'check' must be one of {', '.join(CHECKS)}, not {check!r}")
    name = item.get("name")
    if not isinstance(name, str) or not name.strip():
        raise DataError(f"{where}: a rule needs a 'name'")
    where = f"{where} ({name})"
    allowed = {"name", "check", "description", *_FILTERS, *_PARAMETERS[check]}
    unknown = sorted(set(item) - allowed)
    if unknown:
        raise DataError(f"{where}: unknown field(s) {', '.join(unknown)} for check {check}")
    values = {**defaults, **item}
    counts = tuple(values.get("counts", AlertRule.counts))
    if not counts or set(counts) - set(COUNTS):
        raise DataError(f"{where}: 'counts' must list some of {', '.join(COUNTS)}")
    attribute = values.get("attribute", AlertRule.attribute)
    if attribute not in STORY_ATTRIBUTES:
        raise DataError(f"{where}: 'attribute' must be one of {', '.join(STORY_ATTRIBUTES)}")
    modalities = frozenset(values.get("modalities", MODALITIES))
    if not modalities or modalities - set(MODALITIES):
        raise DataError(f"{where}: 'modalities' must list some of {', '.join(MODALITIES)}")
    try:
        min_sources = int(values.get("min_sources", 2 if check == "new_event" else 1))
        min_confidence = float(values.get("min_confidence", 0.0))
    except (TypeError, ValueError) as exc:
        raise DataError(f"{where}: min_sources and min_confidence must be numbers") from exc
    if min_sources < 1:
        raise DataError(f"{where}: min_sources must be at least 1")
    return AlertRule(
        name=name.strip(), check=check, description=str(item.get("description") or ""),
        min_sources=min_sources, counts=counts, attribute=attribute,
        types=frozenset(str(t).upper() for t in values.get("types") or ()),
        countries=frozenset(str(c).upper() for c in values.get("countries") or ()),
        modalities=modalities, min_confidence=min_confidence)
