"""The learned event classifier: the shipped model loads, scores have the documented shapes, the obvious
cases come out right, and the shipped weights are the ones the committed training data gives.

Every sentence here is written for these tests (none is in the training files).
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import numpy as np
import pytest

from tidings.config import Settings
from tidings.errors import DataError, UsageError
from tidings.events.classifier import MODALITIES, TYPES, EventClassifier, EventScores

ROOT = Path(__file__).resolve().parents[2]
TRAINING = ROOT / "training" / "events"


@pytest.fixture(scope="module")
def classifier() -> EventClassifier:
    return EventClassifier.load()


def _sent_and_token(nlp, text: str, word: str):
    doc = nlp(text)
    sent = doc[:]
    token = next(t for t in doc if t.text == word)
    return sent, token


def test_loads_with_metadata(classifier):
    meta = classifier.metadata
    assert len(meta["data_sha256"]) == 64 and meta["seed"] == meta["config"]["seed"]
    assert set(meta["heldout_scores"]) >= {"eventness", "types", "trigger", "modality"}


def test_scores_have_the_documented_shapes(nlp, classifier):
    sent, token = _sent_and_token(nlp, "Soldiers shot three villagers near the river on Sunday.", "shot")
    for scores in (classifier.score(sent), classifier.score(sent, token)):
        assert isinstance(scores, EventScores)
        assert set(scores.types) == set(TYPES) and set(scores.modality) == set(MODALITIES)
        assert 0.0 <= scores.eventness <= 1.0 and 0.0 <= scores.sentence_eventness <= 1.0
        assert sum(scores.modality.values()) == pytest.approx(1.0, abs=1e-5)
    assert sum(classifier.score(sent, token).types.values()) == pytest.approx(1.0, abs=1e-5)


def test_a_shooting_is_an_assault(nlp, classifier):
    sent, token = _sent_and_token(nlp, "Gunmen shot dead four farmers at a market outside Jos on Friday, police said.", "shot")
    scores = classifier.score(sent, token)
    assert scores.eventness > 0.5 and scores.best_type() == "ASSAULT"
    assert scores.best_modality() == "asserted"
    assert classifier.score(sent).types["ASSAULT"] > 0.5


def test_a_football_attack_is_not_an_event(nlp, classifier):
    sent, token = _sent_and_token(nlp, "United's attack looked toothless until the winger came on in the second half.", "attack")
    assert classifier.score(sent, token).eventness < 0.5
    assert classifier.score(sent).eventness < 0.5


def test_a_dismissal_is_not_a_shooting(nlp, classifier):
    sent, token = _sent_and_token(nlp, "The president fired the head of the central bank on Wednesday.", "fired")
    assert classifier.score(sent, token).best_type() != "ASSAULT"


def test_a_negated_arrest_is_negated(nlp, classifier):
    sent, token = _sent_and_token(nlp, "Police have made no arrests in the case, the spokeswoman said.", "arrests")
    assert classifier.score(sent, token).best_modality() == "negated"


def test_the_sentence_cache_follows_the_document(nlp, classifier):
    first = nlp("Protesters marched on the ministry in Quito.")
    second = nlp("The committee will publish its annual report in the spring.")
    assert classifier.score(first[:]).eventness != classifier.score(second[:]).eventness


def test_missing_model_is_a_data_error(tmp_path):
    with pytest.raises(DataError):
        EventClassifier.load(tmp_path)


def test_setting_rejects_unknown_values():
    assert Settings.load().events_classifier == "combined"
    with pytest.raises(UsageError):
        Settings.load(events_classifier="neural")


def _data_digest(folder: Path) -> str:
    total = hashlib.sha256()
    for path in sorted(folder.glob("*.jsonl")):
        total.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return total.hexdigest()


@pytest.mark.skipif(not (TRAINING / "sentences").is_dir(), reason="training data is not in this checkout")
def test_shipped_model_was_trained_on_the_committed_sentences(classifier):
    assert classifier.metadata["data_sha256"] == _data_digest(TRAINING / "sentences")


@pytest.mark.skipif(not TRAINING.is_dir(), reason="training scripts are not in this checkout")
def test_training_is_deterministic():
    sys.path.insert(0, str(TRAINING))
    try:
        from linear import Design, Sparse, fit
    finally:
        sys.path.remove(str(TRAINING))
    rows = [[0, 1], [0, 2], [0, 1, 3], [0, 2, 3], [0, 3]]
    targets = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0], [0.0, 1.0], [0.0, 1.0]])

    def once():
        design = Design(Sparse(rows, 4), np.arange(len(rows)))
        return fit(design, targets, "softmax", 4, epochs=50, lr=0.1, l2=1e-3, beta1=0.9, beta2=0.999, eps=1e-8)

    (w1, b1), (w2, b2) = once(), once()
    assert np.array_equal(w1, w2) and np.array_equal(b1, b2)
    assert w1[1, 0] > 0 > w1[2, 0]  # feature 1 goes with class 0, feature 2 with class 1


def test_weights_match_their_recorded_hash(classifier):
    sys.path.insert(0, str(TRAINING))
    try:
        from train import weights_digest
    except ImportError:
        pytest.skip("training scripts are not in this checkout")
    finally:
        sys.path.remove(str(TRAINING))
    from tidings._data import data_path

    with np.load(data_path("models/events/events.npz"), allow_pickle=False) as arrays:
        vocab = [str(v) for v in arrays["vocab"]]
        heads = ("eventness", "types", "trigger", "modality")
        digest = weights_digest(vocab, {h: arrays[f"W_{h}"] for h in heads}, {h: arrays[f"b_{h}"] for h in heads})
    meta = json.loads(data_path("models/events/metadata.json").read_text(encoding="utf-8"))
    assert digest == meta["weights_sha256"]


def test_modality_alone_equals_the_modality_of_the_full_scores(nlp, classifier):
    doc = nlp("Police said they had arrested twelve protesters. The army may attack the town if talks fail.")
    for sent in doc.sents:
        for token in sent:
            if token.pos_ in ("VERB", "NOUN"):
                assert classifier.modality(sent, token) == classifier.score(sent, token).modality
