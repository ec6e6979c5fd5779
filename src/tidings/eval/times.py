"""Score `tidings.times` on TempEval-3 TimeML (TBAQ-cleaned): span P/R/F1 and DATE value F1.

Each document's raw text and its creation date (DCT, as publication date) go through spaCy and
`find_times`; TIMEX3 tags are the gold. How we count:

* span, all types: every gold TIMEX3 (DATE, TIME, DURATION, SET) against every mention; strict needs
  equal offsets, relaxed any overlap (one-to-one, in text order).
* span and value, DATE only: gold is the DATE timexes; a mention overlapping a TIME, DURATION or SET
  timex is left out (neither right nor wrong), since we do not aim to read those types.
* value: a relaxed span match whose value, written as TimeML writes it (day 2014-04-16, week
  2014-W15, month 2014-04, year 2014, quarter 2014-Q1, season 2014-SU, vague PAST_REF / PRESENT_REF
  / FUTURE_REF), equals the gold value. P = right values / mentions, R = right values / gold.
* value at the gold's granularity (``value_date_at_gold_granularity``): as the team's official
  scorer (score_times.py) counts it. The gold is cut where it stops saying something: a component
  with X goes ("1989-WXX" -> 1989, "1998-10-XX" -> 1998-10) and so does a time of day
  ("2000-01-05TEV" -> 2000-01-05); ours must then agree at that granularity (a week agrees with a
  year of it, a day with its week). Gold values that are not dates (PRESENT_REF, 198X) need the
  same string.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language

from tidings.errors import InputError
from tidings.model import Mention
from tidings.times import find_times
from tidings.times.timeml import REF_VALUES

log = logging.getLogger(__name__)

_YEAR_PARTS = frozenset({"Q1", "Q2", "Q3", "Q4", "H1", "H2", "SP", "SU", "FA", "WI"})
_VAGUE = {"vague:past": "PAST_REF", "vague:present": "PRESENT_REF", "vague:future": "FUTURE_REF"}


@dataclass
class GoldTimex:
    start: int
    end: int
    type: str
    value: str
    text: str


def read_timeml(path: Path) -> tuple[str, str | None, list[GoldTimex]]:
    """(raw text of <TEXT>, DCT as ISO date, gold TIMEX3s with offsets into that text)."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise InputError(f"{path}: cannot read TimeML: {exc}") from exc
    dct_node = root.find("DCT/TIMEX3")
    dct = None
    if dct_node is not None and dct_node.get("value"):
        dct = dct_node.get("value", "")[:10]
    text_node = root.find("TEXT")
    if text_node is None:
        raise InputError(f"{path}: no <TEXT> element")
    parts: list[str] = []
    timexes: list[GoldTimex] = []

    def walk(node: ET.Element) -> None:
        start = sum(map(len, parts))
        parts.append(node.text or "")
        for child in node:
            walk(child)
            parts.append(child.tail or "")
        if node.tag == "TIMEX3":
            end = sum(map(len, parts))
            timexes.append(GoldTimex(start, end, node.get("type", ""), node.get("value", ""),
                                     "".join(parts)[start:end]))

    walk(text_node)
    return "".join(parts), dct, timexes


def timeml_value(mention: Mention) -> str | None:
    """Our value in TimeML's notation (see the module docstring)."""
    value = mention.time
    label = mention.label or ""
    if value is None or value.value is None:
        return _VAGUE.get(label)
    if value.value in REF_VALUES.values() or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.value):
        return value.value  # PRESENT_REF, or a quarter or weekend find_times wrote as TimeML does
    date = dt.date.fromisoformat(value.value)
    extra = label.rsplit(":", 1)[1] if ":" in label else ""
    if value.precision == "day":
        clock = re.fullmatch(r"T(\d\d)(\d\d)", extra)
        if clock:  # "9 a.m. Tuesday" -> 2000-04-04T09:00
            return f"{value.value}T{clock[1]}:{clock[2]}"
        return value.value  # "Friday night": TimeBank writes TNI only now and then, so we never do
    if value.precision == "week":
        year, week, _ = date.isocalendar()
        return f"{year}-W{week:02d}" + ("-WE" if extra == "WE" else "")
    if value.precision == "month":
        return value.value[:7]
    if extra in _YEAR_PARTS:
        return f"{date.year}-{extra}"
    if extra == "decade":
        return str(date.year)[:3]
    if extra == "century":
        return f"{date.year:04d}"[:2]
    return str(date.year)


def _canonical(value: str) -> str:
    """Gold values write some weeks unpadded ("2000-W7"); pad them as ISO does."""
    match = re.fullmatch(r"(\d{4})-W(\d)", value)
    return f"{match[1]}-W0{match[2]}" if match else value


_GRANULAR = re.compile(r"^(\d{4})(?:-(W\d{2}|\d{2}))?(?:-(\d{2}))?$")


