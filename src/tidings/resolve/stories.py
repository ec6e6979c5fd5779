"""Story clustering: put each new document into the most similar recent story, or start one.

Single-pass (online) clustering over TF-IDF vectors of content words plus actor and place ids.
Each story keeps a bounded centroid (its top terms), so memory per story is constant; the document
frequencies that give IDF are learnt as documents arrive. State round-trips through JSON.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date as Date
from typing import Any

from tidings.model import Story

from tidings.resolve._text import StoryFeatures, story_features, text_features

__all__ = ["StoryFeatures", "StoryIndex", "story_features", "story_id_for", "text_features"]

STATE_VERSION = 1
#: Actor and place counts kept per story (for `describe`).
TOP_ENTITIES = 20


def story_id_for(doc_id: str) -> str:
    """"st_" + 12 hex of the first document's id: stable whatever joins later."""
    return "st_" + hashlib.sha1(doc_id.encode("utf-8")).hexdigest()[:12]


def _day(iso: str | None) -> int | None:
    try:
        return Date.fromisoformat(iso[:10]).toordinal() if iso else None
    except ValueError:
        return None


def _top(vector: dict[str, float], k: int) -> dict[str, float]:
    if len(vector) <= k:
        return vector
    return dict(sorted(vector.items(), key=lambda kv: (-kv[1], kv[0]))[:k])


def _cosine(vector: dict[str, float], other: dict[str, float], other_norm: float) -> float:
    if other_norm == 0.0:
        return 0.0
    if len(other) < len(vector):
        vector, other = other, vector
    return sum(w * other.get(t, 0.0) for t, w in vector.items()) / other_norm


def _norm(vector: dict[str, float]) -> float:
    return math.sqrt(sum(w * w for w in vector.values()))


@dataclass
class _Story:
    id: str
    centroid: dict[str, float] = field(default_factory=dict)
    norm: float = 0.0
    doc_ids: list[str] = field(default_factory=list)
    first_date: str | None = None
    last_date: str | None = None
    seq: int = 0  # when a document last joined (recency for undated documents)
    title: str | None = None
    title_vector: dict[str, float] = field(default_factory=dict)
    actors: dict[str, int] = field(default_factory=dict)
    places: dict[str, int] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)


