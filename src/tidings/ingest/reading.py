"""`read_inputs`: files, folders and globs to a stream of `Document`s, reporting what cannot be read."""

from __future__ import annotations

import errno
import glob
import logging
import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from tidings.errors import InputError, UsageError
from tidings.ingest._documents import IntakeTally, ReadContext
from tidings.ingest._fields import load_field_names
from tidings.ingest._files import SIDECAR_SUFFIX, read_html_file, read_text_file
from tidings.ingest._records import read_csv, read_json, read_jsonl
from tidings.ingest._warc import read_warc
from tidings.ingest.dates import parse_published
from tidings.model import Document

logger = logging.getLogger(__name__)

Reader = Callable[[Path, ReadContext], Iterator[Document]]

#: Readers by file-name ending (lower case). A new format is one function and one line here.
READERS: dict[str, Reader] = {
    ".txt": read_text_file,
    ".jsonl": read_jsonl,
    ".jsonl.gz": read_jsonl,
    ".json": read_json,
    ".csv": read_csv,
    ".html": read_html_file,
    ".htm": read_html_file,
    ".warc": read_warc,
    ".warc.gz": read_warc,
}
_GLOB_CHARACTERS = frozenset("*?[")


def reader_for(path: Path) -> Reader | None:
    """The reader for `path` by its longest known ending, or None for a format we do not read."""
    name = path.name.lower()
    if name.endswith(SIDECAR_SUFFIX):
        return None
    endings = [ending for ending in READERS if name.endswith(ending)]
    return READERS[max(endings, key=len)] if endings else None


def _link_problem(path: Path) -> str | None:
    """Why a symbolic link at `path` cannot be read (a loop, a missing target), or None if it can."""
    if not path.is_symlink():
        return None
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop, skipped"
        if exc.errno == errno.ENOENT:
            return "broken symbolic link (its target does not exist), skipped"
        return f"cannot follow symbolic link ({exc.strerror or exc}), skipped"
    return None


def _walk(folder: Path, on_error: Callable[[InputError], None]) -> Iterator[Path]:
    """Readable files under `folder` in path order (a/x before b/ before z.txt), skipping hidden
    files and folders, sidecars and other formats; symbolic links to folders are not followed, and a
    link that loops or points nowhere is named and skipped (issue 15: a loop used to abort the run)."""
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as exc:
        on_error(InputError(f"{folder}: cannot list folder ({exc.strerror or exc})"))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(path, on_error)
            continue
        readable = reader_for(path) is not None
        problem = _link_problem(path) if entry.is_symlink() else None
        if problem is not None:
            if readable:
                on_error(InputError(f"{path}: {problem}"))
            continue
        try:
            is_file = entry.is_file()
        except OSError as exc:  # raced with a change to the folder
            on_error(InputError(f"{path}: cannot read ({exc.strerror or exc})"))
            continue
        if is_file and readable:
            yield path
        else:
            logger.debug("%s: not an input format, skipped", path)


def expand_paths(paths: list[str], on_error: Callable[[InputError], None]) -> Iterator[Path]:
    """Each PATH as files: a file as is, a folder walked recursively, a glob expanded (sorted).

    A file named explicitly in a format we cannot read, or a PATH matching nothing, is reported.
    Each file is given once even when several PATHs name it.
    """
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        problem = _link_problem(path)
        if problem is not None:
            on_error(InputError(f"{path}: {problem}"))
            continue
        if path.is_file():
            candidates: list[Path] = [path]
            if reader_for(path) is None:
                on_error(InputError(f"{path}: not a supported input format "
                                    f"({', '.join(sorted(READERS))})"))
                continue
        elif path.is_dir():
            candidates = list(_walk(path, on_error))
        elif _GLOB_CHARACTERS & set(given):
            matches = sorted(Path(m) for m in glob.glob(given, recursive=True))
            if not matches:
                on_error(InputError(f"{given}: no file matches this pattern"))
            candidates = []
            for match in matches:
                if (problem := _link_problem(match)) is not None:
                    if reader_for(match) is not None:
                        on_error(InputError(f"{match}: {problem}"))
                    continue
                if match.is_dir():
                    candidates.extend(_walk(match, on_error))
                elif reader_for(match) is not None and not match.name.startswith("."):
                    candidates.append(match)
        else:
            on_error(InputError(f"{given}: no such file or folder"))
            continue
        for candidate in candidates:
            try:
                key = candidate.resolve()
            except (OSError, RuntimeError) as exc:  # a link changed into a loop since the walk
                on_error(InputError(f"{candidate}: cannot resolve path ({exc}), skipped"))
                continue
            if key not in seen:
                seen.add(key)
                yield candidate


def read_inputs(
    paths: list[str],
    on_error: Callable[[InputError], None],
    max_bytes: int = 20_000_000,
    published_default: str | None = None,
    field_map: Mapping[str, str] | None = None,
    tally: IntakeTally | None = None,
) -> Iterator[Document]:
    """Stream the documents in `paths` (files, folders, globs), in order.

    Every unreadable file or record is handed to `on_error` as one `InputError` naming it
    ("path:line: reason") and reading goes on; nothing raises out of the iterator for bad input.
    `published_default` (an ISO date or month) fills documents that state no publication date.
    Record fields are recognised by the names in ingest_fields.yaml; `field_map` ({"text": "body"},
    from `--map text=body`) names others. `tally`, when given, counts what was read.

    Raises:
        UsageError: `published_default` is not a date, or `field_map` names a field Tidings does
            not read (raised here, before anything is read).
    """
    default = None
    if published_default is not None:
        default = parse_published(published_default)
        if default is None:
            raise UsageError(f"--published-default: {published_default!r} is not a date")
    fields = load_field_names().with_map(field_map or {})
    context = ReadContext(on_error=on_error, max_bytes=max_bytes, fields=fields, published_default=default,
                          tally=tally if tally is not None else IntakeTally())
    return _read_all(paths, context)


def _read_all(paths: list[str], context: ReadContext) -> Iterator[Document]:
    for path in expand_paths(paths, context.on_error):
        reader = reader_for(path)
        assert reader is not None  # expand_paths yields readable formats only
        try:
            yield from reader(path, context)
        except InputError as exc:
            context.on_error(exc)
        except OSError as exc:
            context.reject(str(path), f"cannot read ({exc.strerror or exc})")
        except Exception as exc:  # noqa: BLE001 - the reader boundary: report the file, read on
            logger.debug("%s: reader failed", path, exc_info=True)
            context.reject(str(path), f"cannot read ({type(exc).__name__}: {exc})")
