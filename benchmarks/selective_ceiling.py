"""How much a selective pipeline could skip: the share of sentences and tokens it would still parse.

A selective pipeline would run a cheap pass over every sentence and the parser and NER only for
sentences with a trigger candidate or an unresolved name, number or date candidate, and their
neighbours. Before building one, this measures its ceiling on real text. The test is generous to
skipping (an upper bound on the saving): a trigger candidate is a word whose lowercase form, or that
form with one regular suffix (-s, -es, -ed, -d, -ing) cut, is a key of the trigger lexicon; an
unresolved candidate is a capitalised word that does not start the sentence, a digit, or a calendar
word. Sentences are the full pipeline's, so the figures are per sentence as the stages see them.

Usage: python benchmarks/selective_ceiling.py PATH [PATH ...]   (.jsonl with "text" or "doc_text", or folders of .txt)
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december today yesterday tomorrow tonight week month year".split())
_SUFFIXES = ("ing", "es", "ed", "s", "d")


def texts_of(path: Path, limit: int) -> list[str]:
    """Texts of a JSONL corpus or of the .txt files under a folder (at most `limit`)."""
    if path.is_dir():
        return [p.read_text(encoding="utf-8", errors="replace") for p in sorted(path.rglob("*.txt"))[:limit]]
    records = (json.loads(line) for line in path.open(encoding="utf-8"))
    return [r.get("text") or r.get("doc_text") or "" for r in records][:limit]


def forms(word: str) -> set[str]:
    """The lowercase form and the forms with one regular suffix cut: what a pass without a tagger sees."""
    out = {word}
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            out |= {stem, stem + "e"}
    return out


def needs_parse(words: list[str], triggers: set[str]) -> tuple[bool, bool]:
    """(has a trigger candidate, has an unresolved candidate) for one sentence's words."""
    trigger = any(forms(w.lower()) & triggers for w in words)
    candidate = any(w[:1].isupper() for w in words[1:]) or any(w.lower() in CALENDAR for w in words) \
        or any(re.search(r"\d", w) for w in words)
    return trigger, candidate


def ceiling(texts: list[str], nlp, triggers: set[str]) -> dict[str, float]:
    sentences = tokens = kept_tokens = kept_sentences = trigger_sentences = 0
    for doc in nlp.pipe(texts, batch_size=64):
        sents = [[t.text for t in s if not t.is_space] for s in doc.sents]
        chosen = [any(needs_parse(words, triggers)) for words in sents]
        trigger_sentences += sum(needs_parse(words, triggers)[0] for words in sents)
        with_neighbours = [chosen[i] or (i > 0 and chosen[i - 1]) or (i + 1 < len(chosen) and chosen[i + 1])
                           for i in range(len(chosen))]
        sentences += len(sents)
        kept_sentences += sum(with_neighbours)
        tokens += sum(map(len, sents))
        kept_tokens += sum(len(words) for words, keep in zip(sents, with_neighbours) if keep)
    return {"texts": len(texts), "sentences": sentences, "trigger_sentences": trigger_sentences / max(sentences, 1),
            "parsed_sentences": kept_sentences / max(sentences, 1), "parsed_tokens": kept_tokens / max(tokens, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", type=Path, nargs="+")
    parser.add_argument("--limit", type=int, default=300, help="texts per path")
    args = parser.parse_args()
    from tidings.events import Ontology
    from tidings.nlp import load_pipeline

    lexicon = Ontology.load().lexicon
    triggers = set(lexicon.triggers)
    nlp = load_pipeline()
    print(f"{'corpus':40} {'texts':>6} {'sents':>6} {'trigger':>8} {'parsed sents':>13} {'parsed tokens':>14}")
    for path in args.paths:
        row = ceiling(texts_of(path, args.limit), nlp, triggers)
        print(f"{str(path)[-40:]:40} {row['texts']:6d} {row['sentences']:6d} {row['trigger_sentences']:8.1%} "
              f"{row['parsed_sentences']:13.1%} {row['parsed_tokens']:14.1%}")


if __name__ == "__main__":
    main()
