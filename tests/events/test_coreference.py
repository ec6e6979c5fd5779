"""Issue 11: restatements of one act inside an article are one act; different acts stay apart."""

import pytest

from tidings.events import Ontology

from ._build import run


@pytest.fixture(scope="module")
def ontology():
    return Ontology.load()


def acts_of(events, type_):
    return {e.act for e in events if e.type == type_}


def test_headline_lead_and_anaphoric_noun_are_one_act(nlp, ontology):
    text = ("Gunmen kill 12 at market in northern town\n"
            "Gunmen killed 12 people at a market in Kafanchan on Monday, police said.\n"
            "The attack, the worst in the region this year, was not claimed by any group.")
    events = run(nlp, ontology, text, published="2021-03-02")
    assault = [e for e in events if e.type == "ASSAULT"]
    assert len(assault) == 1, "an act is reported once per article"
    told = {assault[0].evidence.sentence_index, *(r.sentence_index for r in assault[0].evidence.other_evidence)}
    assert len(told) >= 2 and 1 in told, "the other sentences that tell it stay its evidence"
    assert assault[0].evidence.sentence_index == 1, "the lead tells most: the headline is a restatement"
    assert assault[0].size.dead == 12


def test_acts_on_other_days_or_in_other_towns_stay_apart(nlp, ontology):
    days = run(nlp, ontology, "Soldiers shelled Donetsk on Monday.\nOn Friday rebels had shelled Donetsk.")
    assert len(acts_of(days, "ASSAULT")) == 2
    towns = run(nlp, ontology, "Soldiers shelled a school in Sloviansk on Monday.\nArtillery units shelled a market in Kramatorsk.")
    assert len(acts_of(towns, "ASSAULT")) == 2


def test_a_sequel_marked_by_the_text_is_its_own_act(nlp, ontology):
    text = "Police arrested four students in Accra on Monday.\nPolice later arrested their lawyer."
    events = run(nlp, ontology, text, published="2021-03-02")
    assert len(acts_of(events, "COERCE")) == 2


def test_a_restatement_takes_the_date_of_its_act(nlp, ontology):
    text = ("Soldiers shelled the village of Kafanchan on Monday, residents said.\n"
            "Two people were killed in the shelling by soldiers, a nurse said.")
    events = run(nlp, ontology, text)
    shelling = [e for e in events if e.type == "ASSAULT"]
    assert len(shelling) == 1
    told = {shelling[0].evidence.sentence_index, *(r.sentence_index for r in shelling[0].evidence.other_evidence)}
    assert told == {0, 1} and shelling[0].date == "2014-04-14"


def test_the_act_keeps_what_only_a_restatement_says(nlp, ontology):
    # the lead names no doer; the next sentence, telling the same bombing, does
    text = ("A car bomb exploded near a checkpoint in Mogadishu on Sunday, killing at least nine people.\n"
            "Al-Shabaab militants carried out the bombing, a police officer said.")
    events = run(nlp, ontology, text, published="2022-05-02")
    bombing = [e for e in events if e.type == "ASSAULT"]
    assert len(bombing) == 1
    assert bombing[0].size.dead == 9
    assert bombing[0].evidence.other_evidence, "the second sentence stays evidence of the act"


def test_more_acts_of_a_kind_are_acts_of_their_own(nlp, ontology):
    text = ("Police arrested dozens of protesters outside parliament on Sunday.\n"
            "More arrests took place near the central station in the evening.")
    events = run(nlp, ontology, text, published="2022-05-02")
    assert len([e for e in events if e.type == "COERCE"]) == 2


def test_an_act_set_days_before_the_news_is_an_act_of_its_own(nlp, ontology):
    text = ("North Korea fired a ballistic missile over Japan on Tuesday.\n"
            "The launch came days after Pyongyang fired three short-range missiles into the sea.")
    events = run(nlp, ontology, text, published="2017-08-29")
    assert len([e for e in events if e.type == "MOBILIZE"]) == 2


def test_the_same_act_done_to_another_party_is_an_act_of_its_own(nlp, ontology):
    text = ("Police arrested the student leader Amina Bello in Kano on Monday.\n"
            "Another protest leader, Musa Idris, was arrested in Kano on Monday evening.")
    events = run(nlp, ontology, text, published="2022-05-03")
    assert len(acts_of(events, "COERCE")) == 2


def test_a_state_of_emergency_and_a_curfew_are_two_measures(nlp, ontology):
    text = ("The government declared a state of emergency in Port Lorne on Sunday.\n"
            "Authorities imposed a nighttime curfew in Port Lorne on Sunday.")
    events = run(nlp, ontology, text, published="2024-03-04")
    assert len(acts_of(events, "COERCE")) == 2


def test_an_act_set_days_earlier_in_the_same_sentence_is_kept_apart(nlp, ontology):
    text = "The latest launch came two days after the regime fired three ballistic missiles into the sea."
    launches = [e for e in run(nlp, ontology, text, published="2017-08-29") if e.type == "MOBILIZE"]
    assert len(launches) == 2
    assert len({e.act for e in launches}) == 2
