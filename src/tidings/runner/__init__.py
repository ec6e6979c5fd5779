"""Running the pipeline over a corpus: batching, worker processes, resolution and writes."""

from tidings.runner.run import RunSummary, run_corpus, run_documents

__all__ = ["RunSummary", "run_corpus", "run_documents"]
