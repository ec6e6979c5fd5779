"""`sentences_of`: the stored sentences of a parsed text."""

from __future__ import annotations

from tidings.pipeline import sentences_of


def test_sentences_are_trimmed_slices_of_the_text_at_their_offsets(nlp):
    text = "  Police fired tear gas in the capital.  Two people were hurt.\n\nWATCH: the video\n"
    doc = nlp(text)
    sentences = sentences_of(doc)
    assert [s.index for s in sentences] == list(range(len(list(doc.sents))))
    for sentence, span in zip(sentences, doc.sents):
        assert sentence.text == span.text.strip()
        assert text[sentence.start:sentence.end] == sentence.text
    assert [s.text for s in sentences if s.text][:2] == ["Police fired tear gas in the capital.", "Two people were hurt."]
