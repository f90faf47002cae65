"""Labels: what a group of facts (``storyline.facts.alignment``) tells a reader.

Each group gets exactly one label, decided in this order:

``single-source``
    all its facts come from one outlet;
``agreed``
    two or more outlets, and every value is compatible with the others within the precision
    written ("about 200" and "203"; "33,000 feet" and "9,900 metres"), see ``compatible``;
    but a later figure above an earlier "at least" is the count risen (changed), unless a
    report gives that bound again on the figure's day (``_bound_passed``);
``differs``
    values differ but a fact has no date: the order is unknown, so neither "changed" nor
    "disputed" can be said; or two facts of different values name incidents of different kinds
    around them ("a storm left 8 dead", "80 killed in blasts": ``facts.incidents``), two tolls
    of a story followed over weeks rather than one toll updated or contradicted; or a later
    report gives "at least" a figure below an earlier exact one that rounds no part of it ("184
    killed", then "at least 143" a week later: two days' tolls the bound's words happen to fit);
``disputed``
    values differ for the same thing at the same time: on one date, two outlets (or two named
    claimants quoted by one outlet) give incompatible values, within a factor of two, not
    both tolls of single figures (two incidents' as often as one contradicted); or a
    later report of another outlet puts a count (a toll, targets hit) lower than an earlier
    one, by more than rounding and at most ``FALL_SHARE``: counts of what happened grow, so a
    lower figure contradicts rather than updates (a drop within rounding, 33,559 then 33,515
    injured, is an official count revised: changed; a larger drop is ``differs``);
``disputed`` or ``changed`` for a fixed property
    a property of one thing with one true value (the depth where a wreck lies, a vessel's
    displacement: ``FIXED_PROPERTIES``; the size of a piece found, ``dimensions.fixed``; the blows
    one person took, ``kinds.FIXED_COUNTS``; a count of people every report sets in a year
    that ended months before it, "last year the virus made 55 others ill": ``_closed``) is
    never updated, only corrected: two outlets giving different values contradict each other,
    on any dates ("about 100 meters deep" and "354 feet below the surface"); one outlet's own
    revision is changed, unless two figures each given by two or more reports come back in turn
    ("14,700 tons", "14,000-ton", "14,700 tons" again): that is no revision but a contradiction;
    values more than ``SAME_DAY_RATIO`` apart are two things (``differs``);
``changed``
    values differ, every difference lies between dates, and they move one way: later reports
    update earlier ones (a rising toll, the next day's figure, a revised count); not a count
    of a named day's happening followed by another outlet's count that names no such day and
    gives no running total (``differs``: war news counts one day's incident, then another's).
    For a plain
    noun or a sum (not a toll or other count of the story's people, nor a measure), and for a
    toll with a figure in single figures ("one soldier killed", "four soldiers killed"; "seven
    rebels", then "23 rebels" killed: two incidents as often as one count), that needs
    three or more reports on different dates moving one way; a share
    must stay within ``PERCENT_JUMP`` points. Otherwise the group is ``differs``.

Values that cannot be one thing reported twice (same-day values far apart, a later value below
half an earlier one) are ``differs`` too: the group has likely caught two things; and so are
values that go up and then down (or down and up) from one outlet to another over the dates: an
update moves one way, but whether such a series is contradiction or revision needs a reader
(unless two outlets already contradict each other on one day: "48 protesters killed" and "53"
on the day, "more than 50" days later, is disputed, as GUIDELINES says a same-day difference
is whatever the count does later); and so is a count (a toll, targets hit) that another
outlet puts well below an earlier report days later: counts grow, and a much lower one has as
often counted something else.

A wrong "disputed" costs a reader more than a missed one, so only same-day contradictions and
small drops of a count by another outlet are called disputed. Where all but one of a group's
facts give one value and the one left is more
than ``SAME_DAY_RATIO`` away, that one is set apart (single-source) and the rest agree: a figure
several outlets repeat is established, and a lone report far off it has more likely counted
something else. A group whose values differ in a way no update explains keeps, as its finding,
the facts that do read as one count: the series that rises over the dates when a few reports do
not fit it (three facts and two thirds of the group at least, no falling series as long, and none
left out returning to a value the series had left), or else the group without its one value far
from all others ("over 5,000 injured" in both bombings beside "about 70" and "more than 80" in
one); the facts left out are single-source. That finding is labelled as any group is: changed,
agreed, or disputed where two outlets give its count different values on one day (a global flu
toll reported at 65 and at 72 on one day as it rises, once a yearly toll of seasonal flu and a
crash's two dead are left out); were it still ``differs``, the group stays whole. So does a group
of undated reports whose values lie within ``UNDATED_SPREAD`` of each other (127, 128 and 130
killed): one count given apart, and with no order no value of it is the one reports settled on.
A loose group (see alignment) is split by value before labelling, so it is only ever agreed or
single-source.

Denials ("the ministry denied ...") paired with the claim they answer are findings of their own,
labelled ``contested``: they hold sentences, not numbers.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta

from storyline.facts.days import SUPERSEDED
from storyline.facts.dimensions import fixed
from storyline.facts.happenings import LIGHT_VERBS, events_compatible, shared_event
from storyline.facts.incidents import incidents_differ
from storyline.facts.kinds import COUNT_KINDS, FIXED_COUNTS, MEASURE_KINDS
from storyline.facts.loose import by_value
from storyline.facts.models import Fact, Finding, Group
from storyline.facts.numbers import CURRENCY, MEASURES, word_value
from storyline.facts.places import same_spelling
from storyline.facts.reading import ABOARD, BODIES_HANDLED, PEOPLE_KINDS, POLLED
from storyline.facts.tallies import TALLY_SIDES, UNNAMED_MOTION
from storyline.facts.totals import INCREMENT
from storyline.facts.values import (
    SAME_DAY_RATIO,
    base_value,
    compatible,
    rounded_sum,
    significant,
    value_clusters,
)

# A count that grows more than this between two reports is more likely two things than one
# update (the dev set's fastest real rise: a quake toll from 600 to 7,085 in three days).
RISE_RATIO = 15.0
# Tolls below this move as a tally only over three dates (see ``_an_update``): single figures
# meet by chance (the dev set's small tolls that change, the 1999 outbreak's 3, 4, 5 and 7
# dead, are reported on many dates).
SMALL_TOLL = 10
# ... and such a figure is the group's, beside other figures, only when this many outlets give it
# ("three other Americans killed" in 16 reports, beside "four Americans").
SMALL_TOLL_OUTLETS = 3
# Moves smaller than this share are rounding, not a change of direction (53 vs 52.94).
TURN_TOLERANCE = 0.02
# A count revised down by another outlet by more than this share is not read as an update (an
# official count is revised by a little: the dev set's injured of the 1999 quake, 33,559 then
# 33,495); see ``_falls_back``.
FALL_SHARE = 0.1
# A plain noun's running tally grows (or shrinks) within this factor over its reports; a series
# spread wider is counts of different sets that met under one word.
PLAIN_GROWTH = 4.0
# Two outlets' counts of a plain noun on one day further apart than this are two things.
PLAIN_DISPUTE_RATIO = 1.25
# Two reports of one share differ by a few points; further apart they are two shares (was 20:
# a 56% vote share and a group's "about 40%" two days later read as changed). Dev unchanged.
PERCENT_JUMP = 10.0
# A count of a year's happening is closed this long after the year ends (``_closed``): a safety
# margin, not tuned (the reports that recall the 1999 West Nile outbreak's infected in the walk
# and dev.jsonl's D0622D come five months and more after it).
CLOSED_AFTER = timedelta(days=90)
# Properties of one thing that have one true value (``measures.dimension``): where a wreck lies, a
# vessel's displacement. A later report cannot update them, only correct or contradict them.
FIXED_PROPERTIES = frozenset({"depth", "displacement"})


def label_group(facts: Sequence[Fact]) -> str:
    """The label of one group's facts (see the module docstring for the order of the rules)."""
    if len({f.outlet for f in facts}) < 2:
        return "single-source"
    if all(compatible(a, b) for i, a in enumerate(facts) for b in facts[i + 1 :]):
        if _lower_bound_later(facts):
            return "differs"  # 184 killed, then "at least 143" a week later: two days' tolls
        return "changed" if _bound_passed(facts) and _an_update(facts) else "agreed"
    if _two_incidents(facts):
        return "differs"  # a storm's toll beside a bombing's: two incidents, not one count
    if _beyond_a_whole(facts) or len({f.foreseen for f in facts}) > 1:
        return "differs"  # another thing's part, or a forecast beside a report
    if any(f.when is None for f in facts) or not _plausible(facts):
        return "differs"
    if (
        facts[0].scope in FIXED_PROPERTIES
        or fixed(facts[0].scope)
        or facts[0].kind in FIXED_COUNTS
        or _closed(facts)
    ):
        if _far_apart(facts):
            return "differs"  # a "3-inch" and a "16-inch" piece of metal are two pieces
        if _outlets_contradict(facts) or _two_figures_in_use(facts):
            return "disputed"
        return "differs" if _returns(facts) else "changed"
    if _same_day_contradiction(facts):
        return "disputed"
    if _turns(facts):
        return "differs"
    if _falls_back(facts):
        return "differs"
    if _contradicted_later(facts):
        return "disputed"
    if _day_count_then_another(facts):
        return "differs"  # 17 wounded in Friday's clashes, then 48 by a car bomb days later
    return "changed" if _an_update(facts) else "differs"


