"""The token texts of a parsed document, read once for the places stage.

Indexing a `Doc` builds a `Token` object and `Token.text` looks the string up again, on every access;
the gazetteer scan looks at each token several times (capitalised? a connector? part of a 4-gram?),
so it reads texts and offsets once, in bulk, and slices n-gram texts straight from the document text.
"""

from __future__ import annotations

from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc

from tidings.nlp._text import doc_text


class TokenTexts:
    """Per-token text, start offset and "starts with a capital" of one Doc, by token index."""

    def __init__(self, doc: Doc) -> None:
        self.doc_text = doc_text(doc)
        bounds = doc.to_array([IDX, LENGTH]).tolist() if len(doc) else []
        self.starts: list[int] = [start for start, _ in bounds]
        self.texts: list[str] = [self.doc_text[start:start + length] for start, length in bounds]
        self.capitalised: list[bool] = [text[:1].isupper() for text in self.texts]

    def __len__(self) -> int:
        return len(self.texts)

    def span_text(self, start: int, end: int) -> str:
        """`doc[start:end].text` (tokens `start` to `end`, exclusive) without building the Span."""
        return self.doc_text[self.starts[start]:self.starts[end - 1] + len(self.texts[end - 1])]
