"""`per_doc`: a value read once per parsed document, kept with that Doc only."""

from __future__ import annotations

from tidings.nlp._memo import coarse_tags, lower_lemmas, per_doc, strings_for


def test_computed_once_per_doc_and_kept_apart_between_docs(nlp):
    calls = []

    @per_doc
    def length(doc):
        calls.append(doc)
        return len(doc)

    first, second = nlp("Troops crossed the border."), nlp("Talks resumed in Geneva on Monday morning.")
    assert [length(first), length(first), length(second), length(second)] == [5, 5, 8, 8]
    assert calls == [first, second]


def test_lower_lemmas_are_the_tokens_lemmas_lower_cased(nlp):
    doc = nlp("Rebels Attacked the convoys; the UN condemned the Attacks.")
    assert lower_lemmas(doc) == [t.lemma_.lower() for t in doc]


def test_strings_for_gives_the_vocabulary_strings(nlp):
    doc = nlp("Protesters marched in Lagos.")
    keys = [t.orth for t in doc]
    assert [strings_for(doc, keys)[k] for k in keys] == [t.text for t in doc]
    assert [strings_for(doc, keys, lowered=True)[k] for k in keys] == [t.lower_ for t in doc]


def test_coarse_tags_are_the_tokens_pos(nlp):
    doc = nlp("The minister said the election was rigged.")
    assert coarse_tags(doc) == [t.pos_ for t in doc]


def test_strings_for_still_holds_the_keys_asked_for_when_the_table_is_full(nlp, monkeypatch):
    import tidings.nlp._memo as memo

    monkeypatch.setattr(memo, "_MAX_STRINGS", 3)
    doc = nlp("Militants seized two villages near the border overnight.")
    keys = [t.orth for t in doc]
    assert [strings_for(doc, keys)[k] for k in keys] == [t.text for t in doc]
