"""Police procedure and shows of force as reports tell them, often in the passive and with no doer
named ("security has been tightened", "they were booked under sections 302 and 307"), and how the
IndiaPoliceEvents questions read them (sentences written for these tests)."""

import pytest

from tidings.eval.events import police_labels
from tidings.events import Ontology
from tidings.model import ActorRef, EventMention, Evidence

from ._build import run


@pytest.fixture(scope="module")
def ontology():
    return Ontology.load()


def _readings(nlp, ontology, text):
    return {(e.type, e.mode) for e in run(nlp, ontology, text)}


@pytest.mark.parametrize("text, reading", [
    ("Security has been tightened around the court complex ahead of the verdict.", ("MOBILIZE", "police")),
    ("Security was stepped up at the airport on Tuesday.", ("MOBILIZE", "police")),
    ("Patrolling has been intensified in the old quarter of the town.", ("MOBILIZE", "police")),
    ("Constables kept a strict vigil near the bus stand through the night.", ("MOBILIZE", "police")),
    ("A red alert has been sounded in the district.", ("MOBILIZE", "police")),
    ("The district police have been put on high alert.", ("MOBILIZE", "police")),
    ("Police pickets have been posted at every crossing.", ("MOBILIZE", "police")),
    ("Police rushed to the spot.", ("MOBILIZE", "police")),
    ("Two companies of armed police were rushed to the village on Sunday.", ("MOBILIZE", "troops")),
    ("The army was called in to restore order.", ("MOBILIZE", "troops")),
    ("Four men were booked under sections 302 and 307 of the penal code.", ("ACCUSE", "allege")),
    ("A case has been registered against the shopkeeper.", ("ACCUSE", "investigate")),
    ("The suspects were questioned for six hours.", ("ACCUSE", "investigate")),
    ("The accused was remanded in police custody till Friday.", ("COERCE", "arrest")),
    ("Police sealed the camp before dawn.", ("COERCE", "restrict")),
    ("Police were keeping a tight watch on the trains.", ("MOBILIZE", "police")),
    ("Twelve tear-gas shells were lobbed at the crowd near the bridge.", ("ASSAULT", "crowd-control")),
    ("Tear-gas shells were burst in the market.", ("ASSAULT", "crowd-control")),
    ("Riot police fired tear gas at the crowd on Sunday.", ("ASSAULT", "crowd-control")),
    ("Ten activists were prevented from leaving for the capital at the railway station.", ("COERCE", "restrict")),
    ("Police stopped the marchers at the bridge.", ("COERCE", "restrict")),
    ("The airport was heavily guarded by commandos.", ("MOBILIZE", "police")),
    ("Police escorted the buses to the border.", ("MOBILIZE", "police")),
    ("The army was kept on alert in the barracks.", ("MOBILIZE", "police")),
    ("Chased by security men, they hid in the nearby houses.", ("COERCE", "restrict")),
    ("A rifle, 72 cartridges and one detonator were also recovered from them.", ("COERCE", "seize")),
    ("Two activists, who were caught by the city police while crossing the border, belong to Patna.", ("COERCE", "arrest")),
    ("He was picked up from his house under preventive sections.", ("COERCE", "arrest")),
    ("They were about to board the bus when the police intercepted them.", ("COERCE", "restrict")),
    ("The state police prevented pilgrims from boarding the trains.", ("COERCE", "restrict")),
    ("The families were taken to their villages under heavy police protection.", ("MOBILIZE", "police")),
    ("Heavily armed escort parties waited for the buses.", ("MOBILIZE", "police")),
    ("The gates of the hostel were well guarded.", ("MOBILIZE", "police")),
    ("Police registered an offence against the driver.", ("ACCUSE", "investigate")),
    ("Yemen's rebels took full control of the northern districts.", ("COERCE", "seize")),
    ("The army drove the militants out of the valley.", ("COERCE", "seize")),
])
def test_police_procedure_and_shows_of_force(nlp, ontology, text, reading):
    assert reading in _readings(nlp, ontology, text)


@pytest.mark.parametrize("text", [
    "Hundreds held a candlelight vigil for the victims.",  # a protest, not surveillance
    "She booked a flight to Delhi.",
    "He posted a video on social media.",
    "He was posted to Delhi last year.",
    "The opposition questioned the decision.",
    "Protesters rushed the gate.",
    "The two leaders sealed the deal in Geneva.",
    "The workers stopped work at noon.",
    "He drove out of the city after dinner.",
    "The old warehouse caught fire on Sunday.",
    "She picked up the children from school.",
])
def test_the_same_words_in_other_senses_are_no_police_act(nlp, ontology, text):
    readings = _readings(nlp, ontology, text)
    assert not {r for r in readings if r[0] in ("MOBILIZE", "ACCUSE", "COERCE")}


