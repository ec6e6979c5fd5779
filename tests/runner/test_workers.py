"""The worker boundary: one failing document is named and skipped, or stops the run when asked."""

from __future__ import annotations

import dataclasses

import pytest

from tidings.config import Settings
from tidings.pipeline import Pipeline
from tidings.runner.workers import analyse_batch

from tests.corpus import make_documents


@pytest.fixture(scope="module")
def pipeline(nlp, gazetteer):
    from tidings.actors import ActorDictionary
    from tidings.clean import load_debris_rules
    from tidings.events import Ontology

    return Pipeline(settings=Settings.load(workers=1), nlp=nlp, gazetteer=gazetteer,
                    actors=ActorDictionary.load(), ontology=Ontology.load(), debris=load_debris_rules())


def _failing_on(pipeline: Pipeline, poisoned: str) -> Pipeline:
    broken = dataclasses.replace(pipeline)
    real_extract = pipeline.extract

    def extract(document, doc):
        if document.id == poisoned:
            raise ValueError("parser exploded")
        return real_extract(document, doc)

    broken.extract = extract  # type: ignore[method-assign]
    return broken


def test_a_failing_document_is_named_and_the_rest_of_the_batch_is_kept(pipeline):
    documents = make_documents(4)
    outcome = analyse_batch(_failing_on(pipeline, documents[2].id), documents)
    assert [r.document.id for r in outcome.results] == [d.id for i, d in enumerate(documents) if i != 2]
    assert len(outcome.failures) == 1
    assert outcome.failures[0].source == "generated:2"
    assert "parser exploded" in outcome.failures[0].message


def test_fail_fast_stops_at_the_first_failure(pipeline):
    documents = make_documents(3)
    strict = _failing_on(pipeline, documents[1].id)
    strict.settings = Settings.load(workers=1, fail_fast=True)
    with pytest.raises(ValueError, match="parser exploded"):
        analyse_batch(strict, documents)


def test_forked_workers_give_the_results_of_one_process_and_the_parent_keeps_no_pipeline():
    from tidings.runner import workers

    documents = make_documents(6)
    with workers.local_analyser(Settings.load(workers=1, batch_size=3)) as analyse:
        alone = [r for outcome in analyse([documents[:3], documents[3:]]) for r in outcome.results]
    fresh = make_documents(6)
    with workers.local_analyser(Settings.load(workers=2, batch_size=3)) as analyse:
        assert workers._WORKER_PIPELINE is None  # loaded for the fork, then let go in this process
        pooled = [r for outcome in analyse([fresh[:3], fresh[3:]]) for r in outcome.results]
    assert [r.document.id for r in pooled] == [r.document.id for r in alone]
    assert [[m.id for m in r.event_mentions] for r in pooled] == [[m.id for m in r.event_mentions] for r in alone]
    assert [len(r.mentions) for r in pooled] == [len(r.mentions) for r in alone]
