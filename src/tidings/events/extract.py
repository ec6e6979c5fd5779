"""`extract_events`: PLOVER event mentions from one parsed document, with arguments and evidence."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from functools import cache
from itertools import chain

from spacy.attrs import IS_PUNCT, IS_SPACE
from spacy.tokens import Doc, Span, Token

from tidings.events._spans import span_text
from tidings.events.arguments import actor_ref, choose_date, choose_location, clause_tokens, main_place, phrase_span
from tidings.events.countries import implied_roles, localise, owner_targets
from tidings.events.accusation import implicit_accusations
from tidings.events.classifier import EventClassifier
from tidings.events.coreference import corefer
from tidings.events.restatements import tell_once
from tidings.events.embedding import DEFINITE, unreported
from tidings.events.eventness import names_no_act
from tidings.events.genre import off_topic_genre
from tidings.events.implicit import implicit_agent, pronoun_antecedent
from tidings.events.learned import apply_learned_modality
from tidings.events.lexicon import Lexicon
from tidings.events.merge import merge_same_event
from tidings.events.modality import Modality, modality_of, named_possibility
from tidings.events.promises import assert_commitments, commitments
from tidings.events.ontology import Ontology
from tidings.events.quantities import sizes
from tidings.events.roles import governing_verb, roles
from tidings.events.triggers import TriggerMatch, decide, find_triggers
from tidings.events.spread import spread_over_places
from tidings.model import ActorRef, Document, EventMention, Evidence, Mention, Size
from tidings.nlp._memo import lower_lemmas
from tidings.nlp._text import doc_text

log = logging.getLogger(__name__)

_TWO_SIDED_WORDS = {"clash", "battle", "fight", "gunfight", "firefight", "fighting", "gunbattle", "shootout", "skirmish", "exchange"}
_MODALITY_FACTOR = {"asserted": 1.0, "claimed": 0.95, "unconfirmed": 0.8, "planned": 0.85,
                    "hypothetical": 0.6, "denied": 0.6, "negated": 0.5}
_CASUALTY_TYPES = {"ASSAULT", "PROTEST"}
_FINITE = {"VBD", "VBZ", "VBP", "MD"}
_IMPLICIT_TYPES = {"ASSAULT", "COERCE"}
_FALLBACK_FACTOR = 0.6
_LABEL = re.compile(r"^[A-Z][A-Z ]{2,}:")


def extract_events(doc: Doc, document: Document, mentions: list[Mention], ontology: Ontology,
                   classifier: EventClassifier | None = None, one_per_act: bool = True) -> list[EventMention]:
    """Every event mention in a parsed document (doc.text == document.clean_text).

    `mentions` are the actor, place and time mentions other stages found; offsets are characters
    in doc.text. Results are ordered by trigger offset. With `one_per_act` (DESIGN §4) an act the
    article tells several times is one mention, its other sentences kept as `other_evidence`;
    without it every sentence's telling is a mention of its own, each with the act's `act` key.
    """
    lexicon = ontology.lexicon
    if lexicon is None:
        raise ValueError("ontology has no trigger lexicon: build it with Ontology.load()")
    if lexicon.genres is not None:
        # the headline counts too ("Transfer: ...", "Review: ..."): cleaning drops it from the text
        # when the text repeats it, and it is the line that names the genre most often
        title = re.findall(r"[\w'-]+", (document.title or "").lower())
        genre = off_topic_genre(chain(title, _word_lemmas(doc)), lexicon.genres)
        if genre is not None:
            log.debug("document %s reads as %s, not political news: no events", document.id, genre)
            return []
    actors = [m for m in mentions if m.kind == "actor"]
    places = [m for m in mentions if m.kind == "place"]
    times = [m for m in mentions if m.kind == "time"]
    document_place = main_place(places)
    events: list[EventMention] = []
    anaphoric: set[str] = set()
    sequels: set[str] = set()
    skipped: list[tuple[int, Span]] = []
    for index, sent in enumerate(doc.sents):
        if is_debris(sent):
            skipped.append((index, sent))
            continue
        found = _sentence_events(sent, index, document, lexicon, ontology, actors, places, times, document_place,
                                 told=frozenset(e.type for e in events), anaphoric=anaphoric,
                                 sequels=sequels)
        events.extend(found)
    if not events:
        # A caption or headline-only text: its lines are all the report there is, so read them,
        # at lowered confidence (they are terse and often lack the arguments prose gives).
        for index, sent in skipped:
            if _LABEL.match(span_text(sent).strip()):
                continue  # "WATCH: ...": a link to other content, not a report
            for event in _sentence_events(sent, index, document, lexicon, ontology, actors, places, times,
                                          document_place):
                event.confidence = round(event.confidence * _FALLBACK_FACTOR, 3)
                events.append(event)
    if classifier is not None:
        # the words that name an act a possibility ("a possible attack") outrank the classifier
        apply_learned_modality(doc, events, classifier,
                               ruled=lambda root: root.pos_ in ("NOUN", "PROPN") and named_possibility(root, lexicon))
    # DESIGN §4: only what the sentence reports as happening is an event, not a condition or a
    # possibility ("we could get arrested", "if troops attack"); planned and negated acts stay
    events = [event for event in events if event.modality != "hypothetical"]
    corefer(events, anaphoric, lexicon.act_mode_families, sequels)
    return tell_once(events) if one_per_act else events


def _word_lemmas(doc: Doc) -> list[str]:
    """`t.lemma_.lower()` of every token but punctuation and spaces, in order (from the token arrays)."""
    columns = doc.to_array([IS_PUNCT, IS_SPACE])
    punct, space = columns[:, 0].tolist(), columns[:, 1].tolist()
    return [lemma for lemma, p, s in zip(lower_lemmas(doc), punct, space) if not (p or s)]


def is_debris(sent: Span) -> bool:
    """Headline-like lines we never extract from: "WATCH: ...", Title Case without a finite verb."""
    text = span_text(sent).strip()
    if not text:
        return True
    if _LABEL.match(text):
        return True
    tokens = list(sent)
    words = [t for t in tokens if t.is_alpha]
    if not words:
        return True
    ends_like_prose = text[-1] in ".!?\"”’'" or text.endswith(",")
    if ends_like_prose and (len(words) > 8 or "\n" in text):
        return False  # most sentences: prose, whatever its verbs
    has_finite = any(t.tag_ in _FINITE or _is_clause_root(t) for t in tokens)
    if not ends_like_prose:
        capitalised = sum(1 for t in words if t.text[0].isupper()) / len(words)
        if not has_finite or (capitalised > 0.6 and len(words) >= 3):
            return True
    if not has_finite and len(words) <= 8 and "\n" not in text:
        return True  # a heading such as "‘Shooting to kill’"
    return False


def _is_clause_root(token: Token) -> bool:
    """A main verb with a subject the tagger left untensed: captions such as "Police detain protesters"."""
    return token.dep_ == "ROOT" and token.pos_ == "VERB" and any(c.dep_ == "nsubj" for c in token.children)


def _sentence_events(sent: Span, index: int, document: Document, lexicon: Lexicon, ontology: Ontology,
                     actors: list[Mention], places: list[Mention], times: list[Mention],
                     document_place: Mention | None, told: frozenset[str] = frozenset(),
                     anaphoric: set[str] | None = None, sequels: set[str] | None = None) -> list[EventMention]:
    """The sentence's events; `told` holds the event types earlier sentences reported, and the ids of
    events told by an event noun that refers back ("the attack") are added to `anaphoric`."""
    matches = find_triggers(sent, lexicon)
    matches += implicit_accusations(sent, lexicon, matches)
    if not matches:
        return []
    size = cache(lambda: sizes(sent, lexicon))  # counted once, and only for events that report casualties
    built: list[tuple[TriggerMatch, EventMention]] = []
    framing = {match.head.i: match.entry.type for match in matches}
    for match in matches:
        if unreported(match, framing, lexicon.support_verbs, told) or names_no_act(match):
            continue
        event = _event(match, sent, index, document, lexicon, ontology, actors, places, times, document_place, size)
        if event is not None:
            built.append((match, event))
            if anaphoric is not None and refers_back(match):
                anaphoric.add(event.id)
            if sequels is not None and (tells_sequel(match) or tells_earlier_act(match)):
                sequels.add(event.id)
    found = merge_same_event(_consolidate(built), sequels or frozenset())
    found += commitments(found, ontology, lexicon.promised_acts)
    assert_commitments(found)
    return spread_over_places(found, sent, places)


# Modifiers that make a definite event noun a new act: "the next protest", "the second strike".
_NEW_ACT = {"next", "new", "second", "third", "further", "another", "fresh", "renewed",
            "planned", "upcoming", "first", "last", "previous", "earlier"}


def refers_back(match: TriggerMatch) -> bool:
    """An event noun that names an act already in the reader's mind: "the attack", "his arrest",
    "Sunday's blast" (but not "the next protest" or "an attack")."""
    if match.entry.kind != "noun":
        return False
    children = list(match.head.children)
    if any(c.lower_ in _NEW_ACT for c in children):
        return False
    return any(c.dep_ == "det" and c.lower_ in DEFINITE or c.dep_ == "poss" for c in children)


#: Modifiers of an event noun that count it as one act more: "more arrests took place", "fresh clashes".
_MORE_ACTS = {"more", "further", "fresh", "renewed", "additional", "second", "third"}
_SEQUEL_ADVERBS = {"later", "then", "afterwards", "afterward", "subsequently", "again", "also", "meanwhile",
                   "separately", "elsewhere", "too"}


def tells_sequel(match: TriggerMatch) -> bool:
    """The text marks the act as one more: "rebels later shelled", "police also arrested",
    "another attack", or one more of its kind done to another party ("another protest leader was
    arrested", "police detained another journalist")."""
    head = match.head
    if any(c.dep_ in ("advmod", "det", "amod") and c.lower_ in _SEQUEL_ADVERBS | {"another"}
           or match.entry.kind == "noun" and c.dep_ in ("amod", "advmod", "det") and c.lower_ in _MORE_ACTS
           for c in head.children):
        return True
    patients = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(d.dep_ == "det" and d.lower_ == "another" for p in patients for d in p.children)


_BEFORE_AND_AFTER = {"after", "before", "since"}
_SPANS_OF_TIME = {"minute", "hour", "day", "week", "month", "year", "decade", "night", "weekend"}


def tells_earlier_act(match: TriggerMatch) -> bool:
    """The text sets the act at a distance from the one it reports: "it came days after Pyongyang
    launched three missiles", "a month after an ICBM test". Such an act is another one, however alike."""
    head = match.head
    if any(c.dep_ == "mark" and c.lower_ in _BEFORE_AND_AFTER for c in head.children):
        anchors = [head, head.head]
    elif head.dep_ == "pobj" and head.head.lower_ in _BEFORE_AND_AFTER:
        anchors = [head.head]
    else:
        return False
    return any(c.dep_ == "npadvmod" and c.lemma_.lower() in _SPANS_OF_TIME for a in anchors for c in a.children)


def _event(match: TriggerMatch, sent: Span, index: int, document: Document, lexicon: Lexicon,
           ontology: Ontology, actors: list[Mention], places: list[Mention], times: list[Mention],
           document_place: Mention | None, size: Callable[[], Size]) -> EventMention | None:
    head = match.head
    two_sided = any(w in _TWO_SIDED_WORDS for w in match.entry.words)
    agents, patients = roles(match, lexicon, two_sided)
    modality = modality_of(head, sent, lexicon)
    text = span_text(sent)
    decision = decide(match, lexicon, _forms(agents), _forms(patients), modality.value, text)
    if decision is None:
        return None
    source = _refs(agents, actors, places, lexicon)
    if not source and decision.type in _IMPLICIT_TYPES:
        implied = _implied_agent(head, sent, agents, patients, lexicon)
        if implied is not None:
            source = _refs([implied], actors, places, lexicon)
            agents = [*agents, implied]
    target = _refs(patients, actors, places, lexicon)
    excluded = [phrase_span(t) for t in agents + patients if t.ent_type_ not in ("GPE", "LOC", "FAC")]
    clause = clause_tokens(head)
    location = choose_location(head, sent, places, excluded, document_place, clause=clause)
    if not target:
        target = owner_targets(patients, location, lexicon, places)
    source, target = localise(source, location, lexicon), localise(target, location, lexicon)
    source, target = implied_roles(decision.type, decision.mode, source, target, location, actors)
    date, precision, date_text = choose_date(head, sent, times, document.published, clause=clause)
    doc = sent.doc
    start, end = doc[match.first].idx, doc[match.last].idx + len(doc[match.last].text)
    stripped = text.strip()
    sentence_start = sent.start_char + (len(text) - len(text.lstrip()))
    evidence = Evidence(doc_id=document.id, sentence_index=index, sentence=stripped,
                        trigger=doc_text(doc)[start:end], start=start, end=end,
                        sentence_start=sentence_start, sentence_end=sentence_start + len(stripped),
                        outlet=document.outlet, url=document.url, published=document.published)
    event_size = Size()
    if decision.type in _CASUALTY_TYPES:
        event_size = Size(dead=size().dead, injured=size().injured, arrested=None)
    if decision.type == "COERCE" and decision.mode == "arrest" or decision.mode == "abduct":
        event_size.arrested = size().arrested
    contexts = list(decision.contexts)
    event = EventMention(
        id=f"em_{document.id}_{start}", type=decision.type, mode=decision.mode,
        quad=ontology.quad(decision.type), evidence=evidence, contexts=contexts, source=source,
        target=target, location=location, date=date, date_precision=precision, date_text=date_text,
        size=event_size, modality=decision.modality or modality.value, attribution=_attribution(modality, actors, places, lexicon),
        confidence=0.0)
    event.confidence = confidence(decision.weight, event, date_text)
    return event


def _implied_agent(head: Token, sent: Span, agents: list[Token], patients: list[Token],
                   lexicon: Lexicon) -> Token | None:
    """A force the clause leaves implicit: "they" after "Police ...", or "killed in police firing"."""
    pronouns = [a for a in agents if a.pos_ == "PRON"]
    if pronouns:
        return pronoun_antecedent(pronouns[0], lexicon)
    if agents:
        return None
    return implicit_agent(head, sent, patients, lexicon)


_AMOUNTS = {"amount", "amounts", "batch", "quantity", "quantities", "number", "kg", "kilogram", "kilograms",
            "kilo", "kilos", "tonne", "tonnes", "ton", "tons", "cache", "caches", "stash", "haul", "stockpile",
            "lot", "lots", "consignment", "box", "boxes", "crate", "crates", "pile", "bag", "bags", "truckload",
            "dozens", "hundreds", "thousands", "some", "cartons", "sack", "sacks", "load"}


def _forms(tokens: list[Token]) -> list[str]:
    """Words a rule may test for a role: the head's lemma and form, its compound (and the title
    before a name), and for an amount or container ("100kg of explosives", "a cache of rifles") what
    it holds."""
    out: list[str] = []
    for token in [*tokens, *(_contents(t) for t in tokens)]:
        if token is None:
            continue
        out += [token.lemma_.lower(), token.lower_]
        compounds = [t for t in token.lefts if t.dep_ == "compound"]
        if compounds:
            out.append(" ".join(t.lower_ for t in compounds) + f" {token.lower_}")
            # a title before a name says what the named one is: "Ambassador Joel Meyer", "protest leader X"
            if token.pos_ == "PROPN":
                out += [t.lemma_.lower() for t in compounds if t.pos_ in ("NOUN", "PROPN")]
    return out


def _contents(token: Token) -> Token | None:
    if not (token.lower_ in _AMOUNTS or token.like_num or any(ch.isdigit() for ch in token.text)):
        return None
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            return next((c for c in prep.children if c.dep_ == "pobj"), None)
    return None


def _refs(heads: list[Token], actors: list[Mention], places: list[Mention], lexicon: Lexicon) -> list[ActorRef]:
    refs: list[ActorRef] = []
    for head in heads:
        ref = actor_ref(head, actors, places, lexicon)
        if ref is not None and all(ref.text != r.text for r in refs):
            refs.append(ref)
    return refs


def _attribution(modality: Modality, actors: list[Mention], places: list[Mention], lexicon: Lexicon) -> ActorRef | None:
    if modality.speaker is None:
        return None  # DESIGN §4: attribution names whom the sentence cites, whatever the modality
    return actor_ref(modality.speaker, actors, places, lexicon)


def confidence(weight: float, event: EventMention, date_text: str | None) -> float:
    """Trigger weight, argument completeness and modality combined into [0, 1]."""
    score = 0.3 + 0.4 * weight
    score += 0.12 if event.source else 0.0
    score += 0.06 if event.target else 0.0
    score += 0.06 if event.location is not None and event.location.reason in ("clause", "sentence") else 0.0
    score += 0.06 if date_text and not date_text.startswith("publication") else 0.0
    score *= _MODALITY_FACTOR.get(event.modality, 0.7)
    return round(max(0.0, min(1.0, score)), 3)


def _consolidate(built: list[tuple[TriggerMatch, EventMention]]) -> list[EventMention]:
    """Merge an event noun into the same-type verb it hangs from ("killed in a gun battle"), and
    drop MOBILIZE when the sentence codes an ASSAULT (PLOVER: not coded separately)."""
    dropped: set[int] = set()
    by_token = {match.head.i: (match, event) for match, event in built}
    for position, (match, event) in enumerate(built):
        if match.entry.kind != "noun":
            continue
        verb = governing_verb(match.head)
        steps = 0
        while verb is not None and steps < 3 and verb.i not in by_token:
            verb, steps = governing_verb(verb), steps + 1
        if verb is None or verb.i not in by_token:
            continue
        _, host = by_token[verb.i]
        if host.type != event.type:
            continue
        host.mode = host.mode or event.mode
        if not host.source:
            host.source = event.source
        elif event.source and match.entry.words[-1] in _TWO_SIDED_WORDS:
            host.source += [r for r in event.source if r.text not in {s.text for s in host.source}]
        host.target = host.target or event.target
        dropped.add(position)
    kept = [event for position, (_, event) in enumerate(built) if position not in dropped]
    if any(e.type == "ASSAULT" and e.modality in ("asserted", "claimed") for e in kept):
        kept = [e for e in kept if e.type != "MOBILIZE"]
    return kept
