"""Articles of a genre whose event words report no political event: match reports, reviews, markets.

A cricket report's bowlers "strike", a striker "attacks", a film's characters "kill" and "battle",
a club "strikes a deal": every one of these is a trigger word, and read sentence by sentence it looks
like an event. Which sense an article uses shows in its vocabulary as a whole, so the test is made
once per document: when the words of one genre (data/events_genres.yaml) outnumber the words of
political news by the file's `ratio`, and there are at least `min_hits` of them, the article is of
that genre and yields no events. A political story told at a stadium or a festival still names
governments, police and protesters, which keeps it below the ratio.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tidings._data import data_path, read_yaml
from tidings.errors import DataError


@dataclass(frozen=True)
class GenreCues:
    """Genre word lists (single lemmas and multiword phrases) and the thresholds of the test."""

    genres: dict[str, frozenset[str]]
    political: frozenset[str]
    min_hits: int
    ratio: float


def load_genre_cues(path: Path | None = None) -> GenreCues:
    """Read data/events_genres.yaml (or `path`); malformed data raises DataError naming the file."""
    path = path or data_path("events_genres.yaml")
    raw = read_yaml(path) or {}
    genres = raw.get("genres")
    if not isinstance(genres, dict) or not all(isinstance(v, list) for v in genres.values()):
        raise DataError(f"{path}: 'genres' must map each genre to a list of words")
    if not isinstance(raw.get("political"), list):
        raise DataError(f"{path}: 'political' must be a list of words")
    try:
        min_hits, ratio = int(raw.get("min_hits", 8)), float(raw.get("ratio", 2.0))
    except (TypeError, ValueError) as exc:
        raise DataError(f"{path}: min_hits and ratio must be numbers") from exc
    return GenreCues(genres={str(k): frozenset(str(w).lower() for w in v) for k, v in genres.items()},
                     political=frozenset(str(w).lower() for w in raw["political"]),
                     min_hits=min_hits, ratio=ratio)


def off_topic_genre(lemmas: Iterable[str], cues: GenreCues) -> str | None:
    """The non-political genre an article's lemmas (in order, lower case) belong to, or None."""
    words = list(lemmas)
    counts = {name: 0 for name in cues.genres}
    political = 0
    for position, word in enumerate(words):
        pair = f"{word} {words[position + 1]}" if position + 1 < len(words) else ""
        for name, members in cues.genres.items():
            counts[name] += (word in members) + (pair in members)
        political += (word in cues.political) + (pair in cues.political)
    if not counts:
        return None
    genre, hits = max(counts.items(), key=lambda item: item[1])
    if hits >= cues.min_hits and hits >= cues.ratio * max(political, 1):
        return genre
    return None
