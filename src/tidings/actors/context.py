"""Where a story happens: the document's home country and the country each sentence's places lie in.

Roles without a stated country take their country from here. A state body ("the police", "the
interior minister") takes the home country; a non-state group ("protesters", "gunmen",
"separatists") takes the country it operates in: the country of the places its sentence names,
else the home country (ACLED's convention, see `resolve.py`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from tidings.actors._tables import CountryTable
from tidings.model import Mention
from tidings.nlp._memo import per_doc
from tidings.nlp._text import doc_text

_COUNTED_LABELS = ("GPE", "NORP", "LOC", "PERSON", "PRODUCT", "ORG")
_NON_STATE = ("WST", "EUR", "IGO", "UNO", "NGO")
#: Weights: a demonym is often a foreign party's modifier ("18 Russian diplomats"), a dateline or
#: a name in the lead sentence says where the story is.
_DEMONYM_WEIGHT, _LEAD_BONUS, _DATELINE_BONUS, _PLACE_WEIGHT = 0.5, 2.0, 4.0, 0.5


@dataclass
class StoryContext:
    """The countries a document's unmarked roles fall back on."""

    home: str | None
    lowercase: bool = False  # the text is in lower case throughout: match country names folded
    sentence_country: dict[int, str] = field(default_factory=dict)  # sentence index -> ISO3
    sentence_of: dict[int, int] = field(default_factory=dict)  # token index -> sentence index

    def operating_country(self, token: Token) -> str | None:
        """The country a group acting at `token` operates in: its sentence's places, else home."""
        index = self.sentence_of.get(token.i)
        return self.sentence_country.get(index, self.home) if index is not None else self.home


_WORDS = re.compile(r"[^\W\d_]{3,}")


def is_lowercase(doc: Doc) -> bool:
    """Almost no capitalised words: lower-cased text, where NER and case-sensitive lookups fail."""
    words = _WORDS.findall(doc_text(doc))
    if len(words) < 8:
        return False
    capitalised = 0
    for word in words:  # stop at the first capitals that settle it: ordinary text has them early
        if word[0].isupper():
            capitalised += 1
            if capitalised / len(words) >= 0.02:
                return False
    return capitalised / len(words) < 0.02


def _pro_prefixed(token: Token) -> bool:
    doc = token.doc
    if token.lower_.startswith("pro-"):
        return True
    return token.i >= 2 and doc[token.i - 1].text == "-" and doc[token.i - 2].lower_ == "pro"


#: An agency's initials closing a dateline with a colon, glued or not: "(APP):", "APP):A".
_AGENCY_COLON = re.compile(r"^\(?[A-Z]{2,6}\):")


@per_doc
def dateline_end(doc: Doc) -> int:
    """Token index just past a "KRAMATORSK, Ukraine -" dateline, or 0 when there is none (read once
    per document: the events stage asks for every argument)."""
    for token in doc[:10]:
        if _AGENCY_COLON.match(token.text) or token.text == ":" and token.i > 1 and doc[token.i - 1].text == ")":
            head = [t for t in doc[:token.i] if t.is_alpha]  # "ISLAMABAD, Feb 26 (APP):A meeting"
            if head and head[0].is_upper and len(head[0]) > 1:
                return token.i + 1 if token.text == ":" else token.i
        glued = token.text[:1] in ("-", "—", "–") and token.text[1:2].isalpha()  # "(Reuters) -A suicide bomber"
        if (token.text in ("-", "—", "–") or glued) and token.i > 0:
            head = [t for t in doc[:token.i] if t.is_alpha]
            placed = head and all(t.ent_type_ in ("GPE", "LOC") or t.is_lower for t in head) and head[0].ent_type_
            if head and (head[0].is_upper and len(head[0]) > 1 or placed):  # "KYIV -", "Dar es Salaam —"
                return token.i if glued else token.i + 1
            return 0
    return 0


def _folded_counts(doc: Doc, countries: CountryTable) -> Counter[str]:
    """Country names in lower-cased text, where NER finds none: single words and word pairs."""
    counts: Counter[str] = Counter()
    skip = -1
    for token in doc:
        if token.i <= skip or _pro_prefixed(token):
            continue
        pair = doc[token.i:token.i + 2].text if token.i + 1 < len(doc) else ""
        code = countries.code_of(pair, fold=True) if pair else None
        if code:
            skip = token.i + 1
        else:
            code = countries.code_of(token.text, fold=True) if token.is_alpha else None
        if code and code not in _NON_STATE:
            weight = _DEMONYM_WEIGHT if token.lower_ in countries.folded_demonyms else 1.0
            counts[code] += weight
    return counts


def story_context(doc: Doc, places: list[Mention], countries: CountryTable,
                  known: Callable[[str], bool] = lambda text: False) -> StoryContext:
    """Home country (weighted count of country names, demonyms, capitals and resolved places; the
    dateline and lead sentence weigh more) and each sentence's place country.

    `known(text)` says a place mention is really a known organisation ("UN", "NATO" resolved to a
    town): those are ignored.
    """
    sentences = list(doc.sents)
    sentence_of = {i: index for index, sent in enumerate(sentences) for i in range(sent.start, sent.end)}
    lowercase = is_lowercase(doc)
    lead_end = sentences[0].end if sentences else 0
    dateline = dateline_end(doc)
    dateline_char = doc[dateline - 1].idx if dateline else -1
    counts: Counter[str] = Counter()
    for ent in doc.ents:
        if ent.label_ not in _COUNTED_LABELS or _pro_prefixed(ent[0]):
            continue
        code = countries.code_of(ent.text)
        if not code or code in _NON_STATE:
            continue
        weight = _DEMONYM_WEIGHT if ent.label_ == "NORP" else 1.0
        if ent.start < dateline:
            weight += _DATELINE_BONUS
        elif ent.start < lead_end:
            weight += _LEAD_BONUS * weight
        counts[code] += weight
    if lowercase:
        counts.update(_folded_counts(doc, countries))
    per_sentence: dict[int, Counter[str]] = {}
    for mention in places:
        place = mention.place
        if mention.kind != "place" or place is None or not place.country or known(mention.text):
            continue
        if mention.start < dateline_char:
            counts[place.country] += _DATELINE_BONUS
        elif place.feature != "country":  # a named town or region: where things happen
            counts[place.country] += _PLACE_WEIGHT
        per_sentence.setdefault(mention.sentence_index, Counter())[place.country] += 1
    sentence_country = {i: c.most_common(1)[0][0] for i, c in per_sentence.items() if len(c) == 1}
    home = counts.most_common(1)[0][0] if counts else None
    return StoryContext(home=home, lowercase=lowercase, sentence_country=sentence_country,
                        sentence_of=sentence_of)
