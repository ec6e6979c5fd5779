"""The ACLED layout: one CSV row per event, in ACLED's column order and vocabulary.

The PLOVER -> ACLED category comes from the ontology (`Ontology.acled_for`, data in ontology.yaml);
actor types, generic actors and the source scale from export_acled.yaml (`_acled_rules`); admin
levels from the gazetteer (`_admin`). Events ACLED cannot hold (a type it does not record, no date)
are left out and counted in the result's notes; when none is left nothing is written.
"""

from __future__ import annotations

import csv
import io
import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from tidings.events.ontology import Ontology
from tidings.export._acled_rules import ARMED, AcledRules, acled_rules
from tidings.export._admin import AdminArea, admin_areas
from tidings.export._countries import Country, country_table
from tidings.export._flat import SEPARATOR, actor_label, period_start
from tidings.export._report import NothingToExport, Written
from tidings.export._safe import neutralise_row
from tidings.export.gdelt import global_event_id
from tidings.model import ActorRef, Event, EventMention, Evidence

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)

_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3, "unknown": 3}
_DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
             "Violence against civilians": "Political violence", "Protests": "Demonstrations",
             "Riots": "Demonstrations", "Strategic developments": "Strategic developments"}
_DISORDER_SUB = {"Mob violence": "Political violence; Demonstrations",
                 "Excessive force against protesters": "Political violence; Demonstrations"}
_MODALITY_NOTE = {"claimed": "Reported as a claim.", "unconfirmed": "Reports are unconfirmed.",
                  "denied": "The alleged perpetrator denies it.", "planned": "Reported as planned.",
                  "hypothetical": "Reported as possible.", "negated": "Reported as not having happened."}
_DISPUTED_WORDS = {"size.dead": "the number of fatalities", "size.injured": "the number of injured",
                   "size.arrested": "the number of arrests", "date": "the date", "location": "the place"}


def mention_for_rules(event: Event) -> EventMention:
    """The event in the shape `Ontology.acled_for` reads (type, mode, actors, size, first evidence)."""
    evidence = event.mentions[0] if event.mentions else Evidence(event.id, 0, "", "", 0, 0)
    return EventMention(id=event.id, type=event.type, mode=event.mode, quad=event.quad, evidence=evidence,
                        contexts=event.contexts, source=event.source, target=event.target,
                        location=event.location, size=event.size, modality=event.modality)


def acled_date(day: date) -> str:
    """"12 April 2014", as ACLED's notes write dates."""
    return f"{day.day} {day:%B %Y}"


def notes_text(event: Event) -> str:
    """A reader's summary: the date, the sentence that reports the event, and in plain words how
    sure and how agreed the reports are (never our ids or counters)."""
    first = " ".join(event.mentions[0].sentence.split()) if event.mentions else ""
    day = period_start(event.date)
    parts = [f"On {acled_date(day)}: {first}" if day and first else first]
    if event.modality in _MODALITY_NOTE:
        parts.append(_MODALITY_NOTE[event.modality])
    for field in event.disputed:
        values = [v.get("value") if isinstance(v, dict) else v for v in event.values.get(field, [])]
        shown = sorted({str(v) for v in values if v is not None and not isinstance(v, (dict, list))})
        if len(shown) > 1:
            what = _DISPUTED_WORDS.get(field, field.replace("size.", "the number of "))
            parts.append(f"Reports differ on {what} ({', '.join(shown)}).")
    return " ".join(p for p in parts if p)


def _sides(event: Event, event_type: str, venue: str | None,
           rules: AcledRules) -> tuple[list[ActorRef], list[ActorRef]]:
    """(actor1 side, actor2 side). In ACLED's Protests the protesters are always actor1 and the
    forces that intervene actor2: when the ACLED category comes from another PLOVER type than PROTEST
    (police arresting or tear-gassing protesters), its armed source moves to the second side; so do
    state forces named as the source of a protest (ACLED never codes them as the protesters)."""
    if event_type == "Protests" and event.source:
        code = rules.inter(event.source[0], event_type, venue, demonstrating=False)
        if code in ARMED and (event.type != "PROTEST" or code == 1):
            return list(event.target), list(event.source)
    return list(event.source), list(event.target)


def acled_actors(event: Event, event_type: str, country: Country | None, rules: AcledRules) -> dict[str, Any]:
    """actor1, assoc_actor_1, inter1, actor2, assoc_actor_2, inter2, interaction, civilian_targeting."""
    venue = country.iso3 if country else None
    first, second = _sides(event, event_type, venue, rules)
    actor1 = actor_label(first[0]) if first else ""
    inter1 = rules.inter(first[0], event_type, venue, demonstrating=True) if first else None
    if not first and event_type in rules.generic_actor1:
        label, inter1 = rules.generic_actor1[event_type]
        actor1 = label.replace("{country}", country.name) if country else label.split(" (")[0]
    inter2 = rules.inter(second[0], event_type, venue, demonstrating=False) if second else None
    codes = sorted(c for c in (inter1, inter2) if c)
    interaction = int(f"{codes[0]}{codes[1]}") if len(codes) == 2 else codes[0] * 10 if codes else None
    civilian = "Civilian targeting" if inter2 == 7 and event_type in (
        "Violence against civilians", "Explosions/Remote violence", "Riots") else ""
    return {"actor1": actor1, "assoc_actor_1": SEPARATOR.join(actor_label(a) for a in first[1:]),
            "inter1": inter1, "actor2": actor_label(second[0]) if second else "",
            "assoc_actor_2": SEPARATOR.join(actor_label(a) for a in second[1:]), "inter2": inter2,
            "interaction": interaction, "civilian_targeting": civilian}


