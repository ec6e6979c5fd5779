"""Main text and metadata of an HTML page, via trafilatura, with a plain-text fallback."""

from __future__ import annotations

import logging
from typing import Any

import trafilatura

from tidings.errors import InputError

logger = logging.getLogger(__name__)

#: Pages with more elements than this are refused rather than parsed (hostile or broken markup).
MAX_TREE_SIZE = 200_000


def extract_html(html: str | bytes, where: str, url: str | None = None) -> tuple[str, dict[str, Any]]:
    """The article text of a page (one line per paragraph) and the fields its metadata gives.

    Fields: title, published, url, outlet (the site name). When trafilatura finds no article body we
    fall back to the page's visible text, with a warning, rather than lose the page.

    Raises:
        InputError: the page has no readable text at all.
    """
    try:
        result = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=True,
            max_tree_size=MAX_TREE_SIZE,
        )
    except (ValueError, TypeError, RecursionError, MemoryError) as exc:
        raise InputError(f"{where}: unreadable HTML ({type(exc).__name__}: {exc})") from exc
    fields: dict[str, Any] = {}
    text = ""
    if result is not None:
        text = result.text or ""
        fields = {"title": result.title, "published": result.date, "url": result.url or url,
                  "outlet": result.sitename}
    if not text.strip():
        try:
            text = trafilatura.html2txt(html) or ""
        except (ValueError, TypeError, RecursionError) as exc:
            raise InputError(f"{where}: unreadable HTML ({type(exc).__name__}: {exc})") from exc
        if text.strip():
            logger.warning("%s: no article body found, using the page's whole visible text", where)
    if not text.strip():
        raise InputError(f"{where}: no text found in the HTML")
    return text, {k: v for k, v in fields.items() if v}
