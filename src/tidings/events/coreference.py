"""Within-article event coreference: the sentences of one article that tell one act become one act.

A wire story tells its act in the headline, the lead, a toll update, a claim of responsibility and
"the attack, the worst since January": DESIGN §4 counts all of them as mentions of one event. Across
articles the resolver decides what is one event; inside an article this module does, because an
article gives more to go on than a mention does: the order it tells things in, the event nouns that
refer back ("the attack", "his arrest"), and the narrative date and place it has set.

Each mention gets an `act` key (the id of the act's first mention). Mentions of one act share their
date, place and mode where a restatement leaves them out, and the resolver keeps an act's
mentions together. It may still join two acts of one article that no veto here told apart when
their fields fit (restatements this module missed): forbidding that was measured to cost more than
it saves (dev de-dup 0.709 -> 0.673, article-event 0.741 -> 0.738).

Two mentions of one type are one act unless something tells them apart (a veto):
* a stated mode of another family (an arrest is not a curfew; a demonstration may be a riot);
* real and unreal: a protest held and one planned or called off are two;
* dates the text states on both sides, more than a day apart ("in 2016", "on Friday" vs "Saturday");
  a month or a year is the span of its days;
* places apart (two towns or regions; a town inside its region is not apart; a country alone never
  vetoes, since reports name the countries of both sides);
* participants apart: source countries, or target countries, with nothing in common;
* a sequel the text marks: "later", "then", "again", "also", "another".
A restatement by an anaphoric event noun ignores the participant veto (it names none of its own).
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date as Date

from tidings.model import ActorRef, EventMention
from tidings.resolve._compat import place_chain, places_compatible

#: Modalities of an act that happened (or is said to have); the others are acts apart.
_REAL = frozenset({"asserted", "claimed", "unconfirmed", "denied"})
#: Dates within this many days of each other may be one act (a night attack told on two days).
_DAY_GAP = 1


@dataclass
class _Act:
    key: str
    type: str
    members: list[EventMention] = field(default_factory=list)
    modes: set[str] = field(default_factory=set)
    spans: list[tuple[int, int]] = field(default_factory=list)  # (first, last) days the text states
    chains: list[tuple[str, ...]] = field(default_factory=list)
    sources: set[str] = field(default_factory=set)
    targets: set[str] = field(default_factory=set)
    real: bool = True


def corefer(mentions: list[EventMention], anaphoric: set[str], mode_families: dict[str, dict[str, str]],
            sequels: set[str] = frozenset()) -> None:
    """Give every mention its `act` key, and fill what a restatement leaves out from its act.

    `mentions` are one article's, in text order; `anaphoric` holds the ids of mentions whose trigger
    is an event noun that refers back ("the attack", "this week's arrests"); `mode_families` maps a
    type to {mode: family}: stated modes of different families are different acts; `sequels` holds
    the ids of mentions the text marks as a further act ("later shelled", "another attack", "police
    also arrested"), which start an act of their own.
    """
    acts: list[_Act] = []
    for mention in mentions:
        best: tuple[float, int] | None = None
        chosen: _Act | None = None
        for order, act in enumerate(acts if mention.id not in sequels else ()):
            score = _fit(mention, act, mention.id in anaphoric, mode_families.get(mention.type, {}))
            if score is not None and (best is None or (score, order) > best):
                best, chosen = (score, order), act
        if chosen is None:
            chosen = _Act(key=mention.id, type=mention.type)
            acts.append(chosen)
        _join(chosen, mention)
    for act in acts:
        _share_arguments(act)


def _fit(mention: EventMention, act: _Act, anaphoric: bool, families: dict[str, str]) -> float | None:
    """How well `mention` continues `act` (higher: more in common), or None when they are two acts."""
    if mention.type != act.type:
        return None
    if (mention.modality in _REAL) != act.real:
        return None
    if mention.mode and act.modes and not any(_same_family(mention.mode, m, families) for m in act.modes):
        return None
    score = 0.0
    span = _stated_span(mention)
    if span is not None and act.spans:
        if any(_gap(span, other) > _DAY_GAP for other in act.spans):
            return None
        score += 1.0
    chain = place_chain(mention.location) if _stated_place(mention) and not _country_only(mention) else ()
    for other in act.chains:
        fit = places_compatible(chain, other)
        if fit is None:
            return None
        score += fit / 3.0
    sources, targets = _countries(mention.source), _countries(mention.target)
    if not anaphoric:
        if sources and act.sources and not sources & act.sources:
            return None
        if targets and act.targets and not targets & act.targets:
            return None
    score += 0.5 * bool(sources & act.sources) + 0.5 * bool(targets & act.targets)
    return score + (1.0 if anaphoric else 0.0)


def _same_family(a: str, b: str, families: dict[str, str]) -> bool:
    return a == b or families.get(a, a) == families.get(b, b)


def _join(act: _Act, mention: EventMention) -> None:
    mention.act = act.key
    act.members.append(mention)
    act.real = mention.modality in _REAL
    if mention.mode:
        act.modes.add(mention.mode)
    span = _stated_span(mention)
    if span is not None:
        act.spans.append(span)
    if _stated_place(mention) and not _country_only(mention):
        act.chains.append(place_chain(mention.location))
    act.sources |= _countries(mention.source)
    act.targets |= _countries(mention.target)


def _share_arguments(act: _Act) -> None:
    """A restatement takes its act's stated date, place and mode where it has none. Participants stay
    as each sentence gives them: the merged event gathers them, and a sentence that names no doer
    ("the victim died in hospital") must not read as one that does."""
    if len(act.members) < 2:
        return
    dated = next((m for m in act.members if _stated_span(m) is not None and m.date_precision == "day"), None)
    placed = max((m for m in act.members if _stated_place(m)),
                 key=lambda m: -(m.location.geo_precision or 4), default=None)
    mode = next((m.mode for m in act.members if m.mode), None)
    for member in act.members:
        if dated is not None and _stated_span(member) is None:
            member.date, member.date_precision, member.date_text = dated.date, dated.date_precision, dated.date_text
        if placed is not None and not _stated_place(member):
            member.location = placed.location
        if member.mode is None and mode is not None:
            member.mode = mode


def _stated_span(mention: EventMention) -> tuple[int, int] | None:
    """The days (first, last) the sentence itself states for the act: a day, or the days of its week,
    month or year; None without a date of its own (the publication-day fallback)."""
    if mention.date is None or not mention.date_text or mention.date_text.startswith("publication"):
        return None
    parts = mention.date.split("-")
    try:
        year = int(parts[0])
        if mention.date_precision == "year" or len(parts) == 1:
            return Date(year, 1, 1).toordinal(), Date(year, 12, 31).toordinal()
        month = int(parts[1])
        if mention.date_precision == "month" or len(parts) == 2:
            return Date(year, month, 1).toordinal(), Date(year, month, monthrange(year, month)[1]).toordinal()
        day = Date(year, month, int(parts[2][:2])).toordinal()
    except (ValueError, IndexError):
        return None
    return (day, day + 6) if mention.date_precision == "week" else (day, day)


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Days between two spans (0 when they overlap)."""
    return max(0, max(a[0], b[0]) - min(a[1], b[1]))


def _stated_place(mention: EventMention) -> bool:
    """A place the sentence gives (not the article's main place, which every sentence inherits)."""
    location = mention.location
    return location is not None and location.reason in ("clause", "sentence")


def _country_only(mention: EventMention) -> bool:
    """A country named as the place says little about the venue (a missile over Japan, strikes in
    Pakistan told from India), and a region across countries (the Sahel, the European Union) says
    less: neither tells two acts apart."""
    location = mention.location
    return location is not None and ((location.geo_precision or 4) >= 4 or location.country is None)


def _countries(refs: list[ActorRef]) -> set[str]:
    return {r.country for r in refs if r.country}
