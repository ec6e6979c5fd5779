"""Issue 14: the outputs of the scrapers users run are read as they come (news-please, trafilatura,
newspaper3k, scraper CSVs), with dates, languages and outlets; other names go through `--map`.
Every article here is written for these tests."""

from __future__ import annotations

import csv
import json

import pytest
from typer.testing import CliRunner

from tidings.cli import app
from tidings.errors import DataError, UsageError
from tidings.ingest import IntakeTally, count_documents, load_field_names, parse_field_map, read_inputs
from tidings.store import open_store

runner = CliRunner()

MARKET = ("Traders in Port Amala closed their stalls on Tuesday to protest against a new market levy, "
          "the traders' association said.\nPolice said the protest was peaceful.")
BRIDGE = ("Engineers reopened the Selwyn river bridge on Friday after repairs that took three months, "
          "the roads ministry said.\nThe bridge carries most of the valley's freight.")
FERRY = ("A ferry carrying 40 passengers ran aground near Olva Island on Sunday, and all were brought "
         "ashore safely, the coast guard said.\nAn inquiry into the grounding has begun.")
CLINIC = ("Nurses at the Kesto district clinic began a two-day strike on Monday over unpaid overtime, "
          "their union said.\nThe clinic stayed open for emergencies.")

#: news-please's JSON: one object per file, as its `json` output writes it.
NEWS_PLEASE = {"authors": ["A. Writer"], "date_download": "2019-06-05 12:00:00", "date_modify": None,
               "date_publish": "2019-06-04 08:30:00", "description": "Stalls shut over a levy.",
               "filename": "amala.json", "image_url": None, "language": "en", "localpath": None,
               "maintext": MARKET, "source_domain": "amala-herald.example", "title": "Traders shut stalls",
               "title_page": None, "title_rss": None, "url": "https://amala-herald.example/traders"}
#: trafilatura's JSON output (`trafilatura --json` / `extract(output_format="json")`).
TRAFILATURA = {"title": "Selwyn bridge reopens", "author": None, "hostname": "valley-post.example",
               "date": "2019-06-07", "fingerprint": "a1b2c3", "id": None, "license": None, "comments": "",
               "raw_text": BRIDGE.replace("\n", " "), "text": BRIDGE, "language": "en", "image": None,
               "pagetype": "article", "filedate": "2019-06-09",
               "source": "https://www.valley-post.example/bridge", "source-hostname": "The Valley Post",
               "excerpt": None, "categories": "", "tags": ""}
