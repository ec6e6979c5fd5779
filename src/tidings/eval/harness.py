"""`tidings eval DATASET`: one table of evaluations, each reading its gold data and scoring the
stage it measures with the same code users run."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from tidings.config import Settings
from tidings.errors import UsageError
from tidings.model import Document, Event, EventMention

#: Where the public gold sets live: `../shared/eval` beside the repository (never copied into it).
_SHARED_EVAL = ("../shared/eval", str(Path(__file__).resolve().parents[3].parent / "shared" / "eval"))
_OUR_GOLD = Path(__file__).resolve().parents[3] / "tests" / "gold" / "events"


@dataclass(frozen=True)
class Evaluation:
    """A named evaluation: its default gold location and the function that scores it."""

    gold: str  # relative to ../shared/eval, or absolute
    run: Callable[[Path, Settings, "int | None"], dict[str, Any]]
    help: str


def pipeline_analyse(settings: Settings) -> Callable[[list[str], list[str | None]], list[list[EventMention]]]:
    """The full pipeline (with cross-document resolution, so mentions carry event ids) as the
    `analyse(texts, published)` callable the event scorers take."""
    from tidings.ingest import document_id
    from tidings.runner import run_documents
    from tidings.store import Store

    def analyse(texts: list[str], published: list[str | None]) -> list[list[EventMention]]:
        documents = [Document(id=document_id(t), text=t, published=p, source=f"gold[{i}]",
                              outlet=f"gold-{i}") for i, (t, p) in enumerate(zip(texts, published))]
        with Store(":memory:") as store:
            run_documents(documents, store, settings)
            return [store.event_mentions(document.id) for document in documents]

    return analyse


def pipeline_events(settings: Settings) -> Callable[[list[Document]], list[Event]]:
    """The full pipeline as `tidings run` then `tidings events` see it: documents in, merged events
    (with their mentions as evidence) out, in a throw-away in-memory store."""
    from tidings.runner import run_documents
    from tidings.store import Store

    def extract(documents: list[Document]) -> list[Event]:
        with Store(":memory:") as store:
            run_documents(documents, store, settings)
            return list(store.events())

    return extract


def _places(gold: Path, settings: Settings, limit: int | None) -> dict[str, Any]:
    from tidings.eval.places import evaluate_lgl
    from tidings.nlp import load_pipeline
    from tidings.places import Gazetteer

    return evaluate_lgl(gold, Gazetteer.load(settings.cache_dir), load_pipeline(settings.model), limit)


def _times(gold: Path, settings: Settings, limit: int | None) -> dict[str, Any]:
    from tidings.eval.times import evaluate_tempeval
    from tidings.nlp import load_pipeline

    return evaluate_tempeval(gold, load_pipeline(settings.model), limit)


def _events(gold: Path, settings: Settings, limit: int | None) -> dict[str, Any]:
    from tidings.eval.events import evaluate_gold_dir

    return evaluate_gold_dir(gold, pipeline_events(settings), limit, errors=True)


def _case2021(gold: Path, settings: Settings, limit: int | None) -> dict[str, Any]:
    from tidings.eval.events import evaluate_case2021

    # a snippet's label is the most specific category any of its sentences gives: read each telling
    # of an act as its own sentence gives it (the fold keeps one sentence's type and words, and a
    # "grenade" or "missile" said only in another sentence would be lost)
    return evaluate_case2021(gold, pipeline_analyse(replace(settings, events_per_sentence=True)))


def _india_police(gold: Path, settings: Settings, limit: int | None) -> dict[str, Any]:
    from tidings.eval.events import evaluate_india_police

    # the dataset labels sentences: read every sentence's telling of an act as that sentence gives it
    return evaluate_india_police(gold, pipeline_analyse(replace(settings, events_per_sentence=True)), limit)


def _stories(gold: Path, settings: Settings, limit: int | None) -> dict[str, Any]:
    from tidings.eval.stories import evaluate_story_clustering

    return evaluate_story_clustering(gold, threshold=settings.story_similarity_threshold)


EVALUATIONS: dict[str, Evaluation] = {
    "places": Evaluation("lgl/lgl.xml", _places, "toponym resolution on LGL: accuracy@161 km, errors in km"),
    "times": Evaluation("tempeval3/TBAQ-cleaned", _times, "time expressions on TempEval-3: span and value F1"),
    "events": Evaluation(str(_OUR_GOLD), _events, "events on our gold set (or --gold DIR, e.g. news_events_dev): "
                         "article-event and mention P/R/F1, per type, arguments, de-dup; --errors lists them"),
    "case2021": Evaluation("case2021_task2/test_set_final_release_with_labels.tsv", _case2021,
                           "CASE 2021 task 2 snippets mapped to ACLED sub-event types: weighted F1"),
    "india-police": Evaluation("india_police_events", _india_police,
                               "IndiaPoliceEvents sentence labels: P/R/F1 per label"),
    "stories": Evaluation("story_clustering_ecbplus/docs.jsonl", _stories,
                          "story clustering on ECB+ documents: B-cubed P/R/F1, V-measure"),
}


def default_gold(name: str) -> Path:
    """The gold data of an evaluation where it lives by default, if it is there."""
    location = EVALUATIONS[name].gold
    if Path(location).is_absolute():
        return Path(location)
    for root in _SHARED_EVAL:
        candidate = Path(root) / location
        if candidate.exists():
            return candidate
    raise UsageError(f"no gold data for {name!r} at ../shared/eval/{location}; pass --gold PATH")


#: Evaluations that can list their errors (`--errors`).
WITH_ERRORS = ("events",)


def evaluate(name: str, gold: Path | None, settings: Settings, limit: int | None = None,
             errors: bool = False) -> dict[str, Any]:
    """Run the evaluation `name` and return its figures; with `errors`, also the error records
    (an evaluation in `WITH_ERRORS` computes them anyway, they are left out unless asked for)."""
    if name not in EVALUATIONS:
        raise UsageError(f"unknown evaluation {name!r}; choose one of {', '.join(EVALUATIONS)}")
    if errors and name not in WITH_ERRORS:
        raise UsageError(f"--errors is available for {', '.join(WITH_ERRORS)} only, not {name!r}")
    path = gold or default_gold(name)
    if not path.exists():
        raise UsageError(f"{path}: no such gold file or folder")
    figures = EVALUATIONS[name].run(path, settings, limit)
    if not errors:
        figures.pop("errors", None)
    return figures
