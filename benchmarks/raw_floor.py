"""The floor: stock spaCy `nlp.pipe` over a corpus's texts, as its own process.

Loads the spaCy pipeline named in the settings with `spacy.load` alone (no Tidings component, none
of our speed-ups), warms it on 8 texts, then parses every text at the run's batch size, and prints
one JSON line: documents, loop seconds (parsing only) and CPU seconds of the loop. Timed from
outside, its wall time includes interpreter start, imports and model loading, like `tidings run`'s.

Usage: python benchmarks/raw_floor.py CORPUS.jsonl
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main() -> None:
    import spacy

    from tidings.config import Settings

    settings = Settings.load(workers=1)
    corpus = Path(sys.argv[1])
    texts = [json.loads(line)["text"][: settings.max_nlp_chars] for line in corpus.open(encoding="utf-8")]
    nlp = spacy.load(settings.model)
    list(nlp.pipe(texts[:8]))  # warm-up: first-call allocations
    started, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=settings.batch_size):
        pass
    print(json.dumps({"docs": len(texts), "loop": time.perf_counter() - started, "cpu": time.process_time() - cpu}))


if __name__ == "__main__":
    main()
