"""Re-merging: two events that a later report shows to be one act become one.

A report joins the best event it finds when it arrives and never moves. When the report that ties
two events comes after both (an article's two acts that coreference left apart, each joined by
another outlet; an undated report between two dated ones), they stayed two, and which reports ended
up together depended on the order documents came in. So after a report joins (or starts) an event,
each other event it could also have joined is merged with it when every member of the smaller of the
two could have joined the larger (`_fit.fit`, the rules a report meets). The event reported first
keeps its id; the store moves the other's mentions (`Store.write_batch(retired=...)`).
"""

from __future__ import annotations

from typing import Callable

from tidings.model import EventMention

from tidings.resolve._cluster import Cluster
from tidings.resolve._fit import modes_meet

#: How a mention scores against an event (None: it cannot join it): `EventIndex._score`.
Scorer = Callable[[EventMention, Cluster], "float | None"]

#: Two events re-merge only while they hold at most this many kept members together: the check reads
#: each member of the smaller, and two big events that stayed apart this long are rarely one act.
REMERGE_MEMBERS = 60


def clusters_meet(a: Cluster, b: Cluster, score: Scorer) -> bool:
    """Could every kept member of the smaller event have joined the larger one?"""
    if len(a.members) + len(b.members) > REMERGE_MEMBERS:
        return False
    small, large = (a, b) if (len(a.members), b.first) <= (len(b.members), a.first) else (b, a)
    return all(modes_meet(member, large) and score(member, large) is not None for member in small.members)


def absorb_counts(keep: Cluster, gone: Cluster) -> None:
    """Add what `gone` counts beyond its kept members (reports past the member cap, or counted when
    it was stored) to `keep`; its kept members are then attached to `keep` one by one."""
    keep.extra_mentions += gone.extra_mentions + (gone.total - len(gone.members))
    keep.extra_documents += gone.extra_documents
    keep.extra_sources += gone.extra_sources
    keep.docs |= gone.docs
    keep.sources |= gone.sources
    keep.outlets |= gone.outlets
    keep.pub_days |= gone.pub_days
    keep.stories |= gone.stories
    if gone.first_published and (keep.first_published is None or gone.first_published < keep.first_published):
        keep.first_published = gone.first_published
