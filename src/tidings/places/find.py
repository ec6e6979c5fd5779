"""The places stage's entry point: place mentions of a parsed document."""

from __future__ import annotations

from spacy.tokens import Doc

from tidings.model import Mention
from tidings.places.detect import detect_toponyms
from tidings.places.gazetteer import Gazetteer
from tidings.places.resolve import resolve_toponyms
from tidings.nlp._text import doc_text


def document_demonyms(doc: Doc, gazetteer: Gazetteer) -> list[str]:
    """ISO3 codes of the demonyms a document uses ("Ukrainian" -> "UKR"), one per occurrence."""
    out = []
    for token in doc:
        if token.text[:1].isupper():
            iso3 = gazetteer.demonym(token.text)
            if iso3:
                out.append(iso3)
    return out


def find_places(doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
    """Place mentions of `doc`, resolved with the whole document as context, sorted by start."""
    toponyms = detect_toponyms(doc, gazetteer)
    places = resolve_toponyms(toponyms, gazetteer, document_demonyms(doc, gazetteer))
    text = doc_text(doc)
    mentions = [
        Mention(kind="place", text=text[top.start:top.end], start=top.start, end=top.end,
                sentence_index=top.sentence_index, place=place, label=top.label)
        for top, place in zip(toponyms, places)
        if place is not None
    ]
    return sorted(mentions, key=lambda m: m.start)
