"""`per_doc`: a value read once per parsed document, kept with that Doc only."""

from __future__ import annotations

from tidings.nlp._memo import per_doc


def test_computed_once_per_doc_and_kept_apart_between_docs(nlp):
    calls = []

    @per_doc
    def length(doc):
        calls.append(doc)
        return len(doc)

    first, second = nlp("Troops crossed the border."), nlp("Talks resumed in Geneva on Monday morning.")
    assert [length(first), length(first), length(second), length(second)] == [5, 5, 8, 8]
    assert calls == [first, second]
