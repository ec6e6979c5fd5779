"""Where the learned classifier (events/classifier.py) has the last word over the rules.

Measured on the development set, the classifier's modality beats the parse rules where it is sure
(issue 11: 0.73 -> 0.92 on matched events), while its eventness filter trades recall for precision
one for one. So in the "combined" setting it decides an event's modality when its best value has at
least `MODALITY_CONFIDENCE`; the rules keep everything else. Commitments (AGREE, THREATEN) stay
asserted: the promise or threat is made now, whatever the tense of the deed (events/promises.py).
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from tidings.events.classifier import EventClassifier
from tidings.events.promises import COMMITMENTS
from tidings.model import EventMention

#: The classifier's modality replaces the rules' when its probability reaches this.
MODALITY_CONFIDENCE = 0.6


def apply_learned_modality(doc: Doc, events: list[EventMention], classifier: EventClassifier,
                           ruled: Callable[[Token], bool] | None = None) -> None:
    """Set each event's modality from the classifier where it is confident (in place); `ruled`
    names the triggers whose modality the rules' words decide, whatever the classifier says."""
    sentences = list(doc.sents)
    for event in events:
        index = event.evidence.sentence_index
        if not 0 <= index < len(sentences):
            continue
        span = doc.char_span(event.evidence.start, event.evidence.end, alignment_mode="expand")
        if span is None or ruled is not None and ruled(span.root):
            continue
        modality = classifier.modality(sentences[index], span.root)
        value = max(modality, key=modality.__getitem__)
        if modality[value] < MODALITY_CONFIDENCE:
            continue
        if event.type in COMMITMENTS and value in ("planned", "hypothetical"):
            continue
        event.modality = value
