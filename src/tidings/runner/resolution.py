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
        self.events = EventIndex(day_window=settings.event_date_window_days, story_lag=settings.event_story_lag_days)
        self._months: set[str] = set()  # months whose stored events are in self.events
        self._story_ids: set[str] = set()  # stories whose stored events are in self.events

    def resolve(self, results: list[DocumentResult]) -> ResolvedBatch:
        batch = ResolvedBatch()
        near = self._flag_near_duplicates(results, batch)
        # stories first: an event's undated reports may join it anywhere in its story
        batch.stories = self._assign_stories(results)
        story_of = {r.document.id: r.document.story_id for r in results}
        outlets = {r.document.id: r.document.outlet for r in results}
        outlets.update(self.store.document_outlets(sorted({d for d in near.values() if d not in outlets})))
        batch.events = self._merge_events([m for r in results for m in r.event_mentions], near, outlets, story_of)
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

    def _merge_events(self, mentions: list[EventMention], near: dict[str, str], outlets: dict[str, str | None],
                      story_of: dict[str, str | None]) -> list[Event]:
        if not mentions:
            return []
        dated = [m.date for m in mentions if m.date_precision in ("day", "week", "month")]
        dates = [_iso_day(day) for day in dated + [m.evidence.published for m in mentions]]
        dates = [day for day in dates if day is not None]
        if dates:
            self._load_months(_months_between(min(dates) - _MARGIN, max(dates) + _MARGIN), len(mentions))
        self._load_stories(sorted({story_of[m.doc_id] for m in mentions if story_of.get(m.doc_id)}), len(mentions))
        changed = self.events.add(mentions, near_duplicates=near, outlets=outlets, stories=story_of)
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
                                                  max_members=self._room(arriving))
        log.debug("loading stored events for %s..%s", missing[0], missing[-1])
        self._load(events, members)

    def _load_stories(self, story_ids: list[str], arriving: int) -> None:
        """Bring the stored events of these stories into the index (undated reports may join them)."""
        missing = [story_id for story_id in story_ids if story_id not in self._story_ids]
        if not missing:
            return
        self._story_ids.update(missing)
        self._load(*self.store.story_events(missing, max_members=self._room(arriving)))

    def _room(self, arriving: int) -> int:
        return max(0, self.settings.resolver_memory_mentions - self.events.member_count() - arriving)

    def _load(self, events: list[Event], members: list[EventMention]) -> None:
        """Add stored events not yet in memory, with what their mentions need to count and match
        as they did when first merged: near-duplicate links, the originals' outlets, the stories."""
        fresh_ids = {event.id for event in events if self.events.get(event.id) is None}
        if not fresh_ids:
            return
        loaded = [m for m in members if m.event_id in fresh_ids]
        doc_ids = sorted({m.doc_id for m in loaded})
        near = self.store.near_duplicate_map(doc_ids)
        self.events.load([e for e in events if e.id in fresh_ids], loaded, near_duplicates=near,
                         outlets=self.store.document_outlets(sorted(set(near.values()))),
                         stories=self.store.document_stories(doc_ids))

    # -- stories ------------------------------------------------------------------------------

    def _assign_stories(self, results: list[DocumentResult]) -> list[Story]:
        touched: list[str] = []
        for result in results:
            doc = result.document
            doc.story_id = self.stories.assign(doc.id, story_features(doc, result.mentions))
            if doc.story_id not in touched:
                touched.append(doc.story_id)
        described = [self.stories.describe(story_id) for story_id in touched]
        if len(self.stories) > _MAX_STORIES_IN_MEMORY:
            newest = max((r.document.published for r in results if r.document.published), default=None)
            newest_day = _iso_day((newest + "-01-01")[:10]) if newest else None  # "2019-02" is a month
            if newest_day is not None:
                horizon = newest_day - timedelta(days=4 * self.settings.story_window_days)
                self.stories.evict(horizon.isoformat())
        return described


def _months_between(first: date, last: date) -> list[str]:
    """Calendar months (YYYY-MM) from `first` to `last`, inclusive."""
    months, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _iso_day(value: str | None) -> date | None:
    """The day of an ISO date string (its first 10 characters), None when it has none."""
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
