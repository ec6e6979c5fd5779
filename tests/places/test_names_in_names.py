"""Issue 12: town names inside other names, places the gazetteer lacks, datelines and demonyms."""

from __future__ import annotations

from tidings.places import find_places, in_name
from tidings.places.find import find_demonyms


def _mentions(nlp, gazetteer, text):
    return {m.text: m for m in find_places(nlp(text), gazetteer)}


def test_issue12_a_small_namesake_inside_an_institution_name_abroad_is_no_place(nlp, gazetteer):
    found = _mentions(nlp, gazetteer, "Rioters stormed the Congress, Supreme Court and presidential palace in "
                                      "Brasilia on Sunday. A Supreme Court judge ordered the camps removed.")
    assert "Supreme" not in found and found["Brasilia"].place.country == "BRA"


def test_issue12_a_town_before_a_local_institution_stays_a_place_near_its_neighbours(nlp, gazetteer):
    found = _mentions(nlp, gazetteer, "Firefighters from Hartford and New Haven helped. The Canaan Board of "
                                      "Finance will meet on Tuesday in Torrington.")
    assert found["Canaan"].place.admin1 == found["Torrington"].place.admin1


def test_issue12_an_outlet_named_after_a_town_is_marked_as_a_name(nlp, gazetteer):
    mentions = find_places(nlp("Police dispersed a rally in Bangkok, the Pattaya Mail reported."), gazetteer)
    by_text = {m.text: m for m in mentions}
    assert not in_name(by_text["Bangkok"])
    assert "Pattaya" not in by_text or in_name(by_text["Pattaya"])


def test_issue12_a_town_the_gazetteer_lacks_is_placed_in_the_document_country(nlp, gazetteer):
    found = _mentions(nlp, gazetteer, "Rebels in Congo seized the town of Bunagana near Goma on Monday.")
    bunagana = found["Bunagana"].place
    assert bunagana.country == "COD" and bunagana.feature == "locality" and bunagana.geo_precision == 2


def test_issue12_a_foreign_small_namesake_becomes_the_documents_village(nlp, gazetteer):
    text = ("Gunmen killed 160 people in Solhan in Burkina Faso. Survivors fled to Sebba and Dori, "
            "officials in Burkina Faso said.")
    assert _mentions(nlp, gazetteer, text)["Solhan"].place.country == "BFA"


def test_issue12_demonyms_are_place_mentions_of_their_country(nlp, gazetteer):
    doc = nlp("Russian troops shelled the town while Sri Lankan officials watched in Kyiv.")
    found = {m.text: m.place.country for m in find_demonyms(doc, gazetteer, find_places(doc, gazetteer))}
    assert found == {"Russian": "RUS", "Sri Lankan": "LKA"}
