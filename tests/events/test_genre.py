"""Issue 11: articles of a non-political genre (match reports, reviews) yield no events."""

import pytest

from tidings.events import Ontology
from tidings.events.genre import load_genre_cues, off_topic_genre

from ._build import run


@pytest.fixture(scope="module")
def ontology():
    return Ontology.load()


MATCH_REPORT = (
    "Rovers stun the champions in a derby thriller\n"
    "The visitors' striker attacked the left flank from the kick-off and scored the opening goal after "
    "nine minutes. The home side's captain struck the post before half-time, and the referee waved away "
    "two penalty appeals. After the break the midfielder fired a shot into the top corner, and the "
    "goalkeeper was beaten again in injury time. The coach said the team had battled for every ball, "
    "and the fans in the stadium sang until the final whistle of a season-defining victory in the league."
)
FILM_REVIEW = (
    "A war film that refuses easy answers\n"
    "The director's new movie follows a band of rebels who ambush a convoy and kill its guards in the "
    "opening scene. The actress who plays the commander carries the drama, and the screenplay lets every "
    "character doubt the cause. Critics at the festival premiere praised the cast; the soundtrack and the "
    "long final scene, in which soldiers storm a village, stay with the audience after the film ends."
)
PROTEST_AT_STADIUM = (
    "Police fired tear gas at protesters outside the national stadium in the capital on Saturday. "
    "The demonstrators, who oppose the government's fuel price rises, had gathered before a football match. "
    "Officials said 40 protesters were arrested, and the interior minister defended the police."
)


def test_match_report_and_review_yield_no_events(nlp, ontology):
    assert run(nlp, ontology, MATCH_REPORT) == []
    assert run(nlp, ontology, FILM_REVIEW) == []


def test_the_headline_counts_towards_the_genre(nlp, ontology):
    # the headline, dropped from the text by cleaning, is what names a transfer story
    from tidings.events import extract_events
    from tidings.model import Document

    from ._build import mentions_for

    text = ("Northfield have finally reached an agreement with the Harbour club to sign the striker.\n"
            "The fee is 40 million pounds, and the player refused to turn up in pre-season.\n"
            "Talks had stalled over bonuses, and the chairman warned of sanctions.")
    doc = nlp(text)
    document = Document(id="d1", text=text, clean_text=text, published="2024-07-01", outlet="test", url="u")
    assert extract_events(doc, document, mentions_for(doc), ontology)
    document.title = "Transfer: Northfield reach agreement to sign striker"
    assert extract_events(doc, document, mentions_for(doc), ontology) == []


def test_political_news_at_a_stadium_keeps_its_events(nlp, ontology):
    types = {e.type for e in run(nlp, ontology, PROTEST_AT_STADIUM)}
    assert {"ASSAULT", "COERCE"} <= types


def test_genre_needs_enough_words_and_a_lead_over_politics():
    cues = load_genre_cues()
    assert off_topic_genre("the striker score a goal".split(), cues) is None  # too few genre words
    sports = "the striker score a goal for the club in the league match at the stadium".split()
    assert off_topic_genre(sports, cues) == "sports"
    assert off_topic_genre(sports + "the government minister police protester army".split(), cues) is None
