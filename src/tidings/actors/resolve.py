"""Turn actor candidates into what the article says about them: name, country, sector, role.

Coding conventions (the gold guidelines in tests/gold/events/README.md, PLOVER, and ACLED, which
codes a non-state group by the country it operates in):
* A government in any guise (country name as subject, capital metonymy, "the Kremlin",
  "Ukraine's authorities", unnamed officials) is one actor per country, named after the country,
  sector GOV, kind "state". Ministers and ministries are GOV, defence ones too.
* Non-state groups take the country where they operate, not the one they side with:
  "pro-Russian separatists" in a Ukraine story are UKR REB, named "pro-Russian separatists" (the
  alignment stays in the name). The operating country is that of the places named in the
  sentence, else the story's home country (`context.py`). An armed group with a stated side
  ("pro-Russian armed men") and aligned activists are REB; one with no stated side ("unidentified
  gunmen") is UAF of the operating country. Protesters, crowds and residents are CVL; opposition
  parties and their leaders OPP.
* A role with no stated country takes the home country when it is a state body (GOV, MIL, COP,
  SPY, JUD, LEG) or a domestic person role (an opposition leader); "its troops" stays without one.
* A role held in a known organisation is that organisation ("a Houthi official" = the Houthis,
  YEM REB; "UN envoy" = the United Nations). Rights groups and charities are country NGO.
* Non-state codes are DESIGN §3's: IGO (NATO, OSCE, and "the West" as a bloc of governments),
  UNO, EUR, NGO; CAMEO's regional WST is not used.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from tidings.actors.context import StoryContext
from tidings.actors.detect import Candidate, acts_as_actor, in_place_context, role_key
from tidings.actors.dictionary import ActorDictionary, DictEntry

STATE_SECTORS = {"GOV", "MIL", "COP", "SPY", "JUD", "LEG"}
#: Person roles that are domestic by nature: "Opposition leader Raila Odinga" is Kenyan in a Kenya story.
DOMESTIC_SECTORS = STATE_SECTORS | {"OPP", "PTY"}
#: Sectors of groups that act where they are, whatever side they are on.
GROUP_SECTORS = {"REB", "UAF", "PRM", "CVL", "OPP", "PTY", "EDU", "LAB", "AGR", "BUS", "CRM", "MED",
                 "REL", "JRN", "REF", "UNK"}


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


def _modifier_country(tokens: list[Token], dictionary: ActorDictionary, published: str | None,
                      person: bool = False, fold: bool = False) -> tuple[str | None, bool, DictEntry | None]:
    """(country, aligned, known organisation) stated by a phrase's modifiers. A person's own
    country ("Ukraine's pro-Russian President") wins over an alignment; a group's alignment wins."""
    countries = dictionary.countries
    for i, tok in enumerate(tokens):
        if person:
            break
        text = tok.text
        if tok.lower_ == "pro" and i + 2 < len(tokens) and tokens[i + 1].text == "-":
            code = countries.code_of(tokens[i + 2].text, fold)
            if code:
                return code, True, None
        if text.lower().startswith("pro-") and countries.code_of(text[4:], fold):
            return countries.code_of(text[4:], fold), True, None
    for i, tok in enumerate(tokens):
        if i > 0 and tokens[i - 1].text == "-" and i > 1 and tokens[i - 2].lower_ == "pro":
            continue
        code = countries.code_of(tok.text, fold)
        if code is None and i + 1 < len(tokens):  # "South Korean", "Sri Lankan"
            code = countries.code_of(f"{tok.text} {tokens[i + 1].text}", fold)
        if code:
            return code, False, None
        entry = dictionary.lookup(tok.text, published) if tok.text[:1].isupper() or (fold and not tok.is_stop) else None
        if entry is not None and entry.kind != "person":
            return entry.country, False, entry
    return None, False, None


def _person_in_role(ent: Span) -> bool:
    """A name NER reads as a person that acts or is acted on as one ("Khan was taken into custody",
    "police arrested Lai"): a surname that is also a town's name is the person (DESIGN §4)."""
    return ent.label_ == "PERSON" and ent.root.dep_ in ("nsubj", "nsubjpass", "dobj", "poss", "appos")


