"""Polite fetching: robots.txt, pacing per host, size limits, redirects, failures that name the URL."""

from __future__ import annotations

from collections import Counter

import httpx
import pytest

from tidings.monitor.fetching import FetchError, FetchPolicy, PoliteFetcher

PAGE = b"<html><body><p>Soldiers crossed the river at dawn on Friday.</p></body></html>"


class FakeWeb:
    """Answers from a table of URL -> (status, headers, body); counts requests and keeps a fake clock."""

    def __init__(self, routes: dict[str, tuple[int, dict[str, str], bytes]]) -> None:
        self.routes = routes
        self.requests: Counter[str] = Counter()
        self.user_agents: set[str] = set()
        self.now = 0.0
        self.slept: list[float] = []

    def handle(self, request: httpx.Request) -> httpx.Response:
        url = str(request.url)
        self.requests[url] += 1
        self.user_agents.add(request.headers["User-Agent"])
        if url not in self.routes:
            return httpx.Response(404, content=b"")
        status, headers, body = self.routes[url]
        if status == 0:
            raise httpx.ReadTimeout("timed out", request=request)
        if headers.get("transfer-encoding") == "chunked":  # no length announced: read until the limit
            return httpx.Response(status, headers=headers, content=iter([body[i:i + 500] for i in range(0, len(body), 500)]))
        return httpx.Response(status, headers=headers, content=body)

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 3))
        self.now += seconds

    def fetcher(self, **policy: object) -> PoliteFetcher:
        settings = {"user_agent": "Tidings/test", "host_delay_seconds": 1.0, **policy}
        return PoliteFetcher(FetchPolicy(**settings), transport=httpx.MockTransport(self.handle),  # type: ignore[arg-type]
                             sleep=self.sleep, clock=lambda: self.now)


HTML = {"content-type": "text/html; charset=utf-8"}


def test_robots_txt_is_read_once_per_host_and_a_disallowed_page_is_never_requested():
    web = FakeWeb({"https://a.example/robots.txt": (200, {}, b"User-agent: *\nDisallow: /private/\n"),
                   "https://a.example/news/1": (200, HTML, PAGE), "https://a.example/news/2": (200, HTML, PAGE)})
    with web.fetcher() as fetcher:
        assert fetcher.fetch_page("https://a.example/news/1").body == PAGE
        fetcher.fetch_page("https://a.example/news/2")
        with pytest.raises(FetchError) as refused:
            fetcher.fetch_page("https://a.example/private/3")
    assert refused.value.permanent and str(refused.value).startswith("https://a.example/private/3: robots.txt disallows")
    assert web.requests["https://a.example/robots.txt"] == 1
    assert "https://a.example/private/3" not in web.requests
    assert web.user_agents == {"Tidings/test"}


def test_rules_for_tidings_by_name_apply():
    robots = b"User-agent: Tidings\nDisallow: /\n\nUser-agent: *\nAllow: /\n"
    web = FakeWeb({"https://b.example/robots.txt": (200, {}, robots), "https://b.example/x": (200, HTML, PAGE)})
    with web.fetcher() as fetcher, pytest.raises(FetchError, match="robots.txt disallows"):
        fetcher.fetch_page("https://b.example/x")


def test_a_missing_robots_txt_allows_and_an_unreachable_one_postpones():
    web = FakeWeb({"https://open.example/p": (200, HTML, PAGE),
                   "https://down.example/robots.txt": (503, {}, b""), "https://down.example/p": (200, HTML, PAGE)})
    with web.fetcher() as fetcher:
        assert fetcher.fetch_page("https://open.example/p").body == PAGE  # robots.txt answered 404
        with pytest.raises(FetchError) as later:
            fetcher.fetch_page("https://down.example/p")
    assert not later.value.permanent and "robots.txt could not be read" in str(later.value)
    assert "https://down.example/p" not in web.requests


def test_requests_to_one_host_are_paced_and_crawl_delay_wins_when_longer():
    web = FakeWeb({"https://slow.example/robots.txt": (200, {}, b"User-agent: *\nCrawl-delay: 5\n"),
                   "https://slow.example/1": (200, HTML, PAGE), "https://slow.example/2": (200, HTML, PAGE),
                   "https://other.example/1": (200, HTML, PAGE)})
    with web.fetcher(host_delay_seconds=2.0) as fetcher:
        fetcher.fetch_page("https://slow.example/1")  # robots.txt, then the page 5 s later (its Crawl-delay)
        fetcher.fetch_page("https://other.example/1")  # another host: robots.txt (404) and the page 2 s later
        fetcher.fetch_page("https://slow.example/2")  # 5 s after the last request to slow.example
    assert web.slept == [5.0, 2.0, 3.0]  # the last pause is shorter: time passed while other.example was asked