def _at_granularity(value: str) -> str | None:
    """A gold value cut where it stops being specific, None when it is not a date of that kind."""
    kept = []
    for part in value.split("T")[0].split("-"):
        if "X" in part.upper():
            break
        kept.append(part)
    cut = "-".join(kept)
    match = _GRANULAR.match(cut)
    if not match:
        return None
    return f"{match[1]}-{match[2]}" if match[2] and match[2].startswith("W") and match[3] else cut


def agrees_at_gold_granularity(ours: str | None, gold: str) -> bool:
    """Our TimeML value against the gold's, at the gold's granularity (see the module docstring)."""
    if ours is None:
        return False
    cut = _at_granularity(_canonical(gold))
    if cut is None:
        return ours == gold
    head = re.match(r"^\d{4}(?:-(?:W\d{2}|\d{2}))?(?:-\d{2})?", ours)
    if head is None:
        return False
    mine = head[0]
    if "W" in cut:
        if "W" in mine:
            return mine[:8] == cut
        if len(mine) == 10:
            year, week, _ = dt.date.fromisoformat(mine).isocalendar()
            return f"{year}-W{week:02d}" == cut
        return False
    if "W" in mine:
        return len(cut) == 4 and mine[:4] == cut
    return len(mine) >= len(cut) and mine[:len(cut)] == cut


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def _match(pred: list[Mention], gold: list[GoldTimex]) -> list[tuple[Mention, GoldTimex]]:
    """One-to-one relaxed matches: each mention takes the first unmatched gold timex it overlaps."""
    used: set[int] = set()
    pairs = []
    for mention in pred:
        for i, timex in enumerate(gold):
            if i not in used and _overlaps(mention.start, mention.end, timex.start, timex.end):
                used.add(i)
                pairs.append((mention, timex))
                break
    return pairs


def _prf(correct: int, predicted: int, gold: int) -> dict[str, float]:
    p = correct / predicted if predicted else 0.0
    r = correct / gold if gold else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def evaluate_tempeval(gold_dir: Path, nlp: Language, limit: int | None = None) -> dict[str, Any]:
    """Score `find_times` on every `*.tml` under `gold_dir` (at most `limit` documents)."""
    paths = sorted(Path(gold_dir).rglob("*.tml"))[:limit]
    if not paths:
        raise InputError(f"{gold_dir}: no .tml files")
    counts = {k: 0 for k in ("gold_all", "pred_all", "strict_all", "relaxed_all", "gold_date",
                             "pred_date", "strict_date", "relaxed_date", "value_right", "value_granular",
                             "words")}
    errors: list[dict[str, str | None]] = []
    seconds = 0.0
    for path in paths:
        text, dct, gold = read_timeml(path)
        doc = nlp(text)
        started = time.perf_counter()
        pred = find_times(doc, dct)
        seconds += time.perf_counter() - started
        counts["words"] += sum(1 for t in doc if not t.is_space and not t.is_punct)
        counts["gold_all"] += len(gold)
        counts["pred_all"] += len(pred)
        spans = {(g.start, g.end) for g in gold}
        counts["strict_all"] += sum((m.start, m.end) in spans for m in pred)
        counts["relaxed_all"] += len(_match(pred, gold))
        others = [g for g in gold if g.type != "DATE"]
        dates = [g for g in gold if g.type == "DATE"]
        scored = [m for m in pred if not any(_overlaps(m.start, m.end, g.start, g.end) for g in others)]
        counts["gold_date"] += len(dates)
        counts["pred_date"] += len(scored)
        date_spans = {(g.start, g.end) for g in dates}
        counts["strict_date"] += sum((m.start, m.end) in date_spans for m in scored)
        pairs = _match(scored, dates)
        counts["relaxed_date"] += len(pairs)
        for mention, timex in pairs:
            ours = timeml_value(mention)
            counts["value_granular"] += agrees_at_gold_granularity(ours, timex.value)
            if ours == _canonical(timex.value):
                counts["value_right"] += 1
            else:
                errors.append({"doc": path.stem, "dct": dct, "text": mention.text, "gold_text": timex.text,
                               "gold": timex.value, "ours": ours, "label": mention.label})
    return {
        "documents": len(paths),
        "counts": counts,
        "span_all_strict": _prf(counts["strict_all"], counts["pred_all"], counts["gold_all"]),
        "span_all_relaxed": _prf(counts["relaxed_all"], counts["pred_all"], counts["gold_all"]),
        "span_date_strict": _prf(counts["strict_date"], counts["pred_date"], counts["gold_date"]),
        "span_date_relaxed": _prf(counts["relaxed_date"], counts["pred_date"], counts["gold_date"]),
        "value_date": _prf(counts["value_right"], counts["pred_date"], counts["gold_date"]),
        "value_date_at_gold_granularity": _prf(counts["value_granular"], counts["pred_date"], counts["gold_date"]),
        "find_times_words_per_second": round(counts["words"] / seconds) if seconds else None,
        "value_errors": errors,
    }
