"""find_actors on sentences written for these tests."""

from __future__ import annotations

import pytest

from tidings.actors import ActorDictionary, actor_id, find_actors
from tidings.model import Mention
from tidings.places import find_places


@pytest.fixture(scope="module")
def builtins() -> ActorDictionary:
    return ActorDictionary.load()


@pytest.fixture(scope="module")
def actors(nlp, builtins):
    def run(text: str, published: str | None = None, places: list[Mention] | None = None):
        return find_actors(nlp(text), places or [], builtins, published)
    return run


@pytest.fixture(scope="module")
def placed(nlp, builtins, gazetteer):
    """find_actors with the real place mentions of the places stage."""
    def run(text: str, published: str | None = None):
        doc = nlp(text)
        return find_actors(doc, find_places(doc, gazetteer), builtins, published)
    return run


def by_text(mentions: list[Mention]) -> dict[str, Mention]:
    return {m.text: m for m in mentions}


def test_possessive_country_and_role_premodifier(actors):
    found = by_text(actors("Kenya's Foreign Minister Amina Mohamed condemned the attack on Tuesday."))
    person = found["Kenya's Foreign Minister Amina Mohamed"].actor
    assert (person.name, person.country, person.sector, person.kind) == (
        "Amina Mohamed", "KEN", "GOV", "person")
    assert person.role == "Foreign Minister"


def test_demonym_premodifier(actors):
    found = by_text(actors("Peruvian Interior Minister Carlos Ruiz said the police had made arrests."))
    person = found["Peruvian Interior Minister Carlos Ruiz"].actor
    assert (person.country, person.sector) == ("PER", "GOV")


def test_role_without_country_takes_story_country(actors):
    text = ("Protests spread across Ukraine on Sunday. Ukraine's opposition rallied in the capital. "
            "Interior Minister Oleh Danko said calm had returned.")
    found = by_text(actors(text))
    assert found["Interior Minister Oleh Danko"].actor.country == "UKR"


def test_surname_and_title_link_to_full_name(actors):
    text = ("Chilean Defence Minister Maria Fernandez visited the port. "
            "Fernandez said the navy was ready. Later, Ms Fernandez left.")
    mentions = actors(text)
    ids = {m.actor.id for m in mentions if "Fernandez" in m.text}
    assert len(ids) == 1
    actor = next(m.actor for m in mentions if m.text == "Fernandez")
    assert (actor.name, actor.country, actor.sector) == ("Maria Fernandez", "CHL", "GOV")  # defence too
    assert "Fernandez" in actor.aliases


def test_acronym_links_to_its_expansion(actors):
    text = ("Kenya's National Intelligence Bureau (NIB) said it had arrested two suspects. "
            "The NIB gave no names.")
    mentions = [m for m in actors(text) if "NIB" in m.text or "Bureau" in m.text]
    assert len(mentions) == 3
    assert len({m.actor.id for m in mentions}) == 1
    assert mentions[0].actor.country == "KEN"
    assert "NIB" in mentions[0].actor.aliases


def test_known_acronym_in_parentheses(actors):
    found = by_text(actors("Ukraine's Security Service (SBU) detained a man in Odessa."))
    assert found["SBU"].actor.id == found["Ukraine's Security Service"].actor.id
    assert (found["SBU"].actor.country, found["SBU"].actor.sector) == ("UKR", "SPY")


def test_capital_as_government_vs_place(actors):
    found = by_text(actors("Kiev accused Moscow of sending troops. Talks were held in Kiev."))
    kiev = [m for m in actors("Kiev accused Moscow of sending troops. Talks were held in Kiev.")
            if m.text == "Kiev"]
    assert len(kiev) == 1 and kiev[0].sentence_index == 0
    assert (kiev[0].actor.country, kiev[0].actor.sector, kiev[0].actor.kind) == ("UKR", "GOV", "state")
    assert found["Moscow"].actor.country == "RUS"


def test_country_name_capital_and_kremlin_are_one_actor(actors):
    mentions = actors("Russia denied the claim. The Kremlin warned Kiev. Moscow rejected the offer.")
    russian = {m.actor.id for m in mentions if m.actor.country == "RUS"}
    assert len(russian) == 1
    assert actor_id("Russia", "RUS", "GOV") in russian


def test_place_mention_not_used_as_actor_is_dropped(nlp, builtins):
    doc = nlp("Fighting was reported near Brussels, and Rotterdam officials met.")
    start = doc.text.index("Rotterdam")
    place = Mention(kind="place", text="Rotterdam", start=start, end=start + 9, sentence_index=0)
    texts = [m.text for m in find_actors(doc, [place], builtins)]
    assert "Brussels" not in texts and "Rotterdam" not in texts


def test_aligned_armed_group_is_rebel_of_the_country_it_operates_in(placed):
    found = by_text(placed("Pro-Russian armed men seized the town hall in Sloviansk on Monday."))
    actor = found["Pro-Russian armed men"].actor
    assert (actor.country, actor.sector, actor.kind) == ("UKR", "REB", "group")
    assert actor.name == "pro-Russian militants"  # the side it takes stays in the name


