"""Where an event happened: its venue among the sentence's places, else the document's place.

Coding rule (DESIGN §4, news_events_dev README): the location is the most specific place the text
ties to the act. A locative phrase of the act's clause ("in Geneva", "near Bunagana") says it; a
place that names a participant ("counterparts from Russia", "Russia attacked", "talks between Iran
and Saudi Arabia") says who took part, not where, so it is the venue only when the document offers
nothing better; a place inside an actor's phrase ("Ukraine's Defense Ministry") never is.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from tidings.actors._tables import CountryTable, load_countries
from tidings.events._clause import clause_tokens
from tidings.model import EventMention, Location, Mention
from tidings.places.find import in_name

_NEAR = ("near", "outside", "nearby", "around", "close")
_LOCATIVE = {"in", "at", "near", "outside", "inside", "across", "throughout", "around", "on", "into",
             "within", "nearby", "towards", "toward", "along", "over"}
_ACTOR_PREPS = {"from", "of", "with", "against", "to", "between", "for", "by"}
_PLACE_NOUNS = {"town", "city", "village", "province", "region", "district", "state", "area", "county",
                "capital", "outskirts", "suburb", "neighbourhood", "neighborhood", "governorate", "port",
                "municipality", "oblast", "part", "centre", "center", "heart", "streets", "street", "edge",
                "island", "islands", "peninsula", "coast", "shore", "valley", "crossing", "strip", "enclave",
                "quarter", "suburbs", "prefecture"}
#: Roles whose locative says where the actor is, not where the act is: "rebels in Congo have seized
#: the town of Bunagana". A locative on the object tells where the act fell ("attacked camps in
#: Balakote", "arrested protesters in Minsk").
_LOCATED_ACTORS = ("nsubj", "agent")
_PARTIES = ("nsubj", "nsubjpass", "dobj", "agent", "dative")
#: Verbs whose object is where the act happens: "visited Spain", "invaded Ukraine", "shelled Kharkiv".
_PLACE_OBJECT_VERBS = {"visit", "tour", "invade", "enter", "attack", "bomb", "shell", "strike", "hit", "raid",
                       "occupy", "reach", "storm", "bombard", "overrun", "seize", "capture", "retake",
                       "recapture", "besiege", "encircle", "surround", "liberate", "cross", "overfly"}
_TOWNS = ("city", "locality")
#: Clauses below the trigger's that tell another act: a place there is that act's venue ("Biden
#: announces sanctions as Russia attacks Ukraine", "the strike, which hit Kharkiv, ...").
_OTHER_ACT_CLAUSES = {"advcl", "relcl", "ccomp", "acl", "csubj", "parataxis"}
#: In the count for the main place a country weighs less than a town: countries are often named as
#: parties or modifiers ("US President Joe Biden"), towns mostly as where things happen.
_COUNTRY_WEIGHT = 0.5
#: Venue ranks (see `_venue_rank`); a participant place outside the clause ranks 5.
_LOCATIVE_RANK, _PARTICIPANT_RANK, _OUTSIDE = 0, 2, 3


def choose_location(trigger: Token, sent: Span, places: list[Mention], excluded: list[tuple[int, int]],
                    document_place: Mention | None, clause: set[int] | None = None) -> Location | None:
    """Where the event happened: a venue in a locative phrase of the trigger's clause ("in Geneva")
    first, then another place of the clause, then the sentence's nearest; a place that only names a
    participant ("counterparts from Russia", a country as subject/object) is taken only when it lies
    in the document's main country or the document has no place; else the document's main place.
    `clause` is `clause_tokens(trigger)` when the caller has it already."""
    doc = sent.doc
    clause = clause_tokens(trigger) if clause is None else clause
    candidates = []
    for mention in places:
        if mention.place is None or not (sent.start_char <= mention.start < sent.end_char):
            continue
        if in_name(mention):
            continue  # "Myawaddy TV", "Pattaya Mail": a name, not where anything happened
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        head = span.root
        if any(s <= mention.start < e for s, e in excluded) and not (_place_object(head) or _aimed_at(head, trigger)):
            continue  # inside an actor's phrase, unless the patient is the place ("seized the town of X")
        if _modifies_actor(head, span):
            continue  # "Ukraine's Defense Ministry", "EU and Georgian flags": not where it happened
        in_clause = head.i in clause
        if not in_clause and _in_other_act(head, trigger) or _in_background(head, trigger):
            continue
        rank = _venue_rank(head, mention, in_clause, clause)
        precision = 0 if mention.place.feature in _TOWNS else 1
        candidates.append((rank, precision, abs(head.i - trigger.i), mention, span, in_clause))
    main_country = document_place.place.country if document_place is not None and document_place.place else None
    venues = [c for c in candidates if c[0] % _OUTSIDE != _PARTICIPANT_RANK
              or document_place is None or c[3].place.country == main_country]
    if venues:
        # A town before an area of the same rank: "in eastern Congo near Bunagana" is Bunagana.
        _, precision, _, mention, span, in_clause = min(venues, key=lambda c: (c[0], c[1], c[2]))
        town = _named_town(places, mention) if precision and _unnamed_town(clause, doc) else None
        if town is not None:
            return place_location(town, "anaphor", False)
        return place_location(mention, "clause" if in_clause else "sentence", _is_near(span))
    if document_place is not None:
        return place_location(document_place, "document", False)
    return None


#: Nouns of a settlement an article names elsewhere: "rebels captured a key town in eastern Congo".
_SETTLEMENT_NOUNS = frozenset({"town", "village", "city", "settlement", "locality", "hamlet"})


def _unnamed_town(clause: set[int], doc: Doc) -> bool:
    """The act's clause places it in a town it does not name ("captured a key town in eastern
    Congo", "killed 100 civilians in a village in the Sahel region"): the article names that town
    elsewhere, most often as its main place."""
    for i in clause:
        token = doc[i]
        if token.lemma_.lower() in _SETTLEMENT_NOUNS and token.pos_ == "NOUN" and token.tag_ == "NN" \
                and not any(c.dep_ == "appos" or (c.dep_ == "prep" and c.lower_ == "of") for c in token.children):
            return True  # "the town of Bunagana", "the town, Bunagana" name it
    return False


def _named_town(places: list[Mention], area: Mention) -> Mention | None:
    """The town of the area's country the article names most often (the first on ties; datelines
    and names of outlets aside): the unnamed town stands for it."""
    if area.place is None or not area.place.country:
        return None
    datelines = _datelines(places)
    towns = [m for m in places if m.place is not None and m.place.feature in _TOWNS
             and m.place.country == area.place.country and not in_name(m) and m not in datelines]
    return _most_named(towns) if towns else None


def _most_named(mentions: list[Mention]) -> Mention:
    """The mention of the place named most often among `mentions` (the first of it on ties)."""
    counts = Counter(m.place.id for m in mentions if m.place)
    top = max(counts.values())
    return next(m for m in mentions if m.place and counts[m.place.id] == top)


#: Verbal acts are coded where their speaker is (the gold guidelines, after PLOVER and ACLED): "the
#: French minister criticised the junta in Mali" happened in France, "Pakistan condemned the strike"
#: in Pakistan. A place in what is said, or naming its addressee, is not where it was said. A
#: mobilisation with no place on its verb is at home too ("Japan deployed its missile defences").
SPEAKER_VENUE_TYPES = frozenset({"ACCUSE", "THREATEN", "REJECT", "REQUEST", "CONCEDE", "SUPPORT", "MOBILIZE"})
#: Codes of actors that are no state: they give no country to stand in.
_NON_STATES = frozenset({"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC", "WST"})


def speaker_venue(event: EventMention, sent: Span, places: list[Mention]) -> Location | None:
    """The venue of a verbal act: a place in a locative phrase on its own verb ("said in Geneva",
    "told reporters in Kyiv") or in its speaker's country as chosen; else its speaker's country.
    Other events keep their location."""
    location = event.location
    if event.type not in SPEAKER_VENUE_TYPES:
        return location
    speakers = [ref.country for ref in event.source if ref.country and ref.country not in _NON_STATES]
    if not speakers or location is not None and location.country == speakers[0]:
        return location
    material = event.type in _MATERIAL
    if location is not None and location.reason in (("clause", "sentence") if material else ("clause",)) \
            and _said_there(event, sent, places, on_object=material):
        return location
    return country_location(speakers[0], places) or location


#: Of those, the material acts: a locative in their sentence says where they fell ("fired a missile
#: that flew over Hokkaido"); on a verbal act's object it is what was spoken of ("condemned the raids
#: in Mali").
_MATERIAL = frozenset({"MOBILIZE"})


def _said_there(event: EventMention, sent: Span, places: list[Mention], on_object: bool = False) -> bool:
    """The chosen place is the object of a locative preposition on the trigger itself or on the
    verb it hangs from ("condemned the attack in a speech in Paris" is not; "said in Paris" is), or
    with `on_object` on the trigger's object."""
    doc = sent.doc
    location = event.location
    trigger = doc.char_span(event.evidence.start, event.evidence.end, alignment_mode="expand")
    if location is None or trigger is None or not len(trigger):
        return False
    verbs = {trigger.root.i, trigger.root.head.i}
    for mention in places:
        if mention.text != location.text or not (sent.start_char <= mention.start < sent.end_char):
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        phrase = _phrase_head(span.root)
        if phrase.dep_ == "pobj" and phrase.head.lower_ in _LOCATIVE and phrase.head.head.i in verbs:
            return True
        if on_object and (_aimed_at(span.root, trigger.root) or is_locative(span.root)):
            return True
    return False


