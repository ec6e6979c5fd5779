"""Our spaCy components."""

from __future__ import annotations

import spacy

from tidings.nlp.components import line_breaks


def test_a_sentence_starts_after_every_line_break():
    nlp = spacy.blank("en")
    doc = line_breaks(nlp.make_doc("WATCH: the video\nPolice fired tear gas.\n\n  Two were hurt"))
    assert [t.text for t in doc[1:] if t.is_sent_start] == ["Police", "Two"]


def test_a_text_without_line_breaks_keeps_its_boundaries_unset():
    doc = line_breaks(spacy.blank("en").make_doc("Police fired tear gas. Two were hurt."))
    assert not any(t.is_sent_start for t in doc[1:])


def test_the_parsed_sentences_split_at_line_breaks(nlp):
    doc = nlp("Protesters gathered in the square\nPolice fired tear gas at them on Monday.")
    assert [s.text.strip() for s in doc.sents] == ["Protesters gathered in the square",
                                                   "Police fired tear gas at them on Monday."]
