"""Compatibility rules that read the story (issue 13): inside one story, undated reports widen their
dates and a guessed country of a non-state group does not veto; modes of one family meet; one report
naming other doers or targets for one type tells of two acts."""

from __future__ import annotations

from tidings.model import ActorRef
from tidings.resolve import EventIndex
from tidings.resolve._compat import modes_compatible

from tests.resolve.test_events import KRAMATORSK, SLOVIANSK, mention

STORY = {"d1": "st_a", "d2": "st_a", "d3": "st_a"}


def _undated_follow_up(doc: str, published: str) -> dict:
    """A follow-up report whose sentence gives no date: the events stage dates it to its publication day."""
    return dict(date=published, precision="week", published=published)


def test_a_later_undated_report_of_the_story_joins_the_act_days_before():
    act = mention("d1", published="2014-04-13", date="2014-04-13")
    follow_up = mention("d2", **_undated_follow_up("d2", "2014-04-18"))
    follow_up.date_text = "publication date (no date in the sentence)"
    index = EventIndex()
    index.add([act], stories=STORY)
    index.add([follow_up], stories=STORY)
    assert follow_up.event_id == act.event_id


def test_outside_its_story_an_undated_report_stays_with_its_publication_days():
    act = mention("d1", published="2014-04-13", date="2014-04-13")
    follow_up = mention("d9", **_undated_follow_up("d9", "2014-04-18"))
    follow_up.date_text = "publication date (no date in the sentence)"
    index = EventIndex()
    index.add([act, follow_up], stories=STORY)
    assert follow_up.event_id != act.event_id


def test_a_report_from_an_undated_article_joins_its_story():
    act = mention("d1", published="2014-04-13", date="2014-04-13")
    undated = mention("d2", published=None, date=None, precision="unknown")
    other = mention("d9", published=None, date=None, precision="unknown")
    index = EventIndex()
    index.add([act, undated, other], stories=STORY)
    assert undated.event_id == act.event_id
    assert other.event_id != act.event_id  # no story, no date: nothing ties it


def test_the_story_does_not_join_two_towns():
    index = EventIndex()
    here, there = mention("d1"), mention("d2", location=KRAMATORSK)
    index.add([here, there], stories=STORY)
    assert here.event_id != there.event_id


def test_a_suicide_attack_and_an_explosives_attack_meet_but_not_a_shooting():
    assert modes_compatible("ASSAULT", "suicide-attack", "ASSAULT", "explosives")
    assert modes_compatible("PROTEST", "riot", "PROTEST", "demo")
    assert not modes_compatible("ASSAULT", "suicide-attack", "ASSAULT", "firearms")
    assert not modes_compatible("PROTEST", "demo", "PROTEST", "strike")


def test_one_report_naming_other_targets_for_one_type_tells_of_two_acts():
    leaders = [ActorRef(text="three protest leaders", actor_id="ac_leaders", country="THA", sector="OPP")]
    another = [ActorRef(text="another activist", actor_id="ac_activist", country="THA", sector="OPP")]
    first = mention("d1", 10, type_="COERCE", mode="arrest", source=[])
    first.target = leaders
    second = mention("d1", 400, type_="COERCE", mode="arrest", source=[])
    second.target = another
    restated = mention("d1", 900, type_="COERCE", mode="arrest", source=[])
    restated.target = leaders
    index = EventIndex()
    index.add([first, second, restated])
    assert first.event_id != second.event_id
    assert restated.event_id == first.event_id


def test_inside_a_story_the_guessed_country_of_a_rebel_group_does_not_veto():
    uganda = [ActorRef(text="M23 rebels", actor_id="ac_m23", country="UGA", sector="REB")]
    rwanda = [ActorRef(text="the rebel group", actor_id="ac_rebels", country="RWA", sector="REB")]
    one, two = mention("d1", source=uganda), mention("d2", source=rwanda)
    index = EventIndex()
    index.add([one, two], stories=STORY)
    assert one.event_id == two.event_id
    apart_one, apart_two = mention("d5", source=uganda), mention("d6", source=rwanda)
    EventIndex().add([apart_one, apart_two])  # no story: the countries still veto
    assert apart_one.event_id != apart_two.event_id


def test_inside_a_story_state_forces_of_two_countries_still_veto():
    army = [ActorRef(text="the army", actor_id="ac_army_a", country="UKR", sector="MIL")]
    other_army = [ActorRef(text="troops", actor_id="ac_army_b", country="RUS", sector="MIL")]
    one, two = mention("d1", source=army, location=SLOVIANSK), mention("d2", source=other_army, location=SLOVIANSK)
    index = EventIndex()
    index.add([one, two], stories=STORY)
    assert one.event_id != two.event_id


def test_an_act_of_an_earlier_year_does_not_join_the_storys_undated_news():
    news = mention("d1", published=None, date=None, precision="unknown", type_="SANCTION", mode=None)
    background = mention("d2", published="2023-09-18", date="2018-01-01", precision="year",
                         type_="SANCTION", mode=None)
    index = EventIndex()
    index.add([news, background], stories=STORY)
    assert news.event_id != background.event_id
