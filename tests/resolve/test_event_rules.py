"""The second round of merge rules: modes, date spans, vague places, party countries, meetings."""

from __future__ import annotations

from tidings.model import ActorRef, Evidence, EventMention, Location, Size
from tidings.resolve import EventIndex
from tidings.resolve._compat import date_span, day_number, place_chain

NAIROBI = Location(text="Nairobi", place_id="geonames:184745", name="Nairobi", country="KEN",
                   admin1="Nairobi Area", geo_precision=1)
KISUMU = Location(text="Kisumu", place_id="geonames:191245", name="Kisumu", country="KEN",
                  admin1="Kisumu", geo_precision=1)
WESTERN_KENYA = Location(text="western Kenya", place_id="country:KEN", name="Kenya", country="KEN",
                         geo_precision=3)
GENEVA = Location(text="Geneva", place_id="geonames:2660646", name="Geneva", country="CHE",
                  admin1="Geneva", geo_precision=1)
VIENNA = Location(text="Vienna", place_id="geonames:2761369", name="Vienna", country="AUT",
                  admin1="Vienna", geo_precision=1)
KHARKIV = Location(text="Kharkiv", place_id="geonames:706483", name="Kharkiv", country="UKR",
                   admin1="Kharkiv", geo_precision=1)
RUSSIA = Location(text="Russia", place_id="country:RUS", name="Russia", country="RUS", geo_precision=4)
FRANCE = Location(text="France", place_id="country:FRA", name="France", country="FRA", geo_precision=4)
POLICE = ActorRef(text="police", actor_id="ac_police", country="KEN", sector="COP")
KREMLIN = ActorRef(text="the Kremlin", actor_id="ac_kremlin", country="RUS", sector="GOV")
KYIV = ActorRef(text="Kyiv", actor_id="ac_kyiv", country="UKR", sector="GOV")
RUSSIAN_ENVOYS = ActorRef(text="envoys from Moscow", actor_id="ac_rus_dipl", country="RUS", sector="GOV")
UKRAINIAN_ENVOYS = ActorRef(text="Ukrainian diplomats", actor_id="ac_ukr_dipl", country="UKR", sector="GOV")
PARIS = ActorRef(text="Paris", actor_id="ac_fra", country="FRA", sector="GOV")
MADRID = ActorRef(text="Madrid", actor_id="ac_esp", country="ESP", sector="GOV")


def report(doc: str, start: int = 10, *, type_: str = "ASSAULT", mode: str | None = "crowd-control",
           location: Location | None = NAIROBI, date: str | None = "2023-03-20", precision: str = "day",
           date_text: str | None = "Monday", published: str = "2023-03-21", modality: str = "asserted",
           source: list[ActorRef] | None = None, target: list[ActorRef] | None = None) -> EventMention:
    """A hand-built event mention (the sentence text does not matter to merging)."""
    return EventMention(
        id=f"em_{doc}_{start}", type=type_, mode=mode, quad=4,
        evidence=Evidence(doc_id=doc, sentence_index=start // 100, sentence="Our own test sentence.",
                          trigger="x", start=start, end=start + 1, outlet=f"outlet-{doc}", published=published),
        source=[POLICE] if source is None else source, target=target or [], location=location,
        date=date, date_precision=precision, date_text=date_text, size=Size(), modality=modality,
    )


def test_stated_modes_must_agree_an_unstated_mode_fits_any():
    index = EventIndex()
    gas = report("d1")
    fire = report("d2", mode="firearms")
    attacked = report("d3", mode=None)
    index.add([gas, fire, attacked])
    assert gas.event_id != fire.event_id
    assert attacked.event_id in {gas.event_id, fire.event_id}


def test_meeting_modes_do_not_split_a_meeting():
    index = EventIndex()
    visit = report("d1", type_="CONSULT", mode="visit", location=GENEVA, source=[KYIV])
    talks = report("d2", type_="CONSULT", mode="multilateral", location=GENEVA, source=[KYIV])
    index.add([visit, talks])
    assert visit.event_id == talks.event_id