def _closed(facts: Sequence[Fact]) -> bool:
    """Whether a count (a toll, the infected) is of a happening every report sets in a year
    that ended at least ``CLOSED_AFTER`` before it ("last year the virus killed seven people
    and made 55 others ill", in July 2000): such a count is closed, as a fixed property is, so
    outlets that give it different values contradict each other rather than update it
    (GUIDELINES: "a later report contradicts an earlier one rather than updating it"). Not a
    count in single figures (``_single_figures``): "six people in New York City and one in
    Westchester" and "seven in the New York region" last year are parts and a whole as often as
    one toll contradicted; nor a report early in the next year, when last December's disaster
    may still be counted."""
    if facts[0].kind not in COUNT_KINDS or _single_figures(facts):
        return False
    return all(
        f.year is not None and f.when is not None and f.when >= date(f.year, 12, 31) + CLOSED_AFTER
        for f in facts
    )


def _day_count_then_another(facts: Sequence[Fact]) -> bool:
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
        and not _one_claimant(a, b)
        and not compatible(a, b)
        for a in facts
        for b in facts
    )


def _one_claimant(a: Fact, b: Fact) -> bool:
    """Whether two facts are attributed to one party, however fully named ("Egypt's health
    ministry", "the health ministry"): a party revising its own count is an update."""
    if _one_party(a, b):
        return True
    first, second = _party_name(a), _party_name(b)
    if first is None or second is None:
        return False
    short, long = sorted((first, second), key=len)
    return long.endswith(" " + short)


