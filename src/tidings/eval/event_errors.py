"""The errors behind the event figures, one record per error, so that every change starts from them.

Tags (the first word of each line of `tidings eval events --errors`):
* `FA`: an article-event unit (article, merged event, type) that no gold line matches;
* `FA-MENTION`: a mention of a matched event that no gold line matches one to one (a restatement or
  a second trigger: it costs mention precision only);
* `MISS`: a required gold line no unit matches, with what we predicted in its sentences;
* `ARG <field>`: a wrong argument on a matched mention pair.
"""

from __future__ import annotations

from typing import Any

from tidings.eval import _arguments as args
from tidings.eval.event_scores import Matching, Prediction, argument_verdicts, gold_sentences, gold_types
from tidings.model import ActorRef, Report


def error_list(m: Matching) -> list[dict[str, Any]]:
    """False alarms, misses and argument errors, in article order."""
    found: list[dict[str, Any]] = [*_false_alarms(m), *_mention_false_alarms(m), *_misses(m),
                                   *_argument_errors(m)]
    order = {"FA": 0, "FA-MENTION": 1, "MISS": 2, "ARG": 3}
    return sorted(found, key=lambda e: (e["article"], order[e["tag"]], e.get("field") or ""))


def _describe(p: Prediction) -> dict[str, Any]:
    event = p.event
    return {"event_id": event.id, "type": event.type, "mode": event.mode, "modality": event.modality,
            "trigger": p.evidence.trigger, "sentence": p.sentence}


def _why(m: Matching, article_preds: list[int], matched_gold: set[int]) -> str:
    """Why a prediction found no gold line: a restatement of a line already matched, a gold line of
    another type in the same sentence, or nothing in the gold there."""
    types = {m.preds[p].event.type for p in article_preds}
    other = []
    for g, line in enumerate(m.gold):
        if any((g, p) in m.overlaps for p in article_preds):
            if gold_types(line) & types:
                if g in m.optional:
                    continue
                if g in matched_gold:
                    return f"restates gold {line.get('event_type')} [{line.get('real_event_key')}], matched elsewhere"
            else:
                other.append(line.get("event_type"))
    if other:
        return "gold here is " + "/".join(sorted(set(other)))
    return "no gold line in this sentence"


def _false_alarms(m: Matching) -> list[dict[str, Any]]:
    matched = {u for _, u in m.unit_pairs}
    matched_gold = {g for g, _ in m.unit_pairs}
    out = []
    for u, (article, _, _) in enumerate(m.units):
        if u in matched:
            continue
        members = m.unit_members[u]
        out.append({"tag": "FA", "article": article, **_describe(m.preds[members[0]]),
                    "mentions": len(members), "why": _why(m, members, matched_gold)})
    return out


def _mention_false_alarms(m: Matching) -> list[dict[str, Any]]:
    matched_units = {u for _, u in m.unit_pairs}
    paired = {p for _, p in m.typed}
    matched_gold = {g for g, _ in m.typed}
    out = []
    for u in sorted(matched_units):
        for p in m.unit_members[u]:
            if p not in paired:
                out.append({"tag": "FA-MENTION", "article": m.units[u][0], **_describe(m.preds[p]),
                            "why": _why(m, [p], matched_gold)})
    return out


def _misses(m: Matching) -> list[dict[str, Any]]:
    found = {g for g, _ in m.unit_pairs}
    unit_of = {(article, p): u for u, (article, _, _) in enumerate(m.units) for p in m.unit_members[u]}
    taken = {u: m.gold[g].get("real_event_key") for g, u in m.unit_pairs}
    out = []
    for g in m.scored_gold:
        if g in found:
            continue
        line = m.gold[g]
        article = str(line.get("article_id"))
        ours = sorted(p for (gold, p) in m.overlaps if gold == g)
        out.append({"tag": "MISS", "article": article, "type": line.get("event_type"),
                    "mode": line.get("mode"), "modality": line.get("modality"), "key": line.get("real_event_key"),
                    "sentence": gold_sentences(line)[0],
                    # what we predicted in its sentences, and the gold line each prediction went to
                    "predicted": [{**_describe(m.preds[p]), "matched": taken.get(unit_of.get((article, p)))}
                                  for p in ours]})
    return out


def _argument_errors(m: Matching) -> list[dict[str, Any]]:
    out = []
    for g, p in m.hits(m.typed):
        line, prediction = m.gold[g], m.preds[p]
        for name, verdict in argument_verdicts(line, prediction).items():
            if verdict is False:
                out.append({"tag": "ARG", "field": name, "article": str(line.get("article_id")),
                            "type": prediction.event.type, "event_id": prediction.event.id,
                            "gold": _gold_value(line, name), "predicted": _predicted_value(prediction, name),
                            "sentence": prediction.sentence})
    return out


def _gold_value(line: dict[str, Any], name: str) -> str:
    if name.endswith(("_country", "_sector")):
        role, what = name.split("_")
        actor = line.get(f"{role}_actor")
        return f"{line.get(name)} ({actor})" if actor else str(line.get(name))
    if name == "location":
        return f"{line.get('location') or '-'} ({line.get('location_country') or '-'})"
    if name == "mode":
        return "/".join(str(v) for v in [line.get("mode"), *args.as_list(line.get("mode_alt"))])
    return str(line.get(name))


def _actors(actors: list[ActorRef], key: str) -> str:
    return "; ".join(f"{getattr(a, key) or '-'} ({a.text})" for a in actors) or "-"


def _predicted_value(p: Prediction, name: str) -> str:
    """The value that was scored: actors are the merged event's, the other fields the mention's own
    article's (its `Report`), as in `event_scores.argument_verdicts`."""
    event = p.event
    if name.endswith(("_country", "_sector")):
        role, what = name.split("_")
        return _actors(event.source if role == "source" else event.target, what)
    told = p.evidence if isinstance(p.evidence, Report) else event
    if name == "location":
        loc = told.location
        return f"{loc.text} -> {loc.name or '-'} ({loc.country or '-'})" if loc else "-"
    if name == "date":
        return f"{told.date} ({told.date_precision})"
    value = {"killed": told.size.dead, "wounded": told.size.injured}.get(name, getattr(told, name, None))
    return "-" if value is None else str(value)


def error_line(error: dict[str, Any]) -> str:
    """One error as one greppable line: tag, article, what, then the sentence last."""
    def one_line(text: Any) -> str:
        return " ".join(str(text or "").split())

    tag = error["tag"] if error["tag"] != "ARG" else f"ARG {error['field']}"
    what = f"{error.get('type')}/{error.get('mode') or '-'}"
    if error["tag"] == "ARG":
        body = (f"{error['type']}  gold {one_line(error['gold'])}  ours {one_line(error['predicted'])}"
                f"  {error['event_id']}")
    elif error["tag"] == "MISS":
        ours = "; ".join(f"{x['type']}/{x['mode'] or '-'} \"{one_line(x['trigger'])}\" {x['event_id']}"
                         + (f" (matched [{x['matched']}])" if x.get("matched") else "")
                         for x in error["predicted"]) or "nothing"
        body = f"{what}  {error.get('modality') or '-'}  [{error.get('key')}]  we predicted: {ours}"
    else:
        extra = f"  +{error['mentions'] - 1} mentions" if error.get("mentions", 1) > 1 else ""
        body = (f"{what}  {error.get('modality')}  \"{one_line(error['trigger'])}\"  {error['event_id']}{extra}"
                f"  ({error['why']})")
    return f"{tag:<20} {error['article']}  {body}  | {one_line(error['sentence'])}"
