"""Implicit agents: who acted when the clause does not say.

News about policing often leaves the agent out of the clause ("two were killed in police firing",
"the mob was lathi-charged") or names it in an earlier sentence ("They opened fire"). These helpers
find the security-force word the sentence (or the one before it) offers for such a clause.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from tidings.events.lexicon import Lexicon

#: Word classes whose members act as the implicit agent of force, arrests and restrictions.
_FORCES = {"police", "military"}
_PLURAL_PRONOUNS = {"they", "them"}
_LOOKBACK_TOKENS = 80
_GENERIC = {"force", "forces", "personnel"}
_QUALIFIERS = {"security", "police", "paramilitary", "armed", "government", "special", "state", "federal"}


def _is_force(token: Token, lexicon: Lexicon) -> bool:
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    if token.lower_ in _GENERIC:  # "forces", "personnel" need a qualifier: "security forces"
        return any(c.lower_ in _QUALIFIERS or c.ent_type_ == "NORP" or lexicon.classes_of(c.lemma_, c.lower_) & _FORCES
                   for c in token.children if c.dep_ in ("amod", "compound"))
    return bool(lexicon.classes_of(token.lemma_, token.lower_) & _FORCES)


def _blocked(token: Token, trigger: Token, patients: list[Token], lexicon: Lexicon) -> bool:
    """A force word that is not the actor: a victim, a speaker, a place ("police station")."""
    for patient in patients:
        if token.i in {t.i for t in patient.subtree}:
            return True
    head = token.head
    if token.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in lexicon.modality["speech_verbs"] and head is not trigger:
        return True
    if token.dep_ == "compound" and head.i != trigger.i and not _is_force(head, lexicon) \
            and not any(entry.kind == "noun" for entry in lexicon.triggers.get(head.lemma_.lower(), ())):
        return True  # "police station", "police control room" (a verb trigger "to station" is no event noun)
    if token.dep_ == "pobj" and head.lower_ in ("to", "from", "of", "for", "with", "against") \
            and head.head.lower_ != "by":
        return True  # "according to police", "handed over to police", "clashed with police"
    return bool(token.dep_ in ("nsubjpass", "dobj"))


def implicit_agent(trigger: Token, sent: Span, patients: list[Token], lexicon: Lexicon) -> Token | None:
    """The police or military word in the sentence that most plausibly did what `trigger` reports,
    for clauses without a stated agent; None when the sentence offers none."""
    candidates = [t for t in sent if _is_force(t, lexicon) and not _blocked(t, trigger, patients, lexicon)]
    if not candidates:
        return None
    near = [t for t in candidates if t.head.i == trigger.i or trigger.i in {a.i for a in t.ancestors}]
    pool = near or candidates
    return min(pool, key=lambda t: abs(t.i - trigger.i))


def pronoun_antecedent(pronoun: Token, lexicon: Lexicon) -> Token | None:
    """"They opened fire": the force noun that was the subject shortly before the pronoun."""
    if pronoun.lower_ not in _PLURAL_PRONOUNS:
        return None
    doc = pronoun.doc
    for token in reversed(doc[max(0, pronoun.i - _LOOKBACK_TOKENS): pronoun.i]):
        if token.dep_ in ("nsubj", "nsubjpass") and _is_force(token, lexicon):
            return token
        if token.dep_ == "nsubj" and token.pos_ in ("NOUN", "PROPN") and token.tag_ in ("NNS", "NNPS"):
            return None  # a nearer plural subject that is not a force
    return None
