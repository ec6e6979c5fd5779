"""Event words that name no act the sentence reports: labels, contents of talk, names and truisms.

`embedding.unreported` handles event words framed by another event (agreements, threats, demands,
conditions, habits, back-references). This module handles the rest of DESIGN §4's "only what the
sentence reports as happening", each a pattern of the parse that holds for news in general:

* a **label**: an event noun that characterises something rather than reports it ("called the move
  an attack on democracy", "termed the strike a breach", "posed a grave threat", "this was an
  aggression");
* the **content of talk or of a state of mind**: an event word under a noun of demand, plan, fear
  or effort ("pressure on the prime minister to resign", "fears of clashes", "no plans of
  occupying", "an attempt to end the protests");
* a **protest's demand**: "protests calling for the prime minister to resign", "Thousands marched
  on parliament. They demand new elections" (PLOVER codes the protest, not a REQUEST);
* a **purpose or beneficiary**: an event noun that says what another thing is for ("a corridor for
  aid", "a venue for talks", "the timetable for a withdrawal");
* a **name**: an event word inside a date, a law, a title or an organisation's name ("March 20",
  "the Armed Conflict Event Data Project");
* a **truism**: an event word as the subject of a present-tense definition ("Protest is a
  fundamental right").
"""

from __future__ import annotations

from spacy.tokens import Token

from tidings.events.triggers import TriggerMatch

# Verbs whose object (or "as" phrase, or second object) is a label, not a report.
_NAMING_VERBS = {"call", "term", "label", "brand", "dub", "describe", "characterise", "characterize",
                 "consider", "regard", "view", "see", "denounce", "condemn", "decry", "slam", "criticise",
                 "criticize"}
_POSING_VERBS = {"pose", "constitute", "represent", "amount", "remain", "become"}
# Nouns whose complement is what someone wants, plans, fears or tries, not what happened.
_CONTENT_NOUNS = {"pressure", "call", "demand", "appeal", "plan", "fear", "concern", "worry", "risk",
                  "danger", "possibility", "prospect", "threat", "warning", "hope", "bid", "effort",
                  "attempt", "push", "right", "intention", "aim", "goal", "readiness",
                  "willingness", "spectre", "specter", "likelihood", "chance", "ability", "capacity",
                  "proposal", "idea", "need", "vow", "promise", "pledge", "offer"}
_CONTENT_LINKS = {"acl", "prep", "pcomp", "pobj", "xcomp", "relcl", "advcl"}
_CLAUSE_BREAKS = {"ccomp", "parataxis", "conj", "ROOT"}
_PROTEST_NOUNS = {"protest", "protester", "protestor", "demonstration", "demonstrator", "rally", "march",
                  "marcher", "movement", "strike", "striker", "sit-in", "crowd", "activist"}
_PROTEST_VERBS = {"march", "rally", "demonstrate", "protest", "gather", "mass", "chant", "picket"}
_CROWD_PRONOUNS = {"they", "we"}
_NAME_ENTITIES = {"DATE", "TIME", "WORK_OF_ART", "LAW", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"}
_MAX_STEPS = 4


def names_no_act(match: TriggerMatch) -> bool:
    """True when the trigger is a label, a content, a protest's demand, a name or a truism."""
    head = match.head
    return (_in_name(match) or _label(match) or _content(head) or _protest_demand(match)
            or _purpose(match) or _truism(head))


def _in_name(match: TriggerMatch) -> bool:
    """Inside a date or title ("March 20, 2024"), or not the head of an organisation's name."""
    head = match.head
    if head.ent_type_ in _NAME_ENTITIES:
        return True
    if head.ent_type_ == "ORG":
        entity = next((e for e in head.doc.ents if e.start <= head.i < e.end), None)
        return entity is not None and len(entity) > 1 and head.i != entity.end - 1
    return False


def _label(match: TriggerMatch) -> bool:
    """An event noun that characterises: "called the move an attack", "posed a threat to Japan"."""
    if match.entry.kind != "noun":
        return False
    head = match.head
    verb = head.head
    if head.dep_ in ("attr", "oprd"):
        return True  # "this was a grave aggression", "called the move an attack"
    lemma = verb.lemma_.lower()
    if head.dep_ == "dobj" and lemma in _POSING_VERBS:
        return True
    if head.dep_ == "pobj" and verb.lower_ == "as" and verb.head.lemma_.lower() in _NAMING_VERBS | _POSING_VERBS:
        return True  # "described the raid as an act of terror"
    if head.dep_ == "dobj" and lemma in _NAMING_VERBS and any(c.dep_ in ("oprd", "dobj") and c.i != head.i
                                                              for c in verb.children):
        return True  # "called it an attack": the second object is the label
    return False


def _content(head: Token) -> bool:
    """The trigger hangs, within one clause, from a noun of demand, plan, fear or effort."""
    token, steps = head, 0
    while token.head.i != token.i and steps < _MAX_STEPS:
        if token.dep_ in _CLAUSE_BREAKS:
            return False
        parent = token.head
        if parent.pos_ == "NOUN" and parent.lemma_.lower() in _CONTENT_NOUNS and token.dep_ in _CONTENT_LINKS:
            return True
        if parent.pos_ == "VERB" and parent.i != head.i:
            # "put pressure on the prime minister to resign": the verb only carries its content noun
            return token.dep_ in ("advcl", "xcomp") and any(
                c.dep_ == "dobj" and c.lemma_.lower() in _CONTENT_NOUNS for c in parent.children)
        token, steps = parent, steps + 1
    return False


def _protest_demand(match: TriggerMatch) -> bool:
    """A demand voiced by a protest: "protests calling for his resignation" (the protest is coded)."""
    if match.entry.type != "REQUEST":
        return False
    head = match.head
    if head.dep_ in ("acl", "relcl") and head.head.lemma_.lower() in _PROTEST_NOUNS:
        return True
    subjects = [c for c in head.children if c.dep_ == "nsubj"]
    if any(s.lemma_.lower() in _PROTEST_NOUNS for s in subjects):
        return True
    return any(s.lower_ in _CROWD_PRONOUNS for s in subjects) and _after_a_protest(head)


def _after_a_protest(token: Token) -> bool:
    """The sentence before tells of a protest, so "they" are its crowd."""
    start = token.sent.start
    if start == 0:
        return False
    previous = token.doc[start - 1].sent
    return any(t.lemma_.lower() in _PROTEST_NOUNS | _PROTEST_VERBS for t in previous)


def _purpose(match: TriggerMatch) -> bool:
    """An event noun as what another thing is for: "a conduit for aid", "a date for talks"."""
    head = match.head
    if match.entry.kind != "noun" or head.dep_ != "pobj":
        return False
    preposition = head.head
    return preposition.lower_ == "for" and preposition.head.pos_ in ("NOUN", "PROPN", "ADJ")


def _truism(head: Token) -> bool:
    """"Protest is a fundamental right": an event word defined in the present tense, not reported."""
    if head.dep_ not in ("nsubj", "csubj"):
        return False
    verb = head.head
    if verb.lemma_ != "be" or verb.tag_ not in ("VBZ", "VBP"):
        return False
    if any(c.dep_ == "det" or c.dep_ == "poss" for c in head.children):
        return False  # "the protest is peaceful": a report about a given act
    return any(c.dep_ in ("attr", "acomp") for c in verb.children)
