"""Event de-duplication: merge event mentions from many documents into events, incrementally.

The integrator loads the events of a batch's date window (with their mentions) into an
`EventIndex`, calls `add()` with the batch's new mentions and writes back what `add()` returns.
Candidates are found by blocking on (type, date bucket, place or actor), so each mention is compared
with a handful of events whatever the size of the archive (DESIGN §9).

A mention joins the best-scoring compatible event. Vetoes, in order (rules in `_compat`/`_parties`):
* type: same type or a listed pair; stated modes must agree with every member's (tear gas is not live
  fire), an unstated mode fits any, CONSULT modes are ignored; inside one document two types are
  two acts (the pairs are for outlets that code one act differently);
* modality: real vs planned never merge, except a meeting's plan and the meeting held;
* date: each date is a span of days (a week from a time expression is its 7 days; the
  publication-day fallback is the `REPORT_LAG_DAYS` before publication; a month its days); spans
  more than `day_window` apart do not merge; year/unknown dates need the same publication day;
* place: different towns never merge; a town joins its region or country ("western Kenya" counts
  as Kenya); a bare country joins a place in another country only when both countries are parties
  (actor countries), since then the country named is a party, not the venue; plans of a meeting on
  one day ignore coarse places and are tied by shared parties instead;
* actors: contradicting countries in a role veto (not for meetings, whose roles are symmetric);
  without a shared place, reports from different documents need a shared actor.
"""

from __future__ import annotations

import hashlib
import logging
from bisect import insort
from dataclasses import dataclass, field

from tidings.model import EVIDENCE_PER_EVENT, Event, EventMention

from tidings.resolve._compat import (
    DATED,
    actor_countries,
    actor_ids,
    date_span,
    date_window,
    day_number,
    modality_compatible,
    modes_compatible,
    partner_types,
    place_chain,
    places_compatible,
    role_compatible,
    sides,
    span_gap,
)
from tidings.resolve._merge import merge_event, merge_matching_fields
from tidings.resolve._parties import (
    MEETING_MODALITIES,
    MEETING_TYPES,
    is_meeting_plan,
    is_town,
    meeting_places_compatible,
    party_tie,
    party_country_place,
)

log = logging.getLogger(__name__)

#: Width (days) of a date bucket in the blocking index.
BUCKET_DAYS = 7
#: How many near-duplicate hops lead to the original document (guards against cycles).
MAX_DUPLICATE_HOPS = 8


#: Mentions kept per event to merge its arguments and evidence from. Past that, a mention only updates
#: the event's counts: a story reported thousands of times keeps bounded memory and a bounded cost per
#: batch. Every mention stays in the store's event_mentions table.
MAX_MEMBERS = EVIDENCE_PER_EVENT


def event_id_for(mention_id: str) -> str:
    """"ev_" + 12 hex of the first mention's id: adding mentions later never changes it."""
    return "ev_" + hashlib.sha1(mention_id.encode("utf-8")).hexdigest()[:12]


def _informative(mention: EventMention) -> tuple[int, int, int]:
    """Sort key: a stated day first, then a precise place, then text order."""
    dated = mention.date_precision == "day" and not (mention.date_text or "").startswith("publication")
    precise = mention.location is not None and (mention.location.geo_precision or 4) <= 2
    return (not dated, not precise, mention.evidence.start)


def _member_order(mention: EventMention) -> tuple[str, str, int, str]:
    """Canonical member order, so a merge does not depend on the order rows come back from a DB."""
    return (mention.evidence.published or "9999", mention.doc_id, mention.evidence.start, mention.id)


@dataclass
class _Cluster:
    """One event with its members and the summary that matching and blocking read."""

    event: Event
    order: int
    members: list[EventMention] = field(default_factory=list)  # the first MAX_MEMBERS, in member order
    total: int = 0
    sources: set[str] = field(default_factory=set)
    first_published: str | None = None
    # What a reloaded event counted beyond the members handed back (those past MAX_MEMBERS).
    extra_mentions: int = 0
    extra_documents: int = 0
    extra_sources: int = 0
    docs: set[str] = field(default_factory=set)
    pub_days: set[int] = field(default_factory=set)
    chain: tuple[str, ...] = ()
    town: bool = False
    day: int | None = None
    span: tuple[int, int] | None = None
    type_modes: set[tuple[str, str | None]] = field(default_factory=set)
    plans: int = 0  # members that are meeting plans
    parties: set[str] = field(default_factory=set)
    source_ids: set[str] = field(default_factory=set)
    source_countries: set[str] = field(default_factory=set)
    source_sides: set[str] = field(default_factory=set)
    target_ids: set[str] = field(default_factory=set)
    target_countries: set[str] = field(default_factory=set)
    last_day: int = 0
    keys: set[tuple] = field(default_factory=set)


