"""The date of an event: the time of the act's own clause, else the narrative time, else publication."""

from __future__ import annotations

from spacy.tokens import Span, Token

from tidings.model import Mention


#: Words before a time expression that make it the edge of a period rather than the event's date.
_PERIOD_BOUNDS = {"since"}


def choose_date(trigger: Token, sent: Span, times: list[Mention], published: str | None,
                clause: set[int] | None = None) -> tuple[str | None, str, str | None]:
    """(ISO date, precision, the text it came from): the clause's time, else the sentence's, else
    the publication date at lowered precision. `clause` as in `choose_location`."""
    if clause is None:
        from tidings.events.arguments import clause_tokens  # arguments imports this module
        clause = clause_tokens(trigger)
    doc = sent.doc
    candidates = []
    for mention in times:
        if mention.time is None or mention.time.value is None:
            continue
        if not (sent.start_char <= mention.start < sent.end_char):
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None and span.start > 0 and doc[span.start - 1].lower_ in _PERIOD_BOUNDS:
            continue  # "the first visit since 2011": the time bounds a period, it does not date the event
        index = span.root.i if span is not None else trigger.i
        candidates.append((index not in clause, abs(index - trigger.i), mention))
    if candidates:
        _, _, mention = min(candidates, key=lambda c: (c[0], c[1]))
        assert mention.time is not None
        return mention.time.value, mention.time.precision, mention.text
    if published:
        return published[:10], "week", "publication date (no date in the sentence)"
    return None, "unknown", None
