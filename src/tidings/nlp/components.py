"""Our spaCy components, registered by name so that a config can list them."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("tidings_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break, so a headline or a `WATCH:` line never glues onto
    the next sentence (the parser keeps boundaries set before it runs)."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            token.is_sent_start = True
    return doc
