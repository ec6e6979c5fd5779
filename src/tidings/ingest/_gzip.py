"""Gzip streams that end where their data ends: a cut file keeps every record before the cut."""

from __future__ import annotations

import io
import zlib
from pathlib import Path

_CHUNK = 1 << 16


class TolerantGzip(io.RawIOBase):
    """Decompresses a gzip file (one member after another) and, at a cut or corrupt block, ends the
    stream instead of raising, with `broken` saying why.

    `gzip.open` raises `EOFError` on the first read that reaches a cut; for a small file that is the
    first read of all, so every complete record before the cut was lost (issue 15).
    """

    def __init__(self, path: Path) -> None:
        super().__init__()
        self._file = open(path, "rb")  # noqa: SIM115 - closed in close()
        self._decompressor = zlib.decompressobj(zlib.MAX_WBITS | 16)
        self._input = b""
        self._output = bytearray()
        self._member_open = False
        self._ended = False
        #: Why the stream ended before the end of the compressed data; None when it ended whole.
        self.broken: str | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        while not self._output and not self._ended:
            self._decompress_some()
        count = min(len(buffer), len(self._output))
        buffer[:count] = self._output[:count]
        del self._output[:count]
        return count

    def _decompress_some(self) -> None:
        if not self._input:
            self._input = self._file.read(_CHUNK)
            if not self._input:
                if self._member_open:
                    self.broken = "the file ends inside the compressed data (truncated)"
                self._ended = True
                return
        try:
            self._output += self._decompressor.decompress(self._input, _CHUNK)
        except zlib.error as exc:
            self.broken = f"corrupt compressed data ({exc})"
            self._ended = True
            return
        self._member_open = True
        self._input = self._decompressor.unconsumed_tail
        if self._decompressor.eof:  # a member ended; another may follow
            self._input = self._decompressor.unused_data
            self._decompressor = zlib.decompressobj(zlib.MAX_WBITS | 16)
            self._member_open = False

    def close(self) -> None:
        self._file.close()
        super().close()


def open_tolerant(path: Path) -> io.BufferedReader:
    """A buffered binary stream over `path`, decompressed when it is gzip (by name); after reading,
    `stream.raw.broken` (gzip only) says whether and why it ended early."""
    if path.name.lower().endswith(".gz"):
        return io.BufferedReader(TolerantGzip(path), buffer_size=_CHUNK)
    return open(path, "rb")  # noqa: SIM115 - the caller closes it
