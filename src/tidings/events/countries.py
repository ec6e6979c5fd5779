"""Countries for event roles the actors stage left stateless, from where the event happened.

Coding convention (tests/gold/events/README.md, "Actors"): domestic actors act where they are —
protesters, police, gunmen, civilians without a stated nationality belong to the country of the
event's place; "pro-Russian separatists" in Ukraine are Ukrainian; the owner of a seized or attacked
building, town or market is the country it stands in.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Token

from tidings.events.arguments import phrase_span, place_sector, stated_country
from tidings.events.lexicon import Lexicon
from tidings.model import ActorRef, Location, Mention
from tidings.nlp._text import doc_text

#: Sectors of actors that act abroad as themselves: never given the event's country.
_INTERNATIONAL = {"IGO", "UNO", "NGO", "EUR"}
_OWNED = {"building", "territory", "checkpoint", "base"}


def localise(refs: list[ActorRef], location: Location | None, lexicon: Lexicon) -> list[ActorRef]:
    """Give stateless domestic actors, "pro-X" groups and bare role nouns ("police", "senior
    officers", "the government") the country the event happened in (DESIGN §4: a role noun
    without a country takes the country of the act's venue, not the article's other events')."""
    country = location.country if location is not None else None
    if country is None or country in _INTERNATIONAL:
        return refs
    out = []
    for ref in refs:
        if ref.sector in _INTERNATIONAL or ref.country in _INTERNATIONAL or _several_states(ref) \
                or _serves_abroad(ref, lexicon):
            out.append(ref)
        elif ref.country is None or _is_pro(ref.text, ref.country, lexicon) or is_bare_role(ref, lexicon):
            out.append(replace(ref, country=country))
        else:
            out.append(ref)
    return out


def _serves_abroad(ref: ActorRef, lexicon: Lexicon) -> bool:
    """An ambassador or envoy with no stated country: the venue is where they serve, rarely whose
    they are ("Ambassador Joel Meyer was asked to leave Mali" is France's)."""
    diplomats = lexicon.classes.get("diplomat", frozenset())
    return ref.country is None and any(word.lower() in diplomats for word in _WORD.findall(ref.text))


_STATES_WORDS = ("countries", "nations", "states", "governments")


def _several_states(ref: ActorRef) -> bool:
    """"western countries", "the two nations": several states are not the venue's one."""
    words = _WORD.findall(ref.text.lower())
    return ref.actor_id is None and bool(words) and words[-1] in _STATES_WORDS


_PRONOUNS = {"he", "she", "him", "her", "they", "them", "it", "we", "us", "i", "you", "who"}
_POSSESSIVES = {"his", "her", "their", "its", "our", "my"}
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


def is_bare_role(ref: ActorRef, lexicon: Lexicon) -> bool:
    """A role noun phrase that states no country or name ("riot police", "the authorities"): its
    country was inferred from the article, not read. Names, pronouns (resolved to someone named)
    and phrases with a country word ("Kenyan police", "police in Mali") are not bare."""
    words = _WORD.findall(ref.text)
    if not words or ref.text.lower().strip() in _PRONOUNS:
        return False
    if words[0].lower() in _POSSESSIVES and ref.country is not None:
        return False  # "his cabinet": the country of whom "his" refers to
    if any(w[:1].isupper() for w in words[1:]):
        return False  # a name, or a capitalised word (a demonym, "the Interior Ministry") in the phrase
    if len(words) == 1 and words[0][:1].isupper() and words[0].lower() not in lexicon.sector_of_form:
        return False  # "Congress", "Hamas": a name, not "Police" opening a sentence
    if _country_word(ref.text, lexicon):
        return False
    # the actors stage names an inferred role "<Demonym> <role>" ("Kenyan police") or after the
    # country ("France"); a capital further on is a person's or organisation's name
    name_words = _WORD.findall(ref.name or "")
    if name_words and name_words[0][:1].isupper() and name_words[0].lower() in {w.lower() for w in words}:
        return False  # "Kenyan police" as written: the country was read, not inferred
    return not any(w[:1].isupper() for w in name_words[1:])


def _country_word(text: str, lexicon: Lexicon) -> bool:
    words = " " + re.sub(r"[^a-z0-9.\-]+", " ", text.lower()).replace("'s ", " ") + " "
    return any(pattern.search(words) for pattern in lexicon.country_patterns)


def _is_pro(text: str, country: str, lexicon: Lexicon) -> bool:
    """"pro-Russian gunmen": the group supports that country, it is not of it."""
    lowered = text.lower()
    return any(f"pro-{name}" in lowered for name in lexicon.country_hints.get(country, ()))


def owner_targets(patients: list[Token], location: Location | None, lexicon: Lexicon,
                  places: list[Mention] | None = None) -> list[ActorRef]:
    """The owner of a building, base or town an event acted on: the country its phrase names ("the
    Saudi embassy", "the US territory of Guam", "a base in Syria"), else the venue's; police,
    military or government when the place says so ("seized the police headquarters", "stormed the
    embassy")."""
    for head in patients:
        if lexicon.classes_of(head.lemma_, head.lower_) & _OWNED or head.pos_ == "NOUN" and place_sector(head.text):
            start, end = phrase_span(head)
            text = doc_text(head.doc)[start:end].strip()
            country = _named_country(head, start, end, places or []) or (
                location.country if location is not None else None)
            if country is None:
                return []
            sector = place_sector(text) or (_HOLDERS if _taken(head) and head.lemma_.lower() in _TERRITORY else None)
            return [ActorRef(text=text, country=country, sector=sector)]
    return []




#: Verbs of taking ground by force, and the ground they take: a town or territory taken is taken
#: from the forces that held it ("rebels seized the town of X", "captured the district").
_TAKING = {"seize", "capture", "take", "overrun", "occupy", "retake", "recapture", "storm", "control"}
_TERRITORY = {"town", "city", "territory", "district", "province", "region", "area", "base", "hub", "border",
              "crossing", "airport", "port", "capital", "stronghold", "outpost", "position"}
_HOLDERS = "MIL"


def _taken(head: Token) -> bool:
    """The phrase is the object of a verb of taking ground ("seized the town", "took control of X")."""
    verb = head.head.head if head.dep_ == "pobj" else head.head
    return head.dep_ in ("dobj", "pobj", "nsubjpass") and verb.lemma_.lower() in _TAKING


def _named_country(head: Token, start: int, end: int, places: list[Mention]) -> str | None:
    """A country the phrase states: a country word or demonym outside its place names (not "Praia"
    of "Mocimboa da Praia"), else a place named inside it."""
    inside = [m for m in places if start <= m.start and m.end <= end and m.place is not None and m.place.country]
    code = stated_country([t for t in head.doc[head.left_edge.i:head.right_edge.i + 1]
                           if start <= t.idx < end and not any(m.start <= t.idx < m.end for m in inside)])
    if code:
        return code
    return inside[0].place.country if inside else None


#: Roles news leaves implicit, by event type (and mode), coded in the venue's country (the gold
#: guidelines, after PLOVER and ACLED): a protest with no stated target is against the government;
#: arrests, curfews and bans with no stated author are by the police or the authorities; aid with no
#: stated recipient goes to the civilians of the place; a demand with no stated addressee ("called
#: for the release of the detainees", "urged reform") is made of the authorities of the place it
#: concerns; arrests, bans and curfews with no stated
#: object fall on the place's people, crowd control and police deployments on its protesters.
_IMPLIED_TARGET = {"PROTEST": ("government", "GOV"), "AID": ("civilians", "CVL"),
                   "REQUEST": ("government", "GOV")}
_IMPLIED_MODE_TARGET = {("COERCE", mode): ("civilians", "CVL")
                        for mode in ("arrest", "restrict", "curfew", "martial-law", "censor", "deport")}
_IMPLIED_MODE_TARGET |= {("ASSAULT", "crowd-control"): ("protesters", "CVL"),
                         ("MOBILIZE", "police"): ("protesters", "CVL")}
_IMPLIED_SOURCE = {("COERCE", "arrest"): ("police", "COP"), ("COERCE", "restrict"): ("police", "COP"),
                   ("COERCE", "curfew"): ("authorities", "GOV"), ("COERCE", "martial-law"): ("authorities", "GOV")}
#: A state that acts by force acts through its armed forces ("North Korea fired a missile").
_FORCE_TYPES = {"ASSAULT", "MOBILIZE"}


def implied_roles(event_type: str, mode: str | None, source: list[ActorRef], target: list[ActorRef],
                  location: Location | None, actors: list[Mention]) -> tuple[list[ActorRef], list[ActorRef]]:
    """(source, target) with the roles the coding rules imply where the sentence names none, and
    states acting by force coded as their military. Call after `localise`."""
    kinds = {m.actor.id: m.actor.kind for m in actors if m.actor is not None}
    if event_type in _FORCE_TYPES:
        source = [replace(r, sector="MIL") if _armed_state(r, kinds) else r for r in source]
    if event_type == "PROTEST":  # "France held a general strike": its people protest, not its state
        source = [replace(r, sector="CVL") if kinds.get(r.actor_id or "") == "state" else r for r in source]
    if event_type in _VICTIM_TYPES:  # "released Siamak Namazi", "abducted John Smith": private persons
        target = [replace(r, sector="CVL") if r.sector is None and kinds.get(r.actor_id or "") == "person" else r
                  for r in target]
    country = location.country if location is not None else None
    if country is None or country in _INTERNATIONAL:
        return source, target
    implied_target = _IMPLIED_TARGET.get(event_type) or _IMPLIED_MODE_TARGET.get((event_type, mode or ""))
    if not target and implied_target is not None:
        text, sector = implied_target
        target = [ActorRef(text=text, country=country, sector=sector)]
    implied = _IMPLIED_SOURCE.get((event_type, mode or ""))
    if not source and implied is not None:
        source = [ActorRef(text=implied[0], country=country, sector=implied[1])]
    return source, target


#: Types whose target suffers or is spared the act: a named person there with no stated role or
#: office is a private person, a civilian (ACLED's and PLOVER's default for such victims).
_VICTIM_TYPES = frozenset({"ASSAULT", "COERCE", "RETREAT", "CONCEDE"})

_DEFENCE = re.compile(r"\bdefen[cs]e\b", re.I)


def _armed_state(ref: ActorRef, kinds: dict[str, str]) -> bool:
    """A state, its defence ministry, or its unnamed force ("Russian shelling") using force."""
    if ref.sector == "GOV":
        return kinds.get(ref.actor_id or "") == "state" or bool(_DEFENCE.search(f"{ref.text} {ref.name or ''}"))
    if ref.sector is None and ref.country and ref.actor_id is None:
        words = _WORD.findall(ref.text)
        return len(words) >= 2 and words[0][:1].isupper() and all(w.islower() for w in words[1:])
    return False
