"""Find toponyms in a parsed Doc: NER spans plus a gazetteer scan for names NER mislabels.

en_core_web_sm tags "Kramatorsk" PRODUCT and "Kiev" PERSON, so NER alone misses places; a plain
gazetteer scan would in turn find "Mayor" and "Police" (towns somewhere). The scan therefore needs
capitalisation, a stoplist, more than sentence-initial evidence, and no person-like context.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from tidings.places._tokens import TokenTexts
from tidings.places.gazetteer import Gazetteer

NER_LABELS = ("GPE", "LOC", "FAC")
MAX_NGRAM = 4
CONNECTORS = {"of", "de", "la", "du", "del", "da", "-", "upon", "on", "the", "and"}
REGION_WORDS = {"region", "oblast", "province", "governorate", "state", "district", "raion", "rayon", "county",
                "parish", "prefecture", "territory", "regions", "provinces"}
#: Words after a town's name for the district around it ("Pulwama district", "Kisoro District"):
#: in most countries that name them so, a unit below the first-level region that takes its name
#: from its seat, so the seat stands for it (precision 2), not the region above it.
DISTRICT_WORDS = {"district", "raion", "rayon", "tehsil", "subdistrict", "sub-district"}
DISTRICT = "district"
DIRECTIONS = {"eastern", "western", "northern", "southern", "central", "northeastern",
              "northwestern", "southeastern", "southwestern", "east", "west", "north", "south"}
NEAR_WORDS = {"near", "outside", "outskirts", "around", "nearby"}
LOCATIVE = {"in", "near", "at", "from", "to", "into", "outside", "toward", "towards", "across",
            "of", "via", "around", "through", "throughout", "between", "and"}
TITLES = {"mr", "mrs", "ms", "miss", "dr", "sir", "lord", "lady", "president", "minister", "gen",
          "general", "col", "colonel", "capt", "captain", "sgt", "judge", "senator", "sen", "rep",
          "governor", "gov", "mayor", "coach", "officer", "deputy", "pastor", "rev", "father", "st"}
#: A gazetteer-only name whose best place is smaller than this needs locative context.
WEAK_POPULATION = 15_000
#: A person's surname is a place only when some sense is an area or a town at least this big
#: ("Washington"), never a village that shares the name ("Khan", "Lai", "Morales").
SURNAME_PLACE_POPULATION = 500_000
#: Lower-case particles inside multi-word names ("Dar es Salaam", "Ras al Khaimah").
NAME_PARTICLES = {"es", "el", "al", "ul", "ad", "as", "di", "le", "les", "los", "las", "y", "sur", "am"}
#: Entities that name someone or something other than a place. A town name inside one ("Supreme" of
#: "Supreme Court", "Lula", "Date" of "... Event Date Project") is only a weak toponym: kept when the
#: rest of the document lies around it (local news: "the Canaan Board of Finance"). Not PRODUCT or
#: WORK_OF_ART: the small model gives those labels to lists of towns ("the towns of Sebba and Dori").
NAME_LABELS = ("ORG", "PERSON", "NORP", "EVENT", "LAW")
#: Nouns that make the name before or after them a place ("Solhan village", "the town of Bunagana").
PLACE_NOUNS = {"town", "village", "city", "district", "province", "region", "area", "neighbourhood",
               "neighborhood", "suburb", "township", "county", "state", "island", "islands", "camp",
               "crossing", "intersection", "valley", "river", "lake", "mountains", "port", "border"}
#: Words of street and site names, which an unlisted place never is.
STREET_WORDS = {"avenue", "street", "road", "boulevard", "square", "lane", "drive", "highway", "bridge",
                "avenida", "rua", "calle", "plaza", "way", "place", "court"}
#: Plural area words that close a list of names ("Barrow and Jackson counties").
AREA_PLURALS = {"counties", "parishes", "townships", "provinces", "states", "districts", "regions",
                "boroughs", "municipalities", "oblasts", "governorates"}
#: A town this big stays a full toponym inside a mislabelled entity ("Kiev" tagged PERSON).
BIG_PLACE_POPULATION = 100_000
#: Words after a town name that make the name a local institution's, which says where the news is
#: ("the Canaan Board of Finance", "Rochester Fire Department"); any other capitalised word after it
#: makes the town part of a name that says nothing about where things happen ("Pattaya Mail",
#: "Myawaddy TV", "Gainesville Riding Club").
INSTITUTION_WORDS = {"board", "council", "police", "fire", "sheriff", "sheriffs", "department", "county",
                     "city", "town", "township", "village", "borough", "school", "schools", "district",
                     "court", "hospital", "mayor", "commission", "commissioners", "committee", "library",
                     "authority", "public", "municipal", "state", "airport", "station", "area", "high",
                     "elementary", "middle", "regional", "parish", "community", "planning", "zoning",
                     "water", "housing", "health", "emergency", "office", "selectmen", "aldermen",
                     "assembly", "legislature", "parliament", "province", "government", "region",
                     # facilities named after where they stand
                     "international", "airport", "airfield", "university", "college", "stadium", "port",
                     "harbour", "harbor", "prison", "jail", "base", "camp", "market", "bridge", "square",
                     "park", "cathedral", "church", "mosque", "temple", "centre", "center", "hall"}


@dataclass
class Toponym:
    """A place name found in the text, before resolution."""

    start: int  # character offsets in doc.text
    end: int
    text: str  # what to look up (the span, minus "the", region words, directions)
    sentence_index: int
    label: str  # NER label or "gazetteer"
    first_token: int
    last_token: int  # exclusive
    hint: str | None = None  # "region" ("Donetsk region"), "direction" ("eastern Ukraine"), "city"
    near: bool = False  # "near X", "outside X": precision 2
    container: int | None = None  # index of a toponym right after ", " ("Kramatorsk, Ukraine")
    weak: bool = False  # only the gazetteer vouches for it, inside another name: needs the context
    in_name: bool = False  # part of an organisation's or outlet's name ("Pattaya Mail"): never a venue
    unlisted: bool = False  # a place the text names that the gazetteer lacks ("the town of Bunagana")
    slot: bool = False  # NER or the text's own words say it is a place ("in Solhan village")


def _person_context(doc: Doc, start: int, end: int) -> bool:
    """Looks like part of a person's name: inside a PERSON entity that goes on, or after a title."""
    if end < len(doc) and doc[end].ent_iob_ == "I" and doc[end].ent_type_ == "PERSON":
        return True
    if doc[start].ent_iob_ == "I" and doc[start].ent_type_ == "PERSON":
        return True
    if start > 0 and doc[start - 1].lower_.rstrip(".") in TITLES:
        return True
    return start > 0 and _ends_name(doc, start)


