"""The TempEval scorer reads TimeML we write and scores our own mentions against it."""

from __future__ import annotations

import pytest

from tidings.eval.times import evaluate_tempeval, read_timeml

_DOC = """<?xml version="1.0" ?>
<TimeML>
<DOCID>T1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2014-04-13" functionInDocument="CREATION_TIME">2014-04-13</TIMEX3></DCT>
<TEXT>
Gunmen stormed a police station <TIMEX3 tid="t1" type="DATE" value="2014-04-12">Saturday</TIMEX3> and held it for <TIMEX3 tid="t2" type="DURATION" value="P3D">three days</TIMEX3>. Talks open <TIMEX3 tid="t3" type="DATE" value="2014-W16">next week</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_read_timeml_offsets(tmp_path):
    path = tmp_path / "t1.tml"
    path.write_text(_DOC, encoding="utf-8")
    text, dct, gold = read_timeml(path)
    assert dct == "2014-04-13"
    assert [text[g.start:g.end] for g in gold] == ["Saturday", "three days", "next week"]


def test_scores_value_f1_on_dates(tmp_path, nlp):
    (tmp_path / "t1.tml").write_text(_DOC, encoding="utf-8")
    result = evaluate_tempeval(tmp_path, nlp)
    assert result["value_date"]["f1"] == 1.0
    assert result["span_all_strict"]["r"] < 1.0  # the duration is not ours to find


def test_timeml_value_writes_weekends_quarters_and_decades():
    from tidings.eval.times import timeml_value
    from tidings.model import Mention, TimeValue

    def value(time, label):
        return timeml_value(Mention("time", "x", 0, 1, 0, time=time, label=label))

    assert value(TimeValue("2014-04-07", "week"), "weekend:WE") == "2014-W15-WE"
    assert value(TimeValue("2013-07-01", "year"), "ago:Q3") == "2013-Q3"
    assert value(TimeValue("1980-01-01", "year"), "decade:decade") == "198"
    assert value(TimeValue("2014-04-13", "day"), "weekday:back:NI") == "2014-04-13"
    assert value(TimeValue("2000-04-04", "day"), "weekday:forward:T0900") == "2000-04-04T09:00"
    assert value(TimeValue("1900-01-01", "year"), "century:century") == "19"
    assert value(TimeValue(None, "unknown"), "vague:present") == "PRESENT_REF"


@pytest.mark.parametrize(("ours", "gold", "expected"), [
    ("1989-W43", "1989-WXX", True), ("1968", "1968-XX", True), ("2000-01-05", "2000-01-05TEV", True),
    ("1998-10", "1998-10-XX", True), ("2014-04-16", "2014-W16", True), ("2014-W16", "2014", True),
    ("2014-04", "2014-04-16", False), ("1989-Q4", "1989-Q3", False), ("PRESENT_REF", "PRESENT_REF", True),
    ("PAST_REF", "PRESENT_REF", False), (None, "2014", False),
])
def test_issue12_value_at_the_gold_granularity_as_the_official_scorer_counts(ours, gold, expected):
    from tidings.eval.times import agrees_at_gold_granularity
    assert agrees_at_gold_granularity(ours, gold) is expected
