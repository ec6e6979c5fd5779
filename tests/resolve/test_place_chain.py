"""A mention placed by its article's main place, not by its sentence, is placed only in its country."""

from tidings.model import Location
from tidings.resolve._compat import place_chain, places_compatible

KYIV_STATED = Location(text="Kyiv", place_id="geonames:703448", name="Kyiv", country="UKR", geo_precision=1,
                       reason="clause")
KHARKIV_ARTICLE = Location(text="Kharkiv", place_id="geonames:706483", name="Kharkiv", country="UKR",
                           geo_precision=1, reason="document")


def test_an_article_fallback_place_counts_as_its_country_only():
    assert place_chain(KHARKIV_ARTICLE) == ("ctry:UKR",)
    assert place_chain(KYIV_STATED)[0] == "geonames:703448"
    # a report that names Kyiv and one that only inherits its article's Kharkiv are not apart
    assert places_compatible(place_chain(KYIV_STATED), place_chain(KHARKIV_ARTICLE)) is not None
