"""Text of a sentence span, sliced from the document's text.

`Span.text` rebuilds its string from a fresh Token object per word on every access; a sentence is
read for each trigger in it, so the extractor slices the text kept by `doc_text` instead."""

from __future__ import annotations

from spacy.tokens import Span

from tidings.nlp._text import doc_text


def span_text(span: Span) -> str:
    """`span.text`, without rebuilding it token by token."""
    return doc_text(span.doc)[span.start_char:span.end_char]
