"""RSS and Atom feeds, read with feedparser: the entries a feed lists, with the metadata a page may lack."""

from __future__ import annotations

import calendar
import email.utils
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urljoin, urldefrag

import feedparser

from tidings.errors import InputError
from tidings.ingest._documents import outlet_from_url

#: File endings `tidings watch` reads as a feed rather than as an article.
FEED_SUFFIXES = (".rss", ".atom", ".xml")


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed: the link to fetch and what the feed says about it."""

    link: str
    feed: str  # the feed's URL or path
    title: str | None = None
    published: str | None = None  # ISO date (UTC) of publication, or of the last update
    outlet: str | None = None  # the feed's title, else its site's host
    entry_id: str | None = None  # the feed's own id (guid) for the entry

    @property
    def key(self) -> str:
        """What makes an entry "seen": its link, so that two feeds listing one article fetch it once."""
        return f"entry:{self.link}"

    def metadata(self) -> dict[str, Any]:
        """Fields for `build_document`: the page's own metadata wins over these (`watching`)."""
        fields: dict[str, Any] = {"url": self.link, "title": self.title, "published": self.published,
                                  "outlet": self.outlet, "feed": self.feed}
        if self.entry_id:
            fields["feed_entry_id"] = self.entry_id
        return {name: value for name, value in fields.items() if value}


def parse_feed(data: bytes, where: str, base_url: str | None = None) -> list[FeedEntry]:
    """The entries of an RSS or Atom document, in feed order, each with an absolute link.

    Raises:
        InputError: `data` is not a feed (no feed elements and no entries).
    """
    parsed = feedparser.parse(data, response_headers={"content-location": base_url} if base_url else None)
    if not parsed.entries and (parsed.bozo or not parsed.version):
        reason = str(parsed.get("bozo_exception") or "") or "no RSS or Atom elements"
        raise InputError(f"{where}: not an RSS or Atom feed ({_one_line(reason)})")
    channel = parsed.feed
    site = channel.get("link") or base_url
    outlet = _clean(channel.get("title")) or outlet_from_url(site)
    entries: list[FeedEntry] = []
    seen: set[str] = set()
    for item in parsed.entries:
        link = item.get("link") or _first_alternate(item)
        if not link:
            continue  # nothing to fetch (an entry without a link is a note, not an article)
        link = urldefrag(urljoin(base_url or site or "", link.strip())).url
        if link in seen:
            continue
        seen.add(link)
        entries.append(FeedEntry(link=link, feed=where, title=_clean(item.get("title")),
                                 published=_entry_date(item),
                                 outlet=outlet, entry_id=_clean(item.get("id"))))
    return entries


def _first_alternate(item: Any) -> str | None:
    for link in item.get("links", []):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return str(link["href"])
    return None


def _entry_date(item: Any) -> str | None:
    """The entry's publication (else update) day as the feed states it, in the feed's own time zone:
    an article dated 00:30 +02:00 appeared on that day, not on the UTC day before."""
    for name in ("published", "updated"):
        raw = item.get(name)
        if not raw:
            continue
        try:
            return email.utils.parsedate_to_datetime(raw).date().isoformat()  # RSS (RFC 822)
        except (TypeError, ValueError, IndexError):
            pass
        try:
            return datetime.fromisoformat(raw.strip().replace("Z", "+00:00")).date().isoformat()  # Atom
        except ValueError:
            pass
        parsed = item.get(f"{name}_parsed")  # another format feedparser knows: its UTC reading
        if parsed is not None:
            return datetime.fromtimestamp(calendar.timegm(parsed), tz=timezone.utc).date().isoformat()
    return None


def _clean(value: Any) -> str | None:
    text = " ".join(str(value).split()) if value else ""
    return text or None


def _one_line(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