def _possessor_entry(modifiers: list[Token], dictionary: ActorDictionary, published: str | None) -> DictEntry | None:
    """The known actor a role belongs to by a possessive ("Guterres' spokesman")."""
    for token in modifiers:
        if any(c.tag_ == "POS" for c in token.children) or token.dep_ == "poss":
            whole = " ".join(t.text for t in token.subtree if t.tag_ != "POS" and t.dep_ != "case")
            for name in dict.fromkeys((token.text, whole)):  # "Guterres'", "Kim Jong Un's"
                entry = dictionary.lookup(name, published)
                if entry is not None:
                    return entry
    return None


def _employer(role: Token, dictionary: ActorDictionary, published: str | None,
              fold: bool) -> tuple[str | None, DictEntry | None]:
    """(country, organisation) of the body a described person works for, read from the role's
    prepositional phrases, the innermost first ("assistant secretary for Western hemisphere affairs
    at the U.S. State Department": the State Department's country)."""
    phrases = [c for c in role.subtree if c.dep_ == "prep" and c.i > role.i and c.lower_ in
               ("at", "for", "of", "with", "in")]
    for prep in reversed(phrases):
        country, _aligned, org = _modifier_country(list(prep.subtree)[1:], dictionary, published,
                                                   person=True, fold=fold)
        if country is not None and country not in ("IGO",) or org is not None:
            return country, org
    return None, None


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
        if dictionary.lookup(tok.text) is not None and dictionary.lookup(tok.text).kind != "person":
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
        if entry is not None and entry.kind != "person":
            words = []
            continue
        words.append(tok)
    if not any(role_key(t, dictionary.lexicon) for t in words):
        return None
    text = "".join(t.text_with_ws for t in words).strip()
    return text.replace(" - ", "-") or None


def read_candidate(cand: Candidate, dictionary: ActorDictionary, ctx: StoryContext,
                   published: str | None, place_spans: set[tuple[int, int]]) -> Reading | None:
    """Resolve one candidate from its own words and position; None when it is not an actor."""
    doc = cand.head.doc
    home, fold = ctx.home, ctx.lowercase
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
        is_place = (doc[ent.start].idx, doc[ent.end - 1].idx + len(doc[ent.end - 1])) in place_spans \
            and not _person_in_role(ent)
        code = countries.code_of(bare, fold)
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
            country, _aligned, org = _modifier_country(modifiers, dictionary, published, person=True,
                                                       fold=fold)
            if country is None and cand.appos is not None:  # "X, an official at the U.S. embassy"
                country, employer = _employer(cand.appos.head, dictionary, published, fold)
                org = org or employer
            role = _role_text(modifiers, dictionary)
            sector = None
            if role:
                key = next(role_key(t, lexicon) for t in reversed(modifiers) if role_key(t, lexicon))
                sector = _sector(modifiers, key, lexicon.roles[key].sector, dictionary)
                if org is not None and org.sector not in (None, "GOV") and sector == "GOV":
                    sector = org.sector  # "Houthi leader X" leads the Houthis
                country = country or (org.country if org is not None else None) or (
                    home if sector in DOMESTIC_SECTORS and key not in lexicon.foreign_roles else None)
            return Reading(cand, _clean_name(name_tokens, dictionary), country, sector, "person",
                           role, person=True, text_stated=bool(role or country))
        if ent.label_ == "ORG" and ent.root.i == ent.end - 1 and role_key(ent.root, lexicon) and all(
                t.dep_ == "det" or countries.code_of(t.text, fold) for t in ent[:-1]):
            return _read_role(cand, span_tokens, dictionary, ctx, published)  # "ukrainian police"
        # an organisation named in the text: "the Russian Defence Ministry", "the opposition Party"
        key_token = next((t for t in reversed(ent) if role_key(t, lexicon)), None)
        key = role_key(key_token, lexicon) if key_token is not None else None
        modifiers = [t for t in span_tokens if t.i < (key_token.i if key_token is not None else ent.start)]
        country, _aligned, _org = _modifier_country(modifiers, dictionary, published, fold=fold)
        sector = _sector(list(ent), key, lexicon.roles[key].sector, dictionary) if key else None
        if sector == "PTY" and any(role_key(t, lexicon) == "opposition" for t in modifiers):
            sector = "OPP"
        if key and country is None and sector in DOMESTIC_SECTORS:
            country = home
        name = bare
        if country and key and country in countries.countries:
            own = " ".join(t.text for t in ent if t.dep_ != "det" and t.tag_ != "POS"
                           and not countries.code_of(t.text, fold))
            name = f"{countries.countries[country].name} {own}"
        return Reading(cand, name, country, sector, "organisation", text_stated=bool(country))
    return _read_role(cand, span_tokens, dictionary, ctx, published)


