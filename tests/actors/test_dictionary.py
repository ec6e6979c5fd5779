"""User actor dictionaries: YAML, CSV and PETRARCH `.actors`, with date validity."""

from __future__ import annotations

import pytest

from tidings.actors import ActorDictionary, find_actors
from tidings.actors._petrarch import petrarch_date
from tidings.errors import DataError

PETRARCH = """\
<!-- a small test dictionary -->
MARTA_KOVALENKO_  ; mayor, then minister
+KOVALENKO
+M._KOVALENKO
    [UKRGOV 150301-170630]
    [UKRLEG 170701-]
    [UKRELI]
BLUE_RIVER_FRONT [UKRREB]   # an armed group
"""


def test_petrarch_codes_dates_and_aliases(tmp_path):
    path = tmp_path / "test.actors"
    path.write_text(PETRARCH, encoding="utf-8")
    d = ActorDictionary.load(str(path))
    assert d.lookup("Kovalenko", "2016-05-01").sector == "GOV"
    assert d.lookup("Marta Kovalenko", "2018-01-01").sector == "LEG"
    assert d.lookup("Kovalenko", "2010-01-01").sector == "ELI"  # the undated code applies otherwise
    group = d.lookup("Blue River Front")
    assert (group.country, group.sector) == ("UKR", "REB")


def test_petrarch_two_digit_years():
    assert petrarch_date("140227") == "2014-02-27"
    assert petrarch_date("780427") == "1978-04-27"


def test_petrarch_code_line_before_name_is_an_error(tmp_path):
    path = tmp_path / "bad.actors"
    path.write_text("    [UKRGOV]\n", encoding="utf-8")
    with pytest.raises(DataError, match="bad.actors:1"):
        ActorDictionary.load(str(path))


def test_yaml_entry_applies_only_while_in_office(nlp, tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(
        "- {name: Ilse Brandt, aliases: [Brandt], country: AUT, sector: GOV, role: Chancellor,\n"
        "   valid_from: '2020-01-01', valid_to: '2021-12-31'}\n", encoding="utf-8")
    d = ActorDictionary.load(str(path))
    doc = nlp("Brandt said the talks would go on.")
    inside = find_actors(doc, [], d, published="2021-06-01")
    assert [(m.actor.name, m.actor.country, m.actor.sector) for m in inside] == [
        ("Ilse Brandt", "AUT", "GOV")]
    outside = find_actors(doc, [], d, published="2023-06-01")
    assert all(m.actor.country is None for m in outside)


def test_csv_entry_overrides_builtin(nlp, tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("name,aliases,country,sector,valid_from,valid_to\n"
                    "NATO,Atlantic Alliance|the alliance,IGO,GOV,,\n", encoding="utf-8")
    d = ActorDictionary.load(str(path))
    mentions = find_actors(nlp("NATO said it would send more ships."), [], d)
    assert (mentions[0].actor.country, mentions[0].actor.sector) == ("IGO", "GOV")
    assert d.lookup("Atlantic Alliance").name == "NATO"


def test_builtins_only_without_path():
    d = ActorDictionary.load()
    assert d.lookup("Lavrov", "2014-04-17").country == "RUS"
    assert d.lookup("Avakov", "2025-01-01") is None  # out of office


def test_missing_or_malformed_user_file(tmp_path):
    with pytest.raises(DataError):
        ActorDictionary.load(str(tmp_path / "absent.yaml"))
    bad = tmp_path / "bad.yaml"
    bad.write_text("- {aliases: [x]}\n", encoding="utf-8")
    with pytest.raises(DataError, match="without a name"):
        ActorDictionary.load(str(bad))
