"""Score story clustering against gold document clusters: B-cubed P/R/F1 and V-measure.

The gold file is JSONL with at least `doc_id`, `text` and `story_id` (as in
`../shared/eval/story_clustering_ecbplus/docs.jsonl`); `title` and `published` are used when present.
Documents go through `StoryIndex` in date order (file order when undated), lexical features only.
"""

from __future__ import annotations

import json
import logging
import math
from collections import Counter
from pathlib import Path
from typing import Any, Iterable

from tidings.errors import InputError
from tidings.resolve.stories import StoryIndex, text_features

log = logging.getLogger(__name__)

#: Thresholds tried by `threshold_sweep`.
SWEEP = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)


def bcubed(predicted: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    """B-cubed precision, recall and F1 over the items present in both mappings (item -> cluster)."""
    items = [item for item in gold if item in predicted]
    if not items:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    pred_members: dict[str, set[str]] = {}
    gold_members: dict[str, set[str]] = {}
    for item in items:
        pred_members.setdefault(predicted[item], set()).add(item)
        gold_members.setdefault(gold[item], set()).add(item)
    precision = recall = 0.0
    for item in items:
        mine, truth = pred_members[predicted[item]], gold_members[gold[item]]
        shared = len(mine & truth)
        precision += shared / len(mine)
        recall += shared / len(truth)
    precision, recall = precision / len(items), recall / len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def v_measure(predicted: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    """Homogeneity, completeness and their harmonic mean (Rosenberg & Hirschberg 2007)."""
    items = [item for item in gold if item in predicted]
    n = len(items)
    if n == 0:
        return {"homogeneity": 0.0, "completeness": 0.0, "v_measure": 0.0}
    joint = Counter((gold[i], predicted[i]) for i in items)
    classes = Counter(gold[i] for i in items)
    clusters = Counter(predicted[i] for i in items)

    def entropy(counts: Iterable[int]) -> float:
        return -sum(c / n * math.log(c / n) for c in counts if c)

    h_class, h_cluster = entropy(classes.values()), entropy(clusters.values())
    h_class_given = -sum(c / n * math.log(c / clusters[k]) for (_, k), c in joint.items())
    h_cluster_given = -sum(c / n * math.log(c / classes[g]) for (g, _), c in joint.items())
    homogeneity = 1.0 - h_class_given / h_class if h_class else 1.0
    completeness = 1.0 - h_cluster_given / h_cluster if h_cluster else 1.0
    total = homogeneity + completeness
    return {"homogeneity": homogeneity, "completeness": completeness,
            "v_measure": 2 * homogeneity * completeness / total if total else 0.0}


def read_gold(path: Path) -> list[dict[str, Any]]:
    """The gold records, in date order when they carry `published`, else in file order. `path` is a
    JSONL file of `doc_id, text, story_id`, or a folder in the event gold format (DESIGN §6:
    articles.jsonl with `id, story_group`, texts in articles/ID.txt), whose story groups are scored."""
    if path.is_dir():
        return sorted(_read_gold_folder(path), key=lambda r: r.get("published") or "")
    rows = []
    for number, row in _jsonl_records(path):
        if not {"doc_id", "text", "story_id"} <= set(row):
            raise InputError(f"{path}:{number}: needs doc_id, text and story_id")
        rows.append(row)
    return sorted(rows, key=lambda r: r.get("published") or "")  # stable: file order kept


def _jsonl_records(path: Path) -> list[tuple[int, dict[str, Any]]]:
    """(line number, record) of every non-blank line; an unreadable file or line names where."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc}") from exc
    records = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            records.append((number, json.loads(line)))
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{number}: invalid JSON: {exc}") from exc
    return records


def _read_gold_folder(folder: Path) -> list[dict[str, Any]]:
    """Records of an event gold folder whose articles carry a `story_group` (the others are left out)."""
    index = folder / "articles.jsonl"
    rows: list[dict[str, Any]] = []
    for _, article in _jsonl_records(index):
        if not article.get("id") or article.get("story_group") in (None, ""):
            continue
        text_path = folder / "articles" / f"{article['id']}.txt"
        try:
            text = text_path.read_text(encoding="utf-8")
        except OSError as exc:
            raise InputError(f"{text_path}: cannot read: {exc}") from exc
        rows.append({"doc_id": article["id"], "text": text, "story_id": article["story_group"],
                     "title": article.get("title"), "published": article.get("published")})
    if not rows:
        raise InputError(f"{index}: no article has a story_group")
    return rows


def cluster_documents(rows: list[dict[str, Any]], threshold: float | None = None) -> dict[str, str]:
    """doc_id -> predicted story id, feeding `rows` in order through a fresh `StoryIndex`."""
    index = StoryIndex() if threshold is None else StoryIndex(threshold=threshold)
    predicted: dict[str, str] = {}
    for row in rows:
        features = text_features(row.get("title"), row["text"], row.get("published"))
        predicted[row["doc_id"]] = index.assign(row["doc_id"], features)
    return predicted


def evaluate_story_clustering(gold_jsonl: Path, threshold: float | None = None) -> dict[str, Any]:
    """B-cubed and V-measure of our clustering of the gold documents (logged and returned)."""
    rows = read_gold(Path(gold_jsonl))
    gold = {row["doc_id"]: str(row["story_id"]) for row in rows}
    predicted = cluster_documents(rows, threshold)
    scores = bcubed(predicted, gold)
    result: dict[str, Any] = {
        "documents": len(rows),
        "gold_stories": len(set(gold.values())),
        "predicted_stories": len(set(predicted.values())),
        "threshold": threshold if threshold is not None else StoryIndex().threshold,
        "bcubed_precision": round(scores["precision"], 4),
        "bcubed_recall": round(scores["recall"], 4),
        "bcubed_f1": round(scores["f1"], 4),
        **{k: round(v, 4) for k, v in v_measure(predicted, gold).items()},
    }
    log.info("story clustering on %s: %s", gold_jsonl, result)
    return result


def threshold_sweep(gold_jsonl: Path, thresholds: Iterable[float] = SWEEP) -> list[dict[str, Any]]:
    """`evaluate_story_clustering` at each threshold, to choose the default honestly."""
    return [evaluate_story_clustering(gold_jsonl, t) for t in thresholds]


if __name__ == "__main__":  # python -m tidings.eval.stories GOLD.jsonl [THRESHOLD]
    import sys

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    target = Path(sys.argv[1])
    if len(sys.argv) > 2:
        evaluate_story_clustering(target, float(sys.argv[2]))
    else:
        for outcome in threshold_sweep(target):
            log.info("%.2f  P %.3f  R %.3f  F1 %.3f  V %.3f  (%d stories)", outcome["threshold"],
                     outcome["bcubed_precision"], outcome["bcubed_recall"], outcome["bcubed_f1"],
                     outcome["v_measure"], outcome["predicted_stories"])
