"""Verb-phrase ellipsis: a short sentence whose verb an earlier sentence holds."""

from __future__ import annotations

import re

# Verb-phrase ellipsis: a short sentence that ends on an auxiliary ("They never really did.",
# "Logic suggests it might.", "But it could not.") leaves its verb to a sentence before it.
_AUXILIARIES = frozenset(
    """did didn't does doesn't do don't will won't would wouldn't can can't cannot could
    couldn't should shouldn't must might may shall hasn't haven't hadn't isn't wasn't aren't
    weren't""".split()
)
# Modals that are also nouns ("China's growing military might", "a strong will"): bare, they are
# read as an elided verb only after a personal pronoun.
_NOUN_MODALS = frozenset("might will can may must".split())
_PERSONAL = frozenset("i you he she it we they".split())
# Sentence-final words after the auxiliary ("... probably didn't, however.").
_TRAILING = frozenset("however too either though anyway then now".split())
_BEFORE_AUXILIARY = frozenset("not never probably certainly still already really just".split())
# The auxiliary closes a clause whose verb is in the sentence itself: a comparison ("than they
# did", "as most units do", "like they always do") or a fronted object ("nothing we could do",
# "what it can do", "everything he does").
_SELF_CONTAINED = frozenset(
    """than as like what how whatever where when if whether all nothing everything anything
    something to""".split()
)
# Longer sentences ending so mostly hold their antecedent ("his mother did not"); a short one
# has room for little besides its subject and the auxiliary.
ELLIPSIS_MAX_WORDS = 12
ELIDED = "elided verb"
_FINAL_WORD = re.compile(r"[A-Za-z][\w'’]*")


def elided_verb(text: str) -> bool:
    """Whether ``text`` is a short sentence whose verb was left to an earlier one: it ends on an
    auxiliary, with nothing but adverbs after it (see _AUXILIARIES, _SELF_CONTAINED)."""
    if text.count(" ") >= ELLIPSIS_MAX_WORDS:  # the common case, checked cheaply
        return False
    tail = text.rstrip(" .!\"”'’)")
    if not tail[-1:].isalpha() or len(text.split()) > ELLIPSIS_MAX_WORDS:
        return False
    if ";" in tail:  # "... made his acknowledgements; his mother did not": its own antecedent
        return False
    words = [w.replace("’", "'") for w in _FINAL_WORD.findall(tail)]
    k = len(words)
    while k and words[k - 1].lower() in _TRAILING:
        k -= 1
    negated = k > 0 and words[k - 1] in ("not", "never")
    while k and words[k - 1] in _BEFORE_AUXILIARY:
        k -= 1
    if k < 2 or words[k - 1] not in _AUXILIARIES:
        return False
    auxiliary, before = words[k - 1], words[k - 2].lower()
    if auxiliary in _NOUN_MODALS and not negated and before not in _PERSONAL:
        return False
    if before in _AUXILIARIES:  # "we could do": "do" is the verb, its object fronted
        return False
    return _SELF_CONTAINED.isdisjoint(w.lower() for w in words[max(0, k - 6) : k - 1])
