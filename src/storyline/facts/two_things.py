"""Two things in one group: differing values that name incidents of different kinds, a value
beyond the whole another takes its part from, or a count of a named day's happening followed by
another outlet's count that names no such day. Such values are neither one count updated nor
contradicted (``differs``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline.facts.disputes import one_claimant
from storyline.facts.incidents import incidents_differ
from storyline.facts.kinds import COUNT_KINDS, MEASURE_KINDS
from storyline.facts.models import Fact
from storyline.facts.numbers import word_value
from storyline.facts.values import compatible


def two_incidents(facts: Sequence[Fact]) -> bool:
    """Whether two facts of different values name incidents of different kinds around them
    ("a storm ... left 8 dead", "80 killed in blasts"): a story followed over weeks counts many
    incidents, and their tolls are neither one toll updated nor two outlets contradicting each
    other (``storyline.facts.incidents``)."""
    return any(
        not compatible(a, b) and incidents_differ(a.incident, b.incident)
        for i, a in enumerate(facts)
        for b in facts[i + 1 :]
    )


def study_sizes(facts: Sequence[Fact]) -> bool:
    """Whether counts are each a study's size ("a second study of 151 patients", "330 patients
    are being enrolled in a study"; a DUC story on a treatment reports trial after trial): a
    study is measured once, so differing sizes are neither a count updated nor contradicted by
    another study's. ``label_group`` asks it only of values that differ."""
    return all(
        "study" in f.incident and f.kind not in MEASURE_KINDS and f.kind != "percent" for f in facts
    )


# "Forty-two of the 69 sailors": the part names the whole it is taken from.
_WHOLE = re.compile(r"\bof (?:the|its|their|all) ([\d][\d,.]*|[a-z]+(?:-[a-z]+)?)\b", re.IGNORECASE)


def beyond_a_whole(facts: Sequence[Fact]) -> bool:
    """Whether a value exceeds the whole another fact takes its part from: "42 of the 69 Soviet
    sailors" (an accident recalled) and "all 118 sailors" are not one count, nor are "33 of the
    100 seats" and the 400 seats of another plane."""
    for fact in facts:
        match = _WHOLE.search(fact.text)
        whole = word_value(match[1]) if match else None
        if whole is not None and any(other.value > whole for other in facts if other is not fact):
            return True
    return False


def day_count_then_another(facts: Sequence[Fact]) -> bool:
    """Whether a count its clause sets on a named day ("clashes broke out Friday, wounding
    17"; "about 160 people were killed yesterday") is followed, days later, by another
    outlet's different count that names no such day, or another, and is no running total:
    war news counts a day's incident and then others ("a car bomb at a funeral injures 48";
    "223 killed by drone strikes this year"), so the later count is not known to update the
    day's. A running total ("the toll from the market bombing rose to 45") or a count of the
    same day is still an update, and so is one party's own count revised ("Egypt's health
    ministry reported 639 wounded in Wednesday's clashes", then "nearly 850", per the ministry).
    """
    if facts[0].kind not in COUNT_KINDS:
        return False
    return any(
        a.happened is not None
        and a.when is not None
        and b.when is not None
        and b.when > a.when
        and b.happened != a.happened
        and not b.total
        and a.outlet != b.outlet
        and not one_claimant(a, b)
        and not compatible(a, b)
        for a in facts
        for b in facts
    )
