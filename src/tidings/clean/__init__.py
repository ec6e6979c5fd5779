"""Clean: page debris, repeated paragraphs and blocks, near-duplicate documents (MinHash)."""

from tidings.clean.cleaning import clean_document
from tidings.clean.debris import DebrisRules, load_debris_rules
from tidings.clean.near_duplicates import estimate_jaccard, lsh_band_keys, minhash_signature

__all__ = [
    "DebrisRules",
    "clean_document",
    "estimate_jaccard",
    "load_debris_rules",
    "lsh_band_keys",
    "minhash_signature",
]
