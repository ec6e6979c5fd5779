"""Syntactic roles of a trigger: who acts (agent) and who is acted upon (patient), on the parse.

Handles passives ("killed by X"), subjects carried across conjoined verbs ("X seized the vehicles and
drove them"), participial clauses ("..., deploying tanks"), relative clauses ("gunmen, who carry"),
event nouns with possessors, "by"-phrases and support verbs ("held talks", "staged a protest").
"""

from __future__ import annotations

from spacy.tokens import Token

from tidings.events.lexicon import Lexicon
from tidings.events.triggers import TriggerMatch

_SUBJ = ("nsubj", "csubj")
_CLAUSE_LINKS = ("conj", "advcl", "xcomp", "acl", "relcl")
_MEANS = {"sea", "air", "land", "road", "rail", "train", "car", "bus", "foot", "phone", "telephone", "email", "video", "force", "means", "end", "far"}
_NOT_ACTORS = ("this", "that", "there", "which", "what")


def with_conjuncts(tokens: list[Token]) -> list[Token]:
    """Add coordinated heads: "Sloviansk, Kramatorsk and Druzhkovka" -> three heads."""
    out: list[Token] = []
    for token in tokens:
        for item in [token, *token.conjuncts]:
            if item not in out and item.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "ADJ"):
                out.append(item)
    return out


def _relative_antecedent(token: Token) -> Token:
    """`who`/`which` subject of a relative clause -> the noun the clause modifies ("Americans, who
    were released": the Americans were released)."""
    if token.lower_ in ("who", "which", "that", "whom") and token.head.dep_ == "relcl":
        return token.head.head
    return token


def _expletive(token: Token) -> bool:
    """"it" that stands for no one: "it is clear that", "it was reported", "it emerged"."""
    return token.lower_ == "it" and (token.head.lemma_ in ("be", "seem", "appear", "emerge", "remain")
                                     or any(c.dep_ in ("auxpass", "ccomp", "acomp") for c in token.head.children))


def _reduced_passive(verb: Token) -> bool:
    """"five others wounded" after "had been killed": a participle without auxiliaries whose
    subject is the victim."""
    if any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    if verb.tag_ == "VBN":
        return True
    head = verb.head
    return verb.dep_ == "conj" and verb.tag_ in ("VBD", "VBN") and any(c.dep_ == "auxpass" for c in head.children)


def verb_agent(verb: Token, depth: int = 0) -> list[Token]:
    """Agent heads of a verb: nsubj, passive by-agent, else inherited from the governing verb."""
    subjects = [_relative_antecedent(c) for c in verb.children if c.dep_ in _SUBJ]
    if not subjects and verb.pos_ == "VERB":  # headline "as Russia attacks Ukraine" parsed as a compound
        subjects = [c for c in verb.children if c.dep_ == "compound" and c.i < verb.i and c.pos_ == "PROPN"]
    for child in verb.children:
        if child.dep_ == "agent":
            subjects += [g for g in child.children if g.dep_ == "pobj"]
    subjects = [s for s in subjects if s.lower_ not in _NOT_ACTORS and not _expletive(s)]
    if _reduced_passive(verb):
        subjects = [s for s in subjects if s.dep_ == "pobj"]  # reduced passive: subject is the victim
    if subjects:
        return with_conjuncts(subjects)
    if any(c.dep_ == "nsubjpass" for c in verb.children):
        if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in DIRECTIVES and depth < 3:
            return verb_agent(verb.head, depth + 1)  # "the judge ordered that camps be dismantled"
        return []  # passive without "by": the agent is unknown, never the governing verb's subject
    if verb.dep_ == "acl" and verb.tag_ == "VB" and verb.head.lemma_.lower() in DIRECTIVE_NOUNS:
        return decider(verb.head, depth)  # "a decision by the rulers to ban women"
    if _misattached_conjunct(verb) and depth < 3:
        return verb_agent(verb.head.head, depth + 1)
    if verb.dep_ == "xcomp":
        controllers = [c for c in verb.head.children if c.dep_ == "dobj"]
        if controllers:
            return with_conjuncts(controllers)  # "prompting Kiev to launch", "urged X to leave"
    if depth < 3 and verb.dep_ == "acomp" and verb.head is not verb:
        return verb_agent(verb.head, depth + 1)  # "the UN was able to get": who was able
    if depth < 3 and verb.dep_ in _CLAUSE_LINKS and verb.head is not verb:
        if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
            if verb.dep_ == "acl":  # "protesters demonstrating": the noun acts; "the man killed": not
                return [verb.head] if verb.tag_ == "VBG" else []
            return [verb.head]
        return verb_agent(verb.head, depth + 1)
    return []


