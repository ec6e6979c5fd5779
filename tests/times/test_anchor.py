"""Issue 12: month-only publication dates, undated articles anchored on a date of their text."""

from __future__ import annotations

import pytest

from tidings.ingest.dates import parse_published
from tidings.model import TimeValue
from tidings.times import find_times
from tidings.times.anchor import capped, document_anchor
from tidings.times.normalise import published_precision


def _times(nlp, text, published):
    return {m.text: (m.time.value, m.time.precision) for m in find_times(nlp(text), published)}


@pytest.mark.parametrize(("value", "expected"), [
    ("2015-05", "2015-05"), ("2015/05", "2015-05"), ("May 2015", "2015-05"), ("Feb, 2019", "2019-02"),
    ("2015-13", None), ("2015", None), ("2015-05-03", "2015-05-03"),
])
def test_issue12_month_only_publication_dates_are_kept_as_months(value, expected):
    assert parse_published(value) == expected


def test_issue12_publication_precision():
    assert published_precision("2015-05-03") == "day"
    assert published_precision("2015-05") == "month"
    assert published_precision(None) == published_precision("soon") == "unknown"


def test_issue12_month_only_publication_reads_relative_dates_to_the_month(nlp):
    found = _times(nlp, "Troops shelled the town on Monday. The army withdrew in March 2014 and "
                        "returned last month.", "2015-05")
    assert found["Monday"] == ("2015-05-01", "month")
    assert found["March 2014"] == ("2014-03-01", "month")
    assert found["last month"] == ("2015-04-01", "month")


def test_issue12_undated_article_takes_its_year_from_a_dated_line(nlp):
    found = _times(nlp, "Protesters marched on Thursday, January 19. Police counted them, the "
                        "ministry wrote on January 19, 2023.", None)
    assert found["Thursday, January 19"] == ("2023-01-19", "day")
    assert found["January 19, 2023"] == ("2023-01-19", "day")


def test_issue12_undated_article_leaves_weekdays_unresolved(nlp):
    found = _times(nlp, "Rebels took the airport on Saturday, a year after the vote of 12 March 2013.", None)
    assert found["Saturday"] == (None, "unknown")


def test_document_anchor_prefers_publication_then_text(nlp):
    mentions = find_times(nlp("The talks of 3 May 2012 failed; new ones opened on 9 June 2012."), None)
    assert document_anchor("2014-04-13", mentions) == TimeValue("2014-04-13", "day")
    assert document_anchor("2014-04", mentions) == TimeValue("2014-04-01", "month")
    assert document_anchor(None, mentions) == TimeValue("2012-06-09", "day")
    assert document_anchor(None, []) == TimeValue(None, "unknown")


def test_capped_cuts_days_and_weeks_to_the_month():
    assert capped(TimeValue("2015-05-18", "week"), "month") == TimeValue("2015-05-01", "month")
    assert capped(TimeValue("2014-01-01", "year"), "month") == TimeValue("2014-01-01", "year")
    assert capped(TimeValue("2015-05-18", "day"), "day") == TimeValue("2015-05-18", "day")


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("Talks resume\n\nGENEVA, March 10 (Reuters) -- Envoys met.", "2023-03-11", "2023-03-10"),
    ("ISLAMABAD, Feb 26 (APP):Ministers met.", "2019-02-26", "2019-02-26"),
    ("Kyiv, 3 March 2022 - Troops advanced.", None, "2022-03-03"),
    ("NEW DELHI, Feb. 15 (PTI) -- Ministers met.", "2019-02-20", None),  # too old: not this story's day
    ("Hello, March 10 was a fine day.", "2023-03-11", None),
])
def test_issue12_wire_dateline_day(text, published, expected):
    from tidings.times.anchor import dateline_day
    assert dateline_day(text, published) == expected


def test_issue12_dateline_anchors_today_of_a_reprinted_wire_story(nlp):
    text = "GENEVA, March 10 (Reuters) -- The envoys met today and agreed to meet again."
    assert _times(nlp, text, "2023-03-11")["today"] == ("2023-03-10", "day")


def test_issue12_timeml_parts_of_years_and_weekends_read_back_as_iso():
    from tidings.times.timeml import iso_value, timeml_value
    assert timeml_value(TimeValue("1989-07-01", "year"), "quarter:Q3") == TimeValue("1989-Q3", "year")
    assert timeml_value(TimeValue("2014-04-07", "week"), "weekend:WE") == TimeValue("2014-W15-WE", "week")
    assert timeml_value(TimeValue("2014-04-07", "week"), "relative") == TimeValue("2014-04-07", "week")
    assert iso_value(TimeValue("1989-Q3", "year")) == TimeValue("1989-07-01", "year")
    assert iso_value(TimeValue("1994-WI", "year")) == TimeValue("1994-12-01", "year")
    assert iso_value(TimeValue("2014-W15-WE", "week")) == TimeValue("2014-04-07", "week")
    assert iso_value(TimeValue("PAST_REF", "unknown")) == TimeValue(None, "unknown")
