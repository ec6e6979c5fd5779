"""MinHash signatures find syndicated copies and leave other reports of the same story alone."""

from __future__ import annotations

import pytest

from tidings.clean import estimate_jaccard, lsh_band_keys, minhash_signature

ARTICLE = """Fire crews in the northern town of Ashby spent the night fighting a blaze at a chemical \
warehouse, the regional fire service said on Thursday.
The fire broke out shortly after nine in the evening and sent a column of black smoke over the \
river valley, forcing the closure of the main road to the coast.
Residents of two streets next to the warehouse were told to keep their windows shut, and about \
forty families spent the night with relatives or in a sports hall opened by the council.
A spokesman for the fire service said eleven engines and more than sixty firefighters had been \
sent to the site, some of them from neighbouring districts.
Nobody was hurt, he said, but one firefighter was treated for heat exhaustion at the scene.
The company that runs the warehouse said it stored cleaning products and fertiliser, and that it \
was working with the authorities to find out how the fire had started.
Environmental inspectors took samples of water from the river on Thursday morning to check \
whether run-off from the fire had reached it.
The mayor of Ashby thanked the crews and said the road would reopen once engineers had checked \
the bridge next to the warehouse, which had been exposed to intense heat for several hours.
Local farmers were advised not to let cattle drink from the river until the test results were known."""

SYNDICATED = "Huge warehouse blaze lights up Ashby sky\n" + ARTICLE.replace(
    "spent the night fighting", "battled overnight").replace("eleven engines", "12 engines").replace(
    "Thursday morning", "Thursday afternoon")

OTHER_REPORT = """A large fire destroyed a chemical warehouse in Ashby overnight, and dozens of \
families had to leave their homes as smoke drifted across the valley.
Firefighters from several districts fought the flames for hours before bringing them under \
control early on Thursday, according to the local authorities.
The coast road stayed closed on Thursday while engineers inspected a bridge damaged by the heat.
Officials said there were no injuries and that river water was being tested for pollution."""


def test_signature_is_stable_and_sized():
    signature = minhash_signature(ARTICLE)
    assert len(signature) == 64
    assert signature == minhash_signature(ARTICLE)
    assert len(minhash_signature(ARTICLE, num_perm=128)) == 128


def test_signature_ignores_quote_style_case_and_spacing():
    assert minhash_signature("“Stay  indoors,” the Mayor said on Friday night.") == minhash_signature(
        '"stay indoors," the mayor said on friday night.')


def test_syndicated_copy_is_a_near_duplicate():
    a, b = minhash_signature(ARTICLE), minhash_signature(SYNDICATED)
    assert estimate_jaccard(a, b) >= 0.8
    assert set(lsh_band_keys(a)) & set(lsh_band_keys(b))


def test_another_report_of_the_same_story_is_not():
    a, b = minhash_signature(ARTICLE), minhash_signature(OTHER_REPORT)
    assert estimate_jaccard(a, b) < 0.3


def test_band_keys_are_one_per_band_and_name_the_band():
    keys = lsh_band_keys(minhash_signature(ARTICLE), bands=16)
    assert len(keys) == 16
    assert [key.split(":")[0] for key in keys] == [f"{band:02d}" for band in range(16)]
    with pytest.raises(ValueError):
        lsh_band_keys(minhash_signature(ARTICLE), bands=7)


def test_texts_without_words_are_similar_to_nothing():
    assert minhash_signature("  ... ") == []
    assert lsh_band_keys([]) == []
    assert estimate_jaccard([], minhash_signature(ARTICLE)) == 0.0


def test_signatures_of_different_sizes_are_refused():
    with pytest.raises(ValueError):
        estimate_jaccard(minhash_signature(ARTICLE), minhash_signature(ARTICLE, num_perm=32))
