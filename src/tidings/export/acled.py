"""The ACLED layout: one CSV row per event, in ACLED's column order and vocabulary.

The PLOVER -> ACLED category comes from the ontology (`Ontology.acled_for`, data in ontology.yaml);
events whose type ACLED does not record (consultations, aid, accusations...) are left out.
"""

from __future__ import annotations

import csv
import logging
import time
from pathlib import Path
from typing import Any

from tidings.events.ontology import Ontology
from tidings.export._countries import Country, country_table
from tidings.export._flat import SEPARATOR, actor_label
from tidings.model import ActorRef, Event, EventMention, Evidence

log = logging.getLogger(__name__)

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)

_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3, "unknown": 3}
_STATE = {"MIL", "COP", "GOV", "SPY", "JUD", "LEG", "PRE"}
_EXTERNAL = {"IGO", "UNO", "EUR", "NGO", "MNC", "IMG", "ISM"}
_DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
             "Violence against civilians": "Political violence", "Protests": "Demonstrations",
             "Riots": "Demonstrations", "Strategic developments": "Strategic developments"}
_DISORDER_SUB = {"Mob violence": "Political violence; Demonstrations",
                 "Excessive force against protesters": "Political violence; Demonstrations"}


def inter_code(actor: ActorRef | None, event_type: str, role: str) -> int | None:
    """ACLED's actor-type code (1 state forces ... 8 external/other) from sector and event type."""
    if actor is None:
        return None
    if event_type == "Protests" and role == "source":
        return 6
    if event_type == "Riots" and role == "source":
        return 5
    sector, country = actor.sector or "", actor.country or ""
    if country in _EXTERNAL or sector in _EXTERNAL:
        return 8
    if sector in _STATE:
        return 1
    if sector == "REB":
        return 2
    if sector in ("PRM", "UAF"):  # ACLED codes unidentified armed groups as political militias
        return 3
    if sector == "CRM" or not sector or sector == "UNK":
        return 8
    return 7  # civilians, journalists, refugees, workers, clergy...


def mention_for_rules(event: Event) -> EventMention:
    """The event in the shape `Ontology.acled_for` reads (type, mode, actors, size, first evidence)."""
    evidence = event.mentions[0] if event.mentions else Evidence(event.id, 0, "", "", 0, 0)
    return EventMention(id=event.id, type=event.type, mode=event.mode, quad=event.quad, evidence=evidence,
                        contexts=event.contexts, source=event.source, target=event.target,
                        location=event.location, size=event.size, modality=event.modality)


def _notes(event: Event) -> str:
    first = event.mentions[0].sentence.strip() if event.mentions else ""
    parts = [first] if first else []
    parts.append(f"[{event.num_sources} source(s), {event.num_mentions} mention(s)]")
    if event.modality != "asserted":
        parts.append(f"[{event.modality}]")
    for field in event.disputed:
        parts.append(f"[disputed {field}: {', '.join(map(str, event.values.get(field, [])))}]")
    return " ".join(parts)


def acled_row(event: Event, category: tuple[str, str], countries: dict[str, Country],
              timestamp: int) -> dict[str, Any]:
    """One ACLED row for an event already mapped to (event_type, sub_event_type)."""
    event_type, sub_type = category
    loc = event.location
    country = countries.get((loc.country or "") if loc else "")
    actor1 = event.source[0] if event.source else None
    actor2 = event.target[0] if event.target else None
    inter1 = inter_code(actor1, event_type, "source")
    inter2 = inter_code(actor2, event_type, "target")
    interaction = int("".join(map(str, sorted(c for c in (inter1, inter2) if c)))) if inter1 or inter2 else None
    civilian = "Civilian targeting" if inter2 == 7 and event_type in (
        "Violence against civilians", "Explosions/Remote violence", "Riots") else ""
    outlets = sorted({m.outlet for m in event.mentions if m.outlet})
    suffix = event.id.removeprefix("ev_")
    return {
        "event_id_cnty": f"{country.iso3 if country else 'XXX'}{suffix}",
        "event_date": event.date, "year": int(event.date[:4]) if event.date else None,
        "time_precision": _TIME_PRECISION.get(event.date_precision, 3),
        "disorder_type": _DISORDER_SUB.get(sub_type, _DISORDER.get(event_type, "")),
        "event_type": event_type, "sub_event_type": sub_type,
        "actor1": actor_label(actor1) if actor1 else "",
        "assoc_actor_1": SEPARATOR.join(actor_label(a) for a in event.source[1:]),
        "inter1": inter1, "actor2": actor_label(actor2) if actor2 else "",
        "assoc_actor_2": SEPARATOR.join(actor_label(a) for a in event.target[1:]),
        "inter2": inter2, "interaction": interaction, "civilian_targeting": civilian,
        "iso": country.isonumeric if country else None, "region": country.region if country else "",
        "country": country.name if country else "", "admin1": (loc.admin1 or "") if loc else "",
        "admin2": "", "admin3": "", "location": (loc.name or loc.text) if loc else "",
        "latitude": loc.lat if loc else None, "longitude": loc.lon if loc else None,
        "geo_precision": min(loc.geo_precision, 3) if loc and loc.geo_precision else None,
        "source": SEPARATOR.join(outlets), "source_scale": "", "notes": _notes(event),
        "fatalities": event.size.dead or 0,
        "tags": SEPARATOR.join(event.contexts), "timestamp": timestamp,
    }


def write_acled(events: list[Event], out: Path, ontology: Ontology) -> list[Path]:
    """Write `out` (a .csv file, or a folder that gets `acled.csv`) with ACLED's columns."""
    path = out / "acled.csv" if out.is_dir() else out
    countries = country_table()
    timestamp = int(time.time())
    no_category = undated = 0
    with open(path, "w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=ACLED_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for event in events:
            if event.type not in ontology.types:
                no_category += 1
                continue
            category = ontology.acled_for(mention_for_rules(event))
            if category is None:
                no_category += 1
                continue
            if not event.date:
                undated += 1
                continue
            writer.writerow(acled_row(event, category, countries, timestamp))
    if no_category:
        log.info("acled: %d of %d events have a type ACLED does not record and are left out",
                 no_category, len(events))
    if undated:
        log.info("acled: %d events have no date and are left out", undated)
    return [path]
