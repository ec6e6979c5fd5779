"""A database for the monitor features of the web app (sentences written for these tests): the small
export database plus a shelling report with CLUSTERED events close together in Donbas (enough for
two pages of events and for map clusters), three of them negated, hypothetical or denied, one with
a formula-like actor name, and optionally the `alerts` table (created here with the exact schema of
the migration that brings it) holding two alerts.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from tidings.model import ActorRef, Document, DocumentResult, Event, EventMention, Location

from tests.export._build import _evidence, _sentences, build_database

CLUSTERED = 60
DOC_SHELLING = "d5" * 8
SET_APART = {0: "negated", 1: "hypothetical", 2: "denied"}
MORTAR = 5  # the one sentence that says "mortar"
FORMULA = 7  # the one event whose source is written like a spreadsheet formula
ALERTS_SCHEMA = ("CREATE TABLE IF NOT EXISTS alerts (id VARCHAR PRIMARY KEY, created VARCHAR, rule VARCHAR, event_id VARCHAR, "
                 "story_id VARCHAR, data JSON)")


def _sentence(number: int) -> str:
    weapon = "A mortar round" if number == MORTAR else "Artillery shells"
    return f"{weapon} struck the market of settlement {number} on Tuesday, local officials said."


def _location(number: int) -> Location:
    lat, lon = 48.0 + (number % 6) * 0.04, 37.7 + (number // 6) * 0.04
    return Location(text=f"settlement {number}", place_id=f"test:{number}", name=f"Settlement {number}",
                    lat=round(lat, 4), lon=round(lon, 4), country="UKR", admin1="Donetsk", geo_precision=1)


def build_monitor_database(path: Path, with_alerts: bool = True) -> dict[str, str]:
    """Write the database at `path`; return the ids the tests look for."""
    ids = build_database(path)
    text = "\n".join(_sentence(n) for n in range(CLUSTERED))
    mentions, events = [], []
    for number in range(CLUSTERED):
        evidence = _evidence(DOC_SHELLING, text, number, "struck", "Front Line Wire", "https://wire.example/s",
                             "2014-05-06")
        start = evidence.sentence_start + evidence.sentence.index("struck")  # this sentence's own trigger
        evidence = replace(evidence, start=start, end=start + len("struck"))
        source_text = "=HYPERLINK(\"http://x.example\")" if number == FORMULA else "artillery units"
        fields = dict(type="ASSAULT", mode="heavy-weapons", quad=4, contexts=["military"],
                      source=[ActorRef(text=source_text, country="UKR", sector="MIL")],
                      target=[ActorRef(text="the market", sector="CVL")], location=_location(number),
                      date="2014-05-06", date_precision="day", modality=SET_APART.get(number, "asserted"),
                      confidence=0.7)
        event_id = f"ev_shell{number:04d}"
        mentions.append(EventMention(id=f"em_{DOC_SHELLING}_{number}", evidence=evidence, event_id=event_id, **fields))
        events.append(Event(id=event_id, story_id="st_donbas00001", num_mentions=1, num_documents=1, num_sources=1,
                            first_reported="2014-05-06", mentions=[evidence], **fields))
    result = DocumentResult(
        document=Document(id=DOC_SHELLING, text=text, clean_text=text, outlet="Front Line Wire",
                          url="https://wire.example/s", title="Shelling across the front", published="2014-05-06",
                          story_id="st_donbas00001"),
        sentences=_sentences(text), event_mentions=mentions)
    from tidings.store import open_store

    with open_store(path) as store:
        store.write_batch(results=[result], band_keys={}, events=events, stories=[], story_state=None)
        if not with_alerts:  # a database from before the alerts migration
            store.con.execute("DROP TABLE IF EXISTS alerts")
        else:
            store.con.execute(ALERTS_SCHEMA)
            for alert in _alerts():
                store.con.execute("INSERT INTO alerts VALUES (?, ?, ?, ?, ?, ?)",
                                  [alert["id"], alert["created"], alert["rule"], alert["event_id"],
                                   alert["story_id"], json.dumps(alert)])
    return {**ids, "doc_shelling": DOC_SHELLING, "mortar": f"ev_shell{MORTAR:04d}"}


def _alerts() -> list[dict]:
    """Two alerts in the shape `tidings watch` stores (message, change, evidence)."""
    return [
        {"id": "al_000000000001", "created": "2014-05-06T10:00:00Z", "rule": "new-event", "check": "new_event",
         "event_id": "ev_kramatorsk1", "story_id": "st_donbas00001",
         "message": "New ASSAULT near Kramatorsk reported by 2 sources",
         "change": {"num_sources": {"before": None, "after": 2}},
         "evidence": [{"doc_id": "a1" * 8, "sentence": "Gunmen in unmarked uniforms fired on a police checkpoint "
                       "near Kramatorsk on Saturday.", "trigger": "fired", "outlet": "Donbas Courier",
                       "url": "https://courier.example/a", "published": "2014-04-13"}]},
        {"id": "al_000000000002", "created": "2014-05-06T11:30:00Z", "rule": "casualties-rise", "check": "count_rises",
         "event_id": f"ev_shell{MORTAR:04d}", "story_id": "st_donbas00001",
         "message": "Deaths reported for the mortar strike rose from 1 to 3",
         "change": {"size.dead": {"before": 1, "after": 3}},
         "evidence": [{"doc_id": DOC_SHELLING, "sentence": _sentence(MORTAR), "trigger": "struck",
                       "outlet": "Front Line Wire", "url": "https://wire.example/s", "published": "2014-05-06"}]},
    ]
