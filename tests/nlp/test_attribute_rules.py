"""The attribute ruler's array matcher finds exactly the matches spaCy's Matcher finds."""

from __future__ import annotations

import spacy
from spacy.pipeline import AttributeRuler

from tidings.nlp.attribute_rules import ArrayAttributeRuler, speed_up_attribute_ruler

SENTENCES = [
    "Police said on Tuesday that two men were arrested after the protest in the capital.",
    "They ain't gonna stop, y'all know it; let's c'mon and see what there is.\n\nThere are 3 more.",
    "  \n Officials didn't confirm it.  The ministry hasn't said whether talks will resume\n",
    "",
    "a",
]


def _before_ruler(nlp, text: str):
    with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        return nlp(text)


def test_loaded_pipeline_uses_the_array_matcher(nlp):
    assert isinstance(nlp.get_pipe("attribute_ruler"), ArrayAttributeRuler)


def test_array_matches_equal_the_matcher_matches(nlp):
    ruler = nlp.get_pipe("attribute_ruler")
    for text in SENTENCES:
        doc = _before_ruler(nlp, text)
        assert ruler.match(doc) == sorted(set(AttributeRuler.match(ruler, doc))), text


def test_annotations_equal_the_stock_ruler(nlp):
    ruler = nlp.get_pipe("attribute_ruler")
    for text in SENTENCES:
        ours, stock = _before_ruler(nlp, text), _before_ruler(nlp, text)
        ruler(ours)
        ruler.set_annotations(stock, AttributeRuler.match(ruler, stock))
        assert [(t.pos_, str(t.morph), t.lemma_, t.tag_) for t in ours] == \
               [(t.pos_, str(t.morph), t.lemma_, t.tag_) for t in stock]


def test_a_pattern_with_an_operator_leaves_the_ruler_as_it_is():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "very", "OP": "+"}]], {"LEMMA": "very"})
    assert speed_up_attribute_ruler(ruler) is False
    assert type(ruler) is AttributeRuler


def test_exact_in_and_regex_patterns_match_like_the_matcher():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "gon"}, {"LOWER": "na"}]], {"LEMMA": "go"})
    ruler.add([[{"LOWER": {"IN": ["is", "was"]}}, {"LOWER": {"REGEX": "^n'?t$"}}]], {"LEMMA": "be"}, index=0)
    ruler.add([[{"LOWER": {"NOT_IN": ["the", "a"]}, "IS_SPACE": False}]], {"NORM": "x"})
    assert speed_up_attribute_ruler(ruler)
    doc = nlp.make_doc("It is n't gonna rain , the man is nt here gon na")
    assert ruler.match(doc) == sorted(set(AttributeRuler.match(ruler, doc)))
