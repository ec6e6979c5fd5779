"""Which field of a record holds the text, the date, the outlet...: the names scrapers give them (data:
`ingest_fields.yaml`) and a user's own (`tidings run --map FIELD=NAME`), however a name is spelt."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tidings._data import data_path, read_yaml
from tidings.errors import DataError, UsageError

#: The fields Tidings reads from a record; every other field is kept as metadata.
FIELDS = ("text", "html", "title", "published", "url", "outlet", "language", "id")
#: Fields whose every name holds a copy of the article: no such copy is kept as metadata too.
ARTICLE_FIELDS = ("text", "html")

NamePath = tuple[str, ...]  # a (dotted) name as the keys it walks: "source.name" -> ("source", "name")

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_JOINERS = re.compile(r"[\s\-]+")
_WEB_ADDRESS = re.compile(r"^https?://[^\s/]+\S*$", re.IGNORECASE)


def field_key(name: str) -> str:
    """The form in which two spellings of a name are compared: "fullText", "Full Text", "full-text"
    -> "full_text"."""
    return _JOINERS.sub("_", _CAMEL.sub("_", name.strip())).lower()


def is_web_address(value: Any) -> bool:
    return isinstance(value, str) and bool(_WEB_ADDRESS.match(value.strip()))


def _path(name: str) -> NamePath:
    return tuple(field_key(part) for part in name.split("."))


@dataclass(frozen=True)
class FieldNames:
    """For each Tidings field, the record names that may hold it, in the order they are tried."""

    names: Mapping[str, tuple[NamePath, ...]]
    #: Names that count for a field only when their value is a web address.
    web_address_only: Mapping[str, frozenset[NamePath]]

    def with_map(self, mapping: Mapping[str, str]) -> "FieldNames":
        """These names with the user's (`--map FIELD=NAME`) tried first.

        Raises:
            UsageError: a FIELD that Tidings does not read.
        """
        names = dict(self.names)
        for field, name in mapping.items():
            if field not in FIELDS:
                raise UsageError(f"--map {field}={name}: {field!r} is not a field Tidings reads ({', '.join(FIELDS)})")
            mine = (_path(name),) if "." not in name else ((field_key(name),), _path(name))  # "a.b": a key or a path
            names[field] = (*mine, *(path for path in names[field] if path not in mine))
        return FieldNames(names=names, web_address_only=self.web_address_only)

    def looked_for(self, field: str) -> list[str]:
        """The names tried for `field`, as a message shows them."""
        return [".".join(path) for path in self.names[field]]

    def has_any(self, field: str, columns: Iterable[str]) -> bool:
        """Whether one of `columns` (a CSV header) is a name of `field`."""
        keys = {field_key(column) for column in columns}
        return any(len(path) == 1 and path[0] in keys for path in self.names[field])

    def pick(self, record: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        """(fields, metadata) of a record: the value of each Tidings field it holds, under our name,
        and every field not used, under its own name.

        The first name with a usable value wins: a string with text, or a number (an id, a Unix
        time); a text field takes strings only, but keeps a value of another kind when it has no
        string, so that the reader can say what is wrong with it.
        """
        keys: dict[str, str] = {}
        for key in record:
            if isinstance(key, str):
                keys.setdefault(field_key(key), key)
        fields: dict[str, Any] = {}
        used: set[str] = set()
        for field in FIELDS:
            wrong_kind = None
            for path in self.names[field]:
                value = _lookup(record, keys, path)
                if _blank(value):
                    continue
                if path in self.web_address_only.get(field, ()) and not is_web_address(value):
                    continue
                if field in ARTICLE_FIELDS and not isinstance(value, str):
                    wrong_kind = wrong_kind or (path, value)
                    continue
                if not isinstance(value, (str, int, float)) or isinstance(value, bool):
                    continue
                fields[field] = value
                used.add(keys[path[0]])
                break
            else:
                if wrong_kind is not None:
                    fields[field] = wrong_kind[1]
                    used.add(keys[wrong_kind[0][0]])
            if field in ARTICLE_FIELDS:  # the other copies of the article are not metadata either
                used.update(keys[path[0]] for path in self.names[field] if len(path) == 1 and path[0] in keys)
        metadata = {key: value for key, value in record.items() if key not in used and not _blank(value)}
        return fields, metadata


def _lookup(record: Mapping[str, Any], keys: Mapping[str, str], path: NamePath) -> Any:
    key = keys.get(path[0])
    if key is None:
        return None
    value = record[key]
    for part in path[1:]:
        if not isinstance(value, Mapping):
            return None
        inner = {field_key(k): k for k in value if isinstance(k, str)}
        value = value[inner[part]] if part in inner else None
    return value


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def load_field_names(path: Path | None = None) -> FieldNames:
    """Read and check `ingest_fields.yaml` (or `path`); raise DataError naming the file and entry."""
    path = path or data_path("ingest_fields.yaml")
    raw = read_yaml(path)
    if not isinstance(raw, dict) or not isinstance(raw.get("fields"), dict):
        raise DataError(f"{path}: expected a mapping with a 'fields' section")
    names = {field: _names(path, f"fields.{field}", raw["fields"].get(field)) for field in FIELDS}
    unknown = sorted(set(raw["fields"]) - set(FIELDS))
    if unknown:
        raise DataError(f"{path}: fields.{unknown[0]}: not a field Tidings reads ({', '.join(FIELDS)})")
    owner: dict[NamePath, str] = {}
    for field, paths in names.items():
        for name in paths:
            if name in owner:
                raise DataError(f"{path}: fields.{field}: {'.'.join(name)!r} is already a name of "
                                f"{owner[name]}")
            owner[name] = field
    web_only: dict[str, frozenset[NamePath]] = {}
    for field, listed in (raw.get("web_address_only") or {}).items():
        if field not in FIELDS:
            raise DataError(f"{path}: web_address_only.{field}: not a field Tidings reads")
        only = _names(path, f"web_address_only.{field}", listed)
        names[field] = names[field] + tuple(name for name in only if name not in names[field])
        web_only[field] = frozenset(only)
    return FieldNames(names=names, web_address_only=web_only)


def _names(path: Path, where: str, listed: Any) -> tuple[NamePath, ...]:
    if not isinstance(listed, list) or not listed or not all(isinstance(n, str) and n.strip() for n in listed):
        raise DataError(f"{path}: {where}: expected a list of field names")
    return tuple(dict.fromkeys(_path(name) for name in listed))


def parse_field_map(items: Iterable[str]) -> dict[str, str]:
    """`--map FIELD=NAME` options as {field: name}; raise UsageError saying how to write them."""
    mapping: dict[str, str] = {}
    fields = ", ".join(FIELDS)
    for item in items:
        field, sep, name = item.partition("=")
        field, name = field_key(field), name.strip()
        if not sep or not field or not name:
            raise UsageError(f"--map {item!r}: expected FIELD=NAME, e.g. --map text=body (fields: {fields})")
        if field not in FIELDS:
            hint = f"; did you mean --map {field_key(name)}={field}?" if field_key(name) in FIELDS else ""
            raise UsageError(f"--map {item!r}: {field!r} is not a field Tidings reads ({fields}){hint}")
        if field in mapping and mapping[field] != name:
            raise UsageError(f"--map: {field} is mapped twice ({mapping[field]!r} and {name!r})")
        mapping[field] = name
    return mapping
