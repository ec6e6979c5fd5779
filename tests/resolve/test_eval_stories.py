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


def test_an_event_gold_folder_is_scored_on_its_story_groups(tmp_path):
    """`tidings eval stories --gold FOLDER` reads the event gold format: articles.jsonl + articles/ID.txt."""
    (tmp_path / "articles").mkdir()
    articles = [
        ("a1", "g1", "Flood waters rose in the river valley and farmers moved cattle to the hills."),
        ("a2", "g1", "Farmers in the river valley moved cattle to the hills as flood waters rose."),
        ("a3", "g2", "The chess federation named a new champion after the final tournament round."),
        ("a4", None, "An article outside any story group is left out of the score."),
    ]
    with open(tmp_path / "articles.jsonl", "w", encoding="utf-8") as handle:
        for article_id, group, text in articles:
            handle.write(json.dumps({"id": article_id, "story_group": group, "published": "2020-05-01"}) + "\n")
            (tmp_path / "articles" / f"{article_id}.txt").write_text(text, encoding="utf-8")
    result = evaluate_story_clustering(tmp_path)
    assert result["documents"] == 3 and result["gold_stories"] == 2
    assert result["bcubed_f1"] == 1.0
