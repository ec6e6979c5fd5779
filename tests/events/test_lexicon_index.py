"""The lookups the lexicon indexes at load time answer as a scan of its word lists would (issue 6)."""

from __future__ import annotations

import pytest

from tidings.events import Ontology
from tidings.events.arguments import _hint_country, _hint_sector, _words
from tidings.events.lexicon import CASUALTY_CATEGORIES, Lexicon


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    lexicon = Ontology.load().lexicon
    assert lexicon is not None
    return lexicon


def _scanned_sector(text: str, lexicon: Lexicon) -> str | None:
    words, best = _words(text), None
    for code, names in lexicon.sector_hints.items():
        for name in names:
            for form in (name, name + "s", name + "es"):
                position = words.rfind(f" {form} ")
                if position >= 0 and (best is None or position > best[0]):
                    best = (position, code)
    return best[1] if best else None


def _scanned_country(text: str, lexicon: Lexicon) -> str | None:
    words = _words(text).replace("'s ", " ")
    for code, names in lexicon.country_hints.items():
        if any(f" {name} " in words or f" pro-{name} " in words for name in names):
            return code
    return None


PHRASES = ["the riot police officers", "pro-Russian armed men near the border", "Kenyan protesters and police",
           "a group of students and soldiers", "rebels loyal to the general", "the village elders",
           "Syria's army", "hundreds of pro-government militiamen", "an unnamed official", "the crowd"]


@pytest.mark.parametrize("phrase", PHRASES)
def test_hints_agree_with_a_scan_of_the_lists(phrase, lexicon):
    sector = _scanned_sector(phrase, lexicon)
    if sector is not None and " pro-" in _words(phrase) and sector in ("UAF", "CVL", "GOV"):
        sector = "REB"
    if sector is None and " pro-" in _words(phrase) and any(
            w in _words(phrase) for w in (" activist", " protester", " demonstrator")):
        sector = "REB"
    assert _hint_sector(phrase, lexicon) == sector
    assert _hint_country(phrase, lexicon) == _scanned_country(phrase, lexicon)


def test_every_hint_form_is_found(lexicon):
    for code, names in lexicon.country_hints.items():
        for name in names:
            assert _hint_country(f"the {name} delegation", lexicon) == _scanned_country(f"the {name} delegation", lexicon)
    for names in lexicon.sector_hints.values():
        for name in names:
            assert _hint_sector(f"some {name}s here", lexicon) == _scanned_sector(f"some {name}s here", lexicon)


def test_class_and_casualty_indexes_match_the_lists(lexicon):
    words = {w for members in lexicon.classes.values() for w in members}
    words |= {w for members in lexicon.casualties.values() for w in members} | {"table", ""}
    for word in words:
        assert lexicon.classes_of(word.upper()) == {n for n, m in lexicon.classes.items() if word and word in m}
        expected = next((n for n in CASUALTY_CATEGORIES if word in lexicon.casualties[n]), None)
        assert lexicon.casualty_category(word) == expected
