"""Each mention of a merged event is a report: where it was read and what its own article says of
the place, date, counts and mode, with the merged value where the article is silent."""

from __future__ import annotations

import json

from tidings.model import ActorRef, Document, DocumentResult, EventMention, Evidence, Location, Report, Size
from tidings.resolve import EventIndex
from tidings.store import open_store

GAO_TOWN = Location(text="Gao", place_id="geonames:2457163", name="Gao", country="MLI", geo_precision=1)
MALI = Location(text="Mali", place_id="country:MLI", name="Mali", country="MLI", geo_precision=4)
GUNMEN = ActorRef(text="gunmen", actor_id="ac_gunmen", country="MLI", sector="REB")


def _mention(doc_id: str, outlet: str, location: Location | None, dead: int | None, mode: str | None,
             sentence: str) -> EventMention:
    evidence = Evidence(doc_id=doc_id, sentence_index=0, sentence=sentence, trigger="attacked", start=7,
                        end=15, outlet=outlet, published="2023-05-02")
    return EventMention(id=f"em_{doc_id}_7", type="ASSAULT", mode=mode, quad=4, evidence=evidence,
                        source=[GUNMEN], location=location, date="2023-05-01", date_precision="day",
                        size=Size(dead=dead))


def _result(mention: EventMention) -> DocumentResult:
    text = mention.evidence.sentence
    return DocumentResult(document=Document(id=mention.doc_id, text=text, clean_text=text,
                                            outlet=mention.evidence.outlet, published="2023-05-02"),
                          event_mentions=[mention])


TOWN_REPORT = _mention("a" * 16, "Wire One", GAO_TOWN, 12, "firearms",
                       "Gunmen attacked a market in Gao on Monday, killing 12 people.")
COUNTRY_REPORT = _mention("b" * 16, "Paper Two", MALI, 15, None,
                          "Gunmen attacked a market in Mali on Monday, killing 15 people, officials said.")
SILENT_REPORT = _mention("c" * 16, "Radio Three", None, None, None,
                         "Gunmen attacked a market on Monday.")


def test_each_report_keeps_its_own_place_and_toll_and_takes_the_merge_where_silent():
    index = EventIndex()
    (event,) = index.add([TOWN_REPORT, COUNTRY_REPORT, SILENT_REPORT])[-1:]
    assert event.num_sources == 3
    assert event.location.name == "Gao"  # the merge takes the most specific place
    town, country, silent = event.mentions
    assert all(isinstance(report, Report) for report in event.mentions)
    assert (town.location.name, town.size.dead, town.mode) == ("Gao", 12, "firearms")
    assert (country.location.name, country.size.dead) == ("Mali", 15)
    assert country.mode == event.mode  # no mode stated: the merged one
    assert silent.location == event.location and silent.size.dead == event.size.dead
    assert silent.sentence == SILENT_REPORT.evidence.sentence


def test_reports_are_stored_and_read_back_with_the_event(tmp_path):
    index = EventIndex()
    mentions = [TOWN_REPORT, COUNTRY_REPORT, SILENT_REPORT]
    (event,) = index.add(mentions)[-1:]
    with open_store(tmp_path / "t.duckdb") as store:
        store.write_batch([_result(m) for m in mentions], {}, [event], [], {})
        (read,) = store.events()
    assert [(r.doc_id, r.location.name, r.size.dead) for r in read.mentions] == [
        ("a" * 16, "Gao", 12), ("b" * 16, "Mali", 15), ("c" * 16, "Gao", 15)]
    shown = json.loads(json.dumps(read.to_dict()))
    assert shown["mentions"][1]["location"]["name"] == "Mali"
    assert shown["mentions"][1]["trigger"] == "attacked"  # the evidence fields stay where they were
