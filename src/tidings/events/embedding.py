"""Triggers that name an event the sentence does not report as an occurrence of its own.

Gold coding (tests/gold/events/README.md) codes the act a sentence reports, not every event word in
it. Words that fail that test, found by their place in the parse:
* the content of an agreement, threat, demand or refusal ("agreed to release", "warned that fighting
  could resume", "called for their release", "dismissed a proposal to meet"): the governing
  AGREE / THREATEN / REQUEST / REJECT event is the one coded;
* the condition of a conditional ("if Moscow did not pull back", "if attacks continued");
* a denial whose content is an act ("police denied that officers fired", "Russia denies any
  involvement"): the denied act is coded with modality denied, not as a REJECT. A denial of an
  accusation itself ("the Kremlin denies the charge", "rejected the accusations") stays a REJECT: it
  answers an ACCUSE that the document reports, and it is the denial DESIGN's seed checks ask for;
* a protest demand ("occupied the building, demanding a referendum"): not a separate REQUEST;
* the grounds of a sanction ("imposed sanctions on the ministry for its role in wrongful
  detentions"): an act named as the reason, told where it happened, not here;
* a measure that a concession lifts or eases ("lifted sanctions on oil"): the CONCEDE is coded;
* an event noun labelled with its year ("the 1992 riots"): a known past act;
* a standing measure a thing is under ("goods under US sanctions", "a city under curfew"): a
  state, not the act that imposed it ("came under attack" stays: an attack is no state);
* habitual or generic statements ("gangs often seize villagers");
* a definite event noun that only refers back to an event told before ("at the time of the raid",
  "welcomed the agreement", "the march had been peaceful"): the earlier sentence carries it. A noun
  its clause reports afresh stays: "the strike was carried out by warplanes", "the next protest".
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from tidings.events.roles import governing_verb
from tidings.events.triggers import TriggerMatch

# Events whose content (an embedded event word) is not itself an occurrence.
_FRAMING_TYPES = {"AGREE", "THREATEN", "REQUEST", "REJECT"}
_CONDITION_MARKS = {"if", "unless"}
_HABITUAL = {"often", "usually", "routinely", "regularly", "frequently", "typically", "sometimes"}
_DENIAL_VERBS = {"deny", "reject", "dismiss"}
# What a denial rejects when it rejects a claim rather than a request or an offer.
_CLAIM_NOUNS = {"claim", "involvement", "report", "suggestion", "responsibility", "assertion", "blame",
                "role", "link"}
_MAX_STEPS = 6
# Types of the measures a thing can be "under" (sanctions, a curfew, emergency rule).
_STANDING_TYPES = {"SANCTION", "COERCE"}
_BEING_VERBS = {"be", "remain", "stay", "live", "operate", "fall"}
_YEAR = re.compile(r"(19|20)\d\d")
# "sanctions for ...": the preposition that gives a sanction its grounds.
_GROUNDS_PREPS = {"for"}
DEFINITE = frozenset({"the", "this", "that", "these", "those"})  # determiners of a given act
# Modifiers that make a definite noun a new event: "the next protest", "the second strike".
_NEW_EVENT = {"next", "new", "second", "third", "latest", "further", "another", "first", "last",
              "fresh", "renewed", "planned", "upcoming"}
# Verbs that tell an event's occurrence: "the attacks happened in three provinces at 8pm".
_OCCURRENCE = {"happen", "occur", "unfold", "erupt", "begin", "start", "continue", "end", "resume", "spread"}


def unreported(match: TriggerMatch, framing: dict[int, str], support_verbs: frozenset[str],
               told: frozenset[str] = frozenset()) -> bool:
    """True when the trigger names an event its sentence does not report as happening.

    `framing` maps the token index of every trigger head in the sentence to its event type; `told`
    holds the event types earlier sentences of the document reported (what a definite noun can refer to).
    Meetings stay: an agreed or threatened meeting is coded as a planned CONSULT.
    """
    head = match.head
    if match.entry.type != "CONSULT" and _framed(head, framing) or _in_condition(head) or _habitual(head):
        return True
    if match.entry.kind == "noun" and match.entry.type in told and _refers_back(match, framing, support_verbs):
        return True
    if match.entry.kind == "noun" and (_grounds(head, framing) or _standing(match) or _lifted(head, framing)
                                       or _named_by_its_year(head)):
        return True
    if match.entry.type == "REJECT" and _denies_claim(head):
        return True
    return match.entry.type == "REQUEST" and _protest_demand(head)


def _framed(head: Token, framing: dict[int, str]) -> bool:
    """The nearest trigger above `head` in the parse frames it (agreement, threat, demand, refusal).

    Iterative: a chain of event words each under the next ("riot riot riot ...", thousands long in
    hostile or garbled input) is walked up the parse, never recursed into (issue 15)."""
    token, steps = head, 0
    while token.head.i != token.i and steps < _MAX_STEPS:
        if token.dep_ in ("relcl", "parataxis") or (token.dep_ == "advcl" and not _purpose(token)):
            return False  # a clause of its own: "who called the protests", "..., saying ..."
        if token.dep_ == "conj":
            token = token.head
            continue  # "agreed to free X and release Y": the conjunct shares its frame
        token, steps = token.head, steps + 1
        if token.i in framing:
            if framing[token.i] == "REJECT" and _denies_claim(token):
                return False  # "denied that officers had fired": the act is coded, denied
            if framing[token.i] in _FRAMING_TYPES:
                return True
            # "agreed to meet ... to discuss further releases": framed through a framed event, so go
            # on from that event with a fresh step budget
            steps = 0
    return False


def _purpose(token: Token) -> bool:
    """An infinitive of purpose ("to discuss further releases") stays inside the frame."""
    return any(child.dep_ == "aux" and child.lower_ == "to" for child in token.children)


def _in_condition(head: Token) -> bool:
    """The trigger sits in an "if" / "unless" clause: a condition, not a report."""
    token, steps = head, 0
    while token.head.i != token.i and steps < _MAX_STEPS:
        if token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _CONDITION_MARKS for c in token.children):
            return True
        token, steps = token.head, steps + 1
    return False


def _habitual(head: Token) -> bool:
    """A frequency adverb on the trigger's clause marks a generic statement ("gangs often seize",
    "kidnapping gangs often seize villagers to demand ransom")."""
    token, steps = head, 0
    while steps < _MAX_STEPS:
        if any(c.dep_ == "advmod" and c.lower_ in _HABITUAL for c in token.children):
            return True
        if token.head.i == token.i or token.dep_ in ("relcl", "ccomp", "conj", "parataxis"):
            return False
        token, steps = token.head, steps + 1
    return False


def _refers_back(match: TriggerMatch, framing: dict[int, str], support_verbs: frozenset[str]) -> bool:
    """A definite event noun that names an event told before, in a clause that says nothing new of it."""
    head = match.head
    children = list(head.children)
    if not any(c.dep_ == "det" and c.lower_ in DEFINITE or c.dep_ == "poss" for c in children):
        return False
    if any(c.lower_ in _NEW_EVENT or c.dep_ == "agent" or c.lower_ == "by" for c in children):
        return False  # "the next protest", "the killing of ten men by soldiers": new information
    verb = governing_verb(head)
    if verb is None or verb.lemma_.lower() in support_verbs or verb.lemma_.lower() in _OCCURRENCE:
        return False
    # Under a verb of another event the noun is that event's argument ("welcomed the agreement",
    # "rejected the accusations", "arrested 50 during Monday's protests"); under a same-type verb
    # it is merged into it ("killed in the attack").
    return framing.get(verb.i, match.entry.type) != match.entry.type or verb.i not in framing


def _denies_claim(head: Token) -> bool:
    """A denial of a claim or an accusation: "denied that ...", "rejected the accusations"."""
    if head.lemma_.lower() not in _DENIAL_VERBS:
        return False
    if any(c.dep_ == "ccomp" for c in head.children):
        return True
    objects = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
    if head.dep_ == "relcl":
        objects.append(head.head)  # "a charge Moscow has repeatedly rejected"
    return any(o.lemma_.lower() in _CLAIM_NOUNS or o.lower_ in _CLAIM_NOUNS for o in objects)


def _protest_demand(head: Token) -> bool:
    """A participle adjunct of demand ("..., demanding a referendum") states a protest's aim."""
    return head.tag_ == "VBG" and head.dep_ in ("advcl", "xcomp", "conj")


