"""Throughput and memory of `tidings run` against the raw spaCy floor, on a generated corpus.

For N documents (default 500) of `benchmarks/corpus.py`, in `--repeat` interleaved rounds (medians
printed, with their min and max):
  raw      stock spaCy `nlp.pipe` over the same texts (`raw_floor.py`, its own process: `spacy.load`
           alone, no Tidings component or speed-up)
  e2e w1   `tidings run --workers 1` as a subprocess on a fresh database
  e2e w2   the same with `--workers 2`
then once:
  incr     a run over the corpus plus 1 % new documents, on a copy of the w1 database
Ratios to raw: "loop" compares parsing-loop clocks (start-up excluded on both sides), "wall" whole
processes (interpreter, imports and model load included on both sides), "cpu" CPU seconds.
For each size in `--sizes` (e.g. 2000,20000): one `--workers 2` run with the peak RSS and PSS of the
whole process tree and the peak RSS of the main process, then a run adding 1 % new documents to a copy
of its database. "loop" figures use the run loop's own clock (start-up excluded); "wall" includes the
interpreter start and model loading.

Usage: python benchmarks/throughput.py [-n 500] [--repeat 3] [--sizes 2000,20000] [--skip-base] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from _harness import CliRun, copy_db, fresh_db, machine, run_cli, use_snapshot
from corpus import DEFAULT_OUT, write_corpus

log = logging.getLogger("throughput")


@dataclass
class RawRun:
    """The floor as its own process (`raw_floor.py`): stock spaCy, parsing only."""

    docs: int
    loop: float  # seconds of `nlp.pipe` alone
    wall: float  # seconds from spawn to exit: interpreter, imports and model load included
    cpu: float  # CPU seconds of the parsing loop


def raw_floor(corpus: Path) -> RawRun:
    """Run `raw_floor.py` on the corpus and time it from outside."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, str(Path(__file__).with_name("raw_floor.py")), str(corpus)],
                          check=True, capture_output=True, text=True)
    wall = time.perf_counter() - started
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    return RawRun(figures["docs"], figures["loop"], wall, figures["cpu"])


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


def base_benchmark(count: int, out: Path, repeat: int = 1, incremental: bool = True) -> tuple[list[list[str]], dict]:
    """Raw floor, end to end at 1 and 2 workers (`repeat` rounds, interleaved: raw, w1, w2, raw, …,
    so that a machine whose speed drifts slows all three alike), and the incremental run."""
    corpus = write_corpus(count, out)
    rounds: list[tuple[RawRun, CliRun, CliRun]] = []
    for number in range(repeat):
        raw = raw_floor(corpus)
        log.info("round %d: raw nlp.pipe %.1f docs/s (%.1f with start-up) over %d texts", number + 1,
                 raw.docs / raw.loop, raw.docs / raw.wall, raw.docs)
        one = _checked(run_cli(corpus, fresh_db(out, f"w1-{count}"), 1), f"round {number + 1}: workers 1")
        two = _checked(run_cli(corpus, fresh_db(out, f"w2-{count}"), 2), f"round {number + 1}: workers 2")
        rounds.append((raw, one, two))
    rows = []
    for number, (raw, one, two) in enumerate(rounds, 1):
        tag = f" (round {number})" if repeat > 1 else ""
        rows += [[f"raw nlp.pipe{tag}", str(raw.docs), f"{raw.wall:.1f}", f"{raw.docs / raw.wall:.1f}", f"{raw.loop:.1f}",
                  f"{raw.docs / raw.loop:.1f}", f"{raw.cpu:.0f}", f"{raw.docs / raw.cpu:.1f}", "", "", ""],
                 _row(f"e2e --workers 1{tag}", one), _row(f"e2e --workers 2{tag}", two)]
    per_round = {
        "raw_docs_per_s": [r.docs / r.loop for r, _, _ in rounds],
        "raw_docs_per_s_wall": [r.docs / r.wall for r, _, _ in rounds],
        "raw_docs_per_cpu_s": [r.docs / r.cpu for r, _, _ in rounds],
        "e2e_w1_docs_per_s_loop": [_rate(o, o.loop) for _, o, _ in rounds],
        "e2e_w1_docs_per_s_wall": [_rate(o, o.wall) for _, o, _ in rounds],
        "e2e_w1_docs_per_cpu_s": [_rate(o, o.cpu) for _, o, _ in rounds],
        "e2e_w2_docs_per_s_loop": [_rate(t, t.loop) for _, _, t in rounds],
        "e2e_w2_docs_per_s_wall": [_rate(t, t.wall) for _, _, t in rounds],
        "ratio_e2e_w1_over_raw_loop": [_rate(o, o.loop) / (r.docs / r.loop) for r, o, _ in rounds],
        "ratio_e2e_w1_over_raw_wall": [_rate(o, o.wall) / (r.docs / r.wall) for r, o, _ in rounds],
        "ratio_e2e_w1_over_raw_cpu": [_rate(o, o.cpu) / (r.docs / r.cpu) for r, o, _ in rounds],
        "speedup_w2_over_w1_loop": [o.loop / t.loop if t.loop else 0.0 for _, o, t in rounds],
        "speedup_w2_over_w1_wall": [o.wall / t.wall if t.wall else 0.0 for _, o, t in rounds],
    }
    figures: dict = {name: statistics.median(values) for name, values in per_round.items()}
    figures["spread"] = {name: [min(values), max(values)] for name, values in per_round.items()}
    figures["rounds"] = repeat
    if incremental:
        plus = write_corpus(count + max(1, count // 100), out)  # same seed: the first `count` are identical
        more = _checked(run_cli(plus, copy_db(out / f"w1-{count}.duckdb", f"incr-{count}"), 1), "incremental (+1 %)")
        rows.append(_row("incremental +1 % (w1)", more))
        one = rounds[-1][1]
        figures.update({"incremental_wall_s": more.wall, "incremental_added": more.added,
                        "incremental_skipped": more.skipped, "full_w1_wall_s": one.wall,
                        "incremental_loop_s": more.loop, "full_w1_loop_s": one.loop})
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
    parser.add_argument("--repeat", type=int, default=1, help="interleaved rounds of raw, --workers 1, --workers 2 (medians)")
    parser.add_argument("--no-incremental", action="store_true", help="skip the +1 %% run after the base rounds")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="corpora and databases (not in the repo)")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    parser.add_argument("--ref", default="HEAD", help="git ref of src/ to benchmark ('live': the work tree)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    if args.ref != "live":
        log.info("running tidings from a snapshot of %s: %s", args.ref, use_snapshot(args.ref))
    rows, figures = [], {"machine": machine()}
    if not args.skip_base:
        base_rows, base_figures = base_benchmark(args.count, args.out, args.repeat, not args.no_incremental)
        rows += base_rows
        figures.update(base_figures)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if sizes:
        size_rows, size_figures = size_benchmark(sizes, args.size_workers, args.out)
        rows += size_rows
        figures.update(size_figures)
    print(f"machine: {figures['machine']}")
    print(_table(rows))
    for name in ("raw_docs_per_s", "e2e_w1_docs_per_s_loop", "e2e_w2_docs_per_s_loop", "ratio_e2e_w1_over_raw_loop",
                 "ratio_e2e_w1_over_raw_wall", "ratio_e2e_w1_over_raw_cpu", "speedup_w2_over_w1_loop",
                 "speedup_w2_over_w1_wall"):
        if name in figures:
            low, high = figures["spread"][name]
            print(f"{name}: {figures[name]:.2f} (median of {figures['rounds']}; min {low:.2f}, max {high:.2f})")
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
