"""Load and validate the trigger lexicon (`triggers.yaml`) and the word lists (`events_lexicon.yaml`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from tidings._data import data_path, read_yaml
from tidings.errors import DataError
from tidings.events.genre import GenreCues, load_genre_cues
from tidings.model import MODALITIES

_CONDITIONS = {"object", "subject", "words", "prep", "modality", "no_object"}
_THEN = {"type", "mode", "contexts", "weight", "modality"}
#: Casualty word lists in the order a word that is in several counts for the first.
CASUALTY_CATEGORIES = ("dead", "injured", "arrested")


class _Checker(Protocol):
    def check(self, type_: str, mode: str | None, where: str) -> None: ...
    def check_contexts(self, contexts: list[str], where: str) -> None: ...


@dataclass(frozen=True)
class Rule:
    """A disambiguation rule: when `when` holds, apply `then` (or drop the trigger when `skip`)."""

    when: dict[str, Any]
    then: dict[str, Any]
    skip: bool = False


@dataclass(frozen=True)
class TriggerEntry:
    """What a trigger word means: PLOVER type/mode/contexts, how sure we are, and its rules."""

    words: tuple[str, ...]
    kind: str  # "verb", "phrase", "noun"
    type: str
    mode: str | None = None
    contexts: tuple[str, ...] = ()
    weight: float = 0.7
    source: str | None = None
    target: str | None = None
    rules: tuple[Rule, ...] = ()


@dataclass
class Lexicon:
    """Triggers indexed by their first lemma, and the word lists the extractor reasons with."""

    triggers: dict[str, list[TriggerEntry]]
    support_verbs: frozenset[str]
    classes: dict[str, frozenset[str]]
    modality: dict[str, frozenset[str]]
    casualties: dict[str, frozenset[str]]
    number_words: dict[str, int]
    sector_hints: dict[str, tuple[str, ...]]
    country_hints: dict[str, tuple[str, ...]]
    genres: GenreCues | None = None  # off-topic genres (events/genre.py); None: every article is news
    #: type -> {mode: family}: stated modes of other families are other acts (events/coreference.py)
    act_mode_families: dict[str, dict[str, str]] = field(default_factory=dict)
    #: planned type -> {mode or "*": "TYPE" or "TYPE/mode"}: the commitment it implies (events/promises.py)
    promised_acts: dict[str, dict[str, str]] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    # Lookups derived from the lists above when the lexicon is built: the extractor asks them for
    # nearly every token, so they are indexed once instead of scanned per question.
    class_index: dict[str, frozenset[str]] = field(init=False, repr=False)
    casualty_rank: dict[str, int] = field(init=False, repr=False)
    sector_pattern: re.Pattern[str] = field(init=False, repr=False)
    sector_of_form: dict[str, str] = field(init=False, repr=False)
    country_patterns: tuple[re.Pattern[str], ...] = field(init=False, repr=False)
    country_rank: dict[str, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        index: dict[str, set[str]] = {}
        for name, members in self.classes.items():
            for member in members:
                index.setdefault(member, set()).add(name)
        self.class_index = {word: frozenset(names) for word, names in index.items()}
        self.casualty_rank = {}
        for rank, name in enumerate(CASUALTY_CATEGORIES):
            for word in self.casualties.get(name, ()):
                self.casualty_rank.setdefault(word, rank)
        # Sector hints as one scan: the alternatives keep the lists' order, so at any position the
        # first listed form wins, as a loop over the lists would choose.
        forms: dict[str, str] = {}
        for code, names in self.sector_hints.items():
            for name in names:
                for form in (name, name + "s", name + "es"):
                    forms.setdefault(form, code)
        self.sector_of_form = forms
        alternatives = "|".join(re.escape(form) for form in forms) or "(?!)"
        self.sector_pattern = re.compile(f"(?= ({alternatives}) )")
        # Country hints: a name or "pro-" name anywhere; the earliest listed country wins.
        self.country_rank = {}
        for rank, names in enumerate(self.country_hints.values()):
            for name in names:
                self.country_rank.setdefault(name, rank)
        names = "|".join(re.escape(name) for name in self.country_rank) or "(?!)"
        self.country_patterns = (re.compile(f"(?= ({names}) )"), re.compile(f"(?= pro-({names}) )"))

    def classes_of(self, *words: str) -> set[str]:
        """Word classes any of `words` (lemmas or phrases, any case) belongs to."""
        found: set[str] = set()
        for word in words:
            if word:
                found.update(self.class_index.get(word.lower(), ()))
        return found

    def casualty_category(self, *forms: str) -> str | None:
        """The first of `CASUALTY_CATEGORIES` (dead, injured, arrested) any of `forms` is a word of."""
        ranks = [self.casualty_rank[f] for f in forms if f in self.casualty_rank]
        return CASUALTY_CATEGORIES[min(ranks)] if ranks else None


def load_lexicon(checker: _Checker, triggers_path: Path | None = None,
                 lexicon_path: Path | None = None) -> Lexicon:
    """Read both files; every type, mode, context, class and condition is checked against `checker`."""
    triggers_path = triggers_path or data_path("triggers.yaml")
    lexicon_path = lexicon_path or data_path("events_lexicon.yaml")
    words = read_yaml(lexicon_path) or {}
    classes = {name: frozenset(str(w).lower() for w in members)
               for name, members in _section(words, "classes", lexicon_path).items()}
    modality = {k: frozenset(map(str, v)) for k, v in _section(words, "modality", lexicon_path).items()}
    casualty_raw = _section(words, "casualties", lexicon_path)
    number_words = {str(k): int(v) for k, v in (casualty_raw.pop("number_words", {}) or {}).items()}
    casualties = {k: frozenset(map(str, v)) for k, v in casualty_raw.items()}
    hints = _section(words, "actor_hints", lexicon_path)
    sector_hints = {k: tuple(map(str, v)) for k, v in (hints.get("sectors") or {}).items()}
    country_hints = {k: tuple(map(str, v)) for k, v in (hints.get("countries") or {}).items()}

    families = _mode_families(checker, words.get("act_mode_families") or {}, lexicon_path)
    raw = read_yaml(triggers_path) or {}
    triggers: dict[str, list[TriggerEntry]] = {}
    for kind, section in (("verb", "verbs"), ("phrase", "phrases"), ("noun", "nouns")):
        for key, spec in (raw.get(section) or {}).items():
            where = f"{triggers_path}:{_line(triggers_path, f'  {key}:')}"
            entry = _entry(checker, classes, kind, str(key), spec or {}, where)
            triggers.setdefault(entry.words[0], []).append(entry)
    for entries in triggers.values():  # longest match first
        entries.sort(key=lambda e: -len(e.words))
    return Lexicon(triggers=triggers, support_verbs=frozenset(raw.get("support_verbs") or ()),
                   classes=classes, modality=modality, casualties=casualties,
                   number_words=number_words, sector_hints=sector_hints, country_hints=country_hints,
                   genres=load_genre_cues(), act_mode_families=families,
                   promised_acts=_promised_acts(checker, words.get("promised_acts") or {}, lexicon_path))


def _promised_acts(checker: _Checker, raw: Any, path: Path) -> dict[str, dict[str, str]]:
    """planned type -> {mode or "*": "TYPE[/mode]"}, every type and mode checked against the ontology."""
    if not isinstance(raw, dict) or not all(isinstance(v, dict) for v in raw.values()):
        raise DataError(f"{path}: promised_acts must map types to {{mode: TYPE[/mode]}}")
    out: dict[str, dict[str, str]] = {}
    for type_, modes in raw.items():
        for mode, target in modes.items():
            if mode != "*":
                checker.check(str(type_), str(mode), f"{path}: promised_acts")
            new_type, _, new_mode = str(target).partition("/")
            checker.check(new_type, new_mode or None, f"{path}: promised_acts")
            out.setdefault(str(type_), {})[str(mode)] = str(target)
    return out


def _mode_families(checker: _Checker, raw: Any, path: Path) -> dict[str, dict[str, str]]:
    """type -> {mode: the first mode of its family}, every mode checked against the ontology."""
    if not isinstance(raw, dict):
        raise DataError(f"{path}: act_mode_families must map types to lists of mode lists")
    out: dict[str, dict[str, str]] = {}
    for type_, groups in raw.items():
        if not isinstance(groups, list) or not all(isinstance(g, list) and g for g in groups):
            raise DataError(f"{path}: act_mode_families.{type_} must be a list of non-empty mode lists")
        for group in groups:
            for mode in group:
                checker.check(str(type_), str(mode), f"{path}: act_mode_families")
                out.setdefault(str(type_), {})[str(mode)] = str(group[0])
    return out


def _section(data: dict[str, Any], name: str, path: Path) -> dict[str, Any]:
    value = data.get(name)
    if not isinstance(value, dict):
        raise DataError(f"{path}:{_line(path, name + ':')}: section {name!r} must be a mapping")
    return dict(value)


def _entry(checker: _Checker, classes: dict[str, frozenset[str]], kind: str, key: str,
           spec: dict[str, Any], where: str) -> TriggerEntry:
    if "type" not in spec:
        raise DataError(f"{where}: trigger {key!r} has no type")
    checker.check(spec["type"], spec.get("mode"), where)
    checker.check_contexts(list(spec.get("contexts") or []), where)
    rules = []
    for rule in spec.get("rules") or []:
        when, then = rule.get("when") or {}, rule.get("then") or {}
        if set(when) - _CONDITIONS:
            raise DataError(f"{where}: {key}: unknown condition(s) {sorted(set(when) - _CONDITIONS)}")
        if set(then) - _THEN:
            raise DataError(f"{where}: {key}: unknown override(s) {sorted(set(then) - _THEN)}")
        for role in ("object", "subject"):
            for name in when.get(role, []):
                if name not in classes:
                    raise DataError(f"{where}: {key}: unknown word class {name!r}")
        new_type = then.get("type", spec["type"])
        new_mode = then["mode"] if "mode" in then else (spec.get("mode") if "type" not in then else None)
        checker.check(new_type, new_mode, where)
        checker.check_contexts(list(then.get("contexts") or []), where)
        if then.get("modality", "asserted") not in MODALITIES:
            raise DataError(f"{where}: {key}: unknown modality {then['modality']!r}")
        rules.append(Rule(when=when, then=then, skip=bool(rule.get("skip"))))
    weight = float(spec.get("weight", 0.7))
    if not 0.0 <= weight <= 1.0:
        raise DataError(f"{where}: {key}: weight must be in [0, 1]")
    return TriggerEntry(words=tuple(key.lower().split()), kind=kind, type=spec["type"],
                        mode=spec.get("mode"), contexts=tuple(spec.get("contexts") or ()),
                        weight=weight, source=spec.get("source"), target=spec.get("target"),
                        rules=tuple(rules))


def line_of(path: Path, needle: str) -> int:
    """1-based line of the first occurrence of `needle` in `path` (0 when absent): errors say where."""
    try:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if needle in line:
                return number
    except OSError:
        return 0
    return 0


_line = line_of
