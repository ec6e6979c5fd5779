"""Turn actor candidates into what the article says about them: name, country, sector, role.

Choices (documented for event coders):
* A government in any guise (country name as subject, capital metonymy, "the Kremlin",
  "Ukraine's authorities", unnamed officials) is one actor per country, named after the country,
  sector GOV, kind "state".
* "pro-X" groups take X as their country (alignment, not location): "pro-Russian separatists" is
  RUS REB, "pro-Russia activists" RUS OPP. An aligned armed group ("pro-Russian armed men") is REB;
  an armed group with no stated side ("unidentified gunmen") is UAF with no country.
* A role with no stated country takes the document's home country when it is a state body (GOV,
  MIL, COP, SPY, JUD, LEG); non-state groups stay without one until linked.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from tidings.actors.detect import Candidate, acts_as_actor, in_place_context, role_key
from tidings.actors.dictionary import ActorDictionary, DictEntry

STATE_SECTORS = {"GOV", "MIL", "COP", "SPY", "JUD", "LEG"}


@dataclass
class Reading:
    """One mention's resolved attributes, before linking and id assignment."""

    cand: Candidate
    name: str
    country: str | None
    sector: str | None
    kind: str
    role: str | None = None
    person: bool = False
    aligned: bool = False
    unidentified: bool = False
    canonical: str | None = None  # group canonical ("separatists"), for linking
    entry: DictEntry | None = None
    text_stated: bool = False  # country or role came from the text
    aliases: list[str] = field(default_factory=list)
    pending: bool = False  # an acronym waiting for its expansion


def home_country(doc: Doc, dictionary: ActorDictionary) -> str | None:
    """The country a story is mostly about: the most frequent country name or demonym."""
    counts: Counter[str] = Counter()
    for ent in doc.ents:
        if ent.label_ in ("GPE", "NORP", "LOC", "PERSON", "PRODUCT", "ORG") and ent[0].lower_ != "pro":
            code = dictionary.countries.code_of(ent.text)
            if code and code not in ("WST", "EUR"):
                counts[code] += 1
    return counts.most_common(1)[0][0] if counts else None


def _modifier_country(tokens: list[Token], dictionary: ActorDictionary, published: str | None,
                      person: bool = False) -> tuple[str | None, bool, DictEntry | None]:
    """(country, aligned, known organisation) stated by a phrase's modifiers. A person's own
    country ("Ukraine's pro-Russian President") wins over an alignment; a group's alignment wins."""
    countries = dictionary.countries
    for i, tok in enumerate(tokens):
        if person:
            break
        text = tok.text
        if tok.lower_ == "pro" and i + 2 < len(tokens) and tokens[i + 1].text == "-":
            code = countries.code_of(tokens[i + 2].text)
            if code:
                return code, True, None
        if text.lower().startswith("pro-") and countries.code_of(text[4:]):
            return countries.code_of(text[4:]), True, None
    for i, tok in enumerate(tokens):
        if i > 0 and tokens[i - 1].text == "-" and i > 1 and tokens[i - 2].lower_ == "pro":
            continue
        code = countries.code_of(tok.text)
        if code:
            return code, False, None
        entry = dictionary.lookup(tok.text, published) if tok.pos_ == "PROPN" else None
        if entry is not None and entry.kind == "organisation":
            return entry.country, False, entry
    return None, False, None


def _sector(tokens: list[Token], head_key: str, base: str, dictionary: ActorDictionary) -> str:
    lexicon = dictionary.lexicon
    head_word = tokens[-1].lower_ if tokens else head_key
    for tok in tokens[:-1]:
        for head in {head_key, head_word}:
            phrase = f"{tok.lower_} {head}"
            if phrase in lexicon.phrases:
                return lexicon.phrases[phrase]
    return base


def _clean_name(tokens: list[Token], dictionary: ActorDictionary) -> str:
    words = [t for t in tokens if t.lower_ not in dictionary.lexicon.titles and t.dep_ != "det"
             and not t.is_punct and t.tag_ != "POS"]
    return " ".join(t.text for t in words)


