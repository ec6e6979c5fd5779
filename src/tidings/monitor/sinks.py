"""Where alerts go once stored: a stream (stdout), a file (JSON lines, appended), a webhook (one POST
of JSON per alert, retried with exponential back-off, a bounded number of times). A sink that fails
reports one line and never stops the watch: the alerts stay in the store (`tidings alerts`)."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TextIO

import httpx

from tidings.config import Settings

#: HTTP answers worth trying again: the receiver is busy or failing, not refusing the alert.
_RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})


class AlertSink(Protocol):
    def send(self, alerts: list[dict[str, Any]]) -> None:
        """Deliver `alerts`; report failures through the sink's own `on_error`, never raise."""


def alert_line(alert: dict[str, Any]) -> str:
    """One alert as one JSON line (the shape of `tidings alerts --format jsonl`)."""
    return json.dumps(alert, ensure_ascii=False, default=str) + "\n"


@dataclass
class StreamSink:
    """JSON lines to an open text stream (the CLI passes stdout)."""

    stream: TextIO

    def send(self, alerts: list[dict[str, Any]]) -> None:
        for alert in alerts:
            self.stream.write(alert_line(alert))
        self.stream.flush()


@dataclass
class FileSink:
    """JSON lines appended to a file, so that another program can follow it (`tail -f`)."""

    path: Path
    on_error: Callable[[str], None]

    def send(self, alerts: list[dict[str, Any]]) -> None:
        if not alerts:
            return
        try:
            with open(self.path, "a", encoding="utf-8") as handle:
                handle.writelines(alert_line(alert) for alert in alerts)
        except OSError as exc:
            self.on_error(f"{self.path}: cannot write alerts ({exc.strerror or exc})")


@dataclass
class WebhookSink:
    """POST each alert as JSON to `url`; retry a failed delivery after `backoff`, 2×, 4×… seconds."""

    url: str
    on_error: Callable[[str], None]
    user_agent: str = "Tidings"
    attempts: int = 5
    backoff_seconds: float = 1.0
    timeout_seconds: float = 10.0
    sleep: Callable[[float], None] = time.sleep
    transport: httpx.BaseTransport | None = None

    def send(self, alerts: list[dict[str, Any]]) -> None:
        if not alerts:
            return
        with httpx.Client(timeout=self.timeout_seconds, transport=self.transport,
                          headers={"User-Agent": self.user_agent}) as client:
            for alert in alerts:
                self._deliver(client, alert)

    def _deliver(self, client: httpx.Client, alert: dict[str, Any]) -> None:
        body = alert_line(alert).encode("utf-8")
        problem = ""
        for attempt in range(1, max(1, self.attempts) + 1):
            if attempt > 1:
                self.sleep(self.backoff_seconds * 2 ** (attempt - 2))
            try:
                response = client.post(self.url, content=body, headers={"Content-Type": "application/json"})
            except httpx.HTTPError as exc:
                problem = f"{type(exc).__name__}: {' '.join(str(exc).split())[:120]}"
                continue
            if response.status_code < 300:
                return
            problem = f"HTTP {response.status_code}"
            if response.status_code not in _RETRY_STATUSES:
                break
        self.on_error(f"{self.url}: alert {alert['id']} not delivered after {attempt} "
                      f"tr{'y' if attempt == 1 else 'ies'} ({problem}); it stays in the store")


def alert_sinks(settings: Settings, stream: TextIO | None, path: Path | None, webhook: str | None,
                on_error: Callable[[str], None]) -> list[AlertSink]:
    """The sinks a watch was asked for, in the order alerts reach them: stream, file, webhook."""
    sinks: list[AlertSink] = [StreamSink(stream)] if stream is not None else []
    if path is not None:
        sinks.append(FileSink(path, on_error))
    if webhook is not None:
        sinks.append(WebhookSink(webhook, on_error, user_agent=settings.watch_user_agent,
                                 attempts=settings.watch_webhook_attempts,
                                 backoff_seconds=settings.watch_webhook_backoff_seconds,
                                 timeout_seconds=settings.watch_timeout_seconds))
    return sinks
