"""A small database whose outlet, title, actor and sentence are hostile to spreadsheets and tab-split
readers (all text written for these tests), plus an undated one. Loaded by path like `_build`."""

from __future__ import annotations

from pathlib import Path

from tidings.model import ActorRef, Document, DocumentResult, Event, EventMention, Evidence, Location, Sentence, Size
from tidings.store import open_store

FORMULA = '=HYPERLINK("http://evil.example/","click me")'
DOC = "f5" * 8
TEXT = "-2+3 protesters marched on the town hall in Kharkiv on Monday.\n@riot crowds threw stones at the police."
TABBED_OUTLET = '"Kharkiv\tEvening\nPost'  # an unbalanced quote, a tab, a line break


def _event(event_id: str, sentence_index: int, trigger: str, type_: str, mode: str, date: str | None,
           outlet: str, source: list[ActorRef], target: list[ActorRef]) -> tuple[Event, EventMention]:
    lines = TEXT.split("\n")
    start_of = [0, len(lines[0]) + 1]
    sentence = lines[sentence_index]
    start = TEXT.index(trigger)
    evidence = Evidence(doc_id=DOC, sentence_index=sentence_index, sentence=sentence, trigger=trigger,
                        start=start, end=start + len(trigger), sentence_start=start_of[sentence_index],
                        sentence_end=start_of[sentence_index] + len(sentence), outlet=outlet,
                        url="https://post.example.ua/a", published=date)
    location = Location(text="Kharkiv", place_id="geonames:706483", name="Kharkiv", lat=49.98081, lon=36.25272,
                        country="UKR", admin1="Kharkiv", geo_precision=1, reason="sentence")
    fields = dict(type=type_, mode=mode, quad=4, contexts=[], source=source, target=target, location=location,
                  date=date, date_precision="day" if date else "unknown", size=Size(), confidence=0.7)
    mention = EventMention(id=f"em_{DOC}_{start}", evidence=evidence, event_id=event_id, **fields)
    event = Event(id=event_id, num_mentions=1, num_documents=1, num_sources=1, first_reported=date,
                  mentions=[evidence], **fields)
    return event, mention


def build_hostile(path: Path, dated: bool = True) -> None:
    """Write the database: a protest and a riot reported by an outlet named like a formula (or, for
    the riot, with a tab and a line break in its name); `dated=False` gives neither a date."""
    date = "2014-04-21" if dated else None
    crowd = [ActorRef(text=FORMULA, name=FORMULA, country="UKR", sector="CVL")]
    police = [ActorRef(text="the police", name="Ukrainian police", country="UKR", sector="COP")]
    protest, m1 = _event("ev_hostile0001", 0, "marched", "PROTEST", "demo", date, FORMULA, crowd, [])
    riot, m2 = _event("ev_hostile0002", 1, "threw", "PROTEST", "riot", date, TABBED_OUTLET, [], police)
    lines = TEXT.split("\n")
    sentences = [Sentence(0, 0, len(lines[0]), lines[0]),
                 Sentence(1, len(lines[0]) + 1, len(TEXT), lines[1])]
    document = Document(id=DOC, text=TEXT, clean_text=TEXT, outlet=FORMULA, url="https://post.example.ua/a",
                        title=FORMULA, published=date)
    result = DocumentResult(document=document, sentences=sentences, event_mentions=[m1, m2])
    with open_store(path) as store:
        store.write_batch(results=[result], band_keys={}, events=[protest, riot], stories=[], story_state=None)
