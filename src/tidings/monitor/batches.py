"""A `Store` that tells the watch what each batch changed, so that the runner stays as it is.

The runner writes each batch with one `write_batch` call, handing it every event the batch changed.
Just before that write the database still holds those events (and their stories) as they were; just
after it, they are as the batch left them. `ObservedStore` reads the first, lets the write happen,
and hands both to a listener: exactly "the events the batch touched, before and after"."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from tidings.model import DocumentResult, Event, Evidence, Story
from tidings.monitor.checks import BatchChange
from tidings.store import Store
from tidings.store._alerts import stored_events, story_members

#: Called after each written batch with the store, the documents written and what changed in their events.
BatchListener = Callable[[Store, list[DocumentResult], BatchChange], None]


class ObservedStore(Store):
    """A writable store whose batch writes are reported to `listener` once committed."""

    def __init__(self, path: str | os.PathLike[str], listener: BatchListener) -> None:
        super().__init__(path)
        self.listener = listener

    def write_batch(self, results: list[DocumentResult], band_keys: dict[str, list[str]], events: list[Event],
                    stories: list[Story], story_state: Any, run_id: int | None = None) -> None:
        ids = [event.id for event in events]
        before = stored_events(self, ids)
        story_ids = sorted({e.story_id for e in events if e.story_id} | {e.story_id for e in before.values()
                                                                          if e.story_id})
        change = BatchChange(after=events, before=before, story_before=story_members(self, story_ids),
                             evidence=_batch_evidence(results, set(ids)))
        super().write_batch(results, band_keys, events, stories, story_state, run_id)
        self.listener(self, results, change)


def _batch_evidence(results: list[DocumentResult], event_ids: set[str]) -> dict[str, list[Evidence]]:
    """event id -> this batch's reports of it, in document order."""
    evidence: dict[str, list[Evidence]] = {}
    for result in results:
        for mention in result.event_mentions:
            if mention.event_id in event_ids:
                evidence.setdefault(mention.event_id, []).append(mention.evidence)
    return evidence
