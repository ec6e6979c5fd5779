"""Optional: the founding articles in ../shared (third-party text, read at run time only)."""

from __future__ import annotations

import json

import pytest

from tidings.actors import ActorDictionary, find_actors


@pytest.fixture(scope="module")
def seed_mentions(nlp, shared_dir):
    folder = shared_dir / "seeds-with-metadata"
    if not folder.is_dir():
        pytest.skip("seeds-with-metadata is absent")
    d = ActorDictionary.load()
    out = []
    for path in sorted(folder.glob("*.txt")):
        meta = json.loads(path.with_suffix(".meta.json").read_text(encoding="utf-8"))
        doc = nlp(path.read_text(encoding="utf-8"))
        out.extend(find_actors(doc, [], d, meta.get("published")))
    return out


def _actor(mentions, text):
    found = [m.actor for m in mentions if m.text.endswith(text)]
    assert found, text
    return found[0]


def test_seed_people(seed_mentions):
    yatsenyuk = _actor(seed_mentions, "Arseniy Yatsenyuk")
    assert (yatsenyuk.country, yatsenyuk.sector) == ("UKR", "GOV")
    lavrov = _actor(seed_mentions, "Sergei Lavrov")
    assert (lavrov.country, lavrov.sector) == ("RUS", "GOV")


def test_seed_avakov_is_one_actor(seed_mentions):
    ids = {m.actor.id for m in seed_mentions if m.text in ("Arsen Avakov", "Mr Avakov", "Avakov")}
    assert len(ids) == 1
    actor = _actor(seed_mentions, "Arsen Avakov")
    assert (actor.country, actor.sector) == ("UKR", "GOV")


def test_seed_nato_and_groups(seed_mentions):
    assert _actor(seed_mentions, "NATO").country == "IGO"
    armed = _actor(seed_mentions, "pro-Russian armed men")
    assert (armed.country, armed.sector) == ("UKR", "REB")  # where they operate (ACLED)
    assert not any("Kalashnikov" in m.text or "Hand Out" in m.text for m in seed_mentions)
