"""How many documents a run will read, counted before it starts when that is cheap: the progress bar's
total, and so its ETA. Counting never reports errors; reading does."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from tidings.errors import InputError
from tidings.ingest._files import read_html_file, read_text_file
from tidings.ingest._gzip import open_tolerant
from tidings.ingest.reading import expand_paths, reader_for

#: Bytes of record files (JSONL, CSV, JSON) read at most to count their records; past it the total
#: is unknown. Reading is far cheaper than analysing (a few seconds per GB against hours), but a
#: run should start at once.
COUNT_BYTES = 512 * 1024 * 1024


def count_documents(paths: list[str], budget: int = COUNT_BYTES) -> int | None:
    """The number of documents (and bad records) under `paths`, or None when it cannot be counted
    cheaply: a WARC archive, or record files larger than `budget` bytes in all."""
    files = list(expand_paths(paths, lambda error: None))
    total = read = 0
    for path in files:
        reader = reader_for(path)
        if reader in (read_text_file, read_html_file):
            total += 1
            continue
        name = path.name.lower()
        if name.endswith((".warc", ".warc.gz")):
            return None
        try:
            read += path.stat().st_size
            if read > budget:
                return None
            total += _count_records(path, name)
        except (OSError, InputError, ValueError, csv.Error):
            total += 1  # the file will be rejected whole: one line of the summary
    return total


def _count_records(path: Path, name: str) -> int:
    if name.endswith(".json"):
        value = json.loads(path.read_bytes())
        return len(value) if isinstance(value, list) else 1
    with open_tolerant(path) as stream:
        if name.endswith(".csv"):
            text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="replace", newline="")
            previous = csv.field_size_limit(1 << 30)  # an article is one long field
            try:
                return max(sum(1 for _ in csv.reader(text)) - 1, 0)
            finally:
                csv.field_size_limit(previous)
        return sum(1 for line in stream if line.strip())
