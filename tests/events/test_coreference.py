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
    assert len(assault) >= 2 and len(acts_of(events, "ASSAULT")) == 1


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
    assert len(shelling) == 2 and len({e.act for e in shelling}) == 1
    assert {e.date for e in shelling} == {"2014-04-14"}
