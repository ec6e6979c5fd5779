"""Score merged events against gold lines in our format (DESIGN §6), as the official scorer does.

A prediction is one mention of a merged event, with the event's own fields (what `tidings events`
gives a user). It matches a gold line of its article when the type is the gold's `event_type` or one
of its `event_type_alt`, and its sentence overlaps the gold `evidence` or one of `other_evidence`;
pairs are made one to one, best overlap first. A gold line marked `optional` is neutral: a prediction
matched to it is neither a hit nor a false alarm, and missing it costs nothing.

The headline is **article-event** P/R/F1: one predicted unit per (article, merged event, type), so an
act told three times and merged once is credited once, and restatements left as separate events
count as false alarms. Mention P/R/F1, detection (any type), tuple variants, de-duplication, per-type
figures and argument accuracy on matched mentions sit beside it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from tidings.eval import _arguments as args
from tidings.eval._matching import one_to_one, sentence_overlap
from tidings.model import Event, Evidence, Report


@dataclass(frozen=True)
class Prediction:
    """One predicted mention as scored: where it was read, with the fields of its merged event."""

    event: Event
    evidence: Evidence
    articles: tuple[str, ...]  # the gold articles whose text is this document (twins share one)

    @property
    def sentence(self) -> str:
        return self.evidence.sentence or ""


def predictions(events: Iterable[Event], doc_articles: Mapping[str, Iterable[str]]) -> list[Prediction]:
    """Every mention of every merged event, once; `doc_articles` maps document ids to gold article
    ids (a mention of an unmapped document still counts as predicted)."""
    out: list[Prediction] = []
    seen: set[tuple[Any, ...]] = set()
    for event in events:
        for evidence in event.mentions:
            key = (event.id, evidence.doc_id, evidence.sentence_index, evidence.start, evidence.end, event.type)
            if key not in seen:
                seen.add(key)
                out.append(Prediction(event, evidence, tuple(doc_articles.get(evidence.doc_id, ()))))
    return out


def gold_sentences(line: Mapping[str, Any]) -> list[str]:
    """A gold line's evidence sentence and the other sentences that tell the same event."""
    return [line.get("evidence") or "", *args.as_list(line.get("other_evidence"))]


def gold_types(line: Mapping[str, Any]) -> set[str]:
    return {line.get("event_type"), *args.as_list(line.get("event_type_alt"))} - {None}


def prf(tp: int, n_pred: int, n_gold: int, tp_gold: int | None = None) -> dict[str, Any]:
    """Precision, recall and F1 (None when undefined; F1 is 0 when gold exists and nothing was
    predicted). `tp_gold` counts the gold side apart when it may differ (per type: a prediction of
    an alternative type is right, but its gold line belongs to the gold's own type)."""
    tp_gold = tp if tp_gold is None else tp_gold
    precision = tp / n_pred if n_pred else None
    recall = tp_gold / n_gold if n_gold else None
    if recall is None:
        f1 = None
    elif precision is None:
        f1 = 0.0
    else:
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": _round(precision), "recall": _round(recall), "f1": _round(f1), "tp": tp}


def _round(value: float | None) -> float | None:
    """Six places: enough that a report printing three rounds as the official scorer does."""
    return None if value is None else round(value, 6)


def argument_verdicts(line: Mapping[str, Any], prediction: Prediction) -> dict[str, bool | None]:
    """For each field of `_arguments.FIELDS`: right, wrong, or None (the gold gives nothing to score).
    Actors are the merged event's; place, date, mode, counts and modality those the predicted
    mention's own article gives (its `Report`), as the gold codes each article."""
    event = prediction.event
    told = prediction.evidence if isinstance(prediction.evidence, Report) else event
    return {
        "source_country": args.country_agrees(line.get("source_country"), event.source),
        "target_country": args.country_agrees(line.get("target_country"), event.target),
        "source_sector": args.sector_agrees(line.get("source_sector"), event.source),
        "target_sector": args.sector_agrees(line.get("target_sector"), event.target),
        "location": args.location_agrees(dict(line), told.location),
        "date": args.date_agrees(line["date"], told.date, told.date_precision) if line.get("date") else None,
        "mode": args.mode_agrees(dict(line), told.mode),
        "modality": args.modality_agrees(dict(line), told.modality),
        "killed": args.count_agrees(line.get("killed"), told.size.dead),
        "wounded": args.count_agrees(line.get("wounded"), told.size.injured),
    }


