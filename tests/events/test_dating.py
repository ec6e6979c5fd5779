"""Issue 12: an event's date by DESIGN §4 (own clause, narrative time, publication day), on
sentences we wrote, with the time mentions `find_times` gives."""

from __future__ import annotations

import pytest

from tidings.events.arguments import choose_date as reexported
from tidings.events.dating import choose_date
from tidings.times import find_times

SUNDAY = "2014-04-13"


def _date(nlp, text: str, trigger: str, published: str | None = SUNDAY, occurrence: int = 0):
    """The date `choose_date` gives the act whose trigger is the `occurrence`-th token `trigger`."""
    doc = nlp(text)
    times = find_times(doc, published)
    token = [t for t in doc if t.text == trigger][occurrence]
    value, precision, _ = choose_date(token, token.sent, times, published)
    return value, precision


def test_arguments_still_exports_choose_date():
    assert reexported is choose_date


def test_issue12_time_of_the_own_clause(nlp):
    assert _date(nlp, "Police arrested 20 protesters on Saturday in the capital.", "arrested") == ("2014-04-12", "day")


def test_issue12_no_time_in_the_sentence_gives_the_publication_day_not_its_week(nlp):
    assert _date(nlp, "Police arrested 20 protesters in the capital.", "arrested") == (SUNDAY, "day")


def test_issue12_relative_clause_does_not_date_the_act(nlp):
    text = "Demonstrators gathered in front of the parliament, which on Tuesday approved the new law."
    assert _date(nlp, text, "gathered") == (SUNDAY, "day")


def test_issue12_modifier_of_an_argument_does_not_date_the_act(nlp):
    assert _date(nlp, "The opposition rejected the November elections.", "rejected") == (SUNDAY, "day")
    text = "The crowd outnumbered the march of December 5, 2011."
    assert _date(nlp, text, "outnumbered") == (SUNDAY, "day")


def test_issue12_parenthesis_does_not_date_the_act_unless_it_spells_out_a_weekday(nlp):
    text = "Rebels shelled the airport overnight (03.00 GMT on Thursday), the army said."
    assert _date(nlp, text, "shelled") == (SUNDAY, "day")
    text = "Fighter jets struck the camps on Tuesday (April 15), officials said."
    assert _date(nlp, text, "struck", published="2014-04-14") == ("2014-04-15", "day")


def test_issue12_a_period_bound_does_not_date_the_act(nlp):
    text = "Militants killed 40 villagers, the deadliest attack since violence erupted in 2011."
    assert _date(nlp, text, "killed") == (SUNDAY, "day")


def test_issue12_a_reported_act_takes_the_time_of_its_report(nlp):
    text = "Officials said on Friday that soldiers had killed five rebels near the border."
    assert _date(nlp, text, "killed") == ("2014-04-11", "day")


def test_issue12_a_conjoined_verb_shares_the_time(nlp):
    text = "Thousands of protesters gathered on Friday and marched to the presidential palace."
    assert _date(nlp, text, "marched") == ("2014-04-11", "day")


def test_issue12_narrative_time_continues_from_an_earlier_sentence(nlp):
    text = "Gunmen stormed a police station in the north on Saturday. Two officers were killed."
    assert _date(nlp, text, "killed") == ("2014-04-12", "day")
    text = "Yesterday, thousands of workers marched through the city. Police detained ten of them."
    assert _date(nlp, text, "detained") == ("2014-04-12", "day")


def test_issue12_a_present_report_is_news_of_the_publication_day(nlp):
    text = "Gunmen stormed a police station on Saturday. The ministry says it has arrested five suspects."
    assert _date(nlp, text, "arrested") == (SUNDAY, "day")


def test_issue12_a_year_in_between_ends_the_narrative(nlp):
    text = ("Gunmen stormed a police station on Saturday. In 2010, rebels seized the town. "
            "Troops burned the village.")
    assert _date(nlp, text, "burned") == (SUNDAY, "day")


def test_issue12_an_old_day_is_background_not_narrative(nlp):
    text = "On 2 March 2014, rioters stormed the parliament. Police arrested ten people."
    assert _date(nlp, text, "arrested") == (SUNDAY, "day")


def test_issue12_a_future_day_sets_no_narrative(nlp):
    text = "The ministers will meet on Thursday. Protesters blocked the main road."
    assert _date(nlp, text, "blocked") == (SUNDAY, "day")


