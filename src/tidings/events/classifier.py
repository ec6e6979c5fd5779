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
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, LOWER, ORTH, POS, TAG
from spacy.tokens import Doc, Span, Token

from tidings._data import data_path
from tidings.errors import DataError
from tidings.events._spans import span_text
from tidings.nlp._memo import lower_lemmas, strings_for

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


class TokenTable:
    """The attributes features read, fetched once per document (spaCy builds a new string per access)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        columns = doc.to_array([ORTH, LEMMA, LOWER, POS, TAG, DEP, HEAD, ENT_TYPE, ENT_IOB])
        if columns.ndim == 1:
            columns = columns.reshape(len(doc), -1)
        orth, _, lower, pos, tag, dep, _, ent, iob = (columns[:, k].tolist() for k in range(9))
        # offsets to the head are stored unsigned; as int64 they are signed again
        self.head = (np.arange(len(doc), dtype=np.int64) + columns[:, 6].astype(np.int64)).tolist()
        # each distinct string read once per process (strings_for), not once per cell
        lemmas = lower_lemmas(doc)  # read once per document, shared with the trigger finder
        if "" in lemmas:  # a token without a lemma is read by its form
            lowered = strings_for(doc, orth, lowered=True)
            self.lemma = [l or lowered[o] for o, l in zip(orth, lemmas)]
        else:
            self.lemma = list(lemmas)
        name = strings_for(doc, {*lower, *pos, *tag, *dep, *ent}).__getitem__
        self.lower = list(map(name, lower))
        self.pos = list(map(name, pos))
        self.tag = list(map(name, tag))
        self.dep = list(map(name, dep))
        self.ent = list(map(name, ent))
        self.ent_begins = [k == 3 for k in iob]  # spaCy's IOB codes: 1 I, 2 O, 3 B
        self.children: list[list[int]] = [[] for _ in range(len(doc))]
        for i, h in enumerate(self.head):
            if h != i:
                self.children[h].append(i)


def sentence_features(sent: Span, table: TokenTable | None = None) -> list[str]:
    """Features of the whole sentence: lemmas, lemma bigrams, dependency triples, markers, entity labels."""
    t = table if table is not None else TokenTable(sent.doc)
    pos, lemma, dep, head, lower = t.pos, t.lemma, t.dep, t.head, t.lower
    tokens = [i for i in range(sent.start, sent.end) if pos[i] not in ("PUNCT", "SPACE")]
    out = ["bias"]
    for i in tokens:
        out.append(f"l={lemma[i]}")
        if pos[i] in _CONTENT_POS:
            out.append(f"lp={lemma[i]}/{pos[i]}")
        h = head[i]
        if pos[i] not in _SKIP_POS and h != i and pos[h] not in _SKIP_POS:
            out.append(f"d={lemma[h]}>{dep[i]}>{lemma[i]}")
        if lower[i] in _MARKERS:
            out.append(f"m={lower[i]}>{lemma[h]}")
        if t.ent[i] and t.ent_begins[i]:
            out.append(f"e={t.ent[i]}")
    out.extend(f"b={lemma[a]}_{lemma[b]}" for a, b in zip(tokens, tokens[1:]))
    root = sent.root.i
    out.append(f"root={lemma[root]}")
    out.append(f"roottag={t.tag[root]}")
    out.extend(f"rootc={dep[c]}:{lemma[c]}" for c in t.children[root] if dep[c] in ("aux", "auxpass", "neg", "nsubj", "nsubjpass", "mark"))
    text = span_text(sent).rstrip()
    if text.endswith(("?", ":")):
        out.append("ends=" + text[-1])
    if not any(pos[i] in ("VERB", "AUX") for i in tokens):
        out.append("verbless")
    out.append(f"len={min(len(tokens) // 8, 5)}")
    return out


def trigger_features(trigger: Token, sent: Span, table: TokenTable | None = None) -> list[str]:
    """Features of one candidate trigger: its word, its arguments, what governs it, its markers."""
    t = table if table is not None else TokenTable(sent.doc)
    pos, lemma, dep, lower, children = t.pos, t.lemma, t.dep, t.lower, t.children
    i = trigger.i
    word = lemma[i]
    out = [f"t:l={word}", f"t:pos={pos[i]}", f"t:tag={t.tag[i]}", f"t:dep={dep[i]}",
           f"t:lpos={word}/{pos[i]}", f"t:ldep={word}/{dep[i]}"]
    h = t.head[i]
    if h != i:
        out += [f"t:h={lemma[h]}", f"t:hd={dep[i]}>{lemma[h]}", f"t:hpos={pos[h]}"]
    else:
        out.append("t:isroot")
    for c in children[i]:
        out.append(f"t:c={dep[c]}:{lemma[c]}")
        out.append(f"t:cd={dep[c]}")
        if t.ent[c]:
            out.append(f"t:ce={dep[c]}:{t.ent[c]}")
        if dep[c] in ("dobj", "nsubj", "nsubjpass", "pobj", "attr", "agent"):
            out.append(f"t:la={word}|{dep[c]}|{lemma[c]}")
        if dep[c] == "prep":
            for p in children[c]:
                if dep[p] == "pobj":
                    out.append(f"t:pp={lower[c]}>{lemma[p]}")
                    out.append(f"t:lpp={word}|{lower[c]}>{lemma[p]}")
                    if t.ent[p]:
                        out.append(f"t:ppe={lower[c]}>{t.ent[p]}")
        if dep[c] == "agent":
            for p in children[c]:
                out.append(f"t:by={lemma[p]}")
                out.append(f"t:lby={word}|{lemma[p]}")
    ancestor = i
    for _ in range(4):
        if t.head[ancestor] == ancestor:
            break
        ancestor = t.head[ancestor]
        out.append(f"t:a={lemma[ancestor]}")
        out.extend(f"t:am={lower[c]}" for c in children[ancestor]
                   if dep[c] in ("neg", "aux", "advmod", "mark") and lower[c] in _MARKERS)
    out.append(f"t:prev={lemma[i - 1] if i > sent.start else '<s>'}")
    out.append(f"t:next={lemma[i + 1] if i + 1 < sent.end else '</s>'}")
    out.append(f"t:pos_in={min(4 * (i - sent.start) // max(len(sent), 1), 3)}")
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
        # The heads side by side in one matrix, so that a sentence or a trigger costs one gather.
        self.matrix = np.hstack([np.asarray(weights[h], dtype=np.float32) for h in HEADS])
        self.bias = np.concatenate([np.asarray(biases[h], dtype=np.float32) for h in HEADS])
        widths = np.cumsum([0, *(np.asarray(weights[h]).shape[1] for h in HEADS)])
        self.columns = {h: slice(int(widths[k]), int(widths[k + 1])) for k, h in enumerate(HEADS)}
        # the modality head's columns alone, contiguous: what the combined setting asks per event
        self.modality_matrix = np.ascontiguousarray(self.matrix[:, self.columns["modality"]])
        self.metadata = metadata or {}
        self._doc: Doc | None = None
        self._table: TokenTable | None = None
        self._sentence_cache: dict[tuple[int, int], np.ndarray] = {}

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
        # one lookup per feature; the set is filled in feature order, so rows are summed in one order
        return np.fromiter({i for i in map(self.index.get, features) if i is not None}, dtype=np.int64)

    def _sum(self, features: list[str]) -> np.ndarray:
        return self.matrix[self._indices(features)].sum(axis=0)

    def _sentence(self, sent: Span) -> tuple[np.ndarray, TokenTable]:
        if sent.doc is not self._doc:  # one cache per document; holding the Doc keeps ids unique
            self._doc = sent.doc
            self._table = TokenTable(sent.doc)
            self._sentence_cache = {}
        assert self._table is not None
        key = (sent.start, sent.end)
        cached = self._sentence_cache.get(key)
        if cached is None:
            cached = self._sentence_cache[key] = self._sum(sentence_features(sent, self._table)) + self.bias
        return cached, self._table

    def score(self, sent: Span, trigger: Token | None = None) -> EventScores:
        """Scores for `sent`, and for `trigger` (a token of `sent`) when one is given."""
        logits, table = self._sentence(sent)
        if trigger is None:
            return self._scores(logits, None)
        return self._scores(logits, logits + self._sum(trigger_features(trigger, sent, table)))

    def modality(self, sent: Span, trigger: Token) -> dict[str, float]:
        """`score(sent, trigger).modality` without the other heads: the same numbers, for less work."""
        logits, table = self._sentence(sent)
        rows = self.modality_matrix[self._indices(trigger_features(trigger, sent, table))]
        values = _softmax(logits[self.columns["modality"]] + rows.sum(axis=0))
        return {m: float(p) for m, p in zip(MODALITIES, values)}

    def score_features(self, sentence: list[str], trigger: list[str] | None = None) -> EventScores:
        """The same scores from feature lists (as training stores them), for evaluation."""
        logits = self._sum(sentence) + self.bias
        return self._scores(logits, None if trigger is None else logits + self._sum(trigger))

    def _scores(self, sentence: np.ndarray, with_trigger: np.ndarray | None) -> EventScores:
        col = self.columns
        sentence_eventness = float(_sigmoid(sentence[col["eventness"]])[0])
        if with_trigger is None:
            modality = _softmax(sentence[col["modality"]])
            return EventScores(
                eventness=sentence_eventness,
                sentence_eventness=sentence_eventness,
                types={t: float(p) for t, p in zip(TYPES, _sigmoid(sentence[col["types"]]))},
                modality={m: float(p) for m, p in zip(MODALITIES, modality)},
            )
        labels = _softmax(with_trigger[col["trigger"]])
        act = labels[1:] / max(float(labels[1:].sum()), 1e-9)
        modality = _softmax(with_trigger[col["modality"]])
        return EventScores(
            eventness=float(1.0 - labels[0]),
            sentence_eventness=sentence_eventness,
            types={t: float(p) for t, p in zip(TYPES, act)},
            modality={m: float(p) for m, p in zip(MODALITIES, modality)},
        )
