"""Values never updated, only corrected: a property of one thing with one true value (where a
wreck lies, a vessel's displacement) and a count closed by the end of its year. Two outlets
giving different values contradict each other on any dates; one outlet's own revision is
``changed``, unless two figures in use come back in turn; values far apart are two things.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date, timedelta

from storyline.facts.kinds import COUNT_KINDS
from storyline.facts.models import Fact
from storyline.facts.updates import single_figures
from storyline.facts.values import SAME_DAY_RATIO, base_value, compatible, value_clusters

# A count of a year's happening is closed this long after the year ends (``closed``): a safety
# margin, not tuned (the reports that recall the 1999 West Nile outbreak's infected in the walk
# and dev.jsonl's D0622D come five months and more after it).
CLOSED_AFTER = timedelta(days=90)
# Properties of one thing that have one true value (``measures.dimension``): where a wreck lies, a
# vessel's displacement. A later report cannot update them, only correct or contradict them.
FIXED_PROPERTIES = frozenset({"depth", "displacement"})


def closed(facts: Sequence[Fact]) -> bool:
    """Whether a count (a toll, the infected) is of a happening every report sets in a year
    that ended at least ``CLOSED_AFTER`` before it ("last year the virus killed seven people
    and made 55 others ill", in July 2000): such a count is closed, as a fixed property is, so
    outlets that give it different values contradict each other rather than update it
    (GUIDELINES: "a later report contradicts an earlier one rather than updating it"). Not a
    count in single figures (``single_figures``): "six people in New York City and one in
    Westchester" and "seven in the New York region" last year are parts and a whole as often as
    one toll contradicted; nor a report early in the next year, when last December's disaster
    may still be counted."""
    if facts[0].kind not in COUNT_KINDS or single_figures(facts):
        return False
    return all(
        f.year is not None and f.when is not None and f.when >= date(f.year, 12, 31) + CLOSED_AFTER
        for f in facts
    )


def two_figures_in_use(facts: Sequence[Fact]) -> bool:
    """Whether a fixed property is given as two incompatible figures, each by two or more
    reports, one coming back after the other ("14,700 tons", then "14,000-ton", then "14,700
    tons" again, beside another outlet's "14,000 tons"): no outlet is revising a reading, the
    reports contradict each other about a value that cannot change (GUIDELINES: a later report
    that contradicts rather than updates is disputed). One figure given once beside another
    repeated is left to the rules above: it may be a slip or a revision."""
    if not returns(facts):
        return False
    held = [c for c in value_clusters(facts) if len({f.article_id for f in c}) >= 2]
    return any(not compatible(x, y) for a, b in itertools.pairwise(held) for x in a for y in b)


def far_apart(facts: Sequence[Fact]) -> bool:
    """Whether a fixed property's values lie more than ``SAME_DAY_RATIO`` apart on any dates:
    outlets that contradict each other about one thing's size give close figures; far apart,
    they have more likely measured two things (two pieces found, two wrecks)."""
    values = [base_value(f, f.value) for f in facts]
    return max(values) > SAME_DAY_RATIO * max(min(values), 1e-9)


def returns(facts: Sequence[Fact]) -> bool:
    """Whether, in date order, a value comes back after another had replaced it ("14,700
    tons", then "14,000-ton", then "14,700 tons" again): no revision, two figures in use."""
    ordered = sorted(facts, key=lambda f: f.when or date.min)
    return any(
        compatible(fact, earlier) and any(not compatible(m, earlier) for m in ordered[i + 1 : k])
        for k, fact in enumerate(ordered)
        for i, earlier in enumerate(ordered[:k])
    )
