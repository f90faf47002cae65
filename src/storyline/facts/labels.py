"""Labels: what a group of facts (``storyline.facts.alignment``) tells a reader.

Each group gets exactly one label, decided in this order:

``single-source``
    all its facts come from one outlet;
``agreed``
    two or more outlets, and every value is compatible with the others within the precision
    written ("about 200" and "203"; "33,000 feet" and "9,900 metres"), see ``compatible``;
    but a later figure above an earlier "at least" is the count risen (changed), unless a
    report gives that bound again on the figure's day (``bound_passed``);
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
    that ended months before it, "last year the virus made 55 others ill": ``closed``) is
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

``differs`` is shown only where reports have no date (``findings_of``): every date known, values
of one thing that differ read as changed or disputed, so a dated group the rules above leave
``differs`` has caught two things or more, and its facts are single-source.

Denials ("the ministry denied ...") paired with the claim they answer are findings of their own,
labelled ``contested``: they hold sentences, not numbers (``facts.claims``).

Each test lives in a module named for what it decides: ``bounds`` (a bound restated or passed),
``two_things`` (two incidents, a part beyond a whole, a day's count then another's),
``corrected`` (fixed properties and closed counts), ``disputes`` (same-day contradictions, later
drops, who the sources are), ``updates`` (what reads as one count updated, and what no update
explains), ``cores`` (the facts of a differing group that still read as one count); ``wording``
and ``participles`` write a finding's line.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date

from storyline.facts.bounds import bound_passed, lower_bound_later
from storyline.facts.cores import lone_outlier, rising_core, undated_near, without_isolated
from storyline.facts.corrected import (
    FIXED_PROPERTIES,
    closed,
    far_apart,
    returns,
    two_figures_in_use,
)
from storyline.facts.dimensions import fixed
from storyline.facts.disputes import (
    contradicted_later,
    falls_back,
    outlets_contradict,
    same_day_contradiction,
)
from storyline.facts.kinds import FIXED_COUNTS
from storyline.facts.loose import by_value
from storyline.facts.models import Fact, Finding, Group
from storyline.facts.participles import participle as participle  # tests import it from here
from storyline.facts.two_things import (
    beyond_a_whole,
    day_count_then_another,
    study_sizes,
    two_incidents,
)
from storyline.facts.updates import an_update, in_some_order, plausible, small_toll, turns
from storyline.facts.values import base_value, compatible, value_clusters
from storyline.facts.wording import describe, group_place, run_line, value_text

# A toll in single figures (``updates.SMALL_TOLL``) is the group's, beside other figures, only when
# this many outlets give it
# ("three other Americans killed" in 16 reports, beside "four Americans").
SMALL_TOLL_OUTLETS = 3


def label_group(facts: Sequence[Fact]) -> str:
    """The label of one group's facts (see the module docstring for the order of the rules)."""
    if len({f.outlet for f in facts}) < 2:
        return "single-source"
    if all(compatible(a, b) for i, a in enumerate(facts) for b in facts[i + 1 :]):
        if lower_bound_later(facts):
            return "differs"  # 184 killed, then "at least 143" a week later: two days' tolls
        return "changed" if bound_passed(facts) and an_update(facts) else "agreed"
    if two_incidents(facts) or study_sizes(facts):
        return "differs"  # a storm's toll beside a bombing's, two trials: not one count
    if beyond_a_whole(facts) or len({f.foreseen for f in facts}) > 1:
        return "differs"  # another thing's part, or a forecast beside a report
    if any(f.when is None for f in facts) or not plausible(facts):
        return "differs"
    if (
        facts[0].scope in FIXED_PROPERTIES
        or fixed(facts[0].scope)
        or facts[0].kind in FIXED_COUNTS
        or closed(facts)
    ):
        if far_apart(facts):
            return "differs"  # a "3-inch" and a "16-inch" piece of metal are two pieces
        if outlets_contradict(facts) or two_figures_in_use(facts):
            return "disputed"
        return "differs" if returns(facts) else "changed"
    if same_day_contradiction(facts):
        return "disputed"
    if turns(facts):
        return "differs"
    if falls_back(facts):
        return "differs"
    if contradicted_later(facts):
        return "disputed"
    if day_count_then_another(facts):
        return "differs"  # 17 wounded in Friday's clashes, then 48 by a car bomb days later
    return "changed" if an_update(facts) else "differs"


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
    summary = joiner.join(run_line(run) for run in runs)
    what = describe(group)
    return Finding(label, group.kind, group_place(group), tuple(ordered), summary, what=what)


