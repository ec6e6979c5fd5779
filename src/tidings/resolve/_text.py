"""What story clustering looks at in a document: content words, actors, places, publication day."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from tidings._data import data_path
from tidings.errors import DataError
from tidings.model import Document, Mention

#: Title words count this many times: a headline names what the story is about.
TITLE_WEIGHT = 2
#: A capitalised word inside a sentence (a name) counts this many extra times: names tell apart
#: two stories of one kind (two rehab check-ins, two earthquakes).
NAME_WEIGHT = 3
#: Each year written in the text counts this many times.
YEAR_WEIGHT = 3
_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_]))*", re.UNICODE)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_SENTENCE_END = re.compile(r"[.!?:\n\"'`]\s*$")


@dataclass
class StoryFeatures:
    """A document as story clustering sees it; plain data, so it pickles and serialises."""

    terms: dict[str, float]  # content word -> count (title words weighted)
    actors: list[str] = field(default_factory=list)  # actor ids
    places: list[str] = field(default_factory=list)  # place ids
    published: str | None = None  # ISO date
    title: str | None = None
    names: dict[str, str] = field(default_factory=dict)  # actor/place id -> readable name

    def to_dict(self) -> dict[str, Any]:
        return {"terms": self.terms, "actors": self.actors, "places": self.places,
                "published": self.published, "title": self.title, "names": self.names}


@lru_cache(maxsize=1)
def load_stopwords() -> frozenset[str]:
    """The stopword list shipped in `data/stopwords_en.txt` (immutable, read once)."""
    path = data_path("stopwords_en.txt")
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError(f"{path}: cannot read: {exc}") from exc
    words: set[str] = set()
    for line in text.splitlines():
        words.update(line.split("#", 1)[0].split())
    return frozenset(word.casefold() for word in words)


def _normalise(word: str) -> str:
    """Casefold, drop a possessive and a plain plural "s" (cheap stemming that keeps names whole)."""
    word = word.casefold().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    return word


def content_terms(text: str, stopwords: frozenset[str]) -> Counter[str]:
    """Counts of the content words of `text`: letters only, 3+ characters, no stopwords."""
    counts: Counter[str] = Counter()
    for match in _WORD.finditer(text):
        word = _normalise(match.group())
        if len(word) >= 3 and word not in stopwords and word.split("'")[0] not in stopwords:
            counts[word] += 1
            if match.group()[0].isupper() and not _SENTENCE_END.search(text[max(0, match.start() - 3):match.start()]) and match.start():
                counts[word] += NAME_WEIGHT
    for match in _YEAR.finditer(text):  # a year tells this flood from last decade's
        counts[match.group()] += YEAR_WEIGHT
    return counts


def text_features(
    title: str | None,
    text: str,
    published: str | None = None,
    stopwords: frozenset[str] | None = None,
) -> StoryFeatures:
    """Lexical features only: for corpora without NLP (evaluation) and as the base of the full set."""
    words = stopwords if stopwords is not None else load_stopwords()
    terms = content_terms(text, words)
    if title:
        for word, count in content_terms(title, words).items():
            terms[word] += count * TITLE_WEIGHT
    return StoryFeatures(terms=dict(terms), published=published, title=title)


def lead_line(text: str, limit: int = 110) -> str | None:
    """A readable stand-in title for a document without one: its first line, cut at a word."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if len(first) <= limit:
        return first or None
    return first[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " …"


def story_features(
    document: Document, mentions: list[Mention], stopwords: frozenset[str] | None = None
) -> StoryFeatures:
    """One call per document: its words, the actors and places its mentions resolved to, its date."""
    features = text_features(document.title, document.clean_text or document.text,
                             document.published, stopwords)
    if not features.title:
        features.title = lead_line(document.clean_text or document.text)
    for mention in mentions:
        if mention.actor is not None:
            features.actors.append(mention.actor.id)
            features.names.setdefault(mention.actor.id, mention.actor.name)
        if mention.place is not None:
            features.places.append(mention.place.id)
            features.names.setdefault(mention.place.id, mention.place.name)
    return features
