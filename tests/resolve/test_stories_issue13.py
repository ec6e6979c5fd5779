"""Issue 13: story recall across outlets. A report published within a day or two of a story's days
needs less similarity to join it (outlets tell one event at once, in their own words); a look-alike
of another week, or an undated document, needs the full threshold."""

from __future__ import annotations

from tidings.resolve import StoryIndex
from tidings.resolve.stories import text_features

from tests.resolve.test_stories import HARVEST, SEIZURE_1, SEIZURE_2


def _index() -> StoryIndex:
    """Nothing meets the plain threshold, anything meets the discounted one: the rule alone decides."""
    return StoryIndex(threshold=0.99, near_days=2, near_discount=0.99, window_days=7)


def test_a_report_of_the_next_day_joins_with_the_discounted_threshold():
    index = _index()
    first = index.assign("d1", text_features(*SEIZURE_1, published="2014-04-12"))
    assert index.assign("d2", text_features(*SEIZURE_2, published="2014-04-13")) == first


def test_a_report_of_five_days_later_or_undated_needs_the_full_threshold():
    index = _index()
    first = index.assign("d1", text_features(*SEIZURE_1, published="2014-04-12"))
    assert index.assign("d2", text_features(*SEIZURE_2, published="2014-04-17")) != first
    assert index.assign("d3", text_features(*SEIZURE_2)) != first


def test_the_discount_never_joins_unrelated_news_at_the_defaults():
    index = StoryIndex()
    first = index.assign("d1", text_features(*SEIZURE_1, published="2014-04-12"))
    assert index.assign("d2", text_features(*HARVEST, published="2014-04-12")) != first


def test_the_discount_survives_the_saved_state():
    index = _index()
    restored = StoryIndex.from_state(index.to_state())
    assert (restored.near_days, restored.near_discount) == (2, 0.99)
