"""The local web app: overview (map, timeline, counts, events), story and document pages."""

from tidings.web.app import create_app
from tidings.web.server import serve

__all__ = ["create_app", "serve"]
