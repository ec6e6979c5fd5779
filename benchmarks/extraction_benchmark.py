"""Score our HTML reader on the article-extraction benchmark (Zyte, MIT) in ../shared/eval.

Usage: python benchmarks/extraction_benchmark.py [BENCHMARK_DIR] [--limit N]

Scoring follows the benchmark's README (re-implemented here): tokens are regex \\w+ matches, each text
becomes a multiset of 4-token shingles; per page tp/fp/fn are normalised by their sum; precision and
recall are means over pages, F1 is their harmonic mean; accuracy is the share of pages whose token
sequence equals the gold one. Published: trafilatura 2.0.0 F1 0.958 (P 0.938, R 0.978).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

from tidings.errors import InputError
from tidings.ingest import extract_html

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared" / "eval" / "article_extraction_benchmark"
_TOKEN = re.compile(r"\w+")


def shingles(text: str, size: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text)
    if len(tokens) < size:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def page_scores(gold: str, predicted: str) -> tuple[float, float]:
    """(precision, recall) of one page over 4-token shingles."""
    want, got = shingles(gold), shingles(predicted)
    tp = sum((want & got).values())
    fp = sum((got - want).values())
    fn = sum((want - got).values())
    if fp == 0 and fn == 0:
        return 1.0, 1.0
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--limit", type=int, default=None, help="score only the first N pages")
    args = parser.parse_args()
    truth_file = args.folder / "ground-truth.json"
    if not truth_file.is_file():
        print(f"{truth_file}: not found; pass the benchmark folder", file=sys.stderr)
        return 2
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    items = sorted(truth.items())[: args.limit]
    precisions, recalls, exact, failures = [], [], 0, 0
    started = time.perf_counter()
    for item_id, gold in items:
        html = gzip.decompress((args.folder / "html" / f"{item_id}.html.gz").read_bytes())
        try:
            predicted, _ = extract_html(html, item_id, url=gold.get("url"))
        except InputError as exc:
            print(f"no text: {exc}", file=sys.stderr)
            predicted, failures = "", failures + 1
        precision, recall = page_scores(gold["articleBody"], predicted)
        precisions.append(precision)
        recalls.append(recall)
        exact += _TOKEN.findall(gold["articleBody"]) == _TOKEN.findall(predicted)
    elapsed = time.perf_counter() - started
    precision, recall = sum(precisions) / len(items), sum(recalls) / len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"pages {len(items)}  F1 {f1:.3f}  precision {precision:.3f}  recall {recall:.3f}  "
          f"accuracy {exact / len(items):.3f}  failures {failures}  "
          f"{elapsed / len(items) * 1000:.0f} ms/page")
    return 0


if __name__ == "__main__":
    sys.exit(main())
