"""Feeds read with feedparser, sources classified, durations parsed."""

from __future__ import annotations

import pytest

from tidings.errors import InputError, UsageError
from tidings.monitor import parse_duration, parse_since, parse_sources
from tidings.monitor.feeds import parse_feed
from tidings.monitor.sources import by_host_in_turn

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour  Herald</title>
<link>https://herald.example/</link><description>news</description>
<item><title>Strike at the port</title><link>/port/strike.html</link><guid>s1</guid>
<pubDate>Wed, 22 Mar 2023 00:30:00 +0300</pubDate></item>
<item><title>Same story, tracked link</title><link>https://herald.example/port/strike.html#comments</link></item>
<item><title>A note without a link</title><description>Later.</description></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Courier</title>
<id>tag:courier</id><updated>2023-03-22T12:00:00Z</updated>
<entry><title>Talks resume</title><link rel="alternate" href="https://courier.example/talks"/><id>tag:courier,1</id>
<updated>2023-03-21T23:30:00-05:00</updated></entry></feed>"""


def test_rss_entries_get_absolute_links_the_feeds_date_and_outlet():
    entries = parse_feed(RSS, "herald.xml", base_url="https://herald.example/rss.xml")
    assert len(entries) == 1  # the fragment-only repeat and the linkless note are left out
    (entry,) = entries
    assert entry.link == "https://herald.example/port/strike.html"
    assert entry.published == "2023-03-22"  # the day in the feed's own zone, not the UTC day before
    assert entry.metadata() == {"url": entry.link, "title": "Strike at the port", "published": "2023-03-22",
                                "outlet": "Harbour Herald", "feed": "herald.xml",
                                "feed_entry_id": "https://herald.example/s1"}  # feedparser resolves guids
    assert entry.key == "entry:https://herald.example/port/strike.html"


def test_atom_entries_are_read_too():
    (entry,) = parse_feed(ATOM, "courier.atom")
    assert (entry.link, entry.title, entry.published, entry.outlet) == (
        "https://courier.example/talks", "Talks resume", "2023-03-21", "Courier")


def test_a_document_that_is_not_a_feed_is_named():
    with pytest.raises(InputError, match=r"^page.html: not an RSS or Atom feed"):
        parse_feed(b"<html><body><p>Hello</p></body></html>", "page.html")


def test_hosts_take_turns():
    entries = parse_feed(RSS, "h") + parse_feed(ATOM, "c")
    entries = entries + parse_feed(RSS.replace(b"/port/strike.html", b"/port/two.html"), "h")
    assert [e.link.split("/")[2] for e in by_host_in_turn(entries)] == [
        "herald.example", "courier.example", "herald.example"]


def test_sources_are_classified_and_a_wrong_one_is_a_usage_error(tmp_path):
    (tmp_path / "feed.rss").write_bytes(RSS)
    (tmp_path / "story.txt").write_text("Soldiers crossed the river.")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    kinds = [s.kind for s in parse_sources(["https://herald.example/rss", str(tmp_path), str(tmp_path / "feed.rss"),
                                            str(tmp_path / "story.txt")])]
    assert kinds == ["feed-url", "folder", "feed-file", "file"]
    with pytest.raises(UsageError, match="notes.pdf: neither a folder"):
        parse_sources([str(tmp_path / "notes.pdf")])
    with pytest.raises(UsageError, match="nowhere: no such folder or file"):
        parse_sources(["nowhere"])
    with pytest.raises(UsageError, match="only http and https"):
        parse_sources(["ftp://herald.example/rss"])


def test_durations_and_instants():
    assert [parse_duration(text) for text in ("45", "30s", "15m", "1h30m", "2d")] == [45, 30, 900, 5400, 172800]
    with pytest.raises(UsageError, match="--every: 'soon' is not a duration"):
        parse_duration("soon")
    assert parse_since("2026-12-01") == "2026-12-01T00:00:00Z"
    assert parse_since("2026-12-01T05:00:00+02:00") == "2026-12-01T03:00:00Z"
    with pytest.raises(UsageError, match="--since"):
        parse_since("yesterday-ish")
