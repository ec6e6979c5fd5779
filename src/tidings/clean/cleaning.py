"""`clean_document`: the text every later offset refers to, without page debris or repeats."""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass, replace

from tidings.clean.debris import DebrisRules, credit_match, debris_rule, glued_credit, load_debris_rules
from tidings.ingest.ids import normalise_text
from tidings.model import Document, Removal

logger = logging.getLogger(__name__)

_INVISIBLE = re.compile(r"[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SPACES = re.compile(r"[^\S\n]+")
_TERMINAL = re.compile(r"[.!?:;\"'\u201d\u2019)]$")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])")
#: Sentences shorter than this (in words) are too common to prove a paragraph is a repeat.
MIN_REPEAT_WORDS = 3
#: Lines wrapped at a fixed width differ little in length: the shortest inner line of a wrapped
#: paragraph is at least this share of the longest (the last line may be any length).
MIN_WRAP_RATIO = 0.6


@dataclass
class _Paragraph:
    text: str  # as it will appear in the clean text
    line: int  # 0-based raw line where it starts
    key: str  # normalised form used to spot repeats
    removed: str | None = None  # reason, once decided


def clean_document(document: Document, rules: DebrisRules | None = None) -> Document:
    """A copy of `document` with `clean_text` (one line per paragraph) and `removed` filled.

    Drops page debris (patterns in `data/clean_debris.yaml`), a leading copy of the headline,
    repeated paragraphs and repeated blocks (kept at their first occurrence), and a trailing outlet
    credit. Text is NFC; typographic quotes are kept. Pass `rules` built once per worker by
    `load_debris_rules()`; without them they are read from the data file on every call.
    """
    rules = rules if rules is not None else load_debris_rules()
    removed: list[Removal] = []
    paragraphs = _paragraphs(document.text, rules, removed)
    _drop_headline(paragraphs, document.title)
    _drop_repeats(paragraphs)
    kept = [p for p in paragraphs if p.removed is None]
    _drop_trailing_credits(kept, rules, document.outlet, removed)
    removed.extend(Removal(p.text, p.removed, p.line) for p in paragraphs if p.removed is not None)
    removed.sort(key=lambda r: r.line)
    clean = "\n".join(p.text for p in kept if p.removed is None and p.text)
    return replace(document, clean_text=clean, removed=removed)


def tidy_line(line: str) -> str:
    """NFC, invisible and control characters dropped, whitespace runs made one space, stripped."""
    line = unicodedata.normalize("NFC", line)
    line = _CONTROL.sub(" ", _INVISIBLE.sub("", line))
    return _SPACES.sub(" ", line).strip()


def _paragraphs(text: str, rules: DebrisRules, removed: list[Removal]) -> list[_Paragraph]:
    """Raw lines to paragraphs: debris recorded in `removed`, hard-wrapped lines joined."""
    blocks: list[list[tuple[int, str]]] = [[]]
    for number, raw in enumerate(text.splitlines()):
        line = tidy_line(raw)
        if not line:
            blocks.append([])
            continue
        rule = debris_rule(normalise_text(line), rules)
        if rule is not None:
            logger.debug("line %d is debris (%s): %r", number, rule, line)
            removed.append(Removal(line, "debris", number))
            continue
        blocks[-1].append((number, line))
    paragraphs = []
    for block in blocks:
        if _hard_wrapped(block):
            joined = " ".join(line for _, line in block)
            paragraphs.append(_Paragraph(joined, block[0][0], _key(joined)))
        else:
            paragraphs.extend(_Paragraph(line, number, _key(line)) for number, line in block)
    return paragraphs


def _hard_wrapped(block: list[tuple[int, str]]) -> bool:
    """Lines of one paragraph broken at a fixed width: long, of about one length, and mostly not
    ending a sentence. A page's stack of headlines (a banner, a ticker item, the title) is open-ended
    too, but its lines differ in length; joined, they would read as one sentence."""
    inner = [line for _, line in block[:-1]]
    if len(inner) < 2:
        return False
    open_ended = sum(1 for line in inner if not _TERMINAL.search(line))
    lengths = [len(line) for line in inner]
    mean_length = sum(lengths) / len(inner)
    return open_ended / len(inner) > 0.5 and mean_length >= 40 and min(lengths) >= MIN_WRAP_RATIO * max(lengths)


def _key(text: str) -> str:
    return normalise_text(text).casefold()


def _sentence_keys(text: str) -> list[str]:
    """Normalised sentences of a paragraph that are long enough to prove it a repeat."""
    sentences = _SENTENCE_BREAK.split(normalise_text(text))
    return [s.casefold() for s in sentences if len(s.split()) >= MIN_REPEAT_WORDS]


def _drop_headline(paragraphs: list[_Paragraph], title: str | None) -> None:
    """Pages often open with their own headline; the title is kept in `Document.title` instead."""
    if title and paragraphs and paragraphs[0].key == _key(title):
        paragraphs[0].removed = "headline"


def _drop_repeats(paragraphs: list[_Paragraph]) -> None:
    """Mark paragraphs whose every sentence was already read; runs of them are repeated blocks."""
    seen_paragraphs: set[str] = set()
    seen_sentences: set[str] = set()
    repeat = [False] * len(paragraphs)
    for index, paragraph in enumerate(paragraphs):
        if paragraph.removed is not None:
            continue
        sentences = _sentence_keys(paragraph.text)
        if sentences:
            repeat[index] = paragraph.key in seen_paragraphs or all(s in seen_sentences for s in sentences)
        seen_paragraphs.add(paragraph.key)
        seen_sentences.update(sentences)
    # A short line (a subheading) seen before is a repeat when it sits inside a repeated run.
    seen: set[str] = set()
    for index, paragraph in enumerate(paragraphs):
        if paragraph.key in seen and not repeat[index] and not _sentence_keys(paragraph.text):
            before = index > 0 and repeat[index - 1]
            after = index + 1 < len(paragraphs) and repeat[index + 1]
            repeat[index] = before or after
        seen.add(paragraph.key)
    index = 0
    while index < len(paragraphs):
        if not repeat[index]:
            index += 1
            continue
        end = index
        while end + 1 < len(paragraphs) and repeat[end + 1]:
            end += 1
        reason = "repeated-block" if end > index else "repeated-paragraph"
        for member in paragraphs[index : end + 1]:
            member.removed = reason
        index = end + 1


def _drop_trailing_credits(
    kept: list[_Paragraph], rules: DebrisRules, outlet: str | None, removed: list[Removal]
) -> None:
    """Remove outlet credits ending the article, on their own line or glued after the last stop."""
    while kept and credit_match(kept[-1].text, rules, outlet) and len(kept) > 1:
        last = kept.pop()
        removed.append(Removal(last.text, "trailing-credit", last.line))
    if kept:
        glued = glued_credit(kept[-1].text, rules)
        if glued is not None:
            kept[-1].text = kept[-1].text[: -len(glued)].rstrip()
            removed.append(Removal(glued.strip(), "trailing-credit", kept[-1].line))
