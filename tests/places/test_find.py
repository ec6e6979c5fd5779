"""find_places on sentences we wrote: detection guards, context and precision."""

from __future__ import annotations

import pytest

from tidings.places import Gazetteer, find_places



def places(nlp, gazetteer, text):
    return {m.text: m for m in find_places(nlp(text), gazetteer)}


def test_kramatorsk_found_although_ner_calls_it_a_product(nlp, gazetteer):
    text = "Armed men took over the town hall in Kramatorsk early on Sunday, witnesses said."
    found = places(nlp, gazetteer, text)
    m = found["Kramatorsk"]
    assert m.place.country == "UKR" and m.place.geo_precision == 1
    assert abs(m.place.lat - 48.7) < 0.2 and abs(m.place.lon - 37.6) < 0.2
    assert text[m.start:m.end] == "Kramatorsk" and m.sentence_index == 0 and m.kind == "place"


def test_spelling_variants_resolve_to_one_place(nlp, gazetteer):
    text = ("Barricades went up in Sloviansk overnight. By noon the checkpoints around Slovyansk "
            "were manned by men in masks.")
    found = places(nlp, gazetteer, text)
    assert found["Sloviansk"].place.id == found["Slovyansk"].place.id
    assert found["Slovyansk"].sentence_index == 1


def test_donetsk_in_a_ukraine_story_is_ukrainian(nlp, gazetteer):
    text = "Ukraine's interior ministry said protesters still held the regional building in Donetsk."
    assert places(nlp, gazetteer, text)["Donetsk"].place.country == "UKR"


def test_geneva_and_kiev(nlp, gazetteer):
    text = "Diplomats from Kiev and Moscow were due to meet in Geneva on Thursday."
    found = places(nlp, gazetteer, text)
    assert found["Geneva"].place.country == "CHE"
    assert found["Kiev"].place.name == "Kyiv"
    assert found["Moscow"].place.country == "RUS"


def test_common_words_do_not_become_towns(nlp, gazetteer):
    text = ("Mayor Hill told reporters that Police had closed the road. Reading the statement aloud, "
            "she said it was a Nice gesture by the Man in charge.")
    found = places(nlp, gazetteer, text)
    assert not {"Mayor", "Police", "Reading", "Nice", "Man", "Of"} & set(found)


def test_region_phrase_has_precision_3(nlp, gazetteer):
    text = "Shelling was reported across the Donetsk region and in eastern Ukraine on Monday."
    found = places(nlp, gazetteer, text)
    assert found["Donetsk region"].place.id == "admin1:UA.05"
    assert found["Donetsk region"].place.geo_precision == 3
    assert found["eastern Ukraine"].place.id == "region:eastern-ukraine"
    assert found["eastern Ukraine"].place.geo_precision == 3


def test_container_and_fuzzy_spelling(nlp, gazetteer):
    text = "Miners in Yenakievo, Ukraine, walked out on Friday; the strike spread to Druzhkovka."
    found = places(nlp, gazetteer, text)
    assert found["Yenakievo"].place.name == "Yenakiyeve"
    assert found["Druzhkovka"].place.name == "Druzhkivka"
    assert found["Ukraine"].place.id == "country:UKR"


def test_us_county_context_picks_the_right_town(nlp, gazetteer):
    text = "A woman from Alexandria was charged on Tuesday, deputies of Rapides Parish said."
    found = places(nlp, gazetteer, text)
    assert found["Alexandria"].place.admin1 == "Louisiana"


def test_mentions_sorted_and_offsets_match(nlp, gazetteer):
    doc = nlp("Talks in Geneva ended. Fighting resumed near Sloviansk and Kramatorsk.")
    mentions = find_places(doc, gazetteer)
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    assert all(doc.text[m.start:m.end] == m.text for m in mentions)
    near = {m.text: m.place.geo_precision for m in mentions}
    assert near["Sloviansk"] == 2


def test_seed_articles_find_places(nlp, gazetteer, shared_dir):
    seeds = sorted((shared_dir / "seeds").glob("*.txt"))
    if not seeds:
        pytest.skip("no seed articles")
    found = [m for path in seeds[:3] for m in find_places(nlp(path.read_text(encoding="utf-8")), gazetteer)]
    assert any(m.place.country == "UKR" for m in found)


def test_organisation_acronyms_are_not_small_towns(nlp, gazetteer):
    found = places(nlp, gazetteer, "The UN and NATO condemned the shelling of the port on Sunday.")
    assert "UN" not in found and "NATO" not in found
