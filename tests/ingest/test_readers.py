"""Every reader on small files written here, and every kind of bad input reported in one line."""

from __future__ import annotations

import gzip
import io
import json

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tidings.errors import InputError, UsageError
from tidings.ingest import document_id, read_inputs

STORY = "Dock workers in the port of Halvik walked out on Monday over unpaid wages, their union said."
OTHER = "The harbour authority said ships would be diverted to a smaller port further north."

PAGE = """<html><head><title>Dock workers walk out in Halvik</title>
<meta property="og:site_name" content="Halvik Tribune">
<meta property="article:published_time" content="2024-03-04T08:15:00+01:00">
<link rel="canonical" href="https://tribune.example/halvik-strike"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Dock workers walk out in Halvik</h1>
<p>{story}</p>
<p>{other}</p>
<p>Talks between the union and the port operator are due to resume on Thursday, a spokeswoman said.</p>
</article><footer>Contact us | Privacy</footer></body></html>""".format(story=STORY, other=OTHER)


def read(paths, **options):
    errors: list[InputError] = []
    documents = list(read_inputs([str(p) for p in paths], errors.append, **options))
    return documents, [str(error) for error in errors]


def write_warc(path, pages, gz):
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gz)
        for url, body, content_type in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body.encode("utf-8")), http_headers=headers,
                warc_headers_dict={"WARC-Date": "2024-03-05T10:00:00Z"},
            )
            writer.write_record(record)


def test_txt_with_sidecar(tmp_path):
    (tmp_path / "strike.txt").write_text(f"{STORY}\n{OTHER}\n", encoding="utf-8")
    (tmp_path / "strike.meta.json").write_text(json.dumps(
        {"url": "https://www.tribune.example/a", "published": "March 4, 2024", "desk": "ports"}))
    (documents, errors) = read([tmp_path])
    assert errors == []
    [document] = documents
    assert document.id == document_id(f"{STORY}\n{OTHER}\n")
    assert document.text == f"{STORY}\n{OTHER}\n"
    assert (document.url, document.outlet, document.published) == (
        "https://www.tribune.example/a", "tribune.example", "2024-03-04")
    assert document.metadata == {"desk": "ports"}
    assert document.source == str(tmp_path / "strike.txt")


def test_jsonl_with_a_broken_line_reads_the_others(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [json.dumps({"id": "a1", "text": STORY, "outlet": "Tribune", "published": "2024-03-04T09:00:00Z",
                         "section": "business"}),
             '{"id": "a2", "text": "unterminated',
             "",
             json.dumps({"id": "a3", "text": OTHER, "published": "Mon, 04 Mar 2024 10:00:00 +0000"}),
             json.dumps(["not", "an", "object"]),
             json.dumps({"id": "a5", "title": "no text here"})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    documents, errors = read([path])
    assert [d.metadata["source_id"] for d in documents] == ["a1", "a3"]
    assert [d.source for d in documents] == [f"{path}:1", f"{path}:4"]
    assert [d.published for d in documents] == ["2024-03-04", "2024-03-04"]
    assert documents[0].metadata["section"] == "business"
    assert len(errors) == 3
    assert errors[0].startswith(f"{path}:2: malformed JSON")
    assert errors[1].startswith(f"{path}:5: expected a JSON object")
    assert errors[2] == (f"{path}:6: no article text (fields: id, title); name the field that holds it "
                         "with --map text=FIELD (or --map html=FIELD)")


def test_jsonl_record_with_html_is_extracted(tmp_path):
    path = tmp_path / "pages.jsonl"
    path.write_text(json.dumps({"html": PAGE, "outlet": "Given Outlet"}) + "\n", encoding="utf-8")
    [document], errors = read([path])
    assert errors == []
    assert STORY in document.text and "Home" not in document.text
    assert document.outlet == "Given Outlet"  # the record's own field wins over the page's
    assert document.title == "Dock workers walk out in Halvik"


def test_csv(tmp_path):
    path = tmp_path / "feed.csv"
    path.write_text(f'id,title,text,published,extra\n7,Strike,"{STORY}\nSecond line.",2024-03-04,x\n'
                    f"8,Ships,{OTHER},04/03/2024,y\n9,Empty,,2024-03-04,z\n", encoding="utf-8")
    documents, errors = read([path])
    assert [d.metadata for d in documents] == [{"extra": "x", "source_id": "7"},
                                               {"extra": "y", "source_id": "8"}]
    assert documents[0].text == f"{STORY}\nSecond line."
    assert [d.source for d in documents] == [f"{path}:2", f"{path}:4"]
    assert documents[1].published is None  # ambiguous day/month order: not guessed
    assert errors == [f"{path}:5: empty text ('text')"]


def test_csv_without_text_column_is_rejected(tmp_path):
    path = tmp_path / "feed.csv"
    path.write_text("id,summary\n1,something\n", encoding="utf-8")
    documents, errors = read([path])
    assert documents == []
    assert errors == [f"{path}:1: no column holds the article text (columns: id, summary); "
                      "name it with --map text=COLUMN (or --map html=COLUMN)"]


def test_json_list_names_each_item_by_its_line(tmp_path):
    path = tmp_path / "items.json"
    path.write_text(json.dumps([{"id": 1, "text": STORY}, {"id": 2, "text": OTHER}, 42], indent=2))
    documents, errors = read([path])
    assert [d.text for d in documents] == [STORY, OTHER]
    assert [d.source for d in documents] == [f"{path}:2", f"{path}:6"]
    assert errors == [f"{path}:10: expected a JSON object, got int"]


def test_json_single_object(tmp_path):
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"text": STORY, "language": "en"}))
    [document], errors = read([path])
    assert (document.language, document.source, errors) == ("en", str(path), [])


