"""Debris lines go, real sentences that merely look like debris stay."""

from __future__ import annotations

import pytest

from tidings.clean import clean_document, load_debris_rules
from tidings.ingest import document_id
from tidings.model import Document

BODY = "Police in the port city detained four men on Tuesday after a night of clashes near the docks."


@pytest.fixture(scope="module")
def rules():
    return load_debris_rules()


def _clean(text: str, rules, **fields) -> Document:
    return clean_document(Document(id=document_id(text), text=text, **fields), rules)


@pytest.mark.parametrize(
    "line",
    [
        "WATCH: Port Mayor Says Rioters Burned Three Warehouses",
        "LIVE BLOG: Strike At The Docks",
        "Your browser doesn’t support HTML5",
        "Your browser doesn't support HTML5 video",
        "Your browser does not support the video tag.",
        "Read more",
        "Read more »",
        "Share this",
        "Share this article",
        "Share on Facebook | Share on Twitter",
        "Subscribe to our newsletter",
        "Subscribe",
        "Click here to get the latest headlines in your inbox",
        "Advertisement",
        "ADVERTISEMENT",
        "Story continues below advertisement",
        "We use cookies to improve your experience on our site. By continuing you accept them.",
        "This website uses cookies.",
        "Photo: Jan Kowalski/Reuters",
        "Image copyright Getty Images",
        "Image caption Dock workers gathered before dawn",
        "AFP/Getty Images",
        "© 2031 Example Media Ltd. All rights reserved.",
        "Related articles",
        "Follow us on Twitter for the latest news",
        "Reporting by Anna Berg; Editing by Tom Hale",
        "By Anna Berg",
        "Published: 16 April 2014",
        "Sign up for our daily briefing",
    ],
)
def test_debris_line_is_removed(line, rules):
    document = _clean(f"{BODY}\n{line}\n{BODY.replace('four', 'five')}", rules)
    assert line.strip() not in document.clean_text
    assert [r.reason for r in document.removed] == ["debris"]
    assert document.removed[0].line == 1
    assert document.clean_text.count("\n") == 1


@pytest.mark.parametrize(
    "line",
    [
        "Update: the talks resumed on Monday after a pause.",
        "Watch: the mayor said rioters had burned three warehouses overnight and fled.",
        "The question then arises: does this mean a wider strike is coming?",
        "KYIV: Ukrainian troops retook the airport on Tuesday, officials said.",
        "Share prices in the port operator fell by a third after the clashes.",
        "Photographs taken by residents showed smoke rising over the harbour.",
        "Video footage posted online appeared to show men throwing stones.",
        "Subscribers to the local paper were told deliveries would stop.",
        "Readers of the bulletin were warned to stay indoors.",
        "By Monday, the dock workers had returned to their posts.",
        "Reporting by the state broadcaster suggested the curfew would be lifted.",
        "Published on Monday, the report found 10 violations at the port.",
        "The EU rules require websites to ask users before they store cookies.",
        "Reuters reported that the port would reopen on Friday.",
        "Strike at the docks",
    ],
)
def test_sentence_that_looks_like_debris_stays(line, rules):
    document = _clean(f"{BODY}\n{line}", rules)
    assert document.clean_text == f"{BODY}\n{line}"
    assert document.removed == []


def test_trailing_outlet_credit_on_its_own_line_is_removed(rules):
    document = _clean(f"{BODY}\nBBC", rules)
    assert document.clean_text == BODY
    assert [(r.text, r.reason, r.line) for r in document.removed] == [("BBC", "trailing-credit", 1)]


def test_trailing_credit_after_final_newline_is_removed(rules):
    assert _clean(f"{BODY}\n(Reuters)\n", rules).clean_text == BODY


def test_credit_glued_after_the_last_full_stop_is_removed(rules):
    document = _clean(f"{BODY}\nThe port reopened on Friday.BBC", rules)
    assert document.clean_text.endswith("reopened on Friday.")
    assert document.removed[0].reason == "trailing-credit"


def test_document_outlet_counts_as_a_trailing_credit(rules):
    document = _clean(f"{BODY}\nHarbour Herald", rules, outlet="Harbour Herald")
    assert document.clean_text == BODY


def test_outlet_name_inside_the_article_stays(rules):
    text = f"BBC\n{BODY}\nA BBC reporter at the docks said the fires were out."
    assert _clean(text, rules).clean_text == text


def test_rules_file_errors_name_the_file(tmp_path):
    from tidings.errors import DataError

    bad = tmp_path / "debris.yaml"
    bad.write_text("lines:\n  - name: broken\n    pattern: '(unclosed'\n    max_words: 3\n", encoding="utf-8")
    with pytest.raises(DataError, match="debris.yaml.*broken"):
        load_debris_rules(bad)


def test_interview_answer_lines_stay(rules):
    text = f"{BODY}\nQ: What did you see on the night of the fire?\nA: Smoke Over The Harbour"
    assert _clean(text, rules).clean_text == text
