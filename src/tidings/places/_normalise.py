"""Name normalisation for gazetteer lookup: one key for every spelling variant of punctuation/case."""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = re.compile(r"['’ʼ`´ʹʻ‘]")
_SEPARATORS = re.compile(r"[-‐‑–—_/.,]+")
_SPACES = re.compile(r"\s+")


def normalise(name: str) -> str:
    """Casefold, strip accents and apostrophes, turn hyphens and dots into spaces.

    "Slov'yans'k" -> "slovyansk", "Saint-Étienne" -> "saint etienne", "St. Louis" -> "st louis".
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _APOSTROPHES.sub("", text.casefold())
    text = _SEPARATORS.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def is_latin(name: str) -> bool:
    """True when the accent-stripped name uses only Latin letters, digits, spaces and punctuation."""
    return normalise(name).replace(" ", "").isascii()


def keep_alternate(name: str) -> bool:
    """Whether a GeoNames alternate name is worth indexing for English text.

    Drops non-Latin scripts, lower-case romanisations ("ji fu") and short codes ("IEV", "KRQ").
    """
    if not name or not is_latin(name):
        return False
    if not name[0].isupper():
        return False
    letters = [ch for ch in name if ch.isalpha()]
    if len(letters) <= 4 and name.isupper():
        return False
    return len(normalise(name)) >= 3
