"""WARC archives (plain or gzipped), streamed: one document per HTML `response` record."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from tidings.errors import InputError
from tidings.ingest._documents import ReadContext, build_document
from tidings.ingest._html import extract_html
from tidings.model import Document


def read_warc(path: Path, context: ReadContext) -> Iterator[Document]:
    """HTML responses of a WARC file; a record's source is `path:OFFSET` (its byte offset).

    The target URI is the document's url; the WARC-Date fills the publication date when the page
    declares none. A truncated or corrupt archive is reported after the records read before it.
    """
    if path.stat().st_size == 0:
        raise InputError(f"{path}: empty file")
    read = seen = 0
    with open(path, "rb") as stream:
        records = ArchiveIterator(stream)
        try:
            for record in records:
                seen += 1
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                content_type = record.http_headers.get_header("Content-Type") or ""
                if "html" not in content_type.lower():
                    continue
                data = record.content_stream().read(context.max_bytes + 1)
                # Only after the content is read: asking for the offset first empties the stream.
                where = f"{path}:{records.get_record_offset()}"
                read += 1
                if len(data) > context.max_bytes:
                    context.reject(where, f"record larger than {context.max_bytes} bytes")
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                try:
                    text, fields = extract_html(data, where, url=url)
                    fields["url"] = url or fields.get("url")
                    fields.setdefault("published", record.rec_headers.get_header("WARC-Date"))
                    document = build_document(text, where, fields, context)
                except InputError as exc:
                    context.on_error(exc)
                    continue
                yield document
        except (ArchiveLoadFailed, EOFError, zlib.error, ValueError) as exc:
            raise InputError(f"{path}: truncated or corrupt WARC after {read} HTML record(s) "
                             f"({_printable(str(exc))})") from exc
    # warcio stops quietly at a cut gzip member; check the compression ended where the file does.
    if path.name.lower().endswith(".gz") and not gzip_is_complete(path):
        raise InputError(f"{path}: truncated or corrupt WARC after {read} HTML record(s) (incomplete gzip)")
    if read == 0:  # a crawl of images or PDFs is not an empty success
        raise InputError(f"{path}: no HTML response records (of {seen} WARC record(s))")


def _printable(message: str, limit: int = 80) -> str:
    """The start of a library's message, without the binary bytes it may quote from the file."""
    head = message.split(",", 1)[0] if "first line" in message else message
    clean = "".join(ch if ch.isprintable() and ord(ch) < 0x2000 else "?" for ch in head)
    return clean[:limit] + ("…" if len(clean) > limit else "")


def gzip_is_complete(path: Path) -> bool:
    """Every gzip member of `path` decompresses to its end; streamed, in bounded memory."""
    chunk = 1 << 20
    with open(path, "rb") as stream:
        decompressor = zlib.decompressobj(zlib.MAX_WBITS | 16)
        member_open, data = False, b""
        try:
            while True:
                if not data:
                    data = stream.read(chunk)
                    if not data:
                        return not member_open
                member_open = True
                decompressor.decompress(data, chunk)
                data = decompressor.unconsumed_tail
                if decompressor.eof:
                    data = decompressor.unused_data
                    decompressor = zlib.decompressobj(zlib.MAX_WBITS | 16)
                    member_open = False
        except zlib.error:
            return False
