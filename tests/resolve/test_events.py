"""Event de-duplication: mentions from several reports become one event, and only when they should."""

from __future__ import annotations

from tidings.model import ActorRef, Evidence, EventMention, Location, Size
from tidings.resolve import EventIndex, event_id_for

SLOVIANSK = Location(text="Sloviansk", place_id="geonames:1", name="Sloviansk", country="UKR",
                     admin1="Donetsk", geo_precision=1)
KRAMATORSK = Location(text="Kramatorsk", place_id="geonames:2", name="Kramatorsk", country="UKR",
                      admin1="Donetsk", geo_precision=1)
DONETSK_REGION = Location(text="the Donetsk region", place_id="admin1:UA.05", name="Donetsk",
                          country="UKR", admin1="Donetsk", geo_precision=3)
GUNMEN = ActorRef(text="armed men", actor_id="ac_gunmen", country="RUS", sector="REB")
POLICE = ActorRef(text="police", actor_id="ac_police", country="UKR", sector="COP")


def mention(doc: str, start: int = 10, *, outlet: str | None = "Outlet A", published: str = "2014-04-13",
            type_: str = "ASSAULT", mode: str | None = "firearms", location: Location | None = SLOVIANSK,
            date: str | None = "2014-04-13", precision: str = "day", dead: int | None = None,
            source: list[ActorRef] | None = None, confidence: float = 0.6) -> EventMention:
    """An event mention as the extract stage would hand it over."""
    sentence = "Armed men opened fire on a checkpoint near the town."
    return EventMention(
        id=f"em_{doc}_{start}", type=type_, mode=mode, quad=4,
        evidence=Evidence(doc_id=doc, sentence_index=start // 100, sentence=sentence, trigger="fire",
                          start=start, end=start + 4, outlet=outlet, published=published),
        source=[GUNMEN] if source is None else source, target=[POLICE], location=location,
        date=date, date_precision=precision, size=Size(dead=dead), confidence=confidence,
    )


def test_same_event_in_two_outlets_is_one_event_with_two_sources():
    index = EventIndex()
    changed = index.add([mention("d1", outlet="Outlet A"), mention("d2", outlet="Outlet B")])
    assert len(index) == 1
    event = changed[-1]
    assert (event.num_mentions, event.num_documents, event.num_sources) == (2, 2, 2)
    assert event.confidence > 0.6  # corroboration raises confidence: 1 - 0.4 * 0.4
    assert abs(event.confidence - 0.84) < 1e-9


def test_lead_and_later_paragraph_of_one_document_merge():
    lead = mention("d1", 10)
    later = mention("d1", 900, location=None, date=None, precision="unknown")
    index = EventIndex()
    index.add([lead, later])
    assert lead.event_id == later.event_id
    event = index.get(lead.event_id)
    assert event.num_mentions == 2 and event.num_documents == 1 and event.num_sources == 1
    assert event.location.place_id == "geonames:1" and event.date == "2014-04-13"


def test_near_duplicate_document_counts_with_its_original():
    index = EventIndex()
    index.add([mention("orig", outlet="Wire"), mention("copy", outlet="Reprinter")],
              near_duplicates={"copy": "orig"})
    (event,) = index.events()
    assert event.num_documents == 2
    assert event.num_sources == 1


def test_outlet_none_counts_by_document():
    index = EventIndex()
    index.add([mention("d1", outlet=None), mention("d2", outlet=None)])
    assert index.events()[0].num_sources == 2


def test_different_towns_stay_apart_but_town_joins_its_region():
    index = EventIndex()
    index.add([mention("d1", location=SLOVIANSK), mention("d2", location=KRAMATORSK)])
    assert len(index) == 2
    regional = mention("d3", location=DONETSK_REGION)
    index.add([regional])
    assert regional.event_id in {e.id for e in index.events()}
    assert len(index) == 2  # the regional report joins one of the towns, it does not start an event
    assert index.get(regional.event_id).location.geo_precision == 1  # most specific place wins


def test_day_precision_window():
    index = EventIndex(day_window=1)
    first = mention("d1", date="2014-04-13")
    next_day = mention("d2", date="2014-04-14", published="2014-04-14")
    three_days = mention("d3", date="2014-04-16", published="2014-04-16")
    index.add([first, next_day, three_days])
    assert first.event_id == next_day.event_id
    assert three_days.event_id != first.event_id
    month = mention("d4", date="2014-04-01", precision="month", published="2014-04-20")
    index.add([month])
    assert month.event_id in {first.event_id, three_days.event_id}


def test_unknown_date_needs_same_publication_day():
    index = EventIndex()
    dated = mention("d1")
    same_day = mention("d2", date=None, precision="unknown", published="2014-04-13")
    week_later = mention("d3", date=None, precision="unknown", published="2014-04-20")
    index.add([dated, same_day, week_later])
    assert same_day.event_id == dated.event_id
    assert week_later.event_id != dated.event_id


