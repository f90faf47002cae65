"""Bounds: whether "at least" and "more than" restate a figure or say the count moved. A later
exact figure above an earlier bound is the count risen (``changed``), unless the bound was
written to the figure's digits or given again on its day; a later bound below an earlier exact
figure that rounds no part of it is another count (``differs``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from storyline.facts.models import Fact
from storyline.facts.values import base_value, significant


def bound_passed(facts: Sequence[Fact]) -> bool:
    """Whether a later report gives an exact figure above an earlier "at least" or "more than"
    ("at least 126 dead" on one day, "140 dead" a week later): the figures fit, but the later
    one is the count risen, not the same count restated (GUIDELINES: "more than 100 sailors",
    then "116", is changed); so does a higher lower bound ("at least 70,000 buried", then "at
    least 75,000"). A bound given after the figure ("253 killed", then "more than 200")
    restates it. So does a bound written to two digits or more that the later figure rounds
    down to ("more than 260 injured", then "261"): it said that figure already, and nothing
    rose; a round "more than 100" gives no digits to say 116 was meant. Nor does a bound
    another report gives again on the higher figure's day (``_bound_restated``)."""
    return any(
        a.bound == "min"
        and (not b.approx or b.bound == "min")
        and a.when is not None
        and b.when is not None
        and b.when > a.when
        and base_value(b, b.value) > base_value(a, a.value)
        and not (significant(a) >= 2 and _rounds_down_to(base_value(b, b.value), a))
        and not _bound_restated(a, b, facts)
        for a in facts
        for b in facts
    )


def _bound_restated(bound: Fact, figure: Fact, facts: Sequence[Fact]) -> bool:
    """Whether another report gives the same bound on or after the day of the higher figure
    ("more than 100 refugees" on the 11th and again on the 12th, beside "at least 108" on the
    12th): on that day the bound and the figure agree, and nothing says the count rose."""
    return any(
        other is not bound
        and other.bound == bound.bound
        and other.value == bound.value
        and other.when is not None
        and figure.when is not None
        and other.when >= figure.when
        for other in facts
    )


def lower_bound_later(facts: Sequence[Fact]) -> bool:
    """Whether a later report gives a count as "at least" or "more than" a figure below an
    earlier exact one that is no rounding of it: "253 killed", then "more than 200" (or "more
    than 250") restates the toll in round figures; "184 killed" on one day and "at least 143
    deaths" a week later, or "136 killed", then "more than 120", are two counts (two days'
    tolls, in war news) that the bound's words happen to fit, not one count agreed."""
    return any(
        a.when is not None
        and b.when is not None
        and b.when > a.when
        and not a.approx
        and b.bound == "min"
        and base_value(b, b.value) < base_value(a, a.value)
        and not _rounds_down_to(base_value(a, a.value), b)
        for a in facts
        for b in facts
    )


def _rounds_down_to(figure: float, bound: Fact) -> bool:
    """Whether ``figure`` rounded down at the last digit ``bound`` is written to gives the
    bound's value: 253 to "more than 200" or "more than 250"; 184 is not "at least 143"."""
    value = base_value(bound, bound.value)
    if value <= 0:
        return False
    place = 10.0 ** (math.floor(math.log10(value)) + 1 - significant(bound))
    return math.isclose(math.floor(figure / place + 1e-9) * place, value, rel_tol=1e-9)
