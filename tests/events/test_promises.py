"""Issue 11: announced future acts are commitments (PLOVER): promised meetings and aid are AGREE,
announced coercion is THREATEN; the threat or promise is asserted, the deed planned."""

import pytest

from tidings.events import Ontology

from ._build import run


@pytest.fixture(scope="module")
def ontology():
    return Ontology.load()


def by_type(events):
    return {e.type: e for e in events}


def test_a_promised_meeting_is_an_agreement(nlp, ontology):
    events = by_type(run(nlp, ontology, "The two foreign ministers will meet in Doha next week, the ministry said."))
    assert events["CONSULT"].modality == "planned"
    assert events["AGREE"].modality == "asserted"


def test_announced_arrests_are_a_threat(nlp, ontology):
    events = by_type(run(nlp, ontology, "The interior minister said police will arrest the organisers."))
    assert events["THREATEN"].mode == "arrest" and events["THREATEN"].modality == "asserted"


def test_a_promised_retaliation_is_a_threat(nlp, ontology):
    events = by_type(run(nlp, ontology, "The army said it would retaliate if the shelling went on."))
    assert events["THREATEN"].mode == "violence" and events["THREATEN"].modality == "asserted"


def test_acts_that_happened_imply_no_commitment(nlp, ontology):
    types = {e.type for e in run(nlp, ontology, "The two foreign ministers met in Doha on Monday.")}
    assert "CONSULT" in types and "AGREE" not in types


def test_an_announced_sanction_is_the_decision_not_a_threat(nlp, ontology):
    events = by_type(run(nlp, ontology, "The foreign ministry said on Monday it would recall its ambassador."))
    assert events["SANCTION"].modality == "planned"
    assert "THREATEN" not in events
