"""The text of a parsed document, read once.

`Doc.text` joins every token anew on each access (about a millisecond for a news article); stages
that slice it per mention read it through `doc_text`, which keeps it in the Doc's user data."""

from __future__ import annotations

from spacy.tokens import Doc

_KEY = "tidings_text"


def doc_text(doc: Doc) -> str:
    """`doc.text`, computed on first use and kept with the Doc."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text
