"""Polite HTTP fetching: a User-Agent naming Tidings, timeouts, a size limit, robots.txt (RFC 9309, read
with `urllib.robotparser`), and one request at a time with a pause between two requests to one host.

Every failure is a `FetchError` whose message names the URL, so that a watch can report it on one line
and go on. `FetchError.permanent` tells a page that will not change its answer (robots.txt forbids it,
HTTP 404, not HTML) from a passing trouble (a timeout, HTTP 503), which the next pass tries again."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from tidings.errors import InputError

log = logging.getLogger(__name__)

#: Redirects followed per fetch; each hop is checked against robots.txt and paced like a request.
MAX_REDIRECTS = 5
#: Content types read as pages (a feed may link a PDF or a video: those are skipped).
HTML_TYPES = ("text/html", "application/xhtml+xml")
#: robots.txt files are small; a larger one is read up to this size (RFC 9309 asks for at least 500 KiB).
ROBOTS_MAX_BYTES = 512_000
_REDIRECT_STATUSES = (301, 302, 303, 307, 308)


class FetchError(InputError):
    """A URL that could not be fetched; the message names it."""

    def __init__(self, message: str, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


@dataclass(frozen=True)
class Response:
    """What a fetch brought back: the final URL (after redirects), the body and its content type;
    for a feed, the validators (ETag, Last-Modified) that let the next fetch ask "changed since?"."""

    url: str
    body: bytes
    content_type: str
    validators: dict[str, str] = field(default_factory=dict)
    not_modified: bool = False  # HTTP 304: the feed is as it was when `validators` were given


@dataclass
class FetchPolicy:
    """How politely to fetch (the `watch_*` settings)."""

    user_agent: str
    timeout_seconds: float = 20.0
    max_bytes: int = 5_000_000
    host_delay_seconds: float = 2.0


@dataclass
class _Host:
    robots: RobotFileParser | None = None
    last_request: float | None = None  # time.monotonic() of the last request sent
    delay: float = 0.0


@dataclass
class PoliteFetcher:
    """One HTTP client for a watch: requests go one at a time, each host paced, robots.txt read once a host.

    `sleep` and `clock` are injectable so that tests need not wait."""

    policy: FetchPolicy
    transport: httpx.BaseTransport | None = None
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    _hosts: dict[str, _Host] = field(default_factory=dict)
    _client: httpx.Client | None = None

    def __enter__(self) -> "PoliteFetcher":
        self._client = httpx.Client(
            headers={"User-Agent": self.policy.user_agent},
            timeout=self.policy.timeout_seconds, follow_redirects=False, transport=self.transport)
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def forget_robots(self) -> None:
        """Read robots.txt again on the next request to each host (a watch calls it once a pass)."""
        for host in self._hosts.values():
            host.robots = None

    def fetch_feed(self, url: str, validators: dict[str, str] | None = None) -> Response:
        """A feed document (any content type: servers label feeds in many ways). Feeds are published
        for machines to read, so robots.txt is not consulted for them, as feed readers do. With the
        `validators` of an earlier fetch, the request is conditional and an unchanged feed comes back
        `not_modified`, without a body."""
        conditions = {header: value for header, value in (
            ("If-None-Match", (validators or {}).get("etag")),
            ("If-Modified-Since", (validators or {}).get("last-modified"))) if value}
        response = self._fetch(url, check_robots=False, headers=conditions)
        return replace(response, validators=dict(validators or {})) if response.not_modified else response

    def fetch_page(self, url: str) -> Response:
        """An article page, if robots.txt allows it and it is HTML."""
        response = self._fetch(url, check_robots=True)
        if response.content_type and response.content_type not in HTML_TYPES:
            raise FetchError(f"{url}: not an HTML page ({response.content_type}), skipped", permanent=True)
        return response

    # -- the request itself ---------------------------------------------------------------------

    def _fetch(self, url: str, check_robots: bool, headers: dict[str, str] | None = None) -> Response:
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            if urlsplit(current).scheme not in ("http", "https"):
                raise FetchError(f"{url}: only http and https URLs are fetched ({current})", permanent=True)
            if check_robots and not self._allowed(current):
                raise FetchError(f"{current}: robots.txt disallows fetching it for {self.policy.user_agent!r}, "
                                 "skipped", permanent=True)
            status, answer, body = self._get(current, self.policy.max_bytes, where=url, headers=headers)
            if status in _REDIRECT_STATUSES and answer.get("location"):
                current = urljoin(current, answer["location"])
                continue
            if status == 304:
                return Response(url=current, body=b"", content_type="", not_modified=True)
            if status >= 400:
                raise FetchError(f"{url}: HTTP {status}", permanent=400 <= status < 500 and status != 429)
            content_type = answer.get("content-type", "").split(";")[0].strip().lower()
            validators = {name: answer[name] for name in ("etag", "last-modified") if name in answer}
            return Response(url=current, body=body, content_type=content_type, validators=validators)
        raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects", permanent=True)

    def _get(self, url: str, max_bytes: int, where: str,
             headers: dict[str, str] | None = None) -> tuple[int, httpx.Headers, bytes]:
        """One paced GET, its body read up to `max_bytes` (a larger body is refused, unread)."""
        assert self._client is not None, "PoliteFetcher used outside `with`"
        self._wait_for(url)
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > max_bytes:
                    raise FetchError(f"{where}: {declared} bytes, more than the limit of {max_bytes}", permanent=True)
                chunks, size = [], 0
                if response.status_code < 300:
                    for chunk in response.iter_bytes():
                        size += len(chunk)
                        if size > max_bytes:
                            raise FetchError(f"{where}: larger than the limit of {max_bytes} bytes", permanent=True)
                        chunks.append(chunk)
                return response.status_code, response.headers, b"".join(chunks)
        except httpx.TimeoutException as exc:
            raise FetchError(f"{where}: timed out after {self.policy.timeout_seconds:g} s "
                             f"({type(exc).__name__})") from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"{where}: {type(exc).__name__}: {_short(str(exc))}") from exc

    def _wait_for(self, url: str) -> None:
        """Pause until this host may be asked again, then note the request."""
        host = self._host(url)
        if host.last_request is not None:
            wait = max(self.policy.host_delay_seconds, host.delay) - (self.clock() - host.last_request)
            if wait > 0:
                self.sleep(wait)
        host.last_request = self.clock()

    # -- robots.txt -----------------------------------------------------------------------------

    def _host(self, url: str) -> _Host:
        parts = urlsplit(url)
        return self._hosts.setdefault(f"{parts.scheme}://{parts.netloc}".lower(), _Host())

    def _allowed(self, url: str) -> bool:
        host = self._host(url)
        if host.robots is None:
            host.robots = self._read_robots(url)
            host.delay = float(host.robots.crawl_delay(self.policy.user_agent) or 0)
        if host.robots.disallow_all and not host.robots.mtime():
            raise FetchError(f"{url}: the host's robots.txt could not be read; tried again next pass")
        return host.robots.can_fetch(self.policy.user_agent, url)

    def _read_robots(self, url: str) -> RobotFileParser:
        """The host's rules (RFC 9309 §2.3.1): redirects followed, a 4xx answer allows everything, a
        server error or no answer forbids everything for now (marked by a parser never `modified`)."""
        parts = urlsplit(url)
        robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
        parser = RobotFileParser(robots_url)
        status, body, current = 503, b"", robots_url
        try:
            for _ in range(MAX_REDIRECTS + 1):
                status, headers, body = self._get(current, ROBOTS_MAX_BYTES, where=current)
                if status not in _REDIRECT_STATUSES or not headers.get("location"):
                    break
                current = urljoin(current, headers["location"])
        except FetchError as exc:
            log.info("%s", exc)
            status = 503
        if status >= 500 or status in _REDIRECT_STATUSES:
            parser.disallow_all = True
            return parser
        if 400 <= status < 500:
            parser.allow_all = True
        else:
            parser.parse(body.decode("utf-8", errors="replace").splitlines())
        parser.modified()  # a parser never `modified` answers False to everything
        return parser


def _short(message: str, limit: int = 160) -> str:
    message = " ".join(message.split())
    return message if len(message) <= limit else message[: limit - 1] + "…"