def _person_parts(cand: Candidate, dictionary: ActorDictionary) -> tuple[list[Token], list[Token]]:
    """Split "Ukraine's Prime Minister Arseniy Yatsenyuk" into modifiers and the name."""
    doc = cand.head.doc
    tokens = list(doc[cand.start:cand.head.i + 1])
    name: list[Token] = []
    for tok in reversed(tokens):
        if tok.pos_ != "PROPN" or role_key(tok, dictionary.lexicon) or dictionary.countries.code_of(
                tok.text) or (name and doc[tok.i + 1].text == "-") or tok.text == "-":
            break
        if tok.lower_ in dictionary.lexicon.titles or tok.lower_.rstrip(".") in dictionary.lexicon.titles:
            break
        if dictionary.lookup(tok.text) is not None and dictionary.lookup(tok.text).kind == "organisation":
            break
        name.insert(0, tok)
    if not name:
        name = [cand.head]
    return tokens[: len(tokens) - len(name)], name


def _role_text(modifiers: list[Token], dictionary: ActorDictionary) -> str | None:
    words = []
    for tok in modifiers:
        if tok.dep_ in ("det", "case") or tok.tag_ == "POS" or dictionary.countries.code_of(tok.text):
            words = []
            continue
        entry = dictionary.lookup(tok.text) if tok.pos_ == "PROPN" else None
        if entry is not None and entry.kind == "organisation":
            words = []
            continue
        words.append(tok)
    if not any(role_key(t, dictionary.lexicon) for t in words):
        return None
    text = "".join(t.text_with_ws for t in words).strip()
    return text.replace(" - ", "-") or None


def read_candidate(cand: Candidate, dictionary: ActorDictionary, home: str | None,
                   published: str | None, place_spans: set[tuple[int, int]]) -> Reading | None:
    """Resolve one candidate from its own words and position; None when it is not an actor."""
    doc = cand.head.doc
    lexicon, countries = dictionary.lexicon, dictionary.countries
    head = cand.head
    span_tokens = list(doc[cand.start:cand.end if cand.entity is not None else head.i + 1])
    if cand.rule == "acronym":
        entry = dictionary.lookup(head.text, published)
        if entry is not None:
            return Reading(cand, entry.name, entry.country, entry.sector, entry.kind, entry=entry)
        return Reading(cand, head.text, None, None, "organisation", pending=True)
    if cand.entity is not None:
        ent = cand.entity
        text = ent.text.strip()
        bare = text[4:] if text.lower().startswith("the ") else text
        is_place = (doc[ent.start].idx, doc[ent.end - 1].idx + len(doc[ent.end - 1])) in place_spans
        code = countries.code_of(bare)
        entry = dictionary.lookup(bare, published)
        if code and ent.label_ != "NORP" and entry is None:
            if ent.label_ == "PERSON" and bare in lexicon.person_like:
                code = None
            else:
                capital = bare in countries.capitals and bare not in countries.names
                if in_place_context(head, lexicon) and head.dep_ not in ("nsubj", "nsubjpass"):
                    return None
                if not acts_as_actor(head, lexicon, capital):
                    return None
                name = countries.countries[code].name if code in countries.countries else bare
                return Reading(cand, name, code, "GOV", "state", text_stated=True)
        if ent.label_ == "NORP" and code:
            if not acts_as_actor(head, lexicon, capital=True):
                return None
            name = countries.countries[code].name
            return Reading(cand, name, code, "GOV", "state", text_stated=True)
        if entry is not None:
            if is_place and not acts_as_actor(head, lexicon, capital=False):
                return None
            return Reading(cand, entry.name, entry.country, entry.sector, entry.kind, entry.role,
                           person=entry.kind == "person", entry=entry)
        if is_place or ent.label_ in ("GPE", "LOC", "FAC", "PRODUCT", "NORP"):
            return None
        if in_place_context(head, lexicon):
            return None
        if ent.label_ == "PERSON":
            modifiers, name_tokens = _person_parts(cand, dictionary)
            if cand.appos is not None and _role_text(modifiers, dictionary) is None:
                modifiers = list(doc[cand.appos.start:cand.appos.head.i + 1])
            country, _aligned, org = _modifier_country(modifiers, dictionary, published, person=True)
            role = _role_text(modifiers, dictionary)
            sector = None
            if role:
                key = next(role_key(t, lexicon) for t in reversed(modifiers) if role_key(t, lexicon))
                sector = _sector(modifiers, key, lexicon.roles[key].sector, dictionary)
                country = country or (home if sector in STATE_SECTORS else None)
            return Reading(cand, _clean_name(name_tokens, dictionary), country, sector, "person",
                           role, person=True, text_stated=bool(role or country))
        # an organisation named in the text
        modifiers = [t for t in span_tokens if t.i < ent.start]
        country, _aligned, _org = _modifier_country(modifiers, dictionary, published)
        key = next((role_key(t, lexicon) for t in reversed(ent) if role_key(t, lexicon)), None)
        sector = _sector(list(ent), key, lexicon.roles[key].sector, dictionary) if key else None
        if key and country is None and sector in STATE_SECTORS:
            country = home
        name = bare
        if country and key and country in countries.countries:
            name = f"{countries.countries[country].name} {bare}"
        return Reading(cand, name, country, sector, "organisation", text_stated=bool(country))
    return _read_role(cand, span_tokens, dictionary, home, published)


