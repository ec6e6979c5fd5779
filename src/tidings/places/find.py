"""The places stage's entry point: place mentions of a parsed document."""

from __future__ import annotations

from spacy.tokens import Doc

from tidings.model import Mention
from tidings.places._tokens import TokenTexts
from tidings.places.detect import detect_toponyms, sentence_indexes
from tidings.places.gazetteer import Gazetteer
from tidings.places.resolve import resolve_toponyms

#: Label of a place mention read from a demonym ("Russian", "Palestinians").
DEMONYM = "demonym"
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
    text = tokens.doc_text
    places = resolve_toponyms(toponyms, gazetteer, document_demonyms(doc, gazetteer, tokens), text)
    mentions = [
        Mention(kind="place", text=text[top.start:top.end], start=top.start, end=top.end,
                sentence_index=top.sentence_index, place=place,
                label=f"{top.label}{IN_NAME}" if top.in_name else top.label)
        for top, place in zip(toponyms, places)
        if place is not None
    ]
    return sorted(mentions, key=lambda m: m.start)


def find_demonyms(doc: Doc, gazetteer: Gazetteer, places: list[Mention] | None = None) -> list[Mention]:
    """Place mentions read from demonyms ("Russian troops", "Palestinians"): each names its country.

    Geoparsing corpora such as LGL count them as toponyms; the event stages weigh them differently
    from names (a "Russian strike" says who struck, not where), so they are a separate list with
    label "demonym", for the caller to store beside `find_places` once actors and events are read.

    Args:
        places: the document's place mentions; a demonym inside one ("Sri Lankan" of a longer
            name) is not read again.
    """
    tokens = TokenTexts(doc)
    sentence_of = sentence_indexes(doc)
    taken = [(m.start, m.end) for m in places or ()]
    out: list[Mention] = []
    i = 0
    while i < len(tokens):
        found = None
        for n in (2, 1):
            if i + n > len(tokens) or not all(tokens.capitalised[i:i + n]):
                continue
            iso3 = gazetteer.demonym(tokens.span_text(i, i + n))
            if iso3 and (country := gazetteer.country_index(iso3)) is not None:
                found = (n, country)
                break
        if found is None:
            i += 1
            continue
        n, country = found
        start, end = tokens.starts[i], tokens.starts[i + n - 1] + len(tokens.texts[i + n - 1])
        if not any(s < end and start < e for s, e in taken):
            out.append(Mention(kind="place", text=tokens.doc_text[start:end], start=start, end=end,
                               sentence_index=sentence_of[i], place=gazetteer.place(country, 4),
                               label=DEMONYM))
        i += n
    return out
