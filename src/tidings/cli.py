"""The `tidings` command line: parse arguments, call the API, render. No logic lives here."""

from __future__ import annotations

import functools
import logging
import signal
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
RawOption = Annotated[bool, typer.Option(
    "--raw", help="CSV/TSV: write cells as they are, without the leading quote that keeps a spreadsheet "
                  "from running a cell starting with =, +, - or @ as a formula.")]


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


def _emit(rows: list[dict[str, Any]], fmt: str, title: str, columns: list[str], raw: bool = False) -> None:
    """Write rows in a machine format to stdout, or as a table."""
    if fmt == "json":
        sys.stdout.write(_render.to_json(rows) + "\n")
    elif fmt == "jsonl":
        sys.stdout.write(_render.to_jsonl(rows))
    elif fmt == "csv":
        sys.stdout.write(_render.to_csv(rows, raw=raw))
    else:
        _render.table(out, title, rows, columns)


# -- run and demo -------------------------------------------------------------------------------

@app.command()
def run(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (walked recursively) or globs.")],
    db: DbOption = DEFAULT_DB,
    workers: Annotated[Optional[int], typer.Option(help="Worker processes (default: all cores).")] = None,
    published_default: Annotated[Optional[str], typer.Option(help="Publication date for documents without one.")] = None,
    field_map: Annotated[Optional[list[str]], typer.Option(
        "--map", metavar="FIELD=NAME", help="Read Tidings' FIELD (text, html, title, published, url, outlet, "
        "language, id) from the record field or CSV column NAME; repeatable. Common scraper names are "
        "recognised without it (src/tidings/data/ingest_fields.yaml).")] = None,
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
    from tidings.ingest import parse_field_map

    summary = _run_with_progress(paths, db, settings, parse_field_map(field_map or []))
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


def _run_with_progress(paths: list[str], db: Path, settings: Settings,  # noqa: ANN202
                       field_map: dict[str, str] | None = None):
    """`run_corpus`, with the documents counted first (the progress bar's total) and a tally of what
    was read (the summary's line on undated documents)."""
    from tidings._progress import progress_reporter
    from tidings.ingest import IntakeTally, count_documents, read_inputs
    from tidings.runner import RunSummary, run_documents

    summary, tally = RunSummary(), IntakeTally()

    def reject(error: object) -> None:
        summary.rejected.append(str(error))
        _say(f"rejected: {error}")

    documents = read_inputs(paths, on_error=reject, max_bytes=settings.max_document_bytes,
                            published_default=settings.published_default, field_map=field_map, tally=tally)
    total = count_documents(paths)
    with open_store(db) as store, progress_reporter(err, total, lambda: len(summary.rejected)) as on_progress:
        run_documents(documents, store, settings, summary, reject, on_progress,
                      on_notice=lambda line: _say(f"note: {line}"))
    _say(f"{summary.added} documents added, {summary.skipped} already stored, "
         f"{len(summary.rejected)} rejected in {summary.seconds:.1f} s "
         f"({summary.docs_per_second:.1f} docs/s; start-up {summary.startup_seconds:.1f} s)")
    if tally.undated:
        _say(f"warning: {tally.undated} of {tally.documents} documents read have no publication date: their "
             "events get no date unless the text gives an absolute one (\"on 16 April 2014\"), and \"on "
             "Monday\" cannot be resolved; give them one with --published-default YYYY-MM-DD, or name the "
             "field that holds it with --map published=FIELD")
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
def docs(db: DbOption = DEFAULT_DB, format: TableFormat = TableFormat.table, raw: RawOption = False) -> None:
    """List stored documents."""
    with _open(db) as store:
        rows = store.documents()
    _emit(rows, format.value, "Documents", ["id", "published", "outlet", "title", "num_sentences",
                                            "num_events", "near_duplicate_of", "story_id"], raw)


@app.command()
def show(doc_id: Annotated[str, typer.Argument(help="A document id, or enough of its start to name one.")],
         db: DbOption = DEFAULT_DB, format: ShowFormat = ShowFormat.text) -> None:
    """Show one document: clean text, what cleaning removed, sentences, mentions, events."""
    from tidings._arguments import document_id

    with _open(db) as store:
        found = document_id(store, doc_id)
        document = store.document(found) if found is not None else None
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
def actors(db: DbOption = DEFAULT_DB, format: TableFormat = TableFormat.table, raw: RawOption = False) -> None:
    """List resolved actors with aliases and mention counts."""
    with _open(db) as store:
        rows = store.actors()
    _emit(rows, format.value, "Actors", ["name", "country", "sector", "kind", "num_mentions", "aliases"], raw)


@app.command()
def places(db: DbOption = DEFAULT_DB, format: PlacesFormat = PlacesFormat.table, raw: RawOption = False) -> None:
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
                                         "num_mentions", "aliases"], raw)