def test_issue12_month_only_publication_gives_month_precision(nlp):
    assert _date(nlp, "Police arrested ten people.", "arrested", published="2014-04") == ("2014-04-01", "month")


def test_issue12_undated_article_uses_a_date_of_its_text(nlp):
    text = "Police arrested ten people. The ministry confirmed the arrests in a statement of 12 April 2014."
    assert _date(nlp, text, "arrested", published=None) == ("2014-04-12", "day")


def test_issue12_undated_article_without_any_date_is_unknown(nlp):
    assert _date(nlp, "Police arrested ten people.", "arrested", published=None) == (None, "unknown")


@pytest.mark.parametrize("text", ["Troops are currently shelling the town.", "Troops are shelling the town now."])
def test_issue12_present_ref_in_the_clause_gives_the_publication_day(nlp, text):
    assert _date(nlp, text, "shelling") == (SUNDAY, "day")


def _date_text(nlp, text: str, trigger: str, published: str = SUNDAY) -> str | None:
    doc = nlp(text)
    token = next(t for t in doc if t.text == trigger)
    return choose_date(token, token.sent, find_times(doc, published), published)[2]


def test_issue12_now_never_dates_an_act_the_narrative_time_does(nlp):
    text = "Gunmen stormed a police station on Saturday. Police had now arrested five suspects."
    assert _date(nlp, text, "arrested") == ("2014-04-12", "day")
    assert _date_text(nlp, text, "arrested") == "Saturday"


@pytest.mark.parametrize("text", ["Troops now control the town.", "In the past, rebels seized the town.",
                                  "Rebels recently seized the town.", "Rebels will seize the town in the future."])
def test_issue12_a_ref_value_gives_the_publication_day_not_its_expression(nlp, text):
    trigger = next(w for w in ("control", "seized", "seize") if w in text.split())
    assert _date(nlp, text, trigger) == (SUNDAY, "day")
    assert _date_text(nlp, text, trigger).startswith("publication date")


def test_issue12_present_tense_quoted_in_a_past_report_takes_the_time_of_saying(nlp):
    text = "Rebels attacked the town on Friday. \"We condemn the attack,\" the envoy said."
    assert _date(nlp, text, "condemn") == ("2014-04-11", "day")


def test_issue12_a_weekday_the_parser_hangs_on_an_object_still_dates_the_act(nlp):
    text = "The United Nations welcomed the government's decision on Friday to open two crossings."
    assert _date(nlp, text, "welcomed") == ("2014-04-11", "day")


def test_issue12_a_participle_preposition_does_not_make_a_clause(nlp):
    text = "Starting last Wednesday, the agency was able to send aid convoys into the north."
    assert _date(nlp, text, "send") == ("2014-04-09", "day")


def test_issue12_a_wire_dateline_dates_the_story_of_a_later_reprint(nlp):
    text = "GENEVA, March 10 (Reuters) -- Envoys of the two countries met in the city."
    assert _date(nlp, text, "met", published="2023-03-11") == ("2023-03-10", "day")


def test_issue12_a_quarter_dates_the_act_with_an_iso_day(nlp):
    text = "The company cut 300 jobs in the third quarter."
    assert _date(nlp, text, "cut") == ("2013-07-01", "year")


def test_issue12_the_end_of_a_period_sets_no_narrative_time(nlp):
    text = ("Declaring three days of mourning, ending Monday night, the government said gunmen killed "
            "civilians. The UN chief said he was outraged.")
    assert _date(nlp, text, "said", occurrence=1) == (SUNDAY, "day")


def test_issue12_weekday_spelled_out_by_a_date_takes_that_date(nlp):
    text = "The prime minister summoned a meeting of the cabinet on Wednesday – April 16."
    assert _date(nlp, text, "summoned") == ("2014-04-16", "day")


def test_issue12_a_day_the_parser_hangs_across_a_subordinate_clause_dates_that_clause(nlp):
    text = ("Police fired tear gas on Sunday. Nonetheless protesters refused to disperse, as they did at "
            "a similar rally on Saturday. Officers arrested dozens of them.")
    assert _date(nlp, text, "arrested", published="2014-04-14") == ("2014-04-13", "day")


def test_issue12_a_participle_with_only_a_time_works_as_a_preposition(nlp):
    text = "Beginning on Thursday, the army was able to move troops into the valley."
    assert _date(nlp, text, "move") == ("2014-04-10", "day")
