"""Regular expressions for the date expressions we detect, and the word tables they need.

One compiled pattern per expression kind; detection (`_detect.py`) finds spans with them and the
normaliser (`normalise.py`) re-reads the same groups, so the two can never disagree on what a kind is.
"""

from __future__ import annotations

import re

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
            "sunday": 6}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}

_MONTH_FULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
MONTH = rf"(?:{_MONTH_FULL}|{_MONTH_ABBR})"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[89]\d\d|20\d\d)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUM = r"(?:\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_UNIT = r"(?:day|week|month|year)s?"
_SEASON = r"(?:spring|summer|fall|autumn|winter)"
_TENS = r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS = r"one|two|three|four|five|six|seven|eight|nine"
_END = r"(?![\w/-]|:\d)"  # not glued to a following word, a clock time, or a longer number
#: Parts of a day after a weekday ("Friday night"), as TimeML writes them.
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}

# Kinds in priority order: when two matches overlap, the longer wins, then the earlier kind here.
# Month names and weekdays are case-sensitive (a capital letter is what tells "May" the month from
# "may" the verb); the other kinds ignore case.
PATTERNS: dict[str, re.Pattern[str]] = {
    "iso": re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"),
    "slash": re.compile(r"\b(?P<m>1[0-2]|0?[1-9])/(?P<d>[12]\d|3[01]|0?[1-9])/(?P<y>(?:19|20)\d\d)\b"),
    "month_day": re.compile(
        rf"\b(?:{_WEEKDAY},?\s+)?(?P<mon>{MONTH})\s+(?P<d>{_DAY})(?:,?\s+(?P<y>{YEAR}))?{_END}"),
    "day_month": re.compile(
        rf"\b(?P<d>{_DAY})\s+(?:of\s+)?(?P<mon>{MONTH})(?:,?\s+(?P<y>{YEAR}))?{_END}"),
    "month_year": re.compile(
        rf"\b(?:(?P<edge>(?i:early|late|mid|the end of|the beginning of|the start of))[\s-]+)?"
        rf"(?P<mon>{MONTH}),?\s+(?:(?:of\s+)?(?P<y>{YEAR})|(?P<yrel>(?i:this|last|next))\s+(?i:year)"
        rf"|(?P<spoken>(?i:nineteen[\s-]+(?:{_TENS})(?:[\s-]+(?:{_UNITS}))?))){_END}"),
    "weekday": re.compile(
        rf"\b(?:(?P<rel>(?i:last|next|this|coming|the previous|the following))\s+)?(?P<wd>{_WEEKDAY})\b"
        r"(?:\s+(?P<part>(?i:morning|afternoon|evening|night))\b)?"),
    "deictic": re.compile(
        r"(?i)\b(?P<w>yesterday|today|tomorrow|tonight|this (?:morning|afternoon|evening))\b"),
    "ago": re.compile(
        rf"(?i)\b(?P<n>{_NUM}|a few|several|few)\s+(?P<unit>{_UNIT})\s+(?P<dir>ago|earlier|before|later|from now)\b"),
    "quarter": re.compile(
        r"(?i)\b(?:(?:the\s+)?(?:(?:(?P<qy>(?:19|20)\d\d)|(?P<ago>year-ago|year-earlier|last\s+year's)"
        r"|(?P<this>this\s+year's)|(?P<next>next\s+year's))\s+)?"
        r"(?:(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter(?:\s+of\s+(?P<qy2>(?:19|20)\d\d))?"
        r"|(?P<rel>latest|current|last|previous|past|year-earlier|year-ago|this)\s+quarter|latest\s+period)"
        r"|(?P<bare>the\s+quarter))\b(?![\s-]+(?:of\s+a|century|mile|point|percent|note))"),
    # A year-back comparison in company results: "the year-earlier period", "year-ago results",
    # "the 1988 period"; the quarter it stands for comes from the document (see `_context.py`).
    "period": re.compile(
        r"(?i)\b(?:the\s+)?(?:comparable\s+)?(?:(?P<y>(?:19|20)\d\d)\s+(?:period|quarter)"
        r"|(?:same|corresponding|comparable)\s+period\s+(?:of\s+)?(?:last\s+year|a\s+year\s+(?:ago|earlier))"
        r"|last\s+year's\s+(?:period|quarter)"
        r"|(?:year-earlier|year-ago)(?:\s+period)?)\b(?![\s-]+(?:nine|six|\d+|first|full)\b)"),
    "relative": re.compile(
        rf"(?i)\b(?:(?P<edge>earlier|later|early|late|mid|the end of|the beginning of|the start of)[\s-]+)?"
        rf"(?P<rel>last|this past|this|next|the previous|the past|the coming|the current)\s+(?:fiscal\s+)?"
        rf"(?P<unit>week|weekend|month|year|{_SEASON})\b"),
    "weekend": re.compile(r"(?i)\bthe\s+weekend\b"),
    # "later that year", "the following month", "the next morning": resolved against the date the
    # text mentioned last (see `_context.py`).
    "anaphor": re.compile(
        r"(?i)\b(?:(?:earlier|later)\s+)?(?:(?:that|the\s+same)\s+(?P<unit>day|month|year|quarter)"
        r"|the\s+(?P<step>following|next|previous)\s+(?P<unit2>day|month|year|morning))\b"
        r"(?!\s+(?:of|that|when|before|after)\b)"),
    "the_season": re.compile(
        r"(?i)\bthe\s+(?:(?P<edge>early|late)\s+)?(?P<unit>spring|summer|autumn|winter)\b(?!\s+(?:of|in)\b)"),
    # "for the year", "sales for the full year": the year being reported, the publication year.
    "the_year": re.compile(
        r"(?i)\bthe\s+(?:full\s+|fiscal\s+)?year\b"
        r"(?![\s-]*(?:\d|two|nineteen|-|'|ago|earlier|before|after|later|in\b|of\b|and\b|or\b|to\b))"),
    "holiday": re.compile(
        r"(?i)\b(?:(?P<rel>last|next|this)\s+)?(?P<h>Thanksgiving(?:\s+Day)?|Christmas(?:\s+Day|\s+Eve)?"
        r"|New\s+Year'?s(?:\s+Day|\s+Eve)|Easter(?:\s+Sunday)?|Election\s+Day|Labor\s+Day"
        r"|Memorial\s+Day|Independence\s+Day|Halloween|Valentine'?s\s+Day)(?P<week>\s+week)?\b"),
    "decade": re.compile(
        r"(?i)\b(?:the\s+)?(?:(?P<edge>early|late|mid)[\s-]+)?(?:(?P<dec>(?:1[89]|20)\d0)'?s"
        r"|'(?P<short>\d0)s|(?<=the\s)(?P<word>twenties|thirties|forties|fifties|sixties|seventies"
        r"|eighties|nineties))\b"),
    "spoken_year": re.compile(
        rf"(?i)\b(?:the\s+year\s+)?(?P<spoken>nineteen(?:[\s-]+(?:{_TENS})(?:[\s-]+(?:{_UNITS}))?"
        rf"|\s+hundred)|two\s+thousand(?:\s+(?:and\s+)?(?:{_UNITS}))?)\b"),
    # A part named with its whole: "the first half of 1990", "the winter of 1994", "the week of
    # March 6", "the 20th century" (see `_parts.py`).
    "half": re.compile(
        rf"(?i)\b(?:the\s+)?(?P<ord>first|second|last|latter)\s+(?:half|two\s+quarters)\s+of\s+"
        rf"(?:(?P<y>{YEAR})|(?P<rel>this|last|next)\s+year){_END}"),
    "season_of": re.compile(
        rf"(?i)\b(?:the\s+)?(?:(?:early|late)\s+)?(?P<unit>{_SEASON})\s+of\s+"
        rf"(?:(?P<y>{YEAR})|(?P<spoken>nineteen[\s-]+(?:{_TENS})(?:[\s-]+(?:{_UNITS}))?)){_END}"),
    "week_of": re.compile(
        rf"\b(?i:the\s+week\s+of)\s+(?P<mon>{MONTH})\s+(?P<d>{_DAY})(?:,?\s+(?P<y>{YEAR}))?{_END}"),
    "century": re.compile(
        r"(?i)\b(?:the\s+)?(?:(?P<n>\d{1,2})(?:st|nd|rd|th)|(?P<word>nineteenth|twentieth|twenty[\s-]first))"
        r"[\s-]+century\b"),
    "month": re.compile(
        rf"\b(?:(?P<edge>(?i:early|late|mid|earlier|later|last|next|this))[\s-]+(?:(?i:in)\s+)?)?"
        rf"(?P<mon>{_MONTH_FULL}){_END}"),
    "year": re.compile(rf"\b(?:(?P<edge>(?i:early|late|mid|fiscal))[\s-]+)?(?P<y>{YEAR})(?!\w|-\d|\s*%)"),
    "vague": re.compile(
        r"(?i)\b(?P<w>recently|formerly|then current|currently|current|now|as soon as possible|soon"
        r"|nowadays|these days|some ?day|one day"
        r"|(?:the )?(?:past|last) (?:few|several) (?:days|weeks|months|years|quarters|decades)|past years"
        r"|the future|the past"
        r"|the (?:near|short) term|the near future"
        r"|recent (?:days|weeks|months|years|quarters)|within (?:days|weeks|hours|months)"
        r"|(?:the )?(?:coming|next few) (?:days|weeks|months|quarters)|future (?:years|quarters)"
        r"|a later (?:date|stage))\b"),
}

