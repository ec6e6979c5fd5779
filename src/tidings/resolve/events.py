"""Event de-duplication: merge event mentions from many documents into events, incrementally.

The integrator loads the events of a batch's date window (with their mentions) into an
`EventIndex`, calls `add()` with the batch's new mentions and writes back what `add()` returns.
Candidates are found by blocking on (type, date bucket, place or actor), so each mention is compared
with a handful of events whatever the size of the archive (DESIGN §9).

A mention joins the best-scoring compatible event (the rules are in `_fit`); among equals the one
reported first in the canonical member order, so that an index rebuilt from the store in a later run
chooses as the first run did (split and resumed runs store the events of one run). Sources are counted
by `_sources`: a syndicated copy counts as its original's outlet, never above the outlets that printed
the members.
"""

from __future__ import annotations

import hashlib
import logging
from bisect import insort

from tidings.model import EVIDENCE_PER_EVENT, Event, EventMention

from tidings.resolve._cluster import Cluster, member_order, source_count
from tidings.resolve._compat import (
    DATED,
    PRECISION_WINDOWS,
    actor_countries,
    actor_ids,
    date_span,
    date_window,
    day_number,
    is_publication_fallback,
    partner_types,
    place_chain,
    sides,
    state_actors,
)
from tidings.resolve._fit import fit, joins_another_act_untied, modes_meet
from tidings.resolve._merge import merge_event, merge_matching_fields
from tidings.resolve._parties import MEETING_TYPES, is_meeting_plan, is_town
from tidings.resolve._sources import SourceBook

log = logging.getLogger(__name__)

#: Width (days) of a date bucket in the blocking index.
BUCKET_DAYS = 7


#: Mentions kept per event to merge its arguments and evidence from. Past that, a mention only updates
#: the event's counts: a story reported thousands of times keeps bounded memory and a bounded cost per
#: batch. Every mention stays in the store's event_mentions table.
MAX_MEMBERS = EVIDENCE_PER_EVENT


def event_id_for(mention_id: str) -> str:
    """"ev_" + 12 hex of the first mention's id: adding mentions later never changes it."""
    return "ev_" + hashlib.sha1(mention_id.encode("utf-8")).hexdigest()[:12]


def _informative(mention: EventMention) -> tuple[int, int, int]:
    """Sort key: a stated day first, then a precise place, then text order."""
    dated = mention.date_precision == "day" and not is_publication_fallback(
        mention.date, mention.date_precision, mention.date_text)
    precise = mention.location is not None and (mention.location.geo_precision or 4) <= 2
    return (not dated, not precise, mention.evidence.start)


