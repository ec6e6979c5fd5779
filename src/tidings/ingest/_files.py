"""Whole-file readers: plain text with its sidecar, and one HTML page."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tidings.errors import InputError
from tidings.ingest._decode import decode_text
from tidings.ingest._documents import ReadContext, build_document
from tidings.ingest._html import extract_html
from tidings.model import Document

#: Suffix of the metadata file beside a plain-text article: NAME.txt -> NAME.meta.json.
SIDECAR_SUFFIX = ".meta.json"


def read_bounded(path: Path, context: ReadContext) -> bytes:
    """The bytes of a file we must hold whole; refuse empty files and files over the size limit."""
    size = path.stat().st_size
    if size == 0:
        raise InputError(f"{path}: empty file")
    if size > context.max_bytes:
        raise InputError(f"{path}: file of {size} bytes is larger than the limit of {context.max_bytes}")
    return path.read_bytes()


def sidecar_path(path: Path) -> Path:
    """Where the metadata of `path` lives: `NAME.meta.json` beside `NAME.txt`."""
    return path.with_name(path.stem + SIDECAR_SUFFIX)


def read_sidecar(path: Path, context: ReadContext) -> dict[str, Any]:
    """Metadata for a text file from its sidecar, if any; a broken sidecar is reported, not fatal."""
    sidecar = sidecar_path(path)
    if not sidecar.is_file():
        return {}
    try:
        value = json.loads(decode_text(sidecar.read_bytes(), str(sidecar)))
    except json.JSONDecodeError as exc:
        context.reject(f"{sidecar}:{exc.lineno}", f"malformed JSON ({exc.msg}); metadata ignored")
        return {}
    except InputError as exc:
        context.on_error(exc)
        return {}
    if not isinstance(value, dict):
        context.reject(str(sidecar), "expected a JSON object; metadata ignored")
        return {}
    return value


def read_text_file(path: Path, context: ReadContext) -> Iterator[Document]:
    """One article per `.txt` file, with metadata from `NAME.meta.json` when present (its fields
    recognised as a record's are: `date_publish`, `source_domain`...)."""
    text = decode_text(read_bounded(path, context), str(path))
    fields, metadata = context.fields.pick(read_sidecar(path, context))
    yield build_document(text, str(path), fields, context, metadata)


def read_html_file(path: Path, context: ReadContext) -> Iterator[Document]:
    """One article per `.html` page: its main text and the metadata the page declares."""
    data = read_bounded(path, context)
    text, fields = extract_html(data, str(path))
    yield build_document(text, str(path), fields, context)