class StoryIndex:
    """Online document clustering into stories, with JSON state the integrator persists."""

    def __init__(
        self,
        threshold: float = 0.3,
        window_days: int = 7,
        centroid_terms: int = 100,
        document_terms: int = 64,
        entity_weight: float = 1.0,
        undated_candidates: int = 500,
        max_vocabulary: int = 200_000,
        near_days: int = 2,
        near_discount: float = 0.05,
    ) -> None:
        """`threshold`: cosine similarity needed to join a story; `window_days`: a story takes
        documents published within this many days of its first/last document; a document published
        no more than `near_days` outside the days a story covers needs `near_discount` less
        similarity (outlets report one event within a day or two, in their own words; a look-alike
        of another week does not get the discount, nor does an undated document)."""
        self.threshold = threshold
        self.window_days = window_days
        self.centroid_terms = centroid_terms
        self.document_terms = document_terms
        self.entity_weight = entity_weight
        self.undated_candidates = undated_candidates
        self.max_vocabulary = max_vocabulary
        self.near_days = near_days
        self.near_discount = near_discount
        self._df: dict[str, int] = {}
        self._num_docs = 0
        self._seq = 0
        self._stories: dict[str, _Story] = {}
        self._doc_story: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self._stories)

    def story_of(self, doc_id: str) -> str | None:
        return self._doc_story.get(doc_id)

    def assign(self, doc_id: str, features: StoryFeatures) -> str:
        """The story `doc_id` belongs to: the most similar recent one above threshold, or a new one."""
        known = self._doc_story.get(doc_id)
        if known is not None:
            return known
        vector = self._vectorise(features)
        self._seq += 1
        best: tuple[float, int] | None = None
        chosen: _Story | None = None
        day = _day(features.published)
        for story in self._candidates(features.published):
            similarity = _cosine(vector, story.centroid, story.norm)
            rank = (similarity, -story.seq)
            if similarity >= self._threshold_for(day, story) and (best is None or rank > best):
                best, chosen = rank, story
        if chosen is None:
            story_id = story_id_for(doc_id)
            while story_id in self._stories:  # only a hash collision gets here
                story_id = story_id_for(story_id + doc_id)
            chosen = _Story(id=story_id)
            self._stories[story_id] = chosen
        self._join(chosen, doc_id, features, vector)
        return chosen.id

    def describe(self, story_id: str, num_events: int = 0) -> Story:
        """A readable summary: central title (or top terms), dates, top actors and places by name."""
        story = self._stories[story_id]
        title = story.title or " · ".join(list(_top(
            {t: w for t, w in story.centroid.items() if not t.startswith("@")}, 5)))
        actors = sorted(story.actors.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
        places = sorted(story.places.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
        return Story(
            id=story.id, title=title, doc_ids=list(story.doc_ids), first_date=story.first_date,
            last_date=story.last_date, num_events=num_events,
            top_actors=[story.names.get(a, a) for a, _ in actors],
            top_places=[story.names.get(p, p) for p, _ in places],
        )

    def stories(self) -> list[Story]:
        return [self.describe(story_id) for story_id in self._stories]

    def evict(self, before: str) -> list[str]:
        """Forget stories whose last document is older than `before` (they stay in the store)."""
        limit = _day(before)
        gone = [s.id for s in self._stories.values()
                if s.last_date and limit is not None and (_day(s.last_date) or 0) < limit]
        for story_id in gone:
            for doc_id in self._stories.pop(story_id).doc_ids:
                self._doc_story.pop(doc_id, None)
        return gone

    # -- state --------------------------------------------------------------------------------

    def to_state(self) -> dict[str, Any]:
        """Everything needed to continue later, as JSON-ready data."""
        return {
            "version": STATE_VERSION,
            "params": {"threshold": self.threshold, "window_days": self.window_days,
                       "centroid_terms": self.centroid_terms, "document_terms": self.document_terms,
                       "entity_weight": self.entity_weight,
                       "undated_candidates": self.undated_candidates,
                       "max_vocabulary": self.max_vocabulary,
                       "near_days": self.near_days, "near_discount": self.near_discount},
            "num_docs": self._num_docs,
            "seq": self._seq,
            "df": self._df,
            "stories": [vars(story) for story in self._stories.values()],
        }

    @classmethod
    def from_state(cls, state: dict[str, Any], **overrides: Any) -> "StoryIndex":
        """Rebuild from `to_state()` output; keyword arguments override the saved parameters."""
        if state.get("version") != STATE_VERSION:
            raise ValueError(f"story state version {state.get('version')!r} is not {STATE_VERSION}")
        index = cls(**{**state["params"], **overrides})
        index._num_docs = state["num_docs"]
        index._seq = state["seq"]
        index._df = dict(state["df"])
        for raw in state["stories"]:
            story = _Story(**raw)
            index._stories[story.id] = story
            for doc_id in story.doc_ids:
                index._doc_story[doc_id] = story.id
        return index

    # -- internals ----------------------------------------------------------------------------

    def _vectorise(self, features: StoryFeatures) -> dict[str, float]:
        """Learn document frequencies from this document, then its unit TF-IDF vector (top terms)."""
        counts: dict[str, float] = dict(features.terms)
        for prefix, ids in (("@a:", features.actors), ("@p:", features.places)):
            for entity, n in Counter(ids).items():
                counts[prefix + entity] = n
        self._num_docs += 1
        for term in counts:
            self._df[term] = self._df.get(term, 0) + 1
        if len(self._df) > self.max_vocabulary:
            self._df = {t: n for t, n in self._df.items() if n > 1}
        vector: dict[str, float] = {}
        for term, count in counts.items():
            if count <= 0:
                continue
            idf = math.log((self._num_docs + 1) / (self._df.get(term, 1) + 1)) + 1.0
            weight = (1.0 + math.log(count)) * idf
            vector[term] = weight * (self.entity_weight if term.startswith("@") else 1.0)
        vector = _top(vector, self.document_terms)
        norm = _norm(vector)
        return {t: w / norm for t, w in vector.items()} if norm else vector

    def _threshold_for(self, day: int | None, story: _Story) -> float:
        """The similarity a document of `day` needs to join `story`: less when it is news of the
        story's last days."""
        first, last = _day(story.first_date), _day(story.last_date)
        if day is not None and first is not None and last is not None and (
                first - self.near_days <= day <= last + self.near_days):
            return self.threshold - self.near_discount
        return self.threshold

    def _candidates(self, published: str | None) -> list[_Story]:
        day = _day(published)
        if day is None:
            recent = sorted(self._stories.values(), key=lambda s: -s.seq)
            return recent[: self.undated_candidates]
        out = []
        for story in self._stories.values():
            first, last = _day(story.first_date), _day(story.last_date)
            if first is None or last is None:
                if self._seq - story.seq <= self.undated_candidates:
                    out.append(story)
            elif first - self.window_days <= day <= last + self.window_days:
                out.append(story)
        return out

    def _join(self, story: _Story, doc_id: str, features: StoryFeatures, vector: dict[str, float]) -> None:
        centroid = dict(story.centroid)
        for term, weight in vector.items():
            centroid[term] = centroid.get(term, 0.0) + weight
        story.centroid = _top(centroid, self.centroid_terms)
        story.norm = _norm(story.centroid)
        story.doc_ids.append(doc_id)
        story.seq = self._seq
        self._doc_story[doc_id] = story.id
        if features.published:
            day = features.published[:10]
            story.first_date = min(story.first_date or day, day)
            story.last_date = max(story.last_date or day, day)
        if features.title:
            mine = _cosine(vector, story.centroid, story.norm)
            current = _cosine(story.title_vector, story.centroid, story.norm) if story.title else -1.0
            if mine > current:
                story.title, story.title_vector = features.title, vector
        for counter, ids in ((story.actors, features.actors), (story.places, features.places)):
            for entity in ids:
                counter[entity] = counter.get(entity, 0) + 1
            if len(counter) > TOP_ENTITIES:
                kept = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_ENTITIES]
                counter.clear()
                counter.update(kept)
        keep = set(story.actors) | set(story.places)
        story.names.update({k: v for k, v in features.names.items() if k in keep})
        story.names = {k: v for k, v in story.names.items() if k in keep}
