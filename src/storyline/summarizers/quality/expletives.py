"""Whether an opening "it" or "there" holds a place (expletive, existential) rather than
pointing back at something named before."""

from __future__ import annotations

import re
from collections.abc import Sequence

# "it" or an existential "there" holds a place in the sentence and points back at nothing. They are
# recognised by what follows: a form of "be" (after a modal or "have", with adverbs between), then,
# for "it", a predicate whose subject is the clause after it. "It is expected to cost $5bn" and
# "It is likely to pass" are about a thing named before, so a raising predicate followed by "to"
# is not expletive; "It has a displacement of ..." and "There, the army ..." stay references.
BE = frozenset("is are was were be been being s seems seemed appears appeared remains".split())
MODALS = frozenset("will would may might could should must can has have had".split())
_ADVERBS = frozenset(
    """not also still now already almost certainly probably likely clearly never always often
    usually reportedly apparently currently definitely surely widely generally highly very too so
    increasingly vitally absolutely equally especially particularly no longer even""".split()
)
# "It is believed (that) ...": expletive unless "to" or "by" follows ("It is believed to be ...").
_RAISING = frozenset(
    """believed understood thought expected reported said feared hoped known estimated claimed
    alleged rumoured rumored likely unlikely certain suggested assumed argued
    agreed announced confirmed predicted""".split()
)
# "It is possible that / to ...", "It was unclear whether ...": expletive before a clause.
_EVALUATIVE = frozenset(
    """possible impossible important unimportant necessary unnecessary essential vital crucial
    clear unclear hard difficult easy true untrue unknown uncertain obvious evident apparent
    time early late unusual rare common surprising significant doubtful imperative
    critical urgent right wrong fair unfair""".split()
)
_CLAUSE = frozenset("that to whether if how what when where why who which for".split())


def placeholder(text: str, words: Sequence[str]) -> bool:
    """Whether the opening "it" or "there" is a placeholder (expletive, existential), not a
    reference: see BE. ``words``: the opening's lower-case words, "it's" split as "it", "s"."""
    if words[0] not in ("it", "there") or re.match(r"\W*\w+\s*[,;:]", text):
        return False  # "There, the army ..." points at a place
    k = 1
    while k < len(words) and (words[k] in MODALS or words[k] in _ADVERBS):
        k += 1
    if k >= len(words) or words[k] not in BE:
        return False
    if words[0] == "there":
        return True  # "There is / have been / will almost certainly be ..."
    if words[k] in ("seems", "seemed", "appears", "appeared"):
        return k + 1 < len(words) and words[k + 1] == "that"  # "It seems that ..."
    k += 1
    while k < len(words) and words[k] in _ADVERBS:
        k += 1
    if k + 1 >= len(words):
        return False  # nothing after the predicate to be its subject
    predicate, after = words[k], words[k + 1]
    if predicate in _RAISING:
        return after not in ("to", "by")  # "It is expected to cost", "It was reported by"
    return predicate in _EVALUATIVE and after in _CLAUSE
