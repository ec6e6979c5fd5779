"""A state's organ named by its leader's possessive is that leader's state, not the article's home."""

from tidings.config import Settings
from tidings.model import Document
from tidings.pipeline import Pipeline


def test_a_regime_named_by_its_leader_is_the_leaders_state():
    pipeline = Pipeline.build(Settings.load(None, workers=1))
    text = ("Japan protested to Pyongyang on Tuesday.\n"
            "Tokyo said Kim Jong Un's regime fired two missiles towards the Sea of Japan on Monday.")
    result = pipeline(Document(id="d1", text=text, clean_text=text, published="2019-05-07"))
    regime = [m.actor for m in result.mentions if m.kind == "actor" and m.text.endswith("regime")]
    assert [a.country for a in regime] == ["PRK"]
