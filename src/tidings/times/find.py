"""`find_times`: every date expression of a parsed document, normalised against its publication."""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc

from tidings.model import Mention, TimeValue
from tidings.times._context import Reading, apply_reporting_period, resolve_anaphors
from tidings.times._detect import find_candidates
from tidings.times._tense import clause_tense
from tidings.times.normalise import resolve
from tidings.nlp._text import doc_text

# Kinds whose value depends on which way the clause points; the others ignore tense, so we skip
# reading the parse for them.
_TENSE_SENSITIVE = frozenset({"weekday", "month_day", "day_month", "month", "quarter",
                              "relative", "weekend", "holiday", "the_season"})


def find_times(doc: Doc, published: str | None) -> list[Mention]:
    """Time mentions of `doc`, sorted by start; `published` is the ISO publication date or None.

    Each mention's `label` names the rule that read it (``weekday:back``, ``quarter:Q3``,
    ``vague:past``, ``dateparser``...). Relative expressions stay unresolved (value None, precision
    "unknown") when `published` is None.
    """
    text_of_doc = doc_text(doc)
    sentences = list(doc.sents)
    sentence_starts = [sent.start_char for sent in sentences]
    cache: dict[tuple[str, str], tuple[TimeValue, str]] = {}
    readings: list[Reading] = []
    for cand in find_candidates(doc):
        text = text_of_doc[cand.start:cand.end]
        tense = "past"
        if cand.kind in _TENSE_SENSITIVE:
            span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
            if span is not None and len(span):
                tense = clause_tense(span)
        key = (text, tense)
        if key not in cache:
            cache[key] = resolve(text, published, tense)
        value, label = cache[key]
        readings.append(Reading(cand.start, cand.end, cand.kind, text, value, label))
    indices = [max(0, bisect_right(sentence_starts, r.start) - 1) for r in readings]
    # A slice of the text, not `Span.text`, which joins the sentence's tokens anew.
    sentence_texts = [text_of_doc[sentences[i].start_char:sentences[i].end_char] for i in indices]
    readings = apply_reporting_period(readings, sentence_texts if sentences else [])
    readings = resolve_anaphors(readings)
    return [
        Mention(kind="time", text=r.text, start=r.start, end=r.end, sentence_index=i,
                time=TimeValue(r.value.value, r.value.precision), label=r.label)
        for r, i in zip(readings, indices)
    ]
