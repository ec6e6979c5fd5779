"""Find actor mention candidates in a parsed Doc: named entities and noun phrases headed by role
words, with the guards that keep places, weapons and headline fragments out.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.symbols import ADJ, NOUN, PROPN
from spacy.tokens import Doc, Span, Token

from tidings.actors._tables import CountryTable, RoleLexicon

_ENTITY_LABELS = {"PERSON", "ORG", "NORP", "GPE", "LOC", "PRODUCT", "FAC"}
_LEFT_DEPS = {"det", "amod", "compound", "poss", "nmod", "nummod", "quantmod", "advmod",
              "npadvmod", "punct", "case", "predet", "nn", "flat", "dep"}
_ABSORBING_DEPS = {"compound", "amod", "poss", "nmod", "flat", "nn", "dep"}
_GOVERNANCE_NOUNS = {"control", "decision", "policy", "position", "support", "demand", "plan",
                     "offer", "proposal", "response", "statement", "accusation", "action",
                     "involvement", "aggression", "annexation", "claim", "refusal", "warning"}
_STATIVE_VERBS = {"be", "have", "lie", "border", "remain", "become", "look", "seem"}
#: Parts of speech a role or acronym head can have (see `_role_head`, `_is_acronym`).
_HEAD_POS = {NOUN, PROPN, ADJ}
_NOUN_POS = (NOUN, PROPN)


@dataclass
class Candidate:
    """A span that may name an actor, with the token that heads it and the rule that found it."""

    start: int  # token offsets
    end: int
    head: Token
    rule: str  # "entity:PERSON", "role", "armed", ...
    entity: Span | None = None
    appos: "Candidate | None" = None  # a role apposition that describes this person


def role_key(token: Token, lexicon: RoleLexicon) -> str | None:
    """The role-lexicon word a token stands for ("Separatists" -> "separatist").

    Tried in order: the lemma, the word, then the word without a plural ending ("-s", "-es",
    "-men" -> "-man"); asked of every noun, so each form is built only when the one before fails."""
    roles = lexicon.roles
    lemma = token.lemma_.lower()
    if lemma and lemma in roles:
        return lemma
    lower = token.lower_
    if lower and lower in roles:
        return lower
    if lower.endswith("s"):
        for form in (lower[:-1], lower[:-2] if lower.endswith("es") else None):
            if form and form in roles:
                return form
    elif lower.endswith("men") and lower[:-3] + "man" in roles:
        return lower[:-3] + "man"
    return None


def is_headline(sentence: Span) -> bool:
    """Most words capitalised: a headline or a `WATCH:` line, where NER labels are unreliable."""
    words = [t for t in sentence if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(t.text[0].isupper() for t in words) / len(words) > 0.7


def in_place_context(token: Token, lexicon: RoleLexicon) -> bool:
    """Whether a name is used as a place: "in Kiev", "the city of Donetsk", "Mariupol and X"."""
    current = token
    for _ in range(6):
        head = current.head
        if current.dep_ == "pobj" and head.lower_ in lexicon.locative_preps:
            return True
        if current.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_ in lexicon.place_nouns:
            return True
        if current.dep_ in ("appos", "compound") and head.lemma_.lower() in lexicon.place_nouns:
            return True
        if current.dep_ in ("conj", "appos") and head is not current:
            current = head
            continue
        return False
    return False


def acts_as_actor(token: Token, lexicon: RoleLexicon, capital: bool) -> bool:
    """Whether a country or capital name is in an actor position (subject or object of a verb that
    a government does, agent of "by", possessor of a governance noun, or conjoined with such)."""
    current = token
    for _ in range(6):
        head, dep = current.head, current.dep_
        verb = head.lemma_.lower()
        if dep in ("nsubj", "nsubjpass"):
            if capital:
                return verb in lexicon.political_verbs or any(
                    c.dep_ in ("xcomp", "ccomp") for c in head.children)
            return verb not in _STATIVE_VERBS
        if dep in ("dobj", "dative"):
            return verb in lexicon.political_verbs or any(c.dep_ == "xcomp" for c in head.children)
        if dep == "pobj" and head.lower_ == "by":
            return True
        if dep == "poss" and head.lemma_.lower() in _GOVERNANCE_NOUNS:
            return True
        if dep == "conj" and head is not current:
            current = head
            continue
        return False
    return False


def _role_head(token: Token, lexicon: RoleLexicon) -> str | None:
    """"role" or "armed" when the token heads such a phrase; run on every token, so the cheap word
    tests come before the guards that read the parse."""
    if token.pos not in _NOUN_POS and not (token.pos == ADJ and token.dep_ == "nsubj"):
        return None
    rule = _role_word(token, lexicon)
    if rule is None:
        return None
    if token.i > 0 and token.doc[token.i - 1].text == "-":
        return None  # "four-party talks", "anti-government"
    if token.dep_ == "compound" and token.head.lemma_.lower() in lexicon.premises_nouns:
        return None  # "the city administration building"
    if token.dep_ == "compound" and token.lemma_.lower() == "fighter" \
            and token.head.lemma_.lower() in lexicon.aircraft_heads:
        return None  # "F-15K fighter jets": a kind of aircraft, not a combatant
    if token.lemma_.lower() == "force" and token.tag_ == "NN" and not any(
            c.dep_ in ("compound", "amod") for c in token.lefts):
        return None  # "the use of force"
    return rule


def _role_word(token: Token, lexicon: RoleLexicon) -> str | None:
    if role_key(token, lexicon):
        return "role"
    if token.lower_ in lexicon.armed_heads or token.lemma_.lower() in lexicon.armed_heads:
        if any(c.lower_ in lexicon.armed_modifiers for c in token.lefts):
            return "armed"
    return None


def person_rejected(ent: Span, lexicon: RoleLexicon, headline: bool) -> bool:
    """Guards for PERSON mislabels: weapons and products, pro-X modifiers, digits, headline case."""
    words = [t.text for t in ent]
    if any(w in lexicon.not_person for w in words) or any(c.isdigit() for c in ent.text):
        return True
    if ent.root.dep_ == "compound" and ent.root.head.lemma_.lower() in lexicon.weapon_nouns:
        return True
    if ent[0].lower_ == "pro" or ent.text.lower().startswith("pro-"):
        return True
    if headline and (any(role_key(t, lexicon) for t in ent) or len(ent) > 3):
        return True
    return any(role_key(t, lexicon) for t in ent if t.i == ent.end - 1)


def find_candidates(doc: Doc, countries: CountryTable, lexicon: RoleLexicon) -> list[Candidate]:
    """Entity and role-noun heads, with nested heads absorbed into the phrase that contains them."""
    heads: dict[int, Candidate] = {}
    headline: dict[int, bool] = {}  # sentence start -> is_headline, read only for doubtful PERSONs
    ents = doc.ents  # a new tuple of Spans on every access
    entity_root = {i: ent.root.i for ent in ents for i in range(ent.start, ent.end)}
    for ent in ents:
        if ent.label_ not in _ENTITY_LABELS:
            continue
        ent = _with_surname(ent)
        if ent.label_ == "PERSON" and countries.code_of(ent.text) is None and person_rejected(
                ent, lexicon, _in_headline(ent, headline)):
            continue
        heads[ent.root.i] = Candidate(ent.start, ent.end, ent.root, f"entity:{ent.label_}", ent)
    # Only nouns, names and adjectives can head a role or an acronym: the parts of speech are read
    # as one array, so the other tokens never become Token objects.
    for i, pos in enumerate(doc.to_array("POS").tolist()):
        if pos not in _HEAD_POS or i in heads:
            continue
        token = doc[i]
        if token.ent_type_ in ("PERSON", "ORG") and entity_root.get(token.i) in heads:
            continue
        rule = _role_head(token, lexicon)
        if rule is None and _is_acronym(token, heads):
            rule = "acronym"
        if rule:
            heads[token.i] = Candidate(token.i, token.i + 1, token, rule)
    for cand in list(heads.values()):
        ent = cand.entity
        head = cand.head
        if ent is not None and ent.label_ == "PERSON" and head.dep_ == "appos" and \
                heads.get(head.head.i) is not None and heads[head.head.i].rule == "role" and \
                ent.start == head.head.i + 1:
            role = heads.pop(head.head.i)
            cand.start = _left_edge(role.head)
            cand.rule = "entity:PERSON"
        elif ent is not None and ent.label_ == "PERSON":
            for child in head.children:  # "Amina Mohamed, Kenya's foreign minister,"
                if child.dep_ == "appos" and child.i in heads and heads[child.i].rule == "role":
                    cand.appos = heads.pop(child.i)
    kept = []
    for _, cand in sorted(heads.items()):
        if _absorbed(cand.head, heads):
            continue
        cand.start = min(cand.start, _left_edge(cand.head))
        kept.append(cand)
    return kept


def _with_surname(ent: Span) -> Span:
    """"Maria Corina [Machado]", "Roch Marc [Christian Kabore]": the rest of the name NER left
    outside (or tagged apart), when the entity's words modify a surname just after it."""
    doc = ent.doc
    root = ent.root
    if ent.label_ != "PERSON" or root.dep_ != "compound" or not 0 <= root.head.i - ent.end <= 1:
        return ent
    tail = doc[ent.end:root.head.i + 1]
    if all(t.pos_ == "PROPN" and t.text[:1].isupper() and t.ent_type_ in ("", "NORP", "PERSON") for t in tail) \
            and all(t.dep_ == "compound" and t.head.i == root.head.i for t in tail[:-1]):
        return Span(doc, ent.start, root.head.i + 1, label="PERSON")
    return ent


