"""Find date expressions in a parsed Doc: our patterns over the text, checked against the parse.

spaCy's DATE entities miss many expressions ("on Saturday" is often left out, "last week" split)
and take durations ("for three days", "one week") and ages as dates, so the span comes from our
patterns; the parse is consulted only to tell "May" the month from "may" the verb, a year from a
count ("2000 troops"), and a date from a duration ("for the past week").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc

from tidings.times._patterns import ANCHORS, DATE_PREPOSITIONS, PATTERNS, TRIGGERS, case_folded, spaced
from tidings.nlp._text import doc_text

_PRIORITY = {kind: i for i, kind in enumerate(PATTERNS)}
_AMBIGUOUS_MONTHS = frozenset({"May", "March"})
_NOT_DATE_ENTS = frozenset({"PERSON", "ORG", "FAC", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"})
_CLOCK_ZONES = frozenset({"gmt", "utc", "hrs", "hours", "local", "est", "edt", "cet", "ist", "zulu"})
_MODALS = frozenset({"will", "would", "could", "might", "may", "can", "shall", "should", "must"})
_OPENING_QUOTES = frozenset("\"“‘'")
_NEED_IN = frozenset({"the past", "the future"})
_GENERIC_NOUNS = frozenset({"youth", "world", "generation", "generations", "society", "children",
                            "young", "kids", "standards"})


@dataclass(frozen=True)
class Candidate:
    """A character span our patterns matched, and which pattern."""

    start: int
    end: int
    kind: str


def _word_before(text: str, start: int) -> str:
    """The word just before `start`, lower-cased ("" at the start of the text)."""
    words = text[max(0, start - 30):start].split()
    return words[-1].lower().strip(",(\"'") if words else ""


def _token_at(doc: Doc, char: int):
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _keep(doc: Doc, kind: str, start: int, end: int, groups: dict[str, str | None]) -> bool:
    """The checks a bare pattern match must pass to count as a date."""
    text = doc_text(doc)
    before = _word_before(text, start)
    if before == "for" and (kind == "ago" or (kind == "relative" and groups["rel"].lower().startswith("the"))):
        return False  # "for the past week", "for two years before": durations ("for next year" is a date)
    if kind == "ago" and groups.get("dir", "").lower() in ("before", "earlier", "later"):
        following = text[end:end + 2].lstrip()
        if following and following[0].isalnum() and groups.get("dir", "").lower() != "earlier":
            return False  # "two days before the vote": anchored on an event, not on publication
    if kind == "deictic" and groups["w"].lower() in ("today", "tomorrow"):
        following = text[end:end + 16].lower().lstrip("'’s ").split()
        if before == "of" or (following and following[0] in _GENERIC_NOUNS):
            return False  # "today's youth", "the people of tomorrow": an era, not a date
    if kind == "relative" and groups["unit"][0].isupper() and groups["rel"][0].isupper() \
            and (_word_before(text, start) not in ("", ".") or text[start - 1:start] in _OPENING_QUOTES):
        return False  # "ABC's \"This Week\"": a title mid-sentence
    if kind == "month":
        token = _token_at(doc, start if not groups.get("edge") else text.index(groups["mon"], start))
        if token is None or token.ent_type_ in _NOT_DATE_ENTS:
            return False
        in_context = bool(groups.get("edge")) or before in DATE_PREPOSITIONS or token.ent_type_ == "DATE"
        if groups["mon"] in _AMBIGUOUS_MONTHS and not in_context:
            return False
        return in_context or token.pos_ == "PROPN"
    if kind == "year":
        if groups.get("edge"):
            return True
        token = _token_at(doc, text.index(groups["y"], start))
        if token is None:
            return False
        nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if nxt is not None and nxt.pos_ == "NOUN" and nxt.tag_ == "NNS":
            return False  # "2000 troops"
        if nxt is not None and nxt.lower_ in _CLOCK_ZONES:
            return False  # "at around 2057 GMT": a clock time of military and wire reports
        return before in DATE_PREPOSITIONS or token.ent_type_ == "DATE"
    if kind == "vague":
        word = groups["w"].lower()
        if word == "the future":  # "in the future", "into the future"; not "the future of Kosovo"
            return not text[end:end + 4].lower().startswith(" of") and before not in ("the", "a")
        if word in _NEED_IN:
            return before in ("in", "of")
        if word == "one day":
            return before in _MODALS  # "Islam will one day be …"; not "one day of talks"
        if re.match(r"(?:the )?(?:past|last) ", word):
            return before != "for"  # "for the past few weeks": a duration
        if word == "current":
            return before != "then"  # "the then current price" is a past reference
        if word == "soon":
            following = text[end:end + 12].lower().split()
            return before != "as" and not (following and following[0] in ("after", "before"))
        if word == "now":
            token = _token_at(doc, start)
            return token is not None and token.pos_ == "ADV" and before not in ("by", "from")
    return True


def _may_match(kind: str, spaced: str, folded: str) -> bool:
    """False when the text lacks a word every match of `kind` needs (see `TRIGGERS`)."""
    for words in TRIGGERS.get(kind, ()):
        if not any(word in (folded if word == word.lower() else spaced) for word in words):
            return False
    return True


def _occurrences(text: str, words: tuple[str, ...]) -> list[int]:
    """Sorted start offsets of every occurrence of any of `words` in `text`."""
    found = set()
    for word in words:
        i = text.find(word)
        while i >= 0:
            found.add(i)
            i = text.find(word, i + 1)
    return sorted(found)


def _matches(kind: str, pattern: re.Pattern[str], text: str, folded: str | None) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, trying only where an `ANCHORS` word of `kind` starts, when it has any.

    Same matches, same order: a match can only start at an anchor, `pattern.match(text, i)` sees
    the text before `i` as `finditer` does, and skipping anchors inside the last match keeps
    matches from overlapping, as `finditer` does (no pattern matches the empty string).
    """
    anchors = ANCHORS.get(kind)
    if anchors is None or folded is None:
        yield from pattern.finditer(text)
        return
    end = 0
    for i in _occurrences(folded, anchors):
        if i >= end and (match := pattern.match(text, i)):
            yield match
            end = match.end()


def find_candidates(doc: Doc) -> list[Candidate]:
    """Non-overlapping date spans in `doc.text`, longest first when two overlap, sorted by start."""
    text = doc_text(doc)
    folded = case_folded(text)
    one_space = spaced(text)
    one_space_folded = spaced(folded)
    aligned = folded if len(folded) == len(text) else None  # offsets in `folded` are offsets in `text`
    found: list[Candidate] = []
    for kind, pattern in PATTERNS.items():
        if not _may_match(kind, one_space, one_space_folded):
            continue
        for match in _matches(kind, pattern, text, aligned):
            groups = match.groupdict()
            if _keep(doc, kind, match.start(), match.end(), groups):
                found.append(Candidate(match.start(), match.end(), kind))
    found.sort(key=lambda c: (-(c.end - c.start), _PRIORITY[c.kind], c.start))
    taken: list[Candidate] = []
    for cand in found:
        if all(cand.end <= t.start or cand.start >= t.end for t in taken):
            taken.append(cand)
    return sorted(taken, key=lambda c: c.start)
