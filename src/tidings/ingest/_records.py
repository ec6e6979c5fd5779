"""Record readers: JSON Lines (streamed), a JSON object or list, CSV (streamed)."""

from __future__ import annotations

import csv
import io
import json
import logging
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from tidings.errors import InputError
from tidings.ingest._decode import decode_text, looks_binary
from tidings.ingest._documents import ReadContext, build_document
from tidings.ingest._fields import ARTICLE_FIELDS
from tidings.ingest._files import read_bounded
from tidings.ingest._gzip import open_tolerant
from tidings.ingest._html import extract_html
from tidings.model import Document

logger = logging.getLogger(__name__)


def record_document(record: Mapping[str, Any], where: str, context: ReadContext) -> Document:
    """A `Document` from one record: its text (`text`, `maintext`, `body`... or `--map text=NAME`),
    or the main text of its html; fields the record does not give come from the html."""
    fields, metadata = context.fields.pick(record)
    text, html = fields.get("text"), fields.get("html")
    if isinstance(text, str):
        return build_document(text, where, fields, context, metadata)
    if isinstance(html, str):
        body, extracted = extract_html(html, where, url=fields.get("url") or None)
        return build_document(body, where, {**extracted, **fields}, context, metadata)
    raise InputError(f"{where}: {_missing_text(record, context)}")


def _missing_text(record: Mapping[str, Any], context: ReadContext) -> str:
    """What is wrong with a record's text, said truly (`"text": 42` is not a missing text; an empty
    `body` is not a missing field), and how to name the field that holds it."""
    given = [key for key in record if isinstance(key, str)]
    article = [key for key in given if any(context.fields.has_any(name, [key]) for name in ARTICLE_FIELDS)]
    for key in article:
        if record[key] is not None and not isinstance(record[key], str):
            return f"{key!r} is {_json_kind(record[key])}, not a string"
    if article:
        return f"empty text ({article[0]!r})"
    names = ", ".join(given[:8]) + (", …" if len(given) > 8 else "")
    return (f"no article text (fields: {names or 'none'}); name the field that holds it with "
            f"--map text=FIELD (or --map html=FIELD)")


def _json_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return f"a {type(value).__name__}"


def _check_start(stream: io.BufferedReader, path: Path) -> None:
    """Refuse an empty or binary stream before reading it record by record (peeks, reads nothing)."""
    head = stream.peek(8192)[:8192]
    broken = getattr(stream.raw, "broken", None)
    if not head and broken:
        raise InputError(f"{path}:1: truncated or corrupt gzip, {broken}; no record could be read")
    if not head.strip():
        raise InputError(f"{path}: empty file")
    if looks_binary(head):
        raise InputError(f"{path}: binary data, not text")


