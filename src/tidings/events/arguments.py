"""Turn role heads into ActorRefs, and choose an event's location and date from the mentions."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Span, Token

from tidings.events.lexicon import Lexicon
from tidings.model import ActorRef, Mention
from tidings.nlp._text import doc_text
from tidings.actors._tables import CountryTable, load_countries
from tidings.actors.context import dateline_end
from tidings.events._clause import clause_tokens
from tidings.events.antecedents import antecedent
from tidings.events.roles import GATHERINGS, prep_objects
from tidings.events.venue import choose_location, main_place, place_location  # noqa: F401  (re-exported)

from tidings.events.dating import choose_date  # noqa: F401  (moved; callers import it from here)

#: Verbs whose "of" phrase names the charge, not the person: "accused western countries of a
#: complete disregard" (the parser often hangs it on the object).
_CHARGING = {"accuse", "charge", "suspect", "convict", "acquit", "warn", "clear"}
_CUT = ("relcl", "acl", "appos", "conj", "cc", "punct", "advcl", "prep")
#: Whose a building or site is, by what it is: a police station the police's, a base the army's, an
#: embassy, ministry or prison the state's (its missions abroad act as its government), homes,
#: markets and villages the civilians'.
_PLACE_SECTORS = (
    ("COP", re.compile(r"\bpolice\b|\bsecurity service\b", re.I)),
    ("MIL", re.compile(r"\b(military|army|air base|barracks|garrison)\b", re.I)),
    ("GOV", re.compile(r"\b(embass(y|ies)|consulates?|ministry|ministries|parliament|presidential palace|prisons?|jails?"
                       r"|government (buildings?|headquarters|offices?))\b", re.I)),
    ("CVL", re.compile(r"\b(homes?|houses?|market|markets|shops?|villages?|schools?|hospitals?|mosques?|churches)\b", re.I)),
)


def place_sector(text: str) -> str | None:
    """The sector that owns a building or site the phrase names, if its words say."""
    return next((sector for sector, pattern in _PLACE_SECTORS if pattern.search(text)), None)


_INANIMATE = {"building", "weapon", "document", "meeting", "agreement", "checkpoint", "territory", "operation"}


def phrase_span(head: Token) -> tuple[int, int]:
    """Character span of an argument: the head with its modifiers, without clauses or conjuncts."""
    tokens = [head]
    charged = head.dep_ == "dobj" and head.head.lemma_.lower() in _CHARGING
    stack = [c for c in head.children if c.dep_ not in _CUT or (c.dep_ == "prep" and c.lower_ == "of" and not charged)]
    while stack:
        token = stack.pop()
        tokens.append(token)
        stack += [c for c in token.children if c.dep_ not in ("relcl", "acl", "appos", "advcl")]
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    return start, end


def actor_ref(head: Token, actors: list[Mention], places: list[Mention], lexicon: Lexicon) -> ActorRef | None:
    """The actor a role head names: the actor mention covering it, else a phrase with inferred
    country and sector; None for things that are not actors (buildings, vehicles, meetings)."""
    start, end = phrase_span(head)
    at = head.idx
    covering = [m for m in actors if m.start <= at < m.end]
    overlapping = covering or [m for m in actors if m.start < end and start < m.end]
    if head.i < dateline_end(head.doc):
        return None  # "BAGHDAD (Reuters) -": where the story was filed, never an actor
    author = act_author(head, actors, places, lexicon) if not covering else None
    if author is not None:
        return author  # "condemned the arrests of journalists": who arrested them
    if overlapping:
        best = min(overlapping, key=lambda m: (abs(m.start - head.idx), -(m.end - m.start)))
        actor = best.actor
        if actor is not None:
            ref = ActorRef(text=best.text, actor_id=actor.id, name=actor.name, country=actor.country,
                           sector=actor.sector)
            return _with_apposition(_with_owner(ref, head, actors, lexicon), head, actors, lexicon)
        return ActorRef(text=best.text)
    if head.pos_ == "PRON":
        return _antecedent(head, actors, lexicon)
    if head.lemma_.lower() in GATHERINGS:  # "a meeting of the committee said": the committee
        members = prep_objects(head, ("of",))
        return actor_ref(members[0], actors, places, lexicon) if members else None
    if head.pos_ == "PROPN":
        named = _named_elsewhere(doc_text(head.doc)[start:end], actors)
        if named is not None and named.actor is not None:
            actor = named.actor
            return ActorRef(text=doc_text(head.doc)[start:end], actor_id=actor.id, name=actor.name,
                            country=actor.country, sector=actor.sector)
    if lexicon.classes_of(head.lemma_, head.lower_) & _INANIMATE and not _hint_sector(head.lower_, lexicon):
        return None
    dateline = dateline_end(head.doc)
    if dateline:
        start = max(start, head.doc[dateline].idx)
    text = doc_text(head.doc)[start:end].strip(" \"'“”‘’-—–")
    if not _actor_like(head, text, lexicon):
        return None
    for place in places:
        if place.start <= head.idx < place.end and place.place is not None:
            country = place.place.country
            state = place.place.feature == "country" or _countries().capitals.get(place.text) == country
            return ActorRef(text=text, country=country, sector="GOV" if state else None)
    country = _hint_country(text, lexicon) or stated_country(
        [t for t in head.doc[head.left_edge.i:head.right_edge.i + 1] if start <= t.idx < end])
    sector = _hint_sector(text, lexicon) or ("GOV" if head.lemma_.lower() in _STATE_NOUNS else None)
    return _with_apposition(ActorRef(text=text, country=country, sector=sector), head, actors, lexicon)


#: Acts that, named as an argument, stand for whoever did them: "condemned the riots" condemns the
#: rioters, "police dispersed the protest" disperses the protesters, "denounced the arrests" the
#: authorities that made them. Value: (sector implied when the phrase names no author, verbs of
#: criticism it needs as governor or None).
_CRITICISE = {"condemn", "denounce", "criticise", "criticize", "decry", "deplore", "slam", "blame",
              "reject", "protest", "oppose", "deny"}
_ACTS_BY_AUTHOR: dict[str, tuple[str | None, frozenset[str] | None]] = {
    **{w: ("CVL", None) for w in ("riot", "protest", "demonstration", "unrest", "rally", "uprising", "sit-in")},
    **{w: ("GOV", frozenset(_CRITICISE)) for w in ("arrest", "detention", "crackdown", "execution", "warrant",
                                                   "ban", "curfew", "expulsion", "deportation")},
    # attacks stand for their author only when the phrase names it ("condemned the air strike by
    # the Indian Air Force", "denounced Russia's shelling"): an attack may have any author
    **{w: (None, frozenset(_CRITICISE | {"term", "call", "describe"}))
       for w in ("strike", "airstrike", "attack", "bombing", "shelling", "invasion", "aggression", "raid",
                 "offensive", "incursion", "assault", "killing", "massacre", "occupation", "annexation")},
}


def act_author(noun: Token, actors: list[Mention], places: list[Mention], lexicon: Lexicon) -> ActorRef | None:
    """Who did the act a noun names: its possessor, by-agent or national modifier ("Israel's
    strikes", "arrests by the police", "Russian shelling"), else the actor its kind implies
    (protesters for a riot; the authorities for arrests under a verb of criticism)."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in _ACTS_BY_AUTHOR:
        return None
    sector, governors = _ACTS_BY_AUTHOR[noun.lemma_.lower()]
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    if sector is None and verb.lemma_.lower() not in (governors or ()):
        return None  # "killed in an attack by X": the attack is the act, not a stand-in for X
    authors = [c for c in noun.children if c.dep_ == "poss"]
    authors += [g for c in noun.children if c.dep_ in ("prep", "agent") and c.lower_ == "by"
                for g in c.children if g.dep_ == "pobj"]
    authors += [c for c in noun.children if c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE", "ORG")]
    for author in authors:
        ref = actor_ref(author, actors, places, lexicon)
        if ref is not None:
            return ref
    if sector is None or governors is not None and verb.lemma_.lower() not in governors:
        return None
    start, end = phrase_span(noun)
    text = doc_text(noun.doc)[start:end].strip(" \"'“”‘’-—–")
    country = stated_country([t for t in noun.doc[noun.left_edge.i:noun.right_edge.i + 1] if start <= t.idx < end])
    return ActorRef(text=text, country=country, sector=sector)


def _actor_like(head: Token, text: str, lexicon: Lexicon) -> bool:
    """Whether an uncovered phrase can name an actor: a name, a person noun, a hinted sector/country."""
    if head.pos_ == "PROPN" or head.ent_type_ in ("NORP", "GPE", "ORG", "PERSON"):
        return True
    if head.pos_ not in ("NOUN", "NUM"):
        return False
    forms = {head.lemma_.lower(), head.lower_}
    if head.tag_ == "NNS" and forms & _STATE_NOUNS:
        return True  # "western countries", "the two nations"
    if forms & lexicon.casualties["person_nouns"] or lexicon.classes_of(*forms) & _PEOPLE:
        return True
    return bool(_hint_sector(text, lexicon) or _hint_country(text, lexicon))


#: States named by what they are, acting as their governments ("accused western countries").
_STATE_NOUNS = {"country", "nation", "state", "government"}
_PEOPLE = {"protester", "crowd", "combatant", "soldier", "person_generic", "official", "diplomat", "police", "military", "government", "worker"}


def _antecedent(pronoun: Token, actors: list[Mention], lexicon: Lexicon) -> ActorRef | None:
    """he/she -> the last person named before; I/we -> the quote's speaker; they -> the last
    group named as a subject (see `antecedents.py`)."""
    found = antecedent(pronoun, actors, set(lexicon.modality.get("speech_verbs", ())))
    if found is None or found.actor is None:
        return None
    actor = found.actor  # the words of the naming mention: what "they" or "he" stands for
    return ActorRef(text=found.text, actor_id=actor.id, name=actor.name, country=actor.country, sector=actor.sector)


def stated_country(tokens: list[Token]) -> str | None:
    """The first country a phrase names by name, demonym or capital ("the Saudi Arabian embassy",
    "the US territory of Guam"), two-word names first."""
    countries = _countries()
    for i, token in enumerate(tokens):
        if not token.text[:1].isupper():
            continue
        if i + 1 < len(tokens):
            code = countries.code_of(f"{token.text} {tokens[i + 1].text}")
            if code:
                return code
        code = countries.code_of(token.text)
        if code:
            return code
    return None


@lru_cache(maxsize=1)
def _countries() -> CountryTable:
    return load_countries()


def _named_elsewhere(text: str, actors: list[Mention]) -> Mention | None:
    """A name the actors stage missed here but read elsewhere in the article (a headline's
    "Biden" before "US President Joe Biden"): the one actor named so, by its words or surname."""
    words = _WORD.findall(text)
    if not words:
        return None
    found = {m.actor.id: m for m in actors if m.actor is not None and (
        _WORD.findall(m.text) == words or _WORD.findall(m.actor.name) == words
        or m.actor.kind == "person" and _WORD.findall(m.actor.name)[-len(words):] == words)}
    return next(iter(found.values())) if len(found) == 1 else None


_WORD = re.compile(r"[^\W_][\w'’.-]*")


def _with_owner(ref: ActorRef, head: Token, actors: list[Mention], lexicon: Lexicon) -> ActorRef:
    """"his cabinet", "their government": a body without a country of its own belongs to the
    country of the person or group the possessive refers to."""
    if ref.country is not None:
        return ref
    owners = [c for c in head.children if c.dep_ == "poss" and c.pos_ == "PRON"]
    if not owners:
        return ref
    found = antecedent(owners[0], actors, set(lexicon.modality.get("speech_verbs", ())))
    if found is None or found.actor is None or found.actor.country is None:
        return ref
    return replace(ref, country=found.actor.country)


def _with_apposition(ref: ActorRef, head: Token, actors: list[Mention], lexicon: Lexicon) -> ActorRef:
    """"the KGB, the Belarusian security service": the apposition fills what the name left open."""
    if ref.country and ref.sector:
        return ref
    for appos in (c for c in head.children if c.dep_ == "appos"):
        start, end = phrase_span(appos)
        text = doc_text(head.doc)[start:end]
        inner = [m for m in actors if m.start <= appos.idx < m.end and m.actor is not None]
        country = inner[0].actor.country if inner else _hint_country(text, lexicon)
        sector = inner[0].actor.sector if inner else _hint_sector(text, lexicon)
        if country is None:  # "Brian Nichols, assistant secretary ... at the U.S. State Department"
            country = _employer_country(appos, actors)
        if ref.actor_id is None or ref.country is None or inner:
            return replace(ref, country=ref.country or country, sector=ref.sector or sector)
        return replace(ref, sector=ref.sector or sector)
    return ref


def _employer_country(appos: Token, actors: list[Mention]) -> str | None:
    """The country of the body a described person works for ("a spokesman for the Russian Foreign
    Ministry", "an official at the U.S. State Department"): an actor named in a for/at/of/with
    phrase of the apposition."""
    for prep in (c for c in appos.subtree if c.dep_ == "prep" and c.lower_ in ("for", "at", "of", "with", "in")):
        for obj in (g for g in prep.children if g.dep_ == "pobj"):
            found = [m for m in actors if m.start <= obj.idx < m.end and m.actor is not None and m.actor.country]
            if found:
                return found[0].actor.country
    return None


def _words(text: str) -> str:
    return " " + re.sub(r"[^a-z0-9.\-]+", " ", text.lower()) + " "


def _hint_country(text: str, lexicon: Lexicon) -> str | None:
    """The first listed country whose name (or "pro-" name) the phrase contains."""
    words = _words(text).replace("'s ", " ")
    ranks = [lexicon.country_rank[found.group(1)] for pattern in lexicon.country_patterns
             for found in pattern.finditer(words)]
    return list(lexicon.country_hints)[min(ranks)] if ranks else None


def _hint_sector(text: str, lexicon: Lexicon) -> str | None:
    """The sector of the last hint word (or its plural) in the phrase: "pro-Russian armed men"."""
    words = _words(text)
    best: tuple[int, str] | None = None
    for found in lexicon.sector_pattern.finditer(words):
        best = (found.start(), lexicon.sector_of_form[found.group(1)])
    if best is not None and " pro-" in words and best[1] in ("UAF", "CVL", "GOV"):
        return "REB"  # "pro-Russian armed men", "pro-Russia activists"
    if best is None and (" pro-" in words and any(w in words for w in (" activist", " protester", " demonstrator"))):
        return "REB"
    return best[1] if best else None


