"""How a sentence presents an event: asserted, claimed, denied, planned, hypothetical, negated or
unconfirmed, and who the speaker is when it reports speech."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from tidings.events._spans import span_text
from tidings.events.lexicon import Lexicon

_REPORT_LINKS = ("ccomp", "parataxis", "xcomp", "conj", "advcl", "dobj", "pobj", "relcl", "acl", "prep", "pcomp", "nsubj", "nsubjpass", "appos", "amod", "compound")


@dataclass
class Modality:
    """The modality and, for reported content, the token of the speaker."""

    value: str
    speaker: Token | None = None
    speech_verb: Token | None = None


def _aux_words(verb: Token) -> set[str]:
    return {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass", "neg", "advmod", "mark", "det")}


def modality_of(trigger: Token, sent: Span, lexicon: Lexicon) -> Modality:
    """Modality of the event whose trigger is `trigger`, read from its clause and the clauses above."""
    cues = lexicon.modality
    own = _aux_words(trigger)
    if trigger.pos_ in ("NOUN", "PROPN"):
        if own & {"no"} or any(c.lower_ in ("no", "without") for c in trigger.children):
            return Modality("negated")
        verb = next((a for a in trigger.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if verb is not None and any(c.dep_ == "neg" for c in verb.children) and (
                verb.lemma_ in ("be", "have", "see", "report") or verb.lemma_.lower() in lexicon.support_verbs):
            return Modality("negated")  # "there is not yet any sign of clashes", "did not carry out strikes"
        if any(c.lower_ in cues["planned_adjectives"] for c in trigger.children if c.dep_ in ("amod", "compound")):
            return _with_speaker(Modality("planned"), trigger, lexicon)
        if named_possibility(trigger, lexicon):
            return _with_speaker(Modality("hypothetical"), trigger, lexicon)
    chain = [trigger, *trigger.ancestors]
    speech: Token | None = None
    value = "asserted"
    hedges: set[str] = set()
    for depth, token in enumerate(chain):
        words = _aux_words(token) if token.pos_ in ("VERB", "AUX", "ADJ") or token is trigger else set()
        lemma = token.lemma_.lower()
        if depth > 0 and token.pos_ in ("VERB", "AUX") and lemma in lexicon.modality["speech_verbs"]:
            if speech is None:
                speech = token
            break  # what a speaker frames is judged inside their speech
        if words & cues["negation_markers"] and token.pos_ in ("VERB", "AUX"):
            if depth == 0 or lemma in cues["planned_verbs"] or lemma in ("try", "attempt", "manage"):
                value = "negated"
                break
        if depth > 0 and lemma in cues["prevented_verbs"]:
            value = "negated"
            break
        if depth > 0 and lemma in cues["denial_verbs"]:
            value = "denied"
            break
        if words & cues["hypothetical_markers"] and value == "asserted":
            value = "hypothetical"
            hedges = words & cues["hypothetical_markers"]
        if words & cues["planned_markers"] and value == "asserted":
            value = "planned"
        if depth > 0 and value == "asserted" and (lemma in cues["planned_verbs"] or lemma in cues["planned_adjectives"]):
            value = "planned"
        if depth > 0 and value == "asserted" and _is_purpose(chain[depth - 1], token, cues):
            value = "planned"  # "mobilising fighters to attack the town": the attack is the aim
        if value == "asserted" and (lemma in ("appear", "seem") and depth > 0 or words & cues["unconfirmed_markers"]):
            value = "unconfirmed"
        if depth > 0 and token.pos_ in ("VERB", "AUX") and token.dep_ not in _REPORT_LINKS:
            break
    if value == "asserted":
        lower_sent = span_text(sent).lower()
        if "unconfirmed" in lower_sent or "reportedly" in lower_sent or "allegedly" in lower_sent:
            value = "unconfirmed"
    if speech is None:
        speech = _according_to(sent)
    speaker = _speaker(speech) if speech is not None else None
    if speech is not None and value == "asserted":
        value = _reported_value(speech, speaker, cues)
    elif value == "hypothetical" and _future_in_the_past(hedges, speech, sent):
        value = "planned"
    return Modality(value, speaker=speaker, speech_verb=speech)


def named_possibility(trigger: Token, lexicon: Lexicon) -> bool:
    """An event noun named as a possibility: "a possible attack", "fears of an attack", "the risk of
    clashes". What is feared or foreseen has not happened."""
    cues = lexicon.modality
    if any(c.lower_ in cues["hypothetical_adjectives"] for c in trigger.children if c.dep_ == "amod"):
        return True
    holder = trigger.head
    return trigger.dep_ == "pobj" and holder.lower_ == "of" and holder.head.pos_ == "NOUN" \
        and holder.head.lemma_.lower() in cues["hypothetical_nouns"]


