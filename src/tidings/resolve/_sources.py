"""Who reported a mention: the independent source an event's counts and confidence are built on.

A source is an outlet. A near-duplicate (a syndicated or republished copy) counts as the outlet of
the document it copies, so a wire story printed by ten papers is one source. The original's outlet
must be known for that; when it is not (the original is in the store but none of its mentions is in
memory), the copy counts as its own outlet, never as a document of its own: a document key
(`doc:<id>`) is only for documents without any outlet. Counting then never depends on which events
happen to be in memory, so a run split in two counts as one run does.
"""

from __future__ import annotations

from tidings.model import EventMention

#: How many near-duplicate hops lead to the original document (guards against cycles).
MAX_DUPLICATE_HOPS = 8


class SourceBook:
    """Outlets of documents and the near-duplicate links between them."""

    def __init__(self) -> None:
        self.near_duplicates: dict[str, str] = {}  # doc id -> the doc it copies
        self.outlets: dict[str, str] = {}  # doc id -> outlet

    def learn(self, near_duplicates: dict[str, str] | None = None, outlets: dict[str, str | None] | None = None
              ) -> None:
        """Record near-duplicate links and document outlets (empty outlets are ignored)."""
        self.near_duplicates.update(near_duplicates or {})
        for doc_id, outlet in (outlets or {}).items():
            if outlet:
                self.outlets.setdefault(doc_id, outlet)

    def note(self, mention: EventMention) -> None:
        """Learn the outlet a mention's evidence carries."""
        if mention.evidence.outlet:
            self.outlets.setdefault(mention.doc_id, mention.evidence.outlet)

    def original(self, doc_id: str) -> str:
        """The document `doc_id` copies, following near-duplicate links; itself when none."""
        root = doc_id
        for _ in range(MAX_DUPLICATE_HOPS):
            parent = self.near_duplicates.get(root)
            if parent is None or parent == root:
                break
            root = parent
        return root

    def own_key(self, mention: EventMention) -> str:
        """The mention's own outlet ("outlet:X"), or its document when it has no outlet."""
        outlet = mention.evidence.outlet or self.outlets.get(mention.doc_id)
        return f"outlet:{outlet}" if outlet else f"doc:{mention.doc_id}"

    def source_of(self, mention: EventMention) -> str:
        """The independent source: the original's outlet for a known copy, else `own_key`."""
        root = self.original(mention.doc_id)
        if root != mention.doc_id and root in self.outlets:
            return f"outlet:{self.outlets[root]}"
        return self.own_key(mention)

    def forget(self, doc_id: str) -> None:
        """Drop a document's outlet (its events left memory); links are kept, they are small."""
        self.outlets.pop(doc_id, None)
