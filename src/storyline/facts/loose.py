"""Loose things: kinds whose differing values could be different things (measures without a
sub-group, plain nouns unless their verbs name one happening, people whose happening is unsaid),
whose facts are grouped by value: only what outlets give alike in a way unlikely to meet by
chance is agreed, every other fact stands alone, and a loose thing never differs; but an outlet
revising its own first reading, which others repeat, is one thing changed (``facts.alignment``).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

from storyline.facts.chance import (
    SMALL_COUNT,
    by_happening,
    distinctive,
    one_figure,
    same_people,
    telling,
)
from storyline.facts.days import SUPERSEDED
from storyline.facts.dimensions import several
from storyline.facts.happenings import (
    LIGHT_VERBS,
    event_class,
    events_compatible,
    happenings_differ,
)
from storyline.facts.holders import changes
from storyline.facts.kinds import (
    CONTENDED,
    COUNT_KINDS,
    FIXED_COUNTS,
    GENERIC_KINDS,
    MEASURE_KINDS,
    plain,
)
from storyline.facts.models import Fact, Group
from storyline.facts.numbers import PEOPLE
from storyline.facts.reading import POLLED
from storyline.facts.totals import INCREMENT
from storyline.facts.values import SAME_DAY_RATIO, base_value, value_clusters


def is_loose(facts: Sequence[Fact]) -> bool:
    """Whether differing values of these facts (of one key) could be different things: measures
    without a sub-group, and counts of plain nouns unless two different values name one
    happening."""
    kind = facts[0].kind
    if facts[0].scope in (INCREMENT, SUPERSEDED):
        # additions on different days are two additions, not one figure updated; figures
        # recalled from earlier reports are each that report's, not one figure
        return True
    if kind in COUNT_KINDS or kind in FIXED_COUNTS:
        return False
    if kind in CONTENDED and facts[0].scope is None:
        # seats no reading ties to a party: in an election every party wins some, and "Syriza
        # won 71 seats" beside "New Democracy won 129" is two parties, not a count that moved
        return True
    if kind in MEASURE_KINDS:
        scope = facts[0].scope
        # a change "by" a share is of its period: "crime fell 5 percent" one year and "3
        # percent" the next are two changes, not one figure revised (DUC D0633F)
        return scope is None or several(scope) or scope.endswith(POLLED) or changes(scope)
    if kind in GENERIC_KINDS:
        return True
    # A plain noun ("lawsuits", "ships"), small counts apart: two of its different values are one
    # thing moving only where their clauses name one happening ("12 lawsuits filed", "15 filed";
    # "struck" and "hit"); "five nations abstaining" and "28 NATO countries had authorized" are
    # two things, and so are values whose clauses say no happening. People are counted apart.
    if any(f.value < SMALL_COUNT for f in facts):
        return True
    classes = {event_class(f.event) for f in facts} - {None}
    if len(classes) > 1:
        return True
    if len({f.value for f in facts}) == 1:
        return False
    if facts[0].unit in PEOPLE and not happenings_differ(facts):
        # "crew" aboard, trapped, lost: a ship's crew is one count whatever befell it; but
        # "24 girls" hugged and "15 girls" who took over a hotel room are two sets of girls
        return False
    # two articles' values, not one article's two ("landed 28" in a round, "landed 178" in all)
    said = [f for f in facts if f.event and f.event not in LIGHT_VERBS]
    return not any(
        a.value != b.value
        and a.article_id != b.article_id
        and events_compatible(a.event, b.event)
        and _near(a.value, b.value)
        for a, b in itertools.combinations(said, 2)
    )


# Two values of a plain noun further apart than this are two things, whatever their verbs say
# ("1,500 adults" and "4 adults" provided with doses; a vaccine order of 2.5 billion doses and
# one of 30 million).
PLAIN_SPREAD = 10.0


def _near(a: float, b: float) -> bool:
    low, high = sorted((abs(a), abs(b)))
    return high <= PLAIN_SPREAD * max(low, 1e-9)


def by_value(key: tuple[str | None, ...], members: Sequence[Fact], *, unnamed: bool) -> list[Group]:
    """A loose thing's facts as groups of one value each: those that two outlets give alike in
    a way unlikely to meet by chance (see the module docstring), each of the rest on its own.
    ``unnamed``: the facts name no day (or place) in a thing counted on several, so one figure
    of ten or more given alike by two outlets is still the one they agree on."""
    groups: list[Group] = []
    clusters = value_clusters(members)
    revised = _revised_first(clusters)
    if revised is not None:
        groups.append(Group(key, revised, False))
        taken = set(map(id, revised))
        clusters = [[f for f in c if id(f) not in taken] for c in clusters]
    for cluster in (p for c in clusters if c for p in by_happening(c)):
        exact = [f for f in cluster if not f.approx]
        same = unnamed and one_figure(cluster)
        named = several(key[1]) and len({f.outlet for f in cluster}) >= 2
        # "about 100,000 people" at a rally in Cairo, "more than 100,000 people packed" there
        placed = key[2] is not None or any(f.place or f.area for f in cluster)
        if distinctive(cluster) or same_people(cluster, placed=placed) or same or named:
            groups.append(Group(key, tuple(cluster), True))
        elif plain(key[0]) and cluster[0].unit in PEOPLE and one_figure(cluster, bounds=False):
            # "4 million Americans" infected, given alike by two outlets beside "2.7 million"
            # who carry the virus: people a story counts under other happenings too
            groups.append(Group(key, tuple(cluster), True))
        elif plain(key[0]) and len({f.outlet for f in cluster}) >= 3 and telling(cluster):
            # "four suicide bombings" from three outlets or more beside another's "three
            # car bombs": the reports that give one value agree; two outlets' "5" of a
            # plain noun meet by chance
            groups.append(Group(key, tuple(cluster), True))
        elif len(exact) >= 2 and distinctive(exact):
            # "4.6" from two outlets ties them even beside another's "over 4"
            groups.append(Group(key, tuple(exact), True))
            groups += [Group(key, (f,), True) for f in cluster if f.approx]
        else:
            groups += [Group(key, (fact,), True) for fact in cluster]
    return groups


# An outlet corrects its first reading within days (a quake's magnitude, revised the next day).
REVISION_DAYS = 7


def _revised_first(clusters: Sequence[Sequence[Fact]]) -> tuple[Fact, ...] | None:
    """A loose thing's first report revised by its own outlet: the earliest article gives a
    value, and later the same outlet gives another that two or more outlets then repeat alike (a
    quake first put at 6.7, then 7.4 by that agency and everyone else). GUIDELINES: a source
    revising its own figure is changed. The first value must be the one nearest the repeated
    figure among what that article gives, within ``SAME_DAY_RATIO``: one outlet's own revision
    of one thing, not a second thing it also measured. None when nothing reads so."""
    facts = [f for c in clusters for f in c]
    if len(clusters) < 2 or any(f.when is None for f in facts):
        return None
    start = min(f.when for f in facts if f.when is not None)
    opening = [f for f in facts if f.when == start]
    if len({f.article_id for f in opening}) != 1:
        return None
    for agreed in clusters:
        later = [f for f in agreed if f.when is not None and f.when > start]
        if len(later) != len(agreed) or len({f.outlet for f in agreed}) < 3:
            continue
        if opening[0].outlet not in {f.outlet for f in agreed} or not distinctive(agreed):
            continue
        own = [f.when for f in agreed if f.outlet == opening[0].outlet and f.when is not None]
        if (min(own) - start).days > REVISION_DAYS:
            continue  # months later, the outlet reports another thing, not its first reading
        value = base_value(agreed[0], agreed[0].value)
        first = min(opening, key=lambda f: abs(math.log(max(base_value(f, f.value), 1e-9) / value)))
        ratio = max(base_value(first, first.value), value) / max(
            min(base_value(first, first.value), value), 1e-9
        )
        if ratio <= SAME_DAY_RATIO:
            return (first, *agreed)
    return None
