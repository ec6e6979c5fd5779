"""Bytes to text: refuse binary files, tolerate a few bad bytes, name the file when doing either."""

from __future__ import annotations

import codecs
import logging

from tidings.errors import InputError

logger = logging.getLogger(__name__)

#: Share of replacement characters above which a text is garbage rather than text with a few bad bytes.
MAX_GARBAGE_SHARE = 0.05
_SNIFF_BYTES = 8192


def looks_binary(head: bytes) -> bool:
    """NUL bytes (outside UTF-16) beyond a stray one or two, or many control characters, in the first
    bytes mean binary data. A single NUL in a text file is damage to remove, not a reason to lose the
    whole file (issue 15: one NUL rejected a CSV with all its valid rows)."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if head.count(0) > max(1, len(head) // 1000):
        return True
    controls = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 12, 13))
    return bool(head) and controls / len(head) > 0.1


def decode_text(data: bytes, where: str) -> str:
    """Decode UTF-8 (or BOM-marked UTF-16); bad bytes become U+FFFD with a warning naming `where`.

    Raises:
        InputError: the data is binary or mostly undecodable.
    """
    if looks_binary(data[:_SNIFF_BYTES]):
        raise InputError(f"{where}: binary data, not text")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"{where}: invalid UTF-16 at byte {exc.start}") from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8-sig", errors="replace")
        bad = text.count("\ufffd")
        if bad / max(len(text), 1) > MAX_GARBAGE_SHARE:
            raise InputError(f"{where}: not UTF-8 text ({bad} undecodable bytes of {len(data)})") from exc
        logger.warning("%s: invalid UTF-8 (first at byte %d), %d byte(s) replaced", where, exc.start, bad)
    return without_nul(text, where)


def without_nul(text: str, where: str) -> str:
    """`text` without NUL characters (never text, always damage), with a warning naming `where`."""
    if "\x00" not in text:
        return text
    logger.warning("%s: %d NUL byte(s) removed", where, text.count("\x00"))
    return text.replace("\x00", "")
