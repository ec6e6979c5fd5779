"""Dataclasses shared by every stage.

Per-document stages take a `Document` and return these objects; they hold character offsets, never
spaCy objects, so they pickle across worker processes and Dask and can be tested without a database.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

#: The values `EventMention.modality` may take (DESIGN §4).
MODALITIES = ("asserted", "claimed", "denied", "planned", "hypothetical", "negated", "unconfirmed")
#: The values a date precision may take, most precise first.
DATE_PRECISIONS = ("day", "week", "month", "year", "unknown")


@dataclass
class Removal:
    """A piece of the raw text that cleaning dropped, and why (shown by `tidings show`)."""

    text: str
    reason: str  # "debris", "repeated-paragraph", "repeated-block", "trailing-credit", ...
    line: int  # 0-based line number in the raw text


@dataclass
class Document:
    """One article: its raw text, metadata and, after cleaning, the text every offset refers to."""

    id: str
    text: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD)
    language: str | None = None
    source: str | None = None  # where it was read from: "path" or "path:line"
    metadata: dict[str, Any] = field(default_factory=dict)
    clean_text: str = ""
    removed: list[Removal] = field(default_factory=list)
    near_duplicate_of: str | None = None
    story_id: str | None = None
    status: str = "new"


@dataclass
class Sentence:
    """A sentence of the clean text; `start`/`end` are character offsets into `Document.clean_text`."""

    index: int
    start: int
    end: int
    text: str


@dataclass
class Actor:
    """A canonical actor: who someone is, whatever the article calls them."""

    id: str  # "ac_" + 12 hex
    name: str
    country: str | None = None  # ISO 3166 alpha-3, or IGO/UNO/EUR/NGO/ISM/IMG/MNC
    sector: str | None = None  # PLOVER sector code: GOV, MIL, COP, REB, ...
    kind: str = "organisation"  # person, organisation, group, crowd, state, location-as-actor
    role: str | None = None  # "Prime Minister" as the text states it
    aliases: list[str] = field(default_factory=list)


@dataclass
class Place:
    """A gazetteer entry a toponym resolved to."""

    id: str  # "geonames:703448", "country:UKR", "admin1:UA.14"
    name: str
    lat: float | None
    lon: float | None
    country: str | None  # ISO3
    admin1: str | None = None
    feature: str = "city"  # city, admin1, region, country
    population: int | None = None
    geo_precision: int = 1  # 1 town, 2 near / part of region, 3 region, 4 country


@dataclass
class TimeValue:
    """A normalised time expression."""

    value: str | None  # ISO date (YYYY-MM-DD), or None when it cannot be resolved
    precision: str = "unknown"  # one of DATE_PRECISIONS


@dataclass
class Mention:
    """A span of the clean text that names an actor, a place or a time."""

    kind: str  # "actor" | "place" | "time"
    text: str
    start: int
    end: int
    sentence_index: int
    actor: Actor | None = None
    place: Place | None = None
    time: TimeValue | None = None
    label: str | None = None  # the NER label or rule that found it

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of `tidings show --format json` (DESIGN §6)."""
        out: dict[str, Any] = {
            "kind": self.kind,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "sentence_index": self.sentence_index,
        }
        if self.actor is not None:
            out.update(actor_id=self.actor.id, name=self.actor.name, country=self.actor.country,
                       sector=self.actor.sector, role=self.actor.role)
        if self.place is not None:
            out.update(place_id=self.place.id, name=self.place.name, lat=self.place.lat,
                       lon=self.place.lon, country=self.place.country, admin1=self.place.admin1,
                       geo_precision=self.place.geo_precision)
        if self.time is not None:
            out.update(value=self.time.value, precision=self.time.precision)
        return out


@dataclass
class ActorRef:
    """An actor in an event role (source, target, attribution): the words and who they mean."""

    text: str
    actor_id: str | None = None
    name: str | None = None
    country: str | None = None
    sector: str | None = None


@dataclass
class Location:
    """Where an event happened, with how the place was chosen."""

    text: str
    place_id: str | None = None
    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    geo_precision: int | None = None
    reason: str | None = None  # "clause", "sentence", "document", "speaker", "anaphor" (an unnamed town)


@dataclass
class Size:
    """Casualty and arrest counts; None means the text does not state a number."""

    dead: int | None = None
    injured: int | None = None
    arrested: int | None = None


@dataclass
class Restatement:
    """Another sentence of the same article that tells the same act (DESIGN §4: a headline, a toll
    update, "the attack"): kept with the act's one mention so every sentence stays traceable."""

    sentence_index: int
    sentence: str
    trigger: str
    start: int  # trigger offsets in the document's clean text
    end: int
    sentence_start: int = 0
    sentence_end: int = 0