def _ends_name(doc: Doc, i: int) -> bool:
    """The surname NER left outside the given names before it: "Maria Corina [Machado]"."""
    given = doc[i - 1]
    return given.ent_type_ == "PERSON" and doc[i].pos_ == "PROPN" and doc[i].ent_type_ in ("", "PERSON") \
        and given.dep_ == "compound" and given.head.i == i


def _strong(gazetteer: Gazetteer, text: str, population: int = WEAK_POPULATION) -> bool:
    """Some candidate is a country, region, or a town of at least `population`."""
    for c in gazetteer.candidates(text):
        if gazetteer.field("feature", c.index) != "city":
            return True
        if gazetteer.field("population", c.index) >= population:
            return True
    return False


def _locative(doc: Doc, start: int) -> bool:
    """Preceded by "in", "near", "city of" ...: the slot of a place."""
    if start == 0:
        return False
    prev = doc[start - 1]
    if prev.lower_ in LOCATIVE:
        return True
    return prev.text == "," and start >= 2 and doc[start - 2].ent_type_ in ("GPE", "LOC")


def sentence_indexes(doc: Doc) -> list[int]:
    """The sentence number of every token."""
    out = [0] * len(doc)
    for i, sent in enumerate(doc.sents):
        out[sent.start:sent.end] = [i] * (sent.end - sent.start)
    return out


def _common_word_use(doc: Doc, span: Span) -> bool:
    """"a Nice gesture", "Reading the statement": the word, not the town."""
    if span.start > 0 and doc[span.start - 1].lower_ in ("a", "an"):
        return True
    head = span.root.head
    if span.root.dep_ in ("amod", "compound") and head.pos_ == "NOUN" and head.text.islower():
        return True
    return span.root.pos_ in ("VERB", "ADJ")


