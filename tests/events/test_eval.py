"""The event scorers, on gold data written here."""

import json

from tidings.eval.events import case_label, classification_scores, load_gold_events, score_events
from tidings.events import Ontology
from tidings.model import ActorRef, EventMention, Evidence, Size


def _mention(type_, sentence, doc="a1", dead=None, event_id=None, mode=None, source=()):
    evidence = Evidence(doc, 0, sentence, "x", 0, 1)
    return EventMention(id="em", type=type_, mode=mode, quad=4, evidence=evidence, size=Size(dead=dead),
                        event_id=event_id, source=list(source))


def test_gold_loading_and_scoring(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a1.txt").write_text("Rebels shot a guard. Talks were held.")
    (tmp_path / "articles.jsonl").write_text(json.dumps({"id": "a1", "published": "2020-01-01"}) + "\n")
    gold_rows = [
        {"article_id": "a1", "event_type": "ASSAULT", "evidence": "Rebels shot a guard.", "killed": 1, "real_event_key": "k1"},
        {"article_id": "a1", "event_type": "CONSULT", "evidence": "Talks were held.", "real_event_key": "k2"},
    ]
    (tmp_path / "gold_events.jsonl").write_text("\n".join(json.dumps(r) for r in gold_rows))
    gold = load_gold_events(tmp_path)
    assert gold.articles["a1"]["text"].startswith("Rebels")
    predicted = [_mention("ASSAULT", "Rebels shot a guard.", dead=1), _mention("PROTEST", "Talks were held.")]
    scores = score_events(gold, predicted)
    assert scores["mentions"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5}
    assert scores["arguments"]["killed"] == 1.0 and "dedup" not in scores


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


def test_date_compared_at_gold_precision():
    from tidings.eval.events import date_matches

    assert date_matches("2014-05-12", "2014-05") and date_matches("2014-05-12", "2014")
    assert date_matches("2014-05-12", "2014-05-12")
    assert not date_matches("2014-06-01", "2014-05") and not date_matches(None, "2014")
    assert not date_matches("2014-05", "2014-05-12")  # a coarser prediction does not match a day


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
