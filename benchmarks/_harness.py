"""Shared helpers of the benchmark scripts: run `tidings run` as a subprocess and watch its memory."""

from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

TIDINGS = str(Path(sys.executable).with_name("tidings"))
_SUMMARY = re.compile(r"(\d+) documents added, (\d+) already stored, (\d+) rejected in ([\d.]+) s")


@dataclass
class CliRun:
    """What one `tidings run` subprocess did, as seen from outside."""

    wall: float  # seconds from spawn to exit, model loading included
    loop: float  # seconds the run loop reports (after start-up)
    added: int
    skipped: int
    peak_rss: int  # bytes, whole process tree, polled (shared pages of forked workers count once each)
    peak_pss: int  # bytes, whole process tree: proportional set size, shared pages split between sharers
    peak_main_rss: int  # bytes, the `tidings run` process alone (resolver, store, ingest)
    cpu: float  # user + system seconds of the tree (reaped descendants): robust to a busy machine
    returncode: int
    output: str


def _psutil_tree(pid: int) -> list | None:
    """psutil handles of a process and all its descendants; None without psutil, [] once it exited."""
    try:
        import psutil
    except ImportError:
        return None
    try:
        root = psutil.Process(pid)
        return [root, *root.children(recursive=True)]
    except psutil.Error:
        return []


def tree_rss(pid: int, cpu_seen: dict[int, float] | None = None) -> int:
    """Resident memory of a process and all its descendants, in bytes (psutil, else /proc).
    With psutil, `cpu_seen` collects each process's latest user + system seconds."""
    processes = _psutil_tree(pid)
    if processes is None:
        return _proc_tree_rss(pid)
    import psutil

    total = 0
    for process in processes:
        try:
            total += process.memory_info().rss
            if cpu_seen is not None:
                times = process.cpu_times()
                cpu_seen[process.pid] = times.user + times.system
        except psutil.Error:
            pass
    return total


def tree_pss(pid: int) -> int:
    """Proportional set size of a process and its descendants, in bytes (0 without psutil): the
    memory the tree really holds, since forked workers share the model's pages."""
    processes = _psutil_tree(pid)
    if not processes:
        return 0
    import psutil

    total = 0
    for process in processes:
        try:
            total += process.memory_full_info().pss
        except (psutil.Error, AttributeError):
            pass
    return total


def _process_rss(pid: int) -> int:
    """VmRSS of one process from /proc, in bytes (0 once it has exited)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _proc_tree_rss(pid: int) -> int:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        stack.extend(children.get(current, []))
        total += _process_rss(current)
    return total


def run_cli(corpus: Path, db: Path, workers: int, *extra: str, poll: float = 0.2) -> CliRun:
    """Run `tidings run corpus --db db --workers N` and poll the tree's RSS until it exits."""
    log_path = db.with_suffix(".log")
    command = [TIDINGS, "run", str(corpus), "--db", str(db), "--workers", str(workers), *extra]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    peak = peak_pss = peak_main = 0
    cpu_seen: dict[int, float] = {}
    with log_path.open("w") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=db.parent,
                                   start_new_session=True)
        polls = 0
        while process.poll() is None:
            peak = max(peak, tree_rss(process.pid, cpu_seen))
            peak_main = max(peak_main, _process_rss(process.pid))
            if polls % 10 == 0:  # reading smaps costs more: every 10th poll
                peak_pss = max(peak_pss, tree_pss(process.pid))
            polls += 1
            time.sleep(poll)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    reaped = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    cpu = max(reaped, sum(cpu_seen.values()))  # polled: sees forkserver workers that rusage misses
    output = log_path.read_text()
    match = _SUMMARY.search(output)
    added, skipped, loop = (int(match[1]), int(match[2]), float(match[4])) if match else (0, 0, 0.0)
    return CliRun(wall, loop, added, skipped, peak, peak_pss, peak_main, cpu, process.returncode, output)


def fresh_db(folder: Path, name: str) -> Path:
    """A path for a new database in `folder` (any old file of that name removed)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.duckdb"
    for old in folder.glob(f"{name}.duckdb*"):
        old.unlink()
    return path


def copy_db(source: Path, name: str) -> Path:
    """A copy of a database (with its WAL, if any) to extend without touching the original."""
    target = fresh_db(source.parent, name)
    shutil.copyfile(source, target)
    wal = Path(f"{source}.wal")
    if wal.exists():
        shutil.copyfile(wal, f"{target}.wal")
    return target


def document_count(db: Path) -> int:
    """Documents stored in a Tidings database."""
    from tidings.store import open_store

    with open_store(db, read_only=True) as store:
        return store.counts()["documents"]


def machine() -> str:
    """Cores, memory and Python of this machine, for the README."""
    try:
        import psutil

        memory = f"{psutil.virtual_memory().total / 2**30:.0f} GiB RAM"
    except ImportError:
        memory = "RAM unknown"
    load = ", load average %.1f" % os.getloadavg()[0]
    return f"{os.cpu_count()} cores, {memory}, Python {sys.version.split()[0]}{load}"


def use_snapshot(ref: str = "HEAD", root: Path = Path(__file__).resolve().parents[1]) -> Path:
    """Run against a frozen copy of `src/` at `ref`, not the live work tree other people edit.

    Extracts `git archive ref src` to a temporary folder, puts it first on this process's `sys.path`
    and on `PYTHONPATH` for the `tidings` subprocesses (the editable install only appends `src/`).
    Call before anything imports `tidings`."""
    commit = subprocess.run(["git", "rev-parse", "--short", ref], cwd=root, check=True,
                            capture_output=True, text=True).stdout.strip()
    target = Path(tempfile.gettempdir()) / f"tidings-src-{commit}"
    if not (target / "src" / "tidings").is_dir():
        target.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "archive", ref, "src"], cwd=root, check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    src = str(target / "src")
    sys.path.insert(0, src)
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [src, os.environ.get("PYTHONPATH")]))
    return target
