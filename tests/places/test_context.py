"""Resolution context added in the second round: US counties, region points, towns next to counties."""

from __future__ import annotations

from tidings.places import find_places
from tidings.places.detect import Toponym
from tidings.places.resolve import haversine_km, resolve_toponyms


def places(nlp, gazetteer, text):
    return {m.text: m for m in find_places(nlp(text), gazetteer)}


def spans(text, *names):
    """Toponyms at the first occurrence of each name, as the gold-span scorer builds them."""
    out = []
    for name in names:
        start = text.index(name)
        out.append(Toponym(start, start + len(name), name, 0, "test", 0, 0))
    return out


def test_a_county_has_its_own_point_not_its_state_middle(gazetteer):
    walker = next(p for p in gazetteer.lookup("Walker County") if p.admin1 == "Texas")
    # Walker County, Texas lies around Huntsville (30.7 N, 95.6 W), far from the middle of Texas.
    assert haversine_km(walker.lat, walker.lon, 30.72, -95.55) < 40
    assert walker.feature == "admin2" and walker.geo_precision == 3


def test_town_and_county_pull_each_other(gazetteer):
    text = "The school board in Paris voted on Monday; Henry County deputies closed the road."
    paris, henry = resolve_toponyms(spans(text, "Paris", "Henry County"), gazetteer)
    assert (paris.country, paris.admin1) == ("USA", "Tennessee")
    assert henry.admin1 == "Tennessee"


def test_county_context_places_huntsville_in_texas(nlp, gazetteer):
    text = "Inmates were moved from Huntsville on Friday, the Walker County sheriff said."
    found = places(nlp, gazetteer, text)
    assert found["Huntsville"].place.admin1 == "Texas"


def test_bare_county_name_falls_back_to_the_county(gazetteer):
    text = "Flooding closed two roads in Pointe Coupee overnight."
    (place,) = resolve_toponyms(spans(text, "Pointe Coupee"), gazetteer)
    assert place.id.startswith("admin2:US.") and place.admin1 == "Louisiana"


def test_a_province_sits_at_its_centre(gazetteer):
    ontario = gazetteer.lookup("Ontario")[0]
    assert ontario.id == "admin1:CA.08"
    assert haversine_km(ontario.lat, ontario.lon, 49.25, -84.5) < 50


def test_breakaway_regions_are_in_the_gazetteer(gazetteer):
    ossetia = gazetteer.lookup("South Ossetia")[0]
    assert ossetia.country == "GEO" and ossetia.geo_precision == 3
    assert gazetteer.lookup("Darfur")[0].country == "SDN"
    assert gazetteer.lookup("European Union")[0].id == "region:european-union"


def test_a_state_name_is_the_state_not_a_town_listing_it_as_an_alias(gazetteer):
    text = "Snow closed schools across Minnesota on Tuesday."
    (place,) = resolve_toponyms(spans(text, "Minnesota"), gazetteer)
    assert place.feature == "admin1" and place.admin1 == "Minnesota"


def test_home_region_of_the_document_lifts_an_ambiguous_town(gazetteer):
    text = ("Lubbock police said the driver was heading to Amarillo. He had moved from Paris "
            "last year, a neighbour in Midland said.")
    places = resolve_toponyms(spans(text, "Lubbock", "Amarillo", "Paris", "Midland"), gazetteer)
    assert places[2].country == "USA" and places[2].admin1 == "Texas"


def test_city_alias_from_our_lexicon(gazetteer):
    assert gazetteer.lookup("L.A.")[0].name == "Los Angeles"
