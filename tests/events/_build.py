"""Helpers to run the extractor on sentences we write, with hand-built mentions."""

from __future__ import annotations

from tidings.model import Actor, Document, Mention, Place, TimeValue

PLACES = {
    "Sloviansk": Place("geonames:1", "Slovyansk", 48.85, 37.6, "UKR"),
    "Kramatorsk": Place("geonames:2", "Kramatorsk", 48.72, 37.56, "UKR"),
    "Geneva": Place("geonames:3", "Geneva", 46.2, 6.14, "CHE"),
    "Donetsk": Place("geonames:4", "Donetsk", 48.0, 37.8, "UKR"),
}
ACTORS = {
    "Russia": Actor("ac_rus", "Russia", "RUS", "GOV", kind="state"),
    "police": Actor("ac_cop", "police", None, "COP", kind="group"),
}
TIMES = {"on Monday": TimeValue("2014-04-14", "day"), "On Friday": TimeValue("2014-04-11", "day")}


def mentions_for(doc) -> list[Mention]:
    """Place/actor/time mentions for every known name in the text (what other stages would give)."""
    sentences = list(doc.sents)
    out: list[Mention] = []
    for table, kind in ((PLACES, "place"), (ACTORS, "actor"), (TIMES, "time")):
        for name, value in table.items():
            start = doc.text.find(name)
            while start >= 0:
                index = next(i for i, s in enumerate(sentences) if s.start_char <= start < s.end_char)
                mention = Mention(kind, name, start, start + len(name), index)
                setattr(mention, kind if kind != "time" else "time", value)
                out.append(mention)
                start = doc.text.find(name, start + 1)
    return out


def run(nlp, ontology, text: str, published: str | None = "2014-04-16"):
    doc = nlp(text)
    document = Document(id="d1", text=text, clean_text=text, published=published, outlet="test", url="u")
    from tidings.events import extract_events

    return extract_events(doc, document, mentions_for(doc), ontology)


def first(events, type_: str):
    found = [e for e in events if e.type == type_]
    assert found, f"no {type_} in {[(e.type, e.mode, e.evidence.trigger) for e in events]}"
    return found[0]