def _in_headline(ent: Span, seen: dict[int, bool]) -> bool:
    """`is_headline` of the entity's sentence, judged once per sentence."""
    sent = ent.sent
    if sent.start not in seen:
        seen[sent.start] = is_headline(sent)
    return seen[sent.start]


def _is_acronym(token: Token, heads: dict[int, Candidate]) -> bool:
    """An upper-case short name in parentheses after a phrase ("(SBU)"), or a later use of one."""
    if not (token.is_upper and token.is_alpha and 2 <= len(token) <= 6 and token.pos_ == "PROPN"):
        return False
    doc = token.doc
    if token.i > 0 and doc[token.i - 1].text == "(" and token.dep_ == "appos":
        return True
    return any(t.text == token.text and t.i > 0 and doc[t.i - 1].text == "(" for t in doc[:token.i])


def _absorbed(token: Token, heads: dict[int, Candidate]) -> bool:
    current = token
    for _ in range(8):
        if current.dep_ == "appos" and current.head.i in heads and heads[current.head.i].rule == "role" \
                and current.i == current.head.i + 1 and current.ent_type_ != "PERSON":
            return True
        if current.dep_ not in _ABSORBING_DEPS or current.head is current:
            return False
        current = current.head
        if current.i in heads:
            return True
    return False


def _left_edge(token: Token) -> int:
    left = token.i
    for child in token.lefts:
        if child.dep_ in _LEFT_DEPS:
            left = min(left, child.left_edge.i)
    doc = token.doc
    for i in range(token.i - 1, left - 1, -1):  # "TOKYO - Japanese officials": after the dateline
        t = doc[i]
        if t.text in ("-", "—", "–") and t.whitespace_ and i > 0 and doc[i - 1].whitespace_:
            left = i + 1
            break
    while left < token.i and doc[left].is_punct and doc[left].text not in ("-",):
        left += 1
    return left
