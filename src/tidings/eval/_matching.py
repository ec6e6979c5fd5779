"""How a predicted sentence is matched to a gold line: loose text folding, token overlap, and a
one-to-one assignment. These define what "the same sentence" means for every event figure, so they
follow the official scorer's rules exactly (DESIGN §6; `../shared/tools/score_events.py`)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

#: Typographic characters that vary between a page and our clean text, mapped to plain ones.
_PLAIN = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})
#: Token overlap at which two sentences count as the same sentence.
MIN_JACCARD = 0.5
#: Containment counts only for sentences of at least this many tokens (a bare "He said." would
#: otherwise sit inside every sentence).
MIN_CONTAINED_TOKENS = 3
#: What containment adds to the overlap score, so that a sentence that holds the other wins ties.
CONTAINMENT_BONUS = 0.5


def fold(text: str | None) -> str:
    """Case-, accent-, quote-, dash- and whitespace-insensitive form of `text`."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).translate(_PLAIN)
    return re.sub(r"\s+", " ", text).strip().casefold()


def tokens(text: str | None) -> list[str]:
    """The word tokens of `text`, folded."""
    return re.findall(r"\w+", fold(text))


def sentence_overlap(gold_sentences: Iterable[str], predicted: str) -> float | None:
    """How well `predicted` matches the best of a gold line's sentences (its evidence and other
    evidence), or None when it matches none: token Jaccard >= 0.5, or one contains the other."""
    p_fold, p_tokens = fold(predicted), tokens(predicted)
    if not p_fold:
        return None
    best: float | None = None
    for sentence in gold_sentences:
        g_fold, g_tokens = fold(sentence), tokens(sentence)
        if not g_fold:
            continue
        union = set(g_tokens) | set(p_tokens)
        jaccard = len(set(g_tokens) & set(p_tokens)) / len(union) if union else 0.0
        contained = ((len(p_tokens) >= MIN_CONTAINED_TOKENS and p_fold in g_fold)
                     or (len(g_tokens) >= MIN_CONTAINED_TOKENS and g_fold in p_fold))
        if jaccard >= MIN_JACCARD or contained:
            score = jaccard + (CONTAINMENT_BONUS if contained else 0.0)
            if best is None or score > best:
                best = score
    return best


def one_to_one(candidates: Iterable[tuple[float, int, int]]) -> list[tuple[int, int]]:
    """Greedy one-to-one matching of (score, gold index, predicted index) candidates, best score
    first (ties by gold, then predicted index): each gold line and each prediction is used once."""
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, g, p in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if g not in used_gold and p not in used_pred:
            used_gold.add(g)
            used_pred.add(p)
            pairs.append((g, p))
    return pairs
