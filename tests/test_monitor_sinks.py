"""Alert sinks: JSON lines to a stream and a file, a webhook retried with back-off a bounded number of times."""

from __future__ import annotations

import io
import json

import httpx

from tidings.monitor import FileSink, StreamSink, WebhookSink

ALERTS = [{"id": "al_1", "rule": "corroborated", "message": "two sources"}, {"id": "al_2", "rule": "x"}]


def webhook(answers: list[int], errors: list[str], sleeps: list[float], attempts: int = 4):
    received: list[dict] = []

    def answer(request: httpx.Request) -> httpx.Response:
        received.append(json.loads(request.content))
        status = answers.pop(0) if answers else 200
        return httpx.Response(status)

    sink = WebhookSink("http://hooks.example/in", on_error=errors.append, attempts=attempts, backoff_seconds=0.5,
                       sleep=sleeps.append, transport=httpx.MockTransport(answer))
    return sink, received


def test_stream_and_file_sinks_write_one_json_line_per_alert(tmp_path):
    stream = io.StringIO()
    StreamSink(stream).send(ALERTS)
    path = tmp_path / "alerts.jsonl"
    sink = FileSink(path, on_error=lambda line: None)
    sink.send(ALERTS[:1])
    sink.send(ALERTS[1:])  # appended
    assert [json.loads(line) for line in stream.getvalue().splitlines()] == ALERTS
    assert [json.loads(line) for line in path.read_text().splitlines()] == ALERTS


def test_a_file_that_cannot_be_written_is_named_once(tmp_path):
    errors: list[str] = []
    FileSink(tmp_path / "no-such-folder" / "a.jsonl", on_error=errors.append).send(ALERTS)
    assert len(errors) == 1 and "no-such-folder" in errors[0]


def test_a_webhook_is_retried_with_exponential_back_off():
    errors: list[str] = []
    sleeps: list[float] = []
    sink, received = webhook([503, 502, 200], errors, sleeps)
    sink.send(ALERTS[:1])
    assert [alert["id"] for alert in received] == ["al_1", "al_1", "al_1"]
    assert sleeps == [0.5, 1.0] and errors == []


def test_a_webhook_that_keeps_failing_is_given_up_after_the_last_try_and_named():
    errors: list[str] = []
    sleeps: list[float] = []
    sink, received = webhook([500] * 10, errors, sleeps, attempts=3)
    sink.send(ALERTS)
    assert len(received) == 6 and sleeps == [0.5, 1.0, 0.5, 1.0]  # each alert: three tries
    assert errors == ["http://hooks.example/in: alert al_1 not delivered after 3 tries (HTTP 500); it stays in the store",
                      "http://hooks.example/in: alert al_2 not delivered after 3 tries (HTTP 500); it stays in the store"]


def test_a_webhook_that_refuses_the_alert_is_not_asked_again():
    errors: list[str] = []
    sink, received = webhook([400], errors, [])
    sink.send(ALERTS[:1])
    assert len(received) == 1 and "after 1 try (HTTP 400)" in errors[0]


def test_a_webhook_nobody_listens_to_is_named_without_stopping():
    errors: list[str] = []
    sink = WebhookSink("http://127.0.0.1:9/hook", on_error=errors.append, attempts=2, backoff_seconds=0,
                       sleep=lambda seconds: None, timeout_seconds=2)
    sink.send(ALERTS[:1])
    assert len(errors) == 1 and errors[0].startswith("http://127.0.0.1:9/hook: alert al_1 not delivered after 2 tries (Connect")