def test_a_page_over_the_size_limit_is_refused_naming_it():
    web = FakeWeb({"https://c.example/big": (200, {**HTML, "transfer-encoding": "chunked"}, b"x" * 2000),
                   "https://c.example/declared": (200, {**HTML, "content-length": "999999"}, b"x")})
    with web.fetcher(max_bytes=1000) as fetcher:
        with pytest.raises(FetchError, match=r"^https://c.example/big: larger than the limit of 1000 bytes"):
            fetcher.fetch_page("https://c.example/big")
        with pytest.raises(FetchError, match=r"^https://c.example/declared: 999999 bytes, more than the limit"):
            fetcher.fetch_page("https://c.example/declared")


def test_http_errors_and_other_content_are_named_and_told_apart():
    web = FakeWeb({"https://d.example/gone": (410, HTML, b""), "https://d.example/busy": (503, HTML, b""),
                   "https://d.example/report.pdf": (200, {"content-type": "application/pdf"}, b"%PDF"),
                   "https://d.example/slow": (0, {}, b"")})
    with web.fetcher(timeout_seconds=3) as fetcher:
        errors = {}
        for path in ("gone", "busy", "report.pdf", "slow"):
            with pytest.raises(FetchError) as caught:
                fetcher.fetch_page(f"https://d.example/{path}")
            errors[path] = caught.value
    assert str(errors["gone"]) == "https://d.example/gone: HTTP 410" and errors["gone"].permanent
    assert str(errors["busy"]) == "https://d.example/busy: HTTP 503" and not errors["busy"].permanent
    assert "not an HTML page (application/pdf)" in str(errors["report.pdf"]) and errors["report.pdf"].permanent
    assert str(errors["slow"]).startswith("https://d.example/slow: timed out after 3 s") and not errors["slow"].permanent


def test_redirects_are_followed_and_each_hop_is_checked_against_robots_txt():
    web = FakeWeb({"https://e.example/robots.txt": (200, {}, b"User-agent: *\nDisallow: /members/\n"),
                   "https://e.example/short": (301, {"location": "/news/long-title"}, b""),
                   "https://e.example/news/long-title": (200, HTML, PAGE),
                   "https://e.example/teaser": (302, {"location": "https://e.example/members/story"}, b"")})
    with web.fetcher() as fetcher:
        response = fetcher.fetch_page("https://e.example/short")
        with pytest.raises(FetchError, match="robots.txt disallows"):
            fetcher.fetch_page("https://e.example/teaser")
    assert response.url == "https://e.example/news/long-title" and response.body == PAGE
    assert "https://e.example/members/story" not in web.requests


def test_feeds_are_fetched_without_robots_txt_and_in_any_content_type():
    web = FakeWeb({"https://f.example/robots.txt": (200, {}, b"User-agent: *\nDisallow: /\n"),
                   "https://f.example/feed": (200, {"content-type": "application/rss+xml"}, b"<rss/>")})
    with web.fetcher() as fetcher:
        assert fetcher.fetch_feed("https://f.example/feed").body == b"<rss/>"
    assert "https://f.example/robots.txt" not in web.requests


def test_a_feed_is_asked_with_its_validators_and_an_unchanged_one_comes_back_empty():
    sent: list[tuple[str | None, str | None]] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append((request.headers.get("If-None-Match"), request.headers.get("If-Modified-Since")))
        if request.headers.get("If-None-Match") == '"7"':
            return httpx.Response(304)
        return httpx.Response(200, headers={"ETag": '"7"', "Last-Modified": "Wed, 22 Mar 2023 10:00:00 GMT"},
                              content=b"<rss/>")

    policy = FetchPolicy(user_agent="Tidings/test", host_delay_seconds=0)
    with PoliteFetcher(policy, transport=httpx.MockTransport(answer)) as fetcher:
        first = fetcher.fetch_feed("https://g.example/feed")
        second = fetcher.fetch_feed("https://g.example/feed", first.validators)
    assert first.validators == {"etag": '"7"', "last-modified": "Wed, 22 Mar 2023 10:00:00 GMT"}
    assert second.not_modified and second.body == b"" and second.validators == first.validators
    assert sent == [(None, None), ('"7"', "Wed, 22 Mar 2023 10:00:00 GMT")]
