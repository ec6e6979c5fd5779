"""Issue 12: a person's, organisation's or outlet's name never becomes a place; NER-cut names."""

from __future__ import annotations

from tidings.places import find_places


def _places(nlp, gazetteer, text):
    return {m.text: m.place for m in find_places(nlp(text), gazetteer)}


def test_issue12_surnames_of_named_people_are_not_towns(nlp, gazetteer):
    found = _places(nlp, gazetteer, "Imran Khan was taken into custody in Islamabad. Khan denied the charges. "
                                    "President Evo Morales left La Paz. Morales said he was safe.")
    assert "Khan" not in found and "Morales" not in found
    assert found["Islamabad"].country == "PAK"


def test_issue12_surname_outside_the_person_entity(nlp, gazetteer):
    found = _places(nlp, gazetteer, "Opposition leader Maria Corina Machado addressed supporters in Caracas.")
    assert "Machado" not in found and found["Caracas"].country == "VEN"


def test_issue12_ner_cut_name_is_lengthened(nlp, gazetteer):
    found = _places(nlp, gazetteer, "Dar es Salaam — Police arrested an opposition leader on Monday.")
    assert found.get("Dar es Salaam") is not None and found["Dar es Salaam"].country == "TZA"


def test_issue12_big_places_stay_places_beside_a_surname(nlp, gazetteer):
    found = _places(nlp, gazetteer, "Actor Denzel Washington spoke on Monday. Officials in Washington said talks ended.")
    assert found.get("Washington") is not None


def test_issue12_town_lists_the_tagger_calls_works_stay_places(nlp, gazetteer):
    found = _places(nlp, gazetteer, "In Solhan, a local official said residents were fleeing to the nearby "
                                    "towns of Sebba and Dori.")
    assert found.get("Sebba") is not None and found.get("Dori") is not None
