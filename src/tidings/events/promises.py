"""Announced future acts are promises or threats (PLOVER): "will meet" is AGREE, "will bring them to
justice" THREATEN.

PLOVER codes what a party commits itself to as the commitment: a meeting, aid, support or
cooperation promised for the future is AGREE (DESIGN §3), and a coercive or violent act announced
against another party is THREATEN. The announced act itself stays, with modality `planned`, so that
the meeting held later can join it. Which planned types become which commitment is data
(data/events_lexicon.yaml `promised_acts`).
"""

from __future__ import annotations

from dataclasses import replace

from tidings.events.ontology import Ontology
from tidings.model import EventMention


def commitments(events: list[EventMention], ontology: Ontology, table: dict[str, dict[str, str | None]]) -> list[EventMention]:
    """The AGREE / THREATEN each planned act of a sentence implies, unless the sentence codes one.

    `table` maps a planned act's type to {its mode or "*": "TYPE" or "TYPE/mode"}.
    """
    told = {e.type for e in events}
    out: list[EventMention] = []
    for event in events:
        if event.modality != "planned" or not (event.source or event.attribution):
            continue
        modes = table.get(event.type)
        if not modes:
            continue
        target = modes.get(event.mode or "*") or modes.get("*")
        if not target:
            continue
        type_, _, mode = target.partition("/")
        if type_ in told:
            continue
        told.add(type_)
        out.append(replace(event, id=event.id + "p", type=type_, mode=mode or None, quad=ontology.quad(type_),
                           modality="asserted", size=replace(event.size), contexts=list(event.contexts)))
    return out


#: Commitments are acts of speech: announcing them is the act, whatever the tense of the deed.
COMMITMENTS = frozenset({"AGREE", "THREATEN"})


def assert_commitments(events: list[EventMention]) -> None:
    """A threat or promise said with "will" or "would" is made now: its modality is the saying's."""
    for event in events:
        if event.type in COMMITMENTS and event.modality in ("planned", "hypothetical"):
            event.modality = "asserted"