def test_one_document_coding_two_types_tells_two_acts():
    index = EventIndex()
    push = report("d1", 10, type_="COERCE", mode="restrict")
    gas = report("d1", 500)
    other_outlet = report("d2", type_="COERCE", mode="restrict")
    index.add([push, gas, other_outlet])
    assert push.event_id != gas.event_id
    assert other_outlet.event_id == push.event_id


def test_date_spans_week_month_and_publication_fallback():
    monday = day_number("2023-03-20")
    assert date_span("2023-03-20", "week", "this week") == (monday, monday + 6)
    # the publication-day fallback (not a Monday, or said so) covers publication day and the day before
    assert date_span("2023-03-22", "week", None) == (monday + 1, monday + 2)
    assert date_span("2023-03-20", "week", "publication date (no date in the sentence)") == (monday - 1, monday)
    assert date_span("2023-02-01", "month") == (day_number("2023-02-01"), day_number("2023-02-28"))
    assert date_span("2023-01-01", "year") is None


def test_undated_sentence_joins_the_event_of_the_day_before_publication_but_not_a_week_later():
    index = EventIndex()
    dated = report("d1", date="2023-03-18", published="2023-03-19")
    undated = report("d2", date="2023-03-19", precision="week", date_text=None, published="2023-03-19")
    late = report("d3", date="2023-03-28", precision="week", date_text=None, published="2023-03-28")
    index.add([dated, undated, late])
    assert undated.event_id == dated.event_id
    assert late.event_id != dated.event_id


def test_real_week_matches_a_day_inside_it_only():
    index = EventIndex()
    week = report("d1", date="2023-03-13", precision="week", date_text="last week")
    inside = report("d2", date="2023-03-16")
    outside = report("d3", date="2023-03-22")
    index.add([week, inside, outside])
    assert inside.event_id == week.event_id
    assert outside.event_id != week.event_id


def test_vague_part_of_a_country_contains_its_towns():
    assert place_chain(WESTERN_KENYA) == ("ctry:KEN",)
    index = EventIndex()
    town = report("d1", location=KISUMU, mode="firearms")
    region = report("d2", location=WESTERN_KENYA, mode="firearms")
    index.add([town, region])
    assert town.event_id == region.event_id


def test_different_towns_still_never_merge():
    index = EventIndex()
    first = report("d1", location=NAIROBI)
    second = report("d2", location=KISUMU)
    index.add([first, second])
    assert first.event_id != second.event_id


def test_country_place_joins_a_town_abroad_when_both_countries_are_parties():
    index = EventIndex()
    denial = report("d1", type_="REJECT", mode=None, location=KHARKIV, source=[KREMLIN], target=[KYIV],
                    date="2023-03-20", precision="week", date_text=None, published="2023-03-20")
    again = report("d2", type_="REJECT", mode=None, location=RUSSIA, source=[KREMLIN],
                   date="2023-03-22", precision="week", date_text=None, published="2023-03-22")
    index.add([denial, again])
    assert again.event_id == denial.event_id


def test_country_place_that_is_no_party_stays_apart_from_a_town_abroad():
    index = EventIndex()
    denial = report("d1", type_="REJECT", mode=None, location=KHARKIV, source=[KREMLIN], target=[KYIV])
    elsewhere = report("d2", type_="REJECT", mode=None, location=FRANCE, source=[KREMLIN])
    index.add([denial, elsewhere])
    assert elsewhere.event_id != denial.event_id


def test_planned_meeting_merges_when_one_place_is_a_party_country():
    index = EventIndex()
    venue = report("d1", type_="CONSULT", mode="multilateral", location=GENEVA, modality="planned",
                   date="2023-04-17", published="2023-04-16", source=[UKRAINIAN_ENVOYS])
    party = report("d2", type_="CONSULT", mode=None, location=RUSSIA, modality="planned",
                   date="2023-04-17", published="2023-04-13", source=[], target=[RUSSIAN_ENVOYS, UKRAINIAN_ENVOYS])
    bare = report("d3", type_="CONSULT", mode=None, location=None, modality="planned",
                  date="2023-04-17", published="2023-04-15", source=[])
    index.add([venue, party, bare])
    assert venue.event_id == party.event_id == bare.event_id
    event = index.get(venue.event_id)
    assert event.num_sources == 3 and event.location.name == "Geneva"


