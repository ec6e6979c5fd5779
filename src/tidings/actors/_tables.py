"""The lexicons we ship for actors: countries (names, demonyms, capitals) and role words."""

from __future__ import annotations

from dataclasses import dataclass, field

from tidings._data import read_yaml
from tidings.errors import DataError

_SECTOR_KINDS = ("person", "group", "crowd", "organisation", "state")


@dataclass(frozen=True)
class Country:
    """A country as actor resolution needs it."""

    code: str
    name: str
    adjective: str  # "Ukrainian"


@dataclass(frozen=True)
class Role:
    """What a role noun says about its actor."""

    sector: str
    kind: str
    canonical: str | None  # "government" = the country's government itself


@dataclass
class CountryTable:
    """Case-sensitive lookups from a surface form to a country code."""

    countries: dict[str, Country] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # "Ukraine", "the Kremlin" -> UKR/RUS
    demonyms: dict[str, str] = field(default_factory=dict)  # "Ukrainian", "Ukrainians" -> UKR
    capitals: dict[str, str] = field(default_factory=dict)  # "Kiev" -> UKR
    folded: dict[str, str] = field(default_factory=dict)  # casefolded forms of all three
    folded_demonyms: set[str] = field(default_factory=set)

    def code_of(self, text: str, fold: bool = False) -> str | None:
        """The country a name, alias, demonym or capital refers to.

        Matching is case-sensitive ("Turkey" the state, "turkey" the bird) unless `fold` is set,
        which callers do for text written in lower case throughout.
        """
        text = text.strip()
        for table in (self.names, self.demonyms, self.capitals):
            if text in table:
                return table[text]
        if text.lower().startswith("the "):
            code = self.names.get(text[4:])
            if code or not fold:
                return code
        if fold:
            key = text.casefold()
            return self.folded.get(key[4:] if key.startswith("the ") else key)
        return None


@dataclass
class RoleLexicon:
    """Role nouns, sector phrases and the word lists that guard against mislabels."""

    roles: dict[str, Role]
    phrases: dict[str, str]
    armed_heads: frozenset[str]
    armed_modifiers: dict[str, str]
    unidentified: frozenset[str]
    political_verbs: frozenset[str]
    locative_preps: frozenset[str]
    place_nouns: frozenset[str]
    not_person: frozenset[str]
    weapon_nouns: frozenset[str]
    person_like: frozenset[str]
    titles: frozenset[str]
    premises_nouns: frozenset[str]
    weak_roles: frozenset[str]
    foreign_roles: frozenset[str]
    aircraft_heads: frozenset[str]
    sector_names: dict[str, str]


def _split(field_text: str) -> list[str]:
    return [part.strip() for part in field_text.split(",") if part.strip()]


def load_countries(name: str = "actors_countries.yaml") -> CountryTable:
    """Build the country table from our YAML (`ISO3: "Name | demonyms | capitals | aliases"`)."""
    raw = read_yaml(name)
    if not isinstance(raw, dict):
        raise DataError(f"{name}: expected a mapping of ISO3 codes")
    table = CountryTable()
    for code, value in raw.items():
        parts = [p.strip() for p in str(value).split("|")]
        if len(parts) < 3 or len(str(code)) != 3 or not parts[0]:
            raise DataError(f"{name}: {code}: expected 'Name | demonyms | capitals [| aliases]'")
        names, demonyms, capitals = [parts[0]], _split(parts[1]), _split(parts[2])
        names += _split(parts[3]) if len(parts) > 3 else []
        if not demonyms:
            raise DataError(f"{name}: {code}: no demonym")
        table.countries[code] = Country(code, parts[0], demonyms[0])
        for text in names:
            table.names.setdefault(text.removeprefix("the "), code)
            table.names.setdefault(text, code)
        for text in demonyms:
            table.demonyms.setdefault(text, code)
            plural = text + ("" if text.endswith(("s", "sh", "ch", "ese", "i")) else "s")
            table.demonyms.setdefault(plural, code)
        for text in capitals:
            table.capitals.setdefault(text, code)
    for forms in (table.names, table.demonyms, table.capitals):
        for text, code in forms.items():
            table.folded.setdefault(text.casefold(), code)
    table.folded_demonyms = {text.casefold() for text in table.demonyms}
    return table


def _words(raw: dict, key: str, name: str) -> frozenset[str]:
    values = raw.get(key)
    if not isinstance(values, list):
        raise DataError(f"{name}: '{key}' must be a list")
    return frozenset(str(v) for v in values)


def load_lexicon(name: str = "actors_roles.yaml") -> RoleLexicon:
    """Build the role lexicon from our YAML; malformed entries fail here, not mid-run."""
    raw = read_yaml(name)
    roles: dict[str, Role] = {}
    for word, spec in (raw.get("roles") or {}).items():
        if not isinstance(spec, list) or len(spec) != 3 or spec[1] not in _SECTOR_KINDS:
            raise DataError(f"{name}: role {word!r}: expected [SECTOR, kind, canonical]")
        roles[str(word)] = Role(str(spec[0]), str(spec[1]), spec[2])
    return RoleLexicon(
        roles=roles,
        phrases={str(k): str(v) for k, v in (raw.get("phrases") or {}).items()},
        armed_heads=_words(raw, "armed_heads", name),
        armed_modifiers={str(k): str(v) for k, v in (raw.get("armed_modifiers") or {}).items()},
        unidentified=_words(raw, "unidentified", name),
        political_verbs=_words(raw, "political_verbs", name),
        locative_preps=_words(raw, "locative_preps", name),
        place_nouns=_words(raw, "place_nouns", name),
        not_person=_words(raw, "not_person", name),
        weapon_nouns=_words(raw, "weapon_nouns", name),
        person_like=_words(raw, "person_like", name),
        titles=_words(raw, "titles", name),
        premises_nouns=_words(raw, "premises_nouns", name),
        weak_roles=_words(raw, "weak_roles", name),
        foreign_roles=_words(raw, "foreign_roles", name),
        aircraft_heads=_words(raw, "aircraft_heads", name),
        sector_names={str(k): str(v) for k, v in (raw.get("sector_names") or {}).items()},
    )
