"""`role_key` tries the lemma, the word and its plural stems in order (issue 6: built lazily)."""

from __future__ import annotations

from tidings.actors import ActorDictionary
from tidings.actors.detect import role_key


def _all_forms(token, roles):
    lower = token.lower_
    for form in (token.lemma_.lower(), lower, lower[:-1] if lower.endswith("s") else None,
                 lower[:-2] if lower.endswith("es") else None,
                 lower[:-3] + "man" if lower.endswith("men") else None):
        if form and form in roles:
            return form
    return None


def test_role_key_agrees_with_trying_every_form(nlp):
    lexicon = ActorDictionary.load().lexicon
    doc = nlp("Gunmen and policemen clashed with Separatists while spokeswomen, ministers and "
              "witnesses watched; the militias' commanders blamed the police and the buses.")
    keys = [role_key(t, lexicon) for t in doc]
    assert keys == [_all_forms(t, lexicon.roles) for t in doc]
    assert any(keys)
