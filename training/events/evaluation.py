"""Per-head scores of a fitted classifier on held-out sentences (the features stored by `convert`)."""

from __future__ import annotations

from collections import Counter

from tidings.events.classifier import MODALITIES, NONE, TYPES, EventClassifier


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    """Precision, recall and F1 from counts, rounded for the metadata file."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4)}


def _macro_f1(pairs: list[tuple[str, str]], labels: tuple[str, ...]) -> float:
    scores = []
    for label in labels:
        tp = sum(1 for g, p in pairs if g == label and p == label)
        fp = sum(1 for g, p in pairs if g != label and p == label)
        fn = sum(1 for g, p in pairs if g == label and p != label)
        if tp + fn:
            scores.append(prf(tp, fp, fn)["f1"])
    return round(sum(scores) / len(scores), 4) if scores else 0.0


def score_heldout(model: EventClassifier, rows: list[dict], threshold: float = 0.5) -> dict:
    """Eventness (sentence), types (sentence, multi-label), trigger (act or not, and type), modality."""
    ev = Counter()
    types = Counter()
    trig = Counter()
    type_pairs: list[tuple[str, str]] = []
    modality_pairs: list[tuple[str, str]] = []
    for row in rows:
        sentence = model.score_features(row["s"])
        gold_event = bool(row["types"])
        predicted = sentence.eventness >= threshold
        ev["tp" if gold_event and predicted else "fp" if predicted else "fn" if gold_event else "tn"] += 1
        for t in TYPES:
            g, p = t in row["types"], sentence.types[t] >= threshold
            if g or p:
                types["tp" if g and p else "fp" if p else "fn"] += 1
        for cand in row["c"]:
            scores = model.score_features(row["s"], cand["f"])
            is_act, said_act = cand["label"] != NONE, scores.eventness >= threshold
            trig["tp" if is_act and said_act else "fp" if said_act else "fn" if is_act else "tn"] += 1
            if is_act:
                type_pairs.append((cand["label"], scores.best_type()))
                modality_pairs.append((cand["modality"], scores.best_modality()))
    n = max(sum(ev.values()), 1)
    gold_modalities = Counter(g for g, _ in modality_pairs)
    return {
        "heldout_sentences": len(rows),
        "eventness": {"accuracy": round((ev["tp"] + ev["tn"]) / n, 4), **prf(ev["tp"], ev["fp"], ev["fn"]),
                      "majority_baseline_accuracy": round(max(ev["tp"] + ev["fn"], ev["tn"] + ev["fp"]) / n, 4)},
        "types": {"micro": prf(types["tp"], types["fp"], types["fn"])},
        "trigger": {"candidates": sum(trig.values()), "act_detection": prf(trig["tp"], trig["fp"], trig["fn"]),
                    "type_accuracy_on_gold_acts": round(sum(g == p for g, p in type_pairs) / max(len(type_pairs), 1), 4),
                    "type_macro_f1_on_gold_acts": _macro_f1(type_pairs, TYPES)},
        "modality": {"gold_acts": len(modality_pairs),
                     "accuracy": round(sum(g == p for g, p in modality_pairs) / max(len(modality_pairs), 1), 4),
                     "macro_f1": _macro_f1(modality_pairs, MODALITIES),
                     "all_asserted_baseline_accuracy": round(gold_modalities["asserted"] / max(len(modality_pairs), 1), 4)},
    }
