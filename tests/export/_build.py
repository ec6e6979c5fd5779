"""A small hand-made Tidings database for the export and web tests (sentences written for these tests).

Loaded by file path (`load_builder`) from tests/export and tests/web: fixtures live only in the top
conftest, which this module does not touch.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from tidings.model import (Actor, ActorRef, Document, DocumentResult, Event, EventMention, Evidence,
                           Location, Mention, Place, Removal, Sentence, Size, Story, TimeValue)
from tidings.store import open_store

DOC_A = "a1" * 8
DOC_B = "b2" * 8
DOC_C = "c3" * 8
DOC_EVIL = "e4" * 8

TEXT_A = ("Gunmen in unmarked uniforms fired on a police checkpoint near Kramatorsk on Saturday.\n"
          "Two officers were killed and three were wounded, the regional police said.")
TEXT_B = ("Two police officers died when armed men shot at a checkpoint outside Kramatorsk, "
          "according to the interior ministry.")
TEXT_C = ("Hundreds of students marched through central Kharkiv on Sunday to demand the release of "
          "detained activists.\nThe foreign ministers of Poland and Lithuania met in Vilnius.")
TEXT_EVIL = ("Readers reported a page that showed <script>alert(1)</script> and "
             "<img src=x onerror=alert(2)> in the middle of an article.")

KRAMATORSK = Place(id="geonames:704147", name="Kramatorsk", lat=48.72305, lon=37.55629, country="UKR",
                   admin1="Donetsk", population=173700, geo_precision=1)
KHARKIV = Place(id="geonames:706483", name="Kharkiv", lat=49.98081, lon=36.25272, country="UKR",
                admin1="Kharkiv", population=1430885, geo_precision=1)
GUNMEN = Actor(id="ac_gunmen00001", name="unidentified gunmen", sector="UAF", kind="group")
POLICE = Actor(id="ac_uapolice001", name="Ukrainian police", country="UKR", sector="COP")
STUDENTS = Actor(id="ac_students001", name="students", country="UKR", sector="EDU", kind="crowd")


def _span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def _sentences(text: str) -> list[Sentence]:
    out, start = [], 0
    for index, line in enumerate(text.split("\n")):
        out.append(Sentence(index, start, start + len(line), line))
        start += len(line) + 1
    return out


def _evidence(doc_id: str, text: str, index: int, trigger: str, outlet: str, url: str,
              published: str) -> Evidence:
    sentence = _sentences(text)[index]
    start, end = _span(text, trigger)
    return Evidence(doc_id=doc_id, sentence_index=index, sentence=sentence.text, trigger=trigger,
                    start=start, end=end, sentence_start=sentence.start, sentence_end=sentence.end,
                    outlet=outlet, url=url, published=published)


def _loc(place: Place, text: str) -> Location:
    return Location(text=text, place_id=place.id, name=place.name, lat=place.lat, lon=place.lon,
                    country=place.country, admin1=place.admin1, geo_precision=place.geo_precision,
                    reason="sentence")


def build_database(path: Path) -> dict[str, str]:
    """Write the database at `path`; return the ids the tests look for."""
    ev_a = _evidence(DOC_A, TEXT_A, 0, "fired", "Donbas Courier", "https://courier.example/a", "2014-04-13")
    ev_b = _evidence(DOC_B, TEXT_B, 0, "shot", "Kyiv Ledger", "https://ledger.example/b", "2014-04-14")
    ev_c = _evidence(DOC_C, TEXT_C, 0, "marched", "Kharkiv Daily", "https://daily.example/c", "2014-04-20")
    ev_d = _evidence(DOC_C, TEXT_C, 1, "met", "Kharkiv Daily", "https://daily.example/c", "2014-04-20")
    gunmen = ActorRef(text="Gunmen in unmarked uniforms", actor_id=GUNMEN.id, name=GUNMEN.name, sector="UAF")
    police = ActorRef(text="a police checkpoint", actor_id=POLICE.id, name=POLICE.name, country="UKR",
                      sector="COP")
    students = ActorRef(text="Hundreds of students", actor_id=STUDENTS.id, name=STUDENTS.name,
                        country="UKR", sector="EDU")
    assault = dict(type="ASSAULT", mode="firearms", quad=4, contexts=["military"], source=[gunmen],
                   target=[police], location=_loc(KRAMATORSK, "Kramatorsk"), date="2014-04-12",
                   date_precision="day", size=Size(dead=2, injured=3), confidence=0.8)
    em_a = EventMention(id=f"em_{DOC_A}_{ev_a.start}", evidence=ev_a, event_id="ev_kramatorsk1", **assault)
    em_b = EventMention(id=f"em_{DOC_B}_{ev_b.start}", evidence=ev_b, event_id="ev_kramatorsk1",
                        **{**assault, "size": Size(dead=2)})
    protest = dict(type="PROTEST", mode="demo", quad=4, contexts=["rights_freedoms"], source=[students],
                   location=_loc(KHARKIV, "Kharkiv"), date="2014-04-20", date_precision="day", confidence=0.7)
    em_c = EventMention(id=f"em_{DOC_C}_{ev_c.start}", evidence=ev_c, event_id="ev_kharkivdemo", **protest)
    consult = dict(type="CONSULT", mode="visit", quad=1, contexts=["diplomatic"],
                   source=[ActorRef(text="The foreign ministers of Poland", country="POL", sector="GOV")],
                   target=[ActorRef(text="Lithuania", country="LTU", sector="GOV")],
                   location=Location(text="Vilnius", country="LTU"), date="2014-04-19",
                   date_precision="week", confidence=0.6)
    em_d = EventMention(id=f"em_{DOC_C}_{ev_d.start}", evidence=ev_d, event_id="ev_vilniusmeet", **consult)

    events = [
        Event(id="ev_kramatorsk1", story_id="st_donbas00001", num_mentions=2, num_documents=2, num_sources=2,
              first_reported="2014-04-13", disputed=["size.injured"], values={"size.injured": [3, None]},
              mentions=[ev_a, ev_b], **assault),
        Event(id="ev_kharkivdemo", story_id="st_kharkiv0001", num_mentions=1, num_documents=1, num_sources=1,
              first_reported="2014-04-20", mentions=[ev_c], **protest),
        Event(id="ev_vilniusmeet", story_id="st_kharkiv0001", num_mentions=1, num_documents=1, num_sources=1,
              first_reported="2014-04-20", mentions=[ev_d], **consult),
    ]
    k_start, k_end = _span(TEXT_A, "Kramatorsk")
    results = [
        DocumentResult(
            document=Document(id=DOC_A, text=TEXT_A + "\nShare this story", clean_text=TEXT_A,
                              outlet="Donbas Courier", url="https://courier.example/a", title="Checkpoint attacked",
                              published="2014-04-13", story_id="st_donbas00001",
                              removed=[Removal("Share this story", "debris", 2)]),
            sentences=_sentences(TEXT_A),
            mentions=[Mention("actor", "Gunmen in unmarked uniforms", 0, 27, 0, actor=GUNMEN),
                      Mention("place", "Kramatorsk", k_start, k_end, 0, place=KRAMATORSK),
                      Mention("time", "on Saturday", *_span(TEXT_A, "on Saturday"), 0,
                              time=TimeValue("2014-04-12", "day"))],
            event_mentions=[em_a]),
        DocumentResult(
            document=Document(id=DOC_B, text=TEXT_B, clean_text=TEXT_B, outlet="Kyiv Ledger",
                              url="https://ledger.example/b", title="Officers die", published="2014-04-14",
                              story_id="st_donbas00001"),
            sentences=_sentences(TEXT_B), event_mentions=[em_b]),
        DocumentResult(
            document=Document(id=DOC_C, text=TEXT_C, clean_text=TEXT_C, outlet="Kharkiv Daily",
                              url="https://daily.example/c", title="Students march", published="2014-04-20",
                              story_id="st_kharkiv0001"),
            sentences=_sentences(TEXT_C),
            mentions=[Mention("place", "Kharkiv", *_span(TEXT_C, "Kharkiv"), 0, place=KHARKIV),
                      Mention("actor", "students", *_span(TEXT_C, "students"), 0, actor=STUDENTS)],
            event_mentions=[em_c, em_d]),
        DocumentResult(
            document=Document(id=DOC_EVIL, text=TEXT_EVIL, clean_text=TEXT_EVIL, outlet="<b>Evil</b> Outlet",
                              title="<script>alert('title')</script>", published="2014-04-21"),
            sentences=_sentences(TEXT_EVIL)),
    ]
    stories = [
        Story(id="st_donbas00001", title="Checkpoint near Kramatorsk attacked", doc_ids=[DOC_A, DOC_B],
              first_date="2014-04-13", last_date="2014-04-14", num_events=1,
              top_actors=["Ukrainian police"], top_places=["Kramatorsk"]),
        Story(id="st_kharkiv0001", title="Students march in Kharkiv", doc_ids=[DOC_C],
              first_date="2014-04-20", last_date="2014-04-20", num_events=2, top_places=["Kharkiv"]),
    ]
    with open_store(path) as store:
        store.write_batch(results=results, band_keys={}, events=events, stories=stories, story_state=None)
    return {"assault": "ev_kramatorsk1", "protest": "ev_kharkivdemo", "consult": "ev_vilniusmeet",
            "doc_a": DOC_A, "doc_evil": DOC_EVIL, "story": "st_donbas00001"}


def load_builder() -> ModuleType:
    """This module, loaded by path (tests run with --import-mode=importlib)."""
    spec = importlib.util.spec_from_file_location("tidings_tests_build", Path(__file__))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
