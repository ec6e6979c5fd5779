"""Where a `tidings run` spends its time, per stage, from a py-spy profile.

py-spy is not a project dependency: install it for yourself (`.venv/bin/pip install py-spy`), then

    py-spy record -f raw -o prof.txt -r 40 -- .venv/bin/tidings run CORPUS --db X.duckdb --workers 1
    python benchmarks/profile_stages.py prof.txt

Each stage's share is inclusive (a sample counts for every stage on its stack), so nested rows
(e.g. the resolver's parts) add up to their parent, not to the total.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

#: (label, function name, path fragment): the first frame matching both names the stage.
STAGES = [
    ("start-up: imports", "_find_and_load", "importlib"),
    ("start-up: Pipeline.build", "Pipeline.build", "tidings/pipeline.py"),
    ("  spaCy model load", "load_pipeline", "tidings/nlp"),
    ("  gazetteer load", "Gazetteer.load", "tidings/places"),
    ("ingest (read_inputs)", "_read_all", "tidings/ingest"),
    ("skip known (_new_documents)", "_new_documents", "tidings/runner/run.py"),
    ("clean", "clean_document", "tidings/clean"),
    ("nlp.pipe (spaCy)", "Language.pipe", "spacy/language.py"),
    ("places", "find_places", "tidings/places"),
    ("times", "find_times", "tidings/times"),
    ("actors", "find_actors", "tidings/actors"),
    ("events", "extract_events", "tidings/events"),
    ("  learned modality (classifier)", "apply_learned_modality", "tidings/events"),
    ("  choose_date", "choose_date", "tidings/events"),
    ("minhash", "minhash_signature", "tidings/clean"),
    ("sentences_of", "sentences_of", "tidings/pipeline.py"),
    ("resolve (BatchResolver.resolve)", "BatchResolver.resolve", "tidings/runner/resolution.py"),
    ("  near-duplicates", "BatchResolver._flag_near_duplicates", "tidings/runner/resolution.py"),
    ("  events merge", "BatchResolver._merge_events", "tidings/runner/resolution.py"),
    ("    load event window", "Store.event_window", "tidings/store"),
    ("  stories", "BatchResolver._assign_stories", "tidings/runner/resolution.py"),
    ("  story state to_state", "StoryIndex.to_state", "tidings/resolve"),
    ("store writes (write_batch)", "Store.write_batch", "tidings/store"),
    ("  documents/sentences/mentions", "Store._insert_documents", "tidings/store"),
    ("  events upsert", "Store._upsert_events", "tidings/store"),
    ("  stories upsert", "Store._upsert_stories", "tidings/store"),
]


def stage_samples(profile: Path) -> tuple[int, Counter[str]]:
    """Total samples and inclusive samples per stage label."""
    total, counts = 0, Counter()
    for line in profile.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, number = line.rpartition(" ")
        if not number.isdigit():
            continue
        samples = int(number)
        total += samples
        hit = set()
        for frame in stack.split(";"):
            name, _, where = frame.partition(" (")
            for label, function, fragment in STAGES:
                if label not in hit and name == function and fragment in where:
                    hit.add(label)
        for label in hit:
            counts[label] += samples
    return total, counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("profile", type=Path, help="py-spy output in raw (collapsed stack) format")
    parser.add_argument("--rate", type=float, default=40.0, help="py-spy sampling rate used (-r)")
    parser.add_argument("--docs", type=int, help="documents in the run, for ms per document")
    args = parser.parse_args()
    total, counts = stage_samples(args.profile)
    print(f"{total} samples = {total / args.rate:.1f} s sampled")
    header = f"{'stage':34} {'s':>7} {'%':>6}" + (f" {'ms/doc':>8}" if args.docs else "")
    print(header)
    for label, _, _ in STAGES:
        seconds = counts[label] / args.rate
        row = f"{label:34} {seconds:7.1f} {100 * counts[label] / total:6.1f}"
        print(row + (f" {1000 * seconds / args.docs:8.1f}" if args.docs else ""))


if __name__ == "__main__":
    main()
