"""Model objects to plain dicts and back, driven by the dataclasses' own type hints.

Used wherever results leave Python memory as JSON: the store's JSON columns and the Parquet
partitions that Dask workers write.

Both directions are hot (every event and event mention is written and read as JSON), so each
dataclass gets a converter compiled once, the way `dataclasses` compiles `__init__`: the type hints
are read when a class is first seen and turned into one expression per field. A field whose declared
type holds only scalars is copied by a plain attribute or key access, with no type inspection per
value. The results are those of `dataclasses.asdict` (same keys, same order, no shared containers)
and of a generic walker over `typing.get_type_hints`.
"""

from __future__ import annotations

import copy
import dataclasses
import types
import typing
from collections.abc import Callable
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")

#: Declared types whose values `asdict` would return unchanged (immutable scalars).
_SCALARS = frozenset({str, int, float, bool, complex, bytes, type(None)})


def to_plain(obj: Any) -> Any:
    """A dataclass tree as dicts and lists (JSON-ready), equal to `dataclasses.asdict(obj)`."""
    if hasattr(type(obj), "__dataclass_fields__"):
        return _to_plain_function(type(obj))(obj)
    return dataclasses.asdict(obj) if dataclasses.is_dataclass(obj) else obj  # a class raises, as asdict


def from_plain(cls: type[T], data: Any) -> T:
    """Rebuild a dataclass (and the dataclasses nested in it) from `to_plain` output.

    Unknown keys are ignored and missing keys take the field's default."""
    try:
        read = _reader(cls)
    except TypeError:  # an unhashable type form: compile it without the cache
        read = _compile_reader(cls)
    return data if read is None else read(data)


# --- to_plain -----------------------------------------------------------------------------------


def _plain_any(obj: Any) -> Any:
    """`asdict`'s own walk, for values whose declared type says nothing useful (`Any`, unions)."""
    kind = type(obj)
    if kind in _SCALARS:
        return obj
    if hasattr(kind, "__dataclass_fields__"):
        return _to_plain_function(kind)(obj)
    if kind is list:
        return [_plain_any(item) for item in obj]
    if kind is dict:
        return {_plain_any(key): _plain_any(item) for key, item in obj.items()}
    if isinstance(obj, tuple) and hasattr(obj, "_fields"):
        return kind(*[_plain_any(item) for item in obj])
    if isinstance(obj, (list, tuple)):
        return kind(_plain_any(item) for item in obj)
    if isinstance(obj, dict):
        return kind((_plain_any(key), _plain_any(item)) for key, item in obj.items())
    return copy.deepcopy(obj)


def _is_scalar(tp: Any) -> bool:
    if tp in _SCALARS:
        return True
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return all(_is_scalar(arg) for arg in typing.get_args(tp))
    if origin is typing.Literal:
        return all(type(arg) in _SCALARS for arg in typing.get_args(tp))
    return False


class _Namespace:
    """The globals of one generated function: names for the classes and converters it refers to.

    Converters of nested dataclasses are bound lazily (a stub that replaces itself on first call), so
    a class that refers to itself compiles."""

    def __init__(self, compile_for: Callable[[type], Callable[[Any], Any]]) -> None:
        self.names: dict[str, Any] = {}
        self._compile_for = compile_for

    def add(self, value: Any, prefix: str) -> str:
        name = f"_{prefix}{len(self.names)}"
        self.names[name] = value
        return name

    def converter(self, cls: type) -> str:
        name = f"_c{len(self.names)}"
        names, compile_for = self.names, self._compile_for

        def first_call(value: Any) -> Any:
            names[name] = compile_for(cls)
            return names[name](value)

        names[name] = first_call
        return name


def _plain_expr(tp: Any, src: str, var: str, ns: _Namespace, depth: int) -> str:
    """Python source that turns the value of `src` (declared as `tp`) into plain data.

    `var` names the value once evaluated (`src` is bound to it with `:=` unless they are the same);
    anything unexpected at run time goes to `_plain_any`, so a wrong declaration costs speed only."""
    if _is_scalar(tp):
        return src
    bind = var if src == var else f"({var} := {src})"
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(tp) if arg is not type(None)]
        if len(options) == 1:  # None goes to _plain_any, which returns it
            return _plain_expr(options[0], src, var, ns, depth)
    elif origin is list:
        (item_type,) = typing.get_args(tp) or (Any,)
        item = f"x{depth}"
        inner = _plain_expr(item_type, item, item, ns, depth + 1)
        body = f"{var}.copy()" if inner == item else f"[{inner} for {item} in {var}]"
        return f"({body} if type({bind}) is list else _plain_any({var}))"
    elif origin is dict:
        key_type, item_type = typing.get_args(tp) or (Any, Any)
        key, item = f"k{depth}", f"x{depth}"
        key_expr = _plain_expr(key_type, key, key, ns, depth + 1)
        inner = _plain_expr(item_type, item, item, ns, depth + 1)
        if key_expr == key and inner == item:
            body = f"{var}.copy()"
        else:
            body = f"{{{key_expr}: {inner} for {key}, {item} in {var}.items()}}"
        return f"({body} if type({bind}) is dict else _plain_any({var}))"
    elif isinstance(tp, type) and dataclasses.is_dataclass(tp):
        cls_name, conv = ns.add(tp, "t"), ns.converter(tp)
        return f"({conv}({var}) if type({bind}) is {cls_name} else _plain_any({var}))"
    return f"_plain_any({src})"


