"""The date of an event (DESIGN §4 "Date"): a time of the act's own clause, else the narrative time
the article last set, else the publication day.

A time expression dates the clause it is attached to. Walking up the parse from the expression to
the first verb finds that clause; the walk gives up (the expression dates something else) when it
passes a noun that is not the trigger ("the November elections", "the march on December 5"), or
when the verb it reaches is not the trigger's own ("the parliament, which on Tuesday approved …",
"the deadliest attack since violence erupted in 2015"). An expression in parentheses dates nothing
in the sentence ("(03.00 GMT on Thursday)"). A reported act takes the time of the report that
frames it ("officials said on Monday that …"), and a conjoined verb the time of the first ("gathered
on Monday and marched …"), since those clauses tell one moment.

Without a time of its own, a past act continues the narrative: the last day the article set in the
main clause of an earlier sentence ("Yesterday, …", "On 23 May, …"). A present-tense report ("the
ministry says …") is news of the publication day. The last resort is the document's anchor (see
`tidings.times.anchor`): the publication day, its month for a month-only date, or an absolute date
of the text when there is no publication date.
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc, Span, Token

from tidings.model import Mention, TimeValue
from tidings.nlp._memo import kept
from tidings.nlp._text import doc_text
from tidings.times.anchor import document_anchor
from tidings.times.timeml import iso_value

#: Words before a time expression that make it the edge of a period rather than the event's date.
_PERIOD_BOUNDS = {"since", "until", "till", "through", "ending"}
#: Nouns that are part of a time expression the patterns cut differently ("on Wednesday – February
#: 27", "the morning of May 3"): walking up through them stays in the same clause.
_TIME_NOUNS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                         "day", "week", "weekend", "month", "year", "morning", "afternoon", "evening",
                         "night", "today", "yesterday", "tomorrow", "hours", "hour", "time", "date"})
#: Arcs from a verb up to the verb whose time it shares: a reported act, a conjoined verb, an
#: infinitive complement ("plans to meet").
_SHARING = ("ccomp", "conj", "xcomp")
_SAME_MOMENT = frozenset({"after", "when", "while", "once"})
#: Prepositions that make a noun phrase the setting of the act: the time of "at a summit in
#: November" or "during talks on Monday" is the act's time.
_SETTING_PREPS = frozenset({"at", "during", "in", "on", "amid", "throughout", "over"})
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
_DIGIT = re.compile(r"\d")
_MONTH_NAME = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)")
_PRESENT_TAGS = ("VBZ", "VBP")
#: An earlier sentence's day sets the narrative for later acts only when it lies at most this
#: many days before the anchor (the publication day): news narrates the days just past, and an
#: older date ("on 8 January 2023, rioters stormed …") is background the article moves on from.
NARRATIVE_WINDOW_DAYS = 7


def choose_date(trigger: Token, sent: Span, times: list[Mention], published: str | None,
                clause: set[int] | None = None) -> tuple[str | None, str, str | None]:
    """(ISO date, precision, the text it came from) for the act `trigger` names in `sent`.

    `times` are the document's time mentions; `clause` is accepted for callers that computed
    `clause_tokens` already and is not needed (the attachment of each expression decides).
    """
    doc = sent.doc
    verb = _clause_verb(trigger)
    own = _own_times(trigger, verb, sent, times)
    if own is not None:
        mention, value = own
        return value.value, value.precision, mention.text
    if not _is_present_report(verb):
        narrative = kept(doc, ("tidings:dating.narrative", sent.start, published, id(times)),
                         lambda: _narrative_time(doc, sent, times, published))  # once per sentence
        if narrative is not None:
            assert narrative.time is not None
            return narrative.time.value, narrative.time.precision, narrative.text
    anchor = _document_anchor(doc, published, times)
    if anchor.value is None:
        return None, "unknown", None
    reason = "publication date" if published else "date named in the text"
    return anchor.value, anchor.precision, f"{reason} (no date in the clause)"


def _is_clause_verb(token: Token) -> bool:
    """A verb that heads a clause: not a participle used as a preposition ("following the attacks",
    "including", "according to")."""
    return token.pos_ in ("VERB", "AUX") and token.dep_ not in ("prep", "pcomp")


def _clause_verb(trigger: Token) -> Token:
    """The verb heading the trigger's clause: the trigger itself, else its first verb ancestor."""
    if trigger.pos_ in ("VERB", "AUX"):
        return trigger
    for ancestor in trigger.ancestors:
        if _is_clause_verb(ancestor):
            return ancestor
    return trigger


