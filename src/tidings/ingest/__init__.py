"""Ingest: read articles from files, folders and globs (txt, jsonl, json, csv, html, warc)."""

from tidings.ingest._counting import count_documents
from tidings.ingest._documents import IntakeTally
from tidings.ingest._fields import FIELDS, load_field_names, parse_field_map
from tidings.ingest._html import extract_html
from tidings.ingest.dates import parse_published
from tidings.ingest.ids import document_id, normalise_text
from tidings.ingest.reading import READERS, expand_paths, read_inputs

__all__ = [
    "FIELDS",
    "READERS",
    "IntakeTally",
    "count_documents",
    "document_id",
    "expand_paths",
    "extract_html",
    "load_field_names",
    "normalise_text",
    "parse_field_map",
    "parse_published",
    "read_inputs",
]
