"""Content ids: the same article read twice, whatever its quote style or spacing, is one document."""

from __future__ import annotations

import hashlib
import re
import unicodedata

#: Typographic quotes and primes folded to their ASCII forms before comparing or hashing text.
QUOTE_FOLDS = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"',
    "\u00bb": '"',
})
_WHITESPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """NFC, curly quotes folded to straight ones, whitespace runs collapsed, stripped.

    This is the form in which two texts are compared (ids, repeated paragraphs, shingles); the text a
    user reads keeps its typography.
    """
    folded = unicodedata.normalize("NFC", text).translate(QUOTE_FOLDS)
    return _WHITESPACE.sub(" ", folded).strip()


def document_id(text: str) -> str:
    """First 16 hex characters of the SHA-256 of the normalised text (DESIGN §5)."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()[:16]
