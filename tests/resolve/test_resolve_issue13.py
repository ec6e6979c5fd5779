"""Issue 13: the compatibility rules that de-duplication on real news needs (mode families as data,
the events stage's publication-day fallback, organisations' countries, towns within reach, acts that
join whole), each on mentions we build by hand."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from tidings.errors import DataError
from tidings.model import ActorRef, Location
from tidings.resolve import EventIndex
from tidings.resolve._compat import date_span, day_number, is_publication_fallback, story_span, towns_nearby
from tidings.resolve._modes import mode_rules, parse_mode_rules

from tests.resolve.test_event_rules import NAIROBI, report

FALLBACK = "publication date (no date in the clause)"
#: Two ids for places a few kilometres apart (a district and its city), and a town far away.
CITY = Location(text="Kasarani", place_id="geonames:1", name="Kasarani", country="KEN", admin1="Nairobi Area",
                lat=-1.2833, lon=36.8167, geo_precision=1)
DISTRICT = Location(text="Kibera", place_id="geonames:2", name="Kibera", country="KEN", admin1="Nairobi Area",
                    lat=-1.3133, lon=36.7873, geo_precision=1)
FAR_TOWN = Location(text="Mombasa", place_id="geonames:3", name="Mombasa", country="KEN", admin1="Mombasa",
                    lat=-4.0435, lon=39.6682, geo_precision=1)
UN_SPOKESMAN = ActorRef(text="a UN spokesman", actor_id="ac_un", country="UNO", sector="IGO")
MINISTRY = ActorRef(text="the foreign ministry", actor_id="ac_ken_gov", country="KEN", sector="GOV")


def test_the_shipped_mode_families_let_one_act_told_two_ways_meet():
    rules = mode_rules()
    assert rules.meet("ASSAULT", "suicide-attack", "explosives")
    assert rules.meet("ASSAULT", "aerial", "explosives")  # the strike and the blast residents heard
    assert rules.meet("ACCUSE", "disapprove", "allege")
    assert rules.meet("COERCE", "martial-law", "restrict")
    assert rules.meet("CONSULT", "visit", "multilateral")  # modes never split a meeting
    assert not rules.meet("ASSAULT", "crowd-control", "firearms")  # tear gas is not live fire
    assert not rules.meet("ASSAULT", "suicide-attack", "aerial")  # no chain through the blast
    assert not rules.meet("COERCE", "arrest", "restrict")


def test_mode_families_name_modes_of_the_ontology_or_fail_at_load(tmp_path):
    modes = {"ASSAULT": {"aerial", "explosives"}, "PROTEST": {"demo"}}
    where = Path(tmp_path / "resolve_modes.yaml")
    assert parse_mode_rules({"families": {"ASSAULT": [["aerial", "explosives"]]}}, where, modes).meet(
        "ASSAULT", "aerial", "explosives")
    with pytest.raises(DataError, match="'drone' is not a mode of ASSAULT"):
        parse_mode_rules({"families": {"ASSAULT": [["aerial", "drone"]]}}, where, modes)
    with pytest.raises(DataError, match="'RIOT' is not an event type"):
        parse_mode_rules({"families": {"RIOT": [["demo"]]}}, where, modes)


def test_reports_of_one_strike_by_its_aircraft_and_by_its_blast_merge():
    index = EventIndex()
    strike = report("d1", mode="aerial")
    blast = report("d2", mode="explosives")
    index.add([strike, blast])
    assert strike.event_id == blast.event_id


def test_the_day_precise_publication_fallback_covers_the_day_before():
    """The events stage dates a sentence without a date of its own to its publication day at day
    precision and says so in the date's text: such a date stands for that day or the one before."""
    day = day_number("2023-03-21")
    assert is_publication_fallback("2023-03-21", "day", FALLBACK)
    assert not is_publication_fallback("2023-03-21", "day", "Tuesday")
    assert date_span("2023-03-21", "day", FALLBACK) == (day - 1, day)
    assert date_span("2023-03-21", "day", "Tuesday") == (day, day)
    # inside a story it widens to the days before publication; a month-only date keeps its month
    assert story_span((day - 1, day), "2023-03-21", "day", FALLBACK, 7) == (day - 7, day)
    month = date_span("2023-03-01", "month", FALLBACK)
    assert story_span(month, "2023-03-01", "month", FALLBACK, 7) == (month[0] - 7, month[1])