class EventIndex:
    """Merged events plus their member mentions, with blocking indexes for incremental merging."""

    def __init__(self, day_window: int = 1) -> None:
        """`day_window`: how many days two day-precise reports of one event may differ (settings)."""
        self.day_window = day_window
        self._clusters: dict[str, _Cluster] = {}
        self._blocks: dict[tuple, dict[str, None]] = {}
        self._by_doc: dict[str, dict[str, None]] = {}
        self._mention_event: dict[str, str] = {}
        self._near_duplicates: dict[str, str] = {}
        self._doc_outlet: dict[str, str] = {}
        self._next_order = 0

    @classmethod
    def from_events(
        cls,
        events: list[Event],
        mentions: list[EventMention],
        near_duplicates: dict[str, str] | None = None,
        day_window: int = 1,
    ) -> "EventIndex":
        """Rebuild an index from stored events and their mentions (each with `event_id` set).

        `near_duplicates` (doc_id -> original doc_id) should cover the documents of these mentions
        so that source counts stay right when new mentions join.
        """
        index = cls(day_window=day_window)
        index._near_duplicates.update(near_duplicates or {})
        grouped: dict[str, list[EventMention]] = {}
        for mention in mentions:
            if mention.event_id is None:
                log.warning("mention %s has no event_id; left out of the index", mention.id)
                continue
            grouped.setdefault(mention.event_id, []).append(mention)
        for event in events:
            members = grouped.get(event.id)
            if not members:
                log.warning("event %s has no mentions loaded; it cannot take new ones", event.id)
                continue
            cluster = _Cluster(event=event, order=index._next_order)
            index._next_order += 1
            index._clusters[event.id] = cluster
            for mention in sorted(members, key=_member_order):
                index._attach(cluster, mention)
            cluster.extra_mentions = max(0, event.num_mentions - cluster.total)
            cluster.extra_documents = max(0, event.num_documents - len(cluster.docs))
            cluster.extra_sources = max(0, event.num_sources - len(cluster.sources))
            if event.first_reported and (cluster.first_published is None
                                         or event.first_reported < cluster.first_published):
                cluster.first_published = event.first_reported
            index._refresh(cluster)
        return index

    def __len__(self) -> int:
        return len(self._clusters)

    def events(self) -> list[Event]:
        """Every event in the index, in creation order."""
        return [c.event for c in self._clusters.values()]

    def get(self, event_id: str) -> Event | None:
        cluster = self._clusters.get(event_id)
        return cluster.event if cluster else None

    def mentions_of(self, event_id: str) -> list[EventMention]:
        """The member mentions of an event, in canonical order."""
        cluster = self._clusters.get(event_id)
        return list(cluster.members) if cluster else []

    def add(
        self, mentions: list[EventMention], near_duplicates: dict[str, str] | None = None
    ) -> list[Event]:
        """Merge each mention into a compatible event or start one; return created or changed events.

        Sets `mention.event_id`. A kept member mention is not added twice (re-runs skip whole
        documents before this; past an event's member cap only its counts are kept).
        `near_duplicates` maps doc_id -> original doc_id: such a copy counts as the original's source.
        """
        self._near_duplicates.update(near_duplicates or {})
        changed: dict[str, bool] = {}  # event id -> whether its members changed
        acts: dict[str, _Cluster] = {}  # within-article coreference (events/coreference.py): act -> its event
        members: dict[str, list[EventMention]] = {}
        for mention in mentions:
            if mention.act:
                members.setdefault(mention.act, []).append(mention)
        for mention in mentions:
            known = self._mention_event.get(mention.id)
            if known is not None:
                mention.event_id = known
                continue
            if mention.evidence.outlet:
                self._doc_outlet.setdefault(mention.doc_id, mention.evidence.outlet)
            cluster = acts.get(mention.act) if mention.act else None
            if cluster is None or cluster.event.id not in self._clusters:
                cluster = self._act_candidate(members.get(mention.act or "", [mention]))
            if cluster is None:
                event_id = event_id_for(mention.id)
                while event_id in self._clusters:  # only a hash collision gets here
                    event_id = event_id_for(event_id + mention.id)
                cluster = _Cluster(
                    event=Event(id=event_id, type=mention.type, mode=mention.mode, quad=mention.quad),
                    order=self._next_order,
                )
                self._next_order += 1
                self._clusters[event_id] = cluster
            if mention.act:
                acts.setdefault(mention.act, cluster)
            kept = self._attach(cluster, mention)
            # A mention past MAX_MEMBERS leaves the members, hence the merged fields, as they were.
            self._refresh(cluster, full=False, merge=kept)
            changed[cluster.event.id] = changed.get(cluster.event.id, False) or kept
        for event_id, members_changed in changed.items():  # the full merge once per event and batch
            self._refresh(self._clusters[event_id], merge=members_changed)
        return [self._clusters[event_id].event for event_id in changed]

    def member_count(self) -> int:
        """Member mentions held in memory (what the index's memory grows with)."""
        return sum(len(cluster.members) for cluster in self._clusters.values())

    def evict_oldest(self, keep_members: int) -> list[str]:
        """Drop the events whose latest date or publication day is oldest until at most `keep_members`
        member mentions remain; returns the evicted ids (they stay in the store)."""
        held = self.member_count()
        gone: list[str] = []
        for cluster in sorted(self._clusters.values(), key=lambda c: (c.last_day, c.order)):
            if held <= keep_members:
                break
            held -= len(cluster.members)
            gone.append(cluster.event.id)
        self._drop(gone)
        return gone

    def _drop(self, gone: list[str]) -> None:
        for event_id in gone:
            cluster = self._clusters.pop(event_id)
            for key in cluster.keys:
                block = self._blocks.get(key)
                if block is not None:
                    block.pop(event_id, None)
                    if not block:
                        del self._blocks[key]
            for member in cluster.members:
                self._mention_event.pop(member.id, None)
            for doc_id in cluster.docs:
                docs = self._by_doc.get(doc_id)
                if docs is not None:
                    docs.pop(event_id, None)
                    if not docs:
                        del self._by_doc[doc_id]
                        self._doc_outlet.pop(doc_id, None)

    # -- matching -----------------------------------------------------------------------------

    def _act_candidate(self, act: list[EventMention]) -> _Cluster | None:
        """The event an article's act joins: tried with its most informative mention first (a dated
        lead sentence with its town finds the other outlets' reports where a terse headline cannot)."""
        for mention in sorted(act, key=_informative):
            cluster = self._best_candidate(mention)
            if cluster is not None:
                return cluster
        return None

    def _best_candidate(self, mention: EventMention) -> _Cluster | None:
        best: tuple[float, int] | None = None
        chosen: _Cluster | None = None
        for event_id in self._candidate_ids(mention):
            cluster = self._clusters.get(event_id)
            if cluster is None:
                continue
            score = self._score(mention, cluster)
            if score is None:
                continue
            rank = (score, -cluster.order)
            if best is None or rank > best:
                best, chosen = rank, cluster
        return chosen

    def _candidate_ids(self, mention: EventMention) -> dict[str, None]:
        chain = place_chain(mention.location)
        ids = actor_ids(mention.source) | actor_ids(mention.target)
        if chain:
            wheres = [("u", chain[0])] + [("s", key) for key in chain]
            wheres += [("n", actor) for actor in sorted(ids)]
        else:
            wheres = []
        # every event an actor of this mention took part in: the party-country rule may join
        # places that share no key ("Russia" and a town in Ukraine)
        wheres += [("a", actor) for actor in sorted(ids)]
        out: dict[str, None] = dict(self._by_doc.get(mention.doc_id, {}))
        day = day_number(mention.date) if mention.date_precision in DATED else None
        pub = day_number(mention.evidence.published)
        for type_ in partner_types(mention.type):
            prefixes: list[tuple] = []
            if day is not None:
                own = date_window(mention.date_precision, self.day_window) or 0
                for cls in DATED:
                    reach = max(own, date_window(cls, self.day_window) or 0)
                    for bucket in range((day - reach) // BUCKET_DAYS, (day + reach) // BUCKET_DAYS + 1):
                        prefixes.append(("d", type_, cls, bucket))
            if pub is not None:
                prefixes.append(("p", type_, pub))
            for prefix in prefixes:
                for where in wheres:
                    block = self._blocks.get(prefix + where)
                    if block:
                        out.update(block)
        if day is not None and mention.date_precision == "day" and mention.type in MEETING_TYPES:
            out.update(self._blocks.get(("m", mention.type, day), {}))
        return out

    def _score(self, mention: EventMention, cluster: _Cluster) -> float | None:
        """How well `mention` fits `cluster`, or None when they cannot be one event."""
        event = cluster.event
        same_doc = mention.doc_id in cluster.docs
        if same_doc and mention.act and any(m.doc_id == mention.doc_id and m.act and m.act != mention.act
                                            for m in cluster.members):
            return None  # the article tells of two acts: its coreference decided (events/coreference.py)
        for type_, mode in cluster.type_modes:
            if not modes_compatible(mention.type, mention.mode, type_, mode):
                return None
            if same_doc and type_ != mention.type:
                return None  # one report that codes two acts differently tells of two acts
        span = date_span(mention.date, mention.date_precision, mention.date_text)
        gap = span_gap(span, cluster.span) if span is not None and cluster.span is not None else None
        # a meeting: its plans and the report of it held are one event when the days meet
        meeting = gap == 0 and mention.type in MEETING_TYPES and event.type in MEETING_TYPES
        if not modality_compatible(mention.modality, event.modality) and not (
            meeting and MEETING_MODALITIES >= {mention.modality, event.modality}
        ):
            return None
        distance = 0.0
        if gap is not None:
            if gap > self.day_window:
                return None
            distance = gap / (self.day_window + 1.0)
        else:
            if mention.date and event.date and mention.date[:4] != event.date[:4]:
                return None
            pub = day_number(mention.evidence.published)
            if not same_doc and (pub is None or pub not in cluster.pub_days):
                return None
        chain = place_chain(mention.location)
        place = places_compatible(chain, cluster.chain)
        plan_day = (meeting and span is not None and span[0] == span[1] == cluster.span[0] == cluster.span[1]
                    and (is_meeting_plan(mention.type, mention.modality) or cluster.plans > 0))
        parties = cluster.parties | actor_countries(mention.source) | actor_countries(mention.target)
        if place is None:
            if plan_day and meeting_places_compatible(chain, is_town(mention.location), cluster.chain,
                                                      cluster.town):
                place = 0
            elif party_country_place(chain, cluster.chain, parties):
                place = 0
            else:
                return None
        mine_sides = sides(mention.source)
        if not meeting and mine_sides and cluster.source_sides and not mine_sides & cluster.source_sides:
            return None  # state forces in one report, rebels or protesters in the other: two acts
        own = actor_ids(mention.source) | actor_ids(mention.target)
        shared_ids = own & (cluster.source_ids | cluster.target_ids)
        source = role_compatible(mention.source, cluster.source_ids, cluster.source_countries)
        target = role_compatible(mention.target, cluster.target_ids, cluster.target_countries)
        if source is None or target is None:
            if not (meeting and (place == 3 or shared_ids)):
                return None
            source = target = 0  # who meets whom is said in either order; the venue or a party ties
        if plan_day and place < 3:  # the place does not tie a meeting's plans: its parties do
            mine = actor_countries(mention.source) | actor_countries(mention.target)
            tie = party_tie(bool(shared_ids), bool(own or mine), mine, cluster.parties, same_doc)
            if tie is None:
                return None
            source += tie
        if place == 0 and not same_doc and source + target == 0:
            return None  # without a place, only a shared actor ties reports from other documents
        return place + source + target + (0.5 if same_doc else 0.0) - distance

    # -- bookkeeping --------------------------------------------------------------------------

    def _attach(self, cluster: _Cluster, mention: EventMention) -> bool:
        """Count the mention in the cluster; returns whether it joined the kept members."""
        kept = len(cluster.members) < MAX_MEMBERS
        if kept:
            insort(cluster.members, mention, key=_member_order)
        cluster.total += 1
        published = mention.evidence.published
        if published and (cluster.first_published is None or published < cluster.first_published):
            cluster.first_published = published
        mention.event_id = cluster.event.id
        if kept:  # memory follows the kept members, not every report of a big story
            self._mention_event[mention.id] = cluster.event.id
        cluster.docs.add(mention.doc_id)
        self._by_doc.setdefault(mention.doc_id, {})[cluster.event.id] = None
        if mention.evidence.outlet:  # also for mentions reloaded by from_events: source counts need it
            self._doc_outlet.setdefault(mention.doc_id, mention.evidence.outlet)
        cluster.sources.add(self._source_of(mention))
        pub = day_number(mention.evidence.published)
        if pub is not None:
            cluster.pub_days.add(pub)
        cluster.source_ids |= actor_ids(mention.source)
        cluster.source_countries |= actor_countries(mention.source)
        cluster.source_sides |= sides(mention.source)
        cluster.target_ids |= actor_ids(mention.target)
        cluster.target_countries |= actor_countries(mention.target)
        cluster.parties |= actor_countries(mention.source) | actor_countries(mention.target)
        cluster.type_modes.add((mention.type, mention.mode))
        cluster.plans += is_meeting_plan(mention.type, mention.modality)
        day = day_number(mention.date) if mention.date_precision in DATED else None
        cluster.last_day = max([cluster.last_day] + [d for d in (day, pub) if d is not None])
        return kept

    def _refresh(self, cluster: _Cluster, full: bool = True, merge: bool = True) -> None:
        """Recompute the merged event from the members, then index it under its current keys.

        With `full=False` only what matching reads is updated (type, mode, modality, date, place);
        `add()` completes the merge once per changed event at the end of the batch. With
        `merge=False` the members did not change: only the counts and the index keys are updated.
        """
        if not merge:
            event = cluster.event
        elif full:
            event = merge_event(cluster.event.id, cluster.members, self._source_of, cluster.event.story_id)
        else:
            event = merge_matching_fields(cluster.event, cluster.members)
        if full:  # counts cover every member, also those past MAX_MEMBERS
            event.num_mentions = cluster.total + cluster.extra_mentions
            event.num_documents = len(cluster.docs) + cluster.extra_documents
            event.num_sources = len(cluster.sources) + cluster.extra_sources
            event.first_reported = cluster.first_published or event.first_reported
        cluster.event = event
        cluster.chain = place_chain(event.location)
        cluster.day = day_number(event.date) if event.date_precision in DATED else None
        cluster.span = date_span(event.date, event.date_precision, event.date_text)
        cluster.town = is_town(event.location)
        ids = cluster.source_ids | cluster.target_ids
        if cluster.chain:
            wheres = [("u", key) for key in cluster.chain] + [("s", cluster.chain[0])]
        else:
            wheres = [("n", actor) for actor in sorted(ids)]
        wheres += [("a", actor) for actor in sorted(ids)]
        prefixes: list[tuple] = [("p", event.type, pub) for pub in sorted(cluster.pub_days)]
        if cluster.day is not None:
            prefixes.append(("d", event.type, event.date_precision, cluster.day // BUCKET_DAYS))
            if event.date_precision == "day" and event.type in MEETING_TYPES:
                key = ("m", event.type, cluster.day)
                cluster.keys.add(key)
                self._blocks.setdefault(key, {})[event.id] = None
        for prefix in prefixes:
            for where in wheres:
                key = prefix + where
                if key not in cluster.keys:
                    cluster.keys.add(key)
                    self._blocks.setdefault(key, {})[event.id] = None

    def _source_of(self, mention: EventMention) -> str:
        """Source key: the outlet of the original document (near-duplicates count as it), else the doc."""
        root = mention.doc_id
        for _ in range(MAX_DUPLICATE_HOPS):
            parent = self._near_duplicates.get(root)
            if parent is None or parent == root:
                break
            root = parent
        outlet = self._doc_outlet.get(root)
        if outlet is None and root == mention.doc_id:
            outlet = mention.evidence.outlet
        return f"outlet:{outlet}" if outlet else f"doc:{root}"