def test_candlelight_vigil_stays_a_protest(nlp, ontology):
    assert ("PROTEST", "demo") in _readings(nlp, ontology, "Hundreds held a candlelight vigil for the victims.")


def _mention(type_, mode=None, source=(), attribution=None, modality="asserted", sentence="A sentence."):
    evidence = Evidence("d", 0, sentence, "x", 0, 1)
    return EventMention(id="em", type=type_, mode=mode, quad=4, evidence=evidence, source=list(source),
                        attribution=attribution, modality=modality)


@pytest.mark.parametrize("mention, labels", [
    (_mention("COERCE", "arrest"), {"ARREST", "ANY_ACTION"}),  # "were arrested": by the state
    # an arrest is a police act whoever the clause names: a court or a government orders it
    (_mention("COERCE", "arrest", [ActorRef("the state government", sector="GOV")]), {"ARREST", "ANY_ACTION"}),
    (_mention("COERCE", "curfew"), set()),  # a curfew told without a doer: the magistrate's order
    (_mention("COERCE", "curfew", [ActorRef("the police", sector="COP")]), {"ANY_ACTION"}),
    (_mention("COERCE", "seize", sentence="Two rifles and a detonator were recovered."), {"ANY_ACTION"}),
    (_mention("COERCE", "seize", sentence="He took over as commissioner in May."), set()),
    (_mention("MOBILIZE", "troops", [ActorRef("the army", sector="MIL")]), {"ANY_ACTION"}),
    (_mention("MOBILIZE", "police"), {"ANY_ACTION"}),  # "security has been tightened"
    # forces deployed act, whoever sends them ("the state sent two companies of reserve police")
    (_mention("MOBILIZE", "troops", [ActorRef("the state", sector="GOV")]), {"ANY_ACTION"}),
    (_mention("MOBILIZE", "weapons", [ActorRef("the state", sector="GOV")]), set()),
    (_mention("ACCUSE", "investigate", [ActorRef("the CID", sector="SPY")]), {"ANY_ACTION"}),
    (_mention("ACCUSE", "investigate"), {"ANY_ACTION"}),  # "a case has been registered"
    (_mention("ACCUSE", "allege", [ActorRef("the opposition", sector="OPP")]), set()),
    # an FIR and a booking are the police's records of a case
    (_mention("ACCUSE", "allege", sentence="They have been booked under sections 302 and 307."), {"ANY_ACTION"}),
    (_mention("ACCUSE", "allege", sentence="He alleged that the count was rigged."), set()),
    (_mention("ASSAULT", "beat", [ActorRef("a mob", sector="CVL")]), set()),
    (_mention("ASSAULT", "beat", [ActorRef("a mob", sector="CVL")], attribution=ActorRef("police", sector="COP")),
     {"ANY_ACTION"}),  # what the police report, they did: they told the press
    (_mention("ASSAULT", "crowd-control", [ActorRef("the police", sector="COP")]), {"FORCE", "ANY_ACTION"}),
    (_mention("ASSAULT", "crowd-control", sentence="Tear-gas shells were burst."), {"FORCE", "ANY_ACTION"}),
    (_mention("ASSAULT", "crowd-control", sentence="Two were killed."), set()),  # a restatement's borrowed mode
    (_mention("ASSAULT", "firearms"), set()),  # "a youth was shot at": by whom is not said
    (_mention("COERCE", "arrest", [ActorRef("the police", sector="COP")], modality="planned"), set()),
])
def test_police_questions(mention, labels):
    assert police_labels(mention) == labels


def test_a_police_station_named_as_the_place_is_no_agent(nlp, ontology):
    """'station' is also a verb trigger ("troops were stationed"); the compound stays a place."""
    events = run(nlp, ontology, "One person was stabbed in the market area of the Karanj police station.")
    stabbing = [e for e in events if e.evidence.trigger == "stabbed"][0]
    assert not stabbing.source


def test_modifiers_inside_a_multiword_verb(nlp, ontology):
    events = run(nlp, ontology, "Police opened indiscriminate fire on the crowd.")
    assert [e.evidence.trigger for e in events if e.type == "ASSAULT"] == ["opened indiscriminate fire"]
    events = run(nlp, ontology, "Police registered a murder case against the landlord.")
    assert ("ACCUSE", "investigate") in {(e.type, e.mode) for e in events}