def tuple_right(verdicts: Mapping[str, bool | None]) -> bool:
    """The tuple variant: source country, location and date not wrong (where the gold gives them)."""
    return all(verdicts[k] is not False for k in ("source_country", "location", "date"))


@dataclass
class Matching:
    """Everything the figures and the error lists are computed from."""

    gold: list[dict[str, Any]]
    preds: list[Prediction]
    optional: set[int]
    typed: list[tuple[int, int]]  # (gold, prediction) mention pairs, type and sentence agreeing
    detected: list[tuple[int, int]]  # the same, any type
    units: list[tuple[str, str | None, str]]  # (article, event id, type)
    unit_members: dict[int, list[int]] = field(default_factory=dict)  # unit -> its predictions
    unit_pairs: list[tuple[int, int]] = field(default_factory=list)  # (gold, unit)
    overlaps: dict[tuple[int, int], float] = field(default_factory=dict)  # (gold, pred) -> score

    @property
    def scored_gold(self) -> list[int]:
        return [g for g in range(len(self.gold)) if g not in self.optional]

    def hits(self, pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
        return [(g, p) for g, p in pairs if g not in self.optional]

    def neutral(self, pairs: list[tuple[int, int]]) -> set[int]:
        return {p for g, p in pairs if g in self.optional}


def match(gold: list[dict[str, Any]], preds: list[Prediction]) -> Matching:
    """Pair gold lines with predicted mentions and with article-event units."""
    by_article: dict[str, list[int]] = defaultdict(list)
    for p, prediction in enumerate(preds):
        for article in prediction.articles:
            by_article[article].append(p)
    overlaps: dict[tuple[int, int], float] = {}
    typed, untyped = [], []
    for g, line in enumerate(gold):
        sentences, types = gold_sentences(line), gold_types(line)
        for p in by_article.get(str(line.get("article_id")), []):
            score = sentence_overlap(sentences, preds[p].sentence)
            if score is None:
                continue
            overlaps[(g, p)] = score
            untyped.append((score, g, p))
            if preds[p].event.type in types:
                typed.append((score, g, p))
    units: dict[tuple[str, str | None, str], list[int]] = defaultdict(list)
    for p, prediction in enumerate(preds):
        for article in prediction.articles:
            units[(article, prediction.event.id, prediction.event.type)].append(p)
    keys = list(units)
    candidates = []
    for g, line in enumerate(gold):
        types = gold_types(line)
        for u, (article, _, type_) in enumerate(keys):
            if article != str(line.get("article_id")) or type_ not in types:
                continue
            scores = [overlaps[(g, p)] for p in units[keys[u]] if (g, p) in overlaps]
            if scores:
                candidates.append((max(scores), g, u))
    return Matching(gold=gold, preds=preds, optional={g for g, line in enumerate(gold) if line.get("optional")},
                    typed=one_to_one(typed), detected=one_to_one(untyped), units=keys,
                    unit_members={u: units[k] for u, k in enumerate(keys)}, unit_pairs=one_to_one(candidates),
                    overlaps=overlaps)


def score(gold: list[dict[str, Any]], preds: list[Prediction]) -> tuple[dict[str, Any], Matching]:
    """The figures of `tidings eval events`, and the matching they come from (for error lists)."""
    m = match(gold, preds)
    n_gold = len(m.scored_gold)

    def figures(pairs: list[tuple[int, int]], n_pred: int, tp: int | None = None) -> dict[str, Any]:
        hits = m.hits(pairs)
        return prf(len(hits) if tp is None else tp, n_pred - len(m.neutral(pairs)), n_gold)

    hits = m.hits(m.typed)
    verdicts = {(g, p): argument_verdicts(gold[g], preds[p]) for g, p in hits}
    unit_tuples = sum(any(tuple_right(argument_verdicts(gold[g], preds[p]))
                          for p in m.unit_members[u] if (g, p) in m.overlaps)
                      for g, u in m.hits(m.unit_pairs))
    result: dict[str, Any] = {
        "gold": {"lines": len(gold), "scored": n_gold, "optional": len(m.optional),
                 "real_events": len({line.get("real_event_key") for line in gold}),
                 "real_events_required": len({gold[g].get("real_event_key") for g in m.scored_gold})},
        "predicted": {"events": len({p.event.id for p in preds}), "mentions": len(preds),
                      "mentions_in_gold_articles": sum(1 for p in preds if p.articles),
                      "article_events": len(m.units)},
        "article_event": figures(m.unit_pairs, len(m.units)),
        "article_event_tuple": figures(m.unit_pairs, len(m.units), unit_tuples),
        "mention": figures(m.typed, len(preds)),
        "detection": figures(m.detected, len(preds)),
        "tuple": figures(m.typed, len(preds), sum(tuple_right(v) for v in verdicts.values())),
        "dedup": _dedup(m, hits),
        "per_type": _per_type(m, hits),
        "arguments": _arguments(verdicts.values()),
    }
    return result, m


def _dedup(m: Matching, hits: list[tuple[int, int]]) -> dict[str, Any]:
    """Pairwise: two matched mentions in one merged event, against "one real_event_key"."""
    tp = n_pred = n_gold = 0
    for (g1, p1), (g2, p2) in combinations(hits, 2):
        same_pred = m.preds[p1].event.id is not None and m.preds[p1].event.id == m.preds[p2].event.id
        key = m.gold[g1].get("real_event_key")
        same_gold = key is not None and key == m.gold[g2].get("real_event_key")
        n_pred += same_pred
        n_gold += same_gold
        tp += same_pred and same_gold
    return {**prf(tp, n_pred, n_gold), "pairs_predicted": n_pred, "pairs_gold": n_gold}


def _per_type(m: Matching, hits: list[tuple[int, int]]) -> dict[str, dict[str, Any]]:
    """Mention figures per type: gold lines by their `event_type`, predictions by ours."""
    neutral = m.neutral(m.typed)
    hit_gold, hit_pred = {g for g, _ in hits}, {p for _, p in hits}
    types = sorted({m.gold[g]["event_type"] for g in m.scored_gold} | {p.event.type for p in m.preds if p.event.type})
    table = {}
    for t in types:
        n_gold = sum(1 for g in m.scored_gold if m.gold[g]["event_type"] == t)
        n_pred = sum(1 for p, x in enumerate(m.preds) if x.event.type == t and p not in neutral)
        tp_gold = sum(1 for g in hit_gold if m.gold[g]["event_type"] == t)
        tp_pred = sum(1 for p in hit_pred if m.preds[p].event.type == t)
        table[t] = {"gold": n_gold, "predicted": n_pred, **prf(tp_pred, n_pred, n_gold, tp_gold), "tp": tp_gold}
    return table


def _arguments(verdicts: Iterable[Mapping[str, bool | None]]) -> dict[str, dict[str, Any]]:
    tallies = {name: [0, 0] for name in args.FIELDS}
    for row in verdicts:
        for name, verdict in row.items():
            if verdict is not None:
                tallies[name][0] += bool(verdict)
                tallies[name][1] += 1
    return {name: {"right": right, "scored": n, "accuracy": _round(right / n) if n else None}
            for name, (right, n) in tallies.items()}
