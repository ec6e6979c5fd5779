"""The trigger's own clause: the tokens its arguments, place and date may come from."""

from __future__ import annotations

from spacy.tokens import Token


def clause_tokens(trigger: Token) -> set[int]:
    """Token indices of the trigger's own clause (its verb's subtree minus other clauses)."""
    root = trigger
    if trigger.pos_ not in ("VERB", "AUX"):
        for ancestor in trigger.ancestors:
            if ancestor.pos_ in ("VERB", "AUX"):
                root = ancestor
                break
    inside: set[int] = set()
    stack = [root]
    while stack:
        token = stack.pop()
        inside.add(token.i)
        for child in token.children:
            if child.dep_ in ("conj", "ccomp", "advcl", "relcl", "parataxis") and child.pos_ in ("VERB", "AUX"):
                continue
            stack.append(child)
    return inside
