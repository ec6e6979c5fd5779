"""Issue 15 regressions in ingest: symlink loops, cut gzip, NUL bytes, silent empty inputs, true
messages, attributed library log lines."""

from __future__ import annotations

import gzip
import io
import json
import logging

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tidings.errors import InputError
from tidings.ingest import read_inputs

STORY = "Dock workers in the port of Halvik walked out on Monday over unpaid wages, their union said."


def read(paths):
    errors: list[InputError] = []
    documents = list(read_inputs([str(p) for p in paths], errors.append))
    return documents, [str(error) for error in errors]


def test_issue15_symlink_loops_in_a_folder_are_named_and_the_good_files_read(tmp_path):
    for number in range(3):
        (tmp_path / f"good{number}.txt").write_text(f"{STORY} Item {number}.")
    (tmp_path / "a.txt").symlink_to("b.txt")
    (tmp_path / "b.txt").symlink_to("a.txt")
    (tmp_path / "self.txt").symlink_to("self.txt")
    (tmp_path / "gone.txt").symlink_to("missing/target.txt")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to("..")  # folder links are not followed
    documents, errors = read([tmp_path])
    assert len(documents) == 3
    assert errors == [f"{tmp_path / 'a.txt'}: symbolic link loop, skipped",
                      f"{tmp_path / 'b.txt'}: symbolic link loop, skipped",
                      f"{tmp_path / 'gone.txt'}: broken symbolic link (its target does not exist), skipped",
                      f"{tmp_path / 'self.txt'}: symbolic link loop, skipped"]


def test_issue15_a_self_linked_file_named_on_the_command_line_is_one_line(tmp_path):
    (tmp_path / "self.txt").symlink_to("self.txt")
    (tmp_path / "ok.txt").write_text(STORY)
    documents, errors = read([tmp_path / "self.txt", tmp_path / "ok.txt", tmp_path / "*.txt"])
    assert len(documents) == 1
    assert errors == [f"{tmp_path / 'self.txt'}: symbolic link loop, skipped"] * 2


def test_issue15_a_small_cut_jsonl_gz_keeps_its_complete_records_and_names_the_cut(tmp_path):
    path = tmp_path / "feed.jsonl.gz"
    body = "".join(json.dumps({"text": f"{STORY} Item {n}."}) + "\n" for n in range(20)).encode()
    whole = gzip.compress(body)
    path.write_bytes(whole[: len(whole) - 30])  # small: gzip.open failed on its very first read
    documents, errors = read([path])
    assert 10 <= len(documents) < 20
    assert len(errors) == 1
    assert errors[0].startswith(f"{path}:{len(documents) + 1}: truncated or corrupt gzip")
    assert f"the {len(documents)} complete record(s) before it were read" in errors[0]


def test_issue15_a_corrupt_or_fake_gzip_is_named_not_called_empty(tmp_path):
    (tmp_path / "fake.jsonl.gz").write_text(json.dumps({"text": STORY}) + "\n")
    (tmp_path / "multi.jsonl.gz").write_bytes(gzip.compress(b'{"text": "%s A."}\n' % STORY.encode())
                                              + gzip.compress(b'{"text": "%s B."}\n' % STORY.encode()))
    documents, errors = read([tmp_path])
    assert len(documents) == 2  # both members of a multi-member file
    assert errors == [f"{tmp_path / 'fake.jsonl.gz'}:1: truncated or corrupt gzip, corrupt compressed data "
                      "(Error -3 while decompressing data: incorrect header check); no record could be read"]


def test_issue15_one_nul_byte_does_not_reject_a_csv(tmp_path, caplog):
    path = tmp_path / "feed.csv"
    path.write_text(f'id,text\n1,"{STORY} One."\n2,"{STORY[:10]}\x00{STORY[10:]} Two."\n3,"{STORY} Three."\n')
    documents, errors = read([path])
    assert errors == []
    assert [d.text for d in documents] == [f"{STORY} One.", f"{STORY} Two.", f"{STORY} Three."]
    assert any(f"{path}:3" in r.getMessage() and "NUL" in r.getMessage() for r in caplog.records)


def test_issue15_a_stray_nul_in_a_text_file_is_removed_but_binary_stays_binary(tmp_path):
    (tmp_path / "a.txt").write_bytes(STORY.encode() * 3 + b"\x00" + STORY.encode())
    (tmp_path / "b.txt").write_bytes(b"\x00\x00\x00\x01" + STORY.encode())
    documents, errors = read([tmp_path])
    assert [d.text for d in documents] == [STORY * 4]
    assert errors == [f"{tmp_path / 'b.txt'}: binary data, not text"]


def test_issue15_empty_record_files_say_so(tmp_path):
    (tmp_path / "header.csv").write_text("id,title,text\n")
    (tmp_path / "blank.jsonl").write_text(" \n")
    (tmp_path / "list.json").write_text("[]")
    warc = tmp_path / "images.warc"
    with open(warc, "wb") as out:
        writer = WARCWriter(out, gzip=False)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://x.example/a.png", "response",
                                                      payload=io.BytesIO(b"\x89PNG"), http_headers=headers))
    documents, errors = read([tmp_path])
    assert documents == []
    assert errors == [f"{tmp_path / 'blank.jsonl'}: empty file",
                      f"{tmp_path / 'header.csv'}: no records after the header",
                      f"{warc}: no HTML response records (of 1 WARC record(s))",
                      f"{tmp_path / 'list.json'}: an empty list, no records"]


def test_issue15_a_number_as_text_is_reported_truly(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text('{"text": 42}\n{"html": ["a"]}\n{"title": "x"}\n' + json.dumps({"text": STORY}) + "\n")
    documents, errors = read([path])
    assert len(documents) == 1
    assert errors == [f"{path}:1: 'text' is a number, not a string", f"{path}:2: 'html' is a list, not a string",
                      f"{path}:3: no article text (fields: title); name the field that holds it with "
                      "--map text=FIELD (or --map html=FIELD)"]


def test_issue15_deep_json_costs_its_line_only(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"text": STORY}) + "\n" + "[" * 100_000 + "]" * 100_000 + "\n"
                    + json.dumps({"text": STORY + " Again."}) + "\n")
    (tmp_path / "deep.json").write_text("{\"a\":" * 100_000 + "1" + "}" * 100_000)
    documents, errors = read([tmp_path])
    assert len(documents) == 2
    assert errors == [f"{tmp_path / 'deep.json'}: JSON nested too deeply", f"{path}:2: JSON nested too deeply"]


def test_issue15_an_unclosed_csv_quote_is_named(tmp_path):
    path = tmp_path / "feed.csv"
    path.write_text(f'id,text\n1,"{STORY}"\n2,"never closed\n')
    documents, errors = read([path])
    assert len(documents) == 1
    assert errors == [f"{path}:3: malformed CSV (unexpected end of data)"]


def test_issue15_trafilatura_log_lines_name_the_file(tmp_path, caplog):
    page = tmp_path / "page.html"
    page.write_text(STORY)  # no markup at all: trafilatura logs "parsed tree length: 1, ... not valid HTML"
    with caplog.at_level(logging.DEBUG):
        read([page])
    library = [r for r in caplog.records if r.name.startswith("trafilatura") and r.levelno >= logging.WARNING]
    ours = [r.getMessage() for r in caplog.records if r.name.startswith("tidings")]
    assert library == []
    assert any(message.startswith(f"{page}: ") and "parsed tree length" in message for message in ours), ours
