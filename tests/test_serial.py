"""to_plain must equal dataclasses.asdict (keys, order, no shared containers) and from_plain must undo it."""

from __future__ import annotations

import copy
import dataclasses
import json
from collections import namedtuple
from dataclasses import dataclass, field
from typing import Any, Optional

import pytest

from tidings._serial import from_plain, to_plain
from tidings.model import (Actor, ActorRef, Document, DocumentResult, Event, EventMention, Evidence, Location, Report,
                           Mention, Place, Removal, Restatement, Sentence, Size, Story, TimeValue)
from tidings.runner.workers import Failure

KYIV = Place(id="geonames:703448", name="Kyiv", lat=50.45, lon=30.52, country="UKR", admin1="UA.12",
             population=2_797_553, geo_precision=1)
MINISTER = Actor(id="ac_0123456789ab", name="Ministry of Defence", country="GBR", sector="GOV",
                 aliases=["MoD", "the ministry"])
EVIDENCE = Evidence(doc_id="d1", sentence_index=2, sentence="Police arrested nine protesters in Kyiv.",
                    trigger="arrested", start=107, end=115, sentence_start=100, sentence_end=140,
                    outlet="Example Times", url="https://example.org/a", published="2024-03-05",
                    other_evidence=[Restatement(sentence_index=5, sentence="The arrests drew protests.",
                                                trigger="arrests", start=204, end=211, sentence_start=200,
                                                sentence_end=226)])
POLICE = ActorRef(text="Police", actor_id="ac_aaaaaaaaaaaa", name="Police", country="UKR", sector="COP")
PROTESTERS = ActorRef(text="nine protesters", sector="CVL")
LOCATION = Location(text="Kyiv", place_id=KYIV.id, name="Kyiv", lat=50.45, lon=30.52, country="UKR",
                    admin1="UA.12", geo_precision=1, reason="clause")
MENTION = EventMention(id="em_d1_107", type="ARREST", mode=None, quad=3, contexts=["protest"],
                       source=[POLICE], target=[PROTESTERS], location=LOCATION, date="2024-03-05",
                       date_precision="day", date_text="on Tuesday", size=Size(arrested=9), modality="asserted",
                       attribution=ActorRef(text="a spokesman"), confidence=0.8, evidence=EVIDENCE,
                       event_id="ev_0123456789ab")
EVENT = Event(id="ev_0123456789ab", type="ARREST", mode=None, quad=3, contexts=["protest", "crime"],
              source=[POLICE], target=[PROTESTERS, ActorRef(text="a reporter")], location=LOCATION,
              date="2024-03-05", date_precision="day", size=Size(dead=0, arrested=9), story_id="st_0123456789ab",
              num_mentions=2, num_documents=2, num_sources=2, first_reported="2024-03-05",
              disputed=["size.arrested"], values={"size.arrested": [9, 12], "location": [{"name": "Kyiv"}, None]},
              mentions=[Report.of(MENTION, MENTION), Report.of(dataclasses.replace(MENTION, evidence=dataclasses.replace(
                  EVIDENCE, doc_id="d2"), size=Size(arrested=12)), MENTION)])
DOCUMENT = Document(id="d1", text="raw text\nSubscribe now", url="https://example.org/a", outlet="Example Times",
                    title="Arrests in Kyiv", published="2024-03-05", language="en", source="a.jsonl:3",
                    metadata={"tags": ["protest", {"depth": [1, 2]}], "score": 0.5},
                    clean_text="raw text", removed=[Removal(text="Subscribe now", reason="debris", line=1)],
                    story_id="st_0123456789ab", status="done")
SAMPLES = [
    Removal(text="Share this", reason="debris", line=4),
    DOCUMENT,
    Sentence(index=0, start=0, end=8, text="raw text"),
    MINISTER,
    KYIV,
    TimeValue(value="2024-03-05", precision="day"),
    Mention(kind="actor", text="the ministry", start=3, end=15, sentence_index=0, actor=MINISTER, label="ORG"),
    Mention(kind="place", text="Kyiv", start=20, end=24, sentence_index=0, place=KYIV),
    Mention(kind="time", text="Tuesday", start=30, end=37, sentence_index=1, time=TimeValue("2024-03-05", "day")),
    POLICE,
    LOCATION,
    Size(dead=3, injured=None, arrested=0),
    EVIDENCE,
    MENTION,
    EVENT,
    Story(id="st_0123456789ab", title="Arrests in Kyiv", doc_ids=["d1", "d2"], first_date="2024-03-05",
          last_date="2024-03-06", num_events=1, top_actors=["Police"], top_places=["Kyiv"]),
    DocumentResult(document=DOCUMENT, sentences=[Sentence(0, 0, 8, "raw text")],
                   mentions=[Mention(kind="place", text="Kyiv", start=20, end=24, sentence_index=0, place=KYIV)],
                   event_mentions=[MENTION], minhash=[3, 1, 4, 1, 5]),
    Failure(source="a.jsonl:9", message="boom"),
]
IDS = [type(sample).__name__ for sample in SAMPLES]


