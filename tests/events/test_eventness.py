"""Issue 11: event words that report no act (labels, contents, names, truisms) and word senses
decided by the arguments; sentences written for these tests."""

import pytest

from tidings.events import Ontology

from ._build import run


@pytest.fixture(scope="module")
def ontology():
    return Ontology.load()


def kinds(nlp, ontology, text):
    return [(e.type, e.mode) for e in run(nlp, ontology, text)]


@pytest.mark.parametrize("text", [
    "The opposition called the arrests an attack on democracy.",  # a label
    "The foreign minister said the launch posed a serious threat to the region.",
    "Shopkeepers in the old town spoke of fears of clashes before the vote.",  # a state of mind
    "The governor said there were no plans of occupying the northern districts.",
    "Striking is a basic right of every worker.",  # a truism
    "The plan of the reformers has been met with scepticism in the capital.",  # not a meeting
    "The ministry released a communique on Tuesday.",  # releasing a text is no release
    "The mayor of Lagos addresses reporters in the city, March 3, 2024.",  # a month in a date
])
def test_words_that_report_no_act(nlp, ontology, text):
    assert not [k for k in kinds(nlp, ontology, text) if k[0] in ("ASSAULT", "THREATEN", "COERCE", "PROTEST",
                                                                  "CONSULT", "RETREAT")]


def test_a_protests_demand_is_not_a_request(nlp, ontology):
    found = kinds(nlp, ontology, "Rallies calling for the governor to resign spread to three cities on Sunday.")
    assert ("REQUEST", None) not in found and all(k[0] != "RETREAT" for k in found)


@pytest.mark.parametrize("text, expected", [
    ("North Korea fired a ballistic missile over Japan on Tuesday.", ("MOBILIZE", "weapons")),
    ("Iran tested two cruise missiles during naval drills.", ("MOBILIZE", "weapons")),
    ("The army launched three rockets into the sea off the coast.", ("MOBILIZE", "weapons")),
    ("Militants fired rockets at the army base near Kandahar.", ("ASSAULT", "heavy-weapons")),
])
def test_a_missile_with_no_target_is_mobilize(nlp, ontology, text, expected):
    assert expected in kinds(nlp, ontology, text)


def test_reports_stay_events(nlp, ontology):
    assert ("ASSAULT", "crowd-control") in kinds(nlp, ontology, "Police fired tear gas at students in Accra.")
    assert any(k[0] == "PROTEST" for k in kinds(nlp, ontology, "Thousands protested in Lima on Friday."))


@pytest.mark.parametrize("text", [
    '"The junta is the aggressor," the foreign minister said on Tuesday.',
    "The opposition leader said the count had been rigged in three provinces.",
    "The envoy described the shelling of the port as a war crime.",
])
def test_speech_that_accuses_is_an_accusation(nlp, ontology, text):
    assert any(k[0] == "ACCUSE" for k in kinds(nlp, ontology, text))


def test_an_act_told_by_an_official_is_that_act_not_an_accusation(nlp, ontology):
    told = kinds(nlp, ontology, 'The governor said that "bandits" killed eleven farmers near the river.')
    assert any(k[0] == "ASSAULT" for k in told)
    assert not any(k[0] == "ACCUSE" for k in told)
    beside = kinds(nlp, ontology, "The opposition said the ruling party rigged the vote and jailed its critics.")
    assert any(k[0] == "ACCUSE" for k in beside), "the rigging is no act coded here: still an accusation"


def test_plain_speech_is_no_accusation(nlp, ontology):
    assert not any(k[0] == "ACCUSE" for k in kinds(nlp, ontology, "The minister said the harvest had been good."))


def test_the_grounds_of_a_sanction_are_no_new_act(nlp, ontology):
    grounds = kinds(nlp, ontology, "The council imposed sanctions on two generals for their role in the killings of protesters.")
    assert [k[0] for k in grounds] == ["SANCTION"]
    told = kinds(nlp, ontology, "Soldiers killed four protesters in the square on Friday.")
    assert any(k[0] == "ASSAULT" for k in told)


def test_a_measure_something_is_under_is_a_state_not_an_act(nlp, ontology):
    assert kinds(nlp, ontology, "Exporters may not ship goods under European sanctions.") == []
    assert kinds(nlp, ontology, "The port city has remained under curfew since March.") == []
    placed = kinds(nlp, ontology, "Police placed the opposition leader under house arrest on Monday.")
    assert ("COERCE", "arrest") in placed
    assert any(k[0] == "ASSAULT" for k in kinds(nlp, ontology, "The convoy came under attack near the border."))