def country_location(code: str, places: list[Mention]) -> Location | None:
    """A country as a location: the document's own mention of it when there is one (its gazetteer
    record), else its name alone, at country precision."""
    for mention in places:
        if mention.place is not None and mention.place.feature == "country" and mention.place.country == code \
                and not in_name(mention):
            return replace(place_location(mention, "speaker", False), geo_precision=4)
    country = _countries().countries.get(code)
    if country is None:
        return None
    return Location(text=country.name, name=country.name, country=code, geo_precision=4, reason="speaker")


@lru_cache(maxsize=1)
def _countries() -> CountryTable:
    return load_countries()


def _place_object(head: Token) -> bool:
    """The place is the object of a verb whose object is where the act happens ("seized Bunagana")."""
    phrase = _phrase_head(head)
    return phrase.dep_ == "dobj" and phrase.head.lemma_.lower() in _PLACE_OBJECT_VERBS


def _aimed_at(head: Token, trigger: Token) -> bool:
    """The place is in a locative phrase on the trigger or on its object, or on a party named in an
    of/between phrase of either: "fired a missile over the island of Hokkaido", "attacked camps of
    the group in Balakote" (the patient phrase holds where the act fell)."""
    phrase = _phrase_head(head)
    if phrase.dep_ != "pobj" or phrase.head.lower_ not in _LOCATIVE:
        return False
    holder = phrase.head.head
    for _ in range(3):  # "camps of Jaish in Balakote", "exercises between the U.S. and Japan on Hokkaido"
        if holder.dep_ == "conj":
            holder = holder.head
        elif holder.dep_ == "pobj" and holder.head.lower_ in ("of", "between") and holder.head.head.i != holder.i:
            holder = holder.head.head
        else:
            break
    return holder.i == trigger.i or holder.dep_ == "dobj" and holder.head.i == trigger.i


