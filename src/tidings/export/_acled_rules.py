"""ACLED's actor types (`inter` codes), generic actors and source scale, from export_acled.yaml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlparse

from tidings._data import data_path, read_yaml
from tidings.errors import DataError
from tidings.export._countries import Country
from tidings.model import ActorRef

FILE = "export_acled.yaml"
#: inter codes of armed actors (state, rebels, militias, external forces).
ARMED = frozenset({1, 2, 3, 4, 8})
DEMONSTRATIONS = {"Protests": 6, "Riots": 5}


@dataclass(frozen=True)
class AcledRules:
    inter_by_sector: dict[str, int]
    forces: frozenset[str]
    identity_words: tuple[str, ...]
    generic_actor1: dict[str, tuple[str, int]]
    scale_order: tuple[str, ...]
    new_media: frozenset[str]
    international: frozenset[str]
    cctld_exceptions: dict[str, str]
    generic_cctlds: frozenset[str]

    def inter(self, actor: ActorRef, event_type: str, venue: str | None, demonstrating: bool) -> int:
        """ACLED actor type of `actor`: from its sector; state forces outside their country are
        external forces; an unarmed actor on the demonstrating side is Protesters / Rioters; an actor
        of unknown sector in a Battle (by ACLED's definition between armed groups) an armed group."""
        sector, country = actor.sector or "", actor.country or ""
        code = self.inter_by_sector.get(sector) or self.inter_by_sector.get(country)
        if code is None:  # no sector we know: a Battle is fought by armed groups (ACLED), else a civilian
            code = 3 if event_type == "Battles" else 7
        if sector in self.forces and venue and country and country != venue \
                and country not in self.inter_by_sector:
            return 8
        if code == 3 and _has_word(f"{actor.name or ''} {actor.text}", self.identity_words):
            return 4
        if code not in ARMED and demonstrating and event_type in DEMONSTRATIONS:
            return DEMONSTRATIONS[event_type]
        return code

    def outlet_scale(self, url: str | None, event_country: Country | None, countries: dict[str, Country]) -> str:
        """One outlet's ACLED source scale, from its web address (rule in export_acled.yaml)."""
        host = (urlparse(url).hostname or "").lower().removeprefix("www.") if url else ""
        if not host:
            return "Other"
        if _under(host, self.new_media):
            return "New media"
        if _under(host, self.international):
            return "International"
        tld = host.rsplit(".", 1)[-1]
        if len(tld) != 2 or tld in self.generic_cctlds:
            return "Other"
        iso2 = self.cctld_exceptions.get(tld, tld.upper())
        home = next((c for c in countries.values() if c.iso2 == iso2), None)
        if home is None or event_country is None:
            return "Other"
        if home.iso3 == event_country.iso3:
            return "National"
        return "Regional" if home.region and home.region == event_country.region else "International"

    def source_scale(self, urls: list[str | None], event_country: Country | None,
                     countries: dict[str, Country]) -> str:
        """The distinct scales of the event's outlets, joined with "-" in ACLED's order."""
        found = {self.outlet_scale(url, event_country, countries) for url in urls}
        return "-".join(scale for scale in self.scale_order if scale in found)


def _under(host: str, domains: frozenset[str]) -> bool:
    parts = host.split(".")
    return any(".".join(parts[i:]) in domains for i in range(len(parts) - 1))


def _has_word(text: str, words: tuple[str, ...]) -> bool:
    padded = " " + re.sub(r"[^a-z0-9]+", " ", text.lower()) + " "
    return any(f" {word} " in padded for word in words)


@lru_cache(maxsize=1)
def acled_rules() -> AcledRules:
    """Load export_acled.yaml once per process.

    Raises:
        DataError: a code outside 1-8, a sector listed twice, or a malformed generic actor.
    """
    raw = read_yaml(FILE) or {}
    path = data_path(FILE)
    by_sector: dict[str, int] = {}
    for code, sectors in (raw.get("inter_by_sector") or {}).items():
        if code not in range(1, 9):
            raise DataError(f"{path}: inter_by_sector: {code!r} is not an ACLED inter code (1-8)")
        for sector in sectors:
            if sector in by_sector:
                raise DataError(f"{path}: inter_by_sector: {sector} listed under {by_sector[sector]} and {code}")
            by_sector[sector] = code
    generic: dict[str, tuple[str, int]] = {}
    for event_type, pair in (raw.get("generic_actor1") or {}).items():
        if not (isinstance(pair, list) and len(pair) == 2 and "{country}" in str(pair[0])):
            raise DataError(f"{path}: generic_actor1.{event_type}: want [\"Name ({{country}})\", code]")
        generic[event_type] = (str(pair[0]), int(pair[1]))
    return AcledRules(
        inter_by_sector=by_sector, forces=frozenset(raw.get("forces") or ()),
        identity_words=tuple(str(w).lower() for w in raw.get("identity_words") or ()),
        generic_actor1=generic,
        scale_order=tuple(raw.get("scale_order") or ()),
        new_media=frozenset(raw.get("new_media_domains") or ()),
        international=frozenset(raw.get("international_domains") or ()),
        cctld_exceptions={str(k): str(v) for k, v in (raw.get("cctld_exceptions") or {}).items()},
        generic_cctlds=frozenset(raw.get("generic_cctlds") or ()),
    )