#: Verbs and nouns of deciding and ordering: the act they govern is done on their author's order
#: ("ordered that the camps be dismantled", "a decision to ban women"), so its author is the source.
DIRECTIVES = {"order", "decide", "rule", "direct", "instruct", "authorise", "authorize", "decree", "approve"}
DIRECTIVE_NOUNS = {"decision", "order", "decree", "ruling", "move", "plan", "bid", "vote", "directive"}


def decider(noun: Token, depth: int = 0) -> list[Token]:
    """Who made a decision or gave an order: its possessor or by-agent ("the court's ruling", "a
    decision by the rulers"), else the subject of the verb that made it ("X announced a decision")."""
    found = [c for c in noun.children if c.dep_ == "poss" and c.pos_ != "PRON"]
    found += [t for t in prep_objects(noun, ("by",)) if t.lower_ not in _MEANS]
    if found:
        return with_conjuncts(found)
    if noun.dep_ == "dobj" and noun.head.pos_ == "VERB" and depth < 3:
        return verb_agent(noun.head, depth + 1)
    return []


def _misattached_conjunct(verb: Token) -> bool:
    """"the army said troops were occupying the town and accused them": a bare past verb the parser
    conjoined to a progressive or perfect verb inside a reported clause belongs to the reporting
    verb (tenses do not coordinate), so it takes that verb's subject."""
    head = verb.head
    return (verb.dep_ == "conj" and verb.tag_ == "VBD" and not any(c.dep_ in ("aux", "auxpass", "nsubj") for c in verb.children)
            and head.tag_ in ("VBG", "VBN") and head.dep_ == "ccomp"
            and any(c.dep_ == "aux" for c in head.children) and head.head.pos_ in ("VERB", "AUX"))


def verb_patient(verb: Token, last: Token | None = None) -> list[Token]:
    """Patient heads: direct object, passive subject, "against X", or the object of a phrase's
    final preposition ("took control of X", "broke into X")."""
    children = list(verb.children)
    found = [_relative_antecedent(c) for c in children if c.dep_ in ("dobj", "nsubjpass", "attr")]
    if last is not None and last is not verb and last.dep_ in ("prep", "prt") or last is not None and last.pos_ == "ADP":
        found += [g for g in last.children if g.dep_ == "pobj"]
        if last.dep_ == "prt":
            found += [c for c in children if c.dep_ == "dobj"]
    if last is not None and last is not verb:
        for token in verb.doc[verb.i: last.i + 1]:
            for child in token.children:
                if child.dep_ == "prep" and child.i > last.i:
                    if child.lower_ in ("of", "into", "over", "on") and token is not verb:
                        found += [g for g in child.children if g.dep_ == "pobj"]
    for child in children:
        if child.dep_ == "prep" and child.lower_ in ("against",) and not found:
            found += [g for g in child.children if g.dep_ == "pobj"]
    if _reduced_passive(verb):
        found += [c for c in children if c.dep_ == "nsubj"]  # "five others wounded"
    if not found and verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in ("NOUN", "PROPN"):
        found = [verb.head]  # "the man killed yesterday"
    return with_conjuncts(list(dict.fromkeys(found)))


def prep_objects(token: Token, preps: tuple[str, ...]) -> list[Token]:
    """Objects of the given prepositions attached to `token`."""
    out: list[Token] = []
    for child in token.children:
        if child.dep_ in ("prep", "agent") and child.lower_ in preps:
            out += [g for g in child.children if g.dep_ == "pobj"]
    return with_conjuncts(out)


#: Prepositions that introduce whom an event noun acts on: "sanctions on Iran", "strikes against
#: rebels", "the release of the prisoners", "clemency to five men", "aid to the victims".
_NOUN_PATIENT_PREPS = {"ASSAULT": ("against", "on", "of"), "COERCE": ("against", "on", "of"),
                       "SANCTION": ("against", "on"), "RETREAT": ("of", "to"), "CONCEDE": ("of", "to"),
                       "AID": ("to", "for")}
#: Event nouns whose "of" phrase names those who meet ("a meeting of the cabinet").
GATHERINGS = {"meeting", "session", "summit", "conference", "gathering"}
#: Types whose act is aimed somewhere: "fired a missile over Japan", "fired on protesters",
#: "threatened to fire missiles towards Guam".
_AIMED_TYPES = ("ASSAULT", "MOBILIZE", "THREATEN")
_AIM_PREPS = ("over", "towards", "toward", "at", "on", "into")


