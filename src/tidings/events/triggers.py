"""Find trigger words in a parsed sentence and decide, with the data-driven rules, what they report."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from tidings.events.lexicon import Lexicon, TriggerEntry
from tidings.nlp._memo import lower_lemmas

_VERB_TAGS = {"VB", "VBD", "VBG", "VBN", "VBP", "VBZ"}


@dataclass
class TriggerMatch:
    """A trigger found in a sentence: its tokens (first..last) and the entry it matched."""

    head: Token  # the token that carries the event (the verb, or the noun's head)
    first: int  # token index of the first word
    last: int  # token index of the last word (inclusive)
    entry: TriggerEntry


@dataclass
class Decision:
    """The event a trigger reports once its rules are applied."""

    type: str
    mode: str | None
    contexts: tuple[str, ...]
    weight: float
    modality: str | None = None  # set by a rule that reads the act anew ("did not agree": a refusal)


def is_verbal(token: Token) -> bool:
    """A verb, or a participle the tagger called an adjective ("killed", "wounded")."""
    return token.pos_ in ("VERB", "AUX") and token.lemma_ != "be" or token.tag_ in ("VBN", "VBD")


def find_triggers(sent: Span, lexicon: Lexicon) -> list[TriggerMatch]:
    """Every trigger in the sentence, longest match first, no token used twice."""
    tokens = list(sent)
    lemmas = lower_lemmas(sent.doc)
    used: set[int] = set()
    found: list[TriggerMatch] = []
    for position, token in enumerate(tokens):
        if token.i in used:
            continue
        lemma = _lemma(token, lemmas[token.i])  # from the document's lemmas, read once
        for entry in lexicon.triggers.get(lemma, ()):
            match = _match(tokens, position, entry)
            if match is not None and _mere_modifier(match, lexicon):
                continue
            if match is not None:
                found.append(match)
                used.update(range(match.first, match.last + 1))
                break
    return found


def _lemma(token: Token, lemma: str | None = None) -> str:
    """The word a trigger entry is looked up by: its lower-cased lemma (`lemma`, when the caller
    read it already), else its form."""
    lemma = token.lemma_.lower() if lemma is None else lemma
    # The tagger lemmatises some event nouns oddly ("talks" -> "talk" is fine, "shelling" stays).
    return lemma if lemma and lemma != "-pron-" else token.lower_


def _match(tokens: list[Token], position: int, entry: TriggerEntry) -> TriggerMatch | None:
    words = entry.words
    span = _phrase_span(tokens, position, words) if entry.kind == "phrase" else tokens[position: position + len(words)]
    if span is None or len(span) < len(words):
        return None
    if entry.kind != "phrase":
        for word, token in zip(words, span):
            if word not in (_lemma(token), token.lower_):
                return None
    first = span[0]
    if entry.kind in ("verb", "phrase") and _in_hyphenated_compound(first):
        return None  # "shoot-to-kill orders"
    if entry.kind == "verb":
        if not (is_verbal(first) and first.pos_ in ("VERB", "ADJ", "AUX") and first.tag_ in _VERB_TAGS):
            return None
        return TriggerMatch(first, first.i, first.i, entry)
    if entry.kind == "phrase":
        if not (first.pos_ == "VERB" or first.tag_ in _VERB_TAGS):
            return None
        return TriggerMatch(first, first.i, span[-1].i, entry)
    last = span[-1]
    if "-" in words and last.pos_ == "VERB":  # "lathi-charged": a hyphenated noun used as a verb
        return TriggerMatch(last, first.i, last.i, replace(entry, kind="verb"))
    if last.pos_ not in ("NOUN", "PROPN") and not (len(words) == 1 and last.tag_ in ("VBG",) and last.dep_ in ("nsubj", "dobj", "pobj")):
        return None
    if last.pos_ == "PROPN" and last.ent_type_ in ("PERSON", "GPE", "ORG") and len(words) == 1:
        return None
    return TriggerMatch(last, first.i, last.i, entry)


#: Modifiers a multiword verb may carry inside it, each modifying a later word of the phrase:
#: "took full control of", "opened indiscriminate fire", "registered a murder case" (at most
#: `_MAX_INSERTED` of them; an object between the words, "took them into custody", is no modifier).
_INSERTED_DEPS = {"amod", "compound", "nummod", "det", "poss", "advmod"}
_MAX_INSERTED = 2


def _phrase_span(tokens: list[Token], position: int, words: tuple[str, ...]) -> list[Token] | None:
    """The tokens of a multiword verb from `position`: its words in order, each after the first
    perhaps preceded by modifiers of a later word of the phrase; None when the words are not there."""
    span: list[Token] = []
    inserted = 0
    index = position
    for number, word in enumerate(words):
        while index < len(tokens) and word not in (_lemma(tokens[index]), tokens[index].lower_):
            token = tokens[index]
            if number == 0 or inserted == _MAX_INSERTED or token.dep_ not in _INSERTED_DEPS \
                    or not token.i < token.head.i <= token.i + _MAX_INSERTED + 1:
                return None
            inserted += 1
            index += 1
        if index >= len(tokens):
            return None
        span.append(tokens[index])
        index += 1
    return span


def _mere_modifier(match: TriggerMatch, lexicon: Lexicon) -> bool:
    """A one-word event noun that only modifies another noun ("riot police", "protest camp")."""
    head = match.head
    if match.entry.kind != "noun" or match.first != match.last or head.dep_ not in ("compound", "amod"):
        return False
    return head.head.lemma_.lower() in lexicon.classes.get("not_event_heads", frozenset()) \
        or head.head.lower_ in lexicon.classes.get("not_event_heads", frozenset())


def _in_hyphenated_compound(token: Token) -> bool:
    doc = token.doc
    left = doc[token.i - 1].text if token.i > 0 else ""
    right = doc[token.i + 1].text if token.i + 1 < len(doc) else ""
    return (left == "-" and not doc[token.i - 1].whitespace_) or (right == "-" and not token.whitespace_)


def decide(match: TriggerMatch, lexicon: Lexicon, subject_words: list[str], object_words: list[str],
           modality: str, sentence_text: str) -> Decision | None:
    """Apply the entry's rules (first match wins); None when a rule says the word is no event here."""
    entry = match.entry
    decision = Decision(entry.type, entry.mode, entry.contexts, entry.weight)
    subject_classes = lexicon.classes_of(*subject_words)
    object_classes = lexicon.classes_of(*object_words)
    normalised = ""  # the sentence's words and the trigger's prepositions, read once a rule asks
    preps: set[str] = set()
    for rule in entry.rules:
        when = rule.when
        if not normalised and ("words" in when or "prep" in when):
            normalised = " " + re.sub(r"[^a-z0-9'\-]+", " ", sentence_text.lower()) + " "
            preps = {child.lower_ for child in match.head.children if child.dep_ in ("prep", "agent")}
        if "object" in when and not object_classes & set(when["object"]):
            continue
        if "subject" in when and not subject_classes & set(when["subject"]):
            continue
        if "words" in when and not any(f" {w} " in normalised for w in when["words"]):
            continue
        if "prep" in when and not preps & set(when["prep"]):
            continue
        if "modality" in when and modality not in when["modality"]:
            continue
        if "no_object" in when and bool(not object_words) != bool(when["no_object"]):
            continue
        if rule.skip:
            return None
        then = rule.then
        if "type" in then and then["type"] != decision.type:
            decision.type, decision.mode = then["type"], None
        if "mode" in then:
            decision.mode = then["mode"]
        decision.modality = then.get("modality", decision.modality)
        decision.contexts = tuple(dict.fromkeys([*decision.contexts, *then.get("contexts", ())]))
        decision.weight = float(then.get("weight", decision.weight))
        break
    return decision