def _two_incidents(facts: Sequence[Fact]) -> bool:
    """Whether two facts of different values name incidents of different kinds around them
    ("a storm ... left 8 dead", "80 killed in blasts"): a story followed over weeks counts many
    incidents, and their tolls are neither one toll updated nor two outlets contradicting each
    other (``storyline.facts.incidents``)."""
    return any(
        not compatible(a, b) and incidents_differ(a.incident, b.incident)
        for i, a in enumerate(facts)
        for b in facts[i + 1 :]
    )


# "Forty-two of the 69 sailors": the part names the whole it is taken from.
_WHOLE = re.compile(r"\bof (?:the|its|their|all) ([\d][\d,.]*|[a-z]+(?:-[a-z]+)?)\b", re.IGNORECASE)


def _beyond_a_whole(facts: Sequence[Fact]) -> bool:
    """Whether a value exceeds the whole another fact takes its part from: "42 of the 69 Soviet
    sailors" (an accident recalled) and "all 118 sailors" are not one count, nor are "33 of the
    100 seats" and the 400 seats of another plane."""
    for fact in facts:
        match = _WHOLE.search(fact.text)
        whole = word_value(match[1]) if match else None
        if whole is not None and any(other.value > whole for other in facts if other is not fact):
            return True
    return False


def _contradicted_later(facts: Sequence[Fact]) -> bool:
    """Whether another outlet's later report puts a count (a toll, targets hit) below an earlier
    one, by more than rounding (``TURN_TOLERANCE``; an official count revised by a few people,
    33,559 then 33,515 injured, is its update) and beyond what the earlier wording allows:
    counts of what happened grow, so a lower figure days later contradicts the earlier one
    (GUIDELINES: a later report that contradicts rather than updates is disputed). Drops of
    more than ``FALL_SHARE`` are ``_falls_back``'s."""
    return _later_lower(facts, share=TURN_TOLERANCE)