def _sharing_verbs(verb: Token) -> list[Token]:
    """`verb`, then the verbs whose time it shares (the report that frames it, its first conjunct)."""
    chain = [verb]
    current = verb
    for _ in range(4):
        if current.head is current or not (current.dep_ in _SHARING or _is_same_moment(current)):
            break
        current = current.head
        if current.pos_ == "ADJ" and current.dep_ == "acomp":
            current = current.head  # "was able to get": the clause of "was"
        if current.pos_ not in ("VERB", "AUX"):
            break
        chain.append(current)
    return chain


def _is_same_moment(verb: Token) -> bool:
    """An adverbial clause told as the same moment as its head: "… in 2016 after protesters
    attacked the embassy", "killing several fighters"; not "since violence erupted in 2015"."""
    if verb.dep_ != "advcl":
        return False
    marks = {c.lower_ for c in verb.children if c.dep_ in ("mark", "advmod")}
    if marks & _SAME_MOMENT:
        return True
    return not marks and verb.tag_ == "VBG"


def _attachment(span: Span, trigger: Token) -> Token | None:
    """The verb (or the trigger) a time expression dates; None when it modifies another noun or
    sits in a clause below a relative or adverbial one."""
    token = span.root
    inside = {t.i for t in span}
    relative_day = not _DIGIT.search(span.text) and not _MONTH_NAME.search(span.text)
    for _ in range(12):
        head = token.head
        if head is token:
            return token if token.pos_ in ("VERB", "AUX") else None
        if head.i == trigger.i:
            return _subordinate_between(trigger, span) or trigger
        if head.i not in inside:
            if _is_clause_verb(head) and not _is_bare_participle(head, inside):
                return _subordinate_between(head, span) or head
            if head.pos_ in ("NOUN", "PROPN", "PRON") and not _is_time_word(head):
                if head.dep_ == "pobj" and head.head.lower_ in _SETTING_PREPS:
                    pass  # "at a summit in November last year": the setting of the act
                elif not (relative_day and token.dep_ == "prep"):
                    return None  # "the November elections", "the march on December 5"
                # else "welcomed Assad's decision on Monday": a weekday names the news day, and
                # a parser that hangs "on Monday" on the nearest noun is more often wrong than not
        token = head
    return None


def _is_bare_participle(verb: Token, inside: set[int]) -> bool:
    """"Starting last Thursday, the UN was able to …": a participle with nothing but the time
    expression works as a preposition, and the time dates the clause it hangs on."""
    def is_time(child: Token) -> bool:  # the expression, or the preposition that introduces it
        return child.i in inside or child.is_punct or (
            child.dep_ == "prep" and all(c.i in inside for c in child.children) and any(child.children))

    return verb.tag_ == "VBG" and all(is_time(c) for c in verb.children)


def _subordinate_between(verb: Token, span: Span) -> Token | None:
    """The verb of a subordinate clause that opens between `verb` and the expression after it,
    when the parser hung the expression on `verb` across that clause ("refused to disperse, as
    they did at a rally on Saturday": Saturday is the rally's); None when there is none."""
    for token in verb.doc[verb.i + 1:span.start]:
        if token.dep_ == "mark" and token.lower_ != "that" and verb.i < token.head.i < span.start \
                and token.head.i != verb.i:
            return token.head
    return None


def _glossed(doc: Doc, mention: Mention, times: list[Mention]) -> Span | None:
    """The span of the time expression that a parenthesised one spells out ("Tuesday (February
    26)"), or None when the parenthesis does not follow a time expression."""
    for other in times:
        if other.end <= mention.start and not doc_text(doc)[other.end:mention.start].strip(" (\u2013-,"):
            return _span(doc, other)
    return None


def _is_time_word(token: Token) -> bool:
    return token.ent_type_ in ("DATE", "TIME") or token.lower_ in _TIME_NOUNS or token.lemma_.lower() in _TIME_NOUNS


def _in_parentheses(doc: Doc, sent: Span, start: int) -> bool:
    text = doc_text(doc)[sent.start_char:start]
    return text.count("(") > text.count(")")


def _usable(mention: Mention, sent: Span) -> TimeValue | None:
    """The mention's value when it can date an act of `sent`, else None."""
    value = mention.time
    if value is None or value.value is None or not (sent.start_char <= mention.start < sent.end_char):
        return None
    iso = iso_value(value)
    return iso if iso.value is not None else None  # PRESENT_REF, PAST_REF, FUTURE_REF name no date


