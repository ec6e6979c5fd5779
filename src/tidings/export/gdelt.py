"""The GDELT 2.0 layout: `STAMP.export.CSV` (61 columns) and `STAMP.mentions.CSV` (16 columns).

As GDELT publishes them: tab-separated, no header row, no quoting, named after the batch time
(UTC, YYYYMMDDHHMMSS). Column order follows the GDELT Event Codebook V2.0 (2015-02-19); the names
are `EVENT_COLUMNS` / `MENTION_COLUMNS`. Text fields have tabs and line breaks replaced by spaces
and double quotes by single ones, so that every line splits into exactly 61 / 16 fields, by tab or
by a CSV reader. Actor codes are CAMEO-style (ISO3 country +
sector); geographic country codes are FIPS 10-4 as in GDELT; ADM1 codes are FIPS country + GeoNames
admin1 code (`_admin.admin1_code`); EventCode is the full CAMEO code where the mode maps to one
(export_cameo.yaml), else the root's general code ("180"); Goldstein scores are the root averages
of ontology.yaml. Fields we do not compute (tone, actor geography, ADM2) stay empty.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from tidings.events.ontology import Ontology
from tidings.export._admin import AdminArea, admin1_code, admin_areas, is_iso_based
from tidings.export._cameo import cameo_codes
from tidings.export._countries import Country, country_table
from tidings.export._flat import period_start
from tidings.export._report import Written
from tidings.export._safe import cell_text, neutralise, tsv_text
from tidings.model import ActorRef, Event, EventMention, Location

_ACTOR_FIELDS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                 "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
_GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

EVENT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{f}" for f in _ACTOR_FIELDS), *(f"Actor2{f}" for f in _ACTOR_FIELDS),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{f}" for f in _GEO_FIELDS), *(f"Actor2Geo_{f}" for f in _GEO_FIELDS),
    *(f"ActionGeo_{f}" for f in _GEO_FIELDS),
    "DATEADDED", "SOURCEURL",
)
MENTION_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset",
    "InRawText", "Confidence", "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
)
_NON_STATE = {"IGO", "UNO", "EUR", "NGO", "MNC", "IMG", "ISM"}


def global_event_id(event_id: str) -> int:
    """A stable integer for our string id (GDELT ids are integers)."""
    return int.from_bytes(hashlib.blake2b(event_id.encode(), digest_size=6).digest(), "big")


def _day(iso: str | None) -> str:
    """YYYYMMDD (a month- or year-precision date as its first day, as GDELT dates are days)."""
    day = period_start(iso)
    return day.strftime("%Y%m%d") if day else ""


def _fraction_date(iso: str) -> float | str:
    day = period_start(iso)
    return round(day.year + (day.month * 30 + day.day) / 365, 4) if day else ""


def _actor_fields(prefix: str, ref: ActorRef | None) -> dict[str, Any]:
    out = {f"{prefix}{f}": "" for f in _ACTOR_FIELDS}
    if ref is None:
        return out
    country = ref.country or ""
    out.update({
        f"{prefix}Code": f"{country}{ref.sector or ''}",
        f"{prefix}Name": (ref.name or ref.text).upper(),
        f"{prefix}CountryCode": "" if country in _NON_STATE else country,
        f"{prefix}KnownGroupCode": country if country in _NON_STATE else "",
        f"{prefix}Type1Code": ref.sector or "",
    })
    return out


def _geo_fields(prefix: str, loc: Location | None, countries: dict[str, Country],
                areas: dict[str, AdminArea] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {f"{prefix}{f}": "" for f in _GEO_FIELDS}
    out[f"{prefix}Type"] = 0
    if loc is None or loc.lat is None:
        return out
    country = countries.get(loc.country or "")
    fips = country.fips if country and country.fips else ""
    precision = loc.geo_precision or 1
    us = loc.country == "USA"
    geo_type = 1 if precision >= 4 else (2 if us else 5) if precision == 3 else (3 if us else 4)
    name_parts = [loc.name or loc.text] if precision < 4 else []
    name_parts += [p for p in (loc.admin1 if precision < 3 else None, country.name if country else None) if p]
    feature = loc.place_id.split(":", 1)[1] if loc.place_id and loc.place_id.startswith("geonames:") else fips
    out.update({
        f"{prefix}Type": geo_type, f"{prefix}FullName": ", ".join(name_parts),
        f"{prefix}CountryCode": fips,
        f"{prefix}ADM1Code": admin1_code(fips, (areas or {}).get(loc.place_id or "") if precision < 4 else None),
        f"{prefix}Lat": loc.lat,
        f"{prefix}Long": loc.lon, f"{prefix}FeatureID": feature,
    })
    return out


def _timestamp(iso: str | None) -> str:
    if _day(iso):
        return _day(iso) + "000000"
    return datetime.now(timezone.utc).strftime("%Y%m%d%H%M%S")


def gdelt_event_row(event: Event, ontology: Ontology, countries: dict[str, Country],
                    areas: dict[str, AdminArea] | None = None) -> dict[str, Any]:
    """One row of GDELT's event table."""
    code = cameo_codes().code(event.type, event.mode) if event.type in ontology.types else ""
    row: dict[str, Any] = {
        "GLOBALEVENTID": global_event_id(event.id), "SQLDATE": _day(event.date),
        "MonthYear": _day(event.date)[:6], "Year": _day(event.date)[:4],
        "FractionDate": _fraction_date(event.date) if event.date else "",
        **_actor_fields("Actor1", event.source[0] if event.source else None),
        **_actor_fields("Actor2", event.target[0] if event.target else None),
        "IsRootEvent": int(any(m.sentence_index == 0 for m in event.mentions)),
        "EventCode": code, "EventBaseCode": code[:3], "EventRootCode": code[:2], "QuadClass": event.quad,
        "GoldsteinScale": ontology.goldstein(code) if code else "",
        "NumMentions": event.num_mentions, "NumSources": event.num_sources,
        "NumArticles": event.num_documents, "AvgTone": "",
        **_geo_fields("Actor1Geo_", None, countries), **_geo_fields("Actor2Geo_", None, countries),
        **_geo_fields("ActionGeo_", event.location, countries, areas),
        "DATEADDED": _timestamp(event.first_reported),
        "SOURCEURL": next((m.url for m in event.mentions if m.url), ""),
    }
    return row


