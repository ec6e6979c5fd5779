"""ASGI middleware: security headers on every response, and errors that never show a traceback.

Starlette's own handler for unexpected errors sits outside every user middleware, so its 500s went out
without our headers (issue 17). `ErrorBoundary` sits inside `SecurityHeaders` and answers first: a
database held too long by a writer is a 503 with Retry-After, a store error is one line, a bug is a
plain 500 whose traceback goes to the server's log only.
"""

from __future__ import annotations

import json
import logging

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tidings.errors import DatabaseBusyError, StoreError

log = logging.getLogger(__name__)

CSP = ("default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
       "form-action 'self'")
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}
#: Seconds a client is asked to wait before retrying a 503.
RETRY_AFTER_SECONDS = 2


class SecurityHeaders:
    """Adds the CSP and friends to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.extend((k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items())
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class ErrorBoundary:
    """Turns an exception escaping a handler into a short JSON error (the traceback is logged)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:  # noqa: BLE001 - the web boundary: logged whole, answered in one line
            if started:  # too late for another status line: let the server close the connection
                raise
            status, message, headers = _describe(exc, scope.get("path", ""))
            body = json.dumps({"error": message}).encode("utf-8")
            await send({"type": "http.response.start", "status": status,
                        "headers": [(b"content-type", b"application/json"),
                                    (b"content-length", str(len(body)).encode()), *headers]})
            await send({"type": "http.response.body", "body": body})


def _describe(exc: Exception, path: str) -> tuple[int, str, list[tuple[bytes, bytes]]]:
    """Status, message and extra headers for an exception a handler let through."""
    if isinstance(exc, DatabaseBusyError):
        log.warning("%s: %s", path, exc)
        return 503, f"{exc} (try again shortly)", [(b"retry-after", str(RETRY_AFTER_SECONDS).encode())]
    if isinstance(exc, StoreError):
        log.warning("%s: %s", path, exc)
        return 500, str(exc).splitlines()[0], []
    log.error("internal error answering %s", path, exc_info=exc)
    return 500, "internal error (a bug in Tidings; the traceback is in the server's log)", []
