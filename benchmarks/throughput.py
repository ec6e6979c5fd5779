"""Throughput and memory of `tidings run` against the raw spaCy floor, on a generated corpus.

For N documents (default 500) of `benchmarks/corpus.py`:
  raw      `nlp.pipe` over the same texts with `tidings.nlp.load_pipeline()` (model load excluded)
  e2e w1   `tidings run --workers 1` as a subprocess on a fresh database
  e2e w2   the same with `--workers 2`
  incr     a run over the corpus plus 1 % new documents, on a copy of the w1 database
For each size in `--sizes` (e.g. 2000,20000): one `--workers 2` run with the peak RSS and PSS of the
whole process tree and the peak RSS of the main process, then a run adding 1 % new documents to a copy
of its database. "loop" figures use the run loop's own clock (start-up excluded); "wall" includes the
interpreter start and model loading.

Usage: python benchmarks/throughput.py [-n 500] [--sizes 2000,20000] [--skip-base] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import logging
import time
from pathlib import Path

from _harness import CliRun, copy_db, fresh_db, machine, run_cli, use_snapshot
from corpus import DEFAULT_OUT, write_corpus

log = logging.getLogger("throughput")


def raw_floor(corpus: Path) -> tuple[float, float, int]:
    """Documents per wall second and per CPU second of `nlp.pipe` alone on the corpus texts, and
    the document count."""
    from tidings.config import Settings
    from tidings.nlp import load_pipeline

    settings = Settings.load(workers=1)
    nlp = load_pipeline(settings.model)
    texts = [json.loads(line)["text"][: settings.max_nlp_chars] for line in corpus.open(encoding="utf-8")]
    list(nlp.pipe(texts[:8]))  # warm-up: first-call allocations
    started, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=settings.batch_size):
        pass
    return len(texts) / (time.perf_counter() - started), len(texts) / (time.process_time() - cpu), len(texts)


def _rate(run: CliRun, seconds: float) -> float:
    return run.added / seconds if seconds else 0.0


def _row(label: str, run: CliRun) -> list[str]:
    return [label, str(run.added), f"{run.wall:.1f}", f"{_rate(run, run.wall):.1f}", f"{run.loop:.1f}",
            f"{_rate(run, run.loop):.1f}", f"{run.cpu:.0f}", f"{_rate(run, run.cpu):.1f}",
            f"{run.peak_rss / 2**20:.0f}", f"{run.peak_pss / 2**20:.0f}", f"{run.peak_main_rss / 2**20:.0f}"]


def _table(rows: list[list[str]]) -> str:
    header = ["run", "docs", "wall s", "docs/s wall", "loop s", "docs/s loop", "cpu s", "docs/cpu-s", "peak RSS MiB",
              "peak PSS MiB", "main RSS MiB"]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    line = lambda r: "  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths)))  # noqa: E731
    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, rows)])


def _checked(run: CliRun, label: str) -> CliRun:
    if run.returncode != 0:
        raise SystemExit(f"{label}: tidings run exited {run.returncode}\n{run.output[-2000:]}")
    log.info("%s: %d added in %.1f s wall (%.1f s loop), peak RSS %.0f MiB", label, run.added, run.wall,
             run.loop, run.peak_rss / 2**20)
    return run


def base_benchmark(count: int, out: Path) -> tuple[list[list[str]], dict]:
    """Raw floor, end to end at 1 and 2 workers, and the incremental run, for `count` documents."""
    corpus = write_corpus(count, out)
    plus = write_corpus(count + max(1, count // 100), out)  # same seed: the first `count` are identical
    raw, raw_cpu, texts = raw_floor(corpus)
    log.info("raw nlp.pipe: %.1f docs/s (%.1f per CPU second) over %d texts", raw, raw_cpu, texts)
    one = _checked(run_cli(corpus, fresh_db(out, f"w1-{count}"), 1), "workers 1")
    two = _checked(run_cli(corpus, fresh_db(out, f"w2-{count}"), 2), "workers 2")
    incremental = _checked(run_cli(plus, copy_db(out / f"w1-{count}.duckdb", f"incr-{count}"), 1),
                           "incremental (+1 %)")
    rows = [["raw nlp.pipe", str(texts), "", f"{raw:.1f}", "", f"{raw:.1f}", "", f"{raw_cpu:.1f}", "", "", ""],
            _row("e2e --workers 1", one), _row("e2e --workers 2", two), _row("incremental +1 % (w1)", incremental)]
    figures = {
        "raw_docs_per_s": raw,
        "e2e_w1_docs_per_s_loop": _rate(one, one.loop), "e2e_w1_docs_per_s_wall": _rate(one, one.wall),
        "e2e_w2_docs_per_s_loop": _rate(two, two.loop), "e2e_w2_docs_per_s_wall": _rate(two, two.wall),
        "raw_docs_per_cpu_s": raw_cpu, "e2e_w1_docs_per_cpu_s": _rate(one, one.cpu),
        "e2e_w2_docs_per_cpu_s": _rate(two, two.cpu),
        "ratio_e2e_w1_over_raw_loop": _rate(one, one.loop) / raw,
        "ratio_e2e_w1_over_raw_cpu": _rate(one, one.cpu) / raw_cpu,
        "speedup_w2_over_w1_loop": one.loop / two.loop if two.loop else 0.0,
        "speedup_w2_over_w1_wall": one.wall / two.wall if two.wall else 0.0,
        "incremental_wall_s": incremental.wall, "incremental_added": incremental.added,
        "incremental_skipped": incremental.skipped, "full_w1_wall_s": one.wall,
        "incremental_loop_s": incremental.loop, "full_w1_loop_s": one.loop,
    }
    return rows, figures


def size_benchmark(sizes: list[int], workers: int, out: Path) -> tuple[list[list[str]], dict]:
    """One run per size, for its peak RSS and whether docs/s holds as the store grows."""
    rows, figures = [], {}
    for size in sizes:
        run = _checked(run_cli(write_corpus(size, out), fresh_db(out, f"size-{size}"), workers),
                       f"size {size}")
        rows.append(_row(f"N={size} --workers {workers}", run))
        plus = write_corpus(size + size // 100, out)  # same seed: the first `size` are identical
        more = _checked(run_cli(plus, copy_db(out / f"size-{size}.duckdb", f"size-incr-{size}"), workers),
                        f"size {size} +1 %")
        rows.append(_row(f"N={size} +1 % --workers {workers}", more))
        figures[f"incremental_share_wall_{size}"] = more.wall / run.wall if run.wall else 0.0
        figures[f"rss_mib_{size}"] = run.peak_rss / 2**20
        figures[f"pss_mib_{size}"] = run.peak_pss / 2**20
        figures[f"main_rss_mib_{size}"] = run.peak_main_rss / 2**20
        figures[f"docs_per_s_loop_{size}"] = _rate(run, run.loop)
    return rows, figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--count", type=int, default=500)
    parser.add_argument("--sizes", default="", help="comma-separated corpus sizes for peak RSS, e.g. 2000,20000")
    parser.add_argument("--size-workers", type=int, default=2)
    parser.add_argument("--skip-base", action="store_true", help="only the --sizes runs")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="corpora and databases (not in the repo)")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    parser.add_argument("--ref", default="HEAD", help="git ref of src/ to benchmark ('live': the work tree)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    if args.ref != "live":
        log.info("running tidings from a snapshot of %s: %s", args.ref, use_snapshot(args.ref))
    rows, figures = [], {"machine": machine()}
    if not args.skip_base:
        base_rows, base_figures = base_benchmark(args.count, args.out)
        rows += base_rows
        figures.update(base_figures)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if sizes:
        size_rows, size_figures = size_benchmark(sizes, args.size_workers, args.out)
        rows += size_rows
        figures.update(size_figures)
    print(f"machine: {figures['machine']}")
    print(_table(rows))
    for name in ("ratio_e2e_w1_over_raw_loop", "ratio_e2e_w1_over_raw_cpu", "speedup_w2_over_w1_loop", "speedup_w2_over_w1_wall"):
        if name in figures:
            print(f"{name}: {figures[name]:.2f}")
    if "incremental_wall_s" in figures:
        print(f"incremental: +{figures['incremental_added']} new, {figures['incremental_skipped']} skipped, "
              f"{figures['incremental_wall_s']:.1f} s wall vs full run {figures['full_w1_wall_s']:.1f} s "
              f"({figures['incremental_loop_s']:.1f} s vs {figures['full_w1_loop_s']:.1f} s after start-up)")
    for size in sizes:
        print(f"N={size}: the +1 % run took {figures[f'incremental_share_wall_{size}']:.1%} of the full run's wall time")
    if len(sizes) >= 2:
        first, last = sizes[0], sizes[-1]
        for kind in ("rss", "pss", "main_rss"):
            if figures.get(f"{kind}_mib_{first}"):
                print(f"peak {kind} at N={last} / N={first}: "
                      f"{figures[f'{kind}_mib_{last}'] / figures[f'{kind}_mib_{first}']:.2f}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