def _future_in_the_past(hedges: set[str], speech: Token | None, sent: Span) -> bool:
    """"The government said it would hunt down the killers": `would` under a past speech verb is
    the speaker's announced future (planned), not a condition, unless the sentence sets one."""
    return (hedges == {"would"} and speech is not None and speech.tag_ == "VBD"
            and not any(t.lower_ in ("if", "unless") for t in sent))


def _reported_value(speech: Token, speaker: Token | None, cues: dict[str, frozenset[str]]) -> str:
    """What reported speech makes of an act told as fact (DESIGN §4).

    News relies on officials, agencies, police and witnesses: what they say is reported as fact
    (`asserted`, the speaker goes to `attribution`). An act becomes `claimed` only when the verb
    itself distances the outlet ("claimed", "alleged", "insisted") or the speaker is an interested
    party whose word the outlet cannot check (a militant group, a rebel spokesman).
    """
    lemma = speech.lemma_.lower()
    if lemma in cues["denial_verbs"]:
        return "denied"
    if lemma in cues["claim_verbs"]:
        return "claimed"
    if speaker is not None and _partisan(speaker, cues):
        return "claimed"
    return "asserted"


def _partisan(speaker: Token, cues: dict[str, frozenset[str]]) -> bool:
    """The speaker's phrase names an interested party: "the rebels said", "a Taliban spokesman said"."""
    words = {t.lemma_.lower() for t in speaker.subtree} | {t.lower_ for t in speaker.subtree}
    return bool(words & cues["partisan_speakers"])


def _is_purpose(child: Token, head: Token, cues: dict[str, frozenset[str]]) -> bool:
    """`child` is the aim of a build-up `head`: a to-infinitive ("deployed troops to retake") or
    "for" + gerund ("mobilising for attacking") under a mobilisation verb."""
    if head.lemma_.lower() not in cues["purpose_heads"] and not (head.lower_ == "for" and head.dep_ == "prep"
                                                                  and head.head.lemma_.lower() in cues["purpose_heads"]):
        return False
    if child.dep_ in ("advcl", "xcomp", "acl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
        return True
    return child.dep_ == "pcomp" and child.tag_ == "VBG" and head.lower_ == "for"


def _with_speaker(result: Modality, trigger: Token, lexicon: Lexicon) -> Modality:
    for ancestor in trigger.ancestors:
        if ancestor.pos_ in ("VERB", "AUX") and ancestor.lemma_.lower() in lexicon.modality["speech_verbs"]:
            result.speech_verb, result.speaker = ancestor, _speaker(ancestor)
            break
    return result


def _speaker(speech: Token) -> Token | None:
    if speech.lower_ == "to" or speech.dep_ == "prep":  # "according to X"
        objects = [c for c in speech.children if c.dep_ == "pobj"]
        return objects[0] if objects else None
    subjects = [c for c in speech.children if c.dep_ in ("nsubj", "nsubjpass")]
    return subjects[0] if subjects else None


def _according_to(sent: Span) -> Token | None:
    if "according" not in span_text(sent).lower():
        return None  # most sentences: no need to walk their tokens
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < sent.end and sent.doc[token.i + 1].lower_ == "to":
            return sent.doc[token.i + 1]
    return None
