"""The local web app: static pages that fetch a read-only JSON API over a Tidings database.

Pages are static files: no data is ever inlined into HTML. The API binds every filter as a query
parameter of the store (never spliced into SQL), and a strict Content-Security-Policy keeps scripts to
our own files, so article text (untrusted) can only ever be shown as text.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib.resources import files
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tidings.events.ontology import Ontology
from tidings.store import Store, open_store
from tidings.web._params import BadParameter, event_filters, paging, valid_id

log = logging.getLogger(__name__)

CSP = ("default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
       "form-action 'self'")
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}
#: Host names accepted by default: loopback only (guards against DNS rebinding).
LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "::1", "[::1]"]


def static_dir() -> Path:
    """Where the pages, scripts, styles and the basemap live (shipped as package data)."""
    return Path(str(files("tidings.web") / "static"))


def _plain(value: Any) -> Any:
    """JSON fallback for model dataclasses nested in store results (e.g. ActorRef in event mentions)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


class DataResponse(JSONResponse):
    """JSON that also accepts the model's dataclasses; non-ASCII kept as is."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, allow_nan=False, default=_plain,
                          separators=(",", ":")).encode("utf-8")


class SecurityHeaders:
    """ASGI middleware adding the CSP and friends to every response."""

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


class Api:
    """Route handlers bound to one database path; each request opens the store read-only."""

    def __init__(self, db_path: str, ontology: Ontology) -> None:
        self.db_path = db_path
        self.types = set(ontology.types)
        self.type_names = list(ontology.types)
        self.static = static_dir()

    @contextmanager
    def store(self) -> Iterator[Store]:
        with open_store(self.db_path, read_only=True) as store:
            yield store

    # -- pages --------------------------------------------------------------------------------
    def overview_page(self, request: Request) -> Response:
        return FileResponse(self.static / "index.html")

    def story_page(self, request: Request) -> Response:
        story_id = _path_id(request, "story_id")
        with self.store() as store:
            if store.story(story_id) is None:
                raise HTTPException(404, f"no story {story_id!r}")
        return FileResponse(self.static / "story.html")

    def doc_page(self, request: Request) -> Response:
        doc_id = _path_id(request, "doc_id")
        with self.store() as store:
            if not store.known_documents([doc_id]):  # existence only: the page fetches the rest
                raise HTTPException(404, f"no document {doc_id!r}")
        return FileResponse(self.static / "doc.html")

    # -- JSON ---------------------------------------------------------------------------------
    def meta(self, request: Request) -> Response:
        with self.store() as store:
            counts = store.counts()
        return JSONResponse({"types": self.type_names, "counts": counts})

    def events(self, request: Request) -> Response:
        filters = event_filters(request.query_params, self.types)
        with self.store() as store:
            found = store.events(**filters)
        return JSONResponse({"count": len(found), "filters": filters, "events": [e.to_dict() for e in found]})

    def stories(self, request: Request) -> Response:
        page = paging(request.query_params)
        with self.store() as store:
            found = store.stories(**page)
        return JSONResponse({"count": len(found), "stories": [s.to_dict() for s in found]})

    def story(self, request: Request) -> Response:
        story_id = _path_id(request, "story_id")
        with self.store() as store:
            found = store.story(story_id)
            if found is None:
                raise HTTPException(404, f"no story {story_id!r}")
            events = store.events(story=story_id)
            documents = store.documents(story=story_id)
        return JSONResponse({"story": found.to_dict(), "events": [e.to_dict() for e in events],
                             "documents": documents})

    def docs(self, request: Request) -> Response:
        params = dict(request.query_params)
        story = valid_id("story", params["story"]) if params.get("story") else None
        page = paging(params)
        with self.store() as store:
            found = store.documents(story=story, **page)
        return JSONResponse({"count": len(found), "documents": found})

    def doc(self, request: Request) -> Response:
        doc_id = _path_id(request, "doc_id")
        with self.store() as store:
            found = store.document(doc_id)
        if found is None:
            raise HTTPException(404, f"no document {doc_id!r}")
        return DataResponse(found)


def _path_id(request: Request, name: str) -> str:
    try:
        return valid_id(name, request.path_params[name])
    except BadParameter:
        raise HTTPException(404, f"no such {name.removesuffix('_id')}") from None


def _json_errors(handler: Callable[[Request], Response]) -> Callable[[Request], Response]:
    def wrapped(request: Request) -> Response:
        try:
            return handler(request)
        except BadParameter as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
    return wrapped


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if request.url.path.startswith("/api/") or exc.status_code != 404:
        return JSONResponse({"error": exc.detail}, status_code=exc.status_code)
    return Response(f"Not found: {exc.detail}", status_code=404, media_type="text/plain")


def create_app(db_path: str, allowed_hosts: list[str] | None = None) -> Starlette:
    """The web app over the database at `db_path` (opened read-only per request).

    `allowed_hosts` are the Host header values accepted (default: loopback names only; ["*"] for any).
    """
    api = Api(str(db_path), Ontology.load())
    routes: list[Any] = [
        Route("/", api.overview_page),
        Route("/stories/{story_id}", api.story_page),
        Route("/docs/{doc_id}", api.doc_page),
        Route("/api/meta", _json_errors(api.meta)),
        Route("/api/events", _json_errors(api.events)),
        Route("/api/stories", _json_errors(api.stories)),
        Route("/api/stories/{story_id}", _json_errors(api.story)),
        Route("/api/docs", _json_errors(api.docs)),
        Route("/api/docs/{doc_id}", _json_errors(api.doc)),
        Mount("/static", StaticFiles(directory=str(api.static)), name="static"),
    ]
    middleware = [Middleware(SecurityHeaders),
                  Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts or LOOPBACK_HOSTS)]
    return Starlette(routes=routes, middleware=middleware, exception_handlers={HTTPException: _http_error})
