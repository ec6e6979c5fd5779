"""The LGL scorer runs on a few articles from ../shared (skipped when absent)."""

from __future__ import annotations

import pytest

from tidings.eval.places import evaluate_lgl, read_lgl
from tidings.places import Gazetteer


def test_lgl_scorer_on_a_few_articles(shared_dir):
    gold = shared_dir / "eval" / "lgl" / "lgl.xml"
    if not gold.exists():
        pytest.skip("LGL gold is not present")
    assert len(read_lgl(gold, limit=3)) == 3
    result = evaluate_lgl(gold, Gazetteer.load(), None, limit=20)
    spans = result["gold_spans"]
    assert spans["count"] > 0 and 0.5 <= spans["acc@161km"] <= 1.0