@app.command()
def stories(db: DbOption = DEFAULT_DB, format: TableFormat = TableFormat.table, raw: RawOption = False) -> None:
    """List stories: documents grouped by the real-world development they report."""
    with _open(db) as store:
        rows = [s.to_dict() for s in store.stories()]
    _emit(rows, format.value, "Stories", ["id", "title", "first_date", "last_date", "num_events",
                                          "doc_ids", "top_actors", "top_places"], raw)


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
    since: Annotated[Optional[str], typer.Option(help="Earliest event date (YYYY-MM-DD, or YYYY-MM: from that month).")] = None,
    until: Annotated[Optional[str], typer.Option(help="Latest event date (YYYY-MM-DD, or YYYY-MM: through that month).")] = None,
    country: Annotated[Optional[str], typer.Option(help="ISO3 country of the event location.")] = None,
    story: Annotated[Optional[str], typer.Option(help="Story id.")] = None,
    min_sources: Annotated[Optional[int], typer.Option(help="Only events reported by this many outlets.")] = None,
    raw: RawOption = False,
) -> None:
    """List merged events, filtered."""
    from tidings import _arguments as check
    from tidings.export import write_events

    with _open(db) as store:
        found = store.events(type=check.event_type(type), since=check.date_bound(since, "--since"),
                             until=check.date_bound(until, "--until", last=True),
                             country=check.country_code(country), story=story, min_sources=min_sources)
    if format is EventsFormat.table:
        _render.table(out, "Events", [_render.event_row(e.to_dict()) for e in found],
                      ["id", "date", "type", "mode", "source", "target", "location", "modality", "sources"])
        return
    if format is EventsFormat.parquet and out_path is None:
        raise UsageError("--format parquet needs --out FILE")
    write_events(found, format.value, out_path, raw=raw)


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
    raw: RawOption = False,
) -> None:
    """Export events in the PLOVER, ACLED or GDELT layout, or every table as Parquet."""
    from tidings.export import export_layout

    settings = Settings.load(config, workers=1)
    with _open(db) as store:
        written = export_layout(store, layout.value, out_path, min_confidence=settings.min_export_confidence,
                                raw=raw)
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


# -- monitoring ---------------------------------------------------------------------------------

@app.command()
def watch(
    sources: Annotated[list[str], typer.Argument(metavar="SOURCE", help="Folders (new and changed files are read), RSS or Atom "
                                                 "feeds by http(s) URL or file (.rss, .atom, .xml), article files.")],
    db: DbOption = DEFAULT_DB,
    every: Annotated[str, typer.Option(metavar="DURATION", help="Time between the starts of two passes: 30s, 15m, 1h, 1h30m.")] = "15m",
    once: Annotated[bool, typer.Option("--once", help="One pass, then exit (for tests and cron); "
                                       "exit status 1 when something could not be read or fetched.")] = False,
    alerts: Annotated[Optional[Path], typer.Option("--alerts", metavar="FILE", help="Alert rules (YAML) instead of the "
                                                   "built-in ones (docs/monitoring.md).")] = None,
    alerts_out: Annotated[Optional[Path], typer.Option("--alerts-out", metavar="FILE", help="Also append each alert as a "
                                                       "JSON line to this file.")] = None,
    webhook: Annotated[Optional[str], typer.Option(metavar="URL", help="Also POST each alert as JSON to this URL (retried "
                                                   "with back-off).")] = None,
    stdout: Annotated[bool, typer.Option("--stdout/--no-stdout", help="Print each alert as a JSON line "
                                         "on stdout.")] = True,
    workers: Annotated[Optional[int], typer.Option(help="Worker processes (default: all cores).")] = None,
    published_default: Annotated[Optional[str], typer.Option(help="Publication date for documents without one.")] = None,
    config: Annotated[Optional[Path], typer.Option(help="YAML file of settings (watch_* for fetching).")] = None,
) -> None:
    """Watch folders and feeds: take in what is new every --every, fetch new entries' pages politely,
    run them like `tidings run`, and raise alerts on what changed. Ctrl-C or SIGTERM stops it (a batch
    is stored whole or not at all)."""
    from tidings.monitor import Watch, alert_sinks, load_rules, parse_duration, parse_sources

    settings = Settings.load(config, workers=workers, published_default=_iso(published_default))
    interval = parse_duration(every)

    def report(line: str) -> None:  # one line per failure; the watch goes on
        _say(f"error: {line}")

    sinks = alert_sinks(settings, sys.stdout if stdout else None, alerts_out, webhook, on_error=report)
    watcher = Watch(parse_sources(sources), db, settings, load_rules(alerts), sinks, on_error=report)

    def on_pass(summary) -> None:  # noqa: ANN001
        _say(f"pass {summary.number}: {summary.new_entries} new feed entries, {summary.new_files} new or changed "
             f"files; {summary.added} documents added, {summary.skipped} already stored, "
             f"{len(summary.failed)} failed; {summary.alerts} alerts ({summary.seconds:.1f} s)")

    def interrupt(signum: int, frame: object) -> None:  # a service manager's stop, handled like Ctrl-C
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        last = watcher.run(interval, once=once, on_pass=on_pass)
    except KeyboardInterrupt:
        _say("watch stopped")
        raise typer.Exit(EXIT_OK) from None
    finally:
        signal.signal(signal.SIGTERM, previous)
    raise typer.Exit(EXIT_REJECTED if last.failed else EXIT_OK)


class AlertsFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


@app.command(name="alerts")
def list_alerts(
    db: DbOption = DEFAULT_DB,
    since: Annotated[Optional[str], typer.Option(metavar="WHEN", help="Only alerts raised since: a date, a UTC timestamp, "
                                                 "or a duration back from now (2h, 1d).")] = None,
    rule: Annotated[Optional[str], typer.Option(help="Only alerts of this rule.")] = None,
    format: AlertsFormat = AlertsFormat.table,
) -> None:
    """List the alerts `tidings watch` raised, oldest first."""
    from tidings.monitor import past_alerts

    found = past_alerts(db, since=since, rule=rule)
    if format is AlertsFormat.table:
        rows = [{"created": a["created"], "rule": a["rule"], "event_id": a["event_id"], "story_id": a["story_id"],
                 "message": a["message"]} for a in found]
        _render.table(out, "Alerts", rows, ["created", "rule", "event_id", "story_id", "message"])
    else:
        _emit(found, format.value, "Alerts", [])


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