def _offset(sentence: str, sentence_start: int, ref: ActorRef | None) -> int:
    if ref is None or not ref.text:
        return -1
    found = sentence.find(ref.text)
    return sentence_start + found if found >= 0 else -1


def gdelt_mention_rows(event: Event, mentions: list[EventMention], doc_lengths: dict[str, int]) -> list[dict[str, Any]]:
    """Rows of GDELT's mentions table: one per event mention that reports the event."""
    rows = []
    for em in mentions:
        ev = em.evidence
        rows.append({
            "GLOBALEVENTID": global_event_id(event.id), "EventTimeDate": _timestamp(event.date),
            "MentionTimeDate": _timestamp(ev.published), "MentionType": 1,
            "MentionSourceName": ev.outlet or "", "MentionIdentifier": ev.url or ev.doc_id,
            "SentenceID": ev.sentence_index + 1,
            "Actor1CharOffset": _offset(ev.sentence, ev.sentence_start, em.source[0] if em.source else None),
            "Actor2CharOffset": _offset(ev.sentence, ev.sentence_start, em.target[0] if em.target else None),
            "ActionCharOffset": ev.start, "InRawText": 1, "Confidence": round(em.confidence * 100),
            "MentionDocLen": doc_lengths.get(ev.doc_id, ""), "MentionDocTone": "",
            "MentionDocTranslationInfo": "", "Extras": "",
        })
    return rows


def tsv_line(row: dict[str, Any], columns: tuple[str, ...], raw: bool = False) -> str:
    """One GDELT line: the columns' values on one line, tab-separated, unquoted; text without tabs,
    line breaks or double quotes (`tsv_text`), and (unless `raw`) neutralised against formulas."""
    cells = (tsv_text(row.get(c)) for c in columns)
    return "\t".join(cell_text(c if raw else neutralise(c)) for c in cells) + "\n"


def batch_stamp(now: datetime | None = None) -> str:
    """The UTC time GDELT names a batch by (YYYYMMDDHHMMSS)."""
    return (now or datetime.now(timezone.utc)).strftime("%Y%m%d%H%M%S")


def write_gdelt(events: list[Event], mentions: dict[str, list[EventMention]], doc_lengths: dict[str, int],
                out: Path, ontology: Ontology, raw: bool = False, stamp: str | None = None) -> Written:
    """Write `out/STAMP.export.CSV` and `out/STAMP.mentions.CSV` (`mentions` maps event id -> its
    mentions; `stamp` defaults to the current UTC time)."""
    out.mkdir(parents=True, exist_ok=True)
    countries = country_table()
    areas = admin_areas(e.location for e in events)
    stamp = stamp or batch_stamp()
    events_path, mentions_path = out / f"{stamp}.export.CSV", out / f"{stamp}.mentions.CSV"
    with open(events_path, "w", encoding="utf-8", newline="") as es, \
            open(mentions_path, "w", encoding="utf-8", newline="") as ms:
        for event in events:
            es.write(tsv_line(gdelt_event_row(event, ontology, countries, areas), EVENT_COLUMNS, raw))
            for row in gdelt_mention_rows(event, mentions.get(event.id, []), doc_lengths):
                ms.write(tsv_line(row, MENTION_COLUMNS, raw))
    undated = sum(1 for e in events if not e.date)
    notes = [f"{undated} of {len(events)} events have no date (SQLDATE, MonthYear, Year empty)"] if undated else []
    iso_based = sum(1 for e in events if e.location and (e.location.geo_precision or 1) < 4
                    and is_iso_based(areas.get(e.location.place_id or "")))
    if iso_based:
        notes.append(f"{iso_based} events have an ISO-based ActionGeo_ADM1Code (GeoNames uses ISO 3166-2 "
                     "codes for their country), not GDELT's FIPS 10-4")
    return Written([events_path, mentions_path], "gdelt", rows=len(events), notes=notes)
