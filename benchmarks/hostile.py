"""Hostile inputs, measured (issue 15): inputs tried, crashes, good documents lost, peak RSS.

Three runs of `tidings run` as subprocesses, each watched for its peak RSS (the whole process tree):
1. the generated hostile corpus of `tests/hostile_corpus.py` (bad inputs of 35+ kinds beside good
   articles): inputs tried, bad inputs named, crashes (exit status 4, a traceback, an analysis failure),
   good documents lost;
2. a batch of three 5 MB articles against a run over ordinary articles (`--ordinary` of them, of
   `--ordinary-chars` each), with default settings: the acceptance bound is peak RSS ≤ 1.2 × the ordinary run's;
3. a CSV with one 10 MB field beside ordinary rows: seconds and peak RSS (it used to cost 41 s and
   1.15 GB, then fail).

Usage: python benchmarks/hostile.py [--out DIR] [--workers N] [--ordinary N] [--ordinary-chars C]
                                    [--parts hostile,big,csv] [--ref REF|live]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _harness import fresh_db, machine, run_cli, use_snapshot  # noqa: E402

MIB = 2**20


def _articles(rng: random.Random, count: int, chars: int) -> list[str]:
    """`count` articles of about `chars` characters. Every sentence carries its own report number,
    so cleaning (which drops repeated paragraphs) keeps a long article whole."""
    from tests.hostile_corpus import article

    texts = []
    serial = 0
    for _ in range(count):
        parts, size = [], 0
        while size < chars:
            sentences = article(rng, sentences=rng.randint(3, 6)).split(". ")
            serial += len(sentences)
            paragraph = ". ".join(f"{s.rstrip('.')} (report {serial - n})" for n, s in enumerate(sentences)) + "."
            parts.append(paragraph)
            size += len(paragraph) + 1
        texts.append("\n".join(parts))
    return texts


def _stored_ids(db: Path) -> set[str]:
    from tidings.store import open_store

    with open_store(db, read_only=True) as store:
        return {row["id"] for row in store.documents()}


def hostile(out: Path, workers: int) -> dict[str, object]:
    import yaml

    from tests.hostile_corpus import CONFIG, write_hostile_corpus

    folder = out / "hostile-corpus"
    if folder.exists():
        import shutil

        shutil.rmtree(folder)
    corpus = write_hostile_corpus(folder)
    config = out / "hostile.yaml"
    config.write_text(yaml.safe_dump(CONFIG))
    db = fresh_db(out, "hostile")
    run = run_cli(folder, db, workers, "--config", str(config))
    lines = run.output.splitlines()
    rejected = [line for line in lines if line.startswith("rejected: ")]
    crashes = (run.returncode == 4) + run.output.count("Traceback") + run.output.count("analysis failed")
    named = sum(1 for name in corpus.bad if any(name in line for line in rejected))
    lost = len(set(corpus.good_ids) - _stored_ids(db))
    return {"inputs tried": len(corpus.bad) + len(corpus.good_ids), "kinds": corpus.kinds,
            "bad inputs": len(corpus.bad), "bad inputs named": named, "good documents": len(corpus.good_ids),
            "good documents lost": lost, "crashes": crashes, "exit status": run.returncode,
            "unprintable lines": sum(1 for line in lines if not line.isprintable()),
            "peak RSS MiB": round(run.peak_rss / MIB), "wall s": round(run.wall, 1)}


def big_articles(out: Path, workers: int, ordinary: int, ordinary_chars: int) -> dict[str, object]:
    rng = random.Random(5)
    small = out / "ordinary"
    big = out / "big"
    for folder, texts in ((small, _articles(rng, ordinary, ordinary_chars)), (big, _articles(rng, 3, 5_000_000))):
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.txt"):
            old.unlink()
        for number, text in enumerate(texts):
            (folder / f"a{number:04d}.txt").write_text(text, encoding="utf-8")
    ordinary_run = run_cli(small, fresh_db(out, "ordinary"), workers)
    big_run = run_cli(big, fresh_db(out, "big"), workers)
    notes = [line for line in big_run.output.splitlines() if line.startswith("note: ")]
    return {"ordinary articles": ordinary_run.added, "ordinary characters": ordinary_chars,
            "ordinary peak RSS MiB": round(ordinary_run.peak_rss / MIB),
            "ordinary wall s": round(ordinary_run.wall, 1),
            "5 MB articles": big_run.added, "big peak RSS MiB": round(big_run.peak_rss / MIB),
            "big wall s": round(big_run.wall, 1), "parse-limit notes": len(notes),
            "ratio big / ordinary": round(big_run.peak_rss / max(ordinary_run.peak_rss, 1), 2),
            "bound": 1.2}


def huge_csv_field(out: Path, workers: int) -> dict[str, object]:
    rng = random.Random(9)
    rows = _articles(rng, 5, 2_000)
    path = out / "huge-field.csv"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("id,text\n1,\"" + "word " * 2_000_000 + "\"\n")  # one 10 MB field
        for number, text in enumerate(rows, start=2):
            handle.write(f'{number},"{text}"\n')
    run = run_cli(path, fresh_db(out, "huge-field"), workers)
    return {"documents added": run.added, "exit status": run.returncode, "wall s": round(run.wall, 1),
            "loop s": round(run.loop, 1), "peak RSS MiB": round(run.peak_rss / MIB)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "tidings-bench")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--ordinary", type=int, default=192, help="ordinary articles (3 batches of 64)")
    parser.add_argument("--ordinary-chars", type=int, default=2_000, help="characters per ordinary article "
                        "(2,000: about 330 words, the mean of benchmarks/corpus.py)")
    parser.add_argument("--parts", default="hostile,big,csv", help="which runs: hostile, big, csv")
    parser.add_argument("--ref", default="HEAD", help="git ref of src/ to benchmark, or 'live'")
    args = parser.parse_args()
    if args.ref != "live":
        use_snapshot(args.ref)
    args.out.mkdir(parents=True, exist_ok=True)
    print(f"machine: {machine()}; workers {args.workers}", flush=True)
    started = time.perf_counter()
    parts = set(args.parts.split(","))
    runs = {"hostile": ("hostile corpus", lambda: hostile(args.out, args.workers)),
            "big": ("three 5 MB articles",
                    lambda: big_articles(args.out, args.workers, args.ordinary, args.ordinary_chars)),
            "csv": ("10 MB CSV field", lambda: huge_csv_field(args.out, args.workers))}
    for key, (title, measure) in runs.items():
        if key in parts:
            print(json.dumps({title: measure()}, indent=2), flush=True)
    print(f"total {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
