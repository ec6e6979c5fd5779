"""Event extraction: PLOVER event mentions with arguments, modality and evidence, per document."""

from tidings.events.extract import extract_events
from tidings.events.ontology import Ontology

__all__ = ["Ontology", "extract_events"]
