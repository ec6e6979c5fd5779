"""Issue 12: where a verbal act, a mobilisation and an act on a named place happened
(events/venue.py), end to end over places, actors and events, on sentences we wrote."""

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


def test_a_criticism_of_another_country_happens_where_its_speaker_is(events):
    found = events("The Spanish foreign minister on Tuesday condemned the actions of the military rulers "
                   "in Niger. Spain said it would review its aid.")
    for accusation in _of(found, "ACCUSE"):
        assert accusation.location is not None and accusation.location.country == "ESP"


def test_a_statement_made_in_a_named_town_keeps_that_town(events):
    found = events("Speaking in Geneva on Monday, Kenya condemned the attacks on aid workers in Sudan.")
    for accusation in _of(found, "ACCUSE"):
        assert accusation.location is not None and accusation.location.country in ("CHE", "KEN")


def test_a_condemnation_of_a_neighbour_is_coded_in_the_condemning_country(events):
    found = events("Ethiopia on Friday condemned neighbouring Eritrea for backing the rebels.")
    assert {e.location.country for e in _of(found, "ACCUSE")} == {"ETH"}


def test_a_missile_fired_over_an_island_falls_on_that_island(events):
    found = events("North Korea fired a ballistic missile over the island of Hokkaido on Friday.")
    assert {e.location.text for e in _of(found, "MOBILIZE")} == {"Hokkaido"}


def test_a_deployment_without_a_place_is_at_home(events):
    found = events("South Korea deployed additional warships after North Korea threatened Seoul.")
    for deployment in _of(found, "MOBILIZE"):
        assert deployment.location is not None and deployment.location.country == "KOR"


def test_an_attack_on_camps_in_a_town_in_a_country_is_in_the_town(events):
    found = events("Fighter jets attacked militant camps in Balakote in Pakistan on Tuesday.")
    assert {e.location.text for e in _of(found, "ASSAULT")} == {"Balakote"}
    assert all(e.location.country == "PAK" for e in _of(found, "ASSAULT"))


def test_a_district_named_after_its_town_is_the_venue_not_the_region_after_it(events):
    found = events("Twelve soldiers were killed in an ambush in Pulwama district of Jammu and Kashmir.")
    assert {e.location.text for e in _of(found, "ASSAULT")} == {"Pulwama district"}


def test_a_place_in_the_acts_background_is_not_its_venue(events):
    found = events("Kenya on Friday suspended trade talks with Somalia in the aftermath of the bombing of "
                   "a market in Mogadishu.")
    for event in found:
        if event.evidence.trigger == "suspended":
            assert event.location is None or event.location.text != "Mogadishu"


def test_a_locative_on_a_party_of_the_object_is_where_the_act_fell(events):
    found = events("Jets attacked the bases of the militia in Kidal in Mali on Sunday.")
    assert {e.location.text for e in _of(found, "ASSAULT")} == {"Kidal"}


def test_the_main_place_is_the_countrys_town_over_the_countrys_name():
    from tidings.events.venue import main_place
    from tidings.model import Mention, Place

    country = Place(id="country:BFA", name="Burkina Faso", lat=12.0, lon=-1.7, country="BFA", feature="country",
                    geo_precision=4)
    village = Place(id="unlisted:solhan", name="Solhan", lat=None, lon=None, country="BFA", feature="locality")
    places = [Mention("place", "Burkina Faso", 0, 12, 0, place=country),
              Mention("place", "Solhan", 40, 46, 1, place=village),
              Mention("place", "Burkina Faso", 90, 102, 2, place=country)]
    assert main_place(places).text == "Solhan"


def test_an_unnamed_town_in_a_region_is_the_town_the_article_names(events):
    found = events("Rebels captured a key town in eastern Ukraine on Monday. "
                   "The fighting around Kramatorsk went on all night, residents of Kramatorsk said.")
    capture = [e for e in found if e.evidence.trigger == "captured"]
    assert capture and capture[0].location is not None and capture[0].location.name == "Kramatorsk"
    assert capture[0].location.reason == "anaphor"
    region = events("Rebels captured large areas of eastern Ukraine on Monday. Residents of Kramatorsk fled.")
    assert all(e.location is None or e.location.name != "Kramatorsk" for e in region if e.evidence.trigger == "captured")


def test_a_named_person_freed_or_abducted_with_no_office_is_a_civilian(events):
    found = events("Iran released Siamak Namazi and Morad Tahbaz on Monday. Gunmen abducted John Smith near Kramatorsk.")
    targets = [a for e in found if e.type in ("RETREAT", "ASSAULT") for a in e.target]
    assert targets and all(a.sector == "CVL" for a in targets)
    minister = events("Gunmen abducted the deputy minister Olga Petrenko near Kramatorsk.")
    assert all(a.sector != "CVL" for e in minister if e.type == "ASSAULT" for a in e.target)
