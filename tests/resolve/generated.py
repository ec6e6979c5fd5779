"""Generated corpora of analysed documents (event mentions already extracted) for resolution tests.

Stories of a few real acts are told by several outlets, with the variation real reports show: the
day given or not (the publication-day fallback), a month only, no date at all, undated articles,
the place as a town or only its country, actors named or not, and syndicated copies (near-duplicates
with another outlet's name). Everything is built from words and names we made up, by a seeded
generator, so a failing case can be replayed from its seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from tidings.model import ActorRef, Document, DocumentResult, EventMention, Evidence, Location

_WORDS = ("harbour convoy ministry tribunal quarry bridge garrison ferry council depot pipeline "
          "refinery barracks checkpoint courthouse embassy stadium archive").split()
_ACTS = [("ASSAULT", "heavy-weapons", "shelled"), ("ASSAULT", None, "attacked"), ("PROTEST", "demo", "marched"),
         ("COERCE", "arrest", "detained"), ("CONSULT", None, "met"), ("ACCUSE", "allege", "accused")]
_COUNTRIES = ("ALB", "BEL", "CHL", "DNK")
_OUTLETS = tuple(f"Outlet {letter}" for letter in "ABCDEFG")


@dataclass
class _Act:
    type: str
    mode: str | None
    trigger: str
    day: date
    town: int
    country: str
    actor: str


def _location(act: _Act, rng: random.Random) -> Location | None:
    roll = rng.random()
    if roll < 0.15:
        return None
    if roll < 0.35:
        return Location(text=act.country, place_id=f"country:{act.country}", country=act.country, geo_precision=4)
    return Location(text=f"Town {act.town}", name=f"Town {act.town}", place_id=f"geonames:{act.town}",
                    country=act.country, admin1=f"Province {act.town % 3}", geo_precision=1)


def _dating(act: _Act, published: date | None, rng: random.Random) -> tuple[str | None, str, str | None]:
    roll = rng.random()
    if roll < 0.45:
        return act.day.isoformat(), "day", "on that day"
    if roll < 0.62 and published is not None:  # the events stage's fallback today
        return published.isoformat(), "day", "publication date (no date in the clause)"
    if roll < 0.7 and published is not None:  # and as older stores hold it
        return published.isoformat(), "week", "publication date (no date in the sentence)"
    if roll < 0.8:
        return act.day.replace(day=1).isoformat()[:7], "month", "that month"
    return None, "unknown", None


def generated_corpus(seed: int, documents: int = 40, stories: int = 5) -> list[DocumentResult]:
    """`documents` analysed documents about `stories` stories of one to three acts each."""
    rng = random.Random(seed)
    first = date(2021, 3, 1)
    plots = []
    for number in range(stories):
        start = first + timedelta(days=rng.randint(0, 50))
        country = rng.choice(_COUNTRIES)
        words = rng.sample(_WORDS, 5)
        acts = [_Act(*rng.choice(_ACTS), day=start + timedelta(days=rng.randint(0, 2)),
                     town=number * 10 + rng.randint(0, 1), country=country, actor=f"ac_{number}_{k}")
                for k in range(rng.randint(1, 3))]
        plots.append((start, words, acts))
    results: list[DocumentResult] = []
    for number in range(documents):
        if results and rng.random() < 0.12:
            results.append(_copy(rng.choice(results), number, rng))
            continue
        start, words, acts = rng.choice(plots)
        published = None if rng.random() < 0.15 else start + timedelta(days=rng.randint(0, 4))
        outlet = rng.choice(_OUTLETS)
        doc_id = f"{number:04d}" + "0" * 12
        lines = [" ".join(rng.sample(words, len(words))) + f" report {number}."]
        mentions = []
        for act in rng.sample(acts, rng.randint(1, len(acts))):
            act_id = None  # within-article coreference: restatements share the first mention's id,
            for _ in range(rng.randint(1, 3)):  # unless it left one as an act of its own
                start_char = sum(len(line) + 1 for line in lines)
                if act_id is None or rng.random() < 0.2:
                    act_id = f"em_{doc_id}_{start_char}"
                sentence = f"{act.actor} {act.trigger} in Town {act.town} said {rng.choice(_WORDS)}."
                lines.append(sentence)
                when, precision, text = _dating(act, published, rng)
                actors = [ActorRef(text=act.actor, actor_id=act.actor, country=act.country)] if rng.random() < 0.6 else []
                mentions.append(EventMention(
                    id=f"em_{doc_id}_{start_char}", type=act.type, mode=act.mode if rng.random() < 0.7 else None,
                    quad=1, source=actors, location=_location(act, rng), date=when, date_precision=precision,
                    date_text=text, confidence=round(rng.uniform(0.3, 0.9), 2), act=act_id,
                    evidence=Evidence(doc_id=doc_id, sentence_index=len(lines) - 1, sentence=sentence,
                                      trigger=act.trigger, start=start_char, end=start_char + len(act.trigger),
                                      outlet=outlet, published=published.isoformat() if published else None)))
        text = "\n".join(lines)
        doc = Document(id=doc_id, text=text, clean_text=text, outlet=outlet,
                       published=published.isoformat() if published else None, title=lines[0])
        signature = [rng.randrange(1 << 30) for _ in range(64)]
        results.append(DocumentResult(document=doc, event_mentions=mentions, minhash=signature))
    return results


def _copy(original: DocumentResult, number: int, rng: random.Random) -> DocumentResult:
    """A syndicated copy: the same text and reports under another outlet's name."""
    doc_id = f"{number:04d}" + "c" * 12
    outlet = rng.choice(_OUTLETS)
    doc = Document(id=doc_id, text=original.document.text, clean_text=original.document.clean_text, outlet=outlet,
                   published=original.document.published, title=original.document.title)
    mentions = []
    for mention in original.event_mentions:
        evidence = Evidence(**{**vars(mention.evidence), "doc_id": doc_id, "outlet": outlet})
        act = mention.act and f"em_{doc_id}_{mention.act.rsplit('_', 1)[1]}"  # the copy's own act ids
        fields = {**vars(mention), "evidence": evidence, "event_id": None, "act": act,
                  "id": f"em_{doc_id}_{mention.evidence.start}"}
        mentions.append(EventMention(**fields))
    return DocumentResult(document=doc, event_mentions=mentions, minhash=list(original.minhash))