def _ner_toponyms(doc: Doc, gazetteer: Gazetteer, sent_of: list[int]) -> list[Toponym]:
    """NER places the gazetteer knows, and unlisted ones in a place's slot. Once the text has
    called an unlisted name a place ("the town of Bunagana", "Solhan village"), its other NER
    occurrences are that place too ("rebels were occupying Bunagana")."""
    found = []
    later: list[tuple[Span, str]] = []  # unlisted names outside a place's slot, for the second look
    shown: set[str] = set()  # unlisted names the text calls places ("the town of Bunagana")
    for ent in doc.ents:
        if ent.label_ not in NER_LABELS:
            continue
        span: Span = ent
        while len(span) and (span[0].lower_ == "the" or not span[0].text[:1].isalnum()):
            span = span[1:]
        while len(span) and (span[-1].tag_ == "POS" or not span[-1].text[:1].isalnum()):
            span = span[:-1]
        if not len(span) or gazetteer.is_stopword(span.text) or not span.text[:1].isupper():
            continue
        if gazetteer.needs_ner(span.text) and _common_word_use(doc, span):
            continue
        known = gazetteer.has_name(span.text)
        if not known and ent.label_ == "FAC":
            continue
        unlisted = False
        if not known and not gazetteer.fuzzy_candidates(span.text):
            if not _unlisted_place(doc, span, gazetteer):
                if ent.label_ in ("GPE", "LOC"):
                    later.append((span, ent.label_))
                continue
            unlisted = True
            if _called_a_place(doc, span):
                shown.add(span.text)
        found.append(Toponym(span.start_char, span.end_char, span.text, sent_of[span.start], ent.label_,
                             span.start, span.end, unlisted=unlisted))
    found += [Toponym(span.start_char, span.end_char, span.text, sent_of[span.start], label, span.start, span.end,
                      unlisted=True) for span, label in later if span.text in shown]
    return sorted(found, key=lambda top: top.start)


def _unlisted_place(doc: Doc, span: Span, gazetteer: Gazetteer) -> bool:
    """A name NER calls a place, that the gazetteer lacks, in a place's slot: "the town of
    Bunagana", "in Solhan village", "near Balakot", "Ratchaprasong intersection". Only plain
    capitalised words: "M23" or a demonym is no place."""
    if not all(t.is_alpha and t.text[:1].isupper() or t.lower_ in NAME_PARTICLES | {"-"} for t in span):
        return False
    if gazetteer.demonym(span.text) or any(gazetteer.is_stopword(t.text) or t.lower_ in STREET_WORDS for t in span):
        return False  # "Avenue do Exercito": a street is a site, not a place of the gazetteer's kinds
    if _person_context(doc, span.start, span.end):
        return False
    if _called_a_place(doc, span):
        return True
    return _locative(doc, span.start) and doc[span.start - 1].lower_ not in ("of", "and", "from", "to")


def _called_a_place(doc: Doc, span: Span) -> bool:
    """The text calls the name a place: "Solhan village", "the town of Bunagana"."""
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.lower_ in PLACE_NOUNS:
        return True  # "Solhan village", "Ratchaprasong intersection"
    return span.start >= 2 and doc[span.start - 1].lower_ == "of" and doc[span.start - 2].lower_ in PLACE_NOUNS


def _ngram_ok(tokens: TokenTexts, i: int, n: int) -> bool:
    """Capitalised at both ends, and only capitalised words or connectors ("Rostov-on-Don") between."""
    capitalised = tokens.capitalised
    if not capitalised[i] or not capitalised[i + n - 1]:
        return False
    return all(capitalised[j] or tokens.texts[j].lower() in CONNECTORS | NAME_PARTICLES
               or tokens.texts[j] in {".", "-"} for j in range(i, i + n))


def _scan_toponyms(doc: Doc, gazetteer: Gazetteer, sent_of: list[int], claimed: set[int],
                   ner_names: set[str], tokens: TokenTexts) -> list[Toponym]:
    found = []
    i = 0
    while i < len(tokens):
        if i in claimed or not tokens.capitalised[i]:
            i += 1
            continue
        match, verdict = 0, None
        for n in range(min(MAX_NGRAM, len(tokens) - i), 0, -1):
            if any(t in claimed for t in range(i, i + n)) or not _ngram_ok(tokens, i, n):
                continue
            if gazetteer.has_name(tokens.span_text(i, i + n)):
                verdict = _accept(doc, doc[i:i + n], gazetteer, ner_names)
                if verdict:
                    match = n
                    break
        if not match and _fuzzy_slot(doc, i, gazetteer, claimed, tokens):
            match, verdict = 1, "strong"
        if match:
            span = doc[i:i + match]
            found.append(Toponym(span.start_char, span.end_char, span.text, sent_of[i], "gazetteer",
                                 i, i + match, weak=verdict == "weak"))
            i += match
        else:
            i += 1
    return found


