"""The tense of the clause a time expression sits in: it decides which way a bare weekday points.

"Gunmen seized the building on Saturday" points back; "officials are due to meet on Thursday" and
"talks will open Thursday" point forward. We read the verb that governs the expression in the
dependency parse and its auxiliaries; anything we cannot read counts as past, the usual case in news.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "would", "'d"})
# Lemmas that schedule what they govern: "due to meet", "plans to visit", "is set to hold".
_SCHEDULING = frozenset({"due", "plan", "schedule", "expect", "set", "intend", "aim", "prepare",
                         "propose", "arrange", "go", "slate", "hope"})
#: Verbs and nouns whose infinitive complement is still to come ("agreed to buy", "an agreement to
#: acquire", "vowed to return"); unlike
#: `_SCHEDULING`, only for a date of the complement: "agreed on Monday to buy" dates the agreeing.
_PROSPECTIVE = frozenset({"agree", "decide", "promise", "vow", "pledge", "offer", "threaten", "order",
                          "urge", "ask", "vote", "undertake", "commit", "want", "seek",
                          "agreement", "deal", "decision", "plan", "bid", "proposal"})
_PAST_TAGS = frozenset({"VBD"})
#: Verbs whose past is their present form: tagged VBP ("stocks that hurt the index on Friday"), they
#: are a past more often than not in news, which tells what happened.
_SAME_FORM_PAST = frozenset({"hit", "hurt", "cut", "set", "put", "cost", "shut", "spread", "quit", "let",
                             "bid", "burst", "cast", "split", "upset", "beat", "read", "slit", "shed"})
_DEADLINE_PREPOSITIONS = frozenset({"by", "until", "till", "through", "as"})
_SCHEDULED_ADJECTIVES = frozenset({"payable", "effective", "due"})
_CLOCK_WORDS = frozenset({"a.m.", "p.m.", "am", "pm", "a.m", "p.m", "noon", "midnight", "gmt", "est",
                          "edt", "utc", "local", "time"})


def _is_past_perfect(verb: Token) -> bool:
    """"had filed", "had not called": a past reference point, even before a deadline preposition."""
    return verb.tag_ == "VBN" and any(c.lower_ == "had" for c in verb.children if c.dep_ == "aux")


def _governing_verb(span: Span) -> Token | None:
    """The nearest verb (or predicative adjective such as "due") above the span's root."""
    token = span.root
    for _ in range(8):
        if token.head is token:
            return token if token.pos_ in ("VERB", "AUX", "ADJ") else None
        token = token.head
        if token.pos_ in ("VERB", "AUX") or (token.pos_ == "ADJ" and token.lemma_ == "due"):
            return token
    return None


def _schedules(verb: Token) -> bool:
    """"set" schedules with what it schedules ("is set to meet", "set for Sunday"); "set a record
    on Aug. 6" or "set fire to" is an act of its own, told in its own tense."""
    if verb.lemma_.lower() != "set":
        return True
    children = list(verb.children)
    if any(c.dep_ in ("xcomp", "auxpass") for c in children):
        return True
    return any(c.dep_ == "prep" and c.lower_ == "for" for c in children)


def _is_scheduled(verb: Token) -> bool:
    """True when the verb, or one it is the infinitive complement of, schedules a future event."""
    current = verb
    for _ in range(3):
        if current.lemma_.lower() in _SCHEDULING and current.lemma_.lower() != "go" and _schedules(current):
            return True
        if current is not verb and current.lemma_.lower() in _PROSPECTIVE:
            return True  # "agreed to buy the unit in January": the buying is to come
        if current.lemma_.lower() == "go" and current.tag_ == "VBG":  # "is going to meet"
            return True
        if any(c.dep_ == "auxpass" and c.lemma_ == "be" for c in current.children) and \
                any(c.dep_ == "aux" and c.lower_ == "to" for c in current.children) and \
                current.head.lemma_.lower() in _SCHEDULING:  # "to be held"
            return True
        if current.dep_ in ("xcomp", "advcl", "ccomp", "acl") and current.head is not current:
            has_to = any(c.dep_ == "aux" and c.lower_ == "to" for c in current.children)
            if not has_to:
                return False
            if current.head.lemma_ == "be" and current.dep_ in ("xcomp", "ccomp"):
                return True  # "is to resume trading Tuesday", "the plan is to meet on Monday"
            current = current.head
        else:
            return False
    return False


def clause_tense(span: Span) -> str:
    """"past", "present" or "future" for the clause governing `span`."""
    after = span.doc[span.end] if span.end < len(span.doc) else None
    if after is not None and after.tag_ == "POS":
        return "past"  # "Friday's purchases", "Tuesday's ruling": news names what already happened
    head = span.root.head
    for _ in range(2):  # "until 9 a.m. Tuesday": the clock time stands between day and preposition
        if head.lower_ in _CLOCK_WORDS or head.like_num:
            head = head.head
    verb = _governing_verb(span)
    if head.lower_ in _DEADLINE_PREPOSITIONS or head.lower_ in _SCHEDULED_ADJECTIVES:
        if verb is not None and _is_past_perfect(verb):
            return "past"  # "until Thursday, they had not called him a suspect"
        return "future"  # "by Jan. 14", "until Tuesday", "payable Dec. 7": deadlines lie ahead
    if verb is None:
        return "past"
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in _FUTURE_AUX for a in auxes) or _is_scheduled(verb):
        return "future"
    # "to meet" under a future verb: "will travel to Geneva to meet on Thursday".
    if any(a.lower_ == "to" for a in auxes) and verb.head is not verb:
        head_auxes = [c for c in verb.head.children if c.dep_ in ("aux", "auxpass")]
        if any(a.lower_ in _FUTURE_AUX for a in head_auxes):
            return "future"
    if verb.tag_ in _PAST_TAGS or any(a.tag_ in _PAST_TAGS for a in auxes):
        return "past"
    if verb.tag_ == "VBP" and not auxes and verb.lower_ in _SAME_FORM_PAST:
        return "past"
    if any(a.lemma_ == "have" for a in auxes):
        return "past"  # "has filed", "have been searching since the Oct. 23 slaying": a present perfect
    if verb.tag_ == "VBG" and any(a.lemma_ == "be" and a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "future"  # "are meeting on Thursday"
    if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "present"
    return "past"