def _tags(event: Event, event_type: str) -> str:
    tags = ["crowd size=no report"] if event_type in ("Protests", "Riots") else []
    return SEPARATOR.join(tags + list(event.contexts))


def acled_row(event: Event, category: tuple[str, str], countries: dict[str, Country], timestamp: int,
              areas: dict[str, AdminArea] | None = None, rules: AcledRules | None = None) -> dict[str, Any]:
    """One ACLED row for an event already mapped to (event_type, sub_event_type)."""
    rules = rules or acled_rules()
    event_type, sub_type = category
    loc = event.location
    country = countries.get((loc.country or "") if loc else "")
    area = (areas or {}).get(loc.place_id or "") if loc else None
    outlets = sorted({m.outlet for m in event.mentions if m.outlet})
    urls = list({m.url or "": None for m in event.mentions})
    day = period_start(event.date)  # ACLED dates are days; a month or year is its first day, time_precision 3
    return {
        "event_id_cnty": f"{country.iso3 if country else 'XXX'}{global_event_id(event.id)}",
        "event_date": day.isoformat() if day else None, "year": day.year if day else None,
        "time_precision": _TIME_PRECISION.get(event.date_precision, 3),
        "disorder_type": _DISORDER_SUB.get(sub_type, _DISORDER.get(event_type, "")),
        "event_type": event_type, "sub_event_type": sub_type,
        **acled_actors(event, event_type, country, rules),
        "iso": country.isonumeric if country else None, "region": country.region if country else "",
        "country": country.name if country else "",
        "admin1": ((loc.admin1 or (area.admin1 if area else None)) or "") if loc else "",
        "admin2": (area.admin2 or "") if area else "", "admin3": "",
        "location": (loc.name or loc.text) if loc else "",
        "latitude": loc.lat if loc else None, "longitude": loc.lon if loc else None,
        "geo_precision": min(loc.geo_precision, 3) if loc and loc.geo_precision else None,
        "source": SEPARATOR.join(outlets), "source_scale": rules.source_scale(urls, country, countries),
        "notes": notes_text(event), "fatalities": event.size.dead or 0,
        "tags": _tags(event, event_type), "timestamp": timestamp,
    }


def _left_out_notes(total: int, by_type: Counter, undated: int, no_country: int, no_actor1: int) -> list[str]:
    notes = []
    if by_type:
        kinds = ", ".join(f"{t} {n}" for t, n in by_type.most_common())
        notes.append(f"{sum(by_type.values())} of {total} events left out: types ACLED does not record ({kinds})")
    if undated:
        notes.append(f"{undated} of {total} events left out: no date (ACLED rows need event_date; give the "
                     "documents a publication date, e.g. `tidings run --published-default DATE`)")
    if no_country:
        notes.append(f"{no_country} rows have no country (event_id_cnty starts with XXX)")
    if no_actor1:
        notes.append(f"{no_actor1} rows have no actor1 (Strategic developments with no source named)")
    return notes


def write_acled(events: list[Event], out: Path, ontology: Ontology, raw: bool = False) -> Written:
    """Write `out` (a .csv file, or a folder that gets `acled.csv`) with ACLED's columns.

    `raw` turns off formula neutralising (`_safe`). Returns the path with notes on what was left out.

    Raises:
        NothingToExport: no event fits ACLED (all undated or of types it does not record); no file is written.
    """
    path = out / "acled.csv" if out.is_dir() else out
    countries, rules, timestamp = country_table(), acled_rules(), int(time.time())
    mapped: list[tuple[Event, tuple[str, str]]] = []
    by_type: Counter = Counter()
    undated = 0
    for event in events:
        category = ontology.acled_for(mention_for_rules(event)) if event.type in ontology.types else None
        if category is None:
            by_type[event.type] += 1
        elif period_start(event.date) is None:
            undated += 1
        else:
            mapped.append((event, category))
    areas = admin_areas(e.location for e, _ in mapped)
    rows = [acled_row(e, c, countries, timestamp, areas, rules) for e, c in mapped]
    notes = _left_out_notes(len(events), by_type, undated, sum(1 for r in rows if r["event_id_cnty"].startswith("XXX")),
                            sum(1 for r in rows if not r["actor1"]))
    if not rows:
        raise NothingToExport(f"acled: nothing written to {path}: " + ("; ".join(notes) or "the database has no events"))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(row if raw else neutralise_row(row) for row in rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return Written([path], "acled", rows=len(rows), notes=notes)