def _span(doc: Doc, mention: Mention) -> Span | None:
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span if span is not None and len(span) else None


def _own_times(trigger: Token, verb: Token, sent: Span, times: list[Mention]) -> tuple[Mention, TimeValue] | None:
    """The best time of the trigger's own clause (or of a clause sharing its time), if any: the
    nearest sharing clause first, then a day before a week, a month or a year, then a date written
    in digits before one inferred from a weekday, then the nearest to the trigger."""
    doc = sent.doc
    chain = _sharing_verbs(verb)
    rank_of = {v.i: r for r, v in enumerate(chain)}
    candidates = []
    for mention in times:
        value = _usable(mention, sent)
        if value is None:
            continue
        span = _span(doc, mention)
        if span is None:
            continue
        if _in_parentheses(doc, sent, mention.start):
            glossed = _glossed(doc, mention, times)
            if glossed is None:
                continue  # "(03.00 GMT on Thursday)": an aside, not the act's date
            span = glossed  # "Tuesday (February 26)": the date spelled out, attached as the weekday
        if span.start > 0 and doc[span.start - 1].lower_ in _PERIOD_BOUNDS:
            continue  # "the first visit since 2011": the time bounds a period, it does not date the event
        attached = _attachment(span, trigger)
        if attached is None:
            continue
        rank = 0 if attached.i == trigger.i else rank_of.get(attached.i)
        if rank is None:
            continue
        explicit = bool(_DIGIT.search(mention.text))
        candidates.append(((rank, _PRECISION_RANK.get(value.precision, 4), not explicit,
                            abs(span.root.i - trigger.i)), mention, value))
    if not candidates:
        return None
    _, mention, value = min(candidates, key=lambda c: c[0])
    return mention, value


def _is_present_report(verb: Token) -> bool:
    """"the ministry says …", "has declared", "is holding talks": a clause in the present (or the
    present perfect) reports the day's news, and so does a clause that such a report frames.

    The outermost tensed clause decides: a present tense inside a past report ("'We condemn the
    arrests,' he said on Wednesday") is the time of saying, which the narrative dates."""
    present = False
    for current in _sharing_verbs(verb):
        tags = [current.tag_, *(c.tag_ for c in current.children if c.dep_ in ("aux", "auxpass"))]
        if any(tag in _PRESENT_TAGS for tag in tags):
            present = True
        elif "VBD" in tags or "MD" in tags:
            present = False  # a past or modal frame ("said", "would") around what it reports
    return present


def _document_anchor(doc: Doc, published: str | None, times: list[Mention]) -> TimeValue:
    """`document_anchor`, once per document: every trigger asks it (`times` is one list for the whole
    extraction, so its identity is part of the key)."""
    return kept(doc, ("tidings:dating.anchor", published, id(times)),
                lambda: document_anchor(published, times, doc_text(doc)))


def _narrative_time(doc: Doc, sent: Span, times: list[Mention], published: str | None) -> Mention | None:
    """The day the article last set in the main clause of an earlier sentence: "Yesterday, …",
    "On 23 May, …". A main-clause month or year ("In 2015, …") ends the search: the narrative has
    moved to a stretch, and the act is dated by publication instead. Days after publication (a
    scheduled meeting) set no narrative."""
    earlier = [m for m in times if m.start < sent.start_char and m.time is not None and m.time.value
               and m.time.value[:1].isdigit()]
    anchor = _document_anchor(doc, published, times).value
    for mention in sorted(earlier, key=lambda m: m.start, reverse=True):
        assert mention.time is not None
        span = _span(doc, mention)
        if span is None:
            continue
        host = span.sent
        if _in_parentheses(doc, host, mention.start):
            continue
        if span.start > 0 and doc[span.start - 1].lower_ in _PERIOD_BOUNDS:
            continue
        main = host.root
        attached = _attachment(span, main)
        if attached is None or all(v.i != main.i for v in [attached, *_sharing_verbs(attached)]):
            continue
        if mention.time.precision != "day":
            return None
        if anchor is not None and mention.time.value > anchor:
            continue  # a day ahead (a scheduled meeting) sets no narrative
        if anchor is not None and _days_between(mention.time.value, anchor) > NARRATIVE_WINDOW_DAYS:
            return None  # a date of the past, told as background: the act is the day's news
        return mention
    return None


def _days_between(earlier: str, later: str) -> int:
    return (dt.date.fromisoformat(later[:10]) - dt.date.fromisoformat(earlier[:10])).days
