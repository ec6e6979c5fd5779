"""Who a pronoun in an event role stands for, across sentences.

News names an actor once and goes on with pronouns: "Khan was taken into custody. He denied ...";
quotes leave their author to the speech verb outside them ("'We call for their release,' Nichols
said") or to the sentence before; "they" after "Police dispersed the crowd" is the police. These rules
pick the named actor mention a pronoun refers to, looking back a few sentences at most.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from tidings.model import Mention

_PERSONAL = {"he", "she", "him", "her", "his"}
_SPEAKER = {"i", "me", "we", "us"}
_PLURAL = {"they", "them", "their"}
_OWNERS = {"its", "it"}
_BODY_KINDS = {"organisation", "state"}
_PLURAL_KINDS = {"group", "crowd", "organisation", "state"}
_SUBJECTS = ("nsubj", "nsubjpass")
#: How many sentences back an antecedent may be named.
LOOKBACK_SENTENCES = 3
_QUOTES = {'"', "“", "”", "'", "‘", "’"}


def antecedent(pronoun: Token, actors: list[Mention], speech_verbs: frozenset[str] | set[str]) -> Mention | None:
    """The actor mention `pronoun` refers to, or None when the text offers no safe one."""
    word = pronoun.lower_
    doc = pronoun.doc
    index = _sentence_index(pronoun)
    named = [m for m in actors if m.actor is not None and index - LOOKBACK_SENTENCES <= m.sentence_index <= index
             and not _coargument(doc, m, pronoun)]
    if word in _PERSONAL:
        before = [m for m in named if m.end <= pronoun.idx and m.actor.kind == "person"]
        return max(before, key=lambda m: m.start) if before else None
    if word in _SPEAKER:
        return _speaker(pronoun, named, speech_verbs)
    if word in _OWNERS:  # "Russia's defence ministry said its air strikes ...", "it fired": the body named
        before = [m for m in named if m.end <= pronoun.idx and m.actor.kind in _BODY_KINDS and _is_subject(doc, m)]
        return max(before, key=lambda m: m.start) if before else None
    if word in _PLURAL:
        before = [m for m in named if m.end <= pronoun.idx and m.actor.kind in _PLURAL_KINDS
                  and _is_subject(doc, m) and not _inside(m, pronoun)]
        return max(before, key=lambda m: m.start) if before else None
    return None


_OBJECTS = ("dobj", "pobj", "dative", "iobj")


def _coargument(doc: Doc, mention: Mention, pronoun: Token) -> bool:
    """An object pronoun never stands for the subject of its own verb ("the police fired teargas
    at them": them are not the police; the binding rule that leaves that reading to "themselves")."""
    if pronoun.dep_ not in _OBJECTS:
        return False
    verb = next((a for a in pronoun.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return False
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    root = span.root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    return root.dep_ in _SUBJECTS and root.head.i == verb.i


def _sentence_index(token: Token) -> int:
    doc = token.doc
    for index, sent in enumerate(doc.sents):
        if sent.start <= token.i < sent.end:
            return index
    return 0


def _is_subject(doc: Doc, mention: Mention) -> bool:
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    root = span.root
    return root.dep_ in _SUBJECTS or (root.dep_ == "conj" and root.head.dep_ in _SUBJECTS)


def _inside(mention: Mention, token: Token) -> bool:
    return mention.start <= token.idx < mention.end


def _speakers(sent, named: list[Mention], speech_verbs) -> list[Mention]:  # noqa: ANN001
    """Actor mentions that are subjects of a speech verb in the sentence ("…," Nichols said)."""
    doc = sent.doc
    out = []
    for token in sent:
        if token.lemma_.lower() not in speech_verbs:
            continue
        for child in token.children:
            if child.dep_ not in _SUBJECTS:
                continue
            found = [m for m in named if m.start <= child.idx < m.end]
            if not found and child.pos_ == "PRON":
                continue
            out += found
    return sorted(out, key=lambda m: abs(doc[sent.start].idx - m.start))


def _speaker(pronoun: Token, named: list[Mention], speech_verbs) -> Mention | None:  # noqa: ANN001
    """"we", "I" in a quote: the speech verb's subject in this sentence, else the last speaker
    (or person) named in the sentences before."""
    sents = list(pronoun.doc.sents)
    index = _sentence_index(pronoun)
    here = _speakers(sents[index], named, speech_verbs)
    if here:
        return here[0]
    for back in range(index - 1, max(-1, index - LOOKBACK_SENTENCES - 1), -1):
        found = _speakers(sents[back], named, speech_verbs)
        if found:
            return found[-1]
    before = [m for m in named if m.end <= pronoun.idx and m.actor.kind in ("person", "organisation", "state")]
    return max(before, key=lambda m: m.start) if before and _quoted(pronoun) else None


def _quoted(token: Token) -> bool:
    """The token sits inside quotation marks in its sentence."""
    sent = token.sent
    marks = sum(1 for t in sent if t.i < token.i and t.text in _QUOTES)
    return marks % 2 == 1 or any(t.text in _QUOTES for t in sent if t.i < token.i) and sent[0].text in _QUOTES
