"""One event per place: "armed men took over police stations in Sloviansk, Kramatorsk and
Druzhkovka" reports three takeovers. ACLED and PLOVER code one location per event, so a mention whose
venue is a list of conjoined places is copied once for each other place of the list. Only a venue
splits an event: conjoined places that name its parties ("talks between Iran and Saudi Arabia",
"Russia and China condemned") or modify an actor are one event, and so are a place and the
region or town it lies in ("in Kyiv and across Ukraine"). The list must be in the act's own
clause."""

from __future__ import annotations

import dataclasses

from spacy.tokens import Span, Token

from tidings.events.venue import is_locative, place_location, speaker_venue
from tidings.model import EventMention, Mention
from tidings.places import contains, in_name


def spread_over_places(events: list[EventMention], sent: Span, places: list[Mention]) -> list[EventMention]:
    """The events, each followed by its copies for the places conjoined with its venue; a verbal
    act first gets its speaker's venue (`speaker_venue`), which needs its type and source."""
    in_sentence = [m for m in places if m.place is not None and sent.start_char <= m.start < sent.end_char]
    out: list[EventMention] = []
    for event in events:
        # the event's type and speaker are known only now: a verbal act's venue is its speaker's
        event.location = speaker_venue(event, sent, places)
        out.append(event)
        venue = event.location
        if venue is None or venue.reason != "clause" or venue.place_id is None:
            continue  # only a list in the act's own clause is a list of its venues
        chosen = next((m for m in in_sentence if m.text == venue.text and m.place.id == venue.place_id), None)
        if chosen is None:
            continue
        root = _root(sent, chosen)
        if root is None or not is_locative(root):
            continue
        if _disjunction(root):
            continue  # "in Paris, Lyon or Rennes": one of them, not each
        conjoined = {t.i for t in root.conjuncts}
        seen = {venue.place_id}
        for mention in in_sentence:
            other = _root(sent, mention)
            if other is None or other.i not in conjoined or mention.place.id in seen or in_name(mention):
                continue
            if contains(mention.place, chosen.place) or contains(chosen.place, mention.place):
                continue  # "in Kyiv and across Ukraine": one venue said twice, not two
            seen.add(mention.place.id)
            copy = dataclasses.replace(event, id=f"{event.id}_{mention.start}",
                                       location=place_location(mention, venue.reason, False),
                                       source=list(event.source), target=list(event.target),
                                       contexts=list(event.contexts), size=dataclasses.replace(event.size))
            out.append(copy)
    return out


def _root(sent: Span, mention: Mention):  # noqa: ANN202  (a spaCy Token, or None)
    span = sent.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _disjunction(root: Token) -> bool:
    """The places are offered as alternatives ("in Paris, Lyon or Rennes", "either X or Y")."""
    return any(c.dep_ == "cc" and c.lower_ in ("or", "nor") for t in (root, *root.conjuncts) for c in t.children)
