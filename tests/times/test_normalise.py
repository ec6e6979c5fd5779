"""normalise_date on expressions alone: the rules, the precision and the traps."""

from __future__ import annotations

import pytest

from tidings.model import TimeValue
from tidings.times import normalise_date

SUNDAY = "2014-04-13"


@pytest.mark.parametrize(("text", "expected"), [
    ("April 16, 2014", TimeValue("2014-04-16", "day")),
    ("16 April 2014", TimeValue("2014-04-16", "day")),
    ("2014-04-16", TimeValue("2014-04-16", "day")),
    ("April 16", TimeValue("2014-04-16", "day")),
    ("in February", TimeValue("2014-02-01", "month")),
    ("in 2013", TimeValue("2013-01-01", "year")),
    ("March 2012", TimeValue("2012-03-01", "month")),
    ("yesterday", TimeValue("2014-04-12", "day")),
    ("today", TimeValue("2014-04-13", "day")),
    ("two days ago", TimeValue("2014-04-11", "day")),
    ("last month", TimeValue("2014-03-01", "month")),
    ("earlier this year", TimeValue("2014-01-01", "year")),
    ("recently", TimeValue(None, "unknown")),
    ("within days", TimeValue(None, "unknown")),
])
def test_expressions_resolve_against_publication(text, expected):
    assert normalise_date(text, SUNDAY) == expected


def test_last_week_is_the_monday_of_the_previous_week():
    # Published on Sunday 13 April 2014: that ISO week starts on 7 April, the one before on 31 March.
    assert normalise_date("last week", SUNDAY) == TimeValue("2014-03-31", "week")
    assert normalise_date("next week", "2014-04-09") == TimeValue("2014-04-14", "week")


def test_bare_weekday_points_back_in_a_past_clause_and_forward_in_a_future_one():
    assert normalise_date("on Saturday", SUNDAY, tense="past") == TimeValue("2014-04-12", "day")
    assert normalise_date("Thursday", SUNDAY, tense="future") == TimeValue("2014-04-17", "day")
    # The publication day itself counts as the most recent such day.
    assert normalise_date("Sunday", SUNDAY, tense="past") == TimeValue("2014-04-13", "day")


def test_past_month_day_rolls_back_to_the_previous_year():
    assert normalise_date("December 28", "2014-01-05", tense="past") == TimeValue("2013-12-28", "day")
    assert normalise_date("January 3", "2014-12-20", tense="future") == TimeValue("2015-01-03", "day")


def test_without_publication_date_only_absolute_expressions_resolve():
    assert normalise_date("16 April 2014", None) == TimeValue("2014-04-16", "day")
    assert normalise_date("in 2013", None) == TimeValue("2013-01-01", "year")
    for text in ("yesterday", "on Saturday", "last week", "April 16", "two days ago"):
        assert normalise_date(text, None) == TimeValue(None, "unknown"), text


def test_impossible_day_is_unknown_not_an_error():
    assert normalise_date("February 30", SUNDAY) == TimeValue(None, "unknown")


def test_issue12_a_past_month_name_two_months_ahead_is_last_years():
    assert normalise_date("in December", "2014-10-20", tense="past") == TimeValue("2013-12-01", "month")
    assert normalise_date("in November", "2014-10-31", tense="past") == TimeValue("2014-11-01", "month")


def test_issue12_a_month_in_a_present_clause_is_the_nearest_one():
    assert normalise_date("in October", "1998-01-08", tense="present") == TimeValue("1997-10-01", "month")
    assert normalise_date("in March", "1998-01-08", tense="present") == TimeValue("1998-03-01", "month")
