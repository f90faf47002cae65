"""Cores: the facts of a group whose values differ that still read as one count: a series rising
over the dates when a few reports do not fit it, the group without its one isolated value, or the
value most of its articles give beside one report far off it. The facts left out are
single-source (``facts.labels``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from storyline.facts.models import Fact
from storyline.facts.reading import PEOPLE_KINDS
from storyline.facts.values import SAME_DAY_RATIO, base_value, compatible


def lone_outlier(top: Sequence[Fact], facts: Sequence[Fact]) -> bool:
    """Whether all but one fact give one value (two thirds of the group at least) and the one
    left over is more than ``SAME_DAY_RATIO`` away from it: a figure several outlets repeat is
    established, and one report far off it has more likely counted something else (a month of
    "some 300 killed" in the bombings, then "3,600 killed" in the war that followed) than updated
    or contradicted it. Except the first report of a toll, below what all later ones repeat: a
    count that starts low and rises ("107 bodies recovered" on the day, "984 dead" from two
    outlets days later) is one count updated."""
    rest = [f for f in facts if all(f is not t for t in top)]
    if len(rest) != 1 or 3 * len(top) < 2 * len(facts):
        return False
    value = base_value(rest[0], rest[0].value)
    ref = [base_value(f, f.value) for f in top]
    first = rest[0].when is not None and all(
        f.when is not None and rest[0].when < f.when for f in top
    )
    if first and value < min(ref) and rest[0].kind in PEOPLE_KINDS:
        return False
    return value > SAME_DAY_RATIO * max(ref) or value * SAME_DAY_RATIO < min(ref)


def _series(ordered: Sequence[Fact], *, rising: bool) -> list[Fact]:
    """The longest run of ``ordered`` (by date) whose values never fall (or never rise); values
    compatible within the precision written count as equal."""
    best: list[list[Fact]] = []
    for i, fact in enumerate(ordered):
        value = base_value(fact, fact.value)
        chain: list[Fact] = []
        for j in range(i):
            prev = ordered[j]
            step = value - base_value(prev, prev.value)
            fits = compatible(prev, fact) or (step > 0) == rising
            if fits and len(best[j]) > len(chain):
                chain = best[j]
        best.append([*chain, fact])
    return max(best, key=len, default=[])


def rising_core(facts: Sequence[Fact]) -> tuple[Fact, ...] | None:
    """The facts that read as one count rising over the dates, when a few others do not fit it:
    the longest series of dated values that never falls, if it holds three facts and two thirds
    of the group at least, from two outlets, and no series that never rises is as long (then
    whether the group rose or fell is not clear). The rest have likely counted something else
    ("38 African countries" among 121, 133 and 135 countries that signed a treaty), unless one
    of them returns to a value the series had left (``_reverts``)."""
    if any(f.when is None for f in facts):
        return None
    ordered = sorted(facts, key=lambda f: (f.when or date.min, base_value(f, f.value)))
    core = _series(ordered, rising=True)
    if len(core) < 3 or 3 * len(core) < 2 * len(facts) or len(core) == len(facts):
        return None
    if len({f.outlet for f in core}) < 2 or len(_series(ordered, rising=False)) >= len(core):
        return None
    left = [f for f in facts if all(f is not c for c in core)]
    if any(_reverts(f, core) for f in left):
        return None
    return tuple(core)


def _reverts(fact: Fact, core: Sequence[Fact]) -> bool:
    """Whether a fact left out of a rising series repeats a value the series had already left
    behind ("109 aboard" after "113 killed" had replaced it): then two counts run side by side."""
    when = fact.when or date.min
    return any(
        compatible(fact, c)
        and any(
            (c.when or date.min) < (d.when or date.min) <= when and not compatible(d, c)
            for d in core
        )
        for c in core
    )


# Undated values of one count this close (a share of the largest) are one count given apart, not
# a figure most reports give beside others that counted something else (dev has no undated
# story; the ECB+ audit's undated groups this close: 9 and 10 games missed, one count).
UNDATED_SPREAD = 0.1


def undated_near(facts: Sequence[Fact]) -> bool:
    """Whether undated facts give values within ``UNDATED_SPREAD`` of each other: without an
    order, no value can be told the update or the one most reports settled on, and the finding
    is that they differ (GUIDELINES: ``differs``)."""
    if all(f.when is not None for f in facts):
        return False
    values = [base_value(f, f.value) for f in facts]
    return max(values) - min(values) <= UNDATED_SPREAD * max(values)


def without_isolated(facts: Sequence[Fact]) -> tuple[Fact, ...] | None:
    """The group without its one isolated value, if it has exactly one: a value more than
    ``SAME_DAY_RATIO`` away from every other ("over 5,000 injured" in both bombings beside
    "about 70" and "more than 80" in one of them), when two outlets remain."""
    if len(facts) < 3:
        return None

    def apart(a: Fact, b: Fact) -> bool:
        va, vb = base_value(a, a.value), base_value(b, b.value)
        return max(va, vb) > SAME_DAY_RATIO * max(min(va, vb), 1e-9)

    isolated = [f for f in facts if all(apart(f, g) for g in facts if g is not f)]
    rest = tuple(f for f in facts if all(f is not i for i in isolated))
    if len(isolated) != 1 or len({f.outlet for f in rest}) < 2:
        return None
    return rest
