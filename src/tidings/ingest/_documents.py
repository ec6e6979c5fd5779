"""Records (a dict of fields and a text) to `Document`s, and the reading context every reader shares."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from tidings.errors import InputError
from tidings.ingest.dates import normalise_published
from tidings.ingest.ids import document_id
from tidings.model import Document

#: Record fields that map onto `Document` attributes; every other field goes to `metadata`.
DOCUMENT_FIELDS = ("url", "outlet", "title", "published", "language")
#: Fields that hold the article itself.
TEXT_FIELDS = ("text", "html")


@dataclass(frozen=True)
class ReadContext:
    """What every reader needs: where to report bad inputs, the size limit, the default date."""

    on_error: Callable[[InputError], None]
    max_bytes: int
    published_default: str | None = None

    def reject(self, where: str, reason: str) -> None:
        """Report one unreadable input (or record) as a single line naming it."""
        self.on_error(InputError(f"{where}: {reason}"))


def outlet_from_url(url: str | None) -> str | None:
    """The host of `url` without "www.", the outlet name feeds and sidecars use ("rferl.org")."""
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def build_document(text: str, where: str, fields: Mapping[str, Any], context: ReadContext) -> Document:
    """A `Document` from raw text and record fields; its id comes from the raw text.

    The record's own `id` is kept as `metadata["source_id"]`; fields Tidings does not know are kept in
    `metadata` unchanged. Raises InputError when the text is empty.
    """
    if not text.strip():
        raise InputError(f"{where}: empty text")
    if len(text.encode("utf-8")) > context.max_bytes:
        raise InputError(f"{where}: text larger than {context.max_bytes} bytes")
    values: dict[str, str | None] = {}
    for name in DOCUMENT_FIELDS:
        raw = fields.get(name)
        values[name] = None if raw is None or str(raw).strip() == "" else str(raw).strip()
    published = fields.get("published")
    values["published"] = normalise_published(published, where) or context.published_default
    values["outlet"] = values["outlet"] or outlet_from_url(values["url"])
    metadata = {k: v for k, v in fields.items() if k not in DOCUMENT_FIELDS + TEXT_FIELDS + ("id",)}
    if fields.get("id") not in (None, ""):
        metadata["source_id"] = fields["id"]
    return Document(id=document_id(text), text=text, source=where, metadata=metadata, **values)
