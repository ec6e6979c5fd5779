"""Folders, globs and sidecars; publication dates in the layouts feeds use."""

from __future__ import annotations

import pytest

from tidings.errors import InputError
from tidings.ingest import parse_published, read_inputs

TEXT = "Farmers blocked the ring road around the capital with tractors on {day}, police said."


def _tree(root):
    (root / "b").mkdir()
    (root / "a").mkdir()
    (root / ".hidden").mkdir()
    (root / "a" / "one.txt").write_text(TEXT.format(day="Monday"))
    (root / "a" / "one.meta.json").write_text('{"outlet": "Field Post"}')
    (root / "b" / "two.txt").write_text(TEXT.format(day="Tuesday"))
    (root / "b" / "notes.md").write_text("not an input")
    (root / ".hidden" / "three.txt").write_text(TEXT.format(day="Wednesday"))
    (root / ".secret.txt").write_text(TEXT.format(day="Thursday"))
    (root / "zero.txt").write_text(TEXT.format(day="Friday"))


def _read(paths):
    errors: list[InputError] = []
    documents = list(read_inputs([str(p) for p in paths], errors.append))
    return documents, [str(e) for e in errors]


def test_folder_is_walked_sorted_skipping_hidden_files_sidecars_and_other_formats(tmp_path):
    _tree(tmp_path)
    documents, errors = _read([tmp_path])
    assert errors == []
    assert [d.source for d in documents] == [str(tmp_path / p) for p in ("a/one.txt", "b/two.txt", "zero.txt")]
    assert documents[0].outlet == "Field Post"


def test_glob_and_repeated_paths_give_each_file_once(tmp_path):
    _tree(tmp_path)
    documents, errors = _read([tmp_path / "**" / "*.txt", tmp_path / "zero.txt", tmp_path / "*.json"])
    assert [d.source.removeprefix(str(tmp_path) + "/") for d in documents] == ["a/one.txt", "b/two.txt",
                                                                               "zero.txt"]
    assert errors == [f"{tmp_path / '*.json'}: no file matches this pattern"]


def test_missing_path_and_unsupported_file_are_reported(tmp_path):
    _tree(tmp_path)
    documents, errors = _read([tmp_path / "nope", tmp_path / "b" / "notes.md", tmp_path / "zero.txt"])
    assert len(documents) == 1
    assert errors[0] == f"{tmp_path / 'nope'}: no such file or folder"
    assert errors[1].startswith(f"{tmp_path / 'b' / 'notes.md'}: not a supported input format")


def test_broken_sidecar_is_reported_and_the_text_still_read(tmp_path):
    (tmp_path / "x.txt").write_text(TEXT.format(day="Monday"))
    (tmp_path / "x.meta.json").write_text('{"outlet": ')
    documents, errors = _read([tmp_path])
    assert len(documents) == 1 and documents[0].outlet is None
    assert errors == [f"{tmp_path / 'x.meta.json'}:1: malformed JSON (Expecting value); metadata ignored"]


def test_reading_is_lazy(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT.format(day="Monday"))
    iterator = read_inputs([str(tmp_path)], lambda error: None)
    (tmp_path / "b.txt").write_text(TEXT.format(day="Tuesday"))
    assert len(list(iterator)) == 2


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2014-04-16", "2014-04-16"),
        ("2014-04-16T23:30:00-05:00", "2014-04-16"),
        ("2014-04-16 08:00:00", "2014-04-16"),
        ("2014-04-16T08:00:00Z", "2014-04-16"),
        ("Wed, 16 Apr 2014 10:00:00 GMT", "2014-04-16"),
        ("Wed, 16 Apr 2014 10:00:00 +0400", "2014-04-16"),
        ("April 16, 2014", "2014-04-16"),
        ("Apr 16, 2014", "2014-04-16"),
        ("16 April 2014", "2014-04-16"),
        ("April 16th, 2014", "2014-04-16"),
        ("Wednesday, April 16, 2014", "2014-04-16"),
        ("2014/04/16", "2014-04-16"),
        ("16.04.2014", "2014-04-16"),
        (1397606400, "2014-04-16"),
        ("04/05/2014", None),
        ("2014-02-30", None),
        ("yesterday", None),
        ("", None),
        (None, None),
        ("0001-01-01", None),
    ],
)
def test_parse_published(value, expected):
    assert parse_published(value) == expected


def test_seed_folder_reads_with_metadata(shared_dir):
    folder = shared_dir / "seeds-with-metadata"
    if not folder.is_dir():
        pytest.skip("seeds-with-metadata is absent")
    documents, errors = _read([folder])
    assert errors == []
    assert [d.published for d in documents] == ["2014-04-16", "2014-04-13"]
    assert all(d.url and d.outlet for d in documents)
