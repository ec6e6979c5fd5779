"""End-to-end on the two founding articles (read from ../shared at run time; skipped when absent)."""

import json

import pytest

from tidings.events import Ontology, extract_events
from tidings.model import Document


@pytest.fixture(scope="module")
def seed_events(shared_dir, nlp):
    from tidings.actors import ActorDictionary, find_actors
    from tidings.clean import clean_document
    from tidings.places import Gazetteer, find_places
    from tidings.times import find_times

    gazetteer, dictionary, ontology = Gazetteer.load(), ActorDictionary.load(), Ontology.load()
    out = {}
    for path in sorted((shared_dir / "seeds-with-metadata").glob("*.txt")):
        meta = json.loads(path.with_suffix(".meta.json").read_text(encoding="utf-8"))
        document = clean_document(Document(id=path.stem[:3], text=path.read_text(encoding="utf-8"),
                                           published=meta["published"], url=meta["url"], outlet=meta["outlet"]))
        doc = nlp(document.clean_text)
        places = find_places(doc, gazetteer)
        mentions = places + find_times(doc, document.published) + find_actors(doc, places, dictionary, document.published)
        out[path.stem[:3]] = extract_events(doc, document, mentions, ontology)
    return out


def _where(event):
    return event.location.name if event.location else None


def test_seize_of_armoured_vehicles_in_kramatorsk(seed_events):
    assert any(e.type == "COERCE" and e.mode == "seize" and "six armored vehicles" in e.evidence.sentence
               and _where(e) == "Kramatorsk" for e in seed_events["000"])


def test_yatsenyuk_accuses_russia(seed_events):
    assert any(e.type == "ACCUSE" and "Yatsenyuk" in e.source[0].text and e.target[0].country == "RUS"
               for e in seed_events["000"] if e.source and e.target)


def test_russia_denial(seed_events):
    assert any((e.type == "REJECT" or e.modality == "denied") and "Russia denies" in e.evidence.sentence
               for e in seed_events["000"])


def test_assault_in_sloviansk_with_dead(seed_events):
    assert any(e.type == "ASSAULT" and (e.size.dead or 0) >= 1 and _where(e) in ("Slovyansk", "Sloviansk")
               for e in seed_events["001"])


def test_saturday_building_takeovers(seed_events):
    takeovers = [e for e in seed_events["001"] if e.type == "COERCE" and e.mode == "seize" and e.date == "2014-04-12"]
    assert any("Druzhkovka" in e.evidence.sentence for e in takeovers)


def test_planned_consult_in_geneva(seed_events):
    assert any(e.type == "CONSULT" and e.modality == "planned" and _where(e) == "Geneva" for e in seed_events["000"])


def test_nato_mobilize_planned(seed_events):
    assert any(e.type == "MOBILIZE" and e.modality == "planned" for e in seed_events["000"])


def test_no_event_from_watch_line(seed_events):
    assert not any(e.evidence.sentence.startswith("WATCH:") for events in seed_events.values() for e in events)
