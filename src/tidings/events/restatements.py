"""One mention per act per article: an act told in several sentences is reported once, in its most
informative sentence, with the other sentences kept as its `other_evidence`.

DESIGN §4 counts an article's act once, however often the article tells it (headline, lead, toll
update, "the attack"). `coreference.corefer` has decided which mentions are one act; this module
folds each act into the one mention a reader would quote: the sentence that says most about it
(who, to whom, where, when, how many). What the other sentences add and the chosen one leaves out
(a doer named only in the lead, a toll given only later) fills it, and their sentences stay attached
as restatements, so nothing the article said is lost and every sentence stays traceable. This is
also what GDELT's mentions table holds: one row per article that reports an event.
"""

from __future__ import annotations

import re
from dataclasses import replace

from tidings.model import EventMention, Restatement, Size

#: A sentence of running text ends with closing punctuation; a headline or a caption need not.
_PROSE_END = re.compile(r"[.!?][\"'”’)\]]*\s*$")


def tell_once(mentions: list[EventMention]) -> list[EventMention]:
    """The mentions of one article (each with its `act` key) folded to one per act, in text order."""
    acts: dict[str, list[EventMention]] = {}
    for mention in mentions:
        acts.setdefault(mention.act or mention.id, []).append(mention)
    told = [_fold(members) for members in acts.values()]
    return sorted(told, key=lambda m: (m.evidence.start, m.type))


def _fold(members: list[EventMention]) -> EventMention:
    if len(members) == 1:
        return members[0]
    primary = max(members, key=_informativeness)  # the first of the best: ties go to the earlier sentence
    others = [m for m in members if m is not primary]
    if not primary.source:
        primary.source = next((m.source for m in others if m.source), [])
    if not primary.target:
        primary.target = next((m.target for m in others if m.target), [])
    primary.size = _fill_size(primary.size, [m.size for m in others])
    primary.confidence = max(m.confidence for m in members)
    primary.evidence = replace(primary.evidence, other_evidence=[
        *primary.evidence.other_evidence,
        *(_restatement(m) for m in others if m.evidence.sentence_index != primary.evidence.sentence_index)])
    return primary


def _informativeness(mention: EventMention) -> tuple[bool, int, float, int]:
    """Which sentence tells the act best: prose over a headline or caption (a line without closing
    punctuation); one that says something of its own about it (participants, a place or a date of its
    own, a count); the surer reading of its trigger (its confidence); then the earlier sentence."""
    location = mention.location
    said = (bool(mention.source) + bool(mention.target)
            + (location is not None and location.reason in ("clause", "sentence"))
            + bool(mention.date_text and not mention.date_text.startswith("publication"))
            + any(value is not None for value in (mention.size.dead, mention.size.injured, mention.size.arrested)))
    prose = _PROSE_END.search(mention.evidence.sentence) is not None
    return prose, min(said, 1), round(mention.confidence, 1), -mention.evidence.sentence_index


def _fill_size(size: Size, others: list[Size]) -> Size:
    """The chosen sentence's counts, completed by the first count another sentence gives."""
    def first(name: str) -> int | None:
        own = getattr(size, name)
        return own if own is not None else next((getattr(s, name) for s in others if getattr(s, name) is not None), None)
    return Size(dead=first("dead"), injured=first("injured"), arrested=first("arrested"))


def _restatement(mention: EventMention) -> Restatement:
    e = mention.evidence
    return Restatement(sentence_index=e.sentence_index, sentence=e.sentence, trigger=e.trigger, start=e.start,
                       end=e.end, sentence_start=e.sentence_start, sentence_end=e.sentence_end)
