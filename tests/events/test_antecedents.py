"""antecedent: pronouns in event roles to the actors named before (issue 12)."""

from __future__ import annotations

from tidings.events.antecedents import antecedent
from tidings.model import Actor, Mention

SPEECH = {"say", "tell", "add"}


def _mention(doc, text: str, kind: str, occurrence: int = 0) -> Mention:
    start = -1
    for _ in range(occurrence + 1):
        start = doc.text.index(text, start + 1)
    sentence = next(i for i, s in enumerate(doc.sents) if s.start_char <= start < s.end_char)
    return Mention("actor", text, start, start + len(text), sentence, actor=Actor(f"ac_{text}", text, kind=kind))


def _token(doc, word: str):
    return next(t for t in doc if t.text == word)


def test_he_is_the_last_person_named(nlp):
    doc = nlp("Imran Khan was arrested on Tuesday. Police said he resisted.")
    found = antecedent(_token(doc, "he"), [_mention(doc, "Imran Khan", "person"), _mention(doc, "Police", "organisation")], SPEECH)
    assert found is not None and found.text == "Imran Khan"


def test_we_in_a_quote_is_its_speaker(nlp):
    doc = nlp("“We condemn the arrests,” Brian Nichols said on Monday.")
    found = antecedent(_token(doc, "We"), [_mention(doc, "Brian Nichols", "person")], SPEECH)
    assert found is not None and found.text == "Brian Nichols"


def test_we_in_a_later_quote_is_the_previous_speaker(nlp):
    doc = nlp("“We condemn the arrests,” Brian Nichols said. “We call for their release.”")
    second_we = [t for t in doc if t.text == "We"][1]
    found = antecedent(second_we, [_mention(doc, "Brian Nichols", "person")], SPEECH)
    assert found is not None and found.text == "Brian Nichols"


def test_they_is_the_last_group_subject(nlp):
    doc = nlp("The police reached the square at noon. They detained twenty students.")
    found = antecedent(_token(doc, "They"), [_mention(doc, "The police", "organisation")], SPEECH)
    assert found is not None and found.text == "The police"


def test_no_antecedent_too_far_back(nlp):
    doc = nlp("Police came. It rained. It rained more. The wind rose. Then it stopped. They left.")
    assert antecedent(_token(doc, "They"), [_mention(doc, "Police", "organisation")], SPEECH) is None
