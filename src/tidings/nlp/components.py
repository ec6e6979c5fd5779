"""Our spaCy components, registered by name so that a config can list them."""

from __future__ import annotations

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc


@Language.component("tidings_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break, so a headline or a `WATCH:` line never glues onto
    the next sentence (the parser keeps boundaries set before it runs).

    A token's trailing whitespace is a space or nothing, so a line break is always in some token's
    text; the distinct token strings of the document say which, without visiting every token."""
    if len(doc) < 2:
        return doc
    orths = doc.to_array(ORTH).tolist()
    strings = doc.vocab.strings
    breaking = {orth for orth in set(orths) if "\n" in strings[orth]}
    if breaking:
        for i, orth in enumerate(orths[:-1]):
            if orth in breaking:
                doc[i + 1].is_sent_start = True
    return doc