def test_aligned_group_without_any_place_has_no_country(actors):
    actor = by_text(actors("Pro-Russian armed men seized the town hall."))["Pro-Russian armed men"].actor
    assert (actor.country, actor.sector) == (None, "REB")


def test_unidentified_gunmen_have_no_country(actors):
    found = by_text(actors("Unidentified gunmen opened fire on the checkpoint."))
    actor = found["Unidentified gunmen"].actor
    assert (actor.country, actor.sector) == (None, "UAF")


def test_bare_group_links_to_the_qualified_group(actors):
    mentions = actors("Pro-Serbian separatists blocked a road. Police said the separatists fled.")
    separatists = [m for m in mentions if "separatists" in m.text]
    assert len({m.actor.id for m in separatists}) == 1
    assert separatists[1].actor.name == "pro-Serbian separatists"


def test_security_forces_and_officer(actors):
    found = by_text(actors("Georgian security forces arrested a man, and a Georgian officer was hurt."))
    assert (found["Georgian security forces"].actor.sector) == "COP"
    assert found["a Georgian officer"].actor.name == "Georgian security forces"


def test_aligned_activists_are_rebels_protesters_civilians(placed):
    found = by_text(placed("Pro-Russia activists occupied the council hall in Kramatorsk as protesters "
                           "chanted outside."))
    activists = found["Pro-Russia activists"].actor
    assert (activists.country, activists.sector) == ("UKR", "REB")
    assert (found["protesters"].actor.country, found["protesters"].actor.sector) == ("UKR", "CVL")


def test_known_organisations(actors):
    found = by_text(actors("NATO warned of new deployments, an AFP correspondent reported."))
    assert (found["NATO"].actor.country) == "IGO"
    assert found["an AFP correspondent"].actor.sector == "JRN"


def test_the_west(actors):
    found = by_text(actors("Russia blamed the West for the crisis."))
    assert (found["the West"].actor.country, found["the West"].actor.sector) == ("IGO", "GOV")


def test_mislabel_guards(actors):
    text = ("Gunmen armed with Kalashnikov rifles entered the hall.\n"
            "WATCH: Mayor Says Armed Separatists Hand Out Guns To Residents\n"
            "Pro-Russia activists rallied, and the regional governor met them.")
    texts = [m.text for m in actors(text)]
    assert not any("Kalashnikov" in t for t in texts)
    assert not any("Hand Out" in t for t in texts)
    assert "Armed Separatists" in texts
    assert not any(t.lower() == "pro-russia" for t in texts)


def test_spans_are_character_offsets_and_sorted(nlp, builtins):
    doc = nlp("Turkish troops crossed the border. Ankara said Syria had been warned.")
    mentions = find_actors(doc, [], builtins)
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    for m in mentions:
        assert doc.text[m.start:m.end] == m.text
        assert m.kind == "actor"
    assert {m.text: m.sentence_index for m in mentions}["Ankara"] == 1


def test_ids_are_deterministic():
    assert actor_id("Sergei Lavrov", "RUS", "GOV") == actor_id("sergei lavrov", "RUS", "GOV")
    assert actor_id("Sergei Lavrov", "RUS", "GOV").startswith("ac_")
    assert len(actor_id("x", None, None)) == 15


def test_issue12_title_case_dateline_is_not_an_actor(actors):
    found = {m.text: m for m in actors("Dar es Salaam — Chadema presidential candidate Tundu Lissu was arrested.")}
    assert "Dar es Salaam" not in found
    lissu = next(m for m in found.values() if "Lissu" in m.text)
    assert lissu.actor.sector == "PTY"


def test_issue12_intergovernmental_organisations_have_sector_igo(actors):
    found = {m.text: m for m in actors("The United Nations and the Arab League condemned the attack.")}
    assert {m.actor.sector for m in found.values()} == {"IGO"}


def test_issue12_un_inside_a_korean_name_is_not_the_un(actors):
    found = actors("Kim Jong Un's regime fired three missiles.")
    assert all(m.actor.country != "UNO" for m in found)


def test_issue12_name_split_by_ner_is_read_whole(actors):
    found = by_text(actors("President Roch Marc Christian Kabore described the attack as barbaric.",
                           "2021-06-05"))
    person = found["President Roch Marc Christian Kabore"].actor
    assert (person.country, person.sector) == ("BFA", "GOV")


def test_issue12_person_described_by_apposition_takes_employer_country(actors):
    found = by_text(actors("Peter Olsen, an official at the U.S. State Department, criticised the vote."))
    assert found["Peter Olsen"].actor.country == "USA"


def test_issue12_former_leader_keeps_a_party_sector(actors):
    found = by_text(actors("Bolsonaro denied encouraging the riots.", "2023-01-10"))
    assert found["Bolsonaro"].actor.sector == "OPP"


def test_issue12_surname_that_is_also_a_town_is_the_person(placed):
    found = by_text(placed("Khan was taken into custody by police in Islamabad on Tuesday.", "2023-05-10"))
    assert "Khan" in found and found["Khan"].kind == "actor"
