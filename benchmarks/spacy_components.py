"""Seconds per spaCy component, stock pipeline against Tidings' (`tidings.nlp.load_pipeline`).

Tokenises the corpus texts, then runs each component over all of them in order (its `pipe` at the
run's batch size), stock and ours in turn, `--repeat` times; prints the median CPU seconds of this
process per component and ms per document (CPU time holds steady on a shared machine; wall time
does not). Both pipelines give the same annotations (`tests/nlp/`); this shows where spaCy's time
goes and what the array matcher of the attribute ruler saves.

Usage: python benchmarks/spacy_components.py CORPUS.jsonl [--limit 150] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path


def component_seconds(nlp, texts: list[str], batch_size: int) -> dict[str, float]:
    """Seconds each component takes over `texts` (tokeniser included as `tokenizer`)."""
    started = time.process_time()
    docs = [nlp.make_doc(text) for text in texts]
    out = {"tokenizer": time.process_time() - started}
    for name, component in nlp.pipeline:
        started = time.process_time()
        docs = list(component.pipe(docs, batch_size=batch_size)) if hasattr(component, "pipe") else [component(d) for d in docs]
        out[name] = time.process_time() - started
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--limit", type=int, default=150)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    import spacy

    from tidings.config import Settings
    from tidings.nlp import load_pipeline

    settings = Settings.load(workers=1)
    texts = [json.loads(line)["text"][: settings.max_nlp_chars] for line in args.corpus.open(encoding="utf-8")][: args.limit]
    pipelines = {"stock": spacy.load(settings.model), "tidings": load_pipeline(settings.model)}
    for nlp in pipelines.values():
        list(nlp.pipe(texts[:8]))  # warm-up
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in pipelines}
    for _ in range(args.repeat):  # interleaved: stock, ours, stock, ours …
        for name, nlp in pipelines.items():
            runs[name].append(component_seconds(nlp, texts, settings.batch_size))
    names = list(dict.fromkeys(n for r in runs.values() for n in r[0]))
    print(f"{len(texts)} texts, median of {args.repeat} interleaved runs; CPU seconds (ms per document)")
    print(f"{'component':22} {'stock':>16} {'tidings':>16}")
    totals = {}
    for component in names:
        cells = []
        for name in pipelines:
            values = [r[component] for r in runs[name] if component in r]
            cells.append(f"{statistics.median(values):7.2f} ({1000 * statistics.median(values) / len(texts):5.1f})"
                         if values else f"{'':16}")
        print(f"{component:22} {cells[0]:>16} {cells[1]:>16}")
    for name in pipelines:
        totals[name] = statistics.median(sum(r.values()) for r in runs[name])
    print(f"{'total':22} {totals['stock']:7.2f} ({1000 * totals['stock'] / len(texts):5.1f}) "
          f"{totals['tidings']:7.2f} ({1000 * totals['tidings'] / len(texts):5.1f})")
    print(f"tidings / stock: {totals['tidings'] / totals['stock']:.2f}")


if __name__ == "__main__":
    main()
