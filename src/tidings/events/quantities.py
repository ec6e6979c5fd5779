"""Casualty and arrest counts tied to an event: "at least one officer had been killed and five
others wounded" -> dead 1, injured 5; vague amounts ("dozens arrested") stay None."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from tidings.events.lexicon import Lexicon
from tidings.model import Size

_WINDOW = 4


def number_value(token: Token, lexicon: Lexicon) -> int | None:
    """Integer value of a number token ("5", "1,200", "five", "twenty-one"), None when vague."""
    text = token.lower_.replace(",", "")
    if re.fullmatch(r"\d{1,6}", text):
        return int(text)
    if "-" in text:
        parts = [lexicon.number_words.get(p) for p in text.split("-")]
        if all(p is not None for p in parts):
            return sum(p for p in parts if p is not None)
    if text in ("a", "an"):
        return None  # only counted through the parse (see _determiner_one)
    return lexicon.number_words.get(text)


def _category(token: Token, lexicon: Lexicon) -> str | None:
    return lexicon.casualty_category(token.lemma_.lower(), token.lower_)


def _is_vague(token: Token, lexicon: Lexicon) -> bool:
    return token.lower_ in lexicon.casualties["vague_numbers"] or token.lemma_.lower() in lexicon.casualties["vague_numbers"]


def _count_of(noun: Token, lexicon: Lexicon) -> int | None:
    """The number attached to a person noun: nummod, "at least five", or "a/an/one officer"."""
    for child in noun.children:
        if child.dep_ in ("nummod", "quantmod") or child.like_num:
            if _is_vague(child, lexicon):
                return None
            value = number_value(child, lexicon)
            if value is not None:
                return value
    if noun.lower_ in lexicon.casualties["person_nouns"] and noun.tag_ in ("NN",):
        if any(c.dep_ == "det" and c.lower_ in ("a", "an", "one") for c in noun.children):
            return 1
    if noun.like_num and not _is_vague(noun, lexicon):
        return number_value(noun, lexicon)
    return None


def _from_parse(word: Token, lexicon: Lexicon) -> int | None:
    """Count for a casualty word through the parse: its subject/object person noun's number."""
    people = [c for c in word.children if c.dep_ in ("nsubjpass", "nsubj", "dobj", "attr")]
    if word.dep_ in ("amod", "acl") and word.head.pos_ in ("NOUN", "PROPN", "NUM"):
        people.append(word.head)  # "two wounded soldiers", "people killed"
    if word.dep_ == "conj" and not people:
        return None
    for noun in people:
        if _is_vague(noun, lexicon) or any(_is_vague(c, lexicon) for c in noun.children if c.dep_ in ("amod", "nummod", "det", "quantmod")):
            return None
        value = _count_of(noun, lexicon)
        if value is not None and (noun.lower_ in lexicon.casualties["person_nouns"] or noun.lemma_.lower() in lexicon.casualties["person_nouns"] or noun.like_num):
            return value
    return None


def _from_window(tokens: list[Token], position: int, lexicon: Lexicon) -> int | None:
    """Fallback on word order: "five others wounded", "killing 6 civilians", "12 dead"."""
    person = lexicon.casualties["person_nouns"]
    before = tokens[max(0, position - _WINDOW): position]
    after = tokens[position + 1: position + 1 + _WINDOW]
    for side in (list(reversed(before)), after):
        for offset, token in enumerate(side):
            if token.is_punct or token.lemma_.lower() in lexicon.casualties["dead"] | lexicon.casualties["injured"]:
                break
            if _is_vague(token, lexicon):
                return None
            value = number_value(token, lexicon) if token.like_num or token.lower_ in lexicon.number_words else None
            if value is None:
                continue
            neighbours = side[max(0, offset - 2): offset + 3]
            if any(n.lower_ in person or n.lemma_.lower() in person for n in neighbours) or side is before and offset == 0:
                return value
    return None


def sizes(sent: Span, lexicon: Lexicon) -> Size:
    """Counts of dead, injured and arrested the sentence states (None when not stated or vague)."""
    size = Size()
    tokens = list(sent)
    for position, token in enumerate(tokens):
        category = _category(token, lexicon)
        if category is None or getattr(size, category) is not None:
            continue
        value = _from_parse(token, lexicon)
        if value is None:
            value = _from_window(tokens, position, lexicon)
        if value is not None:
            setattr(size, category, value)
    return size