def _grounds(head: Token, framing: dict[int, str]) -> bool:
    """An event noun inside the "for" phrase of a sanction, or of the verb that imposes it: its grounds."""
    token = head
    for _ in range(_MAX_STEPS):
        parent = token.head
        if parent.i == token.i:
            return False
        if token.dep_ == "pobj" and parent.lower_ in _GROUNDS_PREPS:
            holder = parent.head
            if framing.get(holder.i) == "SANCTION" or any(
                    c.dep_ == "dobj" and framing.get(c.i) == "SANCTION" for c in holder.children):
                return True
        token = parent
    return False


def _lifted(head: Token, framing: dict[int, str]) -> bool:
    """A measure that a concession lifts or eases ("lifted sanctions on oil", "the curfew was
    eased"): the easing is the act, not an imposition."""
    return head.dep_ in ("dobj", "nsubjpass") and framing.get(head.head.i) == "CONCEDE"


def _named_by_its_year(head: Token) -> bool:
    """An event noun labelled with its year ("the 1992 riots", "a deadly 2017 chemical attack") names
    an act the reader knows from the past: background, not the news the sentence reports."""
    named = [head, head.head] if head.dep_ == "compound" else [head]  # "2017 chemical weapons attack"
    labels = [c for n in named for c in n.children if c.dep_ in ("compound", "nummod", "amod", "npadvmod")]
    labels += [g for c in labels if c.dep_ == "compound" for g in c.children if g.dep_ in ("compound", "nummod")]
    return any(_YEAR.fullmatch(t.text) for t in labels)


def _standing(match: TriggerMatch) -> bool:
    """A sanction or a restriction named as what something is or stays under ("items under US
    sanctions", "the city remained under curfew"); one that something is placed or put under is
    imposed there ("placed under house arrest")."""
    head = match.head
    if match.entry.type not in _STANDING_TYPES or head.dep_ != "pobj" or head.head.lower_ != "under":
        return False
    holder = head.head.head
    return holder.pos_ in ("NOUN", "PROPN", "PRON") or holder.lemma_.lower() in _BEING_VERBS
