"""What a watch looks at, and what is new there since the last pass: files of a folder that are new or
changed (by modification time and size), entries of a feed whose link was never taken in."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from tidings.errors import InputError, UsageError
from tidings.ingest import expand_paths
from tidings.ingest.reading import reader_for
from tidings.monitor.feeds import FEED_SUFFIXES, FeedEntry, parse_feed
from tidings.monitor.fetching import PoliteFetcher
from tidings.store import Store
from tidings.store._alerts import SeenItem, seen_fingerprints


@dataclass(frozen=True)
class Source:
    """One SOURCE of `tidings watch`."""

    location: str  # a URL or a path, as given
    kind: str  # "folder", "file" (an article file, taken in again when it changes), "feed-url", "feed-file"

    @property
    def is_feed(self) -> bool:
        return self.kind.startswith("feed")


@dataclass(frozen=True)
class ChangedFile:
    """A file to read in this pass: never seen, or changed since it was."""

    path: Path
    fingerprint: str  # "mtime_ns:size"
    source: str

    @property
    def key(self) -> str:
        return f"file:{self.path.resolve()}"


def parse_sources(values: list[str]) -> list[Source]:
    """Each SOURCE classified: an http(s) URL is a feed; a folder is walked; a `.rss`, `.atom` or `.xml`
    file is a feed; another readable file is watched for changes.

    Raises:
        UsageError: a SOURCE is none of these (the message names it).
    """
    sources = []
    for value in values:
        scheme = urlsplit(value).scheme.lower()
        path = Path(value)
        if scheme in ("http", "https"):
            sources.append(Source(value, "feed-url"))
        elif "://" in value:
            raise UsageError(f"{value}: only http and https feeds can be watched")
        elif path.is_dir():
            sources.append(Source(value, "folder"))
        elif path.is_file() and path.name.lower().endswith(FEED_SUFFIXES):
            sources.append(Source(value, "feed-file"))
        elif path.is_file() and reader_for(path) is not None:
            sources.append(Source(value, "file"))
        elif path.exists():
            raise UsageError(f"{value}: neither a folder, a feed (.rss, .atom, .xml) nor an article file")
        else:
            raise UsageError(f"{value}: no such folder or file, and not an http(s) URL")
    return sources


def changed_files(source: Source, store: Store, on_error: Callable[[InputError], None]) -> list[ChangedFile]:
    """Readable files under a folder (or the one file) not seen before, or whose time or size changed."""
    found = []
    for path in expand_paths([source.location], on_error):
        try:
            stat = path.stat()
        except OSError as exc:  # removed since the walk
            on_error(InputError(f"{path}: cannot read ({exc.strerror or exc})"))
            continue
        found.append(ChangedFile(path, f"{stat.st_mtime_ns}:{stat.st_size}", source.location))
    seen = seen_fingerprints(store, [item.key for item in found])
    return [item for item in found if seen.get(item.key, "") != item.fingerprint]


@dataclass(frozen=True)
class FeedCheck:
    """What a feed had this pass: its entries never taken in, and how to ask it "changed since?" next
    time (`seen`: its ETag / Last-Modified, to be remembered once every entry has an outcome)."""

    entries: list[FeedEntry]
    seen: SeenItem | None = None


def new_entries(source: Source, fetcher: PoliteFetcher, store: Store, max_bytes: int) -> FeedCheck:
    """Entries of a feed whose link the watch never took in. A feed URL is asked conditionally with
    the validators of its last complete pass: an unchanged feed costs its server a 304 and no body.

    Raises:
        InputError: the feed cannot be fetched, read or parsed (`FetchError` for a URL).
    """
    if source.kind == "feed-url":
        key = f"feed:{source.location}"
        remembered = seen_fingerprints(store, [key]).get(key)
        response = fetcher.fetch_feed(source.location, json.loads(remembered) if remembered else None)
        if response.not_modified:
            return FeedCheck([])
        entries = parse_feed(response.body, source.location, base_url=response.url)
        state = json.dumps(response.validators, sort_keys=True) if response.validators else None
        feed_seen = SeenItem(key, "feed", source.location, state) if state and state != remembered else None
    else:
        path = Path(source.location)
        try:
            size = path.stat().st_size
            if size > max_bytes:
                raise InputError(f"{path}: feed of {size} bytes is larger than the limit of {max_bytes}")
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"{path}: cannot read feed ({exc.strerror or exc})") from exc
        entries, feed_seen = parse_feed(data, source.location), None
    seen = seen_fingerprints(store, [entry.key for entry in entries])
    return FeedCheck([entry for entry in entries if entry.key not in seen], feed_seen)


def by_host_in_turn(entries: list[FeedEntry]) -> list[FeedEntry]:
    """Entries reordered so that hosts take turns (a, b, c, a, b, …): with one request at a time and
    a pause between two requests to one host, the pauses of one host pass while others are asked."""
    queues: dict[str, list[FeedEntry]] = {}
    for entry in entries:
        queues.setdefault(urlsplit(entry.link).netloc.lower(), []).append(entry)
    ordered: list[FeedEntry] = []
    while queues:
        for host in list(queues):
            ordered.append(queues[host].pop(0))
            if not queues[host]:
                del queues[host]
    return ordered
