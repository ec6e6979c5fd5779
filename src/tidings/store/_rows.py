"""Rows for the tables a batch of documents writes: one dict per row, columns in table order."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tidings.model import DocumentResult
from tidings.store import _codec


def document_rows(results: list[DocumentResult], band_keys: dict[str, list[str]], run_id: int | None,
                  now: datetime) -> dict[str, list[dict[str, Any]]]:
    """Every row that a batch of finished documents adds, grouped by table."""
    tables: dict[str, list[dict[str, Any]]] = {
        "documents": [], "doc_bands": [], "sentences": [], "actors": [], "places": [], "mentions": [],
        "event_mentions": [],
    }
    seen_actors: set[str] = set()
    seen_places: set[str] = set()
    for result in results:
        doc = result.document
        tables["documents"].append({
            "id": doc.id, "url": doc.url, "outlet": doc.outlet, "title": doc.title,
            "published": doc.published, "language": doc.language, "source": doc.source,
            "metadata": _codec.dumps(doc.metadata), "text": doc.text, "clean_text": doc.clean_text,
            "removed": _codec.removals_to_json(doc.removed), "near_duplicate_of": doc.near_duplicate_of,
            "story_id": doc.story_id, "status": doc.status, "num_sentences": len(result.sentences),
            "num_events": len(result.event_mentions), "minhash": _codec.dumps(result.minhash),
            "run_id": run_id, "ingested_at": now,
        })
        tables["doc_bands"].extend({"band_key": key, "doc_id": doc.id} for key in band_keys.get(doc.id, []))
        tables["sentences"].extend(
            {"doc_id": doc.id, "idx": s.index, "start_char": s.start, "end_char": s.end, "text": s.text}
            for s in result.sentences)
        for mention in result.mentions:
            entity_id = value = precision = None
            if mention.actor is not None:
                entity_id = mention.actor.id
                if entity_id not in seen_actors:
                    seen_actors.add(entity_id)
                    a = mention.actor
                    tables["actors"].append({"id": a.id, "name": a.name, "country": a.country,
                                             "sector": a.sector, "kind": a.kind, "role": a.role,
                                             "aliases": _codec.dumps(a.aliases)})
            elif mention.place is not None:
                entity_id = mention.place.id
                if entity_id not in seen_places:
                    seen_places.add(entity_id)
                    p = mention.place
                    tables["places"].append({"id": p.id, "name": p.name, "lat": p.lat, "lon": p.lon,
                                             "country": p.country, "admin1": p.admin1, "feature": p.feature,
                                             "population": p.population, "geo_precision": p.geo_precision})
            elif mention.time is not None:
                value, precision = mention.time.value, mention.time.precision
            tables["mentions"].append({
                "doc_id": doc.id, "sentence_index": mention.sentence_index, "kind": mention.kind,
                "text": mention.text, "start_char": mention.start, "end_char": mention.end,
                "entity_id": entity_id, "value": value, "precision": precision, "label": mention.label,
            })
        tables["event_mentions"].extend({
            "id": em.id, "doc_id": doc.id, "event_id": em.event_id, "type": em.type, "mode": em.mode,
            "date": em.date, "sentence_index": em.evidence.sentence_index, "confidence": em.confidence,
            "data": _codec.event_mention_to_json(em),
        } for em in result.event_mentions)
    return tables
