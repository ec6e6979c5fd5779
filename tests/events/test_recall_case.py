"""ACLED categories the CASE 2021 label reads from our events: shelling, mines, territory driven
back, arrests at protests, blows with batons (sentences written for these tests)."""

import pytest

from tidings.eval.events import case_label
from tidings.events import Ontology

from ._build import run


@pytest.fixture(scope="module")
def ontology():
    return Ontology.load()


def _label(nlp, ontology, text):
    return case_label(run(nlp, ontology, text, published=None), ontology)


@pytest.mark.parametrize("text, label", [
    # one side shelling the other's positions is remote violence, not a battle
    ("The army fired 40 artillery and mortar shells at rebel positions overnight.", "ART_MISS_ATTACK"),
    ("The rebels fired a missile at the army's base near the airport.", "ART_MISS_ATTACK"),
    # mines and IEDs said in the sentence make the killing a remote explosion
    ("Four soldiers were killed when their truck drove over a land mine.", "REM_EXPLOS"),
    ("Two soldiers were killed in a landmine attack by rebels on Saturday.", "REM_EXPLOS"),
    # armed men driven out of or back from a place: the ground changes hands
    ("The army drove the militants out of three villages in the valley.", "GOV_REGAINS_TERIT"),
    ("Army units drove back the insurgents from a key hill.", "GOV_REGAINS_TERIT"),
    ("Rebels took full control of the district after a week of fighting.", "NON_STATE_ACTOR_OVERTAKES_TER"),
    ("Militants gained control of the base after days of heavy fighting.", "NON_STATE_ACTOR_OVERTAKES_TER"),
    ("Rebel fighters retook the strategic town on Thursday.", "NON_STATE_ACTOR_OVERTAKES_TER"),
    ("Rebel militants had gained ground inside the north-western part of the city.", "NON_STATE_ACTOR_OVERTAKES_TER"),
    # activists arrested while they protest: a protest with intervention
    ("Several activists were detained by police while trying to hold a demonstration in the capital.",
     "PROTEST_WITH_INTER"),
    # a baton blow on a protester is excessive force
    ("A policeman hit a student with his baton during the demonstration.", "FORCE_AGAINST_PROTEST"),
    # what jets do they do from the air
    ("The warplanes destroyed the group's arms depot near the river.", "AIR_STRIKE"),
    ("Fighter jets fired missiles at a convoy on Saturday morning.", "AIR_STRIKE"),
    ("Soldiers destroyed a cache of weapons found in the forest.", "DISR_WEAP"),
    # shells that land were fired
    ("Several mortar rounds landed near the compound on Thursday, witnesses said.", "ART_MISS_ATTACK"),
    # a base established is a new headquarters; troops sent to posts that exist change the group's activity
    ("The rebels set up a new base in the hills above the town.", "HQ_ESTABLISHED"),
    ("The army sent reinforcements to its observation points in the province.", "CHANGE_TO_GROUP_ACT"),
    ("The government is moving troops to the desert region near the border.", "CHANGE_TO_GROUP_ACT"),
    ("The factions continue to fortify their positions close to the front line.", "CHANGE_TO_GROUP_ACT"),
    # ground handed over or entered unopposed changes hands without a fight
    ("A strip of territory was handed over by the rebels to government control under the deal.", "NON_VIOL_TERRIT_TRANSFER"),
    ("The fighters entered the town before dawn and met no resistance.", "NON_VIOL_TERRIT_TRANSFER"),
    ("The rebels handed over the prisoners to the Red Cross.", "AGREEMENT"),
    # a gathering broken up
    ("Police halted the May Day event in the square, dispersing the crowds.", "PROTEST_WITH_INTER"),
    # weapons named although the parse misses the found object
    ("After a farmer dug up his field, soldiers discovered a large amount of ammunition believed to belong to the rebels.",
     "DISR_WEAP"),
])
def test_acled_categories(nlp, ontology, text, label):
    assert _label(nlp, ontology, text) == label


@pytest.mark.parametrize("text", [
    "The earthquake hit the coastal towns at dawn.",
    "The opener hit a quick 80 before lunch.",
    "Police found the body of a man near the river.",
    "The plane landed safely at the capital's airport.",
    "He moved to London in May.",
    "The opposition party gained ground in the polls.",
])
def test_no_act_of_violence(nlp, ontology, text):
    assert _label(nlp, ontology, text) is None


def test_fighting_then_shelling_stays_a_battle(nlp, ontology):
    text = "Troops clashed with rebels for hours and fired mortar shells at their positions."
    assert _label(nlp, ontology, text) == "ARMED_CLASH"
