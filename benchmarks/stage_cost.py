"""CPU milliseconds per document of each per-document stage, measured directly (no sampling).

The documents are cleaned and parsed once (that CPU time is reported too); then each stage runs over
every parsed document in `--repeat` rounds, each call timed with the process CPU clock, and the
median round is printed. The first round warms the caches the stages keep (gazetteer keys, lexicon
indices) and is left out of the median unless it is the only one. Run it from the repository root:

    .venv/bin/python benchmarks/stage_cost.py CORPUS.jsonl [--repeat 5] [--limit N]

`PYTHONPATH=SRC` measures another tree's `src/` (e.g. a `git archive` of an older commit): the script
only calls the entry functions every version has (`find_places`, `find_times`, `find_actors`,
`extract_events`), passing the events classifier only where `extract_events` takes one.
"""

from __future__ import annotations

import argparse
import inspect
import json
import statistics
import time
from pathlib import Path

from tidings.actors import find_actors
from tidings.events import extract_events
from tidings.ingest import read_inputs
from tidings.pipeline import Pipeline
from tidings.places import find_places
from tidings.times import find_times

STAGES = ("places", "times", "actors", "events")


def _parse(pipeline: Pipeline, texts: list[str]) -> list:
    """Parse as the pipeline does (`parse_all` where it exists, else `nlp.pipe`)."""
    try:
        from tidings.nlp.pieces import parse_all
    except ImportError:
        return list(pipeline.nlp.pipe(texts, batch_size=pipeline.settings.batch_size))
    settings = pipeline.settings
    return list(parse_all(pipeline.nlp, texts, settings.parse_piece_chars, settings.batch_size))


def _parse_or_load(pipeline: Pipeline, texts: list[str], parsed: Path | None) -> list:
    """The parsed texts; with `parsed`, read from that DocBin when it holds these texts, else
    parsed and saved there (to compare code versions on the same parses without re-parsing)."""
    from spacy.tokens import DocBin

    if parsed is not None and parsed.exists():
        docs = list(DocBin().from_disk(parsed).get_docs(pipeline.nlp.vocab))
        if [doc.text for doc in docs] == texts:
            return docs
    docs = _parse(pipeline, texts)
    if parsed is not None:
        DocBin(docs=docs, store_user_data=False).to_disk(parsed)
    return docs


def _round(pipeline: Pipeline, parsed: list[tuple], found: list | None = None) -> dict[str, float]:
    """CPU seconds of each stage over every document, one pass; `found` collects the events."""
    takes_classifier = "classifier" in inspect.signature(extract_events).parameters
    spent = dict.fromkeys(STAGES, 0.0)
    clock = time.process_time
    for document, doc in parsed:
        t0 = clock()
        places = find_places(doc, pipeline.gazetteer)
        t1 = clock()
        times = find_times(doc, document.published)
        t2 = clock()
        actors = find_actors(doc, places, pipeline.actors, document.published)
        t3 = clock()
        mentions = sorted([*places, *times, *actors], key=lambda m: (m.start, m.kind))
        t4 = clock()
        if takes_classifier:
            events = extract_events(doc, document, mentions, pipeline.ontology, getattr(pipeline, "classifier", None))
        else:
            events = extract_events(doc, document, mentions, pipeline.ontology)
        t5 = clock()
        if found is not None:
            found.append((mentions, events))
        for stage, seconds in zip(STAGES, (t1 - t0, t2 - t1, t3 - t2, t5 - t4)):
            spent[stage] += seconds
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="JSONL (or any input `tidings run` reads)")
    parser.add_argument("--repeat", type=int, default=5, help="rounds over the parsed documents")
    parser.add_argument("--limit", type=int, help="first N documents only")
    parser.add_argument("--parsed", type=Path, help="DocBin of the parsed texts: read if it matches, else "
                        "written (the parse figure is then the read's)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--dump", type=Path, help="write each document's mentions and events (first round) "
                        "as JSON lines here, to check that a change keeps the output")
    args = parser.parse_args()
    pipeline = Pipeline.build()
    documents = list(read_inputs([str(args.corpus)], on_error=lambda error: None))[: args.limit]
    start = time.process_time()
    cleaned = [pipeline._clean(document) for document in documents]
    clean_s = time.process_time() - start
    texts = [document.clean_text[: pipeline.settings.max_nlp_chars] for document in cleaned]
    start = time.process_time()
    docs = _parse_or_load(pipeline, texts, args.parsed)
    parse_s = time.process_time() - start
    parsed = list(zip(cleaned, docs))
    found: list = []
    rounds = [_round(pipeline, parsed, found if not index else None) for index in range(args.repeat)]
    if args.dump:
        from tidings._serial import to_plain

        with args.dump.open("w", encoding="utf-8") as out:
            for mentions, events in found:
                out.write(json.dumps({"mentions": [to_plain(m) for m in mentions],
                                     "events": [to_plain(e) for e in events]},
                                     sort_keys=True) + "\n")
    counted = rounds[1:] or rounds
    n = len(parsed)
    per_doc = {stage: 1000 * statistics.median(r[stage] for r in counted) / n for stage in STAGES}
    figures = {"documents": n, "rounds": len(counted), "clean": 1000 * clean_s / n,
               "parse": 1000 * parse_s / n, **per_doc,
               "per_round": {stage: [round(1000 * r[stage] / n, 3) for r in counted] for stage in STAGES}}
    figures["total"] = figures["clean"] + figures["parse"] + sum(per_doc.values())
    if args.json:
        print(json.dumps(figures))
        return
    print(f"{n} documents, CPU ms per document (stages: median of {len(counted)} rounds)")
    for key in ("clean", "parse", *STAGES, "total"):
        print(f"  {key:8} {figures[key]:8.2f}")
    print(f"  events share of total {100 * figures['events'] / figures['total']:.1f} %; "
          f"events per round {figures['per_round']['events']}")


if __name__ == "__main__":
    main()
