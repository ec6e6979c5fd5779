"""The `tidings` command line: parse arguments, call the API, render. No logic lives here."""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Optional

import click
import typer
from rich.console import Console

from tidings import _render
from tidings._render import plain, printable
from tidings.config import Settings
from tidings.errors import DatabaseBusyError, StoreError, TidingsError, UsageError
from tidings.store import Store, open_store

#: Exit statuses (README "Exit status"): what a script calling `tidings` can tell apart.
EXIT_OK, EXIT_REJECTED, EXIT_USAGE, EXIT_BUSY, EXIT_INTERNAL = 0, 1, 2, 3, 4

err = Console(stderr=True, soft_wrap=True)  # one rejected input = one line, never wrapped
out = Console()


def _say(line: str) -> None:
    """One printable line on stderr (file names and titles may hold newlines or ESC sequences)."""
    err.print(printable(line), markup=False, highlight=False)


def _exit_statuses(command: Callable[..., Any]) -> Callable[..., Any]:
    """Errors become one line and a distinct exit status, under `main()` and `CliRunner` alike:
    2 usage, 3 database busy, 1 other errors we raise on purpose, 4 a bug (traceback to a log file)."""

    @functools.wraps(command)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort, click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except UsageError as exc:
            _say(f"error: {exc}")
            raise typer.Exit(EXIT_USAGE) from exc
        except DatabaseBusyError as exc:
            _say(f"error: {exc}")
            raise typer.Exit(EXIT_BUSY) from exc
        except TidingsError as exc:
            _say(f"error: {exc}")
            raise typer.Exit(EXIT_REJECTED) from exc
        except Exception as exc:  # noqa: BLE001 - the CLI boundary: a bug, logged whole, named in one line
            from tidings._crash import write_crash_log

            try:
                where = f"the traceback is in {write_crash_log(exc, sys.argv)}"
            except OSError as log_error:
                where = f"no log could be written: {log_error}"
            message = str(exc) if len(str(exc)) <= 200 else str(exc)[:199] + "…"
            _say(f"internal error: {type(exc).__name__}: {message} (a bug in Tidings; {where})")
            raise typer.Exit(EXIT_INTERNAL) from exc

    return wrapped


