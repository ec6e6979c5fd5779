"""The per-document stages in order: clean → parse → places → times → actors → events.

`Pipeline` holds what a worker builds once (the spaCy model, the gazetteer, the actor dictionary, the
ontology) and runs one document or a batch through the same code path. It returns plain
`DocumentResult`s, so it runs the same in this process, in worker processes and on Dask workers.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from tidings.actors import ActorDictionary, find_actors
from tidings.clean import DebrisRules, clean_document, load_debris_rules, minhash_signature
from tidings.config import Settings
from tidings.events import Ontology, extract_events
from tidings.events.classifier import EventClassifier
from tidings.model import Document, DocumentResult, Sentence
from tidings.nlp import load_pipeline
from tidings.nlp._text import doc_text
from tidings.nlp.pieces import parse_all
from tidings.places import Gazetteer, find_places
from tidings.places.find import find_demonyms
from tidings.times import find_times

log = logging.getLogger(__name__)


@dataclass
class Pipeline:
    """The per-document stages with their resources, built once per process."""

    settings: Settings
    nlp: Language
    gazetteer: Gazetteer
    actors: ActorDictionary
    ontology: Ontology
    debris: DebrisRules
    classifier: EventClassifier | None = None  # None when settings.events_classifier is "rules"

    @classmethod
    def build(cls, settings: Settings | None = None) -> "Pipeline":
        """Load every resource; the slow part of a worker's start-up, done once."""
        settings = settings or Settings.load()
        return cls(
            settings=settings,
            nlp=load_pipeline(settings.model),
            gazetteer=Gazetteer.load(settings.cache_dir),
            actors=ActorDictionary.load(settings.actors_file),
            ontology=Ontology.load(),
            debris=load_debris_rules(),
            classifier=None if settings.events_classifier == "rules" else EventClassifier.load(),
        )

    def __call__(self, document: Document) -> DocumentResult:
        """Run one document through every per-document stage."""
        return next(iter(self.pipe([document])))

    def pipe(self, documents: Iterable[Document]) -> Iterator[DocumentResult]:
        """Run documents in batches; results come back in input order."""
        cleaned = [self._clean(document) for document in documents]
        texts = [document.clean_text[: self.settings.max_nlp_chars] for document in cleaned]
        docs = parse_all(self.nlp, texts, self.settings.parse_piece_chars, self.settings.batch_size)
        for document, doc in zip(cleaned, docs):
            yield self.extract(document, doc)

    def _clean(self, document: Document) -> Document:
        if document.published is None and self.settings.published_default:
            document.published = self.settings.published_default
        return clean_document(document, self.debris)

    def extract(self, document: Document, doc: Doc) -> DocumentResult:
        """Everything we read from one parsed document."""
        places = find_places(doc, self.gazetteer)
        times = find_times(doc, document.published)
        actors = find_actors(doc, places, self.actors, document.published)
        mentions = sorted([*places, *times, *actors], key=lambda m: (m.start, m.kind))
        events = extract_events(doc, document, mentions, self.ontology, self.classifier,
                                one_per_act=not self.settings.events_per_sentence)
        # demonyms ("Russian troops") are stored as the places they name, after actors and events are
        # read: those stages weigh a demonym as a participant, not a venue
        demonyms = find_demonyms(doc, self.gazetteer, places)
        if demonyms:
            mentions = sorted([*mentions, *demonyms], key=lambda m: (m.start, m.kind))
        document.status = "done"
        return DocumentResult(
            document=document,
            sentences=sentences_of(doc),
            mentions=mentions,
            event_mentions=events,
            minhash=minhash_signature(document.clean_text, self.settings.minhash_permutations),
        )


def sentences_of(doc: Doc) -> list[Sentence]:
    """The sentences of a parsed text, trimmed of surrounding white space; indices match `doc.sents`.

    Each sentence is sliced from the document's text, read once (`Span.text` rebuilds it from the
    tokens)."""
    whole = doc_text(doc)
    out = []
    for index, span in enumerate(doc.sents):
        text = whole[span.start_char:span.end_char]
        stripped = text.strip()
        start = span.start_char + (len(text) - len(text.lstrip()))
        out.append(Sentence(index=index, start=start, end=start + len(stripped), text=stripped))
    return out

