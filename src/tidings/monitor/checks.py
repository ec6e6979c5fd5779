"""What changed in a batch, rule by rule: each check compares the events a batch touched with their
state before it, and returns alerts (plain dicts, the JSON line users and the web app read)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from tidings.model import Event, Evidence
from tidings.store._alerts import StoryMember

if TYPE_CHECKING:
    from tidings.monitor.rules import AlertRule, AlertRules

#: Counts a `count_rises` rule may follow (fields of `Size`).
COUNTS = ("dead", "injured", "arrested")
#: What a `new_in_story` rule may follow.
STORY_ATTRIBUTES = ("type", "country")
#: Pieces of evidence an alert carries: the batch's reports of the event, first ones first.
EVIDENCE_PER_ALERT = 5


@dataclass
class BatchChange:
    """One written batch: the events it changed, their state before, and the stories they are in."""

    after: list[Event]
    before: dict[str, Event] = field(default_factory=dict)  # event id -> stored state; absent: new event
    story_before: dict[str, list[StoryMember]] = field(default_factory=dict)  # story id -> its events before
    evidence: dict[str, list[Evidence]] = field(default_factory=dict)  # event id -> the batch's reports


@dataclass(frozen=True)
class Finding:
    """A rule that fired on an event: what changed, said for a person and as data."""

    event: Event
    message: str
    change: dict[str, Any]
    evidence_events: tuple[str, ...] = ()  # events whose evidence the alert shows (default: the event)


Check = Callable[["AlertRule", BatchChange], Iterator[Finding]]


def new_event(rule: AlertRule, batch: BatchChange) -> Iterator[Finding]:
    """An event reaches `min_sources` outlets in this batch (new, or grown past the threshold)."""
    for event in batch.after:
        before = batch.before.get(event.id)
        had = before.num_sources if before else 0
        if event.num_sources >= rule.min_sources > had and rule.looks_at(event):
            state = "new event" if before is None else "event"
            yield Finding(event, f"{state} {_describe(event)}: reported by {event.num_sources} sources",
                          {"num_sources": {"before": had if before else None, "after": event.num_sources}})


def count_rises(rule: AlertRule, batch: BatchChange) -> Iterator[Finding]:
    """A count of a known event goes up (from a smaller number, or from none stated)."""
    for event in batch.after:
        before = batch.before.get(event.id)
        if before is None or not rule.looks_at(event):
            continue
        rises = {}
        for name in rule.counts:
            old, new = getattr(before.size, name), getattr(event.size, name)
            if new is not None and new > (old or 0):
                rises[f"size.{name}"] = {"before": old, "after": new}
        if rises:
            said = ", ".join(f"{field.split('.')[1]} {values['before'] if values['before'] is not None else 'unstated'}"
                             f" → {values['after']}" for field, values in rises.items())
            yield Finding(event, f"{_describe(event)}: {said}", rises)


def new_in_story(rule: AlertRule, batch: BatchChange) -> Iterator[Finding]:
    """A story that had events gets an event of a type (or in a country) none of them had. A story
    new in this batch, or whose events so far say nothing of the attribute, has nothing to compare."""
    known: dict[str, set[str]] = {
        story_id: {value for m in members if m.modality in rule.modalities
                   and (value := _member_attribute(m, rule.attribute)) is not None}
        for story_id, members in batch.story_before.items()}
    by_value: dict[tuple[str, str], list[Event]] = {}
    for event in batch.after:
        value = _attribute(event, rule.attribute)
        seen = known.get(event.story_id or "")
        if value is not None and seen and value not in seen and rule.looks_at(event):
            by_value.setdefault((event.story_id or "", value), []).append(event)
    for (story_id, value), events in by_value.items():
        first = events[0]
        yield Finding(first, f"story {story_id}: first {rule.attribute} {value} ({_describe(first)})",
                      {rule.attribute: {"before": sorted(known[story_id]), "after": value}},
                      tuple(event.id for event in events))


def disputed(rule: AlertRule, batch: BatchChange) -> Iterator[Finding]:
    """Sources start to disagree on a field of an event (a new entry in its `disputed` list)."""
    for event in batch.after:
        before = batch.before.get(event.id)
        earlier = set(before.disputed) if before else set()
        fresh = [name for name in event.disputed if name not in earlier]
        if fresh and rule.looks_at(event):
            values = {name: event.values.get(name) for name in fresh}
            said = "; ".join(f"{name} {' / '.join(_distinct(reports or []))}" for name, reports in values.items())
            yield Finding(event, f"{_describe(event)}: sources disagree on {said}",
                          {"disputed": {"before": sorted(earlier), "after": list(event.disputed)},
                           "values": values})


#: check name -> function; a new check is one function and one line here (and in the loader's table).
CHECKS: dict[str, Check] = {"new_event": new_event, "count_rises": count_rises, "new_in_story": new_in_story,
                            "disputed": disputed}


def evaluate(rules: AlertRules, batch: BatchChange, created: str) -> list[dict[str, Any]]:
    """Every alert the rules raise on this batch, as JSON-ready dicts stamped `created` (ISO UTC)."""
    alerts = []
    for rule in rules.rules:
        for finding in CHECKS[rule.check](rule, batch):
            alerts.append(_alert(rule, finding, batch, created))
    return alerts


def _alert(rule: AlertRule, finding: Finding, batch: BatchChange, created: str) -> dict[str, Any]:
    event = finding.event
    change = json.dumps(finding.change, sort_keys=True, default=str)
    digest = hashlib.sha256(f"{rule.name}\n{event.id}\n{event.story_id}\n{change}".encode()).hexdigest()
    evidence = [item for event_id in finding.evidence_events or (event.id,)
                for item in batch.evidence.get(event_id, [])][:EVIDENCE_PER_ALERT]
    summary = {key: value for key, value in asdict(event).items() if key != "mentions"}
    return {"id": f"al_{digest[:12]}", "created": created, "rule": rule.name, "check": rule.check,
            "event_id": event.id, "story_id": event.story_id, "message": finding.message,
            "change": finding.change, "event": summary,
            "evidence": [{"doc_id": e.doc_id, "sentence": e.sentence, "trigger": e.trigger, "outlet": e.outlet,
                          "url": e.url, "published": e.published} for e in evidence]}


def _attribute(event: Event, attribute: str) -> str | None:
    if attribute == "country":
        return event.location.country if event.location else None
    return event.type


def _member_attribute(member: StoryMember, attribute: str) -> str | None:
    return member.country if attribute == "country" else member.type


def _distinct(reports: list[Any]) -> list[str]:
    """The different values sources gave for a field, in order ("2 / 3"; a place by its name)."""
    said: list[str] = []
    for report in reports:
        value = report.get("name") or report.get("value") if isinstance(report, dict) else report
        if str(value) not in said:
            said.append(str(value))
    return said


def _describe(event: Event) -> str:
    """"ASSAULT firearms in Sloviansk (UKR) on 2014-04-13": an event in a few words."""
    what = f"{event.type} {event.mode}" if event.mode else event.type
    where = ""
    if event.location is not None:
        name = event.location.name or event.location.text
        where = f" in {name}" + (f" ({event.location.country})" if event.location.country else "")
    when = f" on {event.date}" if event.date else ""
    return f"{what}{where}{when}"
