"""Event words the sentence does not report as occurrences (sentences written for these tests)."""

import pytest

from tidings.events import Ontology

from ._build import run


@pytest.fixture(scope="module")
def ontology():
    return Ontology.load()


def _types(nlp, ontology, text):
    return [(e.type, e.evidence.trigger) for e in run(nlp, ontology, text)]


def test_agreed_content_is_not_a_second_event(nlp, ontology):
    found = _types(nlp, ontology, "The two factions agreed on Friday to free 40 hostages held in the north.")
    assert ("AGREE", "agreed") in found
    assert not [t for t, _ in found if t == "RETREAT"]


def test_threatened_act_is_not_coded(nlp, ontology):
    found = _types(nlp, ontology, "The governor warned that protest leaders would be arrested.")
    assert not [t for t, _ in found if t == "COERCE"]


def test_condition_is_not_coded(nlp, ontology):
    found = _types(nlp, ontology, "The mayor said the market would close if rebels attacked the town again.")
    assert not [t for t, _ in found if t == "ASSAULT"]


def test_denial_of_accusation_is_not_a_rejection(nlp, ontology):
    assert not [t for t, _ in _types(nlp, ontology, "The army denied any involvement.") if t == "REJECT"]
    found = _types(nlp, ontology, "The army denied that its soldiers had shot the two farmers.")
    assert "REJECT" not in [t for t, _ in found]
    assert "ASSAULT" in [t for t, _ in found]


def test_real_rejection_stays(nlp, ontology):
    found = _types(nlp, ontology, "The union rejected the government's pay offer on Tuesday.")
    assert ("REJECT", "rejected") in found


def test_protest_demand_is_not_a_request(nlp, ontology):
    found = _types(nlp, ontology, "Farmers blocked the highway near Lyon on Monday, demanding lower fuel taxes.")
    assert "REQUEST" not in [t for t, _ in found]


def test_habitual_statement_is_not_an_event(nlp, ontology):
    found = _types(nlp, ontology, "Bandits in the hills often kidnap travellers for ransom.")
    assert "ASSAULT" not in [t for t, _ in found]


def test_definite_noun_referring_back_is_not_a_new_event(nlp, ontology):
    text = ("Gunmen attacked a police post in Kidal on Sunday.\n"
            "Residents said the market had been busy at the time of the attack.")
    events = run(nlp, ontology, text)
    assert [e.evidence.sentence_index for e in events if e.type == "ASSAULT"] == [0]


def test_definite_noun_in_a_first_report_stays(nlp, ontology):
    events = run(nlp, ontology, "Residents said the market had been busy at the time of the attack.")
    assert "ASSAULT" in [e.type for e in events]


def test_missile_launch_without_target_is_mobilize(nlp, ontology):
    events = run(nlp, ontology, "The navy fired a ballistic missile into the sea off the coast on Tuesday.")
    assert [(e.type, e.mode) for e in events if e.evidence.trigger == "fired"] == [("MOBILIZE", "weapons")]


def test_calling_off_protests_is_a_concession(nlp, ontology):
    events = run(nlp, ontology, "The union called off the strikes planned for next week.")
    assert [e.type for e in events] == ["CONCEDE"]


def test_dropping_a_complaint_is_a_concession(nlp, ontology):
    events = run(nlp, ontology, "Chile said it would withdraw its complaint against Peru at the tribunal.")
    assert "CONCEDE" in [e.type for e in events] and "RETREAT" not in [e.type for e in events]


def test_issue15_a_chain_of_thousands_of_event_words_does_not_recurse(nlp):
    """'riot riot riot ...' parses as a chain of event words each under the next: `_framed` used to
    recurse once per link and hit RecursionError; it walks the chain iteratively."""
    import sys

    from spacy.tokens import Doc

    from tidings.events.embedding import _framed

    length = sys.getrecursionlimit() + 500
    heads = [i + 1 for i in range(length - 1)] + [length - 1]
    doc = Doc(nlp.vocab, words=["riot"] * length, heads=heads, deps=["dobj"] * (length - 1) + ["ROOT"])
    framing = {i: "PROTEST" for i in range(length)}
    assert _framed(doc[0], framing) is False
    framing[length - 1] = "REQUEST"  # the top of the chain frames all of it
    assert _framed(doc[0], framing) is True


def test_issue15_riot_repeated_1500_times_is_analysed(nlp, ontology):
    run(nlp, ontology, "riot " * 1500)  # RecursionError before


@pytest.mark.parametrize("text", [
    "The 1992 riots left hundreds dead in the city.",
    "Troops took the town that was the scene of a deadly 2017 chemical weapons attack.",
])
def test_an_act_named_by_its_year_is_background(nlp, ontology, text):
    found = _types(nlp, ontology, text)
    assert not [t for t, trigger in found if t in ("ASSAULT", "PROTEST")]


def test_an_act_dated_in_its_clause_stays(nlp, ontology):
    found = _types(nlp, ontology, "Rebels attacked the town in March 2018, killing five.")
    assert [t for t, _ in found if t == "ASSAULT"]
