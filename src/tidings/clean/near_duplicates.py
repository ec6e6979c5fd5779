"""Near-duplicate documents: MinHash signatures over word 5-grams, LSH band keys, Jaccard estimates.

Signatures use a fixed seed and a fixed hash (SHA-1 based), so signatures computed in different
processes, machines and runs are comparable: the store keeps them and compares new documents with
old ones without recomputing anything.
"""

from __future__ import annotations

import hashlib
import re

from datasketch import MinHash

from tidings.ingest.ids import normalise_text

#: Words per shingle: long enough that two articles on the same story rarely share many.
SHINGLE_WORDS = 5
#: Fixed seed of the MinHash permutations; changing it invalidates every stored signature.
MINHASH_SEED = 20140416
_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """Word `size`-grams of the normalised, case-folded text (the whole text when it is shorter)."""
    words = _WORD.findall(normalise_text(text).casefold())
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def minhash_signature(text: str, num_perm: int = 64) -> list[int]:
    """The MinHash signature of `text` (its clean text); empty for a text without words."""
    grams = shingles(text)
    if not grams:
        return []
    sketch = MinHash(num_perm=num_perm, seed=MINHASH_SEED)
    sketch.update_batch([gram.encode("utf-8") for gram in grams])
    return [int(value) for value in sketch.hashvalues]


def lsh_band_keys(signature: list[int], bands: int = 16) -> list[str]:
    """One key per band of the signature ("07:3fa2..."): documents sharing a key are candidates.

    With 64 permutations in 16 bands of 4 rows, a pair at Jaccard 0.8 shares a key with
    probability ≈ 0.9998, a pair at 0.3 with ≈ 0.12.

    Raises:
        ValueError: the signature length is not a multiple of `bands`.
    """
    if not signature:
        return []
    if bands < 1 or len(signature) % bands:
        raise ValueError(f"a signature of {len(signature)} values cannot be cut into {bands} bands")
    rows = len(signature) // bands
    keys = []
    for band in range(bands):
        values = signature[band * rows : (band + 1) * rows]
        digest = hashlib.sha1(",".join(map(str, values)).encode("ascii")).hexdigest()[:16]
        keys.append(f"{band:02d}:{digest}")
    return keys


def estimate_jaccard(a: list[int], b: list[int]) -> float:
    """The share of equal positions: an unbiased estimate of the Jaccard similarity of the shingles.

    An empty signature (a text without words) is similar to nothing.

    Raises:
        ValueError: the signatures were made with different numbers of permutations.
    """
    if not a or not b:
        return 0.0
    if len(a) != len(b):
        raise ValueError(f"signatures of different lengths ({len(a)} and {len(b)}) are not comparable")
    return sum(1 for x, y in zip(a, b) if x == y) / len(a)
