"""Run the per-document stages on a Dask cluster.

Each worker loads the pipeline once (a worker plugin). A task analyses one batch and writes it as a
Parquet partition (one row per document, the result as JSON) into a staging folder; the main process
reads the partitions in order, resolves them and writes them to DuckDB like a local run. A partition
that is already on disk is not analysed again, so an interrupted cluster run resumes cheaply."""

from __future__ import annotations

import hashlib
import json
import shutil
import logging
import tempfile
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from tidings._serial import from_plain, to_plain
from tidings.config import Settings
from tidings.errors import UsageError
from tidings.model import Document, DocumentResult
from tidings.runner.workers import Analyse, BatchOutcome, Failure, analyse_batch

log = logging.getLogger(__name__)

_PLUGIN_NAME = "tidings-pipeline"


def _pipeline_plugin(settings: Settings):  # noqa: ANN202  (distributed is an optional dependency)
    from distributed.diagnostics.plugin import WorkerPlugin

    class PipelinePlugin(WorkerPlugin):
        """Builds the Tidings pipeline once when a worker starts."""

        name = _PLUGIN_NAME

        def __init__(self, settings: Settings) -> None:
            self.settings = settings

        def setup(self, worker) -> None:  # noqa: ANN001
            from tidings.pipeline import Pipeline

            worker.tidings_pipeline = Pipeline.build(self.settings)

    return PipelinePlugin(settings)


def analyse_partition(batch: list[Document], path: str) -> str:
    """Dask task: analyse a batch on this worker and write it as a Parquet partition at `path`."""
    from distributed import get_worker

    outcome = analyse_batch(get_worker().tidings_pipeline, batch)
    table = pa.table({
        "doc_id": [r.document.id for r in outcome.results] + [None] * len(outcome.failures),
        "result": [json.dumps(to_plain(r), ensure_ascii=False) for r in outcome.results] + [None] * len(outcome.failures),
        "failure": [None] * len(outcome.results) + [json.dumps(to_plain(f)) for f in outcome.failures],
    })
    tmp = f"{path}.part"
    pq.write_table(table, tmp)
    Path(tmp).rename(path)
    return path


def read_partition(path: str) -> BatchOutcome:
    """The outcome a task wrote."""
    table = pq.read_table(path).to_pylist()
    outcome = BatchOutcome()
    for row in table:
        if row["result"] is not None:
            outcome.results.append(from_plain(DocumentResult, json.loads(row["result"])))
        else:
            outcome.failures.append(from_plain(Failure, json.loads(row["failure"])))
    return outcome


def connect(address: str, workers: int):  # noqa: ANN201
    """A Dask client: `local` starts a LocalCluster of `workers` single-threaded processes."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise UsageError("--dask needs the dask extra: pip install 'tidings[dask]'") from exc
    if address == "local":
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        return Client(cluster)
    return Client(address)


@contextmanager
def dask_analyser(settings: Settings, address: str, staging: str | None = None) -> Iterator[Analyse]:
    """Connect and load the pipeline on every worker on entry; then analyse batches on the cluster,
    outcomes in input order, at most two batches per worker in flight."""
    client = connect(address, settings.workers)
    owned = staging is None
    folder = Path(staging or tempfile.mkdtemp(prefix="tidings-dask-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        client.register_plugin(_pipeline_plugin(settings), name=_PLUGIN_NAME)
        limit = 2 * max(1, len(client.scheduler_info().get("workers", {})) or settings.workers)

        def analyse(batches: Iterable[list[Document]]) -> Iterator[BatchOutcome]:
            pending: deque = deque()
            for number, batch in enumerate(batches):
                path = folder / f"part-{number:06d}-{_batch_key(batch, settings)}.parquet"
                pending.append(path if path.exists() else client.submit(analyse_partition, batch, str(path), pure=False))
                if len(pending) >= limit:
                    yield _collect(pending.popleft(), owned)
            while pending:
                yield _collect(pending.popleft(), owned)

        yield analyse
    finally:
        client.close()
        if owned:
            shutil.rmtree(folder, ignore_errors=True)


def _batch_key(batch: list[Document], settings: Settings) -> str:
    """Names a partition by its documents and the settings that shape results, so a kept partition
    is reused only for the same batch analysed the same way."""
    digest = hashlib.sha256(json.dumps([d.id for d in batch]).encode())
    digest.update(json.dumps([settings.model, settings.max_nlp_chars, settings.actors_file,
                              settings.published_default, settings.minhash_permutations]).encode())
    return digest.hexdigest()[:16]


def _collect(item: "Path | Future", remove: bool) -> BatchOutcome:
    path = Path(item) if isinstance(item, Path) else Path(item.result())
    outcome = read_partition(str(path))
    if remove:
        path.unlink()
    return outcome
