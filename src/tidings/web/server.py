"""`tidings serve`: run the web app with uvicorn."""

from __future__ import annotations

import ipaddress
import logging

from tidings.web.app import LOOPBACK_HOSTS, create_app

log = logging.getLogger(__name__)


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and "localhost"."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(db_path: str, host: str = "127.0.0.1", port: int = 8765) -> None:
    """Serve the app over `db_path` until interrupted; warn when reachable beyond this machine."""
    import uvicorn

    if is_loopback(host):
        allowed = [*LOOPBACK_HOSTS, host]
    else:
        log.warning("serving on %s: the database is readable by anyone who can reach this address "
                    "(use --host 127.0.0.1 to keep it on this machine)", host)
        allowed = ["*"]
    app = create_app(db_path, allowed_hosts=allowed)
    log.info("Tidings web app on http://%s:%d/ (database %s, read-only)", host, port, db_path)
    uvicorn.run(app, host=host, port=port, log_level="warning")
