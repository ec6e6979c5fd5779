"""Administrative areas of resolved places, from the gazetteer: the admin1 name and GeoNames admin1
code of a place, and its second level where the gazetteer knows one (US counties).

The layouts need what the event's `Location` does not carry (ACLED admin2, GDELT ADM1Code); the
place id (`geonames:ID`, `admin1:CC.code`, `admin2:US.FIPS`) leads back to the gazetteer record.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from tidings._data import read_yaml
from tidings.model import Location


@dataclass(frozen=True)
class AdminArea:
    """Where a place lies: admin1 name and key ("UA.05", GeoNames), admin2 name when known."""

    admin1: str | None = None
    admin1_key: str | None = None
    admin2: str | None = None


def admin_areas(locations: Iterable[Location | None]) -> dict[str, AdminArea]:
    """Place id -> AdminArea for the resolved places among `locations` (the gazetteer loads only
    when some location has a place id)."""
    wanted = {loc.place_id for loc in locations if loc is not None and loc.place_id}
    if not wanted:
        return {}
    from tidings.places import Gazetteer

    gazetteer = Gazetteer.load()
    found: dict[str, AdminArea] = {}
    for index in range(len(gazetteer)):
        place_id = gazetteer.field("ids", index)
        if place_id not in wanted:
            continue
        place = gazetteer.place(index)
        feature = gazetteer.field("feature", index)
        key = gazetteer.field("admin1_key", index) or None
        admin1 = place.name if feature == "admin1" else place.admin1
        admin2 = place.name if feature == "admin2" else None
        county = gazetteer.county_of(index) if feature == "city" else None
        if county is not None:
            admin2 = gazetteer.place(county).name
        found[place_id] = AdminArea(admin1=admin1, admin1_key=key, admin2=admin2)
        if len(found) == len(wanted):
            break
    return found


@lru_cache(maxsize=1)
def iso_admin1_countries() -> frozenset[str]:
    """ISO2 codes of the countries whose GeoNames admin1 codes are ISO-based (export_geo.yaml)."""
    return frozenset((read_yaml("export_geo.yaml") or {}).get("iso_admin1_countries") or ())


def is_iso_based(area: AdminArea | None) -> bool:
    """Whether the ADM1 code `admin1_code` gives for `area` is ISO-based rather than FIPS."""
    return bool(area and area.admin1_key and area.admin1_key.split(".", 1)[0] in iso_admin1_countries())


def admin1_code(fips_country: str | None, area: AdminArea | None) -> str:
    """GDELT-style ADM1 code: the FIPS 10-4 country code and the GeoNames admin1 code ("UP05").

    GeoNames admin1 codes are FIPS 10-4 codes for most countries, which is what GDELT uses; for the
    few where GeoNames uses ISO 3166-2 subdivision codes (US states, Belgium, Switzerland,
    Montenegro, the United Kingdom's nations...) the code is ISO-based, and for the US it equals
    GDELT's (USTX). Without an admin1 the country code alone, as GDELT writes for a country.
    """
    if not fips_country:
        return ""
    if area is None or not area.admin1_key or "." not in area.admin1_key:
        return fips_country
    return fips_country + area.admin1_key.split(".", 1)[1]
