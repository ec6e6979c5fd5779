"""The learned event classifier: linear models over features of the spaCy parse, trained on sentences we wrote.

Rules find event words; they cannot tell from the lexicon alone whether "attack" in a sentence is a new
act, a football move or a reference back to one told earlier, nor whether "fired" is a shooting or a
dismissal. Those decisions depend on the whole sentence and the trigger's arguments, which a model
trained on written examples learns better than hand-written tests (Halterman et al. 2023). Four small
linear heads share one feature vocabulary:

* `eventness`: does the sentence report a new act at all (sigmoid over sentence features);
* `types`: which PLOVER types the sentence reports (one sigmoid per type, sentence features);
* `trigger`: for a candidate trigger token, NONE or one of the 16 types (softmax over sentence and
  trigger features): NONE means the word does not report a new act here;
* `modality`: how the act of a trigger is presented (softmax over the 7 modality values).

The weights are plain numpy arrays in an `.npz` (never a pickle) with a metadata JSON beside them
(training data hash, config, seed, held-out scores); `training/events/train.py` rebuilds both. Feature
extraction lives here so that training and inference cannot drift apart.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Span, Token

from tidings._data import data_path
from tidings.errors import DataError

TYPES = ("AGREE", "SUPPORT", "CONCEDE", "CONSULT", "COOPERATE", "AID", "RETREAT", "REQUEST", "REJECT",
         "ACCUSE", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
MODALITIES = ("asserted", "claimed", "unconfirmed", "denied", "planned", "hypothetical", "negated")
NONE = "NONE"
TRIGGER_LABELS = (NONE, *TYPES)
HEADS = ("eventness", "types", "trigger", "modality")
MODEL_FILE = "events.npz"
META_FILE = "metadata.json"

_SKIP_POS = frozenset({"PUNCT", "SPACE", "DET", "X"})
_CONTENT_POS = frozenset({"NOUN", "VERB", "PROPN", "ADJ", "NUM", "ADV", "AUX"})
_MARKERS = frozenset({"reportedly", "allegedly", "apparently", "purportedly", "not", "never", "no", "n't",
                      "may", "might", "could", "would", "will", "should", "if", "unless", "whether"})


def _lemma(token: Token) -> str:
    return (token.lemma_ or token.text).lower()


def sentence_features(sent: Span) -> list[str]:
    """Features of the whole sentence: lemmas, lemma bigrams, dependency triples, markers, entity labels."""
    tokens = [t for t in sent if t.pos_ not in ("PUNCT", "SPACE")]
    out = ["bias"]
    lemmas = [_lemma(t) for t in tokens]
    for token, lemma in zip(tokens, lemmas):
        out.append(f"l={lemma}")
        if token.pos_ in _CONTENT_POS:
            out.append(f"lp={lemma}/{token.pos_}")
        if token.pos_ not in _SKIP_POS and token.head is not token and token.head.pos_ not in _SKIP_POS:
            out.append(f"d={_lemma(token.head)}>{token.dep_}>{lemma}")
        if token.lower_ in _MARKERS:
            out.append(f"m={token.lower_}>{_lemma(token.head)}")
        if token.ent_type_ and token.ent_iob_ == "B":
            out.append(f"e={token.ent_type_}")
    out.extend(f"b={a}_{b}" for a, b in zip(lemmas, lemmas[1:]))
    root = sent.root
    out.append(f"root={_lemma(root)}")
    out.append(f"roottag={root.tag_}")
    out.extend(f"rootc={c.dep_}:{_lemma(c)}" for c in root.children if c.dep_ in ("aux", "auxpass", "neg", "nsubj", "nsubjpass", "mark"))
    if sent.text.rstrip().endswith(("?", ":")):
        out.append("ends=" + sent.text.rstrip()[-1])
    if not any(t.pos_ in ("VERB", "AUX") for t in tokens):
        out.append("verbless")
    out.append(f"len={min(len(tokens) // 8, 5)}")
    return out


def trigger_features(trigger: Token, sent: Span) -> list[str]:
    """Features of one candidate trigger: its word, its arguments, what governs it, its markers."""
    lemma = _lemma(trigger)
    head = trigger.head
    out = [f"t:l={lemma}", f"t:pos={trigger.pos_}", f"t:tag={trigger.tag_}", f"t:dep={trigger.dep_}",
           f"t:lpos={lemma}/{trigger.pos_}", f"t:ldep={lemma}/{trigger.dep_}"]
    if head is not trigger:
        out += [f"t:h={_lemma(head)}", f"t:hd={trigger.dep_}>{_lemma(head)}", f"t:hpos={head.pos_}"]
    else:
        out.append("t:isroot")
    for child in trigger.children:
        clemma = _lemma(child)
        out.append(f"t:c={child.dep_}:{clemma}")
        out.append(f"t:cd={child.dep_}")
        if child.ent_type_:
            out.append(f"t:ce={child.dep_}:{child.ent_type_}")
        if child.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj", "attr", "agent"):
            out.append(f"t:la={lemma}|{child.dep_}|{clemma}")
        if child.dep_ == "prep":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    out.append(f"t:pp={child.lower_}>{_lemma(pobj)}")
                    out.append(f"t:lpp={lemma}|{child.lower_}>{_lemma(pobj)}")
                    if pobj.ent_type_:
                        out.append(f"t:ppe={child.lower_}>{pobj.ent_type_}")
        if child.dep_ == "agent":
            for pobj in child.children:
                out.append(f"t:by={_lemma(pobj)}")
                out.append(f"t:lby={lemma}|{_lemma(pobj)}")
    for depth, ancestor in enumerate(trigger.ancestors):
        if depth >= 4:
            break
        out.append(f"t:a={_lemma(ancestor)}")
        for child in ancestor.children:
            if child.dep_ in ("neg", "aux", "advmod", "mark") and child.lower_ in _MARKERS:
                out.append(f"t:am={child.lower_}")
    left = trigger.nbor(-1) if trigger.i > sent.start else None
    right = trigger.nbor(1) if trigger.i + 1 < sent.end else None
    out.append(f"t:prev={_lemma(left) if left is not None else '<s>'}")
    out.append(f"t:next={_lemma(right) if right is not None else '</s>'}")
    out.append(f"t:pos_in={min(4 * (trigger.i - sent.start) // max(len(sent), 1), 3)}")
    return out


@dataclass
class EventScores:
    """What the classifier says about a sentence and, when one is given, a candidate trigger in it.

    `eventness` is the probability that the trigger reports a new act (without a trigger: that the
    sentence reports one); `sentence_eventness` is always the sentence's. `types` sums to 1 over the 16
    PLOVER types for a trigger (given that it is an act); for a sentence each type is its own
    probability. `modality` sums to 1 over the 7 values; without a trigger it is a weak sentence guess.
    """

    eventness: float
    sentence_eventness: float
    types: dict[str, float] = field(default_factory=dict)
    modality: dict[str, float] = field(default_factory=dict)

    def best_type(self) -> str:
        """The most probable PLOVER type."""
        return max(self.types, key=self.types.__getitem__)

    def best_modality(self) -> str:
        """The most probable modality value."""
        return max(self.modality, key=self.modality.__getitem__)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x, -30.0, 30.0)))


def _softmax(x: np.ndarray) -> np.ndarray:
    z = np.exp(x - x.max())
    return z / z.sum()


class EventClassifier:
    """The four linear heads over one feature vocabulary; build once per worker with `load`."""

    def __init__(self, vocab: list[str], weights: dict[str, np.ndarray], biases: dict[str, np.ndarray],
                 metadata: dict | None = None) -> None:
        self.index = {name: i for i, name in enumerate(vocab)}
        self.weights = {head: np.asarray(weights[head], dtype=np.float32) for head in HEADS}
        self.biases = {head: np.asarray(biases[head], dtype=np.float32) for head in HEADS}
        self.metadata = metadata or {}
        self._doc: Doc | None = None
        self._sentence_cache: dict[tuple[int, int], tuple[np.ndarray, float, np.ndarray]] = {}

    @classmethod
    def load(cls, folder: str | Path | None = None) -> "EventClassifier":
        """Read the shipped model (or one in `folder`); raises DataError when it is missing or malformed."""
        folder = Path(folder) if folder is not None else data_path("models/events")
        path = folder / MODEL_FILE
        try:
            with np.load(path, allow_pickle=False) as arrays:
                vocab = [str(v) for v in arrays["vocab"]]
                weights = {head: arrays[f"W_{head}"] for head in HEADS}
                biases = {head: arrays[f"b_{head}"] for head in HEADS}
            metadata = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
        except (OSError, KeyError, ValueError) as exc:
            raise DataError(f"{path}: cannot load the event classifier: {exc}") from exc
        rows = len(vocab)
        if any(w.shape[0] != rows for w in weights.values()) or weights["trigger"].shape[1] != len(TRIGGER_LABELS):
            raise DataError(f"{path}: weight shapes do not match the vocabulary of {rows} features")
        return cls(vocab, weights, biases, metadata)

    def _indices(self, features: list[str]) -> np.ndarray:
        index = self.index
        return np.fromiter({index[f] for f in features if f in index}, dtype=np.int64)

    def _logits(self, head: str, rows: np.ndarray) -> np.ndarray:
        return self.weights[head][rows].sum(axis=0) + self.biases[head]

    def _sentence(self, sent: Span) -> tuple[np.ndarray, float, np.ndarray]:
        if sent.doc is not self._doc:  # one cache per document; holding the Doc keeps ids unique
            self._doc = sent.doc
            self._sentence_cache = {}
        key = (sent.start, sent.end)
        cached = self._sentence_cache.get(key)
        if cached is None:
            rows = self._indices(sentence_features(sent))
            eventness = float(_sigmoid(self._logits("eventness", rows))[0])
            types = _sigmoid(self._logits("types", rows))
            cached = self._sentence_cache[key] = (rows, eventness, types)
        return cached

    def score(self, sent: Span, trigger: Token | None = None) -> EventScores:
        """Scores for `sent`, and for `trigger` (a token of `sent`) when one is given."""
        rows, sentence_eventness, sentence_types = self._sentence(sent)
        extra = None if trigger is None else self._indices(trigger_features(trigger, sent))
        return self._scores(rows, sentence_eventness, sentence_types, extra)

    def score_features(self, sentence: list[str], trigger: list[str] | None = None) -> EventScores:
        """The same scores from feature lists (as training stores them), for evaluation."""
        rows = self._indices(sentence)
        eventness = float(_sigmoid(self._logits("eventness", rows))[0])
        types = _sigmoid(self._logits("types", rows))
        return self._scores(rows, eventness, types, None if trigger is None else self._indices(trigger))

    def _scores(self, rows: np.ndarray, sentence_eventness: float, sentence_types: np.ndarray,
                trigger_rows: np.ndarray | None) -> EventScores:
        if trigger_rows is None:
            modality = _softmax(self._logits("modality", rows))
            return EventScores(
                eventness=sentence_eventness,
                sentence_eventness=sentence_eventness,
                types={t: float(p) for t, p in zip(TYPES, sentence_types)},
                modality={m: float(p) for m, p in zip(MODALITIES, modality)},
            )
        both = np.concatenate([rows, trigger_rows])
        labels = _softmax(self._logits("trigger", both))
        act = labels[1:] / max(float(labels[1:].sum()), 1e-9)
        modality = _softmax(self._logits("modality", both))
        return EventScores(
            eventness=float(1.0 - labels[0]),
            sentence_eventness=sentence_eventness,
            types={t: float(p) for t, p in zip(TYPES, act)},
            modality={m: float(p) for m, p in zip(MODALITIES, modality)},
        )
