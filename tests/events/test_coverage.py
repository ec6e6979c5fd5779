"""Second-round wordings: weapons finds, bases, police force in Indian English, implicit agents,
and the ACLED refinements they feed (sentences written for these tests)."""

import pytest

from tidings.eval.events import case_label, police_labels
from tidings.events import Ontology

from ._build import first, run


@pytest.fixture(scope="module")
def ontology():
    return Ontology.load()


def _label(nlp, ontology, text):
    return case_label(run(nlp, ontology, text, published=None), ontology)


@pytest.mark.parametrize("text, label", [
    ("Soldiers discovered a cache of rifles and grenades in a farmhouse.", "DISR_WEAP"),
    ("Two explosive devices were found near the bus depot on Friday.", "DISR_WEAP"),
    ("The army has set up a new observation post near the border village.", "HQ_ESTABLISHED"),
    ("The rebels established a military base in the hills.", "HQ_ESTABLISHED"),
    ("About 300 fighters defected to the government side last week.", "CHANGE_TO_GROUP_ACT"),
    ("Students hurled stones at the riot police during the rally.", "VIOL_DEMONSTR"),
    ("Police used tear gas to disperse the farmers' rally outside the assembly.", "PROTEST_WITH_INTER"),
    ("Troops opened fire on the demonstrators, killing four of them.", "FORCE_AGAINST_PROTEST"),
    ("Hundreds of teachers staged a peaceful sit-in outside the ministry.", "PEACE_PROTEST"),
    ("The suicide bomber blew himself up at the checkpoint.", "SUIC_BOMB"),
    ("Militants lobbed a grenade at the market.", "GRENADE"),
    ("Government troops withdrew from the town and rebels took control of it without resistance.",
     "NON_VIOL_TERRIT_TRANSFER"),
    # only a government's forces regain ground (ACLED); rebels who retake a town overtake it
    ("Rebel fighters recaptured the town from government forces on Thursday.", "NON_STATE_ACTOR_OVERTAKES_TER"),
    ("Government troops recaptured the town from the rebels on Thursday.", "GOV_REGAINS_TERIT"),
    ("A teenager was killed in army attacks on a peaceful march in the capital.", "FORCE_AGAINST_PROTEST"),
    ("The destruction of homes and shops in the old quarter went on for two days.", "PROPERTY_DISTRUCT"),
    ("The town saw a fresh wave of mob violence on Sunday.", "MOB_VIOL"),
    ("The destruction of his career took ten years.", None),
    ("A mob looted and torched shops in the market.", "PROPERTY_DISTRUCT"),  # property, no one hurt
    ("A mob beat two men to death in the market.", "MOB_VIOL"),
    ("Twelve people were killed after four suicide bombers struck the market.", "SUIC_BOMB"),
    ("A rocket-propelled grenade hit the convoy, killing two soldiers.", "ART_MISS_ATTACK"),
])
def test_acled_refinements(nlp, ontology, text, label):
    assert _label(nlp, ontology, text) == label


@pytest.mark.parametrize("text", [
    "Police fear a possible attack on the embassy.",
    "Fears of an attack grew in the capital after the warning.",
    "Troops were sent to the border to foil any potential attack.",
])
def test_an_act_named_as_a_possibility_is_no_event(nlp, ontology, text):
    assert not [e for e in run(nlp, ontology, text) if e.type == "ASSAULT"]


def test_riot_police_is_no_riot(nlp, ontology):
    events = run(nlp, ontology, "Riot police chased the students through the old market.")
    assert not [e for e in events if e.type == "PROTEST"]


def test_hyphenated_lathi_charge_and_implicit_police(nlp, ontology):
    events = run(nlp, ontology, "The police resorted to a lathi-charge to disperse the crowd.")
    assert first(events, "ASSAULT").mode == "crowd-control"
    events = run(nlp, ontology, "Three persons were killed in police firing near the bridge.")
    killing = [e for e in events if e.evidence.trigger == "killed"][0]
    assert killing.source and "police" in killing.source[0].text.lower()
    assert {"KILL", "FORCE"} <= police_labels(killing)


def test_they_after_police_subject(nlp, ontology):
    text = "The police reached the spot at noon. They opened fire when the mob turned violent."
    fire = [e for e in run(nlp, ontology, text) if e.evidence.trigger == "opened fire"][0]
    assert fire.source and fire.source[0].text.lower() in ("police", "the police")


def test_implicit_agent_is_never_the_victim_or_speaker(nlp, ontology):
    events = run(nlp, ontology, "Police said two constables were injured in the blast.")
    injured = [e for e in events if e.evidence.trigger == "injured"][0]
    assert not injured.source


@pytest.mark.parametrize("text, label", [
    ("Insurgents used mustard gas in an attack on the garrison.", "CHEM_WEAP"),
    ("Twelve rebels surrendered to the army near the river.", "AGREEMENT"),
    ("Protesters gathered outside the embassy to denounce the new law.", "PEACE_PROTEST"),
    ("Police detain two protesters outside the parliament in Minsk", "PROTEST_WITH_INTER"),
    ("The brigade set up two bases near the border town", "HQ_ESTABLISHED"),
])
def test_second_round_wordings(nlp, ontology, text, label):
    assert _label(nlp, ontology, text) == label


def test_background_shooting_is_not_force_against_protesters(nlp, ontology):
    text = "Hundreds of students marched peacefully over the police shooting of a teenager last week."
    assert _label(nlp, ontology, text) != "FORCE_AGAINST_PROTEST"


def test_one_mention_per_event_and_sentence(nlp, ontology):
    text = "Gunmen opened fire on a checkpoint near Donetsk, killing two guards and wounding three others."
    assaults = [e for e in run(nlp, ontology, text) if e.type == "ASSAULT"]
    assert len(assaults) == 1
    assert assaults[0].mode == "firearms" and assaults[0].size.dead == 2 and assaults[0].source


def test_different_modalities_stay_apart(nlp, ontology):
    text = "Police arrested six men on Monday, and officials said more would be arrested."
    arrests = [e for e in run(nlp, ontology, text) if e.type == "COERCE"]
    assert {e.modality for e in arrests} >= {"asserted"} and len(arrests) == 2


def test_stateless_actors_take_the_event_country(nlp, ontology):
    text = "Pro-Kremlin gunmen seized the police station in Kramatorsk on Monday."
    seizure = first(run(nlp, ontology, text), "COERCE")
    assert seizure.source and seizure.source[0].country == "UKR"  # "pro-Kremlin" is not Russian
    assert seizure.target and seizure.target[0].country == "UKR" and seizure.target[0].sector == "COP"


def test_international_actors_keep_their_own_country(nlp, ontology):
    from tidings.events.countries import localise
    from tidings.model import ActorRef, Location

    refs = [ActorRef("UN monitors", sector="UNO"), ActorRef("protesters", sector="CVL")]
    out = localise(refs, Location("Geneva", country="CHE"), ontology.lexicon)
    assert out[0].country is None and out[1].country == "CHE"