def test_html_page(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    [document], errors = read([path])
    assert errors == []
    assert STORY in document.text and OTHER in document.text
    assert "Privacy" not in document.text
    assert document.title == "Dock workers walk out in Halvik"
    assert document.outlet == "Halvik Tribune"
    assert document.url == "https://tribune.example/halvik-strike"
    assert document.published == "2024-03-04"


def test_hostile_html_is_reported_not_raised(tmp_path):
    (tmp_path / "a_scripts.html").write_text("<html><body><script>while(1){}</script></body></html>")
    (tmp_path / "b_junk.htm").write_text("<<<>>><!-- <html <body <p>>>" * 200)
    (tmp_path / "c_wide.html").write_text("<html><body>" + "<b>x</b>" * 40_000 + "</body></html>")
    (tmp_path / "d_ok.html").write_text(PAGE)
    documents, errors = read([tmp_path])
    assert [d.source for d in documents] == [str(tmp_path / "d_ok.html")]
    assert [e.split(":")[0] for e in errors] == [str(tmp_path / n) for n in ("a_scripts.html", "b_junk.htm",
                                                                          "c_wide.html")]
    assert "more than the limit" in errors[2]


@pytest.mark.parametrize("gz", [False, True])
def test_warc_reads_html_responses_only(tmp_path, gz):
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    write_warc(path, [("https://tribune.example/strike", PAGE.replace(
                           '<meta property="article:published_time" content="2024-03-04T08:15:00+01:00">', ""),
                       "text/html; charset=utf-8"),
                      ("https://tribune.example/data.json", '{"a": 1}', "application/json")], gz)
    [document], errors = read([path])
    assert errors == []
    assert document.url == "https://tribune.example/strike"
    assert document.published == "2024-03-05"  # from WARC-Date: the page states none
    assert STORY in document.text
    assert document.source.startswith(f"{path}:")


def test_truncated_gzip_is_reported_after_the_records_before_it(tmp_path):
    whole = tmp_path / "whole.warc.gz"
    write_warc(whole, [(f"https://tribune.example/{n}", PAGE.replace("Monday", f"day {n}"), "text/html")
                       for n in range(3)], gz=True)
    cut = tmp_path / "cut.warc.gz"
    data = whole.read_bytes()
    cut.write_bytes(data[: len(data) - 400])
    documents, errors = read([cut])
    assert 1 <= len(documents) < 3
    assert len(errors) == 1 and errors[0].startswith(f"{cut}: truncated or corrupt WARC")


def test_truncated_jsonl_gz(tmp_path):
    path = tmp_path / "feed.jsonl.gz"
    body = "\n".join(json.dumps({"text": f"{STORY} Item {n}."}) for n in range(2000)).encode()
    path.write_bytes(gzip.compress(body)[:3000])
    documents, errors = read([path])
    assert len(documents) > 0
    assert len(errors) == 1 and "truncated or corrupt gzip" in errors[0]


def test_binary_empty_and_oversized_files(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.txt").write_text(STORY * 20, encoding="utf-8")
    (tmp_path / "d.jsonl").write_text(json.dumps({"text": STORY * 20}) + "\n" + json.dumps({"text": STORY}))
    (tmp_path / "e.jsonl").write_bytes(b"\x00\x01\x02binary")
    documents, errors = read([tmp_path], max_bytes=500)
    assert [d.source for d in documents] == [f"{tmp_path / 'd.jsonl'}:2"]
    assert errors == [
        f"{tmp_path / 'a.txt'}: binary data, not text",
        f"{tmp_path / 'b.txt'}: empty file",
        f"{tmp_path / 'c.txt'}: file of {len(STORY) * 20} bytes is larger than the limit of 500",
        f"{tmp_path / 'd.jsonl'}:1: record larger than 500 bytes",
        f"{tmp_path / 'e.jsonl'}: binary data, not text",
    ]


def test_invalid_utf8_is_replaced_with_a_warning_or_rejected_when_garbage(tmp_path, caplog):
    (tmp_path / "a.txt").write_bytes(STORY.encode() + b" caf\xe9 " + OTHER.encode())
    (tmp_path / "b.txt").write_bytes(bytes(range(128, 256)) * 4)
    documents, errors = read([tmp_path])
    assert [d.text.count("\ufffd") for d in documents] == [1]
    assert any("a.txt" in r.getMessage() and "invalid UTF-8" in r.getMessage() for r in caplog.records)
    assert errors == [f"{tmp_path / 'b.txt'}: not UTF-8 text (512 undecodable bytes of 512)"]


def test_ids_ignore_quote_style_and_spacing():
    assert document_id("“Stay indoors,” he said.\n") == document_id('"Stay  indoors," he said.')
    assert document_id("Stay indoors") != document_id("Stay outdoors")
    assert len(document_id(STORY)) == 16


def test_same_article_twice_is_one_id(tmp_path):
    (tmp_path / "a.txt").write_text(f"{STORY}\n", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"text": STORY.replace("'", "’")}) + "\n")
    documents, _ = read([tmp_path])
    assert len({d.id for d in documents}) == 1


def test_published_default_fills_missing_and_unreadable_dates(tmp_path, caplog):
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in [
        {"text": STORY}, {"text": OTHER, "published": "sometime soon"},
        {"text": STORY + " More.", "published": "16 April 2014"}]))
    documents, errors = read([path], published_default="2024-01-31")
    assert [d.published for d in documents] == ["2024-01-31", "2024-01-31", "2014-04-16"]
    assert errors == []
    assert any("sometime soon" in r.getMessage() for r in caplog.records)
    with pytest.raises(UsageError):
        read_inputs([str(path)], lambda e: None, published_default="not a date")


def test_a_random_blob_named_warc_gz_is_rejected_in_one_printable_line(tmp_path):
    import random

    from tidings.ingest import read_inputs

    blob = tmp_path / "crawl.warc.gz"
    blob.write_bytes(bytes(random.Random(5).randrange(256) for _ in range(4000)))
    errors: list[str] = []
    assert list(read_inputs([str(blob)], on_error=lambda e: errors.append(str(e)))) == []
    assert len(errors) == 1 and "crawl.warc.gz" in errors[0]
    assert errors[0].isprintable()
