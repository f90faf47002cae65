"""Disputes: whether differing values contradict each other (``disputed``): two sources on one
day, a later report of another outlet putting a count a little lower, or two outlets at odds
about a value that cannot change. Who the sources are decides it: two outlets, or two named
parties one report quotes; one party revising its own count, however outlets spell it, is an
update.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from storyline.facts.happenings import PLAIN_VERBS, events_compatible
from storyline.facts.kinds import COUNT_KINDS, MEASURE_KINDS
from storyline.facts.models import Fact
from storyline.facts.places import same_spelling
from storyline.facts.updates import TURN_TOLERANCE, small_toll
from storyline.facts.values import base_value, compatible, rounded_sum
from storyline.facts.wording import claimant

# A count revised down by another outlet by more than this share is not read as an update (an
# official count is revised by a little: the dev set's injured of the 1999 quake, 33,559 then
# 33,495); see ``falls_back``.
FALL_SHARE = 0.1
# Two outlets' counts of a plain noun on one day further apart than this are two things.
PLAIN_DISPUTE_RATIO = 1.25


def same_day_contradiction(facts: Sequence[Fact]) -> bool:
    """Whether two sources give incompatible values of one thing on one day. Not where both
    are tolls of single figures (``SMALL_TOLL``): on a day of war news "two dead" in clashes and
    "four dead" in a mob's attack are two incidents as often as one toll contradicted; nor where
    one sum is written to a coarser step that the other rounds to ("$5bn", "$5.1 billion":
    ``values.rounded_sum``), one figure written twice rather than two."""
    by_day: dict[date | None, list[Fact]] = defaultdict(list)
    for fact in facts:
        by_day[fact.when].append(fact)
    return any(
        not compatible(a, b)
        and _different_sources(a, b)
        and _one_happening(a, b)
        and not small_toll((a, b))
        and not rounded_sum(a, b)
        for same in by_day.values()
        for i, a in enumerate(same)
        for b in same[i + 1 :]
    )


def _one_happening(a: Fact, b: Fact) -> bool:
    """Whether two values can contradict each other. Tolls, counts of people, targets, sums and
    measures name what they count; a plain noun names little ("states", "pilgrims"), so its two
    values contradict only when close (``PLAIN_DISPUTE_RATIO``: 47 and 48 kidnapped pilgrims)
    and their happenings do not differ: "33 states where obesity rose" and "45 states with high
    rates", the same day, are two things, not a dispute."""
    if a.kind in COUNT_KINDS or a.kind in MEASURE_KINDS or a.scope is not None:
        return True
    low, high = sorted((abs(a.value), abs(b.value)))
    if high > PLAIN_DISPUTE_RATIO * max(low, 1e-9):
        return False
    told = a.event in PLAIN_VERBS or b.event in PLAIN_VERBS  # no happening said ("have")
    return told or events_compatible(a.event, b.event)  # which also holds for no verb


def contradicted_later(facts: Sequence[Fact]) -> bool:
    """Whether another outlet's later report puts a count (a toll, targets hit) below an earlier
    one, by more than rounding (``TURN_TOLERANCE``; an official count revised by a few people,
    33,559 then 33,515 injured, is its update) and beyond what the earlier wording allows:
    counts of what happened grow, so a lower figure days later contradicts the earlier one
    (GUIDELINES: a later report that contradicts rather than updates is disputed). Drops of
    more than ``FALL_SHARE`` are ``falls_back``'s."""
    return _later_lower(facts, share=TURN_TOLERANCE)


def falls_back(facts: Sequence[Fact]) -> bool:
    """Whether a later report of another outlet puts a count (a toll, targets hit) more than
    ``FALL_SHARE`` below an earlier one, beyond what the earlier figure's wording allows. A count
    of what happened grows or is revised by a little; another outlet's much lower figure days
    later ("at least 90 detained" in Cairo, then "70 arrested" after the protests) has counted
    something else as often as it contradicts, so neither "changed" nor "disputed" is said."""
    return _later_lower(facts, share=FALL_SHARE)


def _later_lower(facts: Sequence[Fact], *, share: float) -> bool:
    """Whether another outlet's later report of a count puts it more than ``share`` below an
    earlier one, beyond what the earlier figure's wording allows."""
    if facts[0].kind not in COUNT_KINDS:
        return False
    return any(
        a.when is not None
        and b.when is not None
        and a.when < b.when
        and a.outlet != b.outlet
        and base_value(b, b.value) < (1 - share) * base_value(a, a.value)
        and not compatible(a, b)
        for a in facts
        for b in facts
    )


def outlets_contradict(facts: Sequence[Fact]) -> bool:
    """Whether two outlets (or two named claimants) give incompatible values, on any dates."""
    return any(
        not compatible(a, b) and _different_sources(a, b)
        for i, a in enumerate(facts)
        for b in facts[i + 1 :]
    )


def _different_sources(a: Fact, b: Fact) -> bool:
    """Two outlets, or two named parties quoted by one outlet in one report (the army vs the
    rebels). Two reports of one outlet quoting two parties are as likely two stories that met
    under one word ("cases in 41 states", per the CDC; "Nigeria's 36 states", per its ministry),
    and a misread speaker would turn one outlet's two figures into a dispute."""
    if a.outlet != b.outlet:
        return not _one_party(a, b)
    return (
        a.article_id == b.article_id
        and a.attributed_to is not None
        and b.attributed_to is not None
        and a.source_key != b.source_key
    )


def _one_party(a: Fact, b: Fact) -> bool:
    """Whether two facts are attributed to one party however outlets spell or date it: two
    outlets giving the WHO's count at two values on one day ("The World Health Organisation
    yesterday confirmed 787", "The World Health Organization said ... 898") report the party's
    updates, not a dispute between parties."""
    names = [_party_name(f) for f in (a, b)]
    if names[0] is None or names[1] is None:
        return False
    return names[0] == names[1] or same_spelling(names[0], names[1])


def one_claimant(a: Fact, b: Fact) -> bool:
    """Whether two facts are attributed to one party, however fully named ("Egypt's health
    ministry", "the health ministry"): a party revising its own count is an update."""
    if _one_party(a, b):
        return True
    first, second = _party_name(a), _party_name(b)
    if first is None or second is None:
        return False
    short, long = sorted((first, second), key=len)
    return long.endswith(" " + short)


def _party_name(fact: Fact) -> str | None:
    said = claimant(fact)
    if said is None:
        return None
    return re.sub(r"^the\s+|\s+(?:yesterday|today|on \w+|late \w+|earlier)$", "", said.lower())
