"""Running totals and increments: "three more bodies were found, bringing the toll to 53".

News that follows a count over days re-reports it as an increment and a new total, often in one
sentence. The two are different measured things:

* an **increment** ("three more bodies", "another 20 people", "12 additional troops", and the
  count a sentence adds before "bringing the total to ...") says how much the count grew since
  the last report. It is its own sub-group (scope ``INCREMENT``), never the count other outlets
  give: "three more bodies" beside "53 dead" is neither a fall from 53 to 3 nor a dispute. Two
  increments on different days are two additions, not one figure updated, so alignment keeps
  them loose (they may agree, never differ);
* a **total** ("bringing the total so far to 22 million", "raising the death toll to 53", "the
  tally climbed to 140") is the running count itself: what the toll or number says it counts
  ("death toll": killed), or else what the sentence's increment counts, under the same
  happening ("10 million mines have been destroyed, bringing the total to 22 million").

Leaf helpers of ``facts.nouns`` and ``facts.extraction``: they read parsed tokens only.
"""

from __future__ import annotations

from typing import Any

from storyline.facts.roles import token_lemma

Token = Any  # spaCy Token

# The scope of an increment: a sub-group of the count, in every kind.
INCREMENT = "more"
# Words that make a count an addition: "more" after the number ("three more bodies"; before it,
# "more than", it bounds the number), the others anywhere ("12 additional troops", "a further
# 3,500 troops"), and "another" before it ("another 20 people").
_MORE_WORDS = frozenset("additional further extra".split())
# ... and, after the number only, "more" and "new" ("30 new cases": a day's addition to the
# cases counted so far; "a new 40-member team" is not one).
_AFTER_WORDS = frozenset("more new".split())
# Nouns that name a running count ("the total", "the death toll", "the number of refugees").
_TOTAL_NOUNS = frozenset("total tally toll number count".split())
# Verbs that set a running count to a new value: "bringing/raising/pushing the total to N"
# (the count is their object) and "the tally rose/climbed/reached to N" (their subject).
_SETTING_VERBS = frozenset("bring raise push take lift increase boost".split())
_MOVING_VERBS = frozenset("rise climb jump grow increase reach mount swell".split())


def is_increment(num: Token, noun: Token | None) -> bool:
    """Whether the counted noun is marked as an addition: "three more bodies", "12 additional
    protesters", "another 20 people" ("More than 100 people" is a bound: its "more" comes
    before the number and modifies it, not the noun)."""
    for child in num.children:  # "a further 3,500 troops", "Another 20 people": the parse
        if child.lower_ in _MORE_WORDS or child.lower_ == "another":  # may hang it on the number
            return child.dep_ in ("amod", "advmod", "det", "quantmod")
    if noun is None:
        return False
    for child in noun.children:
        if child.dep_ not in ("amod", "advmod"):
            pass
        elif child.lower_ in _MORE_WORDS or (child.lower_ in _AFTER_WORDS and child.i > num.i):
            return True
        if child.dep_ == "det" and child.lower_ == "another" and child.i < num.i:
            return True
    return False


def total_noun(num: Token) -> Token | None:
    """The running count a bare number is the new value of: "bringing the total so far to 22
    million" (the object of a verb that sets it), "the tally climbed to 140" (the subject of a
    verb that moves it), "opened about 80 new outlets this year for a total of about 270" (the
    sum the count makes, a WCXB trade page), or None."""
    if num.dep_ == "pobj" and num.head.lower_ == "of" and num.head.head.dep_ == "pobj":
        total = num.head.head
        made = total.head.lower_ == "for" and token_lemma(total) in _TOTAL_NOUNS
        return total if made else None
    if num.dep_ != "pobj" or num.head.lower_ != "to":
        return None
    verb = num.head.head
    while verb.dep_ == "advmod" and verb.pos_ == "ADV" and verb.head.i != verb.i:
        verb = verb.head  # "bringing the total so far to 22 million": "to" hangs on "far"
    lemma = token_lemma(verb)
    if lemma in _SETTING_VERBS:
        roles: tuple[str, ...] = ("dobj",)
    elif lemma in _MOVING_VERBS:
        roles = ("nsubj",)
    else:
        return None
    return next(
        (c for c in verb.children if c.dep_ in roles and token_lemma(c) in _TOTAL_NOUNS), None
    )


def adds_to_total(num: Token) -> bool:
    """Whether a number is the new total of a count the sentence has just added to: "...,
    bringing the total to 22 million", "..., raising the death toll to 53" (a participle that
    sets the count). Then the count before it in the sentence is the addition. Not "the toll
    could rise to 100,000": a forecast sets nothing, and "50,000 bodies collected" before it is
    the count so far."""
    total = total_noun(num)
    return (
        total is not None and total.head.tag_ == "VBG" and token_lemma(total.head) in _SETTING_VERBS
    )
