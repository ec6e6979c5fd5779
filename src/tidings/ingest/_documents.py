"""Records (a dict of fields and a text) to `Document`s, and the reading context every reader shares."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from tidings.errors import InputError
from tidings.ingest._fields import FieldNames, is_web_address, load_field_names
from tidings.ingest.dates import normalise_published
from tidings.ingest.ids import document_id
from tidings.model import Document

#: Record fields that map onto `Document` attributes.
DOCUMENT_FIELDS = ("url", "outlet", "title", "published", "language")
#: A language tag ("en", "en_GB", "pt-br"), written as BCP 47 writes it ("en-GB", "pt-BR").
_LANGUAGE_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[-_]([A-Za-z]{2}|\d{3}))?$")


@dataclass
class IntakeTally:
    """What was read, counted as it streams past: the run summary says what it means."""

    documents: int = 0
    #: Documents with no publication date (none given, none recognised, no `--published-default`).
    undated: int = 0


@dataclass(frozen=True)
class ReadContext:
    """What every reader needs: where to report bad inputs, the size limit, the default date, which
    record field holds what, and the tally of what was read."""

    on_error: Callable[[InputError], None]
    max_bytes: int
    fields: FieldNames = field(default_factory=load_field_names)
    published_default: str | None = None
    tally: IntakeTally = field(default_factory=IntakeTally)

    def reject(self, where: str, reason: str) -> None:
        """Report one unreadable input (or record) as a single line naming it."""
        self.on_error(InputError(f"{where}: {reason}"))


def outlet_from_url(url: str | None) -> str | None:
    """The host of `url` without "www.", the outlet name feeds and sidecars use ("rferl.org")."""
    if not url:
        return None
    host = urlsplit(url.strip()).hostname or ""
    return host.removeprefix("www.") or None


def normalise_language(value: str | None) -> str | None:
    """A language tag in BCP 47's case ("EN_gb" -> "en-GB"); a value of another shape as given."""
    if value is None:
        return None
    match = _LANGUAGE_TAG.match(value)
    if not match:
        return value
    primary, region = match[1].lower(), match[2]
    return f"{primary}-{region.upper()}" if region else primary


def build_document(text: str, where: str, fields: Mapping[str, Any], context: ReadContext,
                   metadata: Mapping[str, Any] | None = None) -> Document:
    """A `Document` from raw text, the Tidings fields of its record and the record's other fields
    (`metadata`, kept unchanged); its id comes from the raw text.

    The record's own `id` is kept as `metadata["source_id"]`. An outlet given as a web address is
    its host. Raises InputError when the text is empty or too large.
    """
    if not text.strip():
        raise InputError(f"{where}: empty text")
    if len(text.encode("utf-8")) > context.max_bytes:
        raise InputError(f"{where}: text larger than {context.max_bytes} bytes")
    values: dict[str, str | None] = {}
    for name in DOCUMENT_FIELDS:
        raw = fields.get(name)
        values[name] = None if raw is None or str(raw).strip() == "" else str(raw).strip()
    values["published"] = normalise_published(fields.get("published"), where) or context.published_default
    if is_web_address(values["outlet"]):
        values["outlet"] = outlet_from_url(values["outlet"])
    values["outlet"] = values["outlet"] or outlet_from_url(values["url"])
    values["language"] = normalise_language(values["language"])
    kept = dict(metadata or {})
    if fields.get("id") not in (None, ""):
        kept["source_id"] = fields["id"]
    context.tally.documents += 1
    context.tally.undated += values["published"] is None
    return Document(id=document_id(text), text=text, source=where, metadata=kept, **values)
