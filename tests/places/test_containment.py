"""Issue 12: `tidings.places.contains(outer, inner)`, the "is A inside B?" other stages ask."""

from __future__ import annotations

from tidings.model import Place
from tidings.places import contains


def _first(gazetteer, name: str, country: str) -> Place:
    return next(p for p in gazetteer.lookup(name) if p.country == country)


def test_issue12_a_district_lies_inside_its_city(gazetteer):
    baghdad, sadr_city = _first(gazetteer, "Baghdad", "IRQ"), _first(gazetteer, "Sadr City", "IRQ")
    assert contains(baghdad, sadr_city)
    assert not contains(sadr_city, baghdad)  # the city is not inside its district


def test_issue12_two_towns_of_a_region_are_apart(gazetteer):
    kramatorsk, sloviansk = _first(gazetteer, "Kramatorsk", "UKR"), _first(gazetteer, "Sloviansk", "UKR")
    assert not contains(kramatorsk, sloviansk) and not contains(sloviansk, kramatorsk)


def test_issue12_towns_lie_inside_their_country_and_admin1_region(gazetteer):
    kramatorsk = _first(gazetteer, "Kramatorsk", "UKR")
    ukraine = gazetteer.lookup("Ukraine")[0]
    region = next(p for p in gazetteer.lookup("Donetsk Oblast") if p.feature == "admin1")
    assert contains(ukraine, kramatorsk) and contains(region, kramatorsk)
    assert not contains(gazetteer.lookup("Russia")[0], kramatorsk)
    assert contains(ukraine, ukraine)


def test_issue12_a_place_the_gazetteer_lacks_is_only_inside_its_country(gazetteer):
    congo = next(p for p in gazetteer.lookup("Democratic Republic of the Congo") if p.feature == "country")
    goma = _first(gazetteer, "Goma", "COD")
    village = Place(id="unlisted:COD:x", name="Kivuvu", lat=goma.lat, lon=goma.lon, country="COD",
                    feature="locality", geo_precision=2)
    assert contains(congo, village) and not contains(goma, village)
