"""Cross-document resolution of a finished batch against the store: near-duplicates, events and
stories. Runs in the main process, between the workers and the write of the batch.

Events and stories stay in memory across the batches of a run: stored events are read once per
calendar month the run touches (with a month's margin either side, the widest merge window), the most
recent first and no more than the memory budget (`resolver_memory_mentions`). When the index grows past
that budget, the events reported longest ago leave memory, so memory stays bounded on any corpus. Evicted
events and stories stay in the store, and the next run loads them again for the months it touches.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from tidings.clean import estimate_jaccard, lsh_band_keys
from tidings.config import Settings
from tidings.errors import StoreError
from tidings.model import DocumentResult, Event, EventMention, Story
from tidings.resolve import EventIndex, StoryIndex, story_features
from tidings.store import Store

log = logging.getLogger(__name__)

#: The widest date window in which two mentions may merge (month precision), loaded around a batch.
_MARGIN = timedelta(days=31)
#: Stories kept in memory (and in the saved story state) before the least recent are evicted.
_MAX_STORIES_IN_MEMORY = 5_000


@dataclass
class ResolvedBatch:
    band_keys: dict[str, list[str]] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    story_state: Any = None


class BatchResolver:
    """Links each batch to what the store already holds."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.settings = settings
        state = store.story_state()
        options = {"threshold": settings.story_similarity_threshold, "window_days": settings.story_window_days,
                   "entity_weight": settings.story_entity_weight}
        try:
            self.stories = StoryIndex.from_state(state, **options) if state else StoryIndex(**options)
        except ValueError as exc:
            raise StoreError(f"{store.path}: saved story state cannot be read: {exc}") from exc
        self.events = EventIndex(day_window=settings.event_date_window_days)
        self._months: set[str] = set()  # months whose stored events are in self.events

    def resolve(self, results: list[DocumentResult]) -> ResolvedBatch:
        batch = ResolvedBatch()
        near = self._flag_near_duplicates(results, batch)
        batch.events = self._merge_events([m for r in results for m in r.event_mentions], near)
        batch.stories = self._assign_stories(results, batch.events)
        batch.story_state = self.stories.to_state()
        return batch

    # -- near-duplicates ----------------------------------------------------------------------

    def _flag_near_duplicates(self, results: list[DocumentResult], batch: ResolvedBatch) -> dict[str, str]:
        """Set `near_duplicate_of` from MinHash bands: one store query per batch, then earlier
        documents of the same batch. Candidates come from an index of band key -> original documents,
        so the cost follows the shared bands, not the batch size times the candidates."""
        threshold = self.settings.near_duplicate_threshold
        for result in results:
            batch.band_keys[result.document.id] = lsh_band_keys(result.minhash) if result.minhash else []
        signatures: dict[str, list[int]] = {}
        holders: dict[str, list[str]] = {}  # band key -> original documents holding it
        for doc_id, signature, keys in self.store.near_duplicate_candidates(
                sorted({k for keys in batch.band_keys.values() for k in keys})):
            signatures[doc_id] = signature
            for key in keys:
                holders.setdefault(key, []).append(doc_id)
        near: dict[str, str] = {}
        for result in results:
            doc = result.document
            keys = batch.band_keys[doc.id]
            candidates = {d for key in keys for d in holders.get(key, ()) if d != doc.id}
            best = max(((estimate_jaccard(result.minhash, signatures[d]), d) for d in candidates),
                       default=(0.0, None))
            if best[1] is not None and best[0] >= threshold:
                doc.near_duplicate_of = near[doc.id] = best[1]
                continue
            signatures[doc.id] = result.minhash
            for key in keys:
                holders.setdefault(key, []).append(doc.id)
        return near

    # -- events -------------------------------------------------------------------------------

    def _merge_events(self, mentions: list[EventMention], near: dict[str, str]) -> list[Event]:
        if not mentions:
            return []
        dates = [date.fromisoformat(m.date[:10]) for m in mentions if m.date and len(m.date) >= 10]
        if dates:
            self._load_months(_months_between(min(dates) - _MARGIN, max(dates) + _MARGIN), len(mentions))
        changed = self.events.add(mentions, near_duplicates=near)
        budget = self.settings.resolver_memory_mentions
        if self.events.member_count() > budget:
            # Down to half the budget, so that eviction (a pass over the index) happens rarely. The
            # months stay marked as loaded: reloading them would bring the evicted events straight
            # back. Within this run a late report of an evicted event starts a new event; the next
            # run (a new resolver) loads those months again.
            gone = self.events.evict_oldest(budget // 2)
            log.debug("evicted %d events reported longest ago", len(gone))
        return changed

    def _load_months(self, months: list[str], arriving: int) -> None:
        """Bring the stored events of months not yet in memory into the index, leaving room in the
        memory budget for the `arriving` mentions of the batch."""
        missing = [month for month in months if month not in self._months]
        if not missing:
            return
        self._months.update(missing)
        room = max(0, self.settings.resolver_memory_mentions - self.events.member_count() - arriving)
        events, members = self.store.event_window(f"{missing[0]}-01", f"{missing[-1]}-31", include_undated=False,
                                                  max_members=room)
        known = {event.id for event in self.events.events()}
        fresh = [event for event in events if event.id not in known]
        if not fresh:
            return
        fresh_ids = {event.id for event in fresh}
        current = self.events.events()
        kept = [m for event in current for m in self.events.mentions_of(event.id)]
        loaded = [m for m in members if m.event_id in fresh_ids]
        doc_ids = sorted({m.doc_id for m in (*kept, *loaded)})
        log.debug("loading %d stored events for %s..%s", len(fresh), missing[0], missing[-1])
        self.events = EventIndex.from_events(current + fresh, kept + loaded,
                                             near_duplicates=self.store.near_duplicate_map(doc_ids),
                                             day_window=self.settings.event_date_window_days)

    # -- stories ------------------------------------------------------------------------------

    def _assign_stories(self, results: list[DocumentResult], events: list[Event]) -> list[Story]:
        touched: list[str] = []
        for result in results:
            doc = result.document
            doc.story_id = self.stories.assign(doc.id, story_features(doc, result.mentions))
            if doc.story_id not in touched:
                touched.append(doc.story_id)
        story_of = {r.document.id: r.document.story_id for r in results}
        for event in events:
            first = event.mentions[0].doc_id if event.mentions else None
            if event.story_id is None and first in story_of:
                event.story_id = story_of[first]
        described = [self.stories.describe(story_id) for story_id in touched]
        if len(self.stories) > _MAX_STORIES_IN_MEMORY:
            newest = max((r.document.published for r in results if r.document.published), default=None)
            if newest:
                horizon = date.fromisoformat(newest) - timedelta(days=4 * self.settings.story_window_days)
                self.stories.evict(horizon.isoformat())
        return described


def _months_between(first: date, last: date) -> list[str]:
    """Calendar months (YYYY-MM) from `first` to `last`, inclusive."""
    months, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months