#: newspaper3k-style JSON Lines: `publish_date` as it prints a datetime, the site in `source_url`.
NEWSPAPER = {"url": "https://islands-daily.example/2019/06/ferry", "title": "Ferry runs aground",
             "text": FERRY, "authors": [], "publish_date": "2019-06-09 00:00:00+00:00",
             "source_url": "https://www.islands-daily.example", "meta_lang": "en", "top_image": ""}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("scrapers")
    (folder / "amala.json").write_text(json.dumps(NEWS_PLEASE), encoding="utf-8")
    (folder / "bridge.json").write_text(json.dumps(TRAFILATURA), encoding="utf-8")
    (folder / "ferry.jsonl").write_text(json.dumps(NEWSPAPER) + "\n", encoding="utf-8")
    with open(folder / "clinic.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["url", "headline", "Published_At", "site", "body"])
        writer.writerow(["https://kesto-news.example/strike", "Nurses strike in Kesto",
                         "Mon, 10 Jun 2019 07:00:00 GMT", "Kesto News", CLINIC])
    return folder


EXPECTED = {  # text, title, outlet, url, language, published
    "amala.json": (MARKET, "Traders shut stalls", "amala-herald.example", "https://amala-herald.example/traders",
                   "en", "2019-06-04"),
    "bridge.json": (BRIDGE, "Selwyn bridge reopens", "valley-post.example",
                    "https://www.valley-post.example/bridge", "en", "2019-06-07"),
    "ferry.jsonl": (FERRY, "Ferry runs aground", "islands-daily.example",
                    "https://islands-daily.example/2019/06/ferry", "en", "2019-06-09"),
    "clinic.csv": (CLINIC, "Nurses strike in Kesto", "Kesto News", "https://kesto-news.example/strike",
                   None, "2019-06-10"),
}


def _read(paths, **options):
    errors = []
    documents = list(read_inputs([str(p) for p in paths], errors.append, **options))
    return documents, [str(e) for e in errors]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_issue14_each_scraper_format_gives_text_title_outlet_url_language_and_date(corpus, name):
    [document], errors = _read([corpus / name])
    assert errors == []
    assert (document.text, document.title, document.outlet, document.url, document.language,
            document.published) == EXPECTED[name]


def test_issue14_copies_of_the_text_are_not_kept_as_metadata_but_other_fields_are(corpus):
    [document], _ = _read([corpus / "bridge.json"])
    assert "raw_text" not in document.metadata and "text" not in document.metadata
    assert document.metadata["fingerprint"] == "a1b2c3"
    [document], _ = _read([corpus / "amala.json"])
    assert document.metadata["authors"] == ["A. Writer"] and "maintext" not in document.metadata


def test_issue14_the_matrix_is_stored_as_read(corpus, tmp_path):
    db = tmp_path / "t.duckdb"
    result = runner.invoke(app, ["run", str(corpus), "--db", str(db), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "no publication date" not in result.stderr
    with open_store(db, read_only=True) as store:
        stored = {}
        for row in store.documents():
            document = store.document(row["id"])
            stored[document["source"].rsplit("/", 1)[-1].split(":")[0]] = (
                document["raw_text"], document["title"], document["outlet"], document["url"],
                document["language"], document["published"])
    assert stored == {name: tuple(str(v) if k == 5 else v for k, v in enumerate(values))
                      for name, values in EXPECTED.items()}


def test_issue14_map_names_a_field_of_ones_own(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(f'story_html_free,when,paper\n"{MARKET}",2019-06-04,Amala Herald\n', encoding="utf-8")
    documents, errors = _read([path])
    assert documents == [] and "--map text=COLUMN" in errors[0]
    [document], errors = _read([path], field_map={"text": "story_html_free", "published": "When",
                                                  "outlet": "paper"})
    assert errors == []
    assert (document.text, document.published, document.outlet) == (MARKET, "2019-06-04", "Amala Herald")
    assert document.metadata == {}


def test_issue14_map_on_the_command_line_and_its_usage_errors(tmp_path):
    assert parse_field_map(["text=story", "Published = when"]) == {"text": "story", "published": "when"}
    with pytest.raises(UsageError, match="expected FIELD=NAME"):
        parse_field_map(["story"])
    with pytest.raises(UsageError, match="did you mean --map text=body"):
        parse_field_map(["body=text"])
    result = runner.invoke(app, ["run", str(tmp_path), "--db", str(tmp_path / "t.duckdb"), "--map", "words=body"])
    assert result.exit_code == 2
    assert "'words' is not a field Tidings reads" in result.stderr


def test_issue14_names_match_whatever_their_case_and_joiners(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"Full Text": CLINIC, "datePublished": "June 10, 2019", "Link": "https://k.example/a",
                                "source": {"id": None, "name": "Kesto News"}}) + "\n", encoding="utf-8")
    [document], errors = _read([path])
    assert errors == []
    assert (document.published, document.url, document.outlet) == ("2019-06-10", "https://k.example/a", "Kesto News")


def test_issue14_a_source_is_an_outlet_unless_it_is_a_web_address(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"text": CLINIC, "source": "Kesto News"}) + "\n"
                    + json.dumps({"text": FERRY, "source": "https://www.islands-daily.example/ferry"}) + "\n",
                    encoding="utf-8")
    [named, addressed], _ = _read([path])
    assert (named.outlet, named.url) == ("Kesto News", None)
    assert (addressed.outlet, addressed.url) == ("islands-daily.example", "https://www.islands-daily.example/ferry")


def test_issue14_a_month_only_date_keeps_month_precision(tmp_path):
    path = tmp_path / "feed.csv"
    path.write_text(f'content,pubdate\n"{BRIDGE}",June 2019\n', encoding="utf-8")
    [document], _ = _read([path])
    assert document.published == "2019-06"


def test_issue14_html_lang_sets_the_language(tmp_path):
    (tmp_path / "page.html").write_text(
        f'<html lang="en_GB"><head><title>Ferry runs aground</title></head><body><article>'
        f'<p>{FERRY.splitlines()[0]}</p><p>{FERRY.splitlines()[1]}</p></article></body></html>', encoding="utf-8")
    [document], errors = _read([tmp_path / "page.html"])
    assert errors == [] and document.language == "en-GB"


