"""Within-document linking: surnames to full names, acronyms to their expansion, bare group nouns
("separatists") to the one qualified group of that kind ("pro-Russian separatists")."""

from __future__ import annotations

from tidings.actors.resolve import STATE_SECTORS, Reading


def adopt(reading: Reading, leader: Reading) -> None:
    """Make `reading` name the same actor as `leader`."""
    for attr in ("name", "country", "sector", "kind", "role", "person", "aligned", "entry"):
        setattr(reading, attr, getattr(leader, attr))


def _person_leader(group: list[Reading]) -> Reading:
    with_entry = [r for r in group if r.entry is not None and len(r.entry.name.split()) >= 2]
    user = [r for r in with_entry if r.entry.user]
    if user:
        return user[0]
    stated = [r for r in group if r.text_stated and r.role]
    if with_entry:
        return with_entry[0]
    if stated:
        return stated[0]
    return max(group, key=lambda r: len(r.name.split()))


def link_persons(readings: list[Reading]) -> None:
    """Give every mention of one person (full name, surname, "Mr X") the same attributes."""
    people = [r for r in readings if r.person or (
        r.cand.entity is not None and r.entry is None and not r.text_stated and len(r.cand.entity) == 1
        and r.cand.entity.label_ == "ORG")]
    full = {}
    for r in people:
        words = (r.entry.name if r.entry else r.name).split()
        if len(words) >= 2:
            full.setdefault(r.entry.name if r.entry else r.name, []).append(r)
    groups: dict[str, list[Reading]] = {name: list(rs) for name, rs in full.items()}
    for r in people:
        if len(r.name.split()) >= 2 or (r.entry and len(r.entry.name.split()) >= 2):
            continue
        words = r.name.split()
        matches = [n for n in full if n.split()[-len(words):] == words]
        if len(matches) == 1:
            groups[matches[0]].append(r)
    persons = [n for n, rs in full.items() if any(r.person for r in rs)]
    for r in readings:  # "Le Drian" tagged ORG after "Foreign Minister Jean-Yves Le Drian"
        if r.person or r.entry is not None or r.text_stated or r.cand.entity is None \
                or r.cand.entity.label_ != "ORG" or not 2 <= len(r.name.split()) <= 3:
            continue
        words = r.name.split()
        matches = [n for n in persons if n != r.name and n.split()[-len(words):] == words]
        if len(matches) == 1:
            groups[matches[0]].append(r)
    for group in groups.values():
        leader = _person_leader(group)
        for r in group:
            r.aliases.append(r.name)
            if r is not leader:
                adopt(r, leader)


def link_acronyms(readings: list[Reading]) -> None:
    """"Security Service (SBU)": the acronym and later uses of it name the phrase's actor."""
    by_span = {(r.cand.start, r.cand.end): r for r in readings}
    acronyms: dict[str, Reading] = {}
    for r in readings:
        head = r.cand.head
        if head.dep_ != "appos" or head.i == 0 or head.doc[head.i - 1].text != "(":
            continue
        outer = next((o for (s, e), o in by_span.items() if s <= head.head.i < e and o is not r), None)
        if outer is None:
            continue
        leader = r if r.entry is not None else outer
        other = outer if leader is r else r
        alias = r.cand.head.text
        adopt(other, leader)
        r.pending = outer.pending = False
        leader.aliases.append(alias)
        acronyms[alias] = leader
    for r in readings:
        text = r.cand.head.text if r.cand.rule == "acronym" else r.name
        if text in acronyms and r is not acronyms[text]:
            adopt(r, acronyms[text])
            r.pending = False



def link_groups(readings: list[Reading]) -> None:
    """A bare "separatists" or "armed men" joins the single qualified group of that kind."""
    qualified: dict[str, set[tuple]] = {}
    leaders: dict[tuple, Reading] = {}
    for r in readings:
        if r.canonical and (r.country or r.aligned) and not r.unidentified and r.text_stated:
            key = (r.name, r.country, r.sector)
            qualified.setdefault(r.canonical, set()).add(key)
            leaders.setdefault(key, r)
    for r in readings:
        if r.canonical and not r.text_stated and not r.unidentified and (
                r.country is None or r.sector not in STATE_SECTORS):  # bare "troops" keep home
            keys = qualified.get(r.canonical, set())
            if len(keys) == 1:
                adopt(r, leaders[next(iter(keys))])
