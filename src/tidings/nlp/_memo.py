"""Values read once per parsed document, kept with the Doc.

Several stages ask the same question of a document for every trigger or mention in it (where its
dateline ends, its lower-cased lemmas); a `Doc` never changes after parsing, so the first answer is
kept in the Doc's user data, the way `doc_text` keeps the text."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from spacy.tokens import Doc

T = TypeVar("T")


def per_doc(function: Callable[[Doc], T]) -> Callable[[Doc], T]:
    """Memoise a function of a Doc alone: computed on the first call for a Doc, then read back."""
    key = f"tidings:{function.__module__}.{function.__qualname__}"

    @wraps(function)
    def memoised(doc: Doc) -> T:
        data = doc.user_data
        if key in data:
            return data[key]
        value = data[key] = function(doc)
        return value

    return memoised
