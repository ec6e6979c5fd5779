"""Accusations made without an accusation verb: "X said Y violated the constitution".

News reports many accusations as plain speech: a speaker says that another party committed a wrong
("Putin is the aggressor", Biden said; the ministry said the vote was rigged; the statement called
the raid barbaric). PLOVER codes these as ACCUSE by the speaker (DESIGN §4), and a dictionary of
accusation verbs never sees them. The test is over the parse: a speech or naming verb whose reported
clause, quotation or label carries a word of wrongdoing (data/events_lexicon.yaml
`accusation_cues`), in a sentence that has no ACCUSE trigger of its own. The speech verb becomes the
trigger of an ACCUSE: `allege` when the content is an act, `disapprove` when it is a judgement.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span, Token

from tidings.events._clause import clause_tokens
from tidings.events.lexicon import Lexicon, TriggerEntry
from tidings.events.triggers import TriggerMatch
from tidings.nlp._memo import coarse_tags, lower_lemmas

_CONTENT_DEPS = {"ccomp", "parataxis", "xcomp", "oprd", "advcl"}
_NAMING_VERBS = {"call", "term", "describe", "brand", "label", "characterise", "characterize", "dub"}
_ACT_DEPS = {"nsubj", "nsubjpass"}


def implicit_accusations(sent: Span, lexicon: Lexicon, found: list[TriggerMatch]) -> list[TriggerMatch]:
    """ACCUSE matches for speech verbs whose content accuses another party; none when the sentence
    already has an ACCUSE trigger, or when the content's wrongdoing is already a trigger of its own."""
    cues = lexicon.modality.get("accusation_cues", frozenset())
    if not cues or any(m.entry.type == "ACCUSE" for m in found):
        return []
    verbs = _reporting_verbs(lexicon.modality["speech_verbs"])
    used = {i for m in found for i in range(m.first, m.last + 1)}
    out: list[TriggerMatch] = []
    doc, pos, lemmas = sent.doc, coarse_tags(sent.doc), lower_lemmas(sent.doc)
    for i in range(sent.start, sent.end):  # tokens are built only for the reporting verbs
        lemma = lemmas[i]
        if pos[i] != "VERB" or i in used or lemma not in verbs:
            continue
        token = doc[i]
        if not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children) and token.dep_ not in ("parataxis", "ccomp"):
            continue
        content = _content(token, lemma)
        if not content:
            continue
        cued = _cue_tokens(content, cues)
        if not cued or _told_as_acts(cued, content, used):
            continue
        mode = "allege" if any(t.pos_ == "VERB" and t.dep_ in ("ccomp", "conj", "ROOT") for t in content) else "disapprove"
        entry = TriggerEntry(words=(lemma,), kind="verb", type="ACCUSE", mode=mode, weight=0.55)
        out.append(TriggerMatch(token, token.i, token.i, entry))
        break  # one accusation per sentence: one speaker's statement
    return out


@lru_cache(maxsize=4)
def _reporting_verbs(speech_verbs: frozenset[str]) -> frozenset[str]:
    """Verbs that may report an accusation: speech verbs but those of belief or evidence, and naming
    verbs (built once per lexicon, not per token)."""
    return speech_verbs - {"believe", "think", "hope", "fear", "estimate", "show"} | _NAMING_VERBS


def _content(verb: Token, lemma: str) -> list[Token]:
    """The tokens of what the verb reports: its clause complement, the clause it is a parenthetical
    of ("'...,' Biden said"), or for a naming verb its label."""
    tokens: list[Token] = []
    for child in verb.children:
        if child.dep_ in _CONTENT_DEPS or (lemma in _NAMING_VERBS and child.dep_ in ("dobj", "prep", "oprd", "acomp")):
            tokens.extend(child.subtree)
    if verb.dep_ in ("parataxis", "ccomp") and verb.head.i != verb.i:
        host = verb.head
        tokens.extend(t for t in host.subtree if t.i not in {v.i for v in verb.subtree})
    return sorted(tokens, key=lambda t: t.i)


def _cue_tokens(content: list[Token], cues: frozenset[str]) -> set[int]:
    """Indices of the content's words of wrongdoing (single words, or both words of a cue pair)."""
    cued = {t.i for t in content if t.lemma_.lower() in cues or t.lower_ in cues}
    for a, b in zip(content, content[1:]):
        if f"{a.lower_} {b.lower_}" in cues:
            cued |= {a.i, b.i}
    return cued


def _told_as_acts(cued: set[int], content: list[Token], used: set[int]) -> bool:
    """Whether every word of wrongdoing sits in a clause whose verb the sentence codes as an act of
    its own ("said that gunmen killed ten": the killing, attributed to the speaker, not an ACCUSE).
    A label ("called it an invasion") or a judgement beside the act ("asked him to leave, citing
    hostile remarks") stays an accusation."""
    clauses = [clause_tokens(t) for t in content if t.i in used and t.pos_ == "VERB"]
    return bool(clauses) and all(any(i in clause for clause in clauses) for i in cued)