def _bounded_lines(stream: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) for each line; None for a line over `limit` bytes, which is skipped."""
    number = 0
    while line := stream.readline(limit + 1):
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield number, None
        else:
            yield number, line


def read_jsonl(path: Path, context: ReadContext) -> Iterator[Document]:
    """One record per line, streamed; a bad line is reported with its number and the rest are read.

    A cut or corrupt `.jsonl.gz` keeps the complete records before the cut and names the line where
    it broke; a file with no record at all says so."""
    number = records = 0
    with open_tolerant(path) as stream:
        broken = lambda: getattr(stream.raw, "broken", None)  # noqa: E731
        _check_start(stream, path)
        cut_line = None
        for number, line in _bounded_lines(stream, context.max_bytes):
            where = f"{path}:{number}"
            if line is None:
                context.reject(where, f"record larger than {context.max_bytes} bytes")
                continue
            if broken() and not line.endswith(b"\n"):
                cut_line = number  # the record the cut went through: reported below
                break
            if not line.strip():
                continue
            records += 1
            try:
                record = json.loads(decode_text(line, where))
                if not isinstance(record, dict):
                    raise InputError(f"{where}: expected a JSON object, got {type(record).__name__}")
                document = record_document(record, where, context)
            except json.JSONDecodeError as exc:
                context.reject(where, f"malformed JSON ({exc.msg} at column {exc.colno})")
                continue
            except RecursionError:
                context.reject(where, "JSON nested too deeply")
                continue
            except InputError as exc:
                context.on_error(exc)
                continue
            yield document
        if broken():
            raise InputError(f"{path}:{cut_line or number + 1}: truncated or corrupt gzip, {broken()}; "
                             f"the {records} complete record(s) before it were read")
    if records == 0:
        raise InputError(f"{path}: no records (only blank lines)")


def _item_lines(text: str) -> list[int]:
    """1-based line number where each element of a top-level JSON array starts."""
    decoder = json.JSONDecoder()
    lines: list[int] = []
    index, line, counted = text.index("[") + 1, 1, 0
    while True:
        while index < len(text) and text[index] in " \t\r\n,":
            index += 1
        if index >= len(text) or text[index] == "]":
            return lines
        line += text.count("\n", counted, index)
        counted = index
        lines.append(line)
        _, index = decoder.raw_decode(text, index)


def read_json(path: Path, context: ReadContext) -> Iterator[Document]:
    """A file holding one record object, or a list of them (each named by the line it starts on)."""
    text = decode_text(read_bounded(path, context), str(path))
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}:{exc.lineno}: malformed JSON ({exc.msg} at column {exc.colno})") from exc
    except RecursionError as exc:
        raise InputError(f"{path}: JSON nested too deeply") from exc
    if isinstance(value, dict):
        yield record_document(value, str(path), context)
        return
    if not isinstance(value, list):
        raise InputError(f"{path}: expected a JSON object or a list of objects, got {_json_kind(value)}")
    if not value:
        raise InputError(f"{path}: an empty list, no records")
    for item, line in zip(value, _item_lines(text)):
        where = f"{path}:{line}"
        try:
            if not isinstance(item, dict):
                raise InputError(f"{where}: expected a JSON object, got {type(item).__name__}")
            document = record_document(item, where, context)
        except InputError as exc:
            context.on_error(exc)
            continue
        yield document


def read_csv(path: Path, context: ReadContext) -> Iterator[Document]:
    """One record per row, streamed; the header must name a column of the text or html (by one of its
    names in ingest_fields.yaml, or `--map`)."""
    previous_limit = csv.field_size_limit(max(context.max_bytes, csv.field_size_limit()))
    try:
        with open_tolerant(path) as raw:
            _check_start(raw, path)
            stream = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="")
            # strict: a quote left open is an error naming its row, where the lenient dialect
            # silently swallows every row after it into one field, or keeps a cut last row whole
            reader = csv.DictReader(stream, restkey="extra_columns", strict=True)
            columns = [name.strip() for name in reader.fieldnames or []]
            reader.fieldnames = columns
            if not (context.fields.has_any("text", columns) or context.fields.has_any("html", columns)):
                shown = ", ".join(columns[:12]) + (", …" if len(columns) > 12 else "")
                raise InputError(f"{path}:1: no column holds the article text (columns: {shown}); "
                                 "name it with --map text=COLUMN (or --map html=COLUMN)")
            yield from _csv_rows(reader, path, context)
    finally:
        csv.field_size_limit(previous_limit)


def _csv_rows(reader: csv.DictReader, path: Path, context: ReadContext) -> Iterator[Document]:
    """Each row as a document; a bad row costs itself only, and a file of no rows says so."""
    start = reader.line_num + 1
    rows = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            if rows == 0:
                raise InputError(f"{path}: no records after the header") from None
            return
        except csv.Error as exc:
            rows += 1
            context.reject(f"{path}:{start}", f"malformed CSV ({exc})")
            start = reader.line_num + 1
            continue
        rows += 1
        where, start = f"{path}:{start}", reader.line_num + 1
        size = sum(len(value) for value in row.values() if isinstance(value, str))
        if size > context.max_bytes:
            context.reject(where, f"record larger than {context.max_bytes} bytes")
            continue
        values = [value for value in row.values() if isinstance(value, str)]
        if any("\ufffd" in value for value in values):
            logger.warning("%s: invalid UTF-8, bad bytes replaced", where)
        if any("\x00" in value for value in values):  # one stray NUL costs neither the row nor the file
            logger.warning("%s: NUL byte(s) removed", where)
            row = {k: v.replace("\x00", "") if isinstance(v, str) else v for k, v in row.items()}
        try:
            yield record_document(row, where, context)
        except InputError as exc:
            context.on_error(exc)
