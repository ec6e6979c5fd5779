"""find_times on parsed sentences we wrote: spans, offsets, tense of the clause, and non-dates."""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings.times import find_times

SUNDAY = "2014-04-13"


def _times(nlp, text, published=SUNDAY):
    doc = nlp(text)
    return {m.text: (m.time.value, m.time.precision) for m in find_times(doc, published)}, doc


def test_mentions_carry_offsets_sentence_index_and_kind(nlp):
    text = "The council met in Lviv.\nRebels seized the depot on Saturday."
    doc = nlp(text)
    [mention] = find_times(doc, SUNDAY)
    assert mention.kind == "time"
    assert text[mention.start:mention.end] == mention.text == "Saturday"
    assert mention.sentence_index == 1
    assert (mention.time.value, mention.time.precision) == ("2014-04-12", "day")
    assert mention.label


def test_weekday_in_a_past_clause_points_back(nlp):
    found, _ = _times(nlp, "Masked gunmen occupied the town hall on Saturday.")
    assert found == {"Saturday": ("2014-04-12", "day")}


def test_weekday_in_a_future_or_scheduled_clause_points_forward(nlp):
    for sentence in ("The two ministers will meet in Vienna on Thursday.",
                     "Negotiators were due to meet in Vienna on Thursday.",
                     "A second round of talks is scheduled for Thursday."):
        found, _ = _times(nlp, sentence)
        assert found == {"Thursday": ("2014-04-17", "day")}, sentence


def test_absolute_and_relative_expressions_in_one_text(nlp):
    found, _ = _times(nlp, "Troops arrived on 16 April 2014. Prices rose sharply last week, "
                           "and a vote took place in February. Officials said two days ago that "
                           "talks would resume later this week.")
    assert found["16 April 2014"] == ("2014-04-16", "day")
    assert found["last week"] == ("2014-03-31", "week")
    assert found["February"] == ("2014-02-01", "month")
    assert found["two days ago"] == ("2014-04-11", "day")
    assert found["later this week"] == ("2014-04-14", "week")  # written on a Sunday


def test_durations_ages_and_counts_are_not_dates(nlp):
    found, _ = _times(nlp, "Protesters have held the building for one week. The 45-year-old mayor "
                           "was detained for three days, and 2000 troops gathered at 10 a.m.")
    assert found == {}


def test_may_the_verb_is_not_a_month(nlp):
    found, _ = _times(nlp, "The talks may collapse. Elections are planned in May.")
    assert list(found) == ["May"]


def test_vague_expressions_carry_timeml_ref_values(nlp):
    found, _ = _times(nlp, "Fighting has intensified in recent weeks and may spread within days.")
    assert found == {"recent weeks": ("PAST_REF", "unknown"), "within days": ("FUTURE_REF", "unknown")}


@pytest.mark.parametrize(("text", "ref"), [
    ("Several years ago, the minister resigned.", {"Several years ago": "PAST_REF"}),
    ("The envoy, formerly a general, arrived.", {"formerly": "PAST_REF"}),
    ("The board bought shares at the then current price.", {"then current": "PAST_REF"}),
    ("Until now, nobody had claimed the attack.", {"now": "PRESENT_REF"}),
    ("The troops will leave a few weeks from now.", {"a few weeks from now": "FUTURE_REF"}),
    ("Prices have fallen over the past several quarters.", {"the past several quarters": "PAST_REF"}),
    ("Riots were rare in past years.", {"past years": "PAST_REF"}),
    ("The cuts will lower taxes in future quarters.", {"future quarters": "FUTURE_REF"}),
    ("The board may sell the unit at a later date.", {"a later date": "FUTURE_REF"}),
    ("For the past few weeks the town has been quiet.", {}),
    ("The party will one day rule the country.", {"one day": "FUTURE_REF"}),
    ("The envoys met for one day of talks.", {}),
    ("The army must leave as soon as possible.", {"as soon as possible": "FUTURE_REF"}),
])
def test_issue12_vague_past_present_and_future_expressions_get_their_ref(nlp, text, ref):
    found, _ = _times(nlp, text)
    assert {k: v[0] for k, v in found.items()} == ref


def test_document_without_publication_date(nlp):
    found, _ = _times(nlp, "Rebels took the airport on Saturday, a year after the vote of "
                           "12 March 2013.", published=None)
    assert found["Saturday"] == (None, "unknown")
    assert found["12 March 2013"] == ("2013-03-12", "day")


def test_past_month_day_after_publication_rolls_to_previous_year(nlp):
    found, _ = _times(nlp, "The rally was broken up by police on December 28.", published="2014-01-05")
    assert found == {"December 28": ("2013-12-28", "day")}


