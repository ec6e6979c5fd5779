"""Issue 12: an event's venue (events/venue.py) and its split over conjoined venues (spread.py),
end to end over places, actors and events, on sentences we wrote."""

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


def _of(found, trigger: str):
    hits = [e for e in found if e.evidence.trigger == trigger]
    assert hits, [(e.type, e.evidence.trigger) for e in found]
    return hits


def test_issue12_a_place_in_another_acts_clause_is_not_the_venue(events):
    found = events("Biden announces new sanctions as Russia attacks Ukraine.")
    (attack,) = _of(found, "attacks")
    assert attack.location is not None and attack.location.country == "UKR"
    for sanction in _of(found, "sanctions"):
        assert sanction.location is None or sanction.location.country != "UKR"


def test_issue12_the_seized_town_is_the_venue_not_where_the_rebels_are_from(events):
    found = events("Rebels in the Democratic Republic of Congo seized the town of Bunagana on Monday.")
    assert {e.location.text for e in _of(found, "seized")} == {"Bunagana"}


def test_issue12_an_outlet_named_after_a_town_is_never_the_venue(events):
    found = events("Thousands of protesters marched in Bangkok on Wednesday. "
                   "Police arrested three protest leaders on Thursday, the Pattaya Mail reported.")
    for arrest in _of(found, "arrested"):
        assert arrest.location is not None and arrest.location.text == "Bangkok"


def test_issue12_the_dateline_is_not_the_documents_place(events):
    found = events("NIAMEY, Niger (AP) — Gunmen killed at least 100 civilians in Burkina Faso on Friday. "
                   "The local market and several homes were also burned down.")
    for burning in _of(found, "burned"):
        assert burning.location is not None and burning.location.country == "BFA"


def test_issue12_an_event_is_split_over_its_conjoined_venues(events):
    found = events("Armed men seized police stations in Sloviansk and Kramatorsk on Saturday.")
    assert {e.location.text for e in _of(found, "seized")} == {"Sloviansk", "Kramatorsk"}


def test_issue12_a_town_and_the_region_it_lies_in_are_one_venue(events):
    found = events("Armed men seized police stations in Sloviansk and the Donetsk region on Saturday.")
    assert len(_of(found, "seized")) == 1


def test_places_offered_as_alternatives_are_not_each_a_venue(events):
    found = events("Clashes were reported in Lyon, Nantes or Rennes on Thursday.")
    assert len([e for e in found if e.type == "ASSAULT"]) <= 1
