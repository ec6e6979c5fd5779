"""Second-round rules: results-news quarters, weekends, holidays, decades, spoken years, tense traps."""

from __future__ import annotations

from tidings.model import TimeValue
from tidings.times import find_times, normalise_date

THURSDAY = "2014-10-30"


def _found(nlp, text, published=THURSDAY):
    return {m.text: (m.time.value, m.time.precision, m.label) for m in find_times(nlp(text), published)}


def test_year_back_comparison_in_results_news_is_the_reported_quarter(nlp):
    found = _found(nlp, "Acme Widgets said third-quarter profit rose to $4 million from $3.1 million "
                        "a year earlier. In the year-earlier period, Acme sold its pump unit.")
    assert found["a year earlier"][:2] == ("2013-Q3", "year")  # TimeML's notation (issue 12)
    assert found["a year earlier"][2].endswith("Q3")
    assert found["the year-earlier period"][2].endswith("Q3")


def test_year_back_comparison_without_a_quarter_stays_a_year(nlp):
    found = _found(nlp, "The harbour handled twice as many ships as it did a year ago.")
    assert found["a year ago"][:2] == ("2013-01-01", "year")


def test_nine_month_comparison_stays_a_year(nlp):
    found = _found(nlp, "Third-quarter sales fell. For the nine months, net was $9 million, up from "
                        "$7 million a year earlier.")
    assert found["a year earlier"][:2] == ("2013-01-01", "year")


def test_the_weekend_is_the_last_one_in_a_past_clause(nlp):
    found = _found(nlp, "Rebels shelled the port over the weekend.", published="2014-04-14")
    assert found["the weekend"][:2] == ("2014-W15-WE", "week")  # the weekend of 12-13 April
    assert found["the weekend"][2].endswith("WE")


def test_weekday_possessive_and_clock_time(nlp):
    found = _found(nlp, "Investors welcomed Tuesday's ruling. The deadline runs until 9 a.m. Monday.")
    assert found["Tuesday"][0] == "2014-10-28"
    assert found["Monday"][0] == "2014-11-03"


def test_deadline_under_past_perfect_points_back(nlp):
    found = _found(nlp, "Until Wednesday, the police had not named a suspect.")
    assert found["Wednesday"][0] == "2014-10-29"


def test_weekday_part_of_day_is_in_the_span(nlp):
    found = _found(nlp, "Crowds gathered in the square on Sunday night.")
    assert found["Sunday night"][:2] == ("2014-10-26", "day")


def test_weekday_before_date_and_colon_is_one_span(nlp):
    found = _found(nlp, "The paper said in an editorial on Monday, Nov. 3: the vote must go ahead.")
    assert found["Monday, Nov. 3"][0] == "2014-11-03"


def test_as_soon_as_is_not_a_date(nlp):
    assert _found(nlp, "The envoys may leave as soon as Friday.").keys() == {"Friday"}


def test_holidays_decades_and_spoken_years():
    assert normalise_date("Thanksgiving Day", THURSDAY, "past") == TimeValue("2013-11-28", "day")
    assert normalise_date("Thanksgiving Day", THURSDAY, "future") == TimeValue("2014-11-27", "day")
    assert normalise_date("Easter", "2000-01-10", "future") == TimeValue("2000-04-23", "day")
    assert normalise_date("Election Day", THURSDAY, "future") == TimeValue("2014-11-04", "day")
    assert normalise_date("the early 1980s", THURSDAY) == TimeValue("1980-01-01", "year")
    assert normalise_date("the '90s", THURSDAY) == TimeValue("1990-01-01", "year")
    assert normalise_date("nineteen seventy-nine", None) == TimeValue("1979-01-01", "year")
    assert normalise_date("the year two thousand", None) == TimeValue("2000-01-01", "year")


def test_current_and_near_term_are_vague(nlp):
    found = _found(nlp, "The current talks may fail in the near term.")
    assert found["current"] == ("PRESENT_REF", "unknown", "vague:present")
    assert found["the near term"] == ("FUTURE_REF", "unknown", "vague:future")


def test_anaphors_take_the_date_mentioned_before(nlp):
    found = _found(nlp, "He fled in June 1998 and returned later that year. The following month he "
                        "was jailed. On May 3 he spoke, and the next morning he left.", published="2000-01-28")
    assert found["later that year"][:2] == ("1998-01-01", "year")
    assert found["The following month"][:2] == ("1998-07-01", "month")
    assert found["the next morning"][:2] == ("1999-05-04", "day")


def test_reported_year_and_seasons(nlp):
    found = _found(nlp, "Sales for the full year rose 4%. Rivals cut prices over the summer.")
    assert found["the full year"][:2] == ("2014-01-01", "year")
    assert found["the summer"][:2] == ("2014-SU", "year") and found["the summer"][2].endswith("SU")


def test_month_with_relative_year(nlp):
    found = _found(nlp, "The coup came in July last year, and elections follow in April next year.")
    assert found["July last year"][:2] == ("2013-07-01", "month")
    assert found["April next year"][:2] == ("2015-04-01", "month")


def test_issue12_the_previous_or_following_weekday_counts_from_the_last_day_named(nlp):
    doc = nlp("Stocks fell on Friday, down 4.5% from the previous Friday. Talks began on April 2. "
              "The following Monday they collapsed.")
    found = {m.text: m.time.value for m in find_times(doc, "2014-04-13")}
    assert found["the previous Friday"] == "2014-04-04"
    assert found["The following Monday"] == "2014-04-07"
