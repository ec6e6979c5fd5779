"""Issue 12: a part named with its whole ("the first half of 1990", "the winter of 1994", "the week
of March 6", "the 20th century") is one expression with TimeML's value, on sentences we wrote."""

from __future__ import annotations

import pytest

from tidings.eval.times import timeml_value
from tidings.times import find_times

SUNDAY = "2014-04-13"


@pytest.mark.parametrize(("text", "span", "value"), [
    ("Profit doubled in the first half of 1990.", "the first half of 1990", "1990-H1"),
    ("Sales fell in the first two quarters of 1990.", "the first two quarters of 1990", "1990-H1"),
    ("Growth should pick up in the last half of this year.", "the last half of this year", "2014-H2"),
    ("The river froze in the winter of 1994.", "the winter of 1994", "1994-WI"),
    ("It froze in the winter of nineteen ninety-four.", "the winter of nineteen ninety-four", "1994-WI"),
    ("The court will hear the case in the week of March 6.", "the week of March 6", "2014-W10"),
    ("The war was the deadliest of the 20th century.", "the 20th century", "19"),
    ("Monks built the 11th century temple.", "the 11th century", "10"),
])
def test_issue12_a_part_named_with_its_whole(nlp, text, span, value):
    mentions = find_times(nlp(text), SUNDAY)
    assert [(m.text, timeml_value(m)) for m in mentions] == [(span, value)]
