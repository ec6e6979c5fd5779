"""The spaCy pipeline: loading it once per worker, our components, and batching."""

from tidings.nlp.loading import load_pipeline, parse_texts

__all__ = ["load_pipeline", "parse_texts"]