def test_planned_meetings_in_two_towns_or_with_other_parties_stay_apart():
    index = EventIndex()
    geneva = report("d1", type_="CONSULT", mode=None, location=GENEVA, modality="planned",
                    date="2023-04-17", source=[UKRAINIAN_ENVOYS])
    vienna = report("d2", type_="CONSULT", mode=None, location=VIENNA, modality="planned",
                    date="2023-04-17", source=[UKRAINIAN_ENVOYS])
    other = report("d3", type_="CONSULT", mode=None, location=FRANCE, modality="planned",
                   date="2023-04-17", source=[PARIS], target=[MADRID])
    index.add([geneva, vienna, other])
    assert len({geneva.event_id, vienna.event_id, other.event_id}) == 3


def test_a_meeting_plan_and_the_meeting_held_are_one_event():
    index = EventIndex()
    plan = report("d1", type_="CONSULT", mode=None, location=GENEVA, modality="planned",
                  date="2023-04-17", published="2023-04-12", source=[], target=[RUSSIAN_ENVOYS])
    held = report("d2", type_="CONSULT", mode=None, location=GENEVA, modality="asserted",
                  date="2023-04-18", precision="week", date_text=None, published="2023-04-18",
                  source=[UKRAINIAN_ENVOYS], target=[])
    index.add([plan, held])
    assert plan.event_id == held.event_id
    assert index.get(plan.event_id).modality == "asserted"


def test_a_planned_attack_is_still_not_the_attack():
    index = EventIndex()
    plan = report("d1", modality="planned")
    done = report("d2")
    index.add([plan, done])
    assert plan.event_id != done.event_id


def test_state_forces_and_rebels_as_perpetrators_are_two_events():
    from tidings.model import ActorRef, EventMention, Evidence, Location
    from tidings.resolve import EventIndex

    def mention(doc: str, sector: str, words: str) -> EventMention:
        return EventMention(
            id=f"em_{doc}_0", type="COERCE", mode="seize", quad=4,
            evidence=Evidence(doc_id=doc, sentence_index=0, sentence=words, trigger="seized", start=0, end=6,
                              outlet=doc, published="2014-04-16"),
            source=[ActorRef(text=words, country="UKR", sector=sector)],
            location=Location(text="Kramatorsk", place_id="geonames:704508", country="UKR", geo_precision=1),
            date="2014-04-16", date_precision="day")

    index = EventIndex()
    index.add([mention("a" * 16, "MIL", "Ukrainian troops"), mention("b" * 16, "REB", "separatists")])
    assert len(index) == 2


def test_an_event_reported_past_the_member_cap_keeps_exact_counts(monkeypatch):
    from tidings.model import EventMention, Evidence, Location
    from tidings.resolve import EventIndex
    from tidings.resolve import events as events_module

    monkeypatch.setattr(events_module, "MAX_MEMBERS", 3)

    def mention(number: int) -> EventMention:
        doc = f"{number:016x}"
        return EventMention(
            id=f"em_{doc}_0", type="PROTEST", mode="demo", quad=4,
            evidence=Evidence(doc_id=doc, sentence_index=0, sentence="Thousands marched.", trigger="marched",
                              start=10, end=17, outlet=f"outlet {number % 4}", published="2023-03-20"),
            location=Location(text="Nairobi", place_id="geonames:184745", country="KEN", geo_precision=1),
            date="2023-03-20", date_precision="day")

    index = EventIndex()
    (event,) = index.add([mention(n) for n in range(10)])
    assert (event.num_mentions, event.num_documents, event.num_sources) == (10, 10, 4)
    assert len(event.mentions) == 3
    reloaded = EventIndex.from_events([event], index.mentions_of(event.id))
    (again,) = reloaded.add([mention(10)])
    assert (again.id, again.num_mentions, again.num_documents) == (event.id, 11, 11)