#: Words that set an act against another one told as its background: a place in their phrase is
#: that act's ("withdrew the status in the aftermath of the attack on a convoy in Kashmir").
_BACKGROUND_PREPS = {"after", "following", "since", "before", "amid", "despite"}
_BACKGROUND_NOUNS = {"aftermath", "wake", "response", "retaliation", "reprisal"}


def _in_background(head: Token, trigger: Token) -> bool:
    """The place sits in a phrase below the trigger that tells the act's background."""
    token = head
    while token.head.i != token.i and token.i != trigger.i:
        parent = token.head
        if parent.i == trigger.i:
            return False
        if token.dep_ == "pobj" and parent.lower_ in _BACKGROUND_PREPS or parent.lemma_.lower() in _BACKGROUND_NOUNS:
            return all(t.i != trigger.i for t in parent.subtree)
        token = parent
    return False


def _in_other_act(head: Token, trigger: Token) -> bool:
    """The place sits in a clause below the trigger's that tells an act of its own."""
    token = head
    while token.head.i != token.i and token.i != trigger.i:
        if token.dep_ in _OTHER_ACT_CLAUSES and token.pos_ in ("VERB", "AUX"):
            if token.head.i == trigger.i:
                return False  # "talks that began in Beijing": the clause tells of the act itself
            return trigger in token.head.subtree and trigger not in token.subtree
        token = token.head
    return False


