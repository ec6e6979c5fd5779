"""The story clustering scorer, on clusterings small enough to score by hand."""

from __future__ import annotations

import json

import pytest

from tidings.eval.stories import bcubed, evaluate_story_clustering, v_measure


def test_bcubed_on_a_hand_scored_example():
    gold = {"a": "1", "b": "1", "c": "2", "d": "2"}
    predicted = {"a": "x", "b": "x", "c": "x", "d": "y"}
    scores = bcubed(predicted, gold)
    # precision: a, b, c each 1/3 or 2/3 correct in a cluster of 3: (2/3 + 2/3 + 1/3 + 1) / 4
    assert scores["precision"] == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4)
    # recall: a, b see both of theirs; c, d see one of two
    assert scores["recall"] == pytest.approx((1 + 1 + 0.5 + 0.5) / 4)
    p, r = scores["precision"], scores["recall"]
    assert scores["f1"] == pytest.approx(2 * p * r / (p + r))


def test_perfect_clustering_scores_one():
    gold = {"a": "1", "b": "1", "c": "2"}
    assert bcubed({"a": "p", "b": "p", "c": "q"}, gold)["f1"] == 1.0
    assert v_measure({"a": "p", "b": "p", "c": "q"}, gold)["v_measure"] == pytest.approx(1.0)


def test_evaluate_reads_jsonl(tmp_path):
    rows = [
        {"doc_id": "1", "story_id": "s", "text": "Floods swept through the river valley towns."},
        {"doc_id": "2", "story_id": "s", "text": "The river valley floods swept away bridges and towns."},
        {"doc_id": "3", "story_id": "t", "text": "The central bank raised interest rates by a point."},
    ]
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    result = evaluate_story_clustering(path)
    assert result["documents"] == 3 and result["bcubed_f1"] == 1.0


def test_ecbplus_story_clustering(shared_dir):
    gold = shared_dir / "eval" / "story_clustering_ecbplus" / "docs.jsonl"
    if not gold.is_file():
        pytest.skip("ECB+ story clustering gold is absent")
    assert evaluate_story_clustering(gold)["bcubed_f1"] >= 0.85
