"""Values read once per parsed document, kept with the Doc; strings read once per process.

Several stages ask the same question of a document for every trigger or mention in it (where its
dateline ends, its lower-cased lemmas); a `Doc` never changes after parsing, so the first answer is
kept in the Doc's user data, the way `doc_text` keeps the text. Reading a token's string attribute
(`token.lemma_`) looks its hash up in the vocabulary each time; the token arrays give the hashes, and
`strings_for` turns each distinct hash into its string once per process."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from typing import TypeVar

from spacy.attrs import LEMMA, POS
from spacy.tokens import Doc

T = TypeVar("T")

#: hash -> string and hash -> lower-cased string, over every document this process read. A hash
#: always names the same string; the tables are emptied when they reach `_MAX_STRINGS`.
_STRINGS: dict[int, str] = {0: ""}
_LOWERED: dict[int, str] = {0: ""}
_MAX_STRINGS = 200_000  # about 25 MB per table at most


def kept(doc: Doc, key: object, compute: Callable[[], T]) -> T:
    """`compute()` on the first call for a Doc and `key`, then read back from the Doc's user data."""
    data = doc.user_data
    if key in data:
        return data[key]
    value = data[key] = compute()
    return value


def per_doc(function: Callable[[Doc], T]) -> Callable[[Doc], T]:
    """Memoise a function of a Doc alone: computed on the first call for a Doc, then read back."""
    key = f"tidings:{function.__module__}.{function.__qualname__}"

    @wraps(function)
    def memoised(doc: Doc) -> T:
        return kept(doc, key, lambda: function(doc))

    return memoised


def strings_for(doc: Doc, keys: Iterable[int], lowered: bool = False) -> dict[int, str]:
    """The string of each hash (lower-cased with `lowered`), as `doc.vocab.strings[key]` gives it
    (0, no value, is ""): a table that holds at least `keys`."""
    table = _LOWERED if lowered else _STRINGS
    missing = set(keys).difference(table)
    if missing:
        if len(table) + len(missing) > _MAX_STRINGS:
            table.clear()
            table[0] = ""
            missing = set(keys).difference(table)
        strings = doc.vocab.strings
        if lowered:
            table.update((key, strings[key].lower()) for key in missing)
        else:
            table.update((key, strings[key]) for key in missing)
    return table


@per_doc
def lower_lemmas(doc: Doc) -> list[str]:
    """`token.lemma_.lower()` of every token of the document, in order."""
    keys = doc.to_array([LEMMA]).tolist()
    return list(map(strings_for(doc, keys, lowered=True).__getitem__, keys))


@per_doc
def coarse_tags(doc: Doc) -> list[str]:
    """`token.pos_` of every token of the document, in order."""
    keys = doc.to_array([POS]).tolist()
    return list(map(strings_for(doc, keys).__getitem__, keys))
