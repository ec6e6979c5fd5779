"""`find_times`: every date expression of a parsed document, normalised against its publication."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from spacy.tokens import Doc

from tidings.model import Mention, TimeValue
from tidings.times._context import Reading, apply_reporting_period, resolve_anaphors
from tidings.times._detect import Candidate, find_candidates
from tidings.times._tense import clause_tense
from tidings.times.anchor import capped, dateline_day, text_anchor
from tidings.times.normalise import published_precision, resolve
from tidings.times.timeml import REF_VALUES, timeml_value
from tidings.nlp._text import doc_text

# Kinds whose value depends on which way the clause points; the others ignore tense, so we skip
# reading the parse for them.
_TENSE_SENSITIVE = frozenset({"weekday", "month_day", "day_month", "month", "quarter",
                              "relative", "weekend", "holiday", "the_season"})
#: Kinds that need only a year from their anchor: the ones a date in the text can anchor when the
#: publication date is missing ("on January 19" beside "January 19, 2023"). A weekday or
#: "yesterday" read against such a date would be read against what may be a date of the past.
_YEAR_ONLY = frozenset({"month_day", "day_month", "month_year", "month", "holiday"})


def find_times(doc: Doc, published: str | None) -> list[Mention]:
    """Time mentions of `doc`, sorted by start; `published` is the ISO publication date (a day or
    a month only) or None.

    Each mention's `label` names the rule that read it (``weekday:back``, ``quarter:Q3``,
    ``vague:past``, ``dateparser``...). Without `published`, relative expressions are read against
    the latest date the text names with its year (see `times.anchor`) when they need only a year
    ("on January 19"), and stay unresolved (value None, precision "unknown") otherwise. A month-only `published` reads them to the
    month at most. A wire dateline ("UNITED NATIONS, March 10 (Xinhua) --") a few days before
    publication is the anchor in its place (see `times.anchor`). "now", "recently", "in the future" carry TimeML's PRESENT_REF, PAST_REF,
    FUTURE_REF as value, with precision "unknown"; quarters, halves, seasons and weekends are
    written as TimeML writes them ("1989-Q3", "2014-W15-WE"; `timeml.iso_value` reads them back).
    """
    text_of_doc = doc_text(doc)
    sentences = list(doc.sents)
    sentence_starts = [sent.start_char for sent in sentences]
    candidates = [(cand, _tense(doc, cand), text_of_doc[cand.start:cand.end]) for cand in find_candidates(doc)]
    published = dateline_day(text_of_doc, published) or published
    readings = _read(candidates, published)
    precision = published_precision(published)
    if precision == "unknown":
        anchor = text_anchor((r.text, r.value) for r in readings)
        if anchor is not None:
            anchored = _read(candidates, anchor)
            readings = [a if r.kind in _YEAR_ONLY and r.value.value is None else r
                        for r, a in zip(readings, anchored)]
    elif precision == "month":
        absolute = _read(candidates, None)
        readings = [r if a.value.value is not None else replace(r, value=capped(r.value, "month"))
                    for r, a in zip(readings, absolute)]
    indices = [max(0, bisect_right(sentence_starts, r.start) - 1) for r in readings]
    # A slice of the text, not `Span.text`, which joins the sentence's tokens anew.
    sentence_texts = [text_of_doc[sentences[i].start_char:sentences[i].end_char] for i in indices]
    readings = apply_reporting_period(readings, sentence_texts if sentences else [])
    readings = resolve_anaphors(readings)
    readings = _spelled_out(readings, text_of_doc)
    readings = [_with_clock(r, text_of_doc) for r in readings]
    return [
        Mention(kind="time", text=r.text, start=r.start, end=r.end, sentence_index=i,
                time=_with_ref(r), label=r.label)
        for r, i in zip(readings, indices)
    ]


#: What may stand between a weekday and the date that spells it out: "Wednesday – February 27",
#: "Tuesday, March 3", "Friday (May 5)".
_GLOSS_GAP = frozenset(" ,(–—-")


def _spelled_out(readings: list[Reading], text: str) -> list[Reading]:
    """A weekday followed by the date it names takes that date's value: the writer has said which
    Wednesday ("on Wednesday – February 27" is the coming one, not the last)."""
    out = list(readings)
    for i, (weekday, date) in enumerate(zip(readings, readings[1:])):
        gap = text[weekday.end:date.start]
        if (weekday.kind == "weekday" and date.value.precision == "day" and date.value.value
                and len(gap) <= 4 and set(gap) <= _GLOSS_GAP):
            out[i] = replace(weekday, value=date.value)
    return out


#: A clock time just before a weekday: "9 a.m. Tuesday", "4 a.m. EDT Thursday".
_CLOCK_BEFORE = re.compile(r"\b(1[0-2]|0?[1-9])(?::([0-5]\d))?\s*([ap])\.m\.(?:\s+[A-Z]{3})?\s+$", re.IGNORECASE)


def _with_clock(reading: Reading, text: str) -> Reading:
    """A weekday after a clock time keeps the time in its label (``weekday:forward:T0900``), as
    TimeML gives it (2000-04-04T09:00); the mention stays the weekday, which is what dates acts."""
    if reading.kind != "weekday" or reading.value.precision != "day" or reading.label.count(":") > 1:
        return reading
    clock = _CLOCK_BEFORE.search(text[max(0, reading.start - 24):reading.start])
    if clock is None:
        return reading
    hour = int(clock[1]) % 12 + (12 if clock[3].lower() == "p" else 0)
    return replace(reading, label=f"{reading.label}:T{hour:02d}{clock[2] or '00'}")


def _tense(doc: Doc, cand: Candidate) -> str:
    if cand.kind not in _TENSE_SENSITIVE:
        return "past"
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    return clause_tense(span) if span is not None and len(span) else "past"


def _read(candidates: list[tuple[Candidate, str, str]], published: str | None) -> list[Reading]:
    cache: dict[tuple[str, str], tuple[TimeValue, str]] = {}
    readings = []
    for cand, tense, text in candidates:
        key = (text, tense)
        if key not in cache:
            cache[key] = resolve(text, published, tense)
        value, label = cache[key]
        readings.append(Reading(cand.start, cand.end, cand.kind, text, value, label))
    return readings


def _with_ref(reading: Reading) -> TimeValue:
    """The reading's value, TimeML's PAST_REF/PRESENT_REF/FUTURE_REF for a vague expression, and
    TimeML's notation for quarters, seasons and weekends (`timeml.timeml_value`)."""
    value = reading.value
    if value.value is None and reading.kind in ("vague", "ago") and ":" in reading.label:
        ref = REF_VALUES.get(reading.label.split(":", 1)[1])
        if ref is not None:
            return TimeValue(ref, "unknown")
    return timeml_value(TimeValue(value.value, value.precision), reading.label)
