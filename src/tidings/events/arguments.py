"""Turn role heads into ActorRefs, and choose an event's location and date from the mentions."""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Span, Token

from tidings.events.lexicon import Lexicon
from tidings.model import ActorRef, Location, Mention
from tidings.nlp._text import doc_text

from tidings.events.dating import choose_date  # noqa: F401  (moved; callers import it from here)

_CUT = ("relcl", "acl", "appos", "conj", "cc", "punct", "advcl", "prep")
_NEAR = ("near", "outside", "nearby", "around", "close")
_INANIMATE = {"building", "weapon", "document", "meeting", "agreement", "checkpoint", "territory", "operation"}


def phrase_span(head: Token) -> tuple[int, int]:
    """Character span of an argument: the head with its modifiers, without clauses or conjuncts."""
    tokens = [head]
    stack = [c for c in head.children if c.dep_ not in _CUT or (c.dep_ == "prep" and c.lower_ == "of")]
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
    if overlapping:
        best = min(overlapping, key=lambda m: (abs(m.start - head.idx), -(m.end - m.start)))
        actor = best.actor
        if actor is not None:
            return ActorRef(text=best.text, actor_id=actor.id, name=actor.name, country=actor.country,
                            sector=actor.sector)
        return ActorRef(text=best.text)
    if head.pos_ == "PRON":
        return _antecedent(head, actors)
    if lexicon.classes_of(head.lemma_, head.lower_) & _INANIMATE and not _hint_sector(head.lower_, lexicon):
        return None
    text = doc_text(head.doc)[start:end].strip(" \"'“”‘’")
    if not _actor_like(head, text, lexicon):
        return None
    for place in places:
        if place.start <= head.idx < place.end and place.place is not None:
            return ActorRef(text=text, country=place.place.country, sector="GOV" if place.place.feature == "country" else None)
    return ActorRef(text=text, country=_hint_country(text, lexicon), sector=_hint_sector(text, lexicon))


def _actor_like(head: Token, text: str, lexicon: Lexicon) -> bool:
    """Whether an uncovered phrase can name an actor: a name, a person noun, a hinted sector/country."""
    if head.pos_ == "PROPN" or head.ent_type_ in ("NORP", "GPE", "ORG", "PERSON"):
        return True
    if head.pos_ not in ("NOUN", "NUM"):
        return False
    forms = {head.lemma_.lower(), head.lower_}
    if forms & lexicon.casualties["person_nouns"] or lexicon.classes_of(*forms) & _PEOPLE:
        return True
    return bool(_hint_sector(text, lexicon) or _hint_country(text, lexicon))


_PEOPLE = {"protester", "crowd", "combatant", "soldier", "person_generic", "official", "diplomat", "police", "military", "government", "worker"}


def _antecedent(pronoun: Token, actors: list[Mention]) -> ActorRef | None:
    """he/she -> the last person named before; other pronouns are left unresolved."""
    if pronoun.lower_ not in ("he", "she", "him", "her"):
        return None
    before = [m for m in actors if m.end <= pronoun.idx and m.actor is not None and m.actor.kind == "person"]
    if not before:
        return None
    last = max(before, key=lambda m: m.start)
    actor = last.actor
    assert actor is not None
    return ActorRef(text=pronoun.text, actor_id=actor.id, name=actor.name, country=actor.country, sector=actor.sector)


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


def clause_tokens(trigger: Token) -> set[int]:
    """Token indices of the trigger's own clause (its verb's subtree minus other clauses)."""
    root = trigger
    if trigger.pos_ not in ("VERB", "AUX"):
        for ancestor in trigger.ancestors:
            if ancestor.pos_ in ("VERB", "AUX"):
                root = ancestor
                break
    inside: set[int] = set()
    stack = [root]
    while stack:
        token = stack.pop()
        inside.add(token.i)
        for child in token.children:
            if child.dep_ in ("conj", "ccomp", "advcl", "relcl", "parataxis") and child.pos_ in ("VERB", "AUX"):
                continue
            stack.append(child)
    return inside


