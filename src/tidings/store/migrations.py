"""Numbered schema migrations. Append; never edit one that has shipped.

Nested values (lists, argument records) are JSON text: DuckDB's JSON extension may need a download,
and Tidings never downloads at run time.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[int, str, str]] = [
    (
        1,
        "initial schema",
        """
        CREATE TABLE documents (
            id VARCHAR PRIMARY KEY,
            url VARCHAR, outlet VARCHAR, title VARCHAR, published VARCHAR, language VARCHAR,
            source VARCHAR, metadata VARCHAR, text VARCHAR, clean_text VARCHAR, removed VARCHAR,
            near_duplicate_of VARCHAR, story_id VARCHAR, status VARCHAR,
            num_sentences INTEGER, num_events INTEGER, minhash VARCHAR,
            run_id INTEGER, ingested_at TIMESTAMP
        );
        CREATE TABLE doc_bands (band_key VARCHAR, doc_id VARCHAR);
        CREATE TABLE sentences (
            doc_id VARCHAR, idx INTEGER, start_char INTEGER, end_char INTEGER, text VARCHAR
        );
        CREATE TABLE actors (
            id VARCHAR PRIMARY KEY, name VARCHAR, country VARCHAR, sector VARCHAR, kind VARCHAR,
            role VARCHAR, aliases VARCHAR
        );
        CREATE TABLE places (
            id VARCHAR PRIMARY KEY, name VARCHAR, lat DOUBLE, lon DOUBLE, country VARCHAR,
            admin1 VARCHAR, feature VARCHAR, population BIGINT, geo_precision INTEGER
        );
        CREATE TABLE mentions (
            doc_id VARCHAR, sentence_index INTEGER, kind VARCHAR, text VARCHAR,
            start_char INTEGER, end_char INTEGER, entity_id VARCHAR, value VARCHAR,
            precision VARCHAR, label VARCHAR
        );
        CREATE TABLE event_mentions (
            id VARCHAR PRIMARY KEY, doc_id VARCHAR, event_id VARCHAR, type VARCHAR, mode VARCHAR,
            date VARCHAR, sentence_index INTEGER, confidence DOUBLE, data VARCHAR
        );
        CREATE TABLE events (
            id VARCHAR PRIMARY KEY, type VARCHAR, mode VARCHAR, quad INTEGER, date VARCHAR,
            date_precision VARCHAR, country VARCHAR, place_id VARCHAR, story_id VARCHAR,
            num_mentions INTEGER, num_documents INTEGER, num_sources INTEGER, confidence DOUBLE,
            first_reported VARCHAR, data VARCHAR
        );
        CREATE TABLE stories (
            id VARCHAR PRIMARY KEY, title VARCHAR, first_date VARCHAR, last_date VARCHAR,
            num_documents INTEGER, num_events INTEGER, data VARCHAR
        );
        CREATE TABLE story_state (id INTEGER PRIMARY KEY, state VARCHAR);
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY, started_at TIMESTAMP, finished_at TIMESTAMP, args VARCHAR,
            documents_added INTEGER, documents_skipped INTEGER, documents_rejected INTEGER,
            status VARCHAR
        );
        CREATE INDEX doc_bands_key ON doc_bands (band_key);
        CREATE INDEX sentences_doc ON sentences (doc_id);
        CREATE INDEX mentions_doc ON mentions (doc_id);
        CREATE INDEX event_mentions_event ON event_mentions (event_id);
        CREATE INDEX events_date ON events (date);
        """,
    ),
    (
        2,
        "drop secondary indexes",
        # DuckDB keeps each ART index whole in memory and updates it on every insert; these served
        # point lookups that a columnar scan answers in milliseconds, while their memory grew with
        # the corpus (a run of 20,000 articles holds about a million mention rows). Primary keys stay.
        """
        DROP INDEX doc_bands_key;
        DROP INDEX sentences_doc;
        DROP INDEX mentions_doc;
        DROP INDEX event_mentions_event;
        DROP INDEX events_date;
        """,
    ),
    (
        3,
        "typed views for analysts",
        # The tables keep dates as text and nested values as JSON (see the note above); these views
        # give DuckDB and pandas users real types without JSON functions in every query: dates as
        # DATE (the first day of a month- or year-precision date, with its precision beside it),
        # actors as LIST(STRUCT), the location and size as STRUCT. JSON is read by DuckDB's built-in
        # json extension (statically linked in the wheels we pin: nothing is downloaded). Views hold
        # no data, so they follow every later write; docs/exports.md has example queries.
        """
        CREATE VIEW events_typed AS SELECT
            id, type, mode, quad,
            CASE length(date) WHEN 10 THEN TRY_CAST(date AS DATE) WHEN 7 THEN TRY_CAST(date || '-01' AS DATE)
                WHEN 4 THEN TRY_CAST(date || '-01-01' AS DATE) END AS date,
            date_precision,
            from_json(json_extract(data, '$.contexts'), '["VARCHAR"]') AS contexts,
            from_json(json_extract(data, '$.source'), '[{"text": "VARCHAR", "actor_id": "VARCHAR", "name": "VARCHAR", "country": "VARCHAR", "sector": "VARCHAR"}]') AS source,
            from_json(json_extract(data, '$.target'), '[{"text": "VARCHAR", "actor_id": "VARCHAR", "name": "VARCHAR", "country": "VARCHAR", "sector": "VARCHAR"}]') AS target,
            from_json(json_extract(data, '$.location'), '{"text": "VARCHAR", "place_id": "VARCHAR",
                "name": "VARCHAR", "lat": "DOUBLE", "lon": "DOUBLE", "country": "VARCHAR", "admin1": "VARCHAR",
                "geo_precision": "INTEGER"}') AS location,
            from_json(json_extract(data, '$.size'), '{"dead": "INTEGER", "injured": "INTEGER",
                "arrested": "INTEGER"}') AS size,
            json_extract_string(data, '$.modality') AS modality,
            confidence, story_id, num_mentions, num_documents, num_sources,
            TRY_CAST(first_reported AS DATE) AS first_reported
        FROM events;
        CREATE VIEW documents_typed AS SELECT
            id, url, outlet, title,
            CASE length(published) WHEN 10 THEN TRY_CAST(published AS DATE)
                WHEN 7 THEN TRY_CAST(published || '-01' AS DATE)
                WHEN 4 THEN TRY_CAST(published || '-01-01' AS DATE) END AS published,
            CASE length(published) WHEN 10 THEN 'day' WHEN 7 THEN 'month' WHEN 4 THEN 'year'
                ELSE 'unknown' END AS published_precision,
            language, story_id, near_duplicate_of, num_sentences, num_events, status
        FROM documents;
        """,
    ),
    (
        4,
        "alerts and watched sources",
        # `tidings watch` (docs/monitoring.md). `alerts`: one row per alert, `created` an ISO-8601 UTC
        # timestamp, `data` the whole alert as printed (the web app's "what's new" view reads it).
        # `watch_seen`: every feed entry and file the watch has taken in, so that an entry seen before
        # is never fetched again; `fingerprint` tells a changed file (mtime and size) from a seen one,
        # and holds a feed's ETag / Last-Modified for its next, conditional, request.
        """
        CREATE TABLE alerts (
            id VARCHAR PRIMARY KEY, created VARCHAR, rule VARCHAR, event_id VARCHAR, story_id VARCHAR,
            data JSON
        );
        CREATE TABLE watch_seen (
            key VARCHAR PRIMARY KEY, kind VARCHAR, source VARCHAR, fingerprint VARCHAR,
            outcome VARCHAR, doc_id VARCHAR, first_seen VARCHAR, last_seen VARCHAR
        );
        """,
    ),
]