def _field_hints(cls: type) -> dict[str, Any]:
    try:
        return typing.get_type_hints(cls)
    except Exception:  # noqa: BLE001  (unresolvable hints: asdict never needed them, so walk by value)
        return {}


@cache
def _to_plain_function(cls: type) -> Callable[[Any], dict[str, Any]]:
    """`asdict` for one class, as one dict display over the fields in declaration order."""
    hints = _field_hints(cls)
    ns = _Namespace(_to_plain_function)
    entries = [f"{f.name!r}: {_plain_expr(hints.get(f.name, Any), f'o.{f.name}', 'v', ns, 0)}"
               for f in dataclasses.fields(cls)]
    source = "def to_plain(o):\n    return {" + ", ".join(entries) + "}\n"
    return _define(source, "to_plain", ns, cls)


# --- from_plain ---------------------------------------------------------------------------------


def _read_expr(tp: Any, src: str, var: str, ns: _Namespace, depth: int) -> str | None:
    """Python source that rebuilds a value declared as `tp` from the plain value of `src`; None when
    the plain value is kept as it is (scalars, `Any`, unions of several types)."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(tp) if arg is not type(None)]
        return _read_expr(options[0], src, var, ns, depth) if len(options) == 1 else None
    if origin is list:
        (item_type,) = typing.get_args(tp) or (Any,)
        item = f"x{depth}"
        inner = _read_expr(item_type, item, item, ns, depth + 1)
        body = f"list({var})" if inner is None else f"[{inner} for {item} in {var}]"
    elif origin is dict:
        _, item_type = typing.get_args(tp) or (Any, Any)
        key, item = f"k{depth}", f"x{depth}"
        inner = _read_expr(item_type, item, item, ns, depth + 1)
        body = f"{{{key}: {inner or item} for {key}, {item} in {var}.items()}}"
    elif isinstance(tp, type) and dataclasses.is_dataclass(tp):
        body = f"{ns.converter(tp)}({var})"
    else:
        return None
    bind = var if src == var else f"({var} := {src})"
    return f"(None if {bind} is None else {body})"


@cache
def _reader(tp: Any) -> Callable[[Any], Any] | None:
    return _compile_reader(tp)


def _compile_reader(tp: Any) -> Callable[[Any], Any] | None:
    """A function that rebuilds a value declared as `tp`, or None when the value is kept as is."""
    ns = _Namespace(_build_function)
    expr = _read_expr(tp, "value", "value", ns, 0)
    if expr is None:
        return None
    return _define(f"def read(value):\n    return {expr}\n", "read", ns, tp)


@cache
def _build_function(cls: type) -> Callable[[dict[str, Any]], Any]:
    """The constructor call for one class: when every field is present (the usual case) one call with
    a keyword per field; otherwise only the keys present, so the missing ones take their defaults."""
    hints = typing.get_type_hints(cls)
    ns = _Namespace(_build_function)
    cls_name = ns.add(cls, "t")
    fields = [f for f in dataclasses.fields(cls) if f.init]
    exprs = {f.name: _read_expr(hints[f.name], f"d[{f.name!r}]", "v", ns, 0) or f"d[{f.name!r}]"
             for f in fields}
    names = ns.add(frozenset(exprs), "n")
    lines = [
        "def build(d):",
        f"    if d.keys() >= {names}:",
        f"        return {cls_name}({', '.join(f'{name}={expr}' for name, expr in exprs.items())})",
        "    kw = {}",
        *(f"    if {name!r} in d: kw[{name!r}] = {expr}" for name, expr in exprs.items()),
        f"    return {cls_name}(**kw)",
    ]
    return _define("\n".join(lines) + "\n", "build", ns, cls)


def _define(source: str, name: str, ns: _Namespace, subject: Any) -> Callable[[Any], Any]:
    """Compile generated source; the function's globals are its namespace (plus `_plain_any`)."""
    namespace = ns.names
    namespace["_plain_any"] = _plain_any
    exec(compile(source, f"<tidings._serial {name} {subject!r}>", "exec"), namespace)  # noqa: S102
    return namespace[name]