def test_an_undated_follow_up_in_the_story_joins_the_act_of_days_before():
    index = EventIndex()
    act = report("d1", date="2023-03-14", date_text="Tuesday", published="2023-03-14")
    follow_up = report("d2", date="2023-03-18", date_text=FALLBACK, published="2023-03-18")
    index.add([act, follow_up], stories={"d1": "st_a", "d2": "st_a"})
    assert act.event_id == follow_up.event_id
    other_story = EventIndex()
    act2 = report("d1", date="2023-03-14", date_text="Tuesday", published="2023-03-14")
    late = report("d2", date="2023-03-18", date_text=FALLBACK, published="2023-03-18")
    other_story.add([act2, late], stories={"d1": "st_a", "d2": "st_b"})
    assert act2.event_id != late.event_id


def test_the_merged_date_is_a_stated_one_not_a_later_reports_fallback():
    index = EventIndex()
    stated = report("d1", date="2023-03-20", date_text="Monday", published="2023-03-21")
    undated = [report(f"d{i}", date="2023-03-21", date_text=FALLBACK, published="2023-03-21") for i in (2, 3)]
    index.add([stated, *undated])
    (event,) = index.events()
    assert (event.date, event.date_text) == ("2023-03-20", "Monday")


def test_an_organisations_country_is_known_and_tells_two_statements_apart_in_one_story():
    index = EventIndex()
    un = report("d1", type_="SUPPORT", mode=None, source=[UN_SPOKESMAN], location=None)
    ministry = report("d2", type_="SUPPORT", mode=None, source=[MINISTRY], location=None)
    index.add([un, ministry], stories={"d1": "st_a", "d2": "st_a"})
    assert un.event_id != ministry.event_id


def test_towns_within_reach_are_one_place_far_towns_are_not():
    assert towns_nearby(CITY, DISTRICT)
    assert not towns_nearby(CITY, FAR_TOWN)
    assert not towns_nearby(CITY, NAIROBI)  # without coordinates nothing is joined
    index = EventIndex()
    city, district, far = report("d1", location=CITY), report("d2", location=DISTRICT), report("d3", location=FAR_TOWN)
    index.add([city, district, far])
    assert city.event_id == district.event_id != far.event_id


def test_two_acts_of_one_article_meet_in_the_event_another_outlet_reports():
    """Coreference may leave a restatement as an act of its own; both acts join the other outlet's
    report of the act instead of sharing its reports out."""
    index = EventIndex()
    other_outlet = report("d1", start=10)
    lead = report("d2", start=10)
    restated = report("d2", start=300)
    lead.act, restated.act = "act-lead", "act-restated"
    index.add([other_outlet, lead, restated])
    assert other_outlet.event_id == lead.event_id == restated.event_id


def test_two_acts_of_one_article_with_other_targets_stay_two_events():
    index = EventIndex()
    first = report("d1", start=10, target=[ActorRef(text="a lawyer", actor_id="ac_lawyer", country="KEN")])
    second = report("d1", start=300, target=[ActorRef(text="a student", actor_id="ac_student", country="KEN")])
    first.act, second.act = "act-1", "act-2"
    index.add([first, second])
    assert first.event_id != second.event_id


def test_an_act_joins_only_an_event_that_all_its_modes_meet():
    """An act that (by a coreference slip) holds a suicide bombing and a blast must not bring the
    bombing into an air strike's event through the blast."""
    index = EventIndex()
    strike = report("d1", start=10, mode="aerial")
    blast = report("d2", start=10, mode="explosives")
    bombing = report("d2", start=300, mode="suicide-attack")
    blast.act = bombing.act = "act-slip"
    index.add([strike])
    index.add([blast, bombing])
    assert blast.event_id == bombing.event_id != strike.event_id


def test_a_copy_read_before_its_original_still_counts_as_the_originals_outlet():
    index = EventIndex()
    copy, original = report("copy"), report("orig")
    index.add([copy, original], near_duplicates={"copy": "orig"})
    (event,) = index.events()
    assert event.num_documents == 2 and event.num_sources == 1


def test_an_assault_of_no_stated_mode_is_no_abduction_and_joins_no_arrest():
    index = EventIndex()
    arrests = report("d1", type_="COERCE", mode="arrest")
    clashes = report("d2", type_="ASSAULT", mode=None)
    captured = report("d3", type_="ASSAULT", mode="abduct")
    index.add([arrests, clashes, captured])
    assert arrests.event_id == captured.event_id != clashes.event_id


def test_the_same_town_weighs_more_than_the_same_country():
    from tidings.resolve._compat import place_chain, places_compatible

    kenya = Location(text="Kenya", place_id="country:KEN", name="Kenya", country="KEN", geo_precision=4)
    town, country = place_chain(NAIROBI), place_chain(kenya)
    assert places_compatible(town, town) == 3
    assert places_compatible(country, country) == places_compatible(town, country) == 1
    assert places_compatible(town, place_chain(FAR_TOWN)) is None


