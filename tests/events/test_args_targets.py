"""Issue 12: targets the sentence gives indirectly: the named author of a condemned attack, the
antecedent of an object pronoun, the addressee of a demand, the holders of ground taken; on
sentences we wrote."""

from __future__ import annotations

import pytest

from tidings.actors import ActorDictionary, find_actors
from tidings.events import extract_events
from tidings.events.ontology import Ontology
from tidings.model import Document
from tidings.places import find_places


@pytest.fixture(scope="module")
def events(nlp, gazetteer):
    dictionary, ontology = ActorDictionary.load(), Ontology.load()

    def run(text: str):
        doc = nlp(text)
        document = Document(id="d1", text=text, clean_text=text, published="2023-05-10", outlet="test", url="u")
        places = find_places(doc, gazetteer)
        actors = find_actors(doc, places, dictionary, "2023-05-10")
        return extract_events(doc, document, [*places, *actors], ontology)
    return run


def _of(found, event_type: str):
    hits = [e for e in found if e.type == event_type]
    assert hits, [(e.type, e.evidence.trigger) for e in found]
    return hits


def test_a_condemned_attack_stands_for_the_author_the_phrase_names(events):
    found = events("Armenia on Monday condemned the drone strike by the Azerbaijani army on its border villages.")
    (accusation,) = _of(found, "ACCUSE")
    assert any(t.country == "AZE" for t in accusation.target)


def test_a_condemned_attack_without_an_author_gives_no_target(events):
    found = events("Armenia on Monday condemned the strike on its border villages.")
    for accusation in _of(found, "ACCUSE"):
        assert not any(t.country == "ARM" and (t.text or "").endswith("strike") for t in accusation.target)


def test_an_object_pronoun_is_not_its_verbs_subject(events):
    found = events("Hundreds of students gathered outside the parliament in Nairobi. "
                   "Riot police then fired tear gas at them.")
    for assault in _of(found, "ASSAULT"):
        assert all(t.sector != "COP" for t in assault.target)


def test_a_demand_without_an_addressee_is_made_of_the_government(events):
    found = events("Opposition leaders in Uganda on Sunday called for fresh elections.")
    for request in _of(found, "REQUEST"):
        assert any(t.sector == "GOV" and t.country == "UGA" for t in request.target)


def test_ground_taken_by_force_is_taken_from_the_military(events):
    found = events("Islamist fighters seized the town of Mocimboa da Praia in Mozambique on Wednesday.")
    for seizure in _of(found, "COERCE"):
        assert any(t.sector == "MIL" and t.country == "MOZ" for t in seizure.target)


def test_a_thing_withdrawn_names_its_recipient_as_target(events):
    found = events("Japan on Monday withdrew its preferential trade status to South Korea.")
    for event in found:
        if event.evidence.trigger == "withdrew":
            assert any(t.country == "KOR" for t in event.target)