def test_issue14_a_bad_record_is_one_line_naming_file_and_record(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps(NEWSPAPER) + "\n" + json.dumps({"maintext": 7, "url": "x"}) + "\n"
                    + json.dumps({"summary": "a line", "url": "y"}) + "\n", encoding="utf-8")
    documents, errors = _read([path])
    assert len(documents) == 1
    assert errors[0] == f"{path}:2: 'maintext' is a number, not a string"
    assert errors[1].startswith(f"{path}:3: no article text (fields: summary, url); ") and "\n" not in errors[1]


def test_issue14_the_tally_counts_documents_without_a_date(tmp_path):
    (tmp_path / "a.txt").write_text(FERRY, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps(NEWSPAPER | {"text": BRIDGE}) + "\n", encoding="utf-8")
    tally = IntakeTally()
    _read([tmp_path], tally=tally)
    assert (tally.documents, tally.undated) == (2, 1)
    tally = IntakeTally()
    _read([tmp_path], tally=tally, published_default="2019-06")
    assert tally.undated == 0


def test_issue14_a_run_says_what_an_undated_document_means_and_the_flag_that_fixes_it(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(FERRY, encoding="utf-8")
    result = runner.invoke(app, ["run", str(tmp_path / "in"), "--db", str(tmp_path / "t.duckdb"), "--workers", "1"])
    assert result.exit_code == 0, result.output
    [line] = [line for line in result.stderr.splitlines() if "no publication date" in line]
    assert line.startswith("warning: 1 of 1 documents read have no publication date")
    assert "--published-default" in line and "absolute" in line


def test_issue14_documents_are_counted_before_the_run_when_cheap(tmp_path):
    (tmp_path / "a.txt").write_text(FERRY, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps(NEWSPAPER) + "\n\n" + json.dumps(NEWSPAPER) + "\n", encoding="utf-8")
    with open(tmp_path / "c.csv", "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["text"], [CLINIC], [MARKET]])
    (tmp_path / "d.json").write_text(json.dumps([NEWS_PLEASE, NEWS_PLEASE]), encoding="utf-8")
    assert count_documents([str(tmp_path)]) == 7
    assert count_documents([str(tmp_path)], budget=10) is None


def test_issue14_the_field_names_are_data_checked_at_load(tmp_path):
    names = load_field_names()
    assert names.looked_for("text")[:2] == ["text", "maintext"]
    bad = tmp_path / "fields.yaml"
    bad.write_text("fields:\n  text: [text, body]\n  title: [body]\n", encoding="utf-8")
    with pytest.raises(DataError, match="fields.html: expected a list"):
        load_field_names(bad)


@pytest.mark.parametrize(("value", "expected"), [
    ("2019-06-04 08:30:00", "2019-06-04"),                       # news-please
    ("2019-06-09 00:00:00+00:00", "2019-06-09"),                 # newspaper3k
    ("Tue, 04 Jun 2019 08:30:00 GMT", "2019-06-04"),             # RFC 2822 (RSS)
    ("Updated 10:05 AM EDT, Tue June 4, 2019", "2019-06-04"),    # a label and a time around it
    ("Tuesday 4 June 2019 10.05 BST", "2019-06-04"),
    ("2019/06/04 10:05", "2019-06-04"),
    ("4-Jun-2019", "2019-06-04"),
    ("Sept. 3, 2019", "2019-09-03"),
    ("16/04/2019", "2019-04-16"),                                # the day cannot be a month
    ("4/16/2019", "2019-04-16"),
    ("04/05/2019", None),                                        # both orders read: not guessed
    ("1559637000", "2019-06-04"),                                # Unix seconds, as digits
    ("1559637000000", "2019-06-04"),                             # JavaScript milliseconds
    ("4 juin 2019", "2019-06-04"),                               # another language, by dateparser
    ("June 2019", "2019-06"),                                    # month precision
    ("2019-06", "2019-06"),
    ("yesterday", None), ("Tuesday", None), ("4 June", None), ("2019", None),
])
def test_issue14_publication_dates_in_the_layouts_scrapers_write(value, expected):
    from tidings.ingest import parse_published

    assert parse_published(value) == expected
