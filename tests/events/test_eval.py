"""The event scorers, on gold data written here (`tests/gold/events_mini`), and, when ../shared is
present, against the official scorer's rules and the development set."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tidings.cli import app
from tidings.eval._arguments import date_agrees, location_agrees, sector_agrees
from tidings.eval._matching import one_to_one, sentence_overlap
from tidings.eval.event_errors import error_line
from tidings.eval.event_report import report_text
from tidings.eval.events import case_label, classification_scores, load_gold_events, score_events
from tidings.events import Ontology
from tidings.model import ActorRef, Event, EventMention, Evidence, Location, Report, Size

MINI = Path(__file__).resolve().parents[1] / "gold" / "events_mini"
runner = CliRunner()


@pytest.fixture(scope="module")
def mini():
    return load_gold_events(MINI)


def _sentence(gold, article: str, starts: str) -> str:
    """A sentence of a mini-set article, by its first words."""
    text = gold.articles[article]["text"]
    return next(line for line in text.splitlines() if line.startswith(starts))


def _event(eid: str, type_: str, mentions: list[tuple[str, str]], mode: str | None = None, **fields) -> Event:
    """A merged event with one mention per (article, sentence); article ids stand for document ids."""
    evidence = [Evidence(doc, i, sentence, sentence.split()[1], 0, 1) for i, (doc, sentence) in enumerate(mentions)]
    return Event(id=eid, type=type_, mode=mode, quad=1, mentions=evidence, **fields)


def test_optional_gold_is_neutral(mini):
    assault = _event("ev_a", "ASSAULT", [("m01", _sentence(mini, "m01", "ACCRA"))], "crowd-control")
    condemnation = _event("ev_b", "ACCUSE", [("m01", _sentence(mini, "m01", "Opposition"))])
    scores = score_events(mini, [assault, condemnation])
    assert scores["gold"]["scored"] == 5 and scores["gold"]["optional"] == 2
    # the condemnation matched an optional line: neither a hit nor a false alarm; nobody misses it
    assert scores["article_event"] == {"precision": 1.0, "recall": 0.2, "f1": pytest.approx(1 / 3, abs=1e-6), "tp": 1}
    assert scores["mention"]["precision"] == 1.0 and scores["mention"]["recall"] == 0.2


def test_alternative_types_and_modes_count_as_right(mini):
    meeting = _event("ev_m", "AGREE", [("m01", _sentence(mini, "m01", "The union"))], "meet", modality="planned")
    march = _event("ev_p", "PROTEST", [("m01", _sentence(mini, "m01", "The teachers"))], "strike")
    scores = score_events(mini, [meeting, march], errors=True)
    assert scores["article_event"]["tp"] == 2 and scores["article_event"]["precision"] == 1.0
    assert scores["arguments"]["mode"] == {"right": 2, "scored": 2, "accuracy": 1.0}  # "strike" is an alt
    assert scores["arguments"]["modality"]["accuracy"] == 1.0  # the meeting planned, the march asserted
    assert scores["per_type"]["AGREE"]["precision"] == 1.0 and scores["per_type"]["CONSULT"]["recall"] == 1.0


def test_restatement_sentence_matches_through_other_evidence(mini):
    later = _event("ev_a", "ASSAULT", [("m01", _sentence(mini, "m01", "The tear gas"))], "crowd-control")
    assert score_events(mini, [later])["article_event"]["tp"] == 1


def test_one_event_told_twice_is_one_unit_and_two_events_are_a_false_alarm(mini):
    lead, toll = _sentence(mini, "m01", "ACCRA"), _sentence(mini, "m01", "The tear gas")
    merged = _event("ev_a", "ASSAULT", [("m01", lead), ("m01", toll)], "crowd-control")
    scores = score_events(mini, [merged], errors=True)
    assert scores["article_event"]["precision"] == 1.0 and scores["mention"]["precision"] == 0.5
    assert [e["tag"] for e in scores["errors"] if e["tag"].startswith("FA")] == ["FA-MENTION"]
    split = [_event("ev_a", "ASSAULT", [("m01", lead)]), _event("ev_b", "ASSAULT", [("m01", toll)])]
    scores = score_events(mini, split, errors=True)
    assert scores["article_event"]["precision"] == 0.5
    alarm = next(e for e in scores["errors"] if e["tag"] == "FA")
    assert alarm["why"].startswith("restates gold ASSAULT [m-accra-tear-gas]")


def test_matching_is_one_to_one():
    assert one_to_one([(1.0, 0, 0), (1.0, 0, 1), (0.9, 1, 0)]) == [(0, 0)]
    assert one_to_one([(0.6, 0, 0), (1.5, 0, 1), (0.7, 1, 0)]) == [(0, 1), (1, 0)]


def test_sentence_overlap_folds_case_quotes_and_dashes():
    gold = ["Police fired \u201ctear gas\u201d at teachers \u2013 witnesses said."]
    assert sentence_overlap(gold, 'police fired "tear gas" at teachers - witnesses said.') is not None
    assert sentence_overlap(gold, "Police fired tear gas") is not None  # contained, 4 tokens
    assert sentence_overlap(gold, "Police fired") is None  # too short to count as contained
    assert sentence_overlap(gold, "Teachers marched to parliament on Tuesday.") is None


def test_argument_rules():
    assert date_agrees("2031-03", "2031-03-04", "day") and not date_agrees("2031-03-04", "2031-03-04", "month")
    assert date_agrees("2031-W10", "2031-03-04", "day") and not date_agrees("2031-03-04", None)
    assert sector_agrees("POLICE", [ActorRef("police", sector="COP")])
    assert sector_agrees("GOV", [ActorRef("the court", sector="JUD")]) and sector_agrees("OTHER", []) is None
    assert not sector_agrees("MIL", [ActorRef("police", sector="COP")])
    assert location_agrees({"location": "Accra"}, Location("the Ghanaian capital", name="Accra"))
    assert location_agrees({"location_country": "GHA"}, Location("Kumasi", country="GHA"))
    assert location_agrees({"location": None}, None) is None


def test_errors_name_false_alarms_misses_and_wrong_arguments(mini):
    expel = _event("ev_s", "SANCTION", [("m02", _sentence(mini, "m02", "Ghana's"))], "expel", date="2031-03-09",
                   date_precision="day", source=[ActorRef("Ghana's foreign ministry", country="GHA", sector="GOV")])
    wrong_type = _event("ev_c", "CONSULT", [("m02", _sentence(mini, "m02", "The ministry"))], "meet")
    football = _event("ev_f", "ASSAULT", [("m03", _sentence(mini, "m03", "The striker"))], "firearms")
    scores = score_events(mini, [expel, wrong_type, football], errors=True)
    lines = [error_line(e) for e in scores["errors"]]
    assert any(line.startswith("ARG date") and "gold 2031-03-10" in line and "ours 2031-03-09 (day)" in line
               for line in lines)
    miss = next(line for line in lines if line.startswith("MISS") and "m-ghana-accuses-diplomats" in line)
    assert 'we predicted: CONSULT/meet "ministry" ev_c' in miss and miss.endswith("in secret.")
    alarm = next(line for line in lines if line.startswith("FA") and " m03 " in line)
    assert "(no gold line in this sentence)" in alarm and alarm.endswith("never recovered.")
    assert all("\n" not in line for line in lines)


def test_an_argument_error_shows_the_value_its_article_gave(mini):
    """The error line names what was scored: the mention's own report, not the merged event's value."""
    sentence = _sentence(mini, "m02", "Ghana's")
    report = Report("m02", 0, sentence, sentence.split()[1], 0, 1, date="2031-03-08", date_precision="day")
    expel = Event(id="ev_s", type="SANCTION", mode="expel", quad=1, mentions=[report], date="2031-03-10",
                  date_precision="day")
    lines = [error_line(e) for e in score_events(mini, [expel], errors=True)["errors"]]
    assert any(line.startswith("ARG date") and "ours 2031-03-08 (day)" in line for line in lines)


def test_report_prints_one_error_a_line_after_the_tables(mini):
    wrong_type = _event("ev_c", "CONSULT", [("m02", _sentence(mini, "m02", "The ministry"))], "meet")
    text = report_text(score_events(mini, [wrong_type], errors=True))
    out = text.splitlines()
    assert out[-1].startswith("events: article-event F1 0.000") and "modality n/a on matched" in out[-1]
    assert any(line.startswith("article-event (type + a sentence)") for line in out)
    start = next(i for i, line in enumerate(out) if line.startswith("== errors"))
    errors = [line for line in out[start + 1:-1] if line]
    assert [line.split()[:2] for line in errors] == [["MISS", "m01"]] * 3 + [["FA", "m02"]] + [["MISS", "m02"]] * 2
    assert "== errors" not in report_text(score_events(mini, [wrong_type]))


def test_eval_events_cli_gives_figures_and_errors_as_json():
    result = runner.invoke(app, ["eval", "events", "--gold", str(MINI), "--errors", "--format", "json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["gold"]["scored"] == 5 and {"article_event", "mention", "per_type", "arguments"} <= set(figures)
    assert figures["errors"] and all(e["tag"] in ("FA", "FA-MENTION", "MISS", "ARG") and e["sentence"]
                                     for e in figures["errors"])
    # the football report holds no gold line: whatever we predict there is a false alarm
    assert all(e["tag"] == "FA" for e in figures["errors"] if e["article"] == "m03")


def test_errors_option_is_refused_where_there_are_none(tmp_path):
    result = runner.invoke(app, ["eval", "stories", "--gold", str(tmp_path), "--errors"])
    assert result.exit_code == 2  # a usage error (issue 15's exit statuses); the message goes to stderr


# -- against the official scorer and the development set (skipped without ../shared) -----------
def _official(shared_dir: Path, monkeypatch):
    path = shared_dir / "tools" / "score_events.py"
    if not path.is_file():
        pytest.skip("the official event scorer is absent")
    monkeypatch.syspath_prepend(str(path.parent))  # it imports its evalkit beside it
    spec = importlib.util.spec_from_file_location("official_score_events", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_sentence_matching_agrees_with_the_official_scorer(shared_dir, monkeypatch):
    official = _official(shared_dir, monkeypatch)
    gold = load_gold_events(shared_dir / "eval" / "news_events_dev")
    by_article: dict[str, list[str]] = {}
    for line in gold.events:
        by_article.setdefault(line["article_id"], []).append(line["evidence"])
    compared = 0
    for line in gold.events:
        sentences = [line["evidence"], *(line.get("other_evidence") or [])]
        for other in by_article[line["article_id"]] + [s[: len(s) // 2] for s in sentences]:
            ok, best = official.sentence_overlap(sentences, other)
            ours = sentence_overlap(sentences, other)
            assert (ours is not None) == ok and (ours is None or ours == pytest.approx(best))
            compared += 1
    assert compared > 1000
    for gold_value in ("2022-01-31", "2022-01", "2022", "2022-W05", "2022-XX-XX", "2022-01-31T10:00"):
        for value, precision in (("2022-01-31", "day"), ("2022-01-30", "week"), ("2022-01-01", "month"),
                                 ("2022-06-01", "year"), ("2022-W05", "week"), (None, "unknown")):
            assert date_agrees(gold_value, value, precision) == official.ek.date_agrees(gold_value, value, precision)


def test_dev_set_scores_only_required_lines(shared_dir):
    """The dev set's 224 required lines are what recall counts (the old scorer counted all 368 and
    printed 0.392 where the official scorer says 0.516; the figures were checked equal, to the last
    digit, when this scorer was written; running the pipeline here would cost half a minute)."""
    gold = shared_dir / "eval" / "news_events_dev"
    if not gold.is_dir():
        pytest.skip("news_events_dev is absent")
    figures = score_events(load_gold_events(gold), [], errors=True)
    assert figures["gold"]["scored"] == 224 and figures["gold"]["optional"] == 144
    assert figures["article_event"]["recall"] == 0.0 and figures["article_event"]["f1"] == 0.0
    assert sum(e["tag"] == "MISS" for e in figures["errors"]) == 224


# -- CASE 2021 and the other scorers --------------------------------------------------------------
def _mention(type_, sentence, doc="a1", dead=None, event_id=None, mode=None, source=()):
    evidence = Evidence(doc, 0, sentence, "x", 0, 1)
    return EventMention(id="em", type=type_, mode=mode, quad=4, evidence=evidence, size=Size(dead=dead),
                        event_id=event_id, source=list(source))


def test_classification_scores_weighted():
    scores = classification_scores(["A", "A", "B"], ["A", None, "B"])
    assert scores["per_class"]["A"]["recall"] == 0.5 and scores["no_prediction"] == 1
    assert round(scores["weighted_f1"], 3) == round((2 * (2 / 3) + 1) / 3, 3)


def test_case_label_prefers_specific_category():
    ontology = Ontology.load()
    strike = _mention("ASSAULT", "Jets bombed the town.", mode="aerial")
    killing = _mention("ASSAULT", "Jets bombed the town, killing 6.", dead=6)
    assert case_label([killing, strike], ontology) == "AIR_STRIKE"
    clash = _mention("ASSAULT", "Troops fought rebels.", mode="firearms",
                     source=[ActorRef("troops", sector="MIL"), ActorRef("rebels", sector="REB")])
    assert case_label([clash], ontology) == "ARMED_CLASH"


def test_withdrawal_is_a_transfer_only_when_someone_takes_over():
    ontology = Ontology.load()
    leave = _mention("RETREAT", "The brigade pulled its soldiers out of the airbase near the coast.", mode="withdraw")
    assert case_label([leave], ontology) == "CHANGE_TO_GROUP_ACT"
    handed = _mention("RETREAT", "The brigade left the airbase, and the militia controlled it by noon.", mode="withdraw")
    assert case_label([handed], ontology) == "NON_VIOL_TERRIT_TRANSFER"


def test_battle_reported_first_outranks_the_capture_it_led_to():
    ontology = Ontology.load()
    fight = _mention("ASSAULT", "Troops fought rebels for hours.", mode="firearms",
                     source=[ActorRef("troops", sector="MIL"), ActorRef("rebels", sector="REB")])
    capture = _mention("COERCE", "The rebels then captured the hill.", mode="seize", source=[ActorRef("rebels", sector="REB")])
    capture.evidence.start = 40
    assert case_label([fight, capture], ontology) == "ARMED_CLASH"
    fight.evidence.start = 80
    assert case_label([fight, capture], ontology) == "NON_STATE_ACTOR_OVERTAKES_TER"
