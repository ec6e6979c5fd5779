"""Whether a mention can join an event: the compatibility rules of `EventIndex`, read against the
summary a cluster keeps of its members (types and modes, date span, place chain, actors, stories).

Vetoes, in order (the rules themselves are in `_compat` and `_parties`):
* type: same type or a listed pair; stated modes must agree with every member's or belong to one
  family (tear gas is not live fire; a suicide attack is an explosives attack); inside one document
  two types are two acts;
* modality: real vs planned never merge, except a meeting's plan and the meeting held;
* date: each date is a span of days; spans more than `day_window` apart do not merge; inside one
  story the publication-day fallback widens to the `story_lag` days before publication, and
  year/unknown dates meet the story's acts (outside it they need the same publication day);
* place: different towns never merge; a town joins its region or country; a bare country joins a
  place in another country when both countries are parties; inside one story a region of unknown
  country does not tell places apart;
* actors: contradicting countries in a role veto (inside one story only those of state actors: a
  non-state group's country is a guess); one document naming other resolved doers or targets for
  one type tells of two acts; without a shared place, reports from different documents need a
  shared actor or the story.
"""

from __future__ import annotations

from tidings.model import EventMention

from tidings.resolve._cluster import Cluster
from tidings.resolve._compat import (
    actor_countries,
    actor_ids,
    date_span,
    day_number,
    modality_compatible,
    modes_compatible,
    place_chain,
    places_compatible,
    role_compatible,
    sides,
    span_gap,
    state_actors,
    story_span,
    towns_nearby,
)
from tidings.resolve._modes import mode_rules
from tidings.resolve._parties import (
    MEETING_MODALITIES,
    MEETING_TYPES,
    is_meeting_plan,
    is_town,
    meeting_places_compatible,
    party_country_place,
    party_tie,
)


def fit(mention: EventMention, cluster: Cluster, story: str | None, day_window: int, story_lag: int
        ) -> float | None:
    """How well `mention` (of story `story`) fits `cluster`, or None when they cannot be one event."""
    event = cluster.event
    same_doc = mention.doc_id in cluster.docs
    for type_, mode in cluster.type_modes:
        if not modes_compatible(mention.type, mention.mode, type_, mode):
            return None
        if same_doc and type_ != mention.type:
            return None  # one report that codes two acts differently tells of two acts
    if same_doc and _denial_apart(mention, cluster):
        return None
    span = date_span(mention.date, mention.date_precision, mention.date_text)
    gap = span_gap(span, cluster.span) if span is not None and cluster.span is not None else None
    # a meeting: its plans and the report of it held are one event when the days meet
    meeting = gap == 0 and mention.type in MEETING_TYPES and event.type in MEETING_TYPES
    same_story = story is not None and story in cluster.stories
    if same_story and gap is not None:  # undated reports of one story widen to the days before
        gap = span_gap(story_span(span, mention.date, mention.date_precision, mention.date_text, story_lag),
                       story_span(cluster.span, event.date, event.date_precision, event.date_text,
                                  story_lag))
    if not modality_compatible(mention.modality, event.modality) and not (
        meeting and MEETING_MODALITIES >= {mention.modality, event.modality}
    ):
        return None
    distance = 0.0
    if gap is not None:
        if gap > day_window:
            return None
        distance = gap / (day_window + 1.0)
    else:
        if mention.date and event.date and mention.date[:4] != event.date[:4]:
            return None
        if not same_doc and (_past_year(mention.date, mention.date_precision, mention.evidence.published)
                             and not event.date
                             or _past_year(event.date, event.date_precision, cluster.first_published)
                             and not mention.date):
            return None  # "in 2018, ..." in a later article is a past act, not the story's undated news
        pub = day_number(mention.evidence.published)
        if not same_doc and not same_story and (pub is None or pub not in cluster.pub_days):
            return None  # an undated report meets others of its publication day, or of its story
    chain = place_chain(mention.location)
    place = places_compatible(chain, cluster.chain, towns_nearby(mention.location, event.location))
    if place is None and same_story and (_vague(chain) or _vague(cluster.chain)):
        place = 0  # a region of no known country ("the Sahel") cannot tell two places of one story apart
    plan_day = (meeting and span is not None and span[0] == span[1] == cluster.span[0] == cluster.span[1]
                and (is_meeting_plan(mention.type, mention.modality) or cluster.plans > 0))
    parties = cluster.parties | actor_countries(mention.source) | actor_countries(mention.target)
    if place is None:
        if plan_day and meeting_places_compatible(chain, is_town(mention.location), cluster.chain,
                                                  cluster.town):
            place = 0
        elif party_country_place(chain, cluster.chain, parties):
            place = 0
        else:
            return None
    mine_sides = sides(mention.source)
    if not meeting and mine_sides and cluster.source_sides and not mine_sides & cluster.source_sides:
        return None  # state forces in one report, rebels or protesters in the other: two acts
    if same_doc and not meeting and (_apart(actor_ids(mention.source), cluster.source_ids)
                                     or _apart(actor_ids(mention.target), cluster.target_ids)):
        return None  # one report naming other doers or other targets for one type tells of two acts
    own = actor_ids(mention.source) | actor_ids(mention.target)
    shared_ids = own & (cluster.source_ids | cluster.target_ids)
    if same_story:  # the country of a non-state group is a guess (where it operates): only states veto
        source = role_compatible(state_actors(mention.source), cluster.source_ids, cluster.source_state_countries)
        target = role_compatible(state_actors(mention.target), cluster.target_ids, cluster.target_state_countries)
        source = None if source is None else len(actor_ids(mention.source) & cluster.source_ids)
        target = None if target is None else len(actor_ids(mention.target) & cluster.target_ids)
    else:
        source = role_compatible(mention.source, cluster.source_ids, cluster.source_countries)
        target = role_compatible(mention.target, cluster.target_ids, cluster.target_countries)
    if target is None and mention.type in mode_rules().free_targets and event.type == mention.type:
        target = 0  # whom a show of force is aimed at is each outlet's reading (resolve_modes.yaml)
    if source is None or target is None:
        if not (meeting and (place == 3 or shared_ids)):
            return None
        source = target = 0  # who meets whom is said in either order; the venue or a party ties
    if plan_day and place < 3:  # the place does not tie a meeting's plans: its parties do
        mine = actor_countries(mention.source) | actor_countries(mention.target)
        tie = party_tie(bool(shared_ids), bool(own or mine), mine, cluster.parties, same_doc)
        if tie is None:
            return None
        source += tie
    if place == 0 and not same_doc and not same_story and source + target == 0:
        return None  # without a place, a shared actor or the story ties reports from other documents
    return place + source + target + (0.5 if same_doc else 0.0) - distance


