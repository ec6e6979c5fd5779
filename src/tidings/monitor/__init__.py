"""Monitoring: `tidings watch` takes in folders and RSS / Atom feeds pass after pass, runs what is new
through the run loop, and raises alerts on what changed; `tidings alerts` lists them (docs/monitoring.md)."""

from tidings.monitor._time import parse_duration, parse_since
from tidings.monitor.history import past_alerts
from tidings.monitor.rules import AlertRule, AlertRules, load_rules
from tidings.monitor.sinks import FileSink, StreamSink, WebhookSink, alert_sinks
from tidings.monitor.sources import parse_sources
from tidings.monitor.watching import PassSummary, Watch

__all__ = [
    "AlertRule",
    "AlertRules",
    "FileSink",
    "PassSummary",
    "StreamSink",
    "Watch",
    "WebhookSink",
    "alert_sinks",
    "load_rules",
    "parse_duration",
    "parse_since",
    "parse_sources",
    "past_alerts",
]