def _falls_back(facts: Sequence[Fact]) -> bool:
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


def _bound_passed(facts: Sequence[Fact]) -> bool:
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


def _lower_bound_later(facts: Sequence[Fact]) -> bool:
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


def _outlets_contradict(facts: Sequence[Fact]) -> bool:
    """Whether two outlets (or two named claimants) give incompatible values, on any dates."""
    return any(
        not compatible(a, b) and _different_sources(a, b)
        for i, a in enumerate(facts)
        for b in facts[i + 1 :]
    )


def _two_figures_in_use(facts: Sequence[Fact]) -> bool:
    """Whether a fixed property is given as two incompatible figures, each by two or more
    reports, one coming back after the other ("14,700 tons", then "14,000-ton", then "14,700
    tons" again, beside another outlet's "14,000 tons"): no outlet is revising a reading, the
    reports contradict each other about a value that cannot change (GUIDELINES: a later report
    that contradicts rather than updates is disputed). One figure given once beside another
    repeated is left to the rules above: it may be a slip or a revision."""
    if not _returns(facts):
        return False
    held = [c for c in value_clusters(facts) if len({f.article_id for f in c}) >= 2]
    return any(not compatible(x, y) for a, b in itertools.pairwise(held) for x in a for y in b)


def _far_apart(facts: Sequence[Fact]) -> bool:
    """Whether a fixed property's values lie more than ``SAME_DAY_RATIO`` apart on any dates:
    outlets that contradict each other about one thing's size give close figures; far apart,
    they have more likely measured two things (two pieces found, two wrecks)."""
    values = [base_value(f, f.value) for f in facts]
    return max(values) > SAME_DAY_RATIO * max(min(values), 1e-9)


def _returns(facts: Sequence[Fact]) -> bool:
    """Whether, in date order, a value comes back after another had replaced it ("14,700
    tons", then "14,000-ton", then "14,700 tons" again): no revision, two figures in use."""
    ordered = sorted(facts, key=lambda f: f.when or date.min)
    return any(
        compatible(fact, earlier) and any(not compatible(m, earlier) for m in ordered[i + 1 : k])
        for k, fact in enumerate(ordered)
        for i, earlier in enumerate(ordered[:k])
    )