def choose_location(trigger: Token, sent: Span, places: list[Mention], excluded: list[tuple[int, int]],
                    document_place: Mention | None, clause: set[int] | None = None) -> Location | None:
    """Where the event happened: a venue in a locative phrase of the trigger's clause ("in Geneva")
    first, then another place of the clause, then the sentence's nearest; places that name a
    participant ("counterparts from Russia", a country as subject/object) come last; else the
    document's main place. `clause` is `clause_tokens(trigger)` when the caller has it already."""
    doc = sent.doc
    clause = clause_tokens(trigger) if clause is None else clause
    candidates = []
    for mention in places:
        if mention.place is None or not (sent.start_char <= mention.start < sent.end_char):
            continue
        if any(s <= mention.start < e for s, e in excluded):
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        head = span.root
        if head.dep_ in ("poss", "compound", "amod") and head.head.pos_ in ("NOUN", "PROPN") \
                and head.head.ent_type_ not in ("GPE", "LOC", "FAC") and head.head.i not in span_indices(span):
            continue  # "Ukraine's Defense Ministry": a modifier of an actor, not where it happened
        in_clause = head.i in clause
        rank = _venue_rank(head, mention, in_clause)
        candidates.append((rank, abs(head.i - trigger.i), mention, span, in_clause))
    if candidates:
        _, _, mention, span, in_clause = min(candidates, key=lambda c: (c[0], c[1]))
        return place_location(mention, "clause" if in_clause else "sentence", _is_near(span))
    if document_place is not None:
        return place_location(document_place, "document", False)
    return None


_LOCATIVE = {"in", "at", "near", "outside", "inside", "across", "throughout", "around", "on", "into",
             "within", "nearby", "towards", "toward", "along", "over"}
_ACTOR_PREPS = {"from", "of", "with", "against", "to", "between", "for", "by"}
_PLACE_NOUNS = {"town", "city", "village", "province", "region", "district", "state", "area", "county",
                "capital", "outskirts", "suburb", "neighbourhood", "neighborhood", "governorate", "port",
                "municipality", "oblast", "part", "centre", "center", "heart", "streets", "street", "edge"}
_PARTIES = ("nsubj", "nsubjpass", "dobj", "agent", "dative")


def _phrase_head(head: Token) -> Token:
    """The noun phrase a place name heads or sits in: "the town of Ariha" -> town,
    "Syria's Idlib province" -> province, "in Kyiv and Kharkiv" -> Kyiv."""
    token = head
    for _ in range(6):
        parent = token.head
        if parent is token:
            break
        if token.dep_ in ("compound", "poss", "amod") and parent.pos_ in ("NOUN", "PROPN") \
                and parent.lemma_.lower() in _PLACE_NOUNS | {parent.lower_} and parent.ent_type_ in ("GPE", "LOC", "FAC", ""):
            token = parent
        elif token.dep_ == "conj":
            token = parent
        elif token.dep_ == "pobj" and parent.lower_ == "of" and parent.head.lemma_.lower() in _PLACE_NOUNS:
            token = parent.head
        elif token.dep_ == "appos" and parent.ent_type_ in ("GPE", "LOC", "FAC"):
            token = parent
        else:
            break
    return token


def _venue_rank(head: Token, mention: Mention, in_clause: bool) -> int:
    """0 a locative phrase of the clause, 1 another place of the clause, 2 a participant of the
    clause (a place inside an actor phrase, a country as subject/object), then the same three
    outside the clause (3, 4, 5)."""
    phrase = _phrase_head(head)
    prep = phrase.head if phrase.dep_ == "pobj" else None
    country = mention.place is not None and mention.place.feature == "country"
    if prep is not None and prep.lower_ in _LOCATIVE:
        rank = 0
    elif prep is not None and prep.lower_ in _ACTOR_PREPS and prep.head.pos_ in ("NOUN", "PROPN", "PRON"):
        rank = 2  # "counterparts from Russia", "officials of Donetsk", "talks with Russia"
    elif country and (phrase.dep_ in _PARTIES or prep is not None and prep.lower_ in _ACTOR_PREPS):
        rank = 2  # "Russia attacked ...", "... met Ukraine", "sided with Russia": a party, not the venue
    else:
        rank = 1
    return rank if in_clause else rank + 3


def span_indices(span: Span) -> set[int]:
    return {t.i for t in span}


def _is_near(span: Span) -> bool:
    root = span.root
    if any(c.lower_ in _NEAR for c in root.children):
        return True
    head = root.head
    return root.dep_ == "pobj" and head.lower_ in _NEAR or head.lower_ in ("of",) and head.head.lower_ in ("outskirts", "edge", "vicinity")


def place_location(mention: Mention, reason: str, near: bool) -> Location:
    """The Location of a resolved place mention, chosen for `reason` (clause, sentence, document)."""
    place = mention.place
    assert place is not None
    precision = place.geo_precision
    if near:
        precision = max(precision or 1, 2)
    return Location(text=mention.text, place_id=place.id, name=place.name, lat=place.lat, lon=place.lon,
                    country=place.country, admin1=place.admin1, geo_precision=precision, reason=reason)


def main_place(places: list[Mention]) -> Mention | None:
    """The document's main place: the most frequent resolved place, the first one on ties."""
    resolved = [m for m in places if m.place is not None]
    if not resolved:
        return None
    counts = Counter(m.place.id for m in resolved if m.place)
    top = max(counts.values())
    return next(m for m in resolved if m.place and counts[m.place.id] == top)
