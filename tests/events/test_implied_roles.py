"""implied_roles and is_bare_role: the coding conventions for roles a sentence leaves implicit."""

from __future__ import annotations

from tidings.events.countries import implied_roles, is_bare_role, localise
from tidings.events.ontology import Ontology
from tidings.model import Actor, ActorRef, Location, Mention

KAMPALA = Location(text="Kampala", name="Kampala", country="UGA", reason="clause")


def test_protest_without_target_is_against_the_venues_government():
    source = [ActorRef("protesters", country="UGA", sector="CVL")]
    _, target = implied_roles("PROTEST", "demo", source, [], KAMPALA, [])
    assert [(t.country, t.sector) for t in target] == [("UGA", "GOV")]


def test_arrest_without_agent_is_by_the_venues_police():
    source, target = implied_roles("COERCE", "arrest", [], [ActorRef("activists")], KAMPALA, [])
    assert [(s.country, s.sector) for s in source] == [("UGA", "COP")] and target[0].text == "activists"


def test_nothing_implied_without_a_venue_country_or_for_stated_roles():
    assert implied_roles("PROTEST", "demo", [], [], None, []) == ([], [])
    stated = [ActorRef("the parliament", country="UGA", sector="LEG")]
    assert implied_roles("PROTEST", "demo", [], stated, KAMPALA, [])[1] == stated


def test_state_acting_by_force_is_its_military():
    korea = Actor("ac_prk", "North Korea", "PRK", "GOV", kind="state")
    actors = [Mention("actor", "North Korea", 0, 11, 0, actor=korea)]
    source, _ = implied_roles("MOBILIZE", "weapons", [ActorRef("North Korea", "ac_prk", "North Korea", "PRK", "GOV")],
                              [], KAMPALA, actors)
    assert source[0].sector == "MIL"
    person = Actor("ac_p", "Kim Jong Un", "PRK", "GOV", kind="person")
    source, _ = implied_roles("ASSAULT", None, [ActorRef("Kim", "ac_p", "Kim Jong Un", "PRK", "GOV")], [], KAMPALA,
                              [Mention("actor", "Kim", 0, 3, 0, actor=person)])
    assert source[0].sector == "GOV"


def test_bare_role_nouns_take_the_venue_country_and_names_do_not():
    lexicon = Ontology.load().lexicon
    assert is_bare_role(ActorRef("riot police", name="Kenyan police", country="KEN", sector="COP"), lexicon)
    assert is_bare_role(ActorRef("Police", name="Kenyan police", country="KEN", sector="COP"), lexicon)
    assert not is_bare_role(ActorRef("Kenyan police", name="Kenyan police", country="KEN"), lexicon)
    assert not is_bare_role(ActorRef("the minister", name="Jean-Yves Le Drian", country="FRA"), lexicon)
    assert not is_bare_role(ActorRef("he", name="police", country="KEN"), lexicon)
    refs = localise([ActorRef("police", name="Kenyan police", country="KEN", sector="COP"),
                     ActorRef("United Nations", name="United Nations", country="UNO", sector="IGO")], KAMPALA, lexicon)
    assert [r.country for r in refs] == ["UGA", "UNO"]


def test_defence_ministry_and_demonym_force_are_military():
    ministry = ActorRef("Russia's defence ministry", "ac_m", "Russia defence ministry", "RUS", "GOV")
    shelling = ActorRef("Russian shelling", country="RUS")
    group = ActorRef("Jaish", country="IND")
    source, _ = implied_roles("ASSAULT", None, [ministry, shelling, group], [], KAMPALA, [])
    assert [r.sector for r in source] == ["MIL", "MIL", None]