_MONTH_STEMS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December")

_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_UNIT_WORDS = ("day", "week", "month", "year")
_ANAPHORS = tuple([f"{which} {unit}" for which in ("that", "same") for unit in ("day", "month", "year", "quarter")]
                  + [f"{step} {unit}" for step in ("following", "next", "previous")
                     for unit in ("day", "month", "year", "morning")])

#: Words every match of a kind contains: one word of each group. A pattern costs a pass over the
#: whole text even where it cannot match, so `find_candidates` skips a kind whose words are absent.
#: Words are looked for in the text with each run of whitespace made one space (a space in a word
#: stands for the pattern's `\s+`); words with a capital letter as written (those patterns are
#: case-sensitive), the others case-folded. Kinds not listed always run. Each entry must be a true
#: necessary condition of its pattern: a word too many only costs time, a wrong word loses dates.
TRIGGERS: dict[str, tuple[tuple[str, ...], ...]] = {
    "iso": (("-",),),
    "slash": (("/",),),
    "month_day": (_MONTH_STEMS,),
    "day_month": (_MONTH_STEMS,),
    "month_year": (_MONTH_STEMS,),
    "weekday": (_WEEKDAY_NAMES,),
    "deictic": (("yesterday", "today", "tomorrow", "tonight", "this morning", "this afternoon",
                 "this evening"),),
    "ago": (("ago", "earlier", "before", "later", "from now"), _UNIT_WORDS),
    "quarter": (("quarter", "period"),),
    "period": (("period", "quarter", "year-"),),
    "relative": (("last", "this", "next", "the"),
                 ("week", "month", "year", "spring", "summer", "fall", "autumn", "winter")),
    "weekend": (("weekend",),),
    "anaphor": (_ANAPHORS,),
    "the_season": (("spring", "summer", "autumn", "winter"),),
    "the_year": (("the year", "full year", "fiscal year"),),
    "holiday": (("thanksgiving", "christmas", "new year", "easter", "election day", "labor day",
                 "memorial day", "independence day", "halloween", "valentine"),),
    "decade": (("0s", "0's", "twenties", "thirties", "forties", "fifties", "sixties", "seventies",
                "eighties", "nineties"),),
    "spoken_year": (("nineteen", "thousand"),),
    "half": (("half", "two quarters"),),
    "season_of": (("spring", "summer", "fall", "autumn", "winter"), (" of ",)),
    "week_of": (("week of",),),
    "century": (("century",),),
    "month": (_MONTH_NAMES,),
    "year": (("18", "19", "20"),),
}