def test_an_index_reloaded_from_its_events_is_blocked_exactly_as_the_one_held_in_memory():
    """kill_resume found 5 changed events: an event held since the start of a run stayed indexed
    under the keys of its first reports (no place yet, an earlier date) while a reloaded one was
    not, so a resumed run found other candidates."""
    index = EventIndex()
    first = report("d1", location=None, date="2023-03-13", date_text=FALLBACK, published="2023-03-13")
    later = report("d2", location=CITY, date="2023-03-12", date_text="Sunday", published="2023-03-14")
    index.add([first])
    index.add([later])
    (event,) = index.events()
    assert event.location.name == "Kasarani"
    mentions = [m for e in index.events() for m in index.mentions_of(e.id)]
    reloaded = EventIndex.from_events(index.events(), [copy.deepcopy(m) for m in mentions])
    assert reloaded._blocks == index._blocks


def test_two_acts_of_one_article_alone_stay_apart_unless_an_actor_or_a_town_ties_them():
    """Without another outlet's report, coreference's decision stands: an article's two arrests are
    two events; the same doer or the same town says it told one act twice."""
    index = EventIndex()
    first = report("d1", start=10, type_="COERCE", mode="arrest", location=None, source=[])
    second = report("d1", start=300, type_="COERCE", mode="arrest", location=None, source=[])
    first.act, second.act = "act-1", "act-2"
    index.add([first, second])
    assert first.event_id != second.event_id
    tied = EventIndex()
    lead = report("d2", start=10, type_="COERCE", mode="arrest")
    restated = report("d2", start=300, type_="COERCE", mode="arrest")
    lead.act, restated.act = "act-1", "act-2"
    tied.add([lead, restated])
    assert lead.event_id == restated.event_id


def test_what_an_attack_destroyed_meets_the_weapon_it_was_told_by_but_weapons_still_apart():
    rules = mode_rules()
    assert rules.meet("ASSAULT", "destroy", "aerial")  # "infrastructure was destroyed" of an air strike
    assert rules.meet("ASSAULT", "destroy", "firearms")  # "homes were set on fire" of a massacre by gunmen
    assert not rules.meet("ASSAULT", "firearms", "aerial")
    assert not rules.meet("ASSAULT", "destroy", "crowd-control")
    index = EventIndex()
    gunmen = report("d1", mode="firearms")
    burned = report("d2", mode="destroy")
    strike = report("d3", mode="aerial")
    index.add([gunmen, burned, strike])
    assert gunmen.event_id == burned.event_id != strike.event_id  # the destruction met the gunmen first


def test_an_article_telling_an_act_and_apart_a_denial_tells_two_acts():
    """"Strikes hit the city ... the ministry denied its aircraft had been destroyed": two acts of one
    article, even when another outlet's report would tie them; across outlets a denial still joins
    the report it denies."""
    index = EventIndex()
    other_outlet = report("d1", start=10, mode=None)
    strikes = report("d2", start=10, mode="aerial")
    denial = report("d2", start=300, mode="destroy", modality="denied")
    strikes.act, denial.act = "act-strikes", "act-denial"
    index.add([other_outlet, strikes, denial])
    assert other_outlet.event_id == strikes.event_id != denial.event_id
    across = EventIndex()
    claim, denied = report("d3", mode="aerial"), report("d4", mode="aerial", modality="denied")
    across.add([claim, denied])
    assert claim.event_id == denied.event_id


def test_whom_a_show_of_force_is_aimed_at_does_not_split_it_but_a_victim_still_does():
    """A missile fired over one country during its exercises with another: outlets name either as
    the target of the launch (MOBILIZE); an attack's victims of two countries stay two attacks."""
    launcher = ActorRef(text="the army", actor_id="ac_army", country="KEN", sector="MIL")
    neighbour = ActorRef(text="Uganda", actor_id="ac_uga", country="UGA", sector="GOV")
    ally = ActorRef(text="Tanzania", actor_id="ac_tza", country="TZA", sector="GOV")
    index = EventIndex()
    over = report("d1", type_="MOBILIZE", mode="weapons", source=[launcher], target=[neighbour])
    during = report("d2", type_="MOBILIZE", mode="weapons", source=[launcher], target=[ally])
    hit = report("d3", mode="aerial", source=[launcher], target=[neighbour])
    hit_other = report("d4", mode="aerial", source=[launcher], target=[ally])
    index.add([over, during, hit, hit_other])
    assert over.event_id == during.event_id
    assert hit.event_id != hit_other.event_id
    assert "MOBILIZE" in mode_rules().free_targets
