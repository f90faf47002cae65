"""Updates: whether values of one thing that differ between dates read as one count updated
(``changed``): a toll grows, and is revised by a little; a plain noun, a sum or a toll in single
figures moves as one count only over three dates or by a running total; a share by a few points.
Values no update explains (same-day values far apart, a count that halves or rises many-fold,
one that turns back between outlets) have likely caught two things (``differs``).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from storyline.facts.happenings import PLAIN_VERBS, events_compatible
from storyline.facts.kinds import COUNT_KINDS, MEASURE_KINDS
from storyline.facts.models import Fact
from storyline.facts.values import SAME_DAY_RATIO, base_value, compatible

# A count that grows more than this between two reports is more likely two things than one
# update (the dev set's fastest real rise: a quake toll from 600 to 7,085 in three days).
RISE_RATIO = 15.0
# Tolls below this move as a tally only over three dates (see ``an_update``): single figures
# meet by chance (the dev set's small tolls that change, the 1999 outbreak's 3, 4, 5 and 7
# dead, are reported on many dates).
SMALL_TOLL = 10
# Moves smaller than this share are rounding, not a change of direction (53 vs 52.94).
TURN_TOLERANCE = 0.02
# A plain noun's running tally grows (or shrinks) within this factor over its reports; a series
# spread wider is counts of different sets that met under one word.
PLAIN_GROWTH = 4.0
# Two reports of one share differ by a few points; further apart they are two shares (was 20:
# a 56% vote share and a group's "about 40%" two days later read as changed). Dev unchanged.
PERCENT_JUMP = 10.0


def an_update(facts: Sequence[Fact]) -> bool:
    """Whether values that differ between dates read as one thing updated. A toll or another
    count of the story's people moves over the days; a plain noun ("experts", "troops", "crew")
    is as often two different counts that met under one word, so it is called changed only when
    reports on three or more dates give three or more values moving one way (a running tally of
    lawsuits re-reported as it grows), or on two dates when the later report gives a higher
    figure as the running total (``_totalled``). So is a toll with a figure below
    ``SMALL_TOLL``: war news reports a handful killed somewhere most days, and "one soldier
    killed" on one day and "four soldiers killed" three days later are two incidents more often
    than one count risen; so are "seven rebels killed" attacking a base and "23 rebels" killed
    four days later, each its incident's toll. So is a sum: "a $10 fine" and "a $25 fine" are
    as often two fines as one raised. A share moves by a few points between reports; a jump of
    more than ``PERCENT_JUMP`` points is two shares (votes counted, votes won)."""
    kind = facts[0].kind
    if facts[0].window in ("per year", "per month"):
        return False  # "7,000 deaths annually", then a study's "16,500 a year": two estimates
    if kind == "percent":
        values = [f.value for f in facts]
        return max(values) - min(values) <= PERCENT_JUMP
    if (kind in COUNT_KINDS and not single_figures(facts)) or (
        kind in MEASURE_KINDS and kind != "money"
    ):
        return True
    by_day: dict[date | None, list[Fact]] = defaultdict(list)
    for fact in facts:
        by_day[fact.when].append(fact)
    if any(not compatible(a, b) for same in by_day.values() for a in same for b in same):
        return False
    if _totalled(by_day):
        return True
    if len(by_day) < 3:
        return False
    days = sorted(by_day, key=lambda d: d or date.min)
    values = [min(base_value(f, f.value) for f in by_day[d]) for d in days]
    rising = all(b >= a for a, b in itertools.pairwise(values))
    falling = all(b <= a for a, b in itertools.pairwise(values))
    # 8, 10, 11, 23, 36, 100, 130 tribes over two years are seven sets of tribes, not a tally;
    # 23, 40, 65, 74, 101 countries that ratified a treaty are one, however far it grows
    grown = max(values) <= PLAIN_GROWTH * max(min(values), 1e-9)
    events = [f.event for f in facts]
    one = None not in events and not set(events) & PLAIN_VERBS
    one = one and all(events_compatible(a, b) for a, b in itertools.combinations(set(events), 2))
    return len(set(values)) >= 3 and (rising or falling) and (grown or one)


def _totalled(by_day: dict[date | None, list[Fact]]) -> bool:
    """Whether reports on two dates read as one count updated because the later report says it
    gives the count so far ("destroyed 14 million mines", then "..., bringing the total so far
    to 22 million"): a running total is the count grown since, by the report's own words."""
    if len(by_day) != 2 or None in by_day:
        return False
    earlier, later = sorted(d for d in by_day if d is not None)
    if not all(f.total for f in by_day[later]):
        return False
    low = max(base_value(f, f.value) for f in by_day[earlier])
    return min(base_value(f, f.value) for f in by_day[later]) > low


def small_toll(facts: Sequence[Fact]) -> bool:
    return facts[0].kind in COUNT_KINDS and max(f.value for f in facts) < SMALL_TOLL


def single_figures(facts: Sequence[Fact]) -> bool:
    """Whether a toll (or another count of what happened) has a figure below ``SMALL_TOLL``:
    one incident's count, in a story that may report many (see ``an_update``). A count over a
    window the report states ("nine sites struck in the past 24 hours", then "53 targets") is a
    tally given each day, not an incident's toll: its figures are small only when all are."""
    if facts[0].window is not None:
        return small_toll(facts)
    return facts[0].kind in COUNT_KINDS and min(f.value for f in facts) < SMALL_TOLL


def turns(facts: Sequence[Fact]) -> bool:
    """Whether the values, in date order, go up and then down (or down and then up) between
    outlets ("111 injured", "more than 100", "124"): approximate values count as written, since
    "more than 100" after "111" reads as a lower figure."""
    ordered = sorted(facts, key=lambda f: (f.when or date.min, f.value))
    moves: list[int] = []
    for a, b in itertools.pairwise(ordered):
        va, vb = base_value(a, a.value), base_value(b, b.value)
        if abs(va - vb) <= TURN_TOLERANCE * max(abs(va), abs(vb)):
            continue  # "53" after "52.9" is the same share rounded, not a move
        move = 1 if vb > va else -1
        if moves and move != moves[-1] and a.outlet != b.outlet:
            return True
        moves.append(move)
    return False


def in_some_order(facts: Sequence[Fact]) -> bool:
    """Whether values, whatever their order, can be one count reported over time: the largest
    at most ``RISE_RATIO`` times the smallest. Undated reports of one incident a count grew
    past that between are rarer than a group that caught another incident's count (the ECB+
    audit's undated groups past it: 2, 3 and 5 injured in a quake beside "almost 50" in the
    one of the September before; 40 killed at a school beside 600 in the whole offensive); "9
    sites" and "53 targets" struck in the past 24 hours, a week apart, stay within it."""
    values = [base_value(f, f.value) for f in facts]
    return max(values) <= RISE_RATIO * max(min(values), 1e-9)


def plausible(facts: Sequence[Fact]) -> bool:
    """Whether differing values can be one thing reported twice: on one day within
    ``SAME_DAY_RATIO`` of each other, never falling below half an earlier value nor rising past
    ``RISE_RATIO`` times the previous report's. Outside that
    the group has probably caught two things (a raid's toll and a bombing's), and a reader is told
    only that the values differ."""
    for a in facts:
        for b in facts:
            if a.when is None or b.when is None or a is b:
                continue
            va, vb = base_value(a, a.value), base_value(b, b.value)
            if a.when == b.when and max(va, vb) > SAME_DAY_RATIO * max(min(va, vb), 1e-9):
                return False
            if a.when < b.when and vb < va / 2:
                return False
    days = sorted({f.when for f in facts if f.when is not None})
    for earlier, later in itertools.pairwise(days):
        low = max(base_value(f, f.value) for f in facts if f.when == earlier)
        high = min(base_value(f, f.value) for f in facts if f.when == later)
        if high > RISE_RATIO * max(low, 1e-9):
            return False
    return True
