"""Place rules that read the participants: when a country named as the place is a party, not a venue.

Sentences about bilateral acts and meetings name countries as parties ("met counterparts from
Russia", "Russia summoned the Czech ambassador"), and the events stage sometimes takes such a party
for the event's place. Two rules keep those reports together without letting different towns merge:

* party country: a place that is only a country C is compatible with a place in another country D
  when both C and D are countries of the pair's actors (both are parties to the act);
* meetings (CONSULT): a plan of a meeting and the report that it was held are one event when
  their dates meet (the gold guidelines key them together), and who meets whom may be said in
  either order, so the roles' countries do not veto when the venue town or an actor is shared;
* planned meeting: a plan and a meeting on the same day (both day-precise) are one meeting
  whatever coarse place (country or region) either names, as long as not both name a town and the
  towns differ; a plan is identified by its day and its parties (the venue is a town when given),
  so then a shared actor or party country ties them, and other parties keep them apart.
"""

from __future__ import annotations

from tidings.model import Location

from tidings.resolve._compat import REALIS, chain_country

#: Types whose plans are meetings, identified by day and parties rather than by the place named.
MEETING_TYPES = frozenset({"CONSULT"})
#: A meeting's plan ("will meet", "could travel") and the report that it was held may merge; a
#: denied or called-off meeting may not.
MEETING_MODALITIES = frozenset({"planned", "hypothetical", "asserted", "claimed"})


def chain_country_code(chain: tuple[str, ...]) -> str | None:
    """The country a place chain lies in (its last key), None when it names no country."""
    if chain and chain[-1].startswith("ctry:"):
        return chain[-1][5:]
    return None


def party_country_place(chain_a: tuple[str, ...], chain_b: tuple[str, ...], parties: set[str]) -> bool:
    """One place is only a country, the other lies in another country, and both countries are parties."""
    for bare, other in ((chain_a, chain_b), (chain_b, chain_a)):
        country = chain_country(bare)
        where = chain_country_code(other)
        if country and where and country != where and {country, where} <= parties:
            return True
    return False


def is_meeting_plan(type_: str, modality: str) -> bool:
    """A meeting that is planned, expected or hypothetical (not a report of one held)."""
    return type_ in MEETING_TYPES and modality not in REALIS


def is_town(location: Location | None) -> bool:
    """A town or a point (geo_precision 1-2): the only places that can name a venue."""
    if location is None:
        return False
    return (location.geo_precision or (1 if location.place_id else 4)) <= 2


def meeting_places_compatible(
    chain_a: tuple[str, ...], town_a: bool, chain_b: tuple[str, ...], town_b: bool
) -> bool:
    """Different towns are different venues; any other pair of places may name one meeting."""
    if town_a and town_b:
        return chain_a[0] == chain_b[0]
    return True


def party_tie(shared_actor: bool, named: bool, countries: set[str], parties: set[str],
              same_doc: bool) -> float | None:
    """What the parties add to a same-day meeting plan whose place does not tie it; None: apart.

    A shared actor or party country ties it (1); other parties on both sides make it another
    meeting; a plan that names no party joins the day's meeting from another document (0.5).
    """
    if shared_actor or countries & parties:
        return 1.0
    if named and parties:
        return None
    return 0.0 if same_doc else 0.5
