"""Past alerts, as `tidings alerts` lists them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tidings.monitor._time import parse_since
from tidings.store import open_store
from tidings.store._alerts import stored_alerts


def past_alerts(db: str | Path, since: str | None = None, rule: str | None = None,
                limit: int | None = None) -> list[dict[str, Any]]:
    """Alerts stored in `db`, oldest first; `since` is a date, a timestamp or a duration back ("2h")."""
    with open_store(db, read_only=True) as store:
        return stored_alerts(store, since=parse_since(since) if since else None, rule=rule, limit=limit)
