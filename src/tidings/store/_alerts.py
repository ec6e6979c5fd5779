"""Queries of `tidings watch`: alerts, what the watch has already taken in, and the state of events
before a batch replaces them. Functions over a `Store` (its connection), so that `store.py` stays as it is."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import duckdb

from tidings.model import Event
from tidings.store import _codec
from tidings.store.store import Store


@dataclass(frozen=True)
class SeenItem:
    """A feed entry, a file or a feed the watch has taken in (`key`: "entry:" + link, "file:" + path,
    "feed:" + URL)."""

    key: str
    kind: str  # "entry" | "file" | "feed"
    source: str  # the feed or folder it came from
    fingerprint: str | None = None  # a file's "mtime_ns:size", a feed's validators (JSON); None for an entry
    outcome: str = "stored"  # "stored", or why it was given up ("robots.txt disallows it", "HTTP 404", ...)
    doc_id: str | None = None


@dataclass(frozen=True)
class StoryMember:
    """What the story rules need to know of an event in a story."""

    event_id: str
    type: str
    country: str | None
    modality: str | None


def stored_events(store: Store, ids: list[str]) -> dict[str, Event]:
    """The stored state of those of `ids` that exist (without evidence: the alert rules read fields)."""
    if not ids:
        return {}
    rows = store.con.execute("SELECT id, data FROM events WHERE id IN (SELECT unnest(?))", [ids]).fetchall()
    return {event_id: _codec.event_from_json(data) for event_id, data in rows}


def story_members(store: Store, story_ids: list[str]) -> dict[str, list[StoryMember]]:
    """story id -> its stored events (type, location country, modality), for those of `story_ids`."""
    if not story_ids:
        return {}
    rows = store.con.execute(
        "SELECT story_id, id, type, country, json_extract_string(data, '$.modality') FROM events "
        "WHERE story_id IN (SELECT unnest(?)) ORDER BY story_id, id", [story_ids]).fetchall()
    members: dict[str, list[StoryMember]] = {}
    for story_id, event_id, type_, country, modality in rows:
        members.setdefault(story_id, []).append(StoryMember(event_id, type_, country, modality))
    return members


def seen_fingerprints(store: Store, keys: list[str]) -> dict[str, str | None]:
    """key -> fingerprint, for those of `keys` the watch has taken in before."""
    if not keys:
        return {}
    rows = store.con.execute("SELECT key, fingerprint FROM watch_seen WHERE key IN (SELECT unnest(?))",
                             [keys]).fetchall()
    return dict(rows)


def mark_seen(store: Store, items: list[SeenItem]) -> None:
    """Remember `items` (a changed file replaces its fingerprint), in one transaction."""
    if not items:
        return
    now = utc_now()
    with store.transaction():
        store.con.executemany(
            "INSERT INTO watch_seen VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET "
            "fingerprint = excluded.fingerprint, outcome = excluded.outcome, "
            "doc_id = coalesce(excluded.doc_id, watch_seen.doc_id), last_seen = excluded.last_seen",
            [[i.key, i.kind, i.source, i.fingerprint, i.outcome, i.doc_id, now, now] for i in items])


def insert_alerts(store: Store, alerts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Store alerts (each with `id`, `created`, `rule`, `event_id`, `story_id`); returns those that
    were new (an alert id already stored is the same alert raised again, and is dropped)."""
    if not alerts:
        return []
    ids = [alert["id"] for alert in alerts]
    with store.transaction():
        known = {row[0] for row in store.con.execute(
            "SELECT id FROM alerts WHERE id IN (SELECT unnest(?))", [ids]).fetchall()}
        fresh = [alert for alert in {a["id"]: a for a in alerts}.values() if alert["id"] not in known]
        store.con.executemany(
            "INSERT INTO alerts VALUES (?, ?, ?, ?, ?, ?)",
            [[a["id"], a["created"], a["rule"], a.get("event_id"), a.get("story_id"), _codec.dumps(a)]
             for a in fresh])
    return fresh


def stored_alerts(store: Store, since: str | None = None, rule: str | None = None,
                  limit: int | None = None) -> list[dict[str, Any]]:
    """Past alerts, oldest first, created at or after `since` (an ISO date or timestamp, UTC)."""
    clauses, params = [], []
    if since is not None:
        clauses.append("created >= ?")
        params.append(since)
    if rule is not None:
        clauses.append("rule = ?")
        params.append(rule)
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    try:
        rows = store.con.execute(f"SELECT data FROM alerts {where} ORDER BY created, rowid LIMIT ?",
                                 [*params, limit if limit is not None else 2**62]).fetchall()
    except duckdb.CatalogException:  # a database from before migration 4, opened read-only
        return []
    return [json.loads(row[0]) for row in rows]


def utc_now() -> str:
    """Now as an ISO-8601 UTC timestamp to the second ("2026-12-04T01:30:00Z"): sorts as text."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")