def findings_of(group: Group) -> tuple[Finding, ...]:
    """The findings of one group: its own, or, when its values differ in a way no update or
    dispute explains (``differs``), the facts that read as one count (a rising series, or the
    group without its one isolated value) wherever those can be labelled changed, agreed or
    disputed, the rest single-source; or, when its values differ so, or one lone report is far
    off what the rest agree on (``lone_outlier``), the value most of its articles give as an
    agreed finding of its own (most outlets' "113 killed" beside one outlet's "109"), the rest
    single-source.
    A value held by half the articles or fewer leaves the group as it is: then no figure is
    the group's. Counts that name no place, of a thing the story counts in several places, are
    one count changed, disputed or differing only as the whole the places are parts of
    (``_above_places``); else they may be any place's, and only values outlets give alike are
    findings (``loose.by_value``). A ``differs`` left over is shown only for reports whose
    order is unknown, of values some order could make one count (``_told_apart``)."""
    found = _findings(group)
    if group.unplaced and any(
        f.label in ("changed", "disputed", "differs") and not _above_places(f.facts, group)
        for f in found
    ):
        # counts that name no place, of a thing counted in several, that may be any place's:
        # the toll of Mexico, of the world and of the United States, unsaid which
        parts = by_value(group.key, group.facts, unnamed=True)
        return tuple(f for part in parts for f in findings_of(part))
    return tuple(shown for f in found for shown in _told_apart(f, group))


def _told_apart(found: Finding, group: Group) -> tuple[Finding, ...]:
    """A finding as a reader is shown it. ``differs`` of dated reports is no finding: with
    every date known, values of one thing that differ read as changed or disputed, so a dated
    group left ``differs`` is one whose values the tests above found to be two things or more
    (two incidents' tolls, 600 troops on standby beside 24 troops killed), and "outlets give
    different values" would be wrong of it (all ten of a sample of the Crisis audit's dated
    differs findings were). Its facts are single-source; only reports whose order is unknown
    (GUIDELINES: undated) keep ``differs``, where some order of them could be one count
    (``updates.in_some_order``: not 2, 3 and 5 injured beside another quake's 50)."""
    if found.label != "differs" or (
        any(f.when is None for f in found.facts) and in_some_order(found.facts)
    ):
        return (found,)
    return tuple(finding(Group(group.key, (f,), True)) for f in found.facts)


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
        for core in (rising_core(group.facts), without_isolated(group.facts)):
            kept_core = finding(Group(group.key, core, group.loose)) if core else None
            if kept_core is not None and kept_core.label in ("changed", "agreed", "disputed"):
                others = [f for f in group.facts if all(f is not c for c in kept_core.facts)]
                return (kept_core, *(finding(Group(group.key, (f,), True)) for f in others))
    clusters = sorted(value_clusters(group.facts), key=len, reverse=True)
    top = clusters[0]
    if 2 * len(top) <= len(group.facts) or len({f.outlet for f in top}) < 2:
        return (labelled,)
    if small_toll(group.facts) and len({f.outlet for f in top}) < SMALL_TOLL_OUTLETS:
        return (labelled,)  # a single figure two outlets share, beside others: may be chance
    if undated_near(group.facts):
        return (labelled,)  # one count given as 127, 128 and 130 by undated reports: differs
    if labelled.label != "differs" and not lone_outlier(top, group.facts):
        return (labelled,)
    kept = set(map(id, top))
    rest = [f for f in group.facts if id(f) not in kept]
    return (
        finding(Group(group.key, tuple(top), True)),
        *(finding(Group(group.key, (f,), True)) for f in rest),
    )
