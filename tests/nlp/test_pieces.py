"""Issue 15: a long text is parsed in pieces cut at line breaks, with the same text, sentences and events."""

from tidings.config import Settings
from tidings.model import Document
from tidings.nlp.pieces import parse_in_pieces, split_at_line_breaks
from tidings.pipeline import Pipeline

PARAGRAPHS = [
    "Police arrested twelve students in Accra on Monday after a march on parliament.",
    "Soldiers shelled the outskirts of Kafanchan overnight, residents said.",
    "The foreign ministers of Ghana and Togo met in Lome on Tuesday to discuss border security.",
    "Protesters blocked the main road to the airport for three hours.",
]
TEXT = "\n\n".join(PARAGRAPHS * 3) + "\n"


def test_pieces_join_back_to_the_text():
    pieces = split_at_line_breaks(TEXT, 200)
    assert "".join(pieces) == TEXT and all(len(p) <= 200 for p in pieces)
    assert all(p.endswith("\n") for p in pieces)
    assert split_at_line_breaks("no breaks at all " * 30, 100)[0].endswith(" ")


def test_a_doc_parsed_in_pieces_is_the_text_and_its_sentences(nlp):
    whole, pieces = nlp(TEXT), parse_in_pieces(nlp, TEXT, 200)
    assert pieces.text == TEXT
    assert [s.text.strip() for s in pieces.sents if s.text.strip()] == \
        [s.text.strip() for s in whole.sents if s.text.strip()]


def test_the_pipeline_finds_the_same_events_in_pieces():
    document = dict(id="d1", text=TEXT, published="2021-03-09", outlet="test", url="u")
    whole = Pipeline.build(Settings.load())(Document(**document))
    pieces = Pipeline.build(Settings.load(parse_piece_chars=200))(Document(**document))
    key = lambda r: [(e.type, e.mode, e.evidence.start, e.date) for e in r.event_mentions]  # noqa: E731
    assert key(pieces) == key(whole) and key(whole)
