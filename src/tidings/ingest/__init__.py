"""Ingest: read articles from files, folders and globs (txt, jsonl, json, csv, html, warc)."""

from tidings.ingest._html import extract_html
from tidings.ingest.dates import parse_published
from tidings.ingest.ids import document_id, normalise_text
from tidings.ingest.reading import READERS, expand_paths, read_inputs

__all__ = [
    "READERS",
    "document_id",
    "expand_paths",
    "extract_html",
    "normalise_text",
    "parse_published",
    "read_inputs",
]
