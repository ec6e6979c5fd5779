"""The places stage's entry point: place mentions of a parsed document."""

from __future__ import annotations

from spacy.tokens import Doc

from tidings.model import Mention
from tidings.places._tokens import TokenTexts
from tidings.places.detect import detect_toponyms
from tidings.places.gazetteer import Gazetteer
from tidings.places.resolve import resolve_toponyms

#: Suffix of a place mention's label when the name is part of an outlet's, company's or unit's name
#: ("Pattaya Mail"): a place the text names, but never where something happened.
IN_NAME = ":in-name"


def in_name(mention: Mention) -> bool:
    """Whether a place mention is part of a longer name that is not a place ("Myawaddy TV")."""
    return (mention.label or "").endswith(IN_NAME)


def document_demonyms(doc: Doc, gazetteer: Gazetteer, tokens: TokenTexts | None = None) -> list[str]:
    """ISO3 codes of the demonyms a document uses ("Ukrainian" -> "UKR"), one per occurrence.

    Args:
        tokens: the Doc's token texts when the caller has read them already.
    """
    tokens = tokens if tokens is not None else TokenTexts(doc)
    return [iso3 for text, capitalised in zip(tokens.texts, tokens.capitalised)
            if capitalised and (iso3 := gazetteer.demonym(text))]


def find_places(doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
    """Place mentions of `doc`, resolved with the whole document as context, sorted by start."""
    tokens = TokenTexts(doc)
    toponyms = detect_toponyms(doc, gazetteer, tokens)
    places = resolve_toponyms(toponyms, gazetteer, document_demonyms(doc, gazetteer, tokens))
    text = tokens.doc_text
    mentions = [
        Mention(kind="place", text=text[top.start:top.end], start=top.start, end=top.end,
                sentence_index=top.sentence_index, place=place,
                label=f"{top.label}{IN_NAME}" if top.in_name else top.label)
        for top, place in zip(toponyms, places)
        if place is not None
    ]
    return sorted(mentions, key=lambda m: m.start)
