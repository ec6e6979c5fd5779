"""Story country, operating country, role coreference and "for X" owners, on sentences written here."""

from __future__ import annotations

import pytest

from tidings.actors import ActorDictionary, find_actors
from tidings.actors.context import is_lowercase, story_context
from tidings.model import Mention
from tidings.places import find_places


@pytest.fixture(scope="module")
def builtins() -> ActorDictionary:
    return ActorDictionary.load()


@pytest.fixture(scope="module")
def placed(nlp, builtins, gazetteer):
    def run(text: str) -> dict[str, Mention]:
        doc = nlp(text)
        return {m.text: m for m in find_actors(doc, find_places(doc, gazetteer), builtins)}
    return run


def test_interior_minister_links_to_the_named_minister(placed):
    found = placed("Interior Minister Arsen Avakov toured Kharkiv on Monday. On Tuesday the interior "
                   "minister said the checkpoints would stay.")
    assert found["the interior minister"].actor.id == found["Interior Minister Arsen Avakov"].actor.id


def test_the_alliance_is_the_alliance_named_before(placed):
    found = placed("NATO defence ministers gathered in Brussels on Friday. The alliance said it would "
                   "send more jets to Poland.")
    assert found["The alliance"].actor.name == "NATO"
    assert found["The alliance"].actor.country == "IGO"


def test_the_alliance_without_a_named_alliance_is_no_actor(placed):
    assert "The alliance" not in placed("The alliance said it would send more jets.")


def test_the_ministry_is_the_last_named_ministry(placed):
    found = placed("Ukraine's Foreign Ministry summoned the Russian envoy. The ministry said a protest "
                   "note was handed over.")
    assert found["The ministry"].actor.id == found["Ukraine's Foreign Ministry"].actor.id


def test_police_in_a_kenya_story_are_kenyan_and_protesters_civilians(placed):
    found = placed("Police fired tear gas at protesters in Nairobi on Tuesday.")
    assert (found["Police"].actor.country, found["Police"].actor.sector) == ("KEN", "COP")
    assert (found["protesters"].actor.country, found["protesters"].actor.sector) == ("KEN", "CVL")


def test_a_spokesman_for_the_ministry_speaks_for_it(placed):
    found = placed("Fighting went on in eastern Ukraine. A spokesman for the Interior Ministry said "
                   "two officers were hurt.")
    assert found["A spokesman"].actor.id == found["the Interior Ministry"].actor.id
    assert (found["A spokesman"].actor.country, found["A spokesman"].actor.sector) == ("UKR", "GOV")


def test_officers_of_a_known_service_belong_to_it(placed):
    found = placed("Prague said officers of the GRU had planned the blast at the depot.")
    assert (found["officers"].actor.country, found["officers"].actor.sector) == ("RUS", "SPY")


def test_counterparts_from_a_country(placed):
    found = placed("Ukrainian diplomats met their counterparts from Russia in Geneva.")
    assert found["their counterparts"].actor.country == "RUS"
    assert found["Ukrainian diplomats"].actor.country == "UKR"


def test_a_taken_region_is_a_place_not_an_actor(placed):
    found = placed("Russia took Crimea in 2014, and Moscow later denied sending troops there.")
    assert "Crimea" not in found
    assert found["Russia"].actor.id == found["Moscow"].actor.id


def test_unidentified_gunmen_take_the_country_they_operate_in(placed):
    found = placed("Unidentified gunmen opened fire on a checkpoint near Donetsk, Ukraine.")
    actor = found["Unidentified gunmen"].actor
    assert (actor.country, actor.sector, actor.name) == ("UKR", "UAF", "unidentified militants")


def test_organisation_roles_are_the_organisation(placed):
    found = placed("A Houthi official said the prisoners would be flown to Sanaa.")
    assert (found["A Houthi official"].actor.country, found["A Houthi official"].actor.sector) == (
        "YEM", "REB")


def test_rights_groups_are_ngo(placed):
    found = placed("Human rights groups condemned the arrests in Yangon.")
    assert found["Human rights groups"].actor.country == "NGO"


def test_lowercased_text_finds_story_country_and_modifiers(nlp, builtins):
    text = ("ukrainian police detained two men in kharkiv on monday. protesters in ukraine blocked a "
            "road, and police said the ministry would act.")
    doc = nlp(text)
    assert is_lowercase(doc)
    assert story_context(doc, [], builtins.countries).home == "UKR"
    found = {m.text: m.actor for m in find_actors(doc, [], builtins)}
    assert found["ukrainian police"].country == "UKR"
    assert found["ukrainian police"].id == found["police"].id
    assert (found["protesters"].country, found["protesters"].sector) == ("UKR", "CVL")


def test_country_matching_is_case_sensitive_unless_folded(builtins):
    countries = builtins.countries
    assert countries.code_of("turkey") is None
    assert countries.code_of("turkey", fold=True) == "TUR"
    assert countries.code_of("south korean", fold=True) == "KOR"


def test_dateline_and_lead_outweigh_a_foreign_party_named_often(nlp, builtins, gazetteer):
    text = ("PRAGUE - The Czech Republic expelled 18 Russian diplomats on Saturday. Russian officials "
            "called it a provocation. The Russian embassy said Russian staff would leave. Moscow "
            "promised a response.")
    doc = nlp(text)
    assert story_context(doc, find_places(doc, gazetteer), builtins.countries).home == "CZE"


def test_groups_take_their_sentence_place_country(nlp, builtins, gazetteer):
    text = ("Turkey condemned the shelling on Monday. Ankara said it would respond. "
            "Rebels attacked an army post near Idlib, Syria, killing two civilians.")
    doc = nlp(text)
    found = {m.text: m.actor for m in find_actors(doc, find_places(doc, gazetteer), builtins)}
    assert found["Rebels"].country == "SYR"


def test_dateline_is_not_part_of_an_actor_mention(placed):
    found = placed("KHARKIV - Ukrainian police detained two men on Monday.")
    assert "Ukrainian police" in found
    assert not any(text.startswith("KHARKIV") for text in found)
