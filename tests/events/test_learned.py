"""Issue 11: the learned classifier decides modality where it is confident; commitments stay asserted."""

import pytest

from tidings.events import Ontology
from tidings.events.classifier import EventClassifier
from tidings.events.extract import extract_events
from tidings.model import Document

from ._build import mentions_for


@pytest.fixture(scope="module")
def ontology():
    return Ontology.load()


@pytest.fixture(scope="module")
def classifier():
    return EventClassifier.load()


def events_of(nlp, ontology, classifier, text):
    doc = nlp(text)
    document = Document(id="d1", text=text, clean_text=text, published="2014-04-16", outlet="test", url="u")
    return extract_events(doc, document, mentions_for(doc), ontology, classifier)


def test_reported_and_hedged_acts_with_the_classifier(nlp, ontology, classifier):
    arrest = [e for e in events_of(nlp, ontology, classifier, "Police said five men were arrested in Lagos.")
              if e.type == "COERCE"]
    assert arrest and arrest[0].modality == "asserted"
    shelling = [e for e in events_of(nlp, ontology, classifier, "Soldiers reportedly shelled the village.")
                if e.type == "ASSAULT"]
    assert shelling and shelling[0].modality == "unconfirmed"


def test_a_promise_stays_asserted(nlp, ontology, classifier):
    events = events_of(nlp, ontology, classifier, "The two foreign ministers will meet in Doha next week, the ministry said.")
    assert {e.modality for e in events if e.type == "AGREE"} == {"asserted"}
