"""Issue 6: skipping date patterns by trigger words and anchors must not change what they find."""

from __future__ import annotations

import re

import pytest

from tidings.times._detect import _matches, _may_match
from tidings.times._patterns import PATTERNS, case_folded, spaced

# Sentences written for this test: odd spacing and case, hyphens, and the letters (dotted and dotless
# i, long s) that case-insensitive patterns match to ASCII letters while str.lower() does not.
TEXTS = [
    "The council met last  FRIDAY and again on Monday, Jan. 5, 2015, and late in March.",
    "Shares fell in the\tthird quarter of 2019 from the year-earlier period; the 1988 period was weak.",
    "Talks resume the following\nmorning, three weeks from now, or in the near future; nowadays, soon.",
    "Aid arrived mid-March, in early-2003, during the 1990s and the '80s, and in the fiscal year.",
    "THİS MORNİNG the mayor spoke; laſt week he was away; ın the PAST he stayed home.",
    "Christmas  Eve, New\nYear's Day and the weekend before Election Day; that\u00a0day was calm.",
    "Dates in 2019-03-04 and 3/4/2020 format, 12 June 2001 and September 11th, 2001, two days earlier.",
    "",
]


def _everything(kind: str, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in PATTERNS[kind].finditer(text)]


def _skipping(kind: str, text: str) -> list[tuple[int, int]]:
    folded = case_folded(text)
    if not _may_match(kind, spaced(text), spaced(folded)):
        return []
    return [m.span() for m in _matches(kind, PATTERNS[kind], text, folded)]


@pytest.mark.parametrize("kind", list(PATTERNS))
def test_triggers_and_anchors_find_what_a_full_scan_finds(kind):
    for text in TEXTS:
        assert _skipping(kind, text) == _everything(kind, text), (kind, text)


def test_case_folding_covers_every_letter_re_folds_to_ascii():
    folds = re.compile("(?i)[a-z]")
    odd = [chr(c) for c in range(0x80, 0x3000) if folds.fullmatch(chr(c))]
    assert all(case_folded(ch).isascii() for ch in odd), odd