def aimed_at(verb: Token) -> list[Token]:
    """Objects of a directional preposition on the verb, its object or the action it governs
    ("threatened to fire a salvo towards Guam")."""
    holders = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
    for action in (c for c in verb.children if c.dep_ == "xcomp"):
        holders += [action, *(c for c in action.children if c.dep_ == "dobj")]
    out: list[Token] = []
    for holder in holders:
        out += [t for t in prep_objects(holder, _AIM_PREPS) if t.ent_type_ not in ("DATE", "TIME")]
    return out


#: Verbs by which aid named as their object is given: their subject is the donor.
_DELIVERY = {"send", "deliver", "get", "bring", "provide", "ship", "airlift", "dispatch", "donate", "fly", "truck"}
#: Verbs that bring a force into being ("a brigade was formed"): the new unit is not who acts.
_CREATING = {"form", "create", "establish", "found", "set", "raise", "build"}
#: Verbal acts whose target is often the one their announced action concerns: "agreed to stop
#: exporting chips to Russia", "refused to hand the suspects over to India", "vowed to support Kyiv".
_INTENT_TYPES = ("AGREE", "REJECT", "SUPPORT", "THREATEN", "REQUEST")
_ACTION_PREPS = ("to", "for", "with", "against", "on")
_NAMED = ("GPE", "NORP", "PERSON", "ORG")


def action_patients(verb: Token) -> list[Token]:
    """Named parties of the action a verb governs (its xcomp, and actions conjoined to it): the
    action's object, and the objects of its to/for/with/against/on phrases; names only, as the
    things agreed on ("the protocol", "exports") are not parties."""
    actions = [c for c in verb.children if c.dep_ == "xcomp"]
    actions += [c for a in actions for c in a.children if c.dep_ in ("xcomp", "conj") and c.pos_ == "VERB"]
    found: list[Token] = []
    for action in actions:
        holders = [action, *(c for c in action.children if c.dep_ in ("dobj", "pcomp"))]
        holders += [g for h in list(holders) for g in h.children if g.dep_ in ("pcomp", "xcomp") and g.pos_ == "VERB"]
        candidates = [c for c in action.children if c.dep_ == "dobj"]
        for holder in holders:
            candidates += [g for c in holder.children if c.dep_ in ("prep", "dative") and c.lower_ in _ACTION_PREPS
                           for g in c.children if g.dep_ == "pobj"]
        found += [t for t in with_conjuncts(candidates) if t.ent_type_ in _NAMED and t not in found]
    return found


_RECIPIENT_PREPS = ("to", "from", "on", "against", "for")


def recipients(verb: Token, patients: list[Token]) -> list[Token]:
    """Named parties a thing is given to or taken from when the object is a thing: "withdrew the
    trade status to Pakistan", "suspended aid to Niger", "revoked visas for Russian officials"."""
    things = [p for p in patients if p.pos_ == "NOUN" and not p.ent_type_]
    if not things or len(things) != len(patients):
        return []
    holders = [verb, *things]
    found = [t for h in holders for t in prep_objects(h, _RECIPIENT_PREPS)]
    found += [g for c in verb.children if c.dep_ == "dative" for g in ([c] if c.pos_ != "ADP" else c.children)]
    return [t for t in with_conjuncts(found) if t.ent_type_ in _NAMED]


_BY_PARTICIPLES = {"chair", "lead", "organise", "organize", "host", "attend", "call", "stage", "hold",
                   "carry", "conduct", "launch", "order", "mount", "claim", "impose", "announce", "issue"}


def _noun_agents_by(noun: Token) -> list[Token]:
    """"a meeting chaired by Modi", "strikes carried out by jets": the by-agent of a participle
    that modifies the event noun."""
    out: list[Token] = []
    for child in noun.children:
        if child.dep_ == "acl" and child.tag_ == "VBN" and child.lemma_.lower() in _BY_PARTICIPLES:
            out += [t for t in prep_objects(child, ("by",)) if t.lower_ not in _MEANS]
    return out