@dataclass
class Evidence:
    """Where an event mention was read: enough to show and highlight it. An article reports an act
    once, in its most informative sentence; the other sentences that tell it are `other_evidence`."""

    doc_id: str
    sentence_index: int
    sentence: str
    trigger: str
    start: int  # trigger offsets in the document's clean text
    end: int
    sentence_start: int = 0
    sentence_end: int = 0
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    other_evidence: list[Restatement] = field(default_factory=list)


@dataclass(kw_only=True)
class EventFields:
    """What an event mention and a merged event both say: type, arguments, time, place, size, modality."""

    id: str
    type: str
    mode: str | None
    quad: int
    contexts: list[str] = field(default_factory=list)
    source: list[ActorRef] = field(default_factory=list)
    target: list[ActorRef] = field(default_factory=list)
    location: Location | None = None
    date: str | None = None
    date_precision: str = "unknown"
    date_text: str | None = None
    size: Size = field(default_factory=Size)
    modality: str = "asserted"
    attribution: ActorRef | None = None
    confidence: float = 0.5


@dataclass(kw_only=True)
class EventMention(EventFields):
    """One sentence's report of an event ("em_" + doc id + trigger offset), with its arguments as that
    sentence gives them."""

    evidence: Evidence
    event_id: str | None = None
    act: str | None = None  # within-article coreference: the id of the first mention of its act

    @property
    def doc_id(self) -> str:
        return self.evidence.doc_id


@dataclass(kw_only=True)
class Report(Evidence):
    """One mention of a merged event as its own article tells it: where it was read, and the
    circumstances that article gives. Outlets differ on where (one names the town, another only the
    country), when, how and how many (12 dead, or 15), and a user checking a merged value, or coding
    events per source as ACLED does, needs each version, not only the merge. Where the article is
    silent on a field (no count, no place) the report holds the merged value: silence is no other
    version. Who acted on whom is the act's identity, the same in every report (resolution merges
    only compatible participants), so the actors stay the merged event's."""

    mode: str | None = None
    location: Location | None = None
    date: str | None = None
    date_precision: str = "unknown"
    size: Size = field(default_factory=Size)
    modality: str = "asserted"
    attribution: ActorRef | None = None

    @classmethod
    def of(cls, mention: EventMention, merged: EventFields) -> Report:
        """The report of `mention`, a member of the event `merged` (values shared, not copied)."""
        told = {name: getattr(mention, name) or getattr(merged, name) for name in REPORTED_FIELDS}
        if mention.date is None:
            told["date_precision"] = merged.date_precision
        told["size"] = Size(**{count: own if own is not None else getattr(merged.size, count)
                               for count, own in asdict(mention.size).items()})
        return cls(**{f.name: getattr(mention.evidence, f.name) for f in fields(Evidence)}, **told)


#: The arguments a `Report` carries beside its evidence.
REPORTED_FIELDS = ("mode", "location", "date", "date_precision", "size", "modality", "attribution")


#: Pieces of evidence a merged event carries (its first reports in publication order); every mention
#: stays in the store's `event_mentions`, and the counts cover them all.
EVIDENCE_PER_EVENT = 200


@dataclass(kw_only=True)
class Event(EventFields):
    """A real-world event ("ev_" + 12 hex): the merge of every mention that reports it."""

    story_id: str | None = None
    num_mentions: int = 0
    num_documents: int = 0
    num_sources: int = 0
    first_reported: str | None = None
    disputed: list[str] = field(default_factory=list)
    values: dict[str, list[Any]] = field(default_factory=dict)  # disputed field -> each source's value
    mentions: list[Report] = field(default_factory=list)  # up to EVIDENCE_PER_EVENT

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of `tidings events --format jsonl` (DESIGN §6)."""
        return asdict(self)


@dataclass
class Story:
    """Documents that report the same real-world development."""

    id: str  # "st_" + 12 hex
    title: str
    doc_ids: list[str] = field(default_factory=list)
    first_date: str | None = None
    last_date: str | None = None
    num_events: int = 0
    top_actors: list[str] = field(default_factory=list)
    top_places: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class DocumentResult:
    """Everything the per-document stages produce for one document: what a worker hands back."""

    document: Document
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    event_mentions: list[EventMention] = field(default_factory=list)
    minhash: list[int] = field(default_factory=list)  # MinHash signature of the clean text


class EventList(list):  # type: ignore[type-arg]
    """A list of `Event`s that can become a pandas DataFrame (pandas is optional)."""

    def to_pandas(self) -> Any:
        """One row per event; nested fields flattened with dots (`location.lat`, `size.dead`)."""
        import pandas as pd

        return pd.json_normalize([event.to_dict() for event in self])
