"""The actors stage entry point: actor mentions of one parsed document, resolved and linked."""

from __future__ import annotations

import logging

from spacy.tokens import Doc

from tidings.actors._ids import actor_id
from tidings.actors.detect import find_candidates
from tidings.actors.dictionary import ActorDictionary
from tidings.actors.link import link_acronyms, link_groups, link_persons
from tidings.actors.context import dateline_end, story_context
from tidings.actors.coref import attach_owners, link_roles
from tidings.actors.resolve import Reading, read_candidate
from tidings.model import Actor, Mention
from tidings.nlp._text import doc_text

log = logging.getLogger(__name__)


def find_actors(doc: Doc, places: list[Mention], dictionary: ActorDictionary,
                published: str | None = None) -> list[Mention]:
    """Actor mentions in `doc`, sorted by start, each with a canonical `Actor`.

    `places` are the place mentions of the same document: a place that is not used as an actor
    (a capital as the subject of "accuse" is; "in Kiev" is not) yields no actor mention.
    `published` (ISO date) selects dictionary entries valid on that day.
    """
    place_spans = {(m.start, m.end) for m in places if m.kind == "place"}
    ctx = story_context(doc, places, dictionary.countries,
                        known=lambda text: dictionary.lookup(text, published) is not None)
    readings: list[Reading] = []
    dateline = dateline_end(doc)
    for cand in find_candidates(doc, dictionary.countries, dictionary.lexicon):
        if min(cand.start, cand.head.i) < dateline:
            continue  # "NIAMEY, Niger (AP) —": where and by whom the story was filed, not who acted
        reading = read_candidate(cand, dictionary, ctx, published, place_spans)
        if reading is not None:
            readings.append(reading)
    link_persons(readings)
    link_acronyms(readings)
    attach_owners(readings, dictionary)
    link_groups(readings)
    link_roles(readings, dictionary)
    readings = [r for r in readings if not r.pending]
    return _mentions(doc, readings)


def _mentions(doc: Doc, readings: list[Reading]) -> list[Mention]:
    sentence_of = {i: index for index, sent in enumerate(doc.sents) for i in range(sent.start, sent.end)}
    actors: dict[str, Actor] = {}
    mentions: list[Mention] = []
    for r in readings:
        first, last = doc[r.cand.start], doc[max(r.cand.end, r.cand.head.i + 1) - 1]
        if r.cand.entity is None:
            last = r.cand.head
        start, end = first.idx, last.idx + len(last.text)
        text = doc_text(doc)[start:end]
        ident = actor_id(r.name, r.country, r.sector)
        actor = actors.get(ident)
        if actor is None:
            aliases = list(r.entry.aliases) if r.entry is not None else []
            actor = Actor(id=ident, name=r.name, country=r.country, sector=r.sector, kind=r.kind,
                          role=r.role, aliases=aliases)
            actors[ident] = actor
        for alias in (text, *r.aliases):
            alias = alias.removeprefix("the ").removeprefix("The ").strip()
            if alias and alias != actor.name and alias not in actor.aliases:
                actor.aliases.append(alias)
        label = r.cand.rule if r.entry is None else f"{r.cand.rule}+dictionary"
        mentions.append(Mention(kind="actor", text=text, start=start, end=end,
                                sentence_index=sentence_of[r.cand.head.i], actor=actor, label=label))
    mentions.sort(key=lambda m: (m.start, -m.end))
    kept: list[Mention] = []
    for m in mentions:
        if kept and m.start < kept[-1].end:
            continue  # nested in (or overlapping) the previous mention: keep the outer phrase
        kept.append(m)
    log.debug("%d actor mentions, %d actors", len(kept), len(actors))
    return kept