def support_verb(noun: Token, lexicon: Lexicon) -> Token | None:
    """The light verb an event noun is the object of ("held talks", "launched an operation")."""
    head = noun.head
    if noun.dep_ in ("dobj", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
        return head
    if noun.dep_ == "pobj" and head.head.pos_ == "VERB" and head.head.lemma_ in lexicon.support_verbs:
        return head.head  # "took part in the talks"
    return None


def governing_verb(token: Token) -> Token | None:
    """The nearest verb above a token (the clause an event noun sits in)."""
    for ancestor in token.ancestors:
        if ancestor.pos_ in ("VERB", "AUX"):
            return ancestor
    return None


def roles(match: TriggerMatch, lexicon: Lexicon, two_sided: bool) -> tuple[list[Token], list[Token]]:
    """(agent heads, patient heads) for a trigger, following its entry's role overrides."""
    head, entry = match.head, match.entry
    last = head.doc[match.last]
    members: list[Token] = []
    if entry.kind == "noun":
        agents = [c for c in head.children if c.dep_ == "poss"]
        if agents and agents[0].pos_ == "PRON":  # "continued their occupation": the clause's subject
            verb = governing_verb(head)
            owner = agents[0]
            agents = verb_agent(verb) if verb is not None else []
            if not agents or any(a.i == head.i or a.i in {t.i for t in head.subtree} for a in agents):
                agents = [owner]  # "its air strikes were not targeting cities": whose strikes
        agents += [t for t in prep_objects(head, ("by",)) if t.lower_ not in _MEANS]
        agents += _noun_agents_by(head)
        preps = _NOUN_PATIENT_PREPS.get(entry.type, ("against",))
        patients = prep_objects(head, preps)
        verb = support_verb(head, lexicon)
        if not patients and verb is not None and entry.type in _NOUN_PATIENT_PREPS:
            patients = prep_objects(verb, preps)  # "imposed sanctions on X": the object's preposition
        partners = prep_objects(head, ("with", "between"))
        members = prep_objects(head, ("of",)) if head.lemma_.lower() in GATHERINGS else []
        if members and not partners:  # "a meeting of the cabinet": its members meet one another
            patients = patients + [m for m in members if m not in patients]
        if not agents:
            verb = support_verb(head, lexicon)
            if verb is not None and verb.lemma_ in lexicon.support_verbs:
                agents = verb_agent(verb)
        if not agents and entry.type == "AID":  # "the UN got an aid convoy into Syria"
            verb = support_verb(head.head if head.dep_ == "compound" else head, lexicon)
            if verb is not None and verb.lemma_.lower() in _DELIVERY:
                agents = verb_agent(verb)
        if not agents and members:  # "X summoned a meeting of the committee": X; "a meeting of
            # the committee decided": the committee
            agents = verb_agent(head.head) if head.dep_ == "dobj" else list(members)
        if not agents:  # "Russian shelling", "US sanctions", "police raids"
            agents = [c for c in head.children if c.dep_ in ("amod", "compound", "nmod")
                      and (c.ent_type_ in ("NORP", "GPE") or lexicon.classes_of(c.lemma_, c.lower_) & {"police", "military"})]
        between = prep_objects(head, ("between",))
        if between and not agents:  # "a swap deal between the US and Iran": both are its parties
            agents = list(between)
        if two_sided:
            agents = agents + [p for p in partners if p not in agents]
        else:
            patients = patients + [p for p in partners if p not in patients and p not in agents]
        agents, patients = with_conjuncts(agents), with_conjuncts(patients)
    else:
        agents = verb_agent(head)
        patients = verb_patient(head, last)
        if entry.type in _AIMED_TYPES:
            patients += [t for t in aimed_at(head) if t not in patients]
        if not patients and entry.type in _INTENT_TYPES:
            patients = action_patients(head)
        patients += [r for r in recipients(head, patients) if r not in patients]
        if two_sided:
            agents = agents + [p for p in prep_objects(head, ("with",)) if p not in agents]
    if entry.type == "MOBILIZE" and not agents and entry.kind != "noun" and head.lemma_.lower() not in _CREATING:
        agents, patients = patients, []  # "10,000 police were mobilised", "troops massed": the forces act
    if entry.source and entry.source.startswith("prep:"):
        agents = prep_objects(head, (entry.source[5:],)) or prep_objects(last, (entry.source[5:],))
        if entry.target == "subject":
            patients = with_conjuncts([c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")])
    if entry.target and entry.target.startswith("prep:"):
        patients = prep_objects(head, (entry.target[5:],))
    inside = range(match.first, match.last + 1)
    agents = [a for a in agents if a.i not in inside and a.ent_type_ not in ("DATE", "TIME")]
    patients = [p for p in patients if (p not in agents or p in members) and p.i not in inside
                and p.ent_type_ not in ("DATE", "TIME")]
    return agents, patients
