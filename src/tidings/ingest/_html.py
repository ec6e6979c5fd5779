"""Main text and metadata of an HTML page, via trafilatura, with a plain-text fallback."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import trafilatura
from trafilatura.settings import use_config

from tidings.errors import InputError

logger = logging.getLogger(__name__)

#: Pages with more elements than this are refused (hostile or broken markup): extraction time grows
#: with the tree (~8 s at 50,000 elements) while real article pages have a few thousand.
MAX_TREE_SIZE = 30_000
#: A text needs this many words to count as an article rather than markup residue.
MIN_WORDS = 3


def _extraction_config():  # -> configparser.ConfigParser
    """trafilatura's settings with our tree-size guard (built per call: it is cheap, ~0.1 ms)."""
    config = use_config()
    config.set("DEFAULT", "max_tree_size", str(MAX_TREE_SIZE))
    return config


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def _attributed_logs(where: str) -> Iterator[None]:
    """trafilatura's own log lines ("ERROR trafilatura.utils: parsed tree length: 1, wrong data type
    or not valid HTML") name no file; while it works on `where`, they are caught and logged again
    by us, naming it (issue 15). Its ERRORs about one page are warnings about that input."""
    library = logging.getLogger("trafilatura")
    collect, propagate = _Collect(), library.propagate
    library.addHandler(collect)
    library.propagate = False
    try:
        yield
    finally:
        library.removeHandler(collect)
        library.propagate = propagate
        for record in collect.records:
            if record.levelno >= logging.WARNING:
                logger.warning("%s: %s", where, record.getMessage())


def extract_html(html: str | bytes, where: str, url: str | None = None) -> tuple[str, dict[str, Any]]:
    """The article text of a page (one line per paragraph) and the fields its metadata gives.

    Fields: title, published, url, outlet (the site name), language (`<html lang>`). When trafilatura finds no article body we
    fall back to the page's visible text, with a warning, rather than lose the page.

    Raises:
        InputError: the page has no readable text at all.
    """
    with _attributed_logs(where):
        return _extract(html, where, url)


def _extract(html: str | bytes, where: str, url: str | None) -> tuple[str, dict[str, Any]]:
    try:
        tree = trafilatura.load_html(html)
        if tree is None:
            raise InputError(f"{where}: not an HTML document")
        size = sum(1 for _ in tree.iter())
        if size > MAX_TREE_SIZE:
            raise InputError(f"{where}: HTML has {size} elements, more than the limit of {MAX_TREE_SIZE}")
        language = page_language(tree)  # before extraction, which prunes the tree
        result = trafilatura.bare_extraction(
            tree, url=url, with_metadata=True, include_comments=False, include_tables=True,
            config=_extraction_config(),
        )
    except (ValueError, TypeError, RecursionError, MemoryError) as exc:
        raise InputError(f"{where}: unreadable HTML ({type(exc).__name__}: {exc})") from exc
    fields: dict[str, Any] = {}
    text = ""
    if result is not None:
        text = result.text or ""
        fields = {"title": result.title, "published": result.date, "url": result.url or url,
                  "outlet": result.sitename}
    fields["language"] = language
    if not text.strip():
        try:
            text = trafilatura.html2txt(html) or ""
        except (ValueError, TypeError, RecursionError) as exc:
            raise InputError(f"{where}: unreadable HTML ({type(exc).__name__}: {exc})") from exc
        if _has_words(text):
            logger.warning("%s: no article body found, using the page's whole visible text", where)
    if not _has_words(text):
        raise InputError(f"{where}: no text found in the HTML")
    return text, {k: v for k, v in fields.items() if v}


def page_language(tree: Any) -> str | None:
    """The language a page declares: `<html lang>` (or `xml:lang`), else a `content-language` or
    `og:locale` meta tag; trafilatura itself only guesses a language when asked to filter by one."""
    root = tree.getroottree().getroot()
    declared = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    if declared and declared.strip():
        return declared.strip()
    for meta in root.iter("meta"):
        name = (meta.get("http-equiv") or meta.get("property") or meta.get("name") or "").lower()
        if name in ("content-language", "og:locale", "language") and (meta.get("content") or "").strip():
            return meta.get("content").split(",")[0].strip()
    return None


def _has_words(text: str) -> bool:
    return sum(1 for token in text.split() if any(c.isalpha() for c in token)) >= MIN_WORDS
