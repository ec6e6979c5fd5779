"""Page debris: which lines of a scraped article are furniture (WATCH: ..., Share this, BBC)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from tidings._data import read_yaml
from tidings.errors import DataError

#: The debris rules we ship (data we write, in `tidings/data/`).
DEBRIS_FILE = "clean_debris.yaml"

_LABEL = re.compile(r"^(?P<label>[^:]{1,30}?)\s*:\s*(?P<rest>.*)$")
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*$")
#: Words a headline leaves in lower case; they do not count against headline case.
_MINOR_WORDS = frozenset(
    "a an and as at but by for from in into nor of off on onto or over per than the to up via vs with"
    .split()
)


@dataclass(frozen=True)
class LinePattern:
    """A whole-line debris pattern and the longest line (in words) it may remove."""

    name: str
    regex: re.Pattern[str]
    max_words: int


@dataclass(frozen=True)
class DebrisRules:
    """The debris patterns, the "LABEL:" prefixes and the outlet credits, compiled once."""

    patterns: tuple[LinePattern, ...]
    labels: frozenset[str]
    credits: tuple[str, ...]


def load_debris_rules(path: str | Path | None = None) -> DebrisRules:
    """Read and compile the debris rules (ours, or a user file with the same layout).

    Build them once per worker and pass them to `clean_document`.

    Raises:
        DataError: the file is malformed; the message names the file and the entry.
    """
    source = Path(path) if path is not None else DEBRIS_FILE
    data = read_yaml(source)
    if not isinstance(data, dict) or not isinstance(data.get("lines"), list):
        raise DataError(f"{source}: expected a mapping with 'lines', 'labels' and 'credits'")
    patterns = []
    for index, entry in enumerate(data["lines"]):
        where = f"{source}: lines[{index}]"
        if not isinstance(entry, dict) or not {"name", "pattern", "max_words"} <= set(entry):
            raise DataError(f"{where}: each line rule needs name, pattern and max_words")
        flags = 0 if entry.get("case_sensitive") else re.IGNORECASE
        try:
            regex = re.compile(str(entry["pattern"]), flags)
        except re.error as exc:
            raise DataError(f"{where} ({entry['name']}): invalid pattern: {exc}") from exc
        if not isinstance(entry["max_words"], int) or entry["max_words"] < 1:
            raise DataError(f"{where} ({entry['name']}): max_words must be a positive integer")
        patterns.append(LinePattern(str(entry["name"]), regex, entry["max_words"]))
    labels = data.get("labels") or []
    credits = data.get("credits") or []
    if not all(isinstance(x, str) for x in labels) or not all(isinstance(x, str) for x in credits):
        raise DataError(f"{source}: 'labels' and 'credits' must be lists of strings")
    return DebrisRules(tuple(patterns), frozenset(x.casefold() for x in labels), tuple(credits))


def is_sentence_shaped(text: str) -> bool:
    """Reads like a sentence: five or more words, a closing full stop, not in headline case."""
    return len(text.split()) >= 5 and bool(_SENTENCE_END.search(text)) and not is_headline_cased(text)


def is_headline_cased(text: str) -> bool:
    """Most words after the first are capitalised ("Mayor Says Armed Men Hand Out Guns")."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", text)[1:] if w.casefold() not in _MINOR_WORDS]
    if len(words) < 2:
        return False
    capitalised = sum(1 for word in words if word[0].isupper())
    return capitalised / len(words) >= 0.75


def debris_rule(line: str, rules: DebrisRules) -> str | None:
    """The name of the rule that makes `line` (normalised) debris, or None for article text."""
    words = len(line.split())
    for pattern in rules.patterns:
        if words <= pattern.max_words and pattern.regex.fullmatch(line):
            return pattern.name
    match = _LABEL.match(line)
    if match is None:
        return None
    label, rest = match["label"].strip(), match["rest"].strip()
    if label.casefold() in rules.labels:
        return None if is_sentence_shaped(rest) else "label"
    shouting = label.isupper() and len(label) >= 2 and len(label.split()) <= 3
    if shouting and (is_headline_cased(rest) or (len(rest.split()) < 5 and not _SENTENCE_END.search(rest))):
        return "label"
    return None


def credit_match(line: str, rules: DebrisRules, outlet: str | None = None) -> bool:
    """`line` is only an outlet credit ("BBC", "(Reuters)", "— AP"), or the document's own outlet."""
    bare = re.sub(r"^[\s(\[—–-]+|[\s)\].—–-]+$", "", line).casefold()
    if not bare or len(bare.split()) > 5:
        return False
    names = {credit.casefold() for credit in rules.credits}
    if outlet:
        names.add(outlet.casefold())
        names.add(outlet.casefold().removeprefix("www.").split(".")[0])
    return bare in names


def glued_credit(line: str, rules: DebrisRules) -> str | None:
    """A credit glued after the last full stop of `line` ("...in February.BBC"), or None."""
    for credit in sorted(rules.credits, key=len, reverse=True):
        if line.endswith(credit) and len(line) > len(credit):
            before = line[: -len(credit)].rstrip()
            if _SENTENCE_END.search(before):
                return line[len(before):]
    return None
