"""Role descriptions to the actors they stand for, within one document.

* "the interior minister says" -> the Interior Minister named elsewhere in the document (Avakov);
* "the ministry" -> the last ministry named before it; "the alliance" -> the alliance named (NATO);
* "a spokesman for the Interior Ministry", "officers of the GRU" -> that ministry, the GRU (the
  person speaks or acts for it); "counterparts from Russia" -> Russian counterparts.
"""

from __future__ import annotations

from tidings.actors.detect import role_key
from tidings.actors.dictionary import ActorDictionary
from tidings.actors.link import adopt
from tidings.actors.resolve import Reading

_OWNER_PREPS = ("for", "of", "from")
_PERSON_SECTORS = ("GOV", "MIL", "UNK")


def _role_phrase(r: Reading) -> str:
    """"the interior minister" -> "interior minister"."""
    words = [t.lower_ for t in r.cand.head.doc[r.cand.start:r.cand.head.i + 1]
             if t.dep_ not in ("det", "poss", "nummod") and t.is_alpha]
    return " ".join(words)


def _is_description(r: Reading) -> bool:
    """A role noun phrase with no country of its own: "the ministry", "the interior minister"."""
    return r.cand.entity is None and r.cand.rule == "role" and not r.text_stated and not r.aligned


def attach_owners(readings: list[Reading], dictionary: ActorDictionary) -> None:
    """"a spokesman for X", "officers of X", "counterparts from X": X says whose they are."""
    by_head = {r.cand.head.i: r for r in readings}
    countries = dictionary.countries
    for r in readings:
        if not _is_description(r) and not (r.cand.rule == "role" and r.sector == "UNK"):
            continue
        for prep in r.cand.head.children:
            if prep.dep_ != "prep" or prep.lower_ not in _OWNER_PREPS:
                continue
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is None:
                continue
            owner = by_head.get(obj.i)
            if owner is not None and owner.country and not owner.pending and not owner.person:
                adopt(r, owner)
                r.pending, r.text_stated = False, True
                break
            code = countries.code_of(obj.text)
            if owner is None and code and code in countries.countries:
                r.country, r.text_stated = code, True
                if r.canonical == "government" or (r.kind == "state" and r.sector == "GOV"):
                    # "the transitional government of Mali": Mali's government, whatever the home
                    r.name, r.sector, r.kind = countries.countries[code].name, "GOV", "state"
                elif r.canonical and r.canonical != "local government":
                    r.name = f"{countries.countries[code].adjective} {r.canonical}"
                break


def _person_referent(r: Reading, people: list[Reading]) -> Reading | None:
    phrase = _role_phrase(r)
    if not phrase or r.cand.head.tag_ in ("NNS", "NNPS"):
        return None
    matching = [p for p in people if p.role and p.role.lower().replace("-", " ").endswith(phrase)]
    if len({p.name for p in matching}) == 1:
        return matching[0]
    before = [p for p in matching if p.cand.start < r.cand.start]
    if before and len(phrase.split()) >= 2:  # "the foreign minister": the nearest one named before
        return max(before, key=lambda p: p.cand.start)
    return None


def link_roles(readings: list[Reading], dictionary: ActorDictionary) -> None:
    """Definite role descriptions to the named person, ministry or alliance they refer to."""
    lexicon = dictionary.lexicon
    people = [r for r in readings if r.person and r.role and r.cand.entity is not None]
    for r in readings:
        if r.canonical == "alliance" and r.pending:
            named = [o for o in readings if o.entry is not None and o.entry.country == "IGO"
                     and o.entry.kind == "organisation" and o.cand.start < r.cand.start]
            if named:
                adopt(r, max(named, key=lambda o: o.cand.start))
                r.pending = False
            continue
        if not _is_description(r):
            continue
        head = r.cand.head
        key = role_key(head, lexicon)
        if key is not None and lexicon.roles[key].kind == "person" and r.sector in _PERSON_SECTORS:
            referent = _person_referent(r, people)
            if referent is not None:
                adopt(r, referent)
        elif r.canonical is None and head.lemma_.lower() == "ministry" and _role_phrase(r) == "ministry":
            named = [o for o in readings if o.cand.start < r.cand.start and o.text_stated
                     and o.canonical is None and "ministry" in o.name.lower()]
            if named:
                adopt(r, max(named, key=lambda o: o.cand.start))