def _fuzzy_slot(doc: Doc, i: int, gazetteer: Gazetteer, claimed: set[int], tokens: TokenTexts) -> bool:
    """A spelling variant ("Yenakievo") in a place slot ("in/near/and X") that fuzzy-matches a town."""
    token = doc[i]
    if len(token.text) < 6 or not token.text.isalpha() or token.pos_ != "PROPN":
        return False
    if not _locative(doc, i) or _person_context(doc, i, i + 1) or token.ent_type_ in NAME_LABELS:
        return False  # "that Hamas seized": a misspelt town is no reading of a group's name
    if i + 1 < len(tokens) and tokens.capitalised[i + 1] and i + 1 not in claimed:
        return False
    if gazetteer.is_stopword(token.text) or gazetteer.demonym(token.text):
        return False
    return bool(gazetteer.fuzzy_candidates(token.text))


def _accept(doc: Doc, span: Span, gazetteer: Gazetteer, ner_names: set[str]) -> str | None:
    """Guards for a name only the gazetteer vouches for: "strong", "weak" (kept only when the
    document's other places lie around it, see `resolve`) or None."""
    text = span.text
    if gazetteer.is_stopword(text) or gazetteer.needs_ner(text):
        return None
    if len(span) == 1 and span[0].pos_ not in ("PROPN", "NOUN"):
        return None
    if gazetteer.demonym(text):
        return None
    if _person_context(doc, span.start, span.end):
        return None
    labels = {t.ent_type_ for t in span} & set(NAME_LABELS)
    locative = _locative(doc, span.start)
    if "ORG" in labels and locative:
        # "Congress, Supreme Court and ...": a list of institutions is no place slot
        locative = doc[span.start - 1].lower_ not in ("and", ",")
    locative = locative or _listed_before_area_word(doc, span)
    if labels and not _strong(gazetteer, text, BIG_PLACE_POPULATION):
        if "PERSON" in labels:
            # "Lula", "Tyler": a person the tagger recognised, unless a place slot says otherwise
            return "weak" if locative or _names_institution(doc, span) else None
        # the name begins the entity ("Canaan Board of Finance", "the Torrington Fire Department")
        opens = span[0].ent_iob_ == "B" or span.start > 0 and doc[span.start - 1].ent_iob_ == "B" \
            and doc[span.start - 1].lower_ == "the"
        if locative:
            return "strong" if opens else "weak"
        if opens and (text in ner_names or _names_institution(doc, span) or _strong(gazetteer, text)):
            return "weak"
        return None  # inside a name: "Middlesex Superior Court", "Armed Conflict Location & Event Date Project"
    strong = _strong(gazetteer, text)
    if span[0].is_sent_start and len(span) == 1 and not strong and text not in ner_names:
        return None
    if strong or locative or text in ner_names:
        return "strong"
    return "weak" if _names_institution(doc, span) else None


def _listed_before_area_word(doc: Doc, span: Span) -> bool:
    """A name in a list that a plural area word closes: "Barrow and Jackson counties",
    "in Becker, Clay, Douglas and Grant counties"."""
    for token in doc[span.end:min(span.end + 8, len(doc))]:
        if token.lower_ in AREA_PLURALS:
            return True
        if not (token.text[:1].isupper() or token.lower_ in (",", "and", "&")):
            return False
    return False


def _names_institution(doc: Doc, span: Span) -> bool:
    """A town name before a local institution's word: "Canaan Board of Finance", "Avondale Mayor"."""
    return span.end < len(doc) and doc[span.end].text[:1].isupper() \
        and doc[span.end].lower_ in INSTITUTION_WORDS


def _in_name(doc: Doc, top: Toponym) -> bool:
    """The toponym begins a longer proper name that is not a place nor a local institution's:
    an outlet, a company, a team or a unit ("Pattaya Mail", "Myawaddy TV", "Texas Rangers")."""
    end = top.last_token
    if end >= len(doc) or not doc[end].text[:1].isupper() or doc[end].lower_ in INSTITUTION_WORDS | REGION_WORDS:
        return False
    nxt, last = doc[end], doc[end - 1]
    if nxt.ent_type_ in ("GPE", "LOC") or nxt.is_sent_start or nxt.lower_.rstrip(".") in TITLES:
        return False  # "US President Joe Biden": the office's country, which venue rules weigh
    same_entity = nxt.ent_iob_ == "I" and nxt.ent_type_ not in ("", "GPE", "LOC", "FAC")
    return same_entity or (last.dep_ == "compound" and last.head.i >= end and nxt.pos_ == "PROPN")