def _seed(shared_dir: Path, prefix: str) -> tuple[str, str]:
    folder = shared_dir / "seeds-with-metadata"
    paths = sorted(folder.glob(f"{prefix}_*.txt")) if folder.is_dir() else []
    if not paths:
        pytest.skip("seeds-with-metadata not present")
    import json
    meta = json.loads(paths[0].with_suffix(".meta.json").read_text(encoding="utf-8"))
    return paths[0].read_text(encoding="utf-8"), meta["published"]


def test_seed_articles(nlp, shared_dir):
    text, published = _seed(shared_dir, "001")
    mentions = find_times(nlp(text), published)
    values = {(m.text, m.time.value) for m in mentions}
    assert ("Saturday", "2014-04-12") in values
    thursday = [m for m in mentions if m.text == "Thursday"]
    assert thursday and thursday[0].time.value == "2014-04-17"
    text, published = _seed(shared_dir, "000")
    mentions = find_times(nlp(text), published)
    assert all(m.time.value == "2014-04-16" for m in mentions if m.text == "April 16")
    assert any(m.text == "April 16" for m in mentions)


def test_issue12_weekday_followed_by_its_date_takes_the_date(nlp):
    doc = nlp("The council will meet on Wednesday – April 16 in the capital.")
    times = {m.text: m.time.value for m in find_times(doc, "2014-04-13")}
    assert times["Wednesday"] == "2014-04-16"


def test_issue12_set_schedules_only_with_what_it_schedules(nlp):
    found, _ = _times(nlp, "Stocks rose to within 70 points of the record high set on Aug. 6.")
    assert found["Aug. 6"] == ("2013-08-06", "day")
    found, _ = _times(nlp, "The summit is set for Thursday.")
    assert found["Thursday"] == ("2014-04-17", "day")


def test_issue12_a_verb_whose_past_is_its_present_form_reads_as_past(nlp):
    found, _ = _times(nlp, "Losses in bank shares hurt the index on Friday.")
    assert found["Friday"] == ("2014-04-11", "day")
    found, _ = _times(nlp, "The two leaders meet separately Monday with the envoy.")
    assert found["Monday"] == ("2014-04-14", "day")


def test_issue12_a_holiday_week_is_the_week_of_the_holiday(nlp):
    found, _ = _times(nlp, "Pilgrims crowded the city during Easter week.", published="2000-04-17")
    assert found["Easter week"] == ("2000-04-17", "week")


def test_issue12_a_month_with_a_spoken_year(nlp):
    found, _ = _times(nlp, "January nineteen ninety-seven. A bomb went off in a park.")
    assert found == {"January nineteen ninety-seven": ("1997-01-01", "month")}


def test_issue12_a_quoted_capitalised_title_is_not_a_date(nlp):
    found, _ = _times(nlp, "The minister, speaking on the \"This Week\" programme, defended the plan.")
    assert found == {}


def test_issue12_a_present_perfect_progressive_points_back(nlp):
    found, _ = _times(nlp, "Police have been searching for him since shortly after the Oct. 23 shooting.")
    assert found["Oct. 23"] == ("2013-10-23", "day")


def test_issue12_the_infinitive_of_an_agreement_is_still_to_come(nlp):
    found, _ = _times(nlp, "The company agreed to buy the unit for $22 million in February.", published="2014-10-30")
    assert found["February"] == ("2015-02-01", "month")
    found, _ = _times(nlp, "The bank announced an agreement to acquire the firm in January.", published="2014-11-02")
    assert found["January"] == ("2015-01-01", "month")
    found, _ = _times(nlp, "The rebels agreed on Friday to free the hostages.")
    assert found["Friday"] == ("2014-04-11", "day")


def test_issue12_a_clock_time_before_a_time_zone_is_not_a_year(nlp):
    found, _ = _times(nlp, "The missile was launched at around 2057 GMT Monday.", published="2017-08-29")
    assert found == {"Monday": ("2017-08-28", "day")}


def test_issue12_be_to_schedules_what_it_governs(nlp):
    found, _ = _times(nlp, "The stock was suspended, and it is to resume trading in Paris Tuesday.")
    assert found["Tuesday"] == ("2014-04-15", "day")


def test_issue12_a_clock_time_before_a_weekday_goes_in_its_label(nlp):
    doc = nlp("The agency gave the family until 9 a.m. Tuesday to sign, and he left at 10:30 p.m. Sunday.")
    found = {m.text: (m.time.value, m.label) for m in find_times(doc, "2000-04-03")}
    assert found == {"Tuesday": ("2000-04-04", "weekday:forward:T0900"),
                     "Sunday": ("2000-04-02", "weekday:back:T2230")}