def test_disputed_death_toll_keeps_both_values():
    index = EventIndex()
    index.add([mention("d1", outlet="Outlet A", dead=1, published="2014-04-13"),
               mention("d2", outlet="Outlet B", dead=3, published="2014-04-14")])
    (event,) = index.events()
    assert "size.dead" in event.disputed
    assert event.size.dead == 3  # the later report
    kept = {(row["value"], row["outlet"]) for row in event.values["size.dead"]}
    assert kept == {(1, "Outlet A"), (3, "Outlet B")}


def test_one_outlet_updating_its_toll_is_not_a_dispute():
    index = EventIndex()
    index.add([mention("d1", outlet="Outlet A", dead=1), mention("d2", outlet="Outlet A", dead=2)])
    assert index.events()[0].disputed == []


def test_contradicting_actor_countries_stay_apart():
    other = ActorRef(text="Georgian troops", actor_id="ac_geo", country="GEO", sector="MIL")
    index = EventIndex()
    index.add([mention("d1"), mention("d2", source=[other])])
    assert len(index) == 2


def test_compatible_type_pair_merges_but_unrelated_types_do_not():
    index = EventIndex()
    occupy = mention("d1", type_="PROTEST", mode="obstruct")
    seize = mention("d2", type_="COERCE", mode="seize")
    attack = mention("d3", type_="ASSAULT", mode="firearms")
    index.add([occupy, seize, attack])
    assert occupy.event_id == seize.event_id
    assert attack.event_id != occupy.event_id


def test_ids_are_stable_when_a_later_batch_adds_a_mention():
    index = EventIndex()
    first = mention("d1")
    index.add([first])
    event_id = first.event_id
    assert event_id == event_id_for(first.id)
    changed = index.add([mention("d2", outlet="Outlet B")])
    assert [event.id for event in changed] == [event_id]
    assert changed[0].num_sources == 2


def test_from_events_round_trip_continues_incrementally():
    index = EventIndex()
    batch = [mention("d1"), mention("d2", outlet="Outlet B", dead=2), mention("d3", location=KRAMATORSK)]
    index.add(batch)
    stored_events = index.events()
    stored_mentions = [m for e in stored_events for m in index.mentions_of(e.id)]
    reloaded = EventIndex.from_events(stored_events, list(reversed(stored_mentions)))
    assert [e.to_dict() for e in reloaded.events()] == [e.to_dict() for e in stored_events]
    late = mention("d4", outlet="Outlet C", published="2014-04-14", date="2014-04-14")
    changed = reloaded.add([late])
    assert late.event_id == batch[0].event_id
    assert changed[0].num_sources == 3


def test_same_input_gives_same_output():
    def run() -> list[dict]:
        index = EventIndex()
        index.add([mention("d1"), mention("d2", location=KRAMATORSK), mention("d3", outlet="B")])
        return [e.to_dict() for e in index.events()]

    assert run() == run()


def test_re_adding_a_mention_is_idempotent():
    index = EventIndex()
    first = mention("d1")
    index.add([first])
    assert index.add([mention("d1")]) == []
    assert index.events()[0].num_mentions == 1


def test_evict_forgets_the_events_reported_longest_ago():
    index = EventIndex()
    index.add([mention("d1"), mention("d2", date="2014-06-01", published="2014-06-01")])
    gone = index.evict_oldest(keep_members=1)
    assert len(gone) == 1 and len(index) == 1
    assert index.events()[0].date == "2014-06-01"


def test_a_reloaded_copy_of_a_document_not_in_memory_counts_as_an_outlet_not_a_document():
    """Issue 13: a near-duplicate whose original had no mention in memory counted as `doc:<id>`."""
    copy_of_wire = mention("copy", outlet="Daily Y")
    own_report = mention("own", outlet="Daily Y")
    first = EventIndex()
    first.add([copy_of_wire, own_report], near_duplicates={"copy": "wire"})
    (event,) = first.events()
    assert event.num_sources == 1
    # a later run reloads the event; it knows the copy's link but nothing of the original's mentions
    reloaded = EventIndex.from_events([event], [copy_of_wire, own_report], near_duplicates={"copy": "wire"})
    later = mention("later", outlet="Daily Y")
    (grown,) = reloaded.add([later])
    assert grown.id == event.id and grown.num_mentions == 3
    assert grown.num_sources == 1  # one paper, however its reports are copied


def test_a_copy_counts_as_its_originals_outlet_but_never_above_the_outlets_that_printed_it():
    wire = mention("wire", outlet="Wire X")
    copy_of_wire = mention("copy", outlet="Daily Y")
    index = EventIndex()
    (event,) = index.add([copy_of_wire], near_duplicates={"copy": "wire"}, outlets={"wire": "Wire X"})
    assert event.num_sources == 1
    (event,) = index.add([wire, mention("other", outlet="Daily Z")])
    assert event.num_sources == 2  # the wire (printed twice) and Daily Z
