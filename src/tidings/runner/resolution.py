"""Cross-document resolution of a finished batch against the store: near-duplicates, events and
stories. Runs in the main process, between the workers and the write of the batch."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from tidings.clean import estimate_jaccard, lsh_band_keys
from tidings.config import Settings
from tidings.model import DocumentResult, Event, Story
from tidings.resolve import EventIndex, StoryIndex, story_features
from tidings.store import Store

log = logging.getLogger(__name__)

#: How far around a batch's mention dates the stored events are loaded as merge candidates.
_WINDOW_MARGIN_DAYS = 40


@dataclass
class ResolvedBatch:
    band_keys: dict[str, list[str]] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    story_state: Any = None


class BatchResolver:
    """Links each batch to what the store already holds. Story state is kept between batches."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.settings = settings
        state = store.story_state()
        options = {"threshold": settings.story_similarity_threshold, "window_days": settings.story_window_days,
                   "entity_weight": settings.story_entity_weight}
        self.stories = StoryIndex.from_state(state, **options) if state else StoryIndex(**options)

    def resolve(self, results: list[DocumentResult]) -> ResolvedBatch:
        batch = ResolvedBatch()
        near = self._flag_near_duplicates(results, batch)
        batch.events = self._merge_events(results, near)
        batch.stories = self._assign_stories(results, batch.events)
        batch.story_state = self.stories.to_state()
        return batch

    def _flag_near_duplicates(self, results: list[DocumentResult], batch: ResolvedBatch) -> dict[str, str]:
        """Set `near_duplicate_of` from MinHash bands: against the store, then earlier in the batch."""
        threshold = self.settings.near_duplicate_threshold
        seen: dict[str, list[str]] = {}  # band key -> doc ids earlier in this batch
        signatures = {r.document.id: r.minhash for r in results}
        near: dict[str, str] = {}
        for result in results:
            doc = result.document
            keys = lsh_band_keys(result.minhash) if result.minhash else []
            batch.band_keys[doc.id] = keys
            candidates = self.store.near_duplicate_candidates(keys)
            candidates += [(other, signatures[other]) for key in keys for other in seen.get(key, [])
                           if other not in near]
            best = max(((estimate_jaccard(result.minhash, sig), other) for other, sig in candidates
                        if other != doc.id), default=(0.0, None))
            if best[1] is not None and best[0] >= threshold:
                doc.near_duplicate_of = best[1]
                near[doc.id] = best[1]
            for key in keys:
                seen.setdefault(key, []).append(doc.id)
        return near

    def _merge_events(self, results: list[DocumentResult], near: dict[str, str]) -> list[Event]:
        mentions = [m for r in results for m in r.event_mentions]
        if not mentions:
            return []
        dates = [date.fromisoformat(m.date) for m in mentions if m.date]
        if dates:
            since = (min(dates) - timedelta(days=_WINDOW_MARGIN_DAYS)).isoformat()
            until = (max(dates) + timedelta(days=_WINDOW_MARGIN_DAYS)).isoformat()
        else:
            since = until = "0000-00-00"
        events, members = self.store.event_window(since, until)
        stored_near = self.store.near_duplicate_map(sorted({m.doc_id for m in members}))
        index = EventIndex.from_events(events, members, near_duplicates=stored_near,
                                       day_window=self.settings.event_date_window_days)
        return index.add(mentions, near_duplicates=near)

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
        return [self.stories.describe(story_id) for story_id in touched]