def _read_role(cand: Candidate, tokens: list[Token], dictionary: ActorDictionary,
               ctx: StoryContext, published: str | None) -> Reading | None:
    lexicon, countries = dictionary.lexicon, dictionary.countries
    head = cand.head
    modifiers = tokens[:-1]
    country, aligned, org = _modifier_country(modifiers, dictionary, published, fold=ctx.lowercase)
    side = country if aligned else None  # the country a "pro-X" group sides with
    unidentified = any(t.lower_ in lexicon.unidentified for t in modifiers)
    if cand.rule == "armed":
        sector = next(lexicon.armed_modifiers[t.lower_] for t in modifiers
                      if t.lower_ in lexicon.armed_modifiers)
        kind, canonical = "group", "militants" if sector == "UAF" else lexicon.sector_names[sector]
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
    if canonical == "alliance":  # only as a reference to an alliance named elsewhere (coref.py)
        return Reading(cand, "alliance", None, None, kind, canonical=canonical, pending=True)
    if aligned and sector in ("UAF", "MIL", "PRM"):
        sector = "REB"  # an armed group on a foreign side is an insurgent, not that state's army
        canonical = "militants"
    if aligned and key in ("activist", "supporter"):
        sector = "REB"  # gold guidelines: pro-Russian activists seizing buildings are separatists
    if org is not None and (sector in (org.sector, "GOV", "UNK") or key in lexicon.weak_roles):
        # "a Houthi official", "Houthi fighters", "an AFP correspondent", "UN envoy": the organisation
        return Reading(cand, org.name, org.country, org.sector, org.kind, entry=org)
    if key in lexicon.weak_roles and country is None and org is None and sector == "GOV":
        principal = _possessor_entry(modifiers, dictionary, published)
        if principal is not None:  # "Guterres' spokesman" speaks for the UN chief
            return Reading(cand, f"{principal.name} {key}", principal.country, principal.sector, kind)
        if not (key == "leader" and head.tag_ == "NNS"):  # "world leaders", "the two leaders": heads of government
            return Reading(cand, f"unidentified {key}", None, "UNK", kind, canonical=key)
    if country is None and sector in STATE_SECTORS:
        owner = _possessor_entry(modifiers, dictionary, published)
        if owner is not None and owner.country:  # "Kim Jong Un's regime": the state of its leader
            country = owner.country
    pronoun_owner = any(t.dep_ == "poss" and t.pos_ == "PRON" for t in modifiers)
    stated = country is not None and (aligned or any(
        countries.code_of(t.text, ctx.lowercase) for t in modifiers))
    if sector == "NGO":
        country = "NGO"
    elif aligned or (country is None and sector in GROUP_SECTORS and not pronoun_owner):
        country = ctx.operating_country(head)  # where the group acts (ACLED), not whose side it takes
    elif country is None and sector in STATE_SECTORS and not pronoun_owner and key not in lexicon.foreign_roles:
        country = ctx.home  # "its troops" stays without a country: pronoun-free by design
    if canonical in ("government", "local government") and country in countries.countries and not aligned:
        if canonical == "government":
            return Reading(cand, countries.countries[country].name, country, "GOV", "state",
                           text_stated=stated)
    if canonical is None:  # ministries: "Ukraine's Defense Ministry"
        words = [t.text for t in tokens if t.dep_ not in ("det", "poss", "case") and t.tag_ != "POS"
                 and not countries.code_of(t.text, ctx.lowercase)]
        base = " ".join(words)
        name = f"{countries.countries[country].name} {base}" if country in countries.countries else base
        return Reading(cand, name, country, sector, "organisation", text_stated=stated)
    if side in countries.countries:
        prefix = f"pro-{countries.countries[side].adjective}"
    elif country in countries.countries and (stated or sector not in GROUP_SECTORS):
        prefix = countries.countries[country].adjective  # "Ukrainian police", "Kenyan protesters"
    elif sector == "UAF":
        prefix = "unidentified"
    else:
        prefix = ""
    name = f"{prefix} {canonical}".strip()
    return Reading(cand, name, country, sector, kind, aligned=aligned, unidentified=unidentified,
                   canonical=canonical, text_stated=stated)
