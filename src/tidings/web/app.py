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

from tidings.events.ontology import Ontology
from tidings.export import NothingToExport
from tidings.model import MODALITIES
from tidings.store import Store, open_store
from tidings.web._downloads import DOWNLOADS, render_download
from tidings.web._middleware import ErrorBoundary, SecurityHeaders
from tidings.web._params import BadParameter, event_filters, paging, valid_id

log = logging.getLogger(__name__)

#: Modalities of acts the article does not report as happening: set apart, hidden until asked for.
SET_APART = ("negated", "hypothetical", "denied")
#: Rows of the event list per page when the page does not say.
PAGE_SIZE = 50
#: Points on the map at most (each a few fields, not a whole event).
MAX_POINTS = 100_000

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


class Api:
    """Route handlers bound to one database path; each request opens the store read-only (the file,
    or the snapshot of its last committed batch while a run writes it: `store._sharing`)."""

    def __init__(self, db_path: str, ontology: Ontology) -> None:
        self.db_path = db_path
        self.ontology = ontology
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

    def alerts_page(self, request: Request) -> Response:
        return FileResponse(self.static / "new.html")

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
            live = store.source != store.path
        return JSONResponse({"types": self.type_names, "counts": counts, "modalities": list(MODALITIES),
                             "set_apart": list(SET_APART), "live": live})

    def events(self, request: Request) -> Response:
        """A page of events (`limit`, default PAGE_SIZE) and how many match in all (`total`)."""
        filters = event_filters(request.query_params, self.types)
        if "limit" not in request.query_params:
            filters["limit"] = PAGE_SIZE
        with self.store() as store:
            found = store.events(**filters)
            total = store.count_events(**filters)
        return JSONResponse({"count": len(found), "total": total, "filters": filters,
                             "events": [e.to_dict() for e in found]})

    def points(self, request: Request) -> Response:
        """Every matching event's type, date, place and coordinates: what the map and timeline draw."""
        filters = event_filters(request.query_params, self.types)
        filters.pop("offset")
        filters["limit"] = MAX_POINTS
        with self.store() as store:
            found = store.event_points(**filters)
        return JSONResponse({"count": len(found), "points": found})

    def alerts(self, request: Request) -> Response:
        page = paging(request.query_params)
        with self.store() as store:
            found = store.alerts(limit=min(page["limit"], 1000), offset=page["offset"])
        return JSONResponse({"count": len(found), "alerts": found})

    def download(self, request: Request) -> Response:
        """The current filter as CSV, GeoJSON or ACLED (every matching event, not one page)."""
        name = request.path_params["name"]
        if name not in DOWNLOADS:
            raise HTTPException(404, f"no download {name[:40]!r}; one of {', '.join(DOWNLOADS)}")
        filters = event_filters(request.query_params, self.types)
        if "limit" not in request.query_params:
            filters["limit"] = None
        with self.store() as store:
            found = store.events(**filters)
        try:
            body, filename, media_type = render_download(name, found, self.ontology)
        except NothingToExport as exc:
            return JSONResponse({"error": str(exc).splitlines()[0]}, status_code=404)
        return Response(body, media_type=media_type,
                        headers={"content-disposition": f'attachment; filename="{filename}"'})

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
        Route("/new", api.alerts_page),
        Route("/api/meta", _json_errors(api.meta)),
        Route("/api/events", _json_errors(api.events)),
        Route("/api/points", _json_errors(api.points)),
        Route("/api/alerts", _json_errors(api.alerts)),
        Route("/api/download/{name}", _json_errors(api.download)),
        Route("/api/stories", _json_errors(api.stories)),
        Route("/api/stories/{story_id}", _json_errors(api.story)),
        Route("/api/docs", _json_errors(api.docs)),
        Route("/api/docs/{doc_id}", _json_errors(api.doc)),
        Mount("/static", StaticFiles(directory=str(api.static)), name="static"),
    ]
    middleware = [Middleware(SecurityHeaders), Middleware(ErrorBoundary),
                  Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts or LOOPBACK_HOSTS)]
    return Starlette(routes=routes, middleware=middleware, exception_handlers={HTTPException: _http_error})
