"""Acceptance test of `tidings watch` (issue 17): two outlets' feeds and article pages served from
127.0.0.1, two passes with new entries appearing in between, alerts to stdout, a file and a webhook.

The articles are written for this test: a protest in Mombasa that turns deadly, reported by two
invented outlets; the second pass brings a higher death toll and a strike."""

from __future__ import annotations

import json
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from tidings.cli import app

runner = CliRunner()

HERALD_1 = """Police fired tear gas at thousands of dock workers who marched through the centre of Mombasa on
Tuesday to protest against the sale of the port.

Two people were killed when officers opened fire on the crowd near the ferry terminal, a hospital official said.

The Dock Workers Union said the march would continue until the government withdrew the plan."""

COURIER_1 = """Kenyan police fired tear gas and live rounds at dock workers protesting in Mombasa on Tuesday,
killing two people, witnesses said.

Thousands of workers marched from the port gates to the county offices to oppose the sale of the port to a
foreign company.

The union leader Amina Odhiambo said the workers would not give up."""

HERALD_2 = """The death toll from Tuesday's shooting of protesters in Mombasa rose to five, a hospital official
said on Wednesday.

Police had opened fire on dock workers marching against the sale of the port.

On Wednesday the Dock Workers Union accused the government of murder and called a strike at the port."""

COURIER_2 = """Kenyan police killed three people when they opened fire on dock workers protesting in Mombasa on
Tuesday, the Interior Ministry said on Wednesday.

Hundreds of workers went on strike at the port of Mombasa on Wednesday, halting the loading of ships."""

SECRET = """Police fired tear gas at reporters who tried to enter the port of Mombasa on Tuesday, a page that
robots.txt keeps out of reach said."""


def page(text: str, title: str | None = None, outlet: str | None = None, published: str | None = None) -> bytes:
    """An article page with a menu and a footer around the text; metadata only where given."""
    head = f"<title>{title}</title>" if title else ""
    head += f'<meta property="og:site_name" content="{outlet}">' if outlet else ""
    head += f'<meta property="article:published_time" content="{published}">' if published else ""
    body = "".join(f"<p>{' '.join(paragraph.split())}</p>" for paragraph in text.split("\n\n"))
    return (f"<!DOCTYPE html><html><head>{head}</head><body><nav><a href='/'>Home</a> <a href='/world'>World</a>"
            f"</nav><article>{f'<h1>{title}</h1>' if title else ''}{body}</article>"
            "<footer>All rights reserved.</footer></body></html>").encode()


def rss(title: str, items: list[tuple[str, str, str]]) -> bytes:
    entries = "".join(f"<item><title>{t}</title><link>{link}</link><guid>{link}</guid><pubDate>{date}</pubDate></item>"
                      for t, link, date in items)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title><link>/</link>'
            f"<description>news</description>{entries}</channel></rss>").encode()


def atom(title: str, items: list[tuple[str, str, str]]) -> bytes:
    entries = "".join(f'<entry><title>{t}</title><link href="{link}"/><id>tag:courier,{link}</id>'
                      f"<updated>{date}</updated></entry>" for t, link, date in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>{title}'
            f"</title><id>tag:courier</id><updated>2023-03-22T12:00:00Z</updated>{entries}</feed>").encode()


