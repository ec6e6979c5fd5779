"""Read PETRARCH/TABARI `.actors` dictionaries: a name line, `+ALIAS` lines, `[CODE dates]` lines.

Example::

    ARSENIY_YATSENYUK_  ; comment
    +YATSENYUK
        [UKRGOV 140227-160414]
        [UKRELI]

A code is a 3-letter country (or IGO, NGO, ...) followed by a 3-letter sector. Dates are YYMMDD:
`A-B`, `A-` (from A), `-B` or `<B` (until B), `>A` (after A); a code without dates applies otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from tidings.errors import DataError

_CODE = re.compile(r"\[\s*([A-Z~]{3,})\s*([<>]?\d{6}(?:\d{2})?)?\s*(-)?\s*(\d{6}(?:\d{2})?)?\s*\]")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)


@dataclass
class PetrarchActor:
    """One name block: canonical name, aliases, and (code, valid_from, valid_to) triples."""

    name: str
    aliases: list[str] = field(default_factory=list)
    codes: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    line: int = 0


def petrarch_date(raw: str) -> str:
    """YYMMDD (or YYYYMMDD) to ISO; two-digit years below 50 are 20xx."""
    if len(raw) == 8:
        return f"{raw[:4]}-{raw[4:6]}-{raw[6:]}"
    year = int(raw[:2])
    century = 2000 if year < 50 else 1900
    return f"{century + year:04d}-{raw[2:4]}-{raw[4:6]}"


def petrarch_words(raw: str) -> str:
    """`ARSENIY_YATSENYUK_` -> `Arseniy Yatsenyuk`; short all-capital words stay acronyms."""
    words = [w for w in re.split(r"[_\s]+", raw.strip()) if w]
    return " ".join(w if len(w) <= 4 and not any(c in "AEIOUY" for c in w[1:]) else w.title()
                    for w in words)


def _parse_code(match: re.Match[str], path: Path, line: int) -> tuple[str, str | None, str | None]:
    code, first, _dash, second = match.groups()
    code = code.strip("~")
    if len(code) < 3:
        raise DataError(f"{path}:{line}: actor code {code!r} is shorter than 3 letters")
    valid_from: str | None = None
    valid_to: str | None = None
    if first and first[0] == "<":
        valid_to = petrarch_date(first[1:])
    elif first and first[0] == ">":
        valid_from = petrarch_date(first[1:])
    elif first:  # "A-B", "A-", or a lone "A" (from A onwards)
        valid_from = petrarch_date(first)
    if second:
        valid_to = petrarch_date(second)
    return code, valid_from, valid_to


def read_petrarch_actors(path: Path) -> list[PetrarchActor]:
    """Parse an `.actors` file; raise DataError naming the line when a code is malformed."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise DataError(f"{path}: cannot read: {exc}") from exc
    text = _HTML_COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    actors: list[PetrarchActor] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].split(";", 1)[0].rstrip()
        if not line.strip():
            continue
        stripped = line.strip()
        codes = [_parse_code(m, path, number) for m in _CODE.finditer(stripped)]
        head = _CODE.sub("", stripped).strip()
        if stripped.startswith("["):
            if not actors:
                raise DataError(f"{path}:{number}: code line before any actor name")
            actors[-1].codes.extend(codes)
        elif head.startswith("+"):
            if not actors:
                raise DataError(f"{path}:{number}: alias line before any actor name")
            actors[-1].aliases.append(petrarch_words(head[1:]))
            actors[-1].codes.extend(codes)
        elif "[" in stripped and not codes:
            raise DataError(f"{path}:{number}: malformed actor code in {stripped!r}")
        else:
            actors.append(PetrarchActor(name=petrarch_words(head), codes=codes, line=number))
    for actor in actors:
        if not actor.codes:
            raise DataError(f"{path}:{actor.line}: actor {actor.name!r} has no [CODE]")
    return actors
