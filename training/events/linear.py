"""Linear heads over sparse binary features, fitted by full-batch Adam in numpy: deterministic, no BLAS.

An example's features are the features of its sentence plus (for trigger examples) the features of its
trigger, so the sentence part is gathered once per sentence and shared by all the candidates in it.
Sums use `np.add.reduceat` over fixed orderings, so the same data gives bit-identical weights.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


class Sparse:
    """Rows of feature indices (CSR without values: every feature present counts 1)."""

    def __init__(self, rows: list[list[int]], width: int) -> None:
        lengths = np.array([len(r) for r in rows], dtype=np.int64)
        if len(rows) and lengths.min() == 0:
            raise ValueError("every row needs at least one feature (the bias feature)")
        self.width = width
        self.n = len(rows)
        self.indptr = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
        self.indices = np.array([i for r in rows for i in r], dtype=np.int64)
        self.row_of = np.repeat(np.arange(self.n, dtype=np.int64), lengths)
        self.order = np.argsort(self.indices, kind="stable")
        self.unique, self.starts = np.unique(self.indices[self.order], return_index=True)

    def dot(self, weights: np.ndarray) -> np.ndarray:
        """Row sums of the selected weight rows: (n, k)."""
        return np.add.reduceat(weights[self.indices], self.indptr[:-1], axis=0)

    def grad(self, upstream: np.ndarray, into: np.ndarray) -> None:
        """Add the gradient of `dot` for `upstream` (n, k) into `into` (width, k)."""
        gathered = upstream[self.row_of[self.order]]
        into[self.unique] += np.add.reduceat(gathered, self.starts, axis=0)


@dataclass
class Design:
    """Examples as (sentence row, optional trigger row): logits = W·sentence + W·trigger + b."""

    sentences: Sparse
    sentence_of: np.ndarray  # example -> sentence row
    triggers: Sparse | None = None

    @property
    def n(self) -> int:
        return len(self.sentence_of)

    def logits(self, weights: np.ndarray, bias: np.ndarray) -> np.ndarray:
        out = self.sentences.dot(weights)[self.sentence_of]
        if self.triggers is not None:
            out = out + self.triggers.dot(weights)
        return out + bias

    def backward(self, upstream: np.ndarray, into: np.ndarray) -> None:
        per_sentence = np.zeros((self.sentences.n, upstream.shape[1]), dtype=upstream.dtype)
        order = np.argsort(self.sentence_of, kind="stable")
        ids, starts = np.unique(self.sentence_of[order], return_index=True)
        per_sentence[ids] = np.add.reduceat(upstream[order], starts, axis=0)
        self.sentences.grad(per_sentence, into)
        if self.triggers is not None:
            self.triggers.grad(upstream, into)


def _probabilities(logits: np.ndarray, kind: str) -> np.ndarray:
    if kind == "sigmoid":
        return 1.0 / (1.0 + np.exp(-np.clip(logits, -30.0, 30.0)))
    shifted = logits - logits.max(axis=1, keepdims=True)
    z = np.exp(shifted)
    return z / z.sum(axis=1, keepdims=True)


def fit(design: Design, targets: np.ndarray, kind: str, width: int, epochs: int, lr: float, l2: float,
        beta1: float, beta2: float, eps: float) -> tuple[np.ndarray, np.ndarray]:
    """Fit one head. `targets` is (n, k) of 0/1 for sigmoid heads and one-hot rows for softmax heads.

    The loss is the mean cross-entropy plus `l2`·|W|²/2; weights start at zero, so no randomness enters.
    """
    k = targets.shape[1]
    weights = np.zeros((width, k), dtype=np.float32)
    bias = np.zeros(k, dtype=np.float32)
    m_w, v_w = np.zeros_like(weights), np.zeros_like(weights)
    m_b, v_b = np.zeros_like(bias), np.zeros_like(bias)
    targets = targets.astype(np.float32)
    for step in range(1, epochs + 1):
        probs = _probabilities(design.logits(weights, bias), kind)
        upstream = ((probs - targets) / design.n).astype(np.float32)
        grad_w = l2 * weights
        design.backward(upstream, grad_w)
        grad_b = upstream.sum(axis=0)
        for param, grad, m, v in ((weights, grad_w, m_w, v_w), (bias, grad_b, m_b, v_b)):
            m *= beta1
            m += (1 - beta1) * grad
            v *= beta2
            v += (1 - beta2) * grad * grad
            m_hat = m / (1 - beta1 ** step)
            v_hat = v / (1 - beta2 ** step)
            param -= lr * m_hat / (np.sqrt(v_hat) + eps)
    return weights, bias


def predict(design: Design, weights: np.ndarray, bias: np.ndarray, kind: str) -> np.ndarray:
    """Probabilities (n, k) of a fitted head."""
    return _probabilities(design.logits(weights.astype(np.float32), bias.astype(np.float32)), kind)
