"""Small articles built from sentences we wrote, varied by a seeded generator (no two identical)."""

from __future__ import annotations

import random

from tidings.ingest import document_id
from tidings.model import Document

_OPENINGS = [
    "Police in {town} detained {n} protesters on {day} after a march on the regional parliament.",
    "Armed men seized the town hall in {town} on {day}, witnesses told reporters.",
    "The interior ministry said {n} people were injured when security forces dispersed a rally in {town}.",
    "Officials in {town} accused the opposition of organising roadblocks on {day}.",
    "Rebels shelled the outskirts of {town} on {day}, killing {n} civilians, the army said.",
]
_FOLLOW_UPS = [
    "The governor called for calm and promised an inquiry.",
    "Shops stayed closed for most of the afternoon.",
    "A spokesman for the demonstrators said they would return next week.",
    "Local hospitals reported that several of the wounded were in a serious condition.",
    "The foreign ministry summoned the ambassador to protest.",
    "Talks between the two sides are due to resume on Thursday in {town}.",
]
_TOWNS = ["Kharkiv", "Odesa", "Mariupol", "Lviv", "Donetsk", "Luhansk", "Nairobi", "Kisumu", "Mombasa"]
_DAYS = ["Monday", "Tuesday", "Saturday", "Sunday"]


def make_documents(count: int, seed: int = 7) -> list[Document]:
    """`count` distinct short articles with publication dates."""
    rng = random.Random(seed)
    documents = []
    for number in range(count):
        town = rng.choice(_TOWNS)
        values = {"town": town, "n": rng.randint(2, 90), "day": rng.choice(_DAYS)}
        lines = [rng.choice(_OPENINGS).format(**values)]
        lines += [s.format(**values) for s in rng.sample(_FOLLOW_UPS, 3)]
        lines.append(f"Report number {number} from the {town} desk.")
        text = "\n".join(lines)
        documents.append(Document(id=document_id(text), text=text, outlet=f"Outlet {number % 5}",
                                  published=f"2014-04-{10 + number % 15:02d}", source=f"generated:{number}"))
    return documents