#: Words one of which (case-folded) starts every match of a kind: such a kind is tried only where
#: one of them occurs instead of at every character. The same caveat as for `TRIGGERS` applies.
ANCHORS: dict[str, tuple[str, ...]] = {
    "weekday": ("last", "next", "this", "coming", "the previous", "the following",
                *(day.lower() for day in _WEEKDAY_NAMES)),
    "month": ("early", "late", "mid", "earlier", "later", "last", "next", "this",
              *(month.lower() for month in _MONTH_NAMES)),
    "month_year": ("early", "late", "mid", "the end of", "the beginning of", "the start of",
                   *(month.lower() for month in _MONTH_STEMS)),
    "month_day": (*(day.lower() for day in _WEEKDAY_NAMES), *(month.lower() for month in _MONTH_STEMS)),
    "relative": ("earlier", "later", "early", "late", "mid", "the end of", "the beginning of",
                 "the start of", "last", "this past", "this", "next", "the previous", "the past",
                 "the coming", "the current"),
    "year": ("early", "late", "mid", "fiscal", "18", "19", "20"),
    "deictic": ("yesterday", "today", "tomorrow", "tonight", "this morning", "this afternoon",
                "this evening"),
    "vague": ("recent", "formerly", "then current", "current", "now", "soon", "these days", "the future",
              "the past", "the near", "the short", "within", "the coming", "the next few", "coming",
              "next few", "past", "the last", "last", "future", "a later", "as soon as possible", "someday",
              "some day", "one day"),
}

#: Characters that a case-insensitive pattern matches to an ASCII letter but `str.lower()` does
#: not turn into that letter (Python's `re` folds them specially); folded first so triggers see them.
_RE_CASE_TWINS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})


def case_folded(text: str) -> str:
    """`text` lower-cased the way our case-insensitive patterns compare letters."""
    return text.translate(_RE_CASE_TWINS).lower()


def spaced(text: str) -> str:
    """`text` with each whitespace run made one space (str.split and re's \\s agree on whitespace)."""
    return " ".join(text.split())


#: Words before a bare month or year that show it is a date ("in February", "since 2013").
DATE_PREPOSITIONS = frozenset(
    "in since by of until till from before after during through throughout to and or early late "
    "mid last next this between around fiscal".split())
