"""`process_texts`: the whole pipeline over texts in memory, for notebooks and scripts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from tidings.config import Settings
from tidings.ingest import document_id
from tidings.model import Document, EventList, Story
from tidings.runner import run_documents
from tidings.store import Store


@dataclass
class ProcessResult:
    """What `process_texts` found: merged events, stories and the per-document view."""

    events: EventList
    stories: list[Story]
    documents: list[dict] = field(default_factory=list)


def process_texts(
    texts: Sequence[str],
    published: Sequence[str | None] | None = None,
    settings: Settings | None = None,
) -> ProcessResult:
    """Analyse article texts (with optional ISO publication dates) in an in-memory store."""
    settings = settings or Settings.load(workers=1)
    if published is not None and len(published) != len(texts):
        raise ValueError(f"published has {len(published)} dates for {len(texts)} texts")
    dates = list(published) if published is not None else [None] * len(texts)
    documents = [Document(id=document_id(text), text=text, published=date, source=f"text[{i}]")
                 for i, (text, date) in enumerate(zip(texts, dates))]
    with Store(":memory:") as store:
        run_documents(documents, store, settings)
        return ProcessResult(events=store.events(), stories=store.stories(), documents=store.documents())
