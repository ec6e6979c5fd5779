"""Parse a long text in pieces cut at line breaks, so memory follows the piece, not the article.

spaCy's parser and NER hold working memory in proportion to the text they are given: one
200,000-character article costs about 640 MB above an ordinary batch (issue 15). Our sentences never
cross a line break (`nlp/components.py` splits there), so a text cut at line breaks and parsed piece
by piece gives the same sentences; `Doc.from_docs` joins the pieces back into one `Doc` whose text is
the original, character for character, so every offset stays valid.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc


def split_at_line_breaks(text: str, piece_chars: int) -> list[str]:
    """Pieces of at most about `piece_chars` characters that join back to `text`, cut after a line
    break where there is one (else after a space, else anywhere)."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > piece_chars:
        window = text[start:start + piece_chars]
        cut = window.rfind("\n") + 1 or window.rfind(" ") + 1 or len(window)
        pieces.append(text[start:start + cut])
        start += cut
    pieces.append(text[start:])
    return [p for p in pieces if p]


def parse_in_pieces(nlp: Language, text: str, piece_chars: int) -> Doc:
    """One `Doc` of `text`, parsed `piece_chars` at a time."""
    docs = list(nlp.pipe(split_at_line_breaks(text, piece_chars)))
    if len(docs) == 1:
        return docs[0]
    return Doc.from_docs(docs, ensure_whitespace=False)


def parse_all(nlp: Language, texts: list[str], piece_chars: int, batch_size: int) -> Iterator[Doc]:
    """Docs of `texts` in order: short texts batched as usual, long ones in pieces."""
    short = nlp.pipe((t for t in texts if len(t) <= piece_chars), batch_size=batch_size)
    for text in texts:
        yield next(short) if len(text) <= piece_chars else parse_in_pieces(nlp, text, piece_chars)
