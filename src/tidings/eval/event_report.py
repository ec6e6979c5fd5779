"""`tidings eval events` as plain text: fixed-width tables, then one error a line, then a one-line
summary. Plain text (no box drawing, no wrapping) so that `grep`, `sort` and `diff` work on it."""

from __future__ import annotations

from collections import Counter
from typing import Any

from tidings.eval.event_errors import error_line

#: (figure key, label) of the events table, headline first.
MEASURES = (("article_event", "article-event (type + a sentence)"),
            ("article_event_tuple", "article-event tuple"),
            ("mention", "mention (type + sentence)"),
            ("detection", "detection (sentence, any type)"),
            ("tuple", "mention tuple (type+src ctry+loc+date)"),
            ("dedup", "de-dup pairwise"))


def _cell(value: Any) -> str:
    if value is None:
        return "n/a"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def _table(headers: tuple[str, ...], rows: list[tuple[Any, ...]]) -> list[str]:
    cells = [list(headers), *[[_cell(c) for c in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = ["  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))).rstrip()
             for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return lines


def summary_line(figures: dict[str, Any]) -> str:
    """The headline figures in one line."""
    ae, me = figures["article_event"], figures["mention"]
    return (f"events: article-event F1 {_cell(ae['f1'])} (P {_cell(ae['precision'])} R {_cell(ae['recall'])}, "
            f"tuple {_cell(figures['article_event_tuple']['f1'])}), mention F1 {_cell(me['f1'])} "
            f"(P {_cell(me['precision'])} R {_cell(me['recall'])}), detection F1 {_cell(figures['detection']['f1'])}, "
            f"modality {_cell(figures['arguments']['modality']['accuracy'])} on matched, "
            f"{figures['gold']['scored']} gold lines / {figures['predicted']['mentions']} predicted mentions")


def report_text(figures: dict[str, Any], title: str = "tidings eval events") -> str:
    """The whole report; the errors section only when the figures carry `errors`."""
    gold, pred = figures["gold"], figures["predicted"]
    lines = [f"== {title}",
             f"gold lines {gold['lines']} ({gold['scored']} scored, {gold['optional']} optional), "
             f"real events {gold['real_events']} ({gold['real_events_required']} with a required line)",
             f"predicted events {pred['events']}, mentions {pred['mentions']} "
             f"({pred['mentions_in_gold_articles']} in gold articles), article-event units {pred['article_events']}",
             "", "== events"]
    rows = []
    for key, label in MEASURES:
        f = figures[key]
        tp = f"{f['tp']}/{f['pairs_predicted']}/{f['pairs_gold']}" if key == "dedup" else f["tp"]
        rows.append((label, tp, f["precision"], f["recall"], f["f1"]))
    lines += _table(("measure", "tp", "P", "R", "F1"), rows)
    lines += ["", "== per type"]
    lines += _table(("type", "gold", "pred", "tp", "P", "R", "F1"),
                    [(t, r["gold"], r["predicted"], r["tp"], r["precision"], r["recall"], r["f1"])
                     for t, r in figures["per_type"].items()])
    lines += ["", "== arguments (on matched mentions)"]
    lines += _table(("argument", "right", "scored", "accuracy"),
                    [(name, a["right"], a["scored"], a["accuracy"]) for name, a in figures["arguments"].items()])
    if "errors" in figures:
        counts = Counter(e["tag"] for e in figures["errors"])
        lines += ["", f"== errors ({len(figures['errors'])}: " + ", ".join(f"{t} {counts[t]}" for t in
                                                                           ("FA", "FA-MENTION", "MISS", "ARG")) + ")"]
        lines += [error_line(e) for e in figures["errors"]]
    lines += ["", summary_line(figures)]
    return "\n".join(lines) + "\n"
