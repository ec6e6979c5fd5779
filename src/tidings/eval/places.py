"""Score toponym resolution on LGL (Lieberman et al. 2010): local US news with GeoNames gold.

Two settings (see the corpus README): gold spans ("oracle": our resolver alone, with the article as
context) and end-to-end (our detector's spans matched to gold, resolution scored on the matches).
The corpus is read from where it lies at run time; nothing of it is copied into the repository.
"""

from __future__ import annotations

import logging
import re
import statistics
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language

from tidings.errors import InputError
from tidings.places.detect import Toponym
from tidings.places.find import find_places
from tidings.places.gazetteer import Gazetteer
from tidings.places.resolve import haversine_km, resolve_toponyms

log = logging.getLogger(__name__)
ACC_KM = 161.0
_WORD = re.compile(r"[A-Z][a-z]+")


@dataclass
class GoldToponym:
    start: int
    end: int
    phrase: str
    lat: float | None
    lon: float | None


@dataclass
class GoldArticle:
    id: str
    text: str
    toponyms: list[GoldToponym]


def read_lgl(path: Path, limit: int | None = None) -> list[GoldArticle]:
    """Articles of lgl.xml with their gold toponyms (coordinates None where GeoNames had none)."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise InputError(f"{path}: cannot read LGL gold: {exc}") from exc
    articles = []
    for art in root.iter("article"):
        tops = []
        for t in art.iter("toponym"):
            lat = t.findtext("gaztag/lat")
            lon = t.findtext("gaztag/lon")
            tops.append(GoldToponym(int(t.findtext("start")), int(t.findtext("end")), t.findtext("phrase") or "",
                                    float(lat) if lat else None, float(lon) if lon else None))
        articles.append(GoldArticle(art.get("docid", ""), art.findtext("text") or "", tops))
        if limit is not None and len(articles) >= limit:
            break
    return articles


def _distance_summary(errors: list[float], total: int) -> dict[str, Any]:
    """acc@161 over all scored toponyms (an unresolved one counts as wrong); mean/median over resolved."""
    return {
        "count": total,
        "resolved": len(errors),
        "acc@161km": round(sum(e <= ACC_KM for e in errors) / total, 4) if total else None,
        "mean_km": round(statistics.fmean(errors), 1) if errors else None,
        "median_km": round(statistics.median(errors), 1) if errors else None,
    }


def _gold_spans(article: GoldArticle, gazetteer: Gazetteer) -> tuple[list[Toponym], list[float | None]]:
    tops = sorted(article.toponyms, key=lambda t: t.start)
    toponyms = [Toponym(t.start, t.end, article.text[t.start:t.end], 0, "gold", 0, 0) for t in tops]
    for i, top in enumerate(toponyms[:-1]):
        if article.text[top.end:toponyms[i + 1].start].strip() == ",":
            top.container = i + 1
    return toponyms, tops


def _demonyms(text: str, gazetteer: Gazetteer) -> list[str]:
    return [iso3 for w in _WORD.findall(text) if (iso3 := gazetteer.demonym(w))]


def evaluate_lgl(gold: Path, gazetteer: Gazetteer, nlp: Language | None,
                 limit: int | None = None) -> dict[str, Any]:
    """Accuracy@161km, mean and median error with gold spans; with `nlp`, end-to-end P/R/F1 too."""
    articles = read_lgl(Path(gold), limit)
    errors: list[float] = []
    total = 0
    for article in articles:
        toponyms, tops = _gold_spans(article, gazetteer)
        places = resolve_toponyms(toponyms, gazetteer, _demonyms(article.text, gazetteer))
        for gold_top, place in zip(tops, places):
            if gold_top.lat is None:
                continue
            total += 1
            if place is not None and place.lat is not None:
                errors.append(haversine_km(gold_top.lat, gold_top.lon, place.lat, place.lon))
    result: dict[str, Any] = {"dataset": "lgl", "articles": len(articles),
                              "gold_spans": _distance_summary(errors, total)}
    if nlp is not None:
        result["end_to_end"] = _end_to_end(articles, gazetteer, nlp)
    return result


def _end_to_end(articles: list[GoldArticle], gazetteer: Gazetteer, nlp: Language) -> dict[str, Any]:
    tp_exact = tp_overlap = n_pred = n_gold = 0
    errors: list[float] = []
    matched_with_coords = 0
    for article, doc in zip(articles, nlp.pipe(a.text for a in articles)):
        mentions = find_places(doc, gazetteer)
        n_pred += len(mentions)
        n_gold += len(article.toponyms)
        gold_exact = {(t.start, t.end) for t in article.toponyms}
        tp_exact += sum((m.start, m.end) in gold_exact for m in mentions)
        for t in article.toponyms:
            hit = next((m for m in mentions if m.start < t.end and t.start < m.end), None)
            if hit is None:
                continue
            tp_overlap += 1
            if t.lat is not None:
                matched_with_coords += 1
                errors.append(haversine_km(t.lat, t.lon, hit.place.lat, hit.place.lon))

    def prf(tp: int) -> dict[str, float]:
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4),
                "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}

    return {"exact": prf(tp_exact), "overlap": prf(tp_overlap), "predicted": n_pred, "gold": n_gold,
            "matched_resolution": _distance_summary(errors, matched_with_coords)}
