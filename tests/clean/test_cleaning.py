"""Repeated paragraphs and blocks, Unicode, paragraph structure, and the two seed articles."""

from __future__ import annotations

import unicodedata

import pytest

from tidings.clean import clean_document, load_debris_rules
from tidings.ingest import document_id
from tidings.model import Document

FIRST = "Flood water reached the old town of Riverford on Sunday night, officials said."
SECOND = "About 300 residents were moved to a school gym. Two people were reported missing."
THIRD = "The regional governor asked the army for boats and helicopters."
FOURTH = "Rain is expected to ease by Wednesday, the weather service said."


@pytest.fixture(scope="module")
def rules():
    return load_debris_rules()


def _clean(text: str, rules, **fields) -> Document:
    return clean_document(Document(id=document_id(text), text=text, **fields), rules)


def test_repeated_block_with_interleaved_debris_is_kept_once_in_first_order(rules):
    text = "\n".join([FIRST, SECOND, THIRD, "WATCH: Rescuers Pull Family From Roof", SECOND, THIRD,
                      "Advertisement", FOURTH])
    document = _clean(text, rules)
    assert document.clean_text == "\n".join([FIRST, SECOND, THIRD, FOURTH])
    reasons = {r.line: r.reason for r in document.removed}
    assert reasons == {3: "debris", 4: "repeated-block", 5: "repeated-block", 6: "debris"}


def test_single_repeated_paragraph(rules):
    document = _clean("\n".join([FIRST, SECOND, FIRST.replace("’", "'"), THIRD]), rules)
    assert document.clean_text == "\n".join([FIRST, SECOND, THIRD])
    assert [(r.reason, r.line) for r in document.removed] == [("repeated-paragraph", 2)]


def test_repeat_is_matched_across_quote_styles_and_spacing(rules):
    curly = "“We are not leaving,” said a farmer whose fields were under water."
    straight = '"We are  not leaving,"   said a farmer whose fields were under water.'
    document = _clean("\n".join([curly, THIRD, straight]), rules)
    assert document.clean_text == "\n".join([curly, THIRD])


def test_paragraph_whose_sentences_were_all_read_is_a_repeat(rules):
    split_copy = "Two people were reported missing."
    document = _clean("\n".join([SECOND, THIRD, split_copy]), rules)
    assert document.clean_text == "\n".join([SECOND, THIRD])


def test_short_lines_repeated_alone_are_kept(rules):
    text = "\n".join(["Yes.", FIRST, "Yes.", THIRD])
    assert _clean(text, rules).clean_text == text


def test_subheading_inside_a_repeated_block_goes_with_it(rules):
    text = "\n".join([FIRST, "Rising water", SECOND, THIRD, FIRST, "Rising water", SECOND, FOURTH])
    document = _clean(text, rules)
    assert document.clean_text == "\n".join([FIRST, "Rising water", SECOND, THIRD, FOURTH])


def test_text_is_nfc_and_curly_quotes_are_kept(rules):
    decomposed = "The mayor of Sa\u0303o Tome\u0301 said \u201cthe river has never been this high\u201d."
    document = _clean(decomposed, rules)
    assert document.clean_text == unicodedata.normalize("NFC", decomposed)
    assert "\u201c" in document.clean_text and "\u0303" not in document.clean_text


def test_one_line_per_paragraph_blank_lines_and_spaces_dropped(rules):
    document = _clean(f"  {FIRST}  \n\n\n{SECOND}\u00a0\n\t{THIRD}\r\n", rules)
    assert document.clean_text == "\n".join([FIRST, SECOND, THIRD])


def test_hard_wrapped_paragraphs_are_joined(rules):
    wrapped = ("Flood water reached the old town of Riverford on Sunday\nnight, officials said, after the"
               " river burst its banks\nin two places upstream of the railway bridge.\n\n" + THIRD)
    document = _clean(wrapped, rules)
    assert document.clean_text.split("\n") == [
        "Flood water reached the old town of Riverford on Sunday night, officials said, after the river"
        " burst its banks in two places upstream of the railway bridge.",
        THIRD,
    ]


def test_a_stack_of_headlines_is_not_a_wrapped_paragraph(rules):
    page = ("BreakingNews\nCouncil approves the new harbour budget after a long night of debate\n"
            "Floods close the coast road as the river rises\n\n" + THIRD)
    document = _clean(page, rules)
    assert document.clean_text.split("\n") == [
        "Council approves the new harbour budget after a long night of debate",
        "Floods close the coast road as the river rises", THIRD]
    assert [r.reason for r in document.removed] == ["debris"]


def test_leading_copy_of_the_headline_is_dropped(rules):
    document = _clean(f"River bursts its banks\n{FIRST}", rules, title="River Bursts Its Banks")
    assert document.clean_text == FIRST
    assert document.removed[0].reason == "headline"


def test_input_document_is_not_changed(rules):
    source = Document(id="x", text=f"{FIRST}\nAdvertisement")
    clean_document(source, rules)
    assert source.clean_text == "" and source.removed == []


def test_rules_default_to_the_shipped_file():
    assert clean_document(Document(id="x", text=f"{FIRST}\nRead more")).clean_text == FIRST


def test_seed_000_holds_each_sentence_once(shared_dir, rules):
    path = shared_dir / "seeds" / "000_48f361205a4fea81.txt"
    if not path.is_file():
        pytest.skip("seed 000 is absent")
    raw = path.read_text(encoding="utf-8")
    document = _clean(raw, rules)
    lines = document.clean_text.split("\n")
    assert len(lines) == len(set(lines))
    assert sum("Kalashnikov" in line for line in lines) == 1
    assert not any(line.startswith(("WATCH:", "LIVE BLOG:", "Your browser")) for line in lines)
    first_seen = [line for line in raw.splitlines() if line in set(lines)]
    assert lines == list(dict.fromkeys(first_seen))


def test_seed_001_ends_without_its_outlet_credit(shared_dir, rules):
    path = shared_dir / "seeds" / "001_3ab371a7cc6eaec1.txt"
    if not path.is_file():
        pytest.skip("seed 001 is absent")
    document = _clean(path.read_text(encoding="utf-8"), rules)
    assert document.clean_text.endswith("in February.")
    assert [r.reason for r in document.removed] == ["trailing-credit"]
    assert "BBC reporters in Sloviansk" in document.clean_text
