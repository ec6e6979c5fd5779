"""Deterministic actor ids: the same actor gets the same id in every document and process."""

from __future__ import annotations

import hashlib


def actor_id(name: str, country: str | None, sector: str | None) -> str:
    """`ac_` + 12 hex of sha1 over the casefolded canonical name, country and sector."""
    key = f"{name.casefold()}|{country or ''}|{sector or ''}"
    return "ac_" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