def joins_another_act_untied(mention: EventMention, cluster: Cluster) -> bool:
    """Would the mention join another act of its own article with nothing to tie the two?

    Within-article coreference (events/coreference.py) groups what it is sure of and may leave a
    restatement as an act of its own; when another outlet's report is compatible with both
    acts, or they share an actor or a place (a town or a region), they are one act told twice and meet in one event
    (else the other outlets' reports are shared out between them). Otherwise coreference's
    decision stands: an article's two arrests or two strikes stay two events."""
    if not mention.act or mention.doc_id not in cluster.docs or len(cluster.docs) > 1:
        return False
    if not any(m.doc_id == mention.doc_id and m.act and m.act != mention.act for m in cluster.members):
        return False
    shared = (actor_ids(mention.source) | actor_ids(mention.target)) & (cluster.source_ids | cluster.target_ids)
    chain = place_chain(mention.location)
    same_place = bool(chain) and chain[:1] == cluster.chain[:1] and not chain[0].startswith("ctry:")
    return not shared and not same_place


def modes_meet(mention: EventMention, cluster: Cluster) -> bool:
    """Do the mention's type and mode meet those of every member of the cluster?"""
    return all(modes_compatible(mention.type, mention.mode, type_, mode) for type_, mode in cluster.type_modes)


#: Modalities that say an act did not happen (as its alleged author or the article tells it).
DENIALS = frozenset({"denied", "negated"})


def _denial_apart(mention: EventMention, cluster: Cluster) -> bool:
    """Does the mention's article tell, as another act, one of denial and one of fact?

    An article that reports strikes and, apart from them, that the other side "denied its aircraft
    had been destroyed" tells of two acts; across outlets a denial and the report it denies are one
    act ("Israel denied striking the hospital")."""
    denied = mention.modality in DENIALS
    return any(member.doc_id == mention.doc_id and member.act != mention.act
               and (member.modality in DENIALS) != denied for member in cluster.members)


def _apart(mine: set[str], theirs: set[str]) -> bool:
    """Both name resolved actors in a role, and none is shared."""
    return bool(mine) and bool(theirs) and not mine & theirs


def _vague(chain: tuple[str, ...]) -> bool:
    """A place chain of a region (not a town, not a country) whose country is unknown."""
    return bool(chain) and not chain[0].startswith(("ctry:", "geonames:", "txt:")) and not any(
        key.startswith("ctry:") for key in chain)


def _past_year(iso: str | None, precision: str, published: str | None) -> bool:
    """A year-precise date before the publication year: background, an act of an earlier year."""
    return precision == "year" and bool(iso) and bool(published) and iso[:4] < published[:4]