def _modifies_actor(head: Token, span: Span) -> bool:
    """A place that is a modifier of a noun that is not itself a place, or conjoined with one
    ("EU and Georgian flags", which the tagger may parse as "EU" and "flags")."""
    if any(c.dep_ == "conj" and c.pos_ == "NOUN" and c.lemma_.lower() not in _PLACE_NOUNS for c in head.children):
        return True
    token = head
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head  # "EU and Georgian flags": the first conjunct carries the relation
    parent = token.head
    inside = {t.i for t in span}
    return token.dep_ in ("poss", "compound", "amod", "nmod") and parent.pos_ in ("NOUN", "PROPN") \
        and parent.ent_type_ not in ("GPE", "LOC", "FAC") and parent.i not in inside


def _phrase_head(head: Token) -> Token:
    """The noun phrase a place name heads or sits in: "the town of Ariha" -> town,
    "Syria's Idlib province" -> province, "in Kyiv and Kharkiv" -> Kyiv."""
    token = head
    for _ in range(6):
        parent = token.head
        if parent is token or parent.i == token.i:
            break
        if token.dep_ in ("compound", "poss", "amod") and parent.pos_ in ("NOUN", "PROPN") \
                and parent.lemma_.lower() in _PLACE_NOUNS | {parent.lower_} and parent.ent_type_ in ("GPE", "LOC", "FAC", ""):
            token = parent
        elif token.dep_ == "conj":
            token = parent
        elif token.dep_ == "pobj" and parent.lower_ == "of" and parent.head.lemma_.lower() in _PLACE_NOUNS:
            token = parent.head
        elif token.dep_ == "appos" and parent.ent_type_ in ("GPE", "LOC", "FAC"):
            token = parent
        else:
            break
    return token


def is_locative(head: Token) -> bool:
    """The place is the object of a locative preposition ("in Sloviansk, Kramatorsk and ...")."""
    phrase = _phrase_head(head)
    return phrase.dep_ == "pobj" and phrase.head.lower_ in _LOCATIVE


def _names_place(token: Token) -> bool:
    """The token heads a place name ("Balakote" in "in Balakote in Pakistan")."""
    return token.ent_type_ in ("GPE", "LOC", "FAC") and token.pos_ == "PROPN"


