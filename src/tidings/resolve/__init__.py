"""Resolve (across documents): merge event mentions into events and group documents into stories.

Both indexes are in-memory and incremental: the integrator loads the recent state from the store,
feeds a batch, and writes back what changed; ids never change once given.
"""

from tidings.resolve.events import EventIndex, event_id_for
from tidings.resolve.stories import StoryFeatures, StoryIndex, story_features

__all__ = ["EventIndex", "StoryFeatures", "StoryIndex", "event_id_for", "story_features"]
