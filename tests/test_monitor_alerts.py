"""Alert rules: the bundled defaults, a user file, and each check on events built by hand."""

from __future__ import annotations

import pytest

from tidings.errors import DataError
from tidings.model import Event, Evidence, Location, Size
from tidings.monitor import load_rules
from tidings.monitor.checks import BatchChange, evaluate
from tidings.store._alerts import StoryMember

NOW = "2026-12-04T10:00:00Z"


def event(id: str = "ev_1", type: str = "ASSAULT", sources: int = 1, dead: int | None = None,
          country: str | None = "KEN", story: str | None = "st_1", disputed: list[str] | None = None,
          modality: str = "asserted") -> Event:
    return Event(id=id, type=type, mode=None, quad=4, num_sources=sources, num_documents=sources,
                 size=Size(dead=dead), story_id=story, disputed=disputed or [], modality=modality,
                 location=Location(text="Mombasa", name="Mombasa", country=country) if country else None,
                 date="2023-03-21", confidence=0.9)


def rules_named(*names: str):
    rules = load_rules()
    return type(rules)(tuple(rule for rule in rules.rules if rule.name in names), rules.path)


def fired(rules, change: BatchChange) -> list[tuple[str, str]]:
    return [(alert["rule"], alert["event_id"]) for alert in evaluate(rules, change, NOW)]


def test_the_bundled_rules_load_and_cover_the_four_kinds_of_change():
    checks = {rule.check for rule in load_rules().rules}
    assert checks == {"new_event", "count_rises", "new_in_story", "disputed"}


def test_an_event_alerts_once_when_it_reaches_the_number_of_sources():
    rules = rules_named("corroborated")  # two sources
    assert fired(rules, BatchChange(after=[event(sources=1)])) == []
    assert fired(rules, BatchChange(after=[event(sources=2)], before={"ev_1": event(sources=1)})) == [
        ("corroborated", "ev_1")]
    assert fired(rules, BatchChange(after=[event(sources=2)])) == [("corroborated", "ev_1")]  # new, already two
    assert fired(rules, BatchChange(after=[event(sources=3)], before={"ev_1": event(sources=2)})) == []


def test_a_rising_count_alerts_with_before_and_after():
    rules = rules_named("casualties-rise")
    change = BatchChange(after=[event(dead=5)], before={"ev_1": event(dead=2)},
                         evidence={"ev_1": [Evidence("d1", 0, "Five people were killed.", "killed", 19, 25,
                                                     outlet="Herald", url="http://h.example/1")]})
    (alert,) = evaluate(rules, change, NOW)
    assert alert["change"] == {"size.dead": {"before": 2, "after": 5}}
    assert alert["message"] == "ASSAULT in Mombasa (KEN) on 2023-03-21: dead 2 → 5"
    assert alert["evidence"][0]["url"] == "http://h.example/1" and alert["created"] == NOW
    assert alert["id"].startswith("al_") and alert["event"]["size"]["dead"] == 5
    assert fired(rules, BatchChange(after=[event(dead=2)], before={"ev_1": event(dead=5)})) == []  # a fall
    assert fired(rules, BatchChange(after=[event(dead=None)], before={"ev_1": event(dead=5)})) == []
    assert fired(rules, BatchChange(after=[event(dead=3)], before={"ev_1": event(dead=None)})) == [
        ("casualties-rise", "ev_1")]  # a toll stated for the first time
    assert fired(rules, BatchChange(after=[event(dead=3)])) == []  # a new event has nothing to rise from


def test_a_story_alerts_on_its_first_event_of_a_type_or_in_a_country():
    rules = rules_named("new-type-in-story", "new-country-in-story")
    story = {"st_1": [StoryMember("ev_1", "PROTEST", "KEN", "asserted")]}
    change = BatchChange(after=[event(id="ev_2", type="ASSAULT", country="TZA")], story_before=story)
    assert sorted(fired(rules, change)) == [("new-country-in-story", "ev_2"), ("new-type-in-story", "ev_2")]
    same = BatchChange(after=[event(id="ev_2", type="PROTEST", country="KEN")], story_before=story)
    assert fired(rules, same) == []
    new_story = BatchChange(after=[event(id="ev_2", story="st_2")], story_before=story)
    assert fired(rules, new_story) == []  # nothing to compare with
    unplaced = {"st_1": [StoryMember("ev_1", "PROTEST", None, "asserted")]}
    assert fired(rules_named("new-country-in-story"),
                 BatchChange(after=[event(id="ev_2", type="PROTEST")], story_before=unplaced)) == []


def test_sources_that_start_to_disagree_alert_once():
    rules = rules_named("sources-disagree")
    disputed = event(disputed=["size.dead"])
    disputed.values = {"size.dead": [{"value": 2, "outlet": "A"}, {"value": 3, "outlet": "B"}]}
    (alert,) = evaluate(rules, BatchChange(after=[disputed], before={"ev_1": event()}), NOW)
    assert alert["change"]["disputed"] == {"before": [], "after": ["size.dead"]}
    assert alert["message"].endswith("sources disagree on size.dead 2 / 3")
    assert fired(rules, BatchChange(after=[disputed], before={"ev_1": disputed})) == []


def test_events_said_not_to_have_happened_do_not_alert():
    rules = rules_named("corroborated")
    assert fired(rules, BatchChange(after=[event(sources=2, modality="negated")])) == []
    assert fired(rules, BatchChange(after=[event(sources=2, modality="hypothetical")])) == []


def test_a_user_file_sets_thresholds_and_filters(tmp_path):
    path = tmp_path / "rules.yaml"
    path.write_text("defaults:\n  countries: [UKR]\nrules:\n"
                    "  - {name: any-new, check: new_event, min_sources: 1, types: [assault]}\n")
    rules = load_rules(path)
    assert fired(rules, BatchChange(after=[event(country="UKR")])) == [("any-new", "ev_1")]
    assert fired(rules, BatchChange(after=[event(country="KEN")])) == []
    assert fired(rules, BatchChange(after=[event(type="PROTEST", country="UKR")])) == []


@pytest.mark.parametrize(("text", "message"), [
    ("rules:\n  - {name: x, check: sometimes}\n", "rule 1: 'check' must be one of"),
    ("rules:\n  - {name: x, check: new_event, counts: [dead]}\n", "rule 1 (x): unknown field(s) counts"),
    ("rules:\n  - {name: x, check: count_rises, counts: [wounded]}\n", "'counts' must list some of dead"),
    ("rules:\n  - {name: x, check: disputed}\n  - {name: x, check: disputed}\n", "rule 2: the name 'x' is used twice"),
    ("rules:\n  - {name: x, check: disputed, modalities: [rumoured]}\n", "'modalities' must list some of"),
    ("rules: {}\n", "expected a mapping with a 'rules' list"),
])
def test_a_broken_rule_file_is_named_with_the_rule(tmp_path, text, message):
    path = tmp_path / "rules.yaml"
    path.write_text(text)
    with pytest.raises(DataError, match=str(path)) as caught:
        load_rules(path)
    assert message in str(caught.value)
