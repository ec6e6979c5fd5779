"""Read queries. Every filter is a bound parameter; results are model objects or plain dicts."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import duckdb

from tidings.model import EVIDENCE_PER_EVENT, Event, EventList, EventMention, Story
from tidings.store import _codec

#: The tables a user may export whole.
TABLES = ("documents", "sentences", "actors", "places", "mentions", "event_mentions", "events", "stories")
#: The first members of each of a list of events, in member order (publication, document, position):
#: an event's evidence when read, and the members the resolver merges from.
FIRST_MEMBERS_SQL = """
    SELECT m.event_id, m.data FROM event_mentions m LEFT JOIN documents d ON d.id = m.doc_id
    WHERE m.event_id IN (SELECT unnest(?))
    QUALIFY row_number() OVER (PARTITION BY m.event_id
                               ORDER BY d.published NULLS LAST, m.doc_id, m.sentence_index, m.id) <= ?
    ORDER BY m.event_id, d.published NULLS LAST, m.doc_id, m.sentence_index, m.id"""
DOC_FIELDS = ("id", "url", "outlet", "title", "published", "story_id", "near_duplicate_of",
              "num_sentences", "num_events", "status")


class Queries:
    """What the CLI, exports and the web app ask of a store."""

    con: duckdb.DuckDBPyConnection

    def documents(self, limit: int | None = None, offset: int = 0, story: str | None = None) -> list[dict[str, Any]]:
        """Documents in publication order, in the shape of `tidings docs --format jsonl`."""
        where, params = ("WHERE story_id = ?", [story]) if story else ("", [])
        sql = (f"SELECT {', '.join(DOC_FIELDS)} FROM documents {where} "
               "ORDER BY published NULLS LAST, id LIMIT ? OFFSET ?")
        rows = self.con.execute(sql, [*params, limit if limit is not None else 2**62, offset]).fetchall()
        return [dict(zip(DOC_FIELDS, row)) for row in rows]

    def document_ids_starting(self, prefix: str, limit: int) -> tuple[int, list[str]]:
        """How many document ids start with `prefix`, and the first `limit` of them in id order."""
        count = self.con.execute("SELECT count(*) FROM documents WHERE starts_with(id, ?)", [prefix]).fetchone()[0]
        rows = self.con.execute("SELECT id FROM documents WHERE starts_with(id, ?) ORDER BY id LIMIT ?",
                                [prefix, limit]).fetchall()
        return count, [row[0] for row in rows]

    def document(self, doc_id: str) -> dict[str, Any] | None:
        """One document with clean text, sentences, mentions, removals and event mentions."""
        row = self.con.execute(
            f"SELECT {', '.join(DOC_FIELDS)}, clean_text, removed, language, source, text "
            "FROM documents WHERE id = ?", [doc_id]).fetchone()
        if row is None:
            return None
        out = dict(zip(DOC_FIELDS, row[:len(DOC_FIELDS)]))
        clean_text, removed, language, source, text = row[len(DOC_FIELDS):]
        out.update(language=language, source=source, clean_text=clean_text, raw_text=text,
                   removed=[vars(r) for r in _codec.removals_from_json(removed)])
        out["sentences"] = [
            {"index": i, "start": s, "end": e, "text": t} for i, s, e, t in self.con.execute(
                "SELECT idx, start_char, end_char, text FROM sentences WHERE doc_id = ? ORDER BY idx",
                [doc_id]).fetchall()]
        out["mentions"] = self._document_mentions(doc_id)
        out["event_mentions"] = [asdict(m) for m in self.event_mentions(doc_id)]
        return out

    def _document_mentions(self, doc_id: str) -> list[dict[str, Any]]:
        rows = self.con.execute(
            """SELECT m.kind, m.text, m.start_char, m.end_char, m.sentence_index, m.entity_id, m.value,
                      m.precision, m.label, a.name, a.country, a.sector, a.role,
                      p.name, p.lat, p.lon, p.country, p.admin1, p.geo_precision
               FROM mentions m LEFT JOIN actors a ON m.kind = 'actor' AND a.id = m.entity_id
                               LEFT JOIN places p ON m.kind = 'place' AND p.id = m.entity_id
               WHERE m.doc_id = ? ORDER BY m.start_char, m.kind""", [doc_id]).fetchall()
        mentions = []
        for (kind, text, start, end, sentence_index, entity_id, value, precision, label, a_name, a_country,
             a_sector, a_role, p_name, lat, lon, p_country, admin1, geo_precision) in rows:
            item: dict[str, Any] = {"kind": kind, "text": text, "start": start, "end": end,
                                    "sentence_index": sentence_index, "label": label}
            if kind == "actor":
                item.update(actor_id=entity_id, name=a_name, country=a_country, sector=a_sector, role=a_role)
            elif kind == "place":
                item.update(place_id=entity_id, name=p_name, lat=lat, lon=lon, country=p_country,
                            admin1=admin1, geo_precision=geo_precision)
            else:
                item.update(value=value, precision=precision)
            mentions.append(item)
        return mentions

    def event_mentions(self, doc_id: str | None = None) -> list[EventMention]:
        where, params = ("WHERE doc_id = ?", [doc_id]) if doc_id else ("", [])
        rows = self.con.execute(f"SELECT data FROM event_mentions {where} ORDER BY doc_id, sentence_index, id",
                                params).fetchall()
        return [_codec.event_mention_from_json(row[0]) for row in rows]

    def events(self, type: str | None = None, since: str | None = None, until: str | None = None,
               country: str | None = None, story: str | None = None, min_sources: int | None = None,
               min_confidence: float | None = None, q: str | None = None,
               modalities: list[str] | None = None, limit: int | None = None, offset: int = 0) -> EventList:
        """Merged events matching every given filter, by date then id. `q` keeps events with a
        mention whose sentence holds every word of it (case-insensitive); `modalities` keeps those
        of these modalities."""
        where, params = _event_where(type=type, since=since, until=until, country=country, story=story,
                                     min_sources=min_sources, min_confidence=min_confidence, q=q,
                                     modalities=modalities)
        rows = self.con.execute(
            f"SELECT data FROM events {where} ORDER BY date NULLS LAST, id LIMIT ? OFFSET ?",
            [*params, limit if limit is not None else 2**62, offset]).fetchall()
        return EventList(self._with_evidence([_codec.event_from_json(row[0]) for row in rows]))

    def count_events(self, **filters: Any) -> int:
        """How many events `events(**filters)` would return without limit and offset."""
        filters = {k: v for k, v in filters.items() if k not in ("limit", "offset")}
        where, params = _event_where(**filters)
        row = self.con.execute(f"SELECT count(*) FROM events {where}", params).fetchone()
        return int(row[0]) if row else 0

    def event_points(self, limit: int | None = None, offset: int = 0, **filters: Any) -> list[dict[str, Any]]:
        """The few fields a map, a timeline and counts need, for every event matching `filters`:
        id, type, mode, date, modality, num_sources, story_id, lat, lon and the place's name."""
        where, params = _event_where(**filters)
        rows = self.con.execute(
            f"""SELECT id, type, mode, date, json_extract_string(data, '$.modality'), num_sources, story_id,
                       TRY_CAST(json_extract(data, '$.location.lat') AS DOUBLE),
                       TRY_CAST(json_extract(data, '$.location.lon') AS DOUBLE),
                       coalesce(json_extract_string(data, '$.location.name'),
                                json_extract_string(data, '$.location.text'))
                FROM events {where} ORDER BY date NULLS LAST, id LIMIT ? OFFSET ?""",
            [*params, limit if limit is not None else 2**62, offset]).fetchall()
        names = ("id", "type", "mode", "date", "modality", "num_sources", "story_id", "lat", "lon", "place")
        return [dict(zip(names, row)) for row in rows]

    def alerts(self, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Alerts, newest first, each with its event's type, date and place: [] on a database that
        has no alerts table yet (it comes with a later migration)."""
        present = self.con.execute("SELECT count(*) FROM information_schema.tables "
                                   "WHERE table_name = 'alerts' AND table_schema = 'main'").fetchone()
        if not present or not present[0]:
            return []
        rows = self.con.execute(
            """SELECT a.id, a.created, a.rule, a.event_id, a.story_id, CAST(a.data AS VARCHAR),
                      e.type, e.mode, e.date, e.num_sources,
                      coalesce(json_extract_string(e.data, '$.location.name'),
                               json_extract_string(e.data, '$.location.text'))
               FROM alerts a LEFT JOIN events e ON e.id = a.event_id
               ORDER BY a.created DESC NULLS LAST, a.id LIMIT ? OFFSET ?""", [limit, offset]).fetchall()
        return [{"id": r[0], "created": r[1], "rule": r[2], "event_id": r[3], "story_id": r[4],
                 "data": _codec.loads(r[5], {}),
                 "event": {"type": r[6], "mode": r[7], "date": r[8], "num_sources": r[9], "place": r[10]}
                 if r[6] is not None else None} for r in rows]

    def event(self, event_id: str) -> Event | None:
        row = self.con.execute("SELECT data FROM events WHERE id = ?", [event_id]).fetchone()
        return self._with_evidence([_codec.event_from_json(row[0])])[0] if row else None

    def _with_evidence(self, events: list[Event]) -> list[Event]:
        """Give each event its first reports as evidence: event rows leave them out, since every
        mention is a row of event_mentions (see `_codec.event_to_json`)."""
        if not events:
            return events
        by_id = {event.id: event for event in events}
        for event in events:
            event.mentions = []
        for event_id, data in self.con.execute(FIRST_MEMBERS_SQL, [list(by_id), EVIDENCE_PER_EVENT]).fetchall():
            event = by_id[event_id]
            event.mentions.append(_codec.report_from_mention_json(data, event))
        return events

    def actors(self) -> list[dict[str, Any]]:
        """Resolved actors with the names they were written as and how often."""
        rows = self.con.execute(
            """SELECT a.id, a.name, a.country, a.sector, a.kind, a.role, a.aliases,
                      count(m.doc_id), count(DISTINCT m.doc_id), list(DISTINCT m.text ORDER BY m.text)
               FROM actors a LEFT JOIN mentions m ON m.kind = 'actor' AND m.entity_id = a.id
               GROUP BY ALL ORDER BY count(m.doc_id) DESC, a.name""").fetchall()
        return [{"id": r[0], "name": r[1], "country": r[2], "sector": r[3], "kind": r[4], "role": r[5],
                 "aliases": sorted(set(_codec.loads(r[6], [])) | set(r[9] or [])),
                 "num_mentions": r[7], "num_documents": r[8]} for r in rows]

    def places(self) -> list[dict[str, Any]]:
        """Resolved places with the spellings they were written as and how often."""
        rows = self.con.execute(
            """SELECT p.id, p.name, p.lat, p.lon, p.country, p.admin1, p.feature, p.population,
                      p.geo_precision, count(m.doc_id), count(DISTINCT m.doc_id),
                      list(DISTINCT m.text ORDER BY m.text)
               FROM places p LEFT JOIN mentions m ON m.kind = 'place' AND m.entity_id = p.id
               GROUP BY ALL ORDER BY count(m.doc_id) DESC, p.name""").fetchall()
        return [{"id": r[0], "name": r[1], "lat": r[2], "lon": r[3], "country": r[4], "admin1": r[5],
                 "feature": r[6], "population": r[7], "geo_precision": r[8], "num_mentions": r[9],
                 "num_documents": r[10], "aliases": list(r[11] or [])} for r in rows]

    def stories(self, limit: int | None = None, offset: int = 0) -> list[Story]:
        """Stories by first date, each with its current number of events."""
        rows = self.con.execute(
            """SELECT s.data, (SELECT count(*) FROM events e WHERE e.story_id = s.id)
               FROM stories s ORDER BY s.first_date NULLS LAST, s.id LIMIT ? OFFSET ?""",
            [limit if limit is not None else 2**62, offset]).fetchall()
        return [Story(**{**_codec.loads(data), "num_events": count}) for data, count in rows]

    def story(self, story_id: str) -> Story | None:
        row = self.con.execute("SELECT data, (SELECT count(*) FROM events WHERE story_id = ?) FROM stories "
                               "WHERE id = ?", [story_id, story_id]).fetchone()
        return Story(**{**_codec.loads(row[0]), "num_events": row[1]}) if row else None

    def table_arrow(self, name: str) -> Any:
        """A whole table as a pyarrow Table, for Parquet export (names checked against the schema)."""
        if name not in TABLES:
            raise ValueError(f"unknown table {name!r}; one of {', '.join(TABLES)}")
        # DuckDB 2 refuses a relation while an earlier execute() result is unfinished (a fetchone(),
        # as in the version check at open): finish it first (a no-op when nothing is pending).
        self.con.complete()
        return self.con.sql(f"SELECT * FROM {name}").to_arrow_table()

    def doc_lengths(self) -> dict[str, int]:
        """Characters of clean text per document (the GDELT mentions layout reports them)."""
        return dict(self.con.execute("SELECT id, length(clean_text) FROM documents").fetchall())

    def counts(self) -> dict[str, int]:
        """How many rows each main table holds: the run and demo summaries."""
        out = {}
        for table in TABLES:
            row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
            out[table] = int(row[0]) if row else 0
        row = self.con.execute("SELECT count(*) FROM documents WHERE near_duplicate_of IS NOT NULL").fetchone()
        out["near_duplicates"] = int(row[0]) if row else 0
        return out


def _like_term(word: str) -> str:
    """`word` as an ILIKE pattern matching it anywhere, its own % and _ taken literally."""
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _event_where(type: str | None = None, since: str | None = None, until: str | None = None,
                 country: str | None = None, story: str | None = None, min_sources: int | None = None,
                 min_confidence: float | None = None, q: str | None = None,
                 modalities: list[str] | None = None) -> tuple[str, list[Any]]:
    """The WHERE clause over `events` for the filters given, and its bound parameters."""
    clauses: list[str] = []
    params: list[Any] = []
    for clause, value in (("type = ?", type and type.upper()), ("date >= ?", since),
                          ("date <= ?", until), ("country = ?", country and country.upper()),
                          ("story_id = ?", story), ("num_sources >= ?", min_sources),
                          ("confidence >= ?", min_confidence)):
        if value is not None:
            clauses.append(clause)
            params.append(value)
    if modalities is not None:
        clauses.append("json_extract_string(data, '$.modality') IN (SELECT unnest(?))")
        params.append(list(modalities))
    for word in (q or "").split():
        clauses.append("id IN (SELECT m.event_id FROM event_mentions m JOIN sentences s "
                       "ON s.doc_id = m.doc_id AND s.idx = m.sentence_index WHERE s.text ILIKE ? ESCAPE '\\')")
        params.append(_like_term(word))
    return (f"WHERE {' AND '.join(clauses)}" if clauses else ""), params