class EventIndex:
    """Merged events plus their member mentions, with blocking indexes for incremental merging."""

    def __init__(self, day_window: int = 1, story_lag: int = 7) -> None:
        """`day_window`: how many days two day-precise reports of one event may differ; `story_lag`:
        how many days before publication an undated report of the event's story may tell of (settings)."""
        self.day_window = day_window
        self.story_lag = story_lag
        self._clusters: dict[str, Cluster] = {}
        self._blocks: dict[tuple, dict[str, None]] = {}
        self._by_doc: dict[str, dict[str, None]] = {}
        self._mention_event: dict[str, str] = {}
        self._sources = SourceBook()
        self._doc_story: dict[str, str] = {}  # doc id -> story id (stories widen date windows)
        self._next_order = 0

    @classmethod
    def from_events(
        cls,
        events: list[Event],
        mentions: list[EventMention],
        near_duplicates: dict[str, str] | None = None,
        day_window: int = 1,
        outlets: dict[str, str | None] | None = None,
        stories: dict[str, str | None] | None = None,
        story_lag: int = 7,
    ) -> "EventIndex":
        """Rebuild an index from stored events and their mentions (each with `event_id` set); see `load`."""
        index = cls(day_window=day_window, story_lag=story_lag)
        index.load(events, mentions, near_duplicates, outlets, stories)
        return index

    def load(
        self,
        events: list[Event],
        mentions: list[EventMention],
        near_duplicates: dict[str, str] | None = None,
        outlets: dict[str, str | None] | None = None,
        stories: dict[str, str | None] | None = None,
    ) -> int:
        """Bring stored events and their mentions (each with `event_id` set) into the index; events
        already held are skipped. Returns how many were added.

        `near_duplicates` (doc_id -> original doc_id) should cover the documents of these mentions,
        `outlets` (doc_id -> outlet) the originals they copy and `stories` (doc_id -> story id) their
        documents, so that a reloaded event counts and matches exactly as when it was first merged.
        """
        self._sources.learn(near_duplicates, outlets)
        self._learn_stories(stories)
        grouped: dict[str, list[EventMention]] = {}
        for mention in mentions:
            if mention.event_id is None:
                log.warning("mention %s has no event_id; left out of the index", mention.id)
                continue
            grouped.setdefault(mention.event_id, []).append(mention)
        added = 0
        for event in events:
            if event.id in self._clusters:
                continue
            members = grouped.get(event.id)
            if not members:
                log.warning("event %s has no mentions loaded; it cannot take new ones", event.id)
                continue
            cluster = Cluster(event=event, order=self._next_order)
            self._next_order += 1
            self._clusters[event.id] = cluster
            added += 1
            for mention in sorted(members, key=member_order):
                self._attach(cluster, mention)
            cluster.extra_mentions = max(0, event.num_mentions - cluster.total)
            cluster.extra_documents = max(0, event.num_documents - len(cluster.docs))
            cluster.extra_sources = max(0, event.num_sources - source_count(cluster))
            if event.first_reported and (cluster.first_published is None
                                         or event.first_reported < cluster.first_published):
                cluster.first_published = event.first_reported
            self._refresh(cluster)
        return added

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
        self, mentions: list[EventMention], near_duplicates: dict[str, str] | None = None,
        outlets: dict[str, str | None] | None = None,
        stories: dict[str, str | None] | None = None,
    ) -> list[Event]:
        """Merge each mention into a compatible event or start one; return created or changed events.

        Sets `mention.event_id`. A kept member mention is not added twice (re-runs skip whole
        documents before this; past an event's member cap only its counts are kept).
        `near_duplicates` maps doc_id -> original doc_id: such a copy counts as the original's source,
        whose outlet `outlets` (doc_id -> outlet) gives when the original has no mention in memory.
        """
        self._sources.learn(near_duplicates, outlets)
        self._learn_stories(stories)
        changed: dict[str, bool] = {}  # event id -> whether its members changed
        acts: dict[str, Cluster] = {}  # within-article coreference (events/coreference.py): act -> its event
        members: dict[str, list[EventMention]] = {}
        for mention in mentions:  # every outlet first: a copy may come before its original
            self._sources.note(mention)
            if mention.act:
                members.setdefault(mention.act, []).append(mention)
        for mention in mentions:
            known = self._mention_event.get(mention.id)
            if known is not None:
                mention.event_id = known
                continue
            self._sources.note(mention)
            cluster = acts.get(mention.act) if mention.act else None
            if cluster is None or cluster.event.id not in self._clusters:
                cluster = self._act_candidate(members.get(mention.act or "", [mention]))
            if cluster is None:
                event_id = event_id_for(mention.id)
                while event_id in self._clusters:  # only a hash collision gets here
                    event_id = event_id_for(event_id + mention.id)
                cluster = Cluster(
                    # the story of the report that started it: known now, whatever the batches are
                    event=Event(id=event_id, type=mention.type, mode=mention.mode, quad=mention.quad,
                                story_id=self._doc_story.get(mention.doc_id)),
                    order=self._next_order, first=member_order(mention),
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

    def _learn_stories(self, stories: dict[str, str | None] | None) -> None:
        for doc_id, story_id in (stories or {}).items():
            if story_id:
                self._doc_story[doc_id] = story_id

    def member_count(self) -> int:
        """Member mentions held in memory (what the index's memory grows with)."""
        return sum(len(cluster.members) for cluster in self._clusters.values())

    def evict_oldest(self, keep_members: int) -> list[str]:
        """Drop the events whose latest date or publication day is oldest until at most `keep_members`
        member mentions remain; returns the evicted ids (they stay in the store)."""
        held = self.member_count()
        gone: list[str] = []
        for cluster in sorted(self._clusters.values(), key=lambda c: (c.last_day, c.first)):
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
                        self._sources.forget(doc_id)
                        self._doc_story.pop(doc_id, None)

    # -- matching -----------------------------------------------------------------------------

    def _act_candidate(self, act: list[EventMention]) -> Cluster | None:
        """The event an article's act joins: tried with its most informative mention first (a dated
        lead sentence with its town finds the other outlets' reports where a terse headline cannot)."""
        for mention in sorted(act, key=_informative):
            cluster = self._best_candidate(mention, act)
            if cluster is not None:
                return cluster
        return None

    def _best_candidate(self, mention: EventMention, act: list[EventMention] | None = None) -> Cluster | None:
        """The best-scoring compatible event; among equals the one reported first (by the canonical
        member order, not by when it entered memory: a reloaded index must choose as the first did).

        The whole `act` joins the event, so the modes of all its mentions must meet the event's: an
        act that tells a suicide bombing and the blast of an air strike weeks later (a coreference
        slip) must not carry the bombing into the air strike's event through the blast."""
        best: float | None = None
        chosen: Cluster | None = None
        for event_id in self._candidate_ids(mention):
            cluster = self._clusters.get(event_id)
            if cluster is None:
                continue
            score = self._score(mention, cluster)
            if score is None or not all(modes_meet(other, cluster) for other in act or ()):
                continue
            if chosen is None or score > best or (score == best and cluster.first < chosen.first):
                best, chosen = score, cluster
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
        story = self._doc_story.get(mention.doc_id)
        if story is not None:  # inside a story, undated reports meet acts of the days before
            ref = day if day is not None else pub
            for type_ in partner_types(mention.type):
                if ref is None:  # an undated article: every act of its story
                    out.update(self._blocks.get(("sa", type_, story), {}))
                    continue
                reach = self.story_lag + max(self.day_window, PRECISION_WINDOWS["month"]
                                             if mention.date_precision == "month" else 0)
                buckets = [None, *range((ref - reach) // BUCKET_DAYS, (ref + reach) // BUCKET_DAYS + 1)]
                for bucket in buckets:
                    out.update(self._blocks.get(("st", type_, story, bucket), {}))
        return out

    def _score(self, mention: EventMention, cluster: Cluster) -> float | None:
        """How well `mention` fits `cluster`, or None when they cannot be one event (`_fit.fit`)."""
        score = fit(mention, cluster, self._doc_story.get(mention.doc_id), self.day_window, self.story_lag)
        if score is None or not joins_another_act_untied(mention, cluster):
            return score
        return None

    # -- bookkeeping --------------------------------------------------------------------------

    def _attach(self, cluster: Cluster, mention: EventMention) -> bool:
        """Count the mention in the cluster; returns whether it joined the kept members."""
        kept = len(cluster.members) < MAX_MEMBERS
        key = member_order(mention)
        if not cluster.members or key < cluster.first:
            cluster.first = key
        if kept:
            insort(cluster.members, mention, key=member_order)
        cluster.total += 1
        published = mention.evidence.published
        if published and (cluster.first_published is None or published < cluster.first_published):
            cluster.first_published = published
        mention.event_id = cluster.event.id
        if kept:  # memory follows the kept members, not every report of a big story
            self._mention_event[mention.id] = cluster.event.id
        cluster.docs.add(mention.doc_id)
        story = self._doc_story.get(mention.doc_id)
        if story is not None:
            cluster.stories.add(story)
        self._by_doc.setdefault(mention.doc_id, {})[cluster.event.id] = None
        self._sources.note(mention)  # also for mentions reloaded by from_events: source counts need it
        cluster.sources.add(self._sources.source_of(mention))
        cluster.outlets.add(self._sources.own_key(mention))
        pub = day_number(mention.evidence.published)
        if pub is not None:
            cluster.pub_days.add(pub)
        cluster.source_ids |= actor_ids(mention.source)
        cluster.source_countries |= actor_countries(mention.source)
        cluster.source_sides |= sides(mention.source)
        cluster.target_ids |= actor_ids(mention.target)
        cluster.target_countries |= actor_countries(mention.target)
        cluster.source_state_countries |= actor_countries(state_actors(mention.source))
        cluster.target_state_countries |= actor_countries(state_actors(mention.target))
        cluster.parties |= actor_countries(mention.source) | actor_countries(mention.target)
        cluster.type_modes.add((mention.type, mention.mode))
        cluster.plans += is_meeting_plan(mention.type, mention.modality)
        day = day_number(mention.date) if mention.date_precision in DATED else None
        cluster.last_day = max([cluster.last_day] + [d for d in (day, pub) if d is not None])
        return kept

    def _refresh(self, cluster: Cluster, full: bool = True, merge: bool = True) -> None:
        """Recompute the merged event from the members, then index it under its current keys.

        With `full=False` only what matching reads is updated (type, mode, modality, date, place);
        `add()` completes the merge once per changed event at the end of the batch. With
        `merge=False` the members did not change: only the counts and the index keys are updated.
        """
        if not merge:
            event = cluster.event
        elif full:
            event = merge_event(cluster.event.id, cluster.members, self._sources.source_of, cluster.event.story_id)
        else:
            event = merge_matching_fields(cluster.event, cluster.members)
        if full:  # counts cover every member, also those past MAX_MEMBERS
            event.num_mentions = cluster.total + cluster.extra_mentions
            event.num_documents = len(cluster.docs) + cluster.extra_documents
            event.num_sources = source_count(cluster) + cluster.extra_sources
            event.first_reported = cluster.first_published or event.first_reported
        cluster.event = event
        cluster.chain = place_chain(event.location)
        cluster.day = day_number(event.date) if event.date_precision in DATED else None
        cluster.span = date_span(event.date, event.date_precision, event.date_text)
        cluster.town = is_town(event.location)
        self._index(cluster, self._keys(cluster))

    def _keys(self, cluster: Cluster) -> set[tuple]:
        """The blocking keys of an event as it is now: by type with its date bucket or publication
        days, each with its places or (without a place) its actors; by its stories."""
        event = cluster.event
        ids = cluster.source_ids | cluster.target_ids
        if cluster.chain:
            wheres = [("u", key) for key in cluster.chain] + [("s", cluster.chain[0])]
        else:
            wheres = [("n", actor) for actor in sorted(ids)]
        wheres += [("a", actor) for actor in sorted(ids)]
        prefixes: list[tuple] = [("p", event.type, pub) for pub in sorted(cluster.pub_days)]
        keys: set[tuple] = set()
        if cluster.day is not None:
            prefixes.append(("d", event.type, event.date_precision, cluster.day // BUCKET_DAYS))
            if event.date_precision == "day" and event.type in MEETING_TYPES:
                keys.add(("m", event.type, cluster.day))
        days = ({cluster.day} if cluster.day is not None else set()) | cluster.pub_days
        buckets = sorted({d // BUCKET_DAYS for d in days}) or [None]
        for story in cluster.stories:
            keys.add(("sa", event.type, story))  # every event of a story, for its undated reports
            keys.update(("st", event.type, story, bucket) for bucket in buckets)
        keys.update(prefix + where for prefix in prefixes for where in wheres)
        return keys

    def _index(self, cluster: Cluster, keys: set[tuple]) -> None:
        """Index the event under exactly `keys`: an event held since the start of a run is found by
        the same keys as one reloaded from the store, so a split or resumed run merges alike."""
        event_id = cluster.event.id
        for key in cluster.keys - keys:
            block = self._blocks.get(key)
            if block is not None:
                block.pop(event_id, None)
                if not block:
                    del self._blocks[key]
        for key in keys - cluster.keys:
            self._blocks.setdefault(key, {})[event_id] = None
        cluster.keys = keys
