"""What `EventIndex` keeps of one event: its members and the summary that matching and blocking read."""

from __future__ import annotations

from dataclasses import dataclass, field

from tidings.model import Event, EventMention


def member_order(mention: EventMention) -> tuple[str, str, int, str]:
    """Canonical member order, so a merge does not depend on the order rows come back from a DB."""
    return (mention.evidence.published or "9999", mention.doc_id, mention.evidence.start, mention.id)


@dataclass
class Cluster:
    """One event with its members and the summary that matching and blocking read."""

    event: Event
    order: int
    first: tuple[str, str, int, str] = ("",)  # the earliest member's `member_order`: ties go to it
    members: list[EventMention] = field(default_factory=list)  # the first MAX_MEMBERS, in member order
    total: int = 0
    sources: set[str] = field(default_factory=set)
    outlets: set[str] = field(default_factory=set)  # the members' own outlets (sources never exceed them)
    first_published: str | None = None
    # What a reloaded event counted beyond the members handed back (those past MAX_MEMBERS).
    extra_mentions: int = 0
    extra_documents: int = 0
    extra_sources: int = 0
    docs: set[str] = field(default_factory=set)
    stories: set[str] = field(default_factory=set)  # stories of the members' documents
    pub_days: set[int] = field(default_factory=set)
    chain: tuple[str, ...] = ()
    town: bool = False
    day: int | None = None
    span: tuple[int, int] | None = None
    type_modes: set[tuple[str, str | None]] = field(default_factory=set)
    plans: int = 0  # members that are meeting plans
    parties: set[str] = field(default_factory=set)
    source_ids: set[str] = field(default_factory=set)
    source_countries: set[str] = field(default_factory=set)
    source_sides: set[str] = field(default_factory=set)
    target_ids: set[str] = field(default_factory=set)
    target_countries: set[str] = field(default_factory=set)
    source_state_countries: set[str] = field(default_factory=set)  # of state actors only
    target_state_countries: set[str] = field(default_factory=set)
    last_day: int = 0
    keys: set[tuple] = field(default_factory=set)


def source_count(cluster: Cluster) -> int:
    """Independent sources: copies count as their originals' outlets, and never more sources than the
    outlets that printed the members (copies of two wires in one paper are still one paper's report)."""
    return min(len(cluster.sources), len(cluster.outlets))