class NewsSite:
    """A threaded HTTP server on 127.0.0.1 that serves what `routes` holds, counts every request by
    path, and records what is POSTed to /hook (the webhook)."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, str, bytes]] = {}
        self.etags: dict[str, str] = {}  # path -> ETag: a request naming it gets 304 Not Modified
        self.requests: Counter[str] = Counter()
        self.not_modified: Counter[str] = Counter()
        self.user_agents: set[str] = set()
        self.hooks: list[dict] = []
        self.hook_failures = 1  # the first POST to /hook answers 503: the sink must try again
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                site.requests[self.path] += 1
                site.user_agents.add(self.headers.get("User-Agent", ""))
                status, content_type, body = site.routes.get(self.path, (404, "text/plain", b"not found"))
                etag = site.etags.get(self.path)
                if etag is not None and self.headers.get("If-None-Match") == etag:
                    site.not_modified[self.path] += 1
                    self._answer(304, content_type, b"")
                    return
                self._answer(status, content_type, body, {"ETag": etag} if etag else {})

            def do_POST(self) -> None:  # noqa: N802
                site.requests[f"POST {self.path}"] += 1
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if site.hook_failures > 0:
                    site.hook_failures -= 1
                    self._answer(503, "text/plain", b"busy")
                    return
                site.hooks.append(json.loads(body))
                self._answer(204, "text/plain", b"")

            def _answer(self, status: int, content_type: str, body: bytes, headers: dict | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def serve(self, path: str, body: bytes, content_type: str = "text/html; charset=utf-8", status: int = 200) -> None:
        self.routes[path] = (status, content_type, body)


@pytest.fixture
def site():
    news = NewsSite()
    news.thread.start()
    yield news
    news.server.shutdown()
    news.server.server_close()


def first_pass_site(site: NewsSite) -> None:
    site.serve("/robots.txt", b"User-agent: *\nDisallow: /private/\n", "text/plain")
    site.serve("/herald/police-fire-on-dock-workers.html",
               page(HERALD_1, "Police fire on Mombasa dock workers", "Harbour Herald", "2023-03-21"))
    # no metadata of its own: the feed's title, date and outlet fill the document
    site.serve("/courier/two-killed.html", page(COURIER_1))
    site.serve("/private/reporters.html", page(SECRET, "Reporters", "Harbour Herald", "2023-03-21"))
    site.serve("/herald/flaky.html", b"busy", "text/plain", status=503)
    site.serve("/herald/rss.xml", rss("Harbour Herald", [
        ("Police fire on dock workers", "/herald/police-fire-on-dock-workers.html", "Tue, 21 Mar 2023 18:00:00 +0300"),
        ("Reporters kept away", "/private/reporters.html", "Tue, 21 Mar 2023 19:00:00 +0300"),
        ("Gone", "/herald/missing.html", "Tue, 21 Mar 2023 19:30:00 +0300"),
        ("Port workers gather again", "/herald/flaky.html", "Tue, 21 Mar 2023 20:00:00 +0300")]),
        "application/rss+xml")
    site.serve("/courier/atom.xml", atom("Valley Courier", [
        ("Two killed as police fire on Mombasa protest", "/courier/two-killed.html", "2023-03-21T17:00:00+03:00")]),
        "application/atom+xml")


def second_pass_site(site: NewsSite) -> None:
    """New entries appear at the top of both feeds; the old ones stay listed."""
    site.serve("/herald/toll-rises.html",
               page(HERALD_2, "Mombasa death toll rises to five", "Harbour Herald", "2023-03-22"))
    site.serve("/courier/strike.html", page(COURIER_2, "Dock workers strike after killings", "Valley Courier",
                                            "2023-03-22"))
    site.serve("/herald/flaky.html", page("Dock workers gathered again at the gates of the port of Mombasa on "
                                          "Tuesday night to mourn the dead.", "Port workers gather again",
                                          "Harbour Herald", "2023-03-21"))
    site.serve("/herald/rss.xml", rss("Harbour Herald", [
        ("Death toll rises", "/herald/toll-rises.html", "Wed, 22 Mar 2023 10:00:00 +0300"),
        ("Police fire on dock workers", "/herald/police-fire-on-dock-workers.html", "Tue, 21 Mar 2023 18:00:00 +0300"),
        ("Reporters kept away", "/private/reporters.html", "Tue, 21 Mar 2023 19:00:00 +0300"),
        ("Gone", "/herald/missing.html", "Tue, 21 Mar 2023 19:30:00 +0300"),
        ("Port workers gather again", "/herald/flaky.html", "Tue, 21 Mar 2023 20:00:00 +0300")]),
        "application/rss+xml")
    site.serve("/courier/atom.xml", atom("Valley Courier", [
        ("Dock workers strike", "/courier/strike.html", "2023-03-22T11:00:00+03:00"),
        ("Two killed as police fire on Mombasa protest", "/courier/two-killed.html", "2023-03-21T17:00:00+03:00")]),
        "application/atom+xml")


def watch_once(site: NewsSite, db: Path, tmp_path: Path):
    config = tmp_path / "polite.yaml"
    config.write_text("watch_host_delay_seconds: 0\nwatch_webhook_backoff_seconds: 0\n")
    return runner.invoke(app, ["watch", f"{site.base}/herald/rss.xml", f"{site.base}/courier/atom.xml",
                               "--once", "--db", str(db), "--workers", "1", "--config", str(config),
                               "--alerts-out", str(tmp_path / "alerts.jsonl"), "--webhook", f"{site.base}/hook"])


def test_watch_fetches_new_entries_once_and_alerts_on_what_changed(site, tmp_path):
    db = tmp_path / "watch.duckdb"
    first_pass_site(site)
    first = watch_once(site, db, tmp_path)
    assert first.exit_code == 1, first.output  # some pages could not be fetched: named, the watch went on
    assert f"{site.base}/private/reporters.html: robots.txt disallows" in first.stderr
    assert f"{site.base}/herald/missing.html: HTTP 404" in first.stderr
    assert f"{site.base}/herald/flaky.html: HTTP 503; tried again next pass" in first.stderr
    assert site.requests["/private/reporters.html"] == 0
    first_alerts = [json.loads(line) for line in first.stdout.splitlines()]
    assert any(a["rule"] == "corroborated" for a in first_alerts)  # two outlets report the shooting

    second_pass_site(site)
    second = watch_once(site, db, tmp_path)
    assert second.exit_code == 0, second.output  # the 404 and the robots.txt refusal are not asked again...
    assert "missing.html" not in second.stderr and "reporters.html" not in second.stderr
    assert "pass 1: 3 new feed entries" in second.stderr  # ...only the two new entries and the flaky page
    second_alerts = [json.loads(line) for line in second.stdout.splitlines()]

    # every article page was fetched once although both feeds listed it on both passes; the page that
    # failed with 503 once more; robots.txt forbade one page, which was never requested
    pages = {path: count for path, count in site.requests.items() if path.endswith(".html")}
    assert pages == {"/herald/police-fire-on-dock-workers.html": 1, "/courier/two-killed.html": 1,
                     "/herald/missing.html": 1, "/herald/flaky.html": 2, "/herald/toll-rises.html": 1,
                     "/courier/strike.html": 1}
    assert site.requests["/herald/rss.xml"] == 2 and site.requests["/robots.txt"] == 2  # once a pass
    assert site.user_agents == {"Tidings/0.1 (news event monitor; honours robots.txt)"}

    con = duckdb.connect(str(db), read_only=True)
    try:
        documents = {url: (outlet, title, published) for url, outlet, title, published in con.execute(
            "SELECT url, outlet, title, published FROM documents").fetchall()}
        events = dict(con.execute("SELECT id, num_sources FROM events").fetchall())
        stored = [json.loads(data) for data, in con.execute("SELECT data FROM alerts ORDER BY created, rowid").fetchall()]
        seen = dict(con.execute("SELECT key, outcome FROM watch_seen").fetchall())
    finally:
        con.close()
    assert len(documents) == 5
    assert documents[f"{site.base}/herald/police-fire-on-dock-workers.html"] == (
        "Harbour Herald", "Police fire on Mombasa dock workers", "2023-03-21")
    # the page declares nothing: the Atom entry's outlet, title and date fill the document
    assert documents[f"{site.base}/courier/two-killed.html"] == (
        "Valley Courier", "Two killed as police fire on Mombasa protest", "2023-03-21")
    assert seen[f"entry:{site.base}/herald/missing.html"].endswith("HTTP 404")
    assert "robots.txt" in seen[f"entry:{site.base}/private/reporters.html"]

    # the second pass: the toll rises, the outlets disagree on it, and the story gets a new type of event
    rules = {a["rule"] for a in second_alerts}
    assert {"casualties-rise", "sources-disagree", "new-type-in-story"} <= rules, rules
    rise = next(a for a in second_alerts if a["rule"] == "casualties-rise")
    assert rise["change"]["size.dead"]["after"] > rise["change"]["size.dead"]["before"]
    assert rise["evidence"] and all(e["url"].startswith(site.base) for e in rise["evidence"])

    # stdout, the file, the webhook and the store hold the same alerts, each event stored
    everything = first_alerts + second_alerts
    assert [a["id"] for a in stored] == [a["id"] for a in everything]
    assert all(a["event_id"] in events for a in stored)
    from_file = [json.loads(line) for line in (tmp_path / "alerts.jsonl").read_text().splitlines()]
    assert from_file == everything
    assert [a["id"] for a in site.hooks] == [a["id"] for a in everything]  # the 503 was retried
    assert site.requests["POST /hook"] == len(everything) + 1

    listed = runner.invoke(app, ["alerts", "--db", str(db), "--format", "jsonl"])
    assert [json.loads(line)["id"] for line in listed.stdout.splitlines()] == [a["id"] for a in everything]
    table = runner.invoke(app, ["alerts", "--db", str(db), "--rule", "corroborated"])
    assert table.exit_code == 0 and "corroborated" in table.stdout


def test_a_third_pass_with_nothing_new_fetches_no_page_and_raises_no_alert(site, tmp_path):
    db = tmp_path / "watch.duckdb"
    first_pass_site(site)
    site.serve("/herald/flaky.html", page("Dock workers gathered again at the port of Mombasa on Tuesday night.",
                                          "Port workers gather again", "Harbour Herald", "2023-03-21"))
    watch_once(site, db, tmp_path)
    before = Counter(site.requests)
    again = watch_once(site, db, tmp_path)
    assert again.stdout == ""
    assert "0 documents added" in again.stderr and "0 alerts" in again.stderr
    fetched = {path for path in site.requests if site.requests[path] != before[path]}
    assert fetched == {"/herald/rss.xml", "/courier/atom.xml"}  # the feeds; robots.txt is read for pages only


def test_a_watch_killed_after_a_batch_fetches_again_only_what_it_had_not_stored(site, tmp_path):
    from tidings.config import Settings
    from tidings.monitor import Watch, load_rules, parse_sources

    class KilledAfterOneBatch(Watch):
        def _on_batch(self, store, results, change):  # noqa: ANN001
            super()._on_batch(store, results, change)
            raise KeyboardInterrupt  # as if Ctrl-C came right after the first batch was written

    first_pass_site(site)
    db = tmp_path / "watch.duckdb"
    settings = Settings.load(workers=1, batch_size=1, watch_host_delay_seconds=0)
    sources = parse_sources([f"{site.base}/herald/rss.xml", f"{site.base}/courier/atom.xml"])
    with pytest.raises(KeyboardInterrupt):
        KilledAfterOneBatch(sources, db, settings, load_rules(), []).run(0, once=True)
    assert site.requests["/herald/police-fire-on-dock-workers.html"] == 1
    assert site.requests["/courier/two-killed.html"] == 0  # not reached before the interruption

    summary = Watch(sources, db, settings, load_rules(), []).run(0, once=True)
    assert summary.added == 1 and summary.new_entries == 4  # the stored entry is not among them
    assert site.requests["/herald/police-fire-on-dock-workers.html"] == 1
    assert site.requests["/courier/two-killed.html"] == 1
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert [row[0] for row in con.execute("SELECT status FROM runs ORDER BY id").fetchall()] == [
            "interrupted", "done"]
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 2
    finally:
        con.close()


def test_an_unchanged_feed_is_asked_conditionally_once_every_entry_has_an_outcome(site, tmp_path):
    db = tmp_path / "watch.duckdb"
    site.serve("/herald/police-fire-on-dock-workers.html",
               page(HERALD_1, "Police fire on Mombasa dock workers", "Harbour Herald", "2023-03-21"))
    site.serve("/herald/flaky.html", b"busy", "text/plain", status=503)
    items = [("Police fire on dock workers", "/herald/police-fire-on-dock-workers.html", "Tue, 21 Mar 2023 18:00:00 +0300")]
    site.serve("/herald/rss.xml", rss("Harbour Herald", items), "application/rss+xml")
    site.etags["/herald/rss.xml"] = '"v1"'

    def watch_herald():
        return runner.invoke(app, ["watch", f"{site.base}/herald/rss.xml", "--once", "--db", str(db), "--workers", "1",
                                   "--config", str(config), "--no-stdout"])

    config = tmp_path / "polite.yaml"
    config.write_text("watch_host_delay_seconds: 0\n")
    assert watch_herald().exit_code == 0
    assert "0 new feed entries" in watch_herald().stderr and site.not_modified["/herald/rss.xml"] == 1

    # a new entry whose page fails for now: the next pass must read the feed whole to list it again
    site.serve("/herald/rss.xml", rss("Harbour Herald", items + [("Gather", "/herald/flaky.html", "Tue, 21 Mar 2023 20:00:00 +0300")]),
               "application/rss+xml")
    site.etags["/herald/rss.xml"] = '"v2"'
    assert "flaky.html: HTTP 503; tried again next pass" in watch_herald().stderr
    # the feed is unchanged ("v2"), but it was not remembered as read: it comes whole, the page is retried
    site.serve("/herald/flaky.html", page("Dock workers gathered again at the port of Mombasa on Tuesday night.",
                                          "Port workers gather again", "Harbour Herald", "2023-03-21"))
    again = watch_herald()
    assert "1 new feed entries" in again.stderr and "1 documents added" in again.stderr
    assert site.not_modified["/herald/rss.xml"] == 1 and site.requests["/herald/flaky.html"] == 2
    assert "0 new feed entries" in watch_herald().stderr and site.not_modified["/herald/rss.xml"] == 2
