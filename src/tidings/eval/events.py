"""Scorers for event extraction: our gold format (DESIGN §6), CASE 2021 task 2 and IndiaPoliceEvents.

The pipeline is supplied by the caller (`harness.py`: documents in, merged events out for our
format; `analyse(texts, published) -> list[list[EventMention]]` for the others), so these scorers
measure exactly what users get. How our format is matched and scored: `event_scores`; its error
lists: `event_errors`; its text report: `event_report`.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tidings.errors import InputError
from tidings.eval import event_errors, event_scores
from tidings.events.ontology import Ontology
from tidings.ingest._documents import ReadContext, build_document
from tidings.model import ActorRef, Document, Event, EventMention

Analyse = Callable[[list[str], list["str | None"]], list[list[EventMention]]]

#: ACLED sub-event type -> CASE 2021 label.
CASE_LABELS = {
    "Abduction/forced disappearance": "ABDUCT_DISSAP", "Agreement": "AGREEMENT",
    "Air/drone strike": "AIR_STRIKE", "Armed clash": "ARMED_CLASH", "Arrests": "ARREST",
    "Shelling/artillery/missile attack": "ART_MISS_ATTACK", "Attack": "ATTACK",
    "Change to group/activity": "CHANGE_TO_GROUP_ACT", "Chemical weapon": "CHEM_WEAP",
    "Disrupted weapons use": "DISR_WEAP", "Excessive force against protesters": "FORCE_AGAINST_PROTEST",
    "Government regains territory": "GOV_REGAINS_TERIT", "Grenade": "GRENADE",
    "Headquarters or base established": "HQ_ESTABLISHED", "Mob violence": "MOB_VIOL",
    "Non-state actor overtakes territory": "NON_STATE_ACTOR_OVERTAKES_TER",
    "Non-violent transfer of territory": "NON_VIOL_TERRIT_TRANSFER", "Other": "OTHER",
    "Peaceful protest": "PEACE_PROTEST", "Looting/property destruction": "PROPERTY_DISTRUCT",
    "Protest with intervention": "PROTEST_WITH_INTER", "Remote explosive/landmine/IED": "REM_EXPLOS",
    "Sexual violence": "SEX_VIOL", "Suicide bomb": "SUIC_BOMB", "Violent demonstration": "VIOL_DEMONSTR",
}
#: When a snippet yields several events, the more specific ACLED category names it.
_SPECIFICITY = ["SUIC_BOMB", "CHEM_WEAP", "AIR_STRIKE", "GRENADE", "REM_EXPLOS", "ART_MISS_ATTACK",
                "SEX_VIOL", "ABDUCT_DISSAP", "MOB_VIOL", "VIOL_DEMONSTR", "FORCE_AGAINST_PROTEST",
                "PROTEST_WITH_INTER", "DISR_WEAP", "GOV_REGAINS_TERIT", "NON_VIOL_TERRIT_TRANSFER",
                "NON_STATE_ACTOR_OVERTAKES_TER", "ARMED_CLASH", "PROPERTY_DISTRUCT", "HQ_ESTABLISHED", "ARREST",
                "ATTACK", "PEACE_PROTEST", "AGREEMENT", "CHANGE_TO_GROUP_ACT", "OTHER"]
#: Categories of one family that rank alike: the first reported in the snippet names it (a battle
#: reported before the capture it led to is the main event; the capture is its outcome).
_SAME_RANK = {"NON_VIOL_TERRIT_TRANSFER": "GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER": "GOV_REGAINS_TERIT",
              "ARMED_CLASH": "GOV_REGAINS_TERIT"}
#: Events that did not (yet) happen name a snippet only when nothing that happened does.
_UNREAL = ("negated", "hypothetical", "denied", "planned")
_POLICE_WORDS = re.compile(r"\b(police\w*|cops?|constables?|constabulary|gendarm\w*|sho|inspectors?|officers?|jawans?|"
                           r"rpf|raf|crpf|cisf|srp|stf|ats|sp|ssp|dsp|dcp|dgp|igp?|dig|cid|crime branch|commissioner|home guards?|"
                           r"securitymen)\b", re.I)


# -- our gold format -------------------------------------------------------------------------
@dataclass
class GoldSet:
    """Articles (id -> metadata with "text") and gold event mentions (dicts as in DESIGN §6)."""

    articles: dict[str, dict[str, Any]] = field(default_factory=dict)
    events: list[dict[str, Any]] = field(default_factory=list)


def load_gold_events(gold_dir: Path) -> GoldSet:
    """Read `articles/ID.txt`, `articles.jsonl` and `gold_events.jsonl` from `gold_dir`."""
    gold_dir = Path(gold_dir)
    gold = GoldSet()
    for name in ("articles.jsonl", "gold_events.jsonl"):
        path = gold_dir / name
        if not path.is_file():
            raise InputError(f"{path}: missing (see DESIGN §6, gold format)")
    for number, line in enumerate((gold_dir / "articles.jsonl").read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            record = _json(line, gold_dir / "articles.jsonl", number)
            text_path = gold_dir / "articles" / f"{record['id']}.txt"
            record["text"] = _read_verbatim(text_path) if text_path.is_file() else ""
            gold.articles[str(record["id"])] = record
    for number, line in enumerate((gold_dir / "gold_events.jsonl").read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            gold.events.append(_json(line, gold_dir / "gold_events.jsonl", number))
    return gold


def _read_verbatim(path: Path) -> str:
    """The article as written, line ends included (they feed the document id)."""
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def _json(line: str, path: Path, number: int) -> dict[str, Any]:
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}:{number}: invalid JSON: {exc}") from exc


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def gold_documents(gold: GoldSet) -> list[tuple[str, Document]]:
    """The gold articles as the product reads them from `ID.txt` and its `ID.meta.json` sidecar (url,
    outlet, published, title: the title matters, cleaning drops a headline that repeats it), in the
    order a folder is read (by name). Pairs of (article id, document)."""
    context = ReadContext(on_error=_raise, max_bytes=2**62)
    return [(article_id, build_document(record["text"], f"{article_id}.txt",
                           {k: record.get(k) for k in ("url", "outlet", "published", "title")}, context))
            for article_id, record in sorted(gold.articles.items()) if record["text"].strip()]


def _raise(error: InputError) -> None:
    raise error


def score_events(gold: GoldSet | list[dict[str, Any]], events: Iterable[Event],
                 doc_articles: Mapping[str, Iterable[str]] | None = None, errors: bool = False) -> dict[str, Any]:
    """Score merged events (with their mentions as evidence) against gold lines, as DESIGN §6 and the
    official scorer say (see `event_scores`); with `errors`, list what went wrong (`event_errors`).

    `doc_articles` maps document ids to the gold article ids of that text (identity when absent).
    """
    lines = gold.events if isinstance(gold, GoldSet) else list(gold)
    events = list(events)
    if doc_articles is None:
        doc_articles = {e.doc_id: [e.doc_id] for event in events for e in event.mentions}
    figures, matching = event_scores.score(lines, event_scores.predictions(events, doc_articles))
    if errors:
        figures["errors"] = event_errors.error_list(matching)
    return figures


def evaluate_gold_dir(gold_dir: Path, extract: Callable[[list[Document]], list[Event]],
                      limit: int | None = None, errors: bool = False) -> dict[str, Any]:
    """Run `extract` (the pipeline: documents in, merged events out) over a gold folder's articles
    and score the result; `limit` keeps the first N articles (by id) and their gold lines."""
    gold = load_gold_events(gold_dir)
    if limit is not None:
        kept = set(sorted(gold.articles)[:limit])
        gold = GoldSet({k: v for k, v in gold.articles.items() if k in kept},
                       [line for line in gold.events if str(line.get("article_id")) in kept])
    doc_articles: dict[str, list[str]] = defaultdict(list)
    unique: dict[str, Document] = {}
    for article_id, document in gold_documents(gold):
        doc_articles[document.id].append(article_id)  # identical texts are one document, twice gold
        unique.setdefault(document.id, document)
    figures = score_events(gold, extract(list(unique.values())), doc_articles, errors)
    figures["gold"]["articles"] = len(gold.articles)
    return figures


# -- CASE 2021 task 2 ------------------------------------------------------------------------
def case_label(events: Iterable[EventMention], ontology: Ontology) -> str | None:
    """The CASE 2021 label our events give a snippet: the most specific ACLED category found."""
    best: tuple[bool, int, int, float, str] | None = None
    for event in events:
        category = ontology.acled_for(event)
        if category is None or category[1] not in CASE_LABELS:
            continue
        label = CASE_LABELS[category[1]]
        rank = _SPECIFICITY.index(_SAME_RANK.get(label, label))
        first_told = min([event.evidence.start, *(r.start for r in event.evidence.other_evidence)])
        key = (event.modality in _UNREAL, rank, first_told, -event.confidence, label)
        if best is None or key < best:
            best = key
    return best[4] if best else None


def read_case2021(tsv: Path) -> list[tuple[str, str, str]]:
    """(id, snippet, label) rows of the CASE 2021 task 2 TSV."""
    with open(tsv, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        if header[:3] != ["id", "EventSnippet", "SubType"]:
            raise InputError(f"{tsv}:1: unexpected header {header!r}")
        return [(row[0], row[1], row[2]) for row in reader if len(row) >= 3]


def classification_scores(gold: list[str], predicted: list[str | None]) -> dict[str, Any]:
    """Per-class P/R/F1 and micro, macro and support-weighted F1 over the gold classes."""
    classes = sorted(set(gold))
    per_class: dict[str, dict[str, float]] = {}
    support = Counter(gold)
    for label in classes:
        tp = sum(1 for g, p in zip(gold, predicted) if g == label and p == label)
        n_pred = sum(1 for p in predicted if p == label)
        per_class[label] = {**_prf(tp, n_pred, support[label]), "support": support[label]}
    correct = sum(1 for g, p in zip(gold, predicted) if g == p)
    n_pred = sum(1 for p in predicted if p is not None)
    total = len(gold)
    return {"micro": _prf(correct, n_pred, total), "macro_f1": round(sum(c["f1"] for c in per_class.values()) / len(classes), 4) if classes else 0.0,
            "weighted_f1": round(sum(c["f1"] * c["support"] for c in per_class.values()) / total, 4) if total else 0.0,
            "accuracy": round(correct / total, 4) if total else 0.0, "no_prediction": total - n_pred,
            "per_class": per_class}


def evaluate_case2021(tsv: Path, analyse: Analyse, ontology: Ontology | None = None) -> dict[str, Any]:
    """Subtask 1 of CASE 2021 task 2: the 25 ACLED sub-event types, via our (type, mode) -> ACLED map."""
    ontology = ontology or Ontology.load()
    rows = [r for r in read_case2021(Path(tsv)) if r[2] in set(CASE_LABELS.values())]
    outputs = analyse([r[1] for r in rows], [None] * len(rows))
    predicted = [case_label(events, ontology) for events in outputs]
    scores = classification_scores([r[2] for r in rows], predicted)
    producible = {CASE_LABELS[sub] for spec in ontology.types.values()
                  for sub in [*(a[1] for a in spec.acled_modes.values()), *(r["acled"][1] for r in spec.acled_rules),
                              *([spec.acled[1]] if spec.acled else [])] if sub in CASE_LABELS}
    scores["snippets"] = len(rows)
    scores["unproducible_classes"] = sorted(set(CASE_LABELS.values()) - producible)
    return scores


# -- IndiaPoliceEvents ------------------------------------------------------------------------
#: Armed state forces other than police, by the words that name them: in the dataset's reports the
#: army, paramilitary and "security forces" stand beside the police in aid of civil order, and its
#: annotators read their acts as the police's (our sectors: MIL).
_FORCE_WORDS = re.compile(r"\b(army|troops?|soldiers?|forces?|security|paramilitary|bsf|itbp|commandos?|"
                          r"personnel|guards?)\b", re.I)


_SEIZED_ARMS = re.compile(r"\b(weapons?|arms|ammunitions?|explosives?|rifles?|pistols?|revolvers?|guns?|grenades?|"
                          r"bombs?|cartridges|rdx|detonators?|drugs|heroin|contraband)\b", re.I)
#: The police's own records of a case: a first information report (FIR) is the case they register,
#: booking and a charge sheet are their charge ("booked under sections 302 and 307").
_POLICE_RECORD = re.compile(r"\b(booked|firs?|first information reports?|charge[- ]?sheet\w*)\b", re.I)
_RIOT_CONTROL = re.compile(r"\b(tear[- ]?gas|lathi|baton|cane[- ]charg|water cannon|rubber bullets|pellet)", re.I)


def _police(actor: ActorRef) -> bool:
    return actor.sector == "COP" or bool(_POLICE_WORDS.search(actor.text))


def _state_force(actor: ActorRef) -> bool:
    return _police(actor) or actor.sector == "MIL" or bool(_FORCE_WORDS.search(actor.text))


def _police_work_without_doer(mode: str | None, sentence: str) -> bool:
    """Coercion told without a doer that is the police's: restrictions, deportations, arms
    recovered. A curfew is the civil administration's order (a magistrate's), and ground or an
    office taken over with nobody named is no police act."""
    if mode == "curfew":
        return False
    if mode == "seize":
        return bool(_SEIZED_ARMS.search(sentence))
    return True


def police_labels(event: EventMention, sentence: str | None = None) -> set[str]:
    """IndiaPoliceEvents questions an event answers yes to, for its evidence sentence or for
    `sentence`, another sentence that tells the same act.

    "Did police do anything?" (ANY_ACTION) is yes for any act of the police or of the armed forces
    beside them; for the state's coercion and shows of force told without a doer ("were arrested",
    "security was tightened", "forces were rushed"), which in these reports are theirs; for an
    investigation or a case registered; and for any act the police report ("five were held, police
    said": telling the press is something they did); see `_police_work_without_doer` for
    coercion told without a doer. An arrest and a deployment of forces (troops, police) are the
    forces' act whoever the clause names as its doer: a court, a government or a minister orders
    them, the police or the army carry them out. KILL and FORCE need the police as the doer of an
    ASSAULT, or riot control (tear gas, a lathi charge) told without a doer; ARREST any arrest.
    """
    if event.modality in _UNREAL:  # nothing was done
        return set()
    told = sentence or event.evidence.sentence
    police = any(_police(a) for a in event.source)
    forces = any(_state_force(a) for a in event.source)
    unnamed = not event.source
    labels: set[str] = set()
    if event.type == "COERCE" and event.mode == "arrest":
        labels |= {"ARREST", "ANY_ACTION"}
    elif event.type == "COERCE" and (forces or unnamed):
        if forces or _police_work_without_doer(event.mode, told):
            labels.add("ANY_ACTION")
    if event.type == "MOBILIZE" and event.mode in ("troops", "police"):
        labels.add("ANY_ACTION")
    if event.type == "ACCUSE" and (police or unnamed) and (event.mode == "investigate" or _POLICE_RECORD.search(told)):
        labels.add("ANY_ACTION")
    if event.type == "ASSAULT" and police:
        labels |= {"FORCE", "ANY_ACTION"}
        if event.size.dead or re.search(r"kill|shot dead|dead", told, re.I):
            labels.add("KILL")
    # tear gas, lathi and baton charges are riot control: the police's whether or not the clause says
    # so (the sentence must say it: a restatement takes its act's mode from another sentence)
    if event.type == "ASSAULT" and unnamed and event.mode == "crowd-control" and _RIOT_CONTROL.search(told):
        labels |= {"FORCE", "ANY_ACTION"}
    if forces or (event.attribution is not None and _police(event.attribution)):
        labels.add("ANY_ACTION")
    return labels


def evaluate_india_police(folder: Path, analyse: Analyse, limit: int | None = None) -> dict[str, Any]:
    """Sentence-level P/R/F1 for KILL, ARREST, FORCE and ANY_ACTION (FAIL is not produced)."""
    folder = Path(folder)
    docs: dict[int, list[dict[str, Any]]] = defaultdict(list)
    with open(folder / "sents.jsonl", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            docs[record["doc_id"]].append(record)
    dates: dict[int, str | None] = {}
    with open(folder / "metadata.jsonl", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            dates[record["doc_id"]] = record.get("date")
    doc_ids = sorted(docs)[:limit] if limit else sorted(docs)
    texts, spans = [], []
    for doc_id in doc_ids:
        parts, offsets, position = [], [], 0
        for sent in sorted(docs[doc_id], key=lambda r: r["sent_id"]):
            text = " ".join(sent["sent_text"].split())
            offsets.append((position, position + len(text), sent["sent_id"]))
            parts.append(text)
            position += len(text) + 1
        texts.append("\n".join(parts))
        spans.append(offsets)
    outputs = analyse(texts, [dates.get(d) for d in doc_ids])
    names = ("KILL", "ARREST", "FORCE", "ANY_ACTION")
    gold_set: set[tuple[int, int, str]] = set()
    pred_set: set[tuple[int, int, str]] = set()
    for doc_id, text, offsets, events in zip(doc_ids, texts, spans, outputs):
        for sent in docs[doc_id]:
            gold_set |= {(doc_id, sent["sent_id"], label) for label in sent["sent_labels"] if label in names}
        for event in events:
            for sentence, start, sentence_start in _tellings(event):
                where = _sentence_at(sentence, start - sentence_start, text, offsets)
                if where is not None:
                    pred_set |= {(doc_id, where, label) for label in police_labels(event, sentence)}
    result: dict[str, Any] = {"documents": len(doc_ids)}
    for label in names:
        gold_l = {k for k in gold_set if k[2] == label}
        pred_l = {k for k in pred_set if k[2] == label}
        result[label] = {**_prf(len(gold_l & pred_l), len(pred_l), len(gold_l)), "gold": len(gold_l)}
    return result


def _tellings(event: EventMention) -> list[tuple[str, int, int]]:
    """(sentence, trigger start, sentence start) of every sentence that tells the event's act: each
    of them reports it, so each answers the dataset's per-sentence questions."""
    evidence = event.evidence
    return [(evidence.sentence, evidence.start, evidence.sentence_start),
            *((r.sentence, r.start, r.sentence_start) for r in evidence.other_evidence)]


def _sentence_at(sentence: str, trigger_offset: int, text: str, offsets: list[tuple[int, int, int]]) -> int | None:
    """Gold sentence id that holds a trigger `trigger_offset` characters into `sentence`."""
    base = text.find(sentence)
    if base < 0:
        return None
    position = base + trigger_offset
    for start, end, sent_id in offsets:
        if start <= position < end + 1:
            return sent_id
    return None