def _read_role(cand: Candidate, tokens: list[Token], dictionary: ActorDictionary,
               home: str | None, published: str | None) -> Reading | None:
    lexicon, countries = dictionary.lexicon, dictionary.countries
    head = cand.head
    modifiers = tokens[:-1]
    country, aligned, org = _modifier_country(modifiers, dictionary, published)
    unidentified = any(t.lower_ in lexicon.unidentified for t in modifiers)
    if cand.rule == "armed":
        sector = next(lexicon.armed_modifiers[t.lower_] for t in modifiers
                      if t.lower_ in lexicon.armed_modifiers)
        kind, canonical = "group", "militants"
        key = None
    else:
        key = role_key(head, lexicon)
        role = lexicon.roles[key]
        sector, kind, canonical = _sector(tokens, key, role.sector, dictionary), role.kind, role.canonical
        if sector != role.sector:
            canonical = lexicon.sector_names.get(sector, canonical)
        if kind == "person" and head.tag_ in ("NNS", "NNPS"):
            kind = "group"
        if sector == "COP" and key == "force":
            canonical = "security forces"
        if sector == "SPY" and key != "intelligence":
            canonical = "intelligence service"
    if aligned and sector in ("UAF", "MIL", "PRM"):
        sector = "REB"  # an armed group on a foreign side is an insurgent, not that state's army
        canonical = "militants"
    if org is not None and org.sector == "JRN" and sector == "JRN":
        return Reading(cand, org.name, org.country, org.sector, org.kind, entry=org)
    if key in lexicon.weak_roles and country is None and org is None and sector == "GOV":
        return Reading(cand, f"unidentified {key}", None, "UNK", kind, canonical=key)
    pronoun_owner = any(t.dep_ == "poss" and t.pos_ == "PRON" for t in modifiers)
    if country is None and not aligned and sector in STATE_SECTORS and not pronoun_owner:
        country = home  # "its troops" stays without a country: pronoun-free by design
    stated = country is not None and (aligned or any(countries.code_of(t.text) for t in modifiers))
    if canonical in ("government", "local government") and country in countries.countries and not aligned:
        if canonical == "government":
            return Reading(cand, countries.countries[country].name, country, "GOV", "state",
                           text_stated=stated)
    if canonical is None:  # ministries: "Ukraine's Defense Ministry"
        words = [t.text for t in tokens if t.dep_ not in ("det", "poss", "case") and t.tag_ != "POS"
                 and not countries.code_of(t.text)]
        base = " ".join(words)
        name = f"{countries.countries[country].name} {base}" if country in countries.countries else base
        return Reading(cand, name, country, sector, "organisation", text_stated=stated)
    if aligned:
        prefix = f"pro-{countries.countries[country].adjective}"
    elif country in countries.countries:
        prefix = countries.countries[country].adjective
    elif org is not None:
        prefix = org.name
        country = org.country
    elif sector == "UAF":
        prefix = "unidentified"
    else:
        prefix = ""
    name = f"{prefix} {canonical}".strip()
    return Reading(cand, name, country, sector, kind, aligned=aligned, unidentified=unidentified,
                   canonical=canonical, text_stated=stated)
