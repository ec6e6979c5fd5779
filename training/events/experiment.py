"""Measure the learned classifier next to the rules, without touching the events stage.

  speed   parse a benchmark corpus, then time the rules' extraction and the classifier's scoring of
          every sentence and every rule candidate: microseconds per sentence and per document
  run     the `tidings` command line with the rules' event mentions post-processed by the model, so
          that the official scorer can compare "rules" with "combined" variants:

      TIDINGS_COMBINE=filter:0.3 python3 ../shared/tools/score_events.py --gold GOLD \
          --tidings training/events/tidings_combined --run-args "--workers 1" --json-out out.json

  TIDINGS_COMBINE is a comma list of steps: `filter:T` drops a mention whose trigger eventness is
  below T; `noun:T` does so only for noun triggers; `sentence:T` drops one whose sentence eventness is below T; `modality:P` takes the model's
  modality when its probability is at least P; `type:P` takes the model's type (mode cleared) when
  its probability is at least P. Empty means rules only.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from spacy.tokens import Doc

from tidings.events.classifier import EventClassifier
from tidings.model import EventMention


def _steps(spec: str) -> list[tuple[str, float]]:
    return [(name, float(value)) for name, value in (part.split(":") for part in spec.split(",") if part)]


def combine(doc: Doc, mentions: list[EventMention], classifier: EventClassifier, spec: str,
            ontology=None) -> list[EventMention]:
    """The rules' mentions, filtered or relabelled by the classifier as `spec` says."""
    steps = _steps(spec)
    out = []
    for mention in mentions:
        span = doc.char_span(mention.evidence.start, mention.evidence.end, alignment_mode="expand")
        if span is None:
            out.append(mention)
            continue
        token = span.root
        scores = classifier.score(token.sent, token)
        keep = True
        for name, value in steps:
            if name == "filter" and scores.eventness < value:
                keep = False
            elif name == "noun" and token.pos_ in ("NOUN", "PROPN") and scores.eventness < value:
                keep = False
            elif name == "sentence" and scores.sentence_eventness < value:
                keep = False
            elif name == "modality" and scores.modality[scores.best_modality()] >= value:
                mention.modality = scores.best_modality()
            elif name == "type" and scores.types[scores.best_type()] >= value and scores.best_type() != mention.type:
                mention.type, mention.mode = scores.best_type(), None
                if ontology is not None:
                    mention.quad = ontology.quad(mention.type) if hasattr(ontology, "quad") else mention.quad
        if keep:
            out.append(mention)
    return out


def patch_pipeline(spec: str) -> None:
    """Make `Pipeline.extract` post-process the rules' mentions (in this process: run with --workers 1)."""
    import tidings.pipeline as pipeline

    original = pipeline.extract_events
    state: dict[str, EventClassifier] = {}

    def extract_events(doc, document, mentions, ontology):
        if "model" not in state:
            state["model"] = EventClassifier.load()
        return combine(doc, original(doc, document, mentions, ontology), state["model"], spec, ontology)

    pipeline.extract_events = extract_events


def speed(count: int, seed: int) -> dict:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from corpus import build_corpus  # type: ignore[import-not-found]

    from tidings.events.triggers import find_triggers
    from tidings.model import Document
    from tidings.pipeline import Pipeline

    pipe = Pipeline.build()
    articles = build_corpus(count, seed)
    documents = [Document(id=a["id"], text=a["text"], outlet=a["outlet"], published=a["published"]) for a in articles]
    cleaned = [pipe._clean(d) for d in documents]
    start = time.process_time()
    docs = list(pipe.nlp.pipe([d.clean_text for d in cleaned], batch_size=64))
    parse_s = time.process_time() - start
    start = time.process_time()
    for document, doc in zip(cleaned, docs):
        pipe.extract(document, doc)
    extract_s = time.process_time() - start
    lexicon = pipe.ontology.lexicon
    candidates = [(sent, [m.head for m in find_triggers(sent, lexicon)]) for doc in docs for sent in doc.sents]
    classifier = pipe.classifier or EventClassifier.load()
    start = time.process_time()
    for sent, tokens in candidates:
        classifier.score(sent)
        for token in tokens:
            classifier.score(sent, token)
    model_s = time.process_time() - start
    classifier._doc = None
    start = time.process_time()
    for sent, tokens in candidates:  # what the events stage needs: only sentences with a rule candidate
        for token in tokens:
            classifier.score(sent, token)
    candidates_s = time.process_time() - start
    sentences = len(candidates)
    triggers = sum(len(t) for _, t in candidates)
    return {"documents": count, "sentences": sentences, "rule_candidates": triggers,
            "extract_ms_per_doc": round(1000 * extract_s / count, 2),
            "classifier_ms_per_doc": round(1000 * model_s / count, 2),
            "classifier_us_per_sentence_all_candidates": round(1e6 * model_s / sentences, 1),
            "classifier_ms_per_doc_candidates_only": round(1000 * candidates_s / count, 2),
            "extract_cost_ratio_candidates_only": round((extract_s + candidates_s) / extract_s, 3),
            "parse_ms_per_doc": round(1000 * parse_s / count, 2),
            "extract_cost_ratio_with_model": round((extract_s + model_s) / extract_s, 3),
            "parse_and_extract_cost_ratio_with_model": round((parse_s + extract_s + model_s) / (parse_s + extract_s), 3)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("step", choices=["speed"])
    parser.add_argument("-n", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(json.dumps(speed(args.n, args.seed), indent=2))
    return 0


if __name__ == "__main__":
    if os.environ.get("TIDINGS_COMBINE") is not None and len(sys.argv) > 1 and sys.argv[1] == "--as-cli":
        patch_pipeline(os.environ["TIDINGS_COMBINE"])
        from tidings.cli import app

        sys.argv = ["tidings", *sys.argv[2:]]
        sys.exit(app())
    sys.exit(main())
