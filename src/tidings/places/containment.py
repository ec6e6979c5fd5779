"""Is one resolved place inside another? ("Sadr City" in "Baghdad", "Kramatorsk" in "Donetsk
region", "Bunagana" in "Congo".)

Other stages ask this to treat a district and its city, or a town and its region, as one venue
(event de-duplication, restatements) instead of two places apart. The answer uses only what a
`Place` carries: country, admin1 name, feature, population and coordinates. A town's extent is not
in the gazetteer, so a place lies inside a town when it is smaller, in the same country and admin1
region, and within the town's radius, which grows with its population (about 30 km for a city of
five million, 5 km for a small town).
"""

from __future__ import annotations

import math

from tidings.model import Place
from tidings.places.resolve import haversine_km

#: A town of CITY_RADIUS_POPULATION people reaches CITY_RADIUS_KM from its point; the radius grows
#: with the square root of the population (area grows with it), never below MIN_CITY_RADIUS_KM.
CITY_RADIUS_KM = 3.0
CITY_RADIUS_POPULATION = 50_000
MIN_CITY_RADIUS_KM = 5.0
MAX_CITY_RADIUS_KM = 40.0
#: A US county: places within this distance of its point and in its state.
COUNTY_RADIUS_KM = 40.0
_TOWNS = ("city", "locality")


def city_radius_km(population: int | None) -> float:
    """How far from its point a town of `population` people reaches, roughly."""
    scaled = CITY_RADIUS_KM * math.sqrt(max(population or 0, 1) / CITY_RADIUS_POPULATION)
    return min(MAX_CITY_RADIUS_KM, max(MIN_CITY_RADIUS_KM, scaled))


def contains(outer: Place, inner: Place) -> bool:
    """Whether `inner` lies inside `outer` (a place contains itself).

    A country contains every place of that country; an admin1 region the places whose admin1 it
    is; a county the places of its state near its point; a town the smaller places of its region
    within `city_radius_km`. A place the gazetteer lacks (feature "locality", placed at a guess)
    is inside its country, and inside the admin1 region it was put in (see `unlisted_place`).
    """
    if outer.id == inner.id:
        return True
    if not outer.country or outer.country != inner.country:
        return False
    if outer.feature == "country":
        return True
    if outer.feature == "admin1" and inner.feature == "locality":
        return inner.admin1 is not None and inner.admin1 == outer.name  # put in the region the text names
    if inner.feature == "country" or inner.feature == "locality" or outer.feature == "locality":
        return False
    if outer.feature == "admin1":
        return inner.feature != "admin1" and inner.admin1 is not None and inner.admin1 == outer.name
    if not _located(outer) or not _located(inner):
        return False
    distance = haversine_km(outer.lat, outer.lon, inner.lat, inner.lon)
    if outer.feature == "admin2":
        return inner.feature in _TOWNS and inner.admin1 == outer.admin1 and distance <= COUNTY_RADIUS_KM
    if outer.feature == "city" and inner.feature == "city":
        if outer.admin1 is not None and inner.admin1 is not None and outer.admin1 != inner.admin1:
            return False
        if (inner.population or 0) >= (outer.population or 0):
            return False  # a district is smaller than its city
        return distance <= city_radius_km(outer.population)
    return False


def _located(place: Place) -> bool:
    return place.lat is not None and place.lon is not None
