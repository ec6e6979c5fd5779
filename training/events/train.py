"""Train the learned event classifier shipped in src/tidings/data/models/events/.

Steps (each reads the outputs of the one before; all hyper-parameters are in config.yaml):
  convert   parse every sentence file with the spaCy pipeline Tidings uses, write features and the
            held-out split to build/examples.jsonl
  train     fit the four heads on the train split (build/split/, for evaluation) and on all sentences
            (the shipped model), with metadata: data SHA-256, config, seed, versions
  evaluate  score the split model on the held-out sentences, write build/metrics.json and put the
            scores into the shipped model's metadata
  all       the three in order

Run from the repository root:
  PYTHONPATH=src python training/events/train.py all
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from linear import Design, Sparse, fit  # noqa: E402

from tidings.events.classifier import (  # noqa: E402
    HEADS, META_FILE, MODALITIES, MODEL_FILE, NONE, TRIGGER_LABELS, TYPES, EventClassifier,
    sentence_features, trigger_features,
)

HERE = Path(__file__).resolve().parent
KINDS = {"eventness": "sigmoid", "types": "sigmoid", "trigger": "softmax", "modality": "softmax"}


def load_config(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def sentence_files(config: dict) -> list[Path]:
    return sorted(Path(config["sentences_dir"]).glob("*.jsonl"))


def data_digest(paths: list[Path]) -> tuple[str, dict[str, dict]]:
    """SHA-256 over every sentence file (name and bytes, in name order), and one digest per file."""
    total = hashlib.sha256()
    per_file = {}
    for path in paths:
        data = path.read_bytes()
        total.update(path.name.encode() + b"\0" + data + b"\0")
        per_file[path.name] = {"sha256": hashlib.sha256(data).hexdigest(), "lines": data.count(b"\n")}
    return total.hexdigest(), per_file


def _trigger_token(doc, text: str, trigger: str):
    start = text.find(trigger)
    if start < 0:
        start = text.lower().find(trigger.lower())
    if start < 0:
        return None
    span = doc.char_span(start, start + len(trigger), alignment_mode="expand")
    return None if span is None else span


def _held_out(rows: list[dict], fraction: float, seed: int) -> None:
    """Mark `split` on every row: per file, rows sorted by stratum then a seeded shuffle, every k-th held out."""
    rng = np.random.default_rng(seed)
    by_file: dict[str, list[dict]] = {}
    for row in rows:
        by_file.setdefault(row["file"], []).append(row)
    for name in sorted(by_file):
        group = by_file[name]
        shuffle = rng.permutation(len(group))
        ordered = sorted(range(len(group)), key=lambda i: (group[i]["stratum"], shuffle[i]))
        offset = rng.random()
        for position, i in enumerate(ordered):
            take = int((position + 1) * fraction + offset) > int(position * fraction + offset)
            group[i]["split"] = "heldout" if take else "train"


def convert(config: dict) -> None:
    from tidings.nlp import load_pipeline

    paths = sentence_files(config)
    digest, per_file = data_digest(paths)
    records = []
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                records.append((path.name, number, json.loads(line)))
    nlp = load_pipeline(config["spacy_model"])
    docs = list(nlp.pipe((r[2]["text"] for r in records), batch_size=256))
    gold_spans = []
    lemmas: set[str] = set()
    for (name, number, row), doc in zip(records, docs):
        spans = []
        for event in row["events"]:
            span = _trigger_token(doc, row["text"], event["trigger"])
            if span is None:
                raise SystemExit(f"{name}:{number}: trigger {event['trigger']!r} not found")
            spans.append((span, event))
            lemmas.add(span.root.lemma_.lower())
        gold_spans.append(spans)
    pos = set(config["candidate_pos"])
    rows = []
    for (name, number, row), doc, spans in zip(records, docs, gold_spans):
        sent = doc[:]
        covered = {t.i for span, _ in spans for t in span}
        candidates = [{"f": trigger_features(span.root, sent), "label": event["type"], "modality": event["modality"]}
                      for span, event in spans]
        for token in doc:
            if token.i not in covered and token.pos_ in pos and token.lemma_.lower() in lemmas:
                candidates.append({"f": trigger_features(token, sent), "label": NONE, "modality": None})
        types = sorted({e["type"] for e in row["events"]})
        rows.append({"file": name, "line": number, "style": row.get("style"),
                     "stratum": row["events"][0]["type"] if row["events"] else "none:" + str(row.get("no_event")),
                     "s": sentence_features(sent), "types": types, "c": candidates})
    _held_out(rows, config["heldout_fraction"], config["seed"])
    build = Path(config["build_dir"])
    build.mkdir(parents=True, exist_ok=True)
    with open(build / "examples.jsonl", "w", encoding="utf-8") as out:
        out.write(json.dumps({"data_sha256": digest, "files": per_file, "trigger_lemmas": sorted(lemmas)}) + "\n")
        for row in rows:
            out.write(json.dumps(row) + "\n")
    print(f"convert: {len(rows)} sentences, {sum(len(r['c']) for r in rows)} trigger candidates "
          f"({len(lemmas)} trigger lemmas), data {digest[:12]}")


def read_examples(config: dict) -> tuple[dict, list[dict]]:
    path = Path(config["build_dir"]) / "examples.jsonl"
    with open(path, encoding="utf-8") as handle:
        header = json.loads(handle.readline())
        rows = [json.loads(line) for line in handle]
    if header["data_sha256"] != data_digest(sentence_files(config))[0]:
        raise SystemExit(f"{path}: the sentence files changed since convert; run convert again")
    return header, rows


def designs(rows: list[dict], vocab: dict[str, int]) -> dict[str, tuple[Design, np.ndarray]]:
    """Per head, the design over `rows` and its target matrix."""
    def ids(features: list[str]) -> list[int]:
        return sorted({vocab[f] for f in features if f in vocab})

    width = len(vocab)
    sentences = Sparse([ids(r["s"]) for r in rows], width)
    every = np.arange(len(rows))
    eventness = np.array([[1.0 if r["types"] else 0.0] for r in rows])
    types = np.array([[1.0 if t in r["types"] else 0.0 for t in TYPES] for r in rows])
    cand = [(i, c) for i, r in enumerate(rows) for c in r["c"]]
    gold = [(i, c) for i, c in cand if c["label"] != NONE]
    out = {"eventness": (Design(sentences, every), eventness), "types": (Design(sentences, every), types)}
    for head, pairs, labels, key in (("trigger", cand, TRIGGER_LABELS, "label"), ("modality", gold, MODALITIES, "modality")):
        design = Design(sentences, np.array([i for i, _ in pairs], dtype=np.int64),
                        Sparse([ids(c["f"]) or [vocab["bias"]] for _, c in pairs], width))
        targets = np.array([[1.0 if c[key] == label else 0.0 for label in labels] for _, c in pairs])
        out[head] = (design, targets)
    return out


def fit_model(rows: list[dict], config: dict) -> tuple[list[str], dict, dict]:
    counts: Counter[str] = Counter()
    for row in rows:
        counts.update(set(row["s"]))
        for c in row["c"]:
            counts.update(set(c["f"]))
    vocab_list = sorted(f for f, n in counts.items() if n >= config["min_feature_count"])
    vocab = {f: i for i, f in enumerate(vocab_list)}
    weights, biases = {}, {}
    for head, (design, targets) in designs(rows, vocab).items():
        params = config["heads"][head]
        w, b = fit(design, targets, KINDS[head], len(vocab), params["epochs"], params["lr"], params["l2"],
                   **config["adam"])
        weights[head], biases[head] = w, b
    return vocab_list, weights, biases


def weights_digest(vocab: list[str], weights: dict, biases: dict) -> str:
    """SHA-256 of the stored arrays (not of the zip file, whose timestamps vary)."""
    digest = hashlib.sha256("\n".join(vocab).encode())
    for head in HEADS:
        digest.update(np.ascontiguousarray(weights[head]).tobytes())
        digest.update(np.ascontiguousarray(biases[head]).tobytes())
    return digest.hexdigest()


def save_model(folder: Path, vocab: list[str], weights: dict, biases: dict, metadata: dict, dtype: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    stored_w = {h: weights[h].astype(dtype) for h in HEADS}
    stored_b = {h: biases[h].astype(np.float32) for h in HEADS}
    arrays = {"vocab": np.array(vocab, dtype=str)}
    arrays.update({f"W_{h}": stored_w[h] for h in HEADS})
    arrays.update({f"b_{h}": stored_b[h] for h in HEADS})
    np.savez_compressed(folder / MODEL_FILE, **arrays)
    metadata = {**metadata, "vocab_size": len(vocab), "weights_sha256": weights_digest(vocab, stored_w, stored_b)}
    (folder / META_FILE).write_text(json.dumps(metadata, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def _metadata(config: dict, header: dict, rows: list[dict], fitted_on: str) -> dict:
    import spacy

    try:
        model_version = spacy.util.get_package_version(config["spacy_model"])
    except Exception:  # noqa: BLE001 - the version is informative only
        model_version = None
    return {
        "format": 1, "created_by": "training/events/train.py", "fitted_on": fitted_on,
        "data_sha256": header["data_sha256"], "files": header["files"], "config": config, "seed": config["seed"],
        "sentences": len(rows), "trigger_candidates": sum(len(r["c"]) for r in rows),
        "labels": {"types": list(TYPES), "trigger": list(TRIGGER_LABELS), "modality": list(MODALITIES)},
        "versions": {"spacy": spacy.__version__, "spacy_model": model_version, "numpy": np.__version__},
    }


def train(config: dict) -> None:
    header, rows = read_examples(config)
    train_rows = [r for r in rows if r["split"] == "train"]
    split_folder = Path(config["build_dir"]) / "split"
    vocab, weights, biases = fit_model(train_rows, config)
    save_model(split_folder, vocab, weights, biases, _metadata(config, header, train_rows, "train split"),
               config["weights_dtype"])
    vocab, weights, biases = fit_model(rows, config)
    save_model(Path(config["output_dir"]), vocab, weights, biases, _metadata(config, header, rows, "all sentences"),
               config["weights_dtype"])
    print(f"train: split model on {len(train_rows)} sentences, shipped model on {len(rows)} ({len(vocab)} features)")


def evaluate(config: dict) -> dict:
    from evaluation import score_heldout

    _, rows = read_examples(config)
    heldout = [r for r in rows if r["split"] == "heldout"]
    model = EventClassifier.load(Path(config["build_dir"]) / "split")
    metrics = score_heldout(model, heldout)
    build = Path(config["build_dir"])
    (build / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    meta_path = Path(config["output_dir"]) / META_FILE
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["heldout_scores"] = metrics
    meta_path.write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(json.dumps(metrics, indent=2))
    return metrics


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("step", choices=["convert", "train", "evaluate", "all"])
    parser.add_argument("--config", default=str(HERE / "config.yaml"))
    args = parser.parse_args(argv)
    config = load_config(Path(args.config))
    steps = ["convert", "train", "evaluate"] if args.step == "all" else [args.step]
    for step in steps:
        {"convert": convert, "train": train, "evaluate": evaluate}[step](config)
    return 0


if __name__ == "__main__":
    sys.exit(main())