def _venue_rank(head: Token, mention: Mention, in_clause: bool, clause: set[int] = frozenset(),
                depth: int = 0) -> int:
    """0 a locative phrase of the clause, 1 another place of the clause, 2 a participant of the
    clause (a place inside an actor phrase, a country as subject/object), then the same three
    outside the clause (3, 4, 5). A locative that describes the acting participant ("rebels in Congo
    have seized the town of Bunagana") ranks 1: it says where they are, the verb's phrases where they
    act. A place inside another's locative ("in Balakote in Pakistan") ranks as that place does."""
    phrase = _phrase_head(head)
    prep = phrase.head if phrase.dep_ == "pobj" else None
    country = mention.place is not None and mention.place.feature == "country"
    if prep is not None and prep.lower_ in _LOCATIVE and _names_place(prep.head) and depth < 3:
        return _venue_rank(prep.head, mention, in_clause, clause, depth + 1)  # "in Balakote in Pakistan"
    if prep is not None and prep.lower_ in _LOCATIVE:
        describes = prep.head.pos_ in ("NOUN", "PROPN") and prep.head.dep_ in _LOCATED_ACTORS and prep.head.i in clause
        rank = 1 if describes else _LOCATIVE_RANK
    elif phrase.dep_ == "dobj" and phrase.head.lemma_.lower() in _PLACE_OBJECT_VERBS:
        rank = _LOCATIVE_RANK
    elif prep is not None and prep.lower_ in _ACTOR_PREPS and prep.head.pos_ in ("NOUN", "PROPN", "PRON"):
        rank = _PARTICIPANT_RANK  # "counterparts from Russia", "officials of Donetsk", "talks with Russia"
    elif country and (phrase.dep_ in _PARTIES or prep is not None and prep.lower_ in _ACTOR_PREPS):
        rank = _PARTICIPANT_RANK  # "Russia attacked ...", "... met Ukraine", "sided with Russia"
    else:
        rank = 1
    return rank if in_clause else rank + _OUTSIDE


def _is_near(span: Span) -> bool:
    root = span.root
    if any(c.lower_ in _NEAR for c in root.children):
        return True
    head = root.head
    return root.dep_ == "pobj" and head.lower_ in _NEAR or head.lower_ in ("of",) and head.head.lower_ in ("outskirts", "edge", "vicinity")


def place_location(mention: Mention, reason: str, near: bool) -> Location:
    """The Location of a resolved place mention, chosen for `reason` (clause, sentence, document)."""
    place = mention.place
    assert place is not None
    precision = place.geo_precision
    if near:
        precision = max(precision or 1, 2)
    return Location(text=mention.text, place_id=place.id, name=place.name, lat=place.lat, lon=place.lon,
                    country=place.country, admin1=place.admin1, geo_precision=precision, reason=reason)


def main_place(places: list[Mention]) -> Mention | None:
    """The document's main place: the country its places lie in most often (a town counts for its
    country, so "Kyiv, Kharkiv, Ukraine" beats "Moscow, Moscow"; a country's own name counts half),
    then that country's most frequent place below the country (a village the gazetteer lacks too),
    the first one on ties. Datelines ("NIAMEY, Niger (AP)
    —" says where the story was filed) and names of outlets ("Pattaya Mail") count only when the
    document names no other place."""
    datelines = _datelines(places)
    told = [m for m in places if not in_name(m) and m not in datelines]
    unlisted = [m for m in told if m.place is not None and m.place.feature == "locality"]
    places = [m for m in told if m not in unlisted] or told or places  # an unlisted place's country is a guess
    resolved = [m for m in places if m.place is not None and m.place.country]
    if not resolved:
        resolved = [m for m in places if m.place is not None]
        if not resolved:
            return None
    by_country: Counter[str] = Counter()
    for m in resolved:
        if m.place is not None:
            by_country[m.place.country] += _COUNTRY_WEIGHT if m.place.feature == "country" else 1.0
    top_country = max(by_country.values())
    country = next(m.place.country for m in resolved if m.place and by_country[m.place.country] == top_country)
    local = [m for m in [*resolved, *unlisted] if m.place and m.place.country == country]
    local = [m for m in local if m.place and m.place.feature != "country"] or local  # the town over its country
    local.sort(key=lambda m: m.start)
    return _most_named(local)


def _datelines(places: list[Mention]) -> list[Mention]:
    """Place mentions of a dateline: a name in capitals ("NIAMEY", "MOSCOW —") and the place right
    after it ("NIAMEY, Niger")."""
    out: list[Mention] = []
    for i, m in enumerate(places):
        letters = [ch for ch in m.text if ch.isalpha()]
        if len(letters) >= 4 and m.text.isupper():
            out.append(m)
            if i + 1 < len(places) and 0 < places[i + 1].start - m.end <= 2:
                out.append(places[i + 1])
    return out
