"""Story clustering: related reports share a story, unrelated ones start their own."""

from __future__ import annotations

import json

from tidings.model import Actor, Document, Mention, Place
from tidings.resolve import StoryIndex, story_features
from tidings.resolve.stories import story_id_for, text_features

SEIZURE_1 = ("Gunmen seize police station in Sloviansk",
             "Armed men seized the police station in Sloviansk on Saturday and raised a flag over "
             "the building. The interior minister said the gunmen carried automatic rifles.")
SEIZURE_2 = ("Sloviansk police station held by armed men",
             "The police station in Sloviansk remained in the hands of armed men a day after the "
             "seizure, and the interior minister promised an operation against the gunmen.")
HARVEST = ("Record wheat harvest lifts grain exports",
           "Farmers in the south brought in a record wheat harvest, and grain exporters expect "
           "shipments through the Black Sea ports to rise before winter.")


def test_related_documents_share_a_story_and_unrelated_ones_do_not():
    index = StoryIndex()
    first = index.assign("d1", text_features(*SEIZURE_1, published="2014-04-12"))
    second = index.assign("d2", text_features(*SEIZURE_2, published="2014-04-13"))
    third = index.assign("d3", text_features(*HARVEST, published="2014-04-13"))
    assert first == second == story_id_for("d1")
    assert third != first and third == story_id_for("d3")
    assert index.assign("d2", text_features(*SEIZURE_2)) == first  # known document: same answer


def test_story_outside_the_date_window_is_not_joined():
    index = StoryIndex(window_days=7)
    first = index.assign("d1", text_features(*SEIZURE_1, published="2014-04-12"))
    assert index.assign("d2", text_features(*SEIZURE_2, published="2014-06-01")) != first


def test_describe_gives_title_dates_and_named_entities():
    actor = Actor(id="ac_gunmen", name="pro-Russian militants")
    place = Place(id="geonames:1", name="Sloviansk", lat=48.85, lon=37.6, country="UKR")
    mentions = [Mention(kind="actor", text="Armed men", start=0, end=9, sentence_index=0, actor=actor),
                Mention(kind="place", text="Sloviansk", start=40, end=49, sentence_index=0, place=place)]
    index = StoryIndex()
    doc1 = Document(id="d1", text=SEIZURE_1[1], title=SEIZURE_1[0], published="2014-04-12",
                    clean_text=SEIZURE_1[1])
    doc2 = Document(id="d2", text=SEIZURE_2[1], title=SEIZURE_2[0], published="2014-04-13",
                    clean_text=SEIZURE_2[1])
    story_id = index.assign("d1", story_features(doc1, mentions))
    index.assign("d2", story_features(doc2, mentions))
    story = index.describe(story_id)
    assert story.title in (SEIZURE_1[0], SEIZURE_2[0])
    assert (story.first_date, story.last_date) == ("2014-04-12", "2014-04-13")
    assert story.doc_ids == ["d1", "d2"]
    assert story.top_actors == ["pro-Russian militants"] and story.top_places == ["Sloviansk"]


def test_untitled_story_is_described_by_its_top_terms():
    index = StoryIndex()
    text = "A record wheat harvest this year. Farmers say the wheat harvest beat every forecast."
    story_id = index.assign("d3", text_features(None, text))
    assert index.describe(story_id).title.split(" · ")[:2] == ["harvest", "wheat"]


def test_state_round_trips_through_json():
    index = StoryIndex()
    story_id = index.assign("d1", text_features(*SEIZURE_1, published="2014-04-12"))
    restored = StoryIndex.from_state(json.loads(json.dumps(index.to_state())))
    assert restored.assign("d2", text_features(*SEIZURE_2, published="2014-04-13")) == story_id
    assert restored.describe(story_id).doc_ids == ["d1", "d2"]
    assert restored.story_of("d1") == story_id


def test_content_words_drop_stopwords_and_keep_names():
    features = text_features(None, "The police said that the gunmen in Sloviansk were armed in 2014.")
    assert "the" not in features.terms and "said" not in features.terms
    assert features.terms["sloviansk"] > features.terms["gunmen"]  # names weigh more
    assert "2014" in features.terms