def _lengthen(doc: Doc, top: Toponym, gazetteer: Gazetteer) -> None:
    """NER cut a multi-word name short ("Dar" of "Dar es Salaam"): take the longest gazetteer name
    that goes on through particles and capitalised words."""
    best = None
    for end in range(top.last_token + 1, min(top.last_token + MAX_NGRAM, len(doc)) + 1):
        word = doc[end - 1]
        if not (word.text[:1].isupper() or word.lower_ in NAME_PARTICLES | CONNECTORS or word.text == "-"):
            break
        if word.text[:1].isupper() and gazetteer.has_name(doc[top.first_token:end].text):
            best = end
    if best is not None:
        full = doc[top.first_token:best]
        top.end, top.last_token, top.text = full.end_char, best, full.text


def _extend(doc: Doc, top: Toponym, gazetteer: Gazetteer) -> None:
    """Longer names, region words after, directions and "near" before, "the city of" before."""
    _lengthen(doc, top, gazetteer)
    end = top.last_token
    if end < len(doc) and doc[end].lower_ in REGION_WORDS:
        full = doc[top.first_token:end + 1]
        top.end, top.last_token = full.end_char, end + 1
        if gazetteer.has_name(full.text):
            top.text = full.text
        else:
            top.hint = DISTRICT if doc[end].lower_ in DISTRICT_WORDS else "region"
    start = top.first_token
    if start > 0 and doc[start - 1].lower_ in DIRECTIONS:
        full = doc[start - 1:top.last_token]
        top.start, top.first_token = full.start_char, start - 1
        if gazetteer.has_name(full.text):
            top.text = full.text
        else:
            top.hint = top.hint or "direction"
        start -= 1
    if start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in ("city", "town", "village"):
        top.hint = top.hint or "city"
    window = {t.lower_ for t in doc[max(start - 3, 0):start]}
    if window & NEAR_WORDS:
        top.near = True


def _surnames(doc: Doc) -> set[str]:
    """Last words of the multi-word person names of a document: "Khan" of "Imran Khan" (a PERSON
    entity, or a PERSON word after a given name the tagger left outside it)."""
    names = {ent[-1].text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) >= 2
             and ent[-1].text[:1].isupper()}
    for token in doc:
        if token.i > 0 and token.text[:1].isupper() and _ends_name(doc, token.i):
            names.add(token.text)
        if token.ent_type_ == "PERSON" and token.i > 0 and token.text[:1].isupper():
            given = doc[token.i - 1]
            if given.pos_ == "PROPN" and given.dep_ == "compound" and given.head.i == token.i \
                    and given.ent_type_ not in ("GPE", "LOC", "FAC", "NORP") and given.text[:1].isupper():
                names.add(token.text)
    return names


def _big_place(gazetteer: Gazetteer, text: str) -> bool:
    """Some sense is a country, a region or a big city: a name that stays a place beside a surname."""
    return _strong(gazetteer, text, SURNAME_PLACE_POPULATION)


def _names_no_place(doc: Doc, top: Toponym, gazetteer: Gazetteer, surnames: set[str]) -> bool:
    """A person's name, not a place (DESIGN §4, "Actors"): the surname of a person the document
    names ("Khan" after "Imran Khan"). Town names inside organisation names stay places: local
    news names its places that way ("the Jackson County Sheriff's Office")."""
    span = doc[top.first_token:top.last_token]
    if top.last_token - top.first_token == 1 and span.text in surnames and not _big_place(gazetteer, span.text):
        return True
    return False


def detect_toponyms(doc: Doc, gazetteer: Gazetteer, tokens: TokenTexts | None = None) -> list[Toponym]:
    """Toponyms of a parsed Doc, in text order, with region/direction/near hints and containers.

    Args:
        tokens: the Doc's token texts when the caller has read them already.
    """
    tokens = tokens if tokens is not None else TokenTexts(doc)
    sent_of = sentence_indexes(doc)
    found = _ner_toponyms(doc, gazetteer, sent_of)
    claimed = {t for top in found for t in range(top.first_token, top.last_token)}
    ner_names = {top.text for top in found}
    found += _scan_toponyms(doc, gazetteer, sent_of, claimed, ner_names, tokens)
    found.sort(key=lambda top: top.start)
    for top in found:
        _extend(doc, top, gazetteer)
    surnames = _surnames(doc)
    deduped: list[Toponym] = []
    for top in found:
        if deduped and top.start < deduped[-1].end:
            continue
        if _names_no_place(doc, top, gazetteer, surnames):
            continue
        top.in_name = _in_name(doc, top)
        top.slot = top.label in ("GPE", "LOC") or _unlisted_place(doc, doc[top.first_token:top.last_token], gazetteer)
        deduped.append(top)
    text = tokens.doc_text
    for i, top in enumerate(deduped[:-1]):
        nxt = deduped[i + 1]
        if text[top.end:nxt.start].strip() == ",":
            top.container = i + 1
    return deduped
