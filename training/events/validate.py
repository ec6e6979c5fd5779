"""Check training sentence files against the corpus format: JSON per line, known labels, triggers in text.

Run: python training/events/validate.py training/events/sentences/*.jsonl
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

TYPES = {"AGREE", "SUPPORT", "CONCEDE", "CONSULT", "COOPERATE", "AID", "RETREAT", "REQUEST", "REJECT",
         "ACCUSE", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
MODALITIES = {"asserted", "claimed", "unconfirmed", "denied", "planned", "hypothetical", "negated"}
NO_EVENT = {"background", "reported_content", "fear", "purpose", "generic", "aggregate", "named_agreement",
            "restatement", "sports", "business", "entertainment", "weather_disaster_nonpolitical", "other"}
STYLES = {"wire", "local", "liveblog", "translated", "caption", "headline", "press_release", "opinion",
          "broadcast_transcript", "business", "sports", "culture"}


def problems(line: str) -> list[str]:
    """What is wrong with one line (empty when it is valid)."""
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        return [f"not JSON: {exc}"]
    out = []
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        return ["no text"]
    events = row.get("events")
    if not isinstance(events, list):
        return ["events is not a list"]
    for event in events:
        if event.get("type") not in TYPES:
            out.append(f"bad type {event.get('type')!r}")
        if event.get("modality") not in MODALITIES:
            out.append(f"bad modality {event.get('modality')!r}")
        trigger = event.get("trigger")
        if not isinstance(trigger, str) or trigger not in text:
            out.append(f"trigger {trigger!r} not in text")
    if not events and row.get("no_event") not in NO_EVENT:
        out.append(f"bad no_event {row.get('no_event')!r}")
    if row.get("style") not in STYLES:
        out.append(f"bad style {row.get('style')!r}")
    return out


def main(paths: list[str]) -> int:
    bad = 0
    for path in paths:
        for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            for problem in problems(line):
                bad += 1
                print(f"{path}:{number}: {problem}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