class _Commands(typer.Typer):
    """A Typer app whose every command maps errors to exit statuses (`_exit_statuses`)."""

    def command(self, *args: Any, **kwargs: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        register = super().command(*args, **kwargs)
        return lambda function: register(_exit_statuses(function))


app = _Commands(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                pretty_exceptions_show_locals=False,
                help="Turn news articles into a traceable event dataset.")

DbOption = Annotated[Path, typer.Option("--db", help="DuckDB database file.")]
DEFAULT_DB = Path("tidings.duckdb")


class TableFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


class PlacesFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    geojson = "geojson"


class ShowFormat(str, Enum):
    text = "text"
    json = "json"


def main() -> None:
    """Console-script entry point: log lines are printable; each command maps errors to exit statuses."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_render.PrintableFormatter("%(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.WARNING, handlers=[handler])
    app()


def _open(db: Path) -> Store:
    return open_store(db, read_only=True)


def _emit(rows: list[dict[str, Any]], fmt: str, title: str, columns: list[str]) -> None:
    """Write rows in a machine format to stdout, or as a table."""
    if fmt == "json":
        sys.stdout.write(_render.to_json(rows) + "\n")
    elif fmt == "jsonl":
        sys.stdout.write(_render.to_jsonl(rows))
    elif fmt == "csv":
        sys.stdout.write(_render.to_csv(rows))
    else:
        _render.table(out, title, rows, columns)


# -- run and demo -------------------------------------------------------------------------------

@app.command()
def run(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (walked recursively) or globs.")],
    db: DbOption = DEFAULT_DB,
    workers: Annotated[Optional[int], typer.Option(help="Worker processes (default: all cores).")] = None,
    published_default: Annotated[Optional[str], typer.Option(help="Publication date for documents without one.")] = None,
    config: Annotated[Optional[Path], typer.Option(help="YAML file of settings.")] = None,
    model: Annotated[Optional[str], typer.Option(help="spaCy pipeline package to load.")] = None,
    actors: Annotated[Optional[Path], typer.Option(help="User actor dictionary (YAML, CSV, .actors).")] = None,
    dask: Annotated[Optional[str], typer.Option(help="Dask scheduler address, or 'local' for a LocalCluster.")] = None,
    staging: Annotated[Optional[Path], typer.Option(help="Folder for Dask's Parquet partitions (kept to resume).")] = None,
) -> None:
    """Ingest, analyse and store articles. Exit status 1 when some inputs were rejected."""
    settings = Settings.load(config, workers=workers, published_default=_iso(published_default),
                             model=model, actors_file=str(actors) if actors else None, dask=dask,
                             staging_dir=str(staging) if staging else None)
    summary = _run_with_progress(paths, db, settings)
    raise typer.Exit(EXIT_REJECTED if summary.rejected else EXIT_OK)


@app.command()
def demo(db: DbOption = DEFAULT_DB,
         workers: Annotated[Optional[int], typer.Option(help="Worker processes (default: all cores).")] = None) -> None:
    """Run Tidings on its bundled sample corpus and print what it found."""
    from tidings._data import data_path

    settings = Settings.load(None, workers=workers)
    summary = _run_with_progress([str(data_path("sample"))], db, settings)
    with _open(db) as store:
        counts = store.counts()
        events = [e.to_dict() for e in store.events(min_sources=1)]
        stories = [s.to_dict() for s in store.stories()]
    out.print(f"[bold]Tidings demo[/bold]: {summary.added} new documents in {summary.seconds:.1f} s "
              f"({summary.skipped} already stored) → ", plain(str(db)), sep="")
    out.print(", ".join(f"{v} {k.replace('_', ' ')}" for k, v in counts.items()))
    if events:
        top = sorted(events, key=lambda e: (-(e["num_sources"] or 0), -(e["confidence"] or 0)))[:12]
        _render.table(out, "Best-corroborated events", [_render.event_row(e) for e in top],
                      ["date", "type", "mode", "source", "target", "location", "sources"])
    if stories:
        _render.table(out, "Stories", stories, ["id", "title", "first_date", "last_date", "doc_ids"])
    out.print(plain(f"Explore: tidings events --db {db}   ·   tidings stories --db {db}"))
    out.print(plain(f"Open the map, timeline and stories in your browser: tidings serve --db {db}  "
                    "(then visit http://127.0.0.1:8765/)"))
    raise typer.Exit(EXIT_REJECTED if summary.rejected else EXIT_OK)


def _run_with_progress(paths: list[str], db: Path, settings: Settings):  # noqa: ANN202
    from tidings.runner import run_corpus

    from tidings._progress import progress_reporter

    with open_store(db) as store, progress_reporter(err) as on_progress:
        summary = run_corpus(paths, store, settings, on_error=lambda line: _say(f"rejected: {line}"),
                             on_progress=on_progress, on_notice=lambda line: _say(f"note: {line}"))
    _say(f"{summary.added} documents added, {summary.skipped} already stored, "
         f"{len(summary.rejected)} rejected in {summary.seconds:.1f} s "
         f"({summary.docs_per_second:.1f} docs/s; start-up {summary.startup_seconds:.1f} s)")
    return summary


def _iso(value: str | None) -> str | None:
    if value is None:
        return None
    from datetime import date

    try:
        return date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise UsageError(f"--published-default: {value!r} is not an ISO date (YYYY-MM-DD)") from exc


# -- queries ------------------------------------------------------------------------------------

@app.command()
def docs(db: DbOption = DEFAULT_DB, format: TableFormat = TableFormat.table) -> None:
    """List stored documents."""
    with _open(db) as store:
        rows = store.documents()
    _emit(rows, format.value, "Documents", ["id", "published", "outlet", "title", "num_sentences",
                                            "num_events", "near_duplicate_of", "story_id"])


@app.command()
def show(doc_id: str, db: DbOption = DEFAULT_DB, format: ShowFormat = ShowFormat.text) -> None:
    """Show one document: clean text, what cleaning removed, sentences, mentions, events."""
    with _open(db) as store:
        document = store.document(doc_id)
    if document is None:
        _say(f"error: no document {doc_id!r} in {db}")
        raise typer.Exit(EXIT_REJECTED)
    if format is ShowFormat.json:
        sys.stdout.write(_render.to_json(document) + "\n")
        return
    heading = plain(document["title"] or document["id"], keep="")
    heading.stylize("bold")
    heading.append(plain(f"  {document['outlet'] or ''} {document['published'] or ''}  {document['url'] or ''}"))
    out.print(heading, highlight=False)
    out.print(plain(document["clean_text"], keep="\n"), highlight=False)
    if document["removed"]:
        out.print("\n[bold]Removed by cleaning[/bold]")
        for item in document["removed"]:
            out.print(plain(f"  line {item['line']} ({item['reason']}): {item['text']}"), highlight=False)
    mentions = document["mentions"]
    if mentions:
        _render.table(out, "Mentions", mentions, ["sentence_index", "kind", "text", "name", "country",
                                                  "sector", "value", "precision"])
    rows = [_render.event_row(em) for em in document["event_mentions"]]
    if rows:
        _render.table(out, "Event mentions", rows, ["type", "mode", "source", "target", "location",
                                                    "date", "modality", "confidence"])


@app.command()
def actors(db: DbOption = DEFAULT_DB, format: TableFormat = TableFormat.table) -> None:
    """List resolved actors with aliases and mention counts."""
    with _open(db) as store:
        rows = store.actors()
    _emit(rows, format.value, "Actors", ["name", "country", "sector", "kind", "num_mentions", "aliases"])


@app.command()
def places(db: DbOption = DEFAULT_DB, format: PlacesFormat = PlacesFormat.table) -> None:
    """List resolved places with spellings and mention counts."""
    with _open(db) as store:
        rows = store.places()
    if format is PlacesFormat.geojson:
        features = [{"type": "Feature", "id": r["id"], "properties": r,
                     "geometry": {"type": "Point", "coordinates": [r["lon"], r["lat"]]}}
                    for r in rows if r["lat"] is not None and r["lon"] is not None]
        sys.stdout.write(_render.to_json({"type": "FeatureCollection", "features": features}) + "\n")
        return
    _emit(rows, format.value, "Places", ["name", "country", "admin1", "lat", "lon", "geo_precision",
                                         "num_mentions", "aliases"])


@app.command()
def stories(db: DbOption = DEFAULT_DB, format: TableFormat = TableFormat.table) -> None:
    """List stories: documents grouped by the real-world development they report."""
    with _open(db) as store:
        rows = [s.to_dict() for s in store.stories()]
    _emit(rows, format.value, "Stories", ["id", "title", "first_date", "last_date", "num_events",
                                          "doc_ids", "top_actors", "top_places"])


class EventsFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    geojson = "geojson"
    parquet = "parquet"


@app.command()
def events(
    db: DbOption = DEFAULT_DB,
    format: EventsFormat = EventsFormat.table,
    out_path: Annotated[Optional[Path], typer.Option("--out", help="Write to this file (required for parquet).")] = None,
    type: Annotated[Optional[str], typer.Option("--type", help="PLOVER event type.")] = None,
    since: Annotated[Optional[str], typer.Option(help="Earliest event date (ISO).")] = None,
    until: Annotated[Optional[str], typer.Option(help="Latest event date (ISO).")] = None,
    country: Annotated[Optional[str], typer.Option(help="ISO3 country of the event location.")] = None,
    story: Annotated[Optional[str], typer.Option(help="Story id.")] = None,
    min_sources: Annotated[Optional[int], typer.Option(help="Only events reported by this many outlets.")] = None,
) -> None:
    """List merged events, filtered."""
    from tidings.export import write_events

    with _open(db) as store:
        found = store.events(type=type, since=_iso(since), until=_iso(until), country=country, story=story,
                             min_sources=min_sources)
    if format is EventsFormat.table:
        _render.table(out, "Events", [_render.event_row(e.to_dict()) for e in found],
                      ["id", "date", "type", "mode", "source", "target", "location", "modality", "sources"])
        return
    if format is EventsFormat.parquet and out_path is None:
        raise UsageError("--format parquet needs --out FILE")
    write_events(found, format.value, out_path)


class Layout(str, Enum):
    plover = "plover"
    acled = "acled"
    gdelt = "gdelt"
    parquet = "parquet"


@app.command()
def export(
    layout: Annotated[Layout, typer.Option(help="Target layout.")],
    out_path: Annotated[Path, typer.Option("--out", help="File (plover, acled) or folder (gdelt, parquet).")],
    db: DbOption = DEFAULT_DB,
    config: Annotated[Optional[Path], typer.Option(help="YAML file of settings.")] = None,
) -> None:
    """Export events in the PLOVER, ACLED or GDELT layout, or every table as Parquet."""
    from tidings.export import export_layout

    settings = Settings.load(config, workers=1)
    with _open(db) as store:
        written = export_layout(store, layout.value, out_path, min_confidence=settings.min_export_confidence)
    for path in written:
        _say(f"wrote {path}")


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Interface to listen on (loopback by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8765,
) -> None:
    """Browse the database in a local, read-only web app: map, timeline, stories, evidence, alerts.
    It keeps answering while a run writes the database (from the run's last committed batch)."""
    from tidings.web import serve as serve_app

    if not db.exists():
        raise StoreError(f"{db}: no such database (run `tidings demo` or `tidings run` first)")
    _say(f"Tidings on http://{host}:{port}/  (Ctrl-C to stop)")
    serve_app(str(db), host=host, port=port)


class EvalFormat(str, Enum):
    table = "table"
    json = "json"


@app.command(name="eval")
def evaluate(
    dataset: Annotated[str, typer.Argument(help="places, times, events, case2021, india-police or stories.")],
    gold: Annotated[Optional[Path], typer.Option(help="Gold file or folder (default: ../shared/eval/...).")] = None,
    format: EvalFormat = EvalFormat.table,
    limit: Annotated[Optional[int], typer.Option(help="Score only the first N gold documents.")] = None,
    config: Annotated[Optional[Path], typer.Option(help="YAML file of settings.")] = None,
    errors: Annotated[bool, typer.Option("--errors", help="events: also list false alarms (FA, FA-MENTION), "
                                         "misses (MISS) and wrong arguments (ARG field), one a line.")] = False,
) -> None:
    """Score a stage against gold data and print its figures."""
    from tidings.eval.event_report import report_text
    from tidings.eval.harness import evaluate as run_evaluation

    settings = Settings.load(config, workers=1)
    figures = run_evaluation(dataset, gold, settings, limit, errors=errors)
    if format is EvalFormat.json:
        sys.stdout.write(_render.to_json(figures) + "\n")
    elif dataset == "events":  # plain lines, never wrapped, so that grep works on them
        sys.stdout.write(report_text(figures, f"tidings eval events {gold or ''}".rstrip()))
    else:
        _render.figures(out, f"tidings eval {dataset}", figures)


if __name__ == "__main__":  # pragma: no cover
    main()