def _containers(value: Any) -> list[Any]:
    """Every list and dict in a value, walking dataclasses, lists, tuples and dicts."""
    found = []
    if dataclasses.is_dataclass(value):
        return [c for f in dataclasses.fields(value) for c in _containers(getattr(value, f.name))]
    if isinstance(value, (list, dict)):
        found.append(value)
    if isinstance(value, dict):
        found += [c for item in value.values() for c in _containers(item)]
    elif isinstance(value, (list, tuple)):
        found += [c for item in value for c in _containers(item)]
    return found


@pytest.mark.parametrize("sample", SAMPLES, ids=IDS)
def test_to_plain_equals_asdict_with_the_same_key_order(sample: Any) -> None:
    plain = to_plain(sample)
    assert plain == dataclasses.asdict(sample)
    assert json.dumps(plain) == json.dumps(dataclasses.asdict(sample))


@pytest.mark.parametrize("sample", SAMPLES, ids=IDS)
def test_from_plain_undoes_to_plain_also_through_json(sample: Any) -> None:
    assert from_plain(type(sample), to_plain(sample)) == sample
    assert from_plain(type(sample), json.loads(json.dumps(to_plain(sample)))) == sample


@pytest.mark.parametrize("sample", SAMPLES, ids=IDS)
def test_plain_copy_shares_no_container_with_the_object(sample: Any) -> None:
    before = copy.deepcopy(sample)
    plain = to_plain(sample)
    assert not {id(c) for c in _containers(plain)} & {id(c) for c in _containers(sample)}
    for container in _containers(plain):
        if isinstance(container, list):
            container.append("changed")
        else:
            container["changed"] = True
    assert sample == before


@pytest.mark.parametrize("sample", SAMPLES, ids=IDS)
def test_from_plain_shares_no_container_with_the_plain_data(sample: Any) -> None:
    plain = to_plain(sample)
    rebuilt = from_plain(type(sample), plain)
    shared = {id(c) for c in _containers(plain)} & {id(c) for c in _containers(rebuilt)}
    # only values declared Any are kept as they are (inside Document.metadata and Event.values)
    assert not shared or type(sample) in (Document, DocumentResult, Event)


def test_unknown_keys_are_ignored_and_missing_keys_take_defaults() -> None:
    plain = to_plain(MENTION)
    plain["added_later"] = 1
    plain["evidence"]["also_new"] = "x"
    del plain["size"], plain["contexts"], plain["event_id"]
    rebuilt = from_plain(EventMention, plain)
    assert rebuilt == dataclasses.replace(MENTION, size=Size(), contexts=[], event_id=None)


def test_a_missing_required_field_is_an_error() -> None:
    with pytest.raises(TypeError):
        from_plain(Evidence, {"doc_id": "d1"})


def test_none_stays_none() -> None:
    assert from_plain(EventMention, None) is None
    assert from_plain(Event, {**to_plain(EVENT), "location": None, "size": None}).size is None
    assert to_plain(dataclasses.replace(MENTION, location=None))["location"] is None


def test_non_dataclass_input_is_returned_as_is() -> None:
    items = [MENTION]
    assert to_plain(items) is items
    assert to_plain("text") == "text" and to_plain(None) is None
    with pytest.raises(TypeError):
        to_plain(EventMention)  # a class, as asdict


def test_from_plain_reads_generic_types() -> None:
    removed = [to_plain(Removal("a", "debris", 0)), None]
    assert from_plain(list[Removal], removed) == [Removal("a", "debris", 0), None]
    assert from_plain(Optional[dict[str, Size]], {"a": {"dead": 1}}) == {"a": Size(dead=1)}
    assert from_plain(int | str, "7") == "7"


@dataclass(kw_only=True)
class _Node:
    name: str
    children: list[_Node] = field(default_factory=list)
    parent: Optional[_Node] = None
    either: int | Size | None = None
    pair: tuple[int, Size] | None = None
    anything: Any = None
    nested: list[list[Size]] = field(default_factory=list)
    point: Point | None = None


Point = namedtuple("Point", "x y")


@dataclass
class _TitledActor(Actor):
    title: str = ""


def test_recursive_classes_unions_tuples_and_any_follow_asdict() -> None:
    leaf = _Node(name="leaf", either=Size(dead=1), pair=(1, Size(arrested=2)), anything={"s": [Size()]},
                 nested=[[Size(dead=1)], []], point=Point(1, [2]))
    root = _Node(name="root", children=[leaf, _Node(name="other", either=3)], parent=_Node(name="up"))
    assert json.dumps(to_plain(root)) == json.dumps(dataclasses.asdict(root))
    rebuilt = from_plain(_Node, json.loads(json.dumps(to_plain(root))))
    assert rebuilt.children[0].nested == [[Size(dead=1)], []] and rebuilt.parent == _Node(name="up")
    assert rebuilt.children[0].either == {"dead": 1, "injured": None, "arrested": None}  # a union stays plain


def test_a_subclass_instance_keeps_its_own_fields() -> None:
    titled = _TitledActor(id="ac_1", name="Smith", title="Dr")
    mention = Mention(kind="actor", text="Dr Smith", start=0, end=8, sentence_index=0, actor=titled)
    assert to_plain(titled)["title"] == "Dr"
    assert json.dumps(to_plain(mention)) == json.dumps(dataclasses.asdict(mention))
    assert from_plain(_TitledActor, to_plain(titled)) == titled