def _an_update(facts: Sequence[Fact]) -> bool:
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
    if (kind in COUNT_KINDS and not _single_figures(facts)) or (
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
    one = None not in events and not set(events) & _PLAIN_VERBS
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


def _small_toll(facts: Sequence[Fact]) -> bool:
    return facts[0].kind in COUNT_KINDS and max(f.value for f in facts) < SMALL_TOLL


def _single_figures(facts: Sequence[Fact]) -> bool:
    """Whether a toll (or another count of what happened) has a figure below ``SMALL_TOLL``:
    one incident's count, in a story that may report many (see ``_an_update``). A count over a
    window the report states ("nine sites struck in the past 24 hours", then "53 targets") is a
    tally given each day, not an incident's toll: its figures are small only when all are."""
    if facts[0].window is not None:
        return _small_toll(facts)
    return facts[0].kind in COUNT_KINDS and min(f.value for f in facts) < SMALL_TOLL


def _turns(facts: Sequence[Fact]) -> bool:
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


def _plausible(facts: Sequence[Fact]) -> bool:
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


def _same_day_contradiction(facts: Sequence[Fact]) -> bool:
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
        and not _small_toll((a, b))
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
    told = a.event in _PLAIN_VERBS or b.event in _PLAIN_VERBS  # no happening said ("have")
    return told or events_compatible(a.event, b.event)  # which also holds for no verb


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


def _party_name(fact: Fact) -> str | None:
    said = _claimant(fact)
    if said is None:
        return None
    return re.sub(r"^the\s+|\s+(?:yesterday|today|on \w+|late \w+|earlier)$", "", said.lower())


# Verbs that say nothing a heading needs, besides those that only tell (LIGHT_VERBS).
_PLAIN_VERBS = LIGHT_VERBS | frozenset("seem appear total involve compare stand".split())
_IRREGULAR_PARTICIPLES = {
    "bring": "brought", "buy": "bought", "catch": "caught", "fall": "fallen", "fight": "fought",
    "find": "found", "fly": "flown", "get": "got", "give": "given", "hit": "hit", "hold": "held",
    "keep": "kept", "leave": "left", "lose": "lost", "make": "made", "pay": "paid", "put": "put",
    "rise": "risen", "run": "run", "see": "seen", "seek": "sought", "sell": "sold", "send": "sent",
    "set": "set", "shoot": "shot", "spend": "spent", "steal": "stolen", "strike": "struck",
    "take": "taken", "tell": "told", "win": "won", "write": "written", "cut": "cut",
    "build": "built", "lead": "led", "cost": "cost", "bet": "bet", "quit": "quit",
    "meet": "met", "drive": "driven", "hide": "hidden", "begin": "begun", "sink": "sunk",
    "hang": "hung", "dig": "dug", "throw": "thrown", "break": "broken", "grow": "grown",
    "know": "known", "draw": "drawn", "speak": "spoken", "shut": "shut", "split": "split",
    "spread": "spread", "sweep": "swept", "freeze": "frozen", "blow": "blown", "feed": "fed",
    "flee": "fled", "beat": "beaten", "bleed": "bled", "shake": "shaken", "choose": "chosen",
    "forgive": "forgiven", "swim": "swum", "sleep": "slept", "wear": "worn", "tear": "torn",
    "withdraw": "withdrawn", "withhold": "withheld", "uphold": "upheld", "undergo": "undergone",
    "overthrow": "overthrown", "rebuild": "rebuilt", "go": "gone", "do": "done", "come": "come",
    "become": "become", "eat": "eaten", "forget": "forgotten", "forbid": "forbidden",
    "show": "shown", "stand": "stood", "understand": "understood", "teach": "taught",
    "think": "thought", "hear": "heard", "say": "said", "read": "read", "let": "let",
    "sit": "sat", "lay": "laid", "lend": "lent", "mean": "meant", "deal": "dealt",
    "ride": "ridden", "swear": "sworn", "stick": "stuck", "swing": "swung", "spin": "spun",
    "bind": "bound", "bear": "borne", "slay": "slain", "shed": "shed", "light": "lit",
    "arise": "arisen", "drink": "drunk", "ring": "rung", "spring": "sprung", "hurt": "hurt",
    "burst": "burst", "cast": "cast", "broadcast": "broadcast", "forecast": "forecast",
    "upset": "upset", "thrust": "thrust", "bid": "bid", "wake": "woken", "weep": "wept",
    "shrink": "shrunk", "sing": "sung", "sting": "stung", "string": "strung", "sling": "slung",
    "stink": "stunk", "strive": "striven", "stride": "stridden", "swell": "swollen",
    "shine": "shone", "slide": "slid", "weave": "woven", "wind": "wound", "bend": "bent",
    "dwell": "dwelt", "forsake": "forsaken", "relay": "relayed",  # not re-lay
}  # fmt: skip
# "oversee", "undertake", "rewrite", "mislead", "withstand": a prefix on an irregular verb keeps
# its participle ("overseen", not "overseed").
_PREFIXES = ("over", "under", "out", "fore", "with", "mis", "re", "up", "off")
_CVC = re.compile(r"^[^aeiou]*[aeiou][^aeiouwxy]$")


# Longer verbs stressed on their last syllable, which doubles its consonant ("admitted", not
# "limited": the stress decides, so they are listed).
_DOUBLING = frozenset(
    """admit commit submit permit omit emit transmit occur recur incur deter refer prefer confer
    transfer control patrol compel expel propel repel regret abet embed equip kidnap""".split()
)


def participle(verb: str) -> str:
    """ "paid", "struck", "evacuated", "dropped": how a finding's heading says what happened to
    what it counts ("money (paid)", not "money (pay)")."""
    if verb in _IRREGULAR_PARTICIPLES or " " in verb or not verb.isalpha():
        return _IRREGULAR_PARTICIPLES.get(verb, verb)
    for prefix in _PREFIXES:
        rest = verb.removeprefix(prefix)
        if rest != verb and rest in _IRREGULAR_PARTICIPLES:
            return prefix + _IRREGULAR_PARTICIPLES[rest]
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and len(verb) > 2 and verb[-2] not in "aeiou":
        return verb[:-1] + "ied"
    if (len(verb) <= 4 and _CVC.match(verb)) or verb in _DOUBLING:
        return verb + verb[-1] + "ed"  # stop, drop, plan; admit, occur, control
    return verb + "ed"


def describe(group: Group) -> str:
    """What the group measures, for a reader: "killed in Kenya", "target (struck), in 24 hours",
    "depth" (not "depth length"), "putin share"; a verb that only tells ("be", "have",
    "include") is left out."""
    first = group.facts[0]
    what = first.kind
    if first.scope == INCREMENT:
        what = f"additional {what}"  # "three more bodies": what a running count grew by
    elif first.scope == SUPERSEDED:
        what = f"{what}, {SUPERSEDED}"  # "initial reports that 176 had died"
    elif first.scope in BODIES_HANDLED.values():
        what = f"bodies {first.scope}"  # "75,000 bodies had been buried": not "buried killed"
    elif first.scope in ABOARD:  # "killed aboard", "killed on the ground", where both are given
        what = f"{what} {group.key[1]}" if group.key[1] in ABOARD else what
    elif first.kind == "vote" and first.scope in TALLY_SIDES:
        what = f"votes {first.scope}"  # a tally's two sides: "votes for in Senate"
    elif first.scope and first.scope != first.kind:
        measure = first.kind in MEASURE_KINDS and first.kind != "percent"
        what = first.scope if measure else f"{first.scope} {what}"
    if first.kind == "percent":
        what = what.replace("percent", "share") if first.scope else "percentage"
        if first.scope and first.scope.endswith(POLLED):  # "putin share in polls"
            whose = first.scope.removesuffix(POLLED).strip()
            what = " ".join(filter(None, (whose, "share", POLLED)))
    event = shared_event(group.facts, _PLAIN_VERBS)
    done = participle(event) if event is not None else None
    # not "infected (infected)", "counted share (counted)"
    tally = first.kind == "vote" and event == UNNAMED_MOTION  # not "votes for (voted)"
    shown = done is not None and done not in what.split() and not tally
    if shown and first.kind not in ("killed", "injured", "missing"):
        what += f" ({done})"
    place = group_place(group)
    if place:
        what += f" in {place}"
    # the group's window: a month that parts nothing is no window of it (``alignment``)
    window = group.key[3] if len(group.key) > 3 else first.window
    if window:
        what += f", {_window_text(window)}"
    standing = group.key[5] if len(group.key) > 5 else None
    return f"{what}, {standing}" if standing else what


def _window_text(window: str) -> str:
    """ "in 24 hours", "in a week", "per day": the time a count covers, as a reader says it."""
    if window.startswith(("per", "since")):
        return window
    count, _, unit = window.partition(" ")
    if count == "1":
        return f"in a {unit}"
    return f"in {count} {unit}s" if unit and not unit.endswith("s") else f"in {window}"


# Currency signs a reader expects before an amount; other currencies are written after it.
_CURRENCY_SIGNS = {name: sign for sign, name in CURRENCY.items() if not sign.isalpha()}
_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
# "40 million crowns", "5 million rupees"; these stay as they are ("2 million yuan").
_PLURAL_MONEY = {"yuan": "yuan", "won": "won", "yen": "yen", "lira": "lire"}
_PLURAL_UNITS = {"foot": "feet", "inch": "inches", "mph": "mph", "kph": "kph", "km/h": "km/h"}


def _number(x: float) -> str:
    return f"{x:,.0f}" if x == int(x) else f"{x:,.2f}".rstrip("0").rstrip(".")


def _amount(x: float) -> str:
    """A large figure as papers write it: "3.75 billion", "6 million", "500,000"."""
    for size, word in _SCALES:
        if abs(x) >= size:
            return f"{_number(round(x / size, 3))} {word}"
    return _number(x)


def value_text(fact: Fact) -> str:
    """The value as a reader checks it against the quoted sentence, with its unit: "~300 feet"
    beside "80 meters" (not "~300" beside "80"), "$3.75 billion", "52.4%", "217"."""
    values = [fact.value] if fact.upper is None else [fact.value, fact.upper]
    approx = "~" if fact.approx else ""
    if fact.kind == "money":
        sign = _CURRENCY_SIGNS.get(fact.unit)
        if fact.unit == "cent":
            return approx + "–".join(_number(v) for v in values) + " cents"
        text = "–".join((sign or "") + _amount(v) for v in values)
        unit = fact.unit if values == [1.0] else _PLURAL_MONEY.get(fact.unit, fact.unit + "s")
        return approx + (text if sign or fact.unit in ("money", "") else f"{text} {unit}")
    text = "–".join(_amount(v) for v in values)
    if fact.kind == "percent":
        return f"{approx}{text}%"
    measure = MEASURES.get(fact.unit)
    if measure is None or measure[0] != fact.kind or fact.kind == "magnitude":
        return approx + text
    unit = fact.unit
    if values != [1.0]:
        unit = _PLURAL_UNITS.get(unit, unit if unit.endswith("s") or len(unit) <= 2 else unit + "s")
    return f"{approx}{text} {unit}"


# A claimant that is a bare pronoun ("she said") tells the reader nothing in a finding's line.
_PRONOUNS = frozenset("he she it they we i you".split())


def _claimant(fact: Fact) -> str | None:
    """Who the fact is attributed to, as its line says it (``stage.speaker_case`` wrote it so)."""
    said = fact.attributed_to
    if not said or said.lower() in _PRONOUNS:
        return None
    return said


def who(fact: Fact) -> str:
    day = fact.when.isoformat() if fact.when else "undated"
    said = _claimant(fact)
    return f"{value_text(fact)} ({fact.outlet}{f' per {said}' if said else ''}, {day})"


def _run(facts: Sequence[Fact]) -> str:
    """Consecutive facts of one value in one line: "~60 (AP, Reuters per health officials,
    2009-04-24; BBC, 2009-04-25)", not the value again for every outlet."""
    if len(facts) == 1:
        return who(facts[0])
    days: dict[str, list[str]] = {}
    for fact in facts:
        said = _claimant(fact)
        name = f"{fact.outlet} per {said}" if said else fact.outlet
        names = days.setdefault(fact.when.isoformat() if fact.when else "undated", [])
        if name not in names:
            names.append(name)
    told = "; ".join(f"{', '.join(names)}, {day}" for day, names in days.items())
    return f"{value_text(facts[0])} ({told})"


def finding(group: Group) -> Finding:
    """The labelled finding of one group, its facts ordered by date then value, exact before
    approximate ones of a value, so that "12" and "~12" each read once in the line."""
    label = label_group(group.facts)
    ordered = sorted(
        group.facts,
        key=lambda f: (f.when or date.min, base_value(f, f.value), f.approx, f.outlet),
    )
    joiner = " → " if label == "changed" else " vs " if label == "disputed" else "; "
    shown = list({(f.value, f.when, f.outlet): f for f in ordered}.values())
    runs = [list(run) for _, run in itertools.groupby(shown, key=value_text)]
    summary = joiner.join(_run(run) for run in runs)
    what = describe(group)
    return Finding(label, group.kind, group_place(group), tuple(ordered), summary, what=what)


def group_place(group: Group) -> str | None:
    """The place a group counts in, as a report names it: the place tied to its first count, or
    where the group is keyed to a place its first count does not tie, one its counts name."""
    first = group.facts[0].place
    if first is None and len(group.key) >= 3 and group.key[2] is not None:
        first = next((f.place or f.area for f in group.facts if f.place or f.area), None)
    # "The United States" opened its sentence; after "in" it is "the United States" (but "The
    # Hague" keeps its capital)
    if first is not None and first.startswith("The United "):
        return "the " + first[4:]
    return first


def _lone_outlier(top: Sequence[Fact], facts: Sequence[Fact]) -> bool:
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


def _rising_core(facts: Sequence[Fact]) -> tuple[Fact, ...] | None:
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


def _undated_near(facts: Sequence[Fact]) -> bool:
    """Whether undated facts give values within ``UNDATED_SPREAD`` of each other: without an
    order, no value can be told the update or the one most reports settled on, and the finding
    is that they differ (GUIDELINES: ``differs``)."""
    if all(f.when is not None for f in facts):
        return False
    values = [base_value(f, f.value) for f in facts]
    return max(values) - min(values) <= UNDATED_SPREAD * max(values)


def _without_isolated(facts: Sequence[Fact]) -> tuple[Fact, ...] | None:
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


def findings_of(group: Group) -> tuple[Finding, ...]:
    """The findings of one group: its own, or, when its values differ in a way no update or
    dispute explains (``differs``), the facts that read as one count (a rising series, or the
    group without its one isolated value) wherever those can be labelled changed, agreed or
    disputed, the rest single-source; or, when its values differ so, or one lone report is far
    off what the rest agree on (``_lone_outlier``), the value most of its articles give as an
    agreed finding of its own (most outlets' "113 killed" beside one outlet's "109"), the rest
    single-source.
    A value held by half the articles or fewer leaves the group as it is: then no figure is
    the group's. Counts that name no place, of a thing the story counts in several places, are
    one count changed, disputed or differing only as the whole the places are parts of
    (``_above_places``); else they may be any place's, and only values outlets give alike are
    findings (``loose.by_value``)."""
    found = _findings(group)
    if group.unplaced and any(
        f.label in ("changed", "disputed", "differs") and not _above_places(f.facts, group)
        for f in found
    ):
        # counts that name no place, of a thing counted in several, that may be any place's:
        # the toll of Mexico, of the world and of the United States, unsaid which
        parts = by_value(group.key, group.facts, unnamed=True)
        return tuple(f for part in parts for f in findings_of(part))
    return found


def _above_places(facts: Sequence[Fact], group: Group) -> bool:
    """Whether every count that names no place is above every count of a place reported by its
    date: the whole the places are parts of (a quake's toll beside its provinces'), not one
    place's count that a report did not name (see ``Group.unplaced``)."""
    for fact in facts:
        by_then = [v for when, v in group.places if _by_then(when, fact.when)]
        if by_then and base_value(fact, fact.value) <= max(by_then):
            return False
    return True


def _by_then(when: date | None, then: date | None) -> bool:
    return when is None or then is None or when <= then


def _findings(group: Group) -> tuple[Finding, ...]:
    labelled = finding(group)
    if labelled.label in ("agreed", "single-source"):
        return (labelled,)
    if labelled.label == "differs":
        for core in (_rising_core(group.facts), _without_isolated(group.facts)):
            kept_core = finding(Group(group.key, core, group.loose)) if core else None
            if kept_core is not None and kept_core.label in ("changed", "agreed", "disputed"):
                others = [f for f in group.facts if all(f is not c for c in kept_core.facts)]
                return (kept_core, *(finding(Group(group.key, (f,), True)) for f in others))
    clusters = sorted(value_clusters(group.facts), key=len, reverse=True)
    top = clusters[0]
    if 2 * len(top) <= len(group.facts) or len({f.outlet for f in top}) < 2:
        return (labelled,)
    if _small_toll(group.facts) and len({f.outlet for f in top}) < SMALL_TOLL_OUTLETS:
        return (labelled,)  # a single figure two outlets share, beside others: may be chance
    if _undated_near(group.facts):
        return (labelled,)  # one count given as 127, 128 and 130 by undated reports: differs
    if labelled.label != "differs" and not _lone_outlier(top, group.facts):
        return (labelled,)
    kept = set(map(id, top))
    rest = [f for f in group.facts if id(f) not in kept]
    return (
        finding(Group(group.key, tuple(top), True)),
        *(finding(Group(group.key, (f,), True)) for f in rest),
    )
