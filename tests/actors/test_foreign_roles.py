"""An ambassador or envoy with no stated country is not the story's country: they serve abroad."""

from tidings.config import Settings
from tidings.model import Document
from tidings.pipeline import Pipeline


def test_an_ambassador_of_no_stated_country_takes_neither_the_home_nor_the_venue_country():
    pipeline = Pipeline.build(Settings.load(None, workers=1))
    text = ("LUSAKA (Wire) - Zambia's government on Monday ordered a foreign ambassador out of the country.\n"
            "Ambassador Pieter Haan has been told to leave Zambia within 48 hours, the government said.\n"
            "Zambian police arrested two protesters outside the ministry in Lusaka.")
    result = pipeline(Document(id="d1", text=text, clean_text=text, published="2022-01-31"))
    envoy = [m.actor for m in result.mentions if m.kind == "actor" and "Haan" in m.text]
    assert envoy and all(a.country != "ZMB" for a in envoy)
    police = [m.actor for m in result.mentions if m.kind == "actor" and m.text.endswith("police")]
    assert [a.country for a in police] == ["ZMB"]
