"""The gazetteer index: lookups, spelling variants and the on-disk cache."""

from __future__ import annotations

import pytest

from tidings.places import Gazetteer
from tidings.places import _cache



def test_kiev_is_an_alternate_name_of_kyiv(gazetteer):
    best = gazetteer.lookup("Kiev")[0]
    assert best.name == "Kyiv" and best.country == "UKR"


@pytest.mark.parametrize("spelling", ["Slovyansk", "Sloviansk", "Slaviansk", "Slavyansk", "Slov'yans'k"])
def test_spellings_of_slovyansk_share_one_id(gazetteer, spelling):
    ids = {p.id for p in gazetteer.fuzzy(spelling)}
    assert "geonames:693468" in ids


def test_fuzzy_finds_spellings_missing_from_geonames(gazetteer):
    assert gazetteer.lookup("Yenakievo") == []
    assert gazetteer.fuzzy("Yenakievo")[0].name == "Yenakiyeve"
    assert gazetteer.fuzzy("Druzhkovka")[0].name == "Druzhkivka"


def test_fuzzy_refuses_distant_names(gazetteer):
    assert gazetteer.fuzzy("Qwertyuiopsk") == []


def test_countries_carry_iso3_and_precision_4(gazetteer):
    switzerland = gazetteer.lookup("Switzerland")[0]
    assert (switzerland.id, switzerland.country, switzerland.geo_precision) == ("country:CHE", "CHE", 4)
    assert gazetteer.lookup("U.S.")[0].id == "country:USA"


def test_admin1_and_named_regions(gazetteer):
    donetsk_region = gazetteer.lookup("Donetsk Oblast")[0]
    assert donetsk_region.id == "admin1:UA.05" and donetsk_region.geo_precision == 3
    assert gazetteer.lookup("eastern Ukraine")[0].id == "region:eastern-ukraine"
    assert gazetteer.lookup("Fla.")[0].id in {"admin1:US.FL", "geonames:3157238"}
    assert any(p.id == "admin1:US.FL" for p in gazetteer.lookup("Fla."))


def test_stoplist_and_demonyms(gazetteer):
    assert gazetteer.is_stopword("Mayor") and gazetteer.is_stopword("Police")
    assert gazetteer.needs_ner("Reading")
    assert gazetteer.demonym("Ukrainian") == "UKR"


def test_cache_round_trip(tmp_path, monkeypatch, gazetteer):
    # Reuse the index already in memory instead of rebuilding it: this tests the on-disk format.
    monkeypatch.setattr(_cache, "build_index", lambda: gazetteer._ix)
    first = Gazetteer.load(cache_dir=str(tmp_path))
    files = list(tmp_path.glob("gazetteer-*.pickle"))
    assert len(files) == 1 and _cache.cache_key() in files[0].name
    monkeypatch.setattr(_cache, "build_index", lambda: pytest.fail("cache was not used"))
    second = Gazetteer.load(cache_dir=str(tmp_path))
    assert len(second) == len(first)
    assert second.lookup("Kramatorsk")[0] == first.lookup("Kramatorsk")[0]


@pytest.mark.parametrize("spelling", ["Yenakievo", "Druzhkovka", "Kramatorskk", "Sloviansk", "Bakhmutt"])
def test_fuzzy_length_buckets_match_one_search_over_the_letter(gazetteer, spelling):
    """Issue 6: searching only nearby lengths finds what one search over the letter finds."""
    from rapidfuzz import fuzz, process

    key = gazetteer.key(spelling)
    buckets = gazetteer._bucket(key[0]).values()
    pool = sorted((rank, k) for keys, ranks in buckets for k, rank in zip(keys, ranks))
    best = process.extract(key, [k for _, k in pool], scorer=fuzz.ratio, score_cutoff=88.0, limit=5)
    expected = [(c.index, c.main, score) for match, score, _ in best for c in gazetteer.candidates(match)]
    found = gazetteer.fuzzy_candidates(spelling)
    assert [(c.index, c.main, c.score) for c in found] == expected
    assert gazetteer.fuzzy_candidates(spelling) == found  # the memo answers the same
