"""Alignment: which facts of different articles measure the same thing.

A **group** is one measured thing: the same kind of quantity (``Fact.kind``, where different words
for one thing already meet: "dead", "killed" and "death toll" are ``killed``; "sites" and
"targets" are ``target``), of the same sub-group (``scope``: "12 Americans killed" is not the
toll), scoped to the same place ("killed in Kenya" and "killed in Tanzania" are two groups, and a
toll with no place is not a place's toll), over the same time window ("in the past 24 hours"), in
a compatible happening (the verb: "struck" and "hit" are one happening, "struck" and "built" are
not). A group holds at most one fact per article: the first, as a reader meets it.

Some kinds say too little to know that two different values are one thing: lengths, masses,
speeds and percentages without a named sub-group ("16,700 feet" and "33,000 feet" are two
altitudes of one dive), and counts of plain nouns whose happening is unknown. Such a *loose* group
is split by value, so it can show that outlets agree but never that they differ.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.facts.models import Fact
from storyline.facts.numbers import MEASURES

# Kinds whose different values are one thing moving (a toll) or contested; the rest are loose.
COUNT_KINDS = frozenset(
    """killed injured missing rescued evacuated displaced arrested infected casualty target
    survivor""".split()
)
MEASURE_KINDS = frozenset(kind for kind, _ in MEASURES.values()) | {"money"}
# One happening under different verbs (the verb lemma as the parser gives it).
_EVENT_CLASSES = (
    frozenset("strike hit attack bomb target destroy raid shell pound bombard".split()),
    frozenset("kill die perish claim leave".split()),
    frozenset("injure wound hurt leave".split()),
    frozenset("file bring face".split()),
    frozenset("flee cross arrive reach shelter house".split()),
)
# Approximate values ("about 140", "more than 100") agree with a value within this share of it;
# the same measure written in two units ("33,000 feet", "9,900 metres") within the second.
APPROX_TOLERANCE = 0.1
UNIT_TOLERANCE = 0.03
PERCENT_POINTS = 1.5
# Kinds that already name their happening: "killed" by a bomb or in a crash is one toll.
CASUALTY_KINDS = frozenset("killed injured missing casualty survivor".split())


@dataclass(frozen=True)
class Group:
    """Facts that measure one thing, at most one per article, in input order."""

    key: tuple[str | None, ...]
    facts: tuple[Fact, ...]
    loose: bool

    @property
    def kind(self) -> str:
        return self.facts[0].kind


def base_value(fact: Fact, value: float) -> float:
    """A measure in its base unit (metres, kilograms), so that units compare."""
    unit = MEASURES.get(fact.unit)
    return value * unit[1] if unit is not None and fact.kind == unit[0] else value


def compatible(a: Fact, b: Fact) -> bool:
    """Whether two values can be the same count within the precision written: equal, overlapping
    ranges, approximate ones within ``APPROX_TOLERANCE``, one measure in two units."""
    a_low, b_low = base_value(a, a.value), base_value(b, b.value)
    a_high = base_value(a, a.upper) if a.upper is not None else a_low
    b_high = base_value(b, b.upper) if b.upper is not None else b_low
    if a_low <= b_high + 1e-9 and b_low <= a_high + 1e-9:
        return True
    gap = abs(a_low - b_low) / max(abs(a_low), abs(b_low), 1e-9)
    if a.unit != b.unit and gap <= UNIT_TOLERANCE:
        return True
    if a.kind == "percent":  # shares are compared in points: "about 53" is 52.9, not 50
        points = abs(a_low - b_low)
        return points < 0.6 or ((a.approx or b.approx) and points <= PERCENT_POINTS)
    return (a.approx or b.approx) and gap <= APPROX_TOLERANCE


def events_compatible(a: str | None, b: str | None) -> bool:
    if a is None or b is None or a == b:
        return True
    return any(a in c and b in c for c in _EVENT_CLASSES)


def is_loose(fact: Fact) -> bool:
    """Whether differing values of this kind can still be told apart as one thing (see module)."""
    if fact.kind in COUNT_KINDS:
        return False
    if fact.kind in MEASURE_KINDS:
        return fact.scope is None
    return fact.event is None


def _key(fact: Fact) -> tuple[str | None, ...]:
    place = fact.place.lower() if fact.place else None
    return (fact.kind, fact.scope, place, fact.window)


def align(facts: Sequence[Fact]) -> tuple[Group, ...]:
    """Facts grouped into measured things (see the module docstring); every fact of a kind is in
    exactly one group, except an article's second value for a thing it already gave."""
    by_key: dict[tuple[str | None, ...], list[Fact]] = defaultdict(list)
    for fact in facts:
        if fact.kind:
            by_key[_key(fact)].append(fact)
    groups: list[Group] = []
    for key, members in by_key.items():
        if is_loose(members[0]):
            groups += _loose_groups(key, members)
            continue
        for part in _by_event(members):
            groups.append(Group(key, tuple(_one_per_article(part)), False))
    return tuple(groups)


def _loose_groups(key: tuple[str | None, ...], facts: Sequence[Fact]) -> list[Group]:
    """A loose kind's facts: one group when all values agree; when other articles give other
    values, each article's value stands alone (single-source): two outlets' equal values beside a
    third's different one may be one thing that changed, or two things, and a reader can't tell
    which from agreement alone."""
    clusters = value_clusters(facts)
    if len(clusters) == 1:
        return [Group(key, tuple(clusters[0]), True)]
    return [Group(key, (fact,), True) for fact in facts]


def _by_event(facts: Sequence[Fact]) -> list[list[Fact]]:
    """Split facts whose happenings are incompatible; an unknown happening joins the first."""
    if facts[0].kind in CASUALTY_KINDS:
        return [list(facts)]
    parts: list[list[Fact]] = []
    for fact in facts:
        home = next(
            (p for p in parts if all(events_compatible(fact.event, f.event) for f in p)), None
        )
        if home is None:
            parts.append([fact])
        else:
            home.append(fact)
    return parts


def _one_per_article(facts: Sequence[Fact]) -> list[Fact]:
    """One fact per article: where an article gives several values for the thing (a province's
    toll beside the nationwide one), the one nearest (in ratio) to the median of what the articles
    give first, so that the group follows the figure most outlets report."""
    firsts = _first_per_article(facts)
    if len(firsts) == len(facts):
        return firsts
    logs = sorted(math.log10(max(abs(f.value), 1e-9)) for f in firsts)
    anchor = logs[len(logs) // 2]
    best: dict[str, Fact] = {}
    for fact in facts:
        held = best.get(fact.article_id)
        gap = abs(math.log10(max(abs(fact.value), 1e-9)) - anchor)
        if held is None or gap < abs(math.log10(max(abs(held.value), 1e-9)) - anchor):
            best[fact.article_id] = fact
    chosen = set(map(id, best.values()))
    return [f for f in facts if id(f) in chosen]


def _first_per_article(facts: Sequence[Fact]) -> list[Fact]:
    seen: set[str] = set()
    out = []
    for fact in facts:
        if fact.article_id not in seen:
            seen.add(fact.article_id)
            out.append(fact)
    return out


def value_clusters(facts: Sequence[Fact]) -> list[list[Fact]]:
    """Facts split into runs of compatible values (one per article in each run)."""
    clusters: list[list[Fact]] = []
    for fact in sorted(facts, key=lambda f: base_value(f, f.value)):
        if clusters and all(compatible(fact, other) for other in clusters[-1]):
            clusters[-1].append(fact)
        else:
            clusters.append([fact])
    return [_first_per_article(sorted(c, key=facts.index)) for c in clusters]
