"""Known actors: our built-in table plus a user's dictionary (YAML, CSV or PETRARCH `.actors`).

User entries override built-ins; an entry with `valid_from`/`valid_to` applies only to documents
published in that range (an office holder only while in office).
"""

from __future__ import annotations

import csv
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


from tidings._data import read_yaml
from tidings.actors._petrarch import read_petrarch_actors
from tidings.actors._tables import CountryTable, RoleLexicon, load_countries, load_lexicon
from tidings.errors import DataError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DictEntry:
    """One known actor (for one validity period)."""

    name: str
    country: str | None
    sector: str | None
    kind: str = "organisation"
    role: str | None = None
    aliases: tuple[str, ...] = ()
    valid_from: str | None = None
    valid_to: str | None = None
    user: bool = False

    def valid_on(self, published: str | None) -> bool:
        """Whether the entry applies to a document published on that ISO date (None: always)."""
        if published is None:
            return True
        day = published[:10]
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to)

    @property
    def dated(self) -> bool:
        return self.valid_from is not None or self.valid_to is not None


def _iso(value: Any, where: str) -> str | None:
    if value in (None, ""):
        return None
    text = str(value).strip()
    if len(text) < 10 or text[4] != "-" or text[7] != "-":
        raise DataError(f"{where}: date {text!r} is not ISO (YYYY-MM-DD)")
    return text[:10]


def _entry(record: dict[str, Any], where: str, user: bool) -> DictEntry:
    name = str(record.get("name") or "").strip()
    if not name:
        raise DataError(f"{where}: entry without a name")
    aliases = record.get("aliases") or []
    if isinstance(aliases, str):
        aliases = [a.strip() for a in aliases.replace(";", "|").split("|")]
    country = str(record["country"]).strip().upper() if record.get("country") else None
    sector = str(record["sector"]).strip().upper() if record.get("sector") else None
    kind = str(record.get("kind") or ("person" if len(name.split()) >= 2 and name.istitle()
                                     else "organisation"))
    return DictEntry(name=name, country=country, sector=sector, kind=kind,
                     role=record.get("role") or None,
                     aliases=tuple(a for a in (str(x).strip() for x in aliases) if a),
                     valid_from=_iso(record.get("valid_from"), where),
                     valid_to=_iso(record.get("valid_to"), where), user=user)


def _read_records(path: Path) -> list[DictEntry]:
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        raw = read_yaml(path)
        if isinstance(raw, dict):
            raw = raw.get("actors")
        if not isinstance(raw, list):
            raise DataError(f"{path}: expected a list of actors (or a mapping with 'actors')")
        return [_entry(r, f"{path}: entry {i + 1}", True) for i, r in enumerate(raw)]
    if suffix == ".csv":
        try:
            with open(path, encoding="utf-8", newline="") as handle:
                rows = list(csv.DictReader(handle))
        except (OSError, csv.Error) as exc:
            raise DataError(f"{path}: cannot read CSV: {exc}") from exc
        return [_entry(r, f"{path}:{i + 2}", True) for i, r in enumerate(rows)]
    entries = []
    for block in read_petrarch_actors(path):
        for code, valid_from, valid_to in block.codes:
            entries.append(DictEntry(
                name=block.name, country=code[:3], sector=code[3:6] or None,
                kind="person" if len(block.name.split()) >= 2 else "organisation",
                aliases=tuple(block.aliases), valid_from=valid_from, valid_to=valid_to, user=True))
    return entries


@dataclass
class ActorDictionary:
    """Everything actor resolution consults: known actors, countries and role words."""

    entries: list[DictEntry]
    countries: CountryTable
    lexicon: RoleLexicon
    _index: dict[str, list[DictEntry]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for entry in self.entries:
            for form in (entry.name, *entry.aliases):
                self._index.setdefault(_key(form), []).append(entry)

    @classmethod
    def load(cls, path: str | None = None) -> "ActorDictionary":
        """The built-ins, extended (and overridden) by the user dictionary at `path`.

        Raises DataError naming the file and line when it is malformed.
        """
        raw = read_yaml("actors_known.yaml")
        if not isinstance(raw, list):
            raise DataError("actors_known.yaml: expected a list")
        entries = [_entry(r, f"actors_known.yaml: entry {i + 1}", False) for i, r in enumerate(raw)]
        if path is not None:
            user_path = Path(path)
            if not user_path.is_file():
                raise DataError(f"{path}: actor dictionary not found")
            user_entries = _read_records(user_path)
            log.info("read %d actor entries from %s", len(user_entries), path)
            entries = user_entries + entries
        return cls(entries=entries, countries=load_countries(), lexicon=load_lexicon())

    def lookup(self, text: str, published: str | None = None) -> DictEntry | None:
        """The entry a name or alias means on that date: user before built-in, dated before not."""
        candidates = [e for e in self._index.get(_key(text), ()) if e.valid_on(published)]
        if len(text) <= _SHORT and not text.isupper():
            # "Un" of "Kim Jong Un" is not the UN: a short name must match an alias's case
            candidates = [e for e in candidates if text in (e.name, *e.aliases)]
        if not candidates:
            return None
        candidates.sort(key=lambda e: (not e.user, not e.dated))
        return candidates[0]


#: Names this short are matched case-sensitively unless written in capitals.
_SHORT = 3


def _key(text: str) -> str:
    text = " ".join(text.split()).casefold()
    return text[4:] if text.startswith("the ") else text


def load_dictionary_file(path: str) -> list[DictEntry]:
    """Read just the entries of a user dictionary (useful to validate a file)."""
    return _read_records(Path(path))


__all__ = ["ActorDictionary", "DictEntry", "load_dictionary_file"]
