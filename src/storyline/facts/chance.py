"""Chance: whether facts that give one value are one thing, or figures that met by chance. A
figure too common to tie outlets ("two men", a round "$5 million", "0.4%") ties them only where
their happenings are one; a distinctive one (three significant figures, decimals written to two
digits, one measure in two units) ties them whatever they say (``facts.alignment``'s docstring
gives the rules and the benchmarks that set them).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from storyline.facts.happenings import (
    LIGHT_VERBS,
    event_parts,
    events_compatible,
    happenings_differ,
    shared_event,
)
from storyline.facts.holders import changes
from storyline.facts.kinds import CASUALTY_KINDS, COUNT_KINDS, GENERIC_KINDS, MEASURE_KINDS, plain
from storyline.facts.models import Fact
from storyline.facts.numbers import lemma
from storyline.facts.values import UNIT_TOLERANCE, base_value, close, significant

# A figure written with decimals ("$5.3 million", "4.6") is precise whatever its scale.
_DECIMAL = re.compile(r"\d[\d,]*\.\d+")
# Counts of plain nouns below this tie articles together only with the same happening.
SMALL_COUNT = 3
# Single-digit figures of such people ("three people") meet by chance too often to tie outlets.
UNNAMED_PEOPLE_MIN = 10


def telling(facts: Sequence[Fact]) -> bool:
    """Whether equal values say the facts are one thing. "Two" of a plain noun ("two men", "two
    suspects") is too common a figure to tie two articles together unless their happenings are
    one (the same verb or verbs of one happening: "sent" and "brought" two suspects), or the
    thing is named alike with a modifier ("two nuclear reactors", "two life sentences"); larger
    figures, tolls, sums and measures are, but a range of a measure and one
    figure inside it ("6 to 9 miles", "6 miles") are not the same words for one thing; and
    unnamed people ("80 people") only where the figure is distinctive or names one happening."""
    kind = facts[0].kind
    if kind in MEASURE_KINDS and (facts[0].scope is None or changes(facts[0].scope)):
        # what changes tells two changes apart, it does not tie two ("sales grew 20 percent" in
        # two years: DUC D0744J)
        if len({f.upper is None for f in facts}) > 1:
            return False  # "6 to 9 miles" is not "6 miles"
        return distinctive(facts)
    if kind in COUNT_KINDS or kind in MEASURE_KINDS:
        return True
    if kind in GENERIC_KINDS and happenings_differ(facts):
        return False
    if near_by_chance(facts):
        return False
    unnamed = kind in GENERIC_KINDS and len({f.outlet for f in facts}) > 1
    if unnamed and not (distinctive(facts) or shared_event(facts) is not None):
        # "the 80 people admitted in a critical condition" and "a list of more than 80 people
        # suspected as militants": unnamed people meet on a round figure by chance unless the
        # figure is distinctive or half the reports say one happening of them
        return False
    events = [f.event for f in facts]
    one_happening = None not in events and all(
        events_compatible(a, b) for a in events for b in events
    )
    if plain(kind) and not all(close(a, b) for a, b in itertools.combinations(facts, 2)):
        # "more than 120 countries" where a service is available and "150 countries" where a
        # phone launches: a bound and a figure of a plain noun some way above it are one thing
        # only where both say one happening of it ("at least 74 countries", "more than 70",
        # "up to 10,000 troops" and "between 9,000 and 10,000" are close enough to be one)
        return one_happening and not set(events) & LIGHT_VERBS
    if facts[0].value >= SMALL_COUNT:
        return True
    return one_happening or named_alike(facts)


def named_alike(facts: Sequence[Fact]) -> bool:
    """Whether every fact names its thing with the same modifier ("two nuclear reactors", "two
    U.S. embassies"): so named, a figure says which thing it counts whatever the verb."""
    named = {" ".join(f.text.lower().split()[-2:]) for f in facts}
    return len(named) == 1 and all(len(f.text.split()) >= 3 for f in facts)


def distinctive(facts: Sequence[Fact]) -> bool:
    """Whether equal values are unlikely to meet by chance: exact figures with three or more
    significant digits, or written with decimals ("5.2", "14,700", "$105,000", "$5.3 million"),
    one range alike ("$6 million to $7 million"), or one measure written in two units ("180
    feet", "54 metres") or by three reports alike ("some 60 miles" off a coast; a sum of two
    digits or more, or of one that half of them say one happening of), given by two outlets."""
    if len({f.outlet for f in facts}) < 2:
        return False
    if facts[0].kind == "percent" and _years_apart(facts):
        # a rate is of its period: France's unemployment "reached 11.5 percent last year" (1996)
        # and "dropped to 11.5 percent in November" (1998) are two years' rates (DUC D0719E)
        return False
    if all(f.upper is not None for f in facts) and len({(f.value, f.upper) for f in facts}) == 1:
        return True  # "$6 million to $7 million" twice: two figures meeting is no chance
    named = all(f.event is not None and f.event not in LIGHT_VERBS for f in facts)
    if facts[0].kind == "money" and len(facts) >= 3 and named and happenings_differ(facts):
        # three reports of one sum, each saying what happened to it and no two alike: three
        # sums meeting by chance ("$1.9 trillion" of debt held in trust funds, a surplus's
        # ten-year total, what payroll taxes generate: DUC D0644H); where a report says no
        # happening, or two reports only, the verbs vary with the writing ("$287 million"
        # struck, vetoed, killed, D0730G; "$4.8 million" liability, D0701A) and tell nothing
        return False
    exact = all(f.upper is None and significant(f) >= 2 for f in facts)
    bases = [base_value(f, f.value) for f in facts]
    one_measure = max(bases) <= (1 + UNIT_TOLERANCE) * min(bases)
    if len({f.unit for f in facts}) > 1 and exact and (one_measure or facts[0].kind in COUNT_KINDS):
        # "33,000 feet" and "9,900 metres", "127 people" and "at least 127" killed: two words
        # meeting is no chance; but "about 2,300km" and "about 1,550 miles" from Perth (8%
        # apart) are two sightings
        return True
    same = len({(f.value, f.upper, f.unit) for f in facts}) == 1
    if facts[0].kind in MEASURE_KINDS - {"percent"} and len(facts) >= 3 and same:
        # three reports of "some 60 miles" off Nantucket; not a round "70 percent", nor a sum
        # of one digit unless half the reports name one happening of it ("robbed" of $20):
        # "$1 trillion" of surplus used here, a plan's cost there
        one_event = shared_event(facts) is not None
        return facts[0].kind != "money" or significant(facts[0]) >= 2 or one_event
    if any(f.approx for f in facts):
        return False
    # Every figure must be distinctive: "10.4 percent" meets a round "10 percent" by chance.
    # A decimal is distinctive only written with two digits or more ("5.3", "7.0", "0.07"): a
    # "0.4%" death rate and a "0.4%" rate of drug resistance meet by chance (Timeline17 h1n1),
    # and so do a fall of "0.3 percent" in growth and one in job seekers (DUC D0719E).
    written = all(_decimal_digits(f.text) >= 2 for f in facts)  # "$5.3 million" as written
    decimals = all(f.value != int(f.value) and significant(f) >= 2 for f in facts)
    return min(significant(f) for f in facts) >= 3 or decimals or written


# Shares reported further apart than this are of two periods (DUC D0719E's unemployment rates).
RATE_DAYS = 365


def _years_apart(facts: Sequence[Fact]) -> bool:
    """Whether two of the facts were reported more than ``RATE_DAYS`` apart."""
    days = [f.when for f in facts if f.when is not None]
    return len(days) >= 2 and (max(days) - min(days)).days > RATE_DAYS


def _decimal_digits(text: str) -> int:
    """Digits written of the figure with decimals in ``text``: those of its whole part from the
    first that is not zero, and every decimal ("7.0": 2, "0.07": 2, "0.4": 1; 0 with no
    decimals). A blood-alcohol level of "0.07" is written finer than a rate of "0.4"."""
    match = _DECIMAL.search(text)
    if match is None:
        return 0
    whole, _, decimals = match.group().replace(",", "").partition(".")
    return len(whole.lstrip("0")) + len(decimals)


def near_by_chance(facts: Sequence[Fact]) -> bool:
    """Whether unnamed people with near but different figures meet only by chance: "over 400
    people" (a toll recalled) and "about 413 people" (candidates running). Near figures tie
    them only when every fact says one happening."""
    if facts[0].kind not in GENERIC_KINDS or len({(f.value, f.upper) for f in facts}) == 1:
        return False
    events = [f.event for f in facts]
    if None in events or set(events) & LIGHT_VERBS:
        return True
    return not all(events_compatible(a, b) for a in events for b in events)


def same_people(facts: Sequence[Fact], *, placed: bool = False) -> bool:
    """Whether two outlets give one figure of people whose happening neither says ("some
    120,000" in tents, "150,000 people" in prefabricated homes): as telling as when it is the
    only figure of people the articles give; a figure round to one digit only where it is
    written alike ("some two million people"), said of a place ("about 100,000 people" at a rally
    in Cairo), or two reports, half of them at least, say one happening of them ("3 million
    people" needing help)."""
    if facts[0].kind not in GENERIC_KINDS or len({f.outlet for f in facts}) < 2:
        return False
    if happenings_differ(facts) or near_by_chance(facts):
        return False
    if min(significant(f) for f in facts) < 2 and not placed:
        alike = len({(f.value, f.upper, f.bound) for f in facts}) == 1
        one = shared_event(facts)
        told = one is not None and sum(f.event == one for f in facts) >= 2
        if not (alike or told):
            return False  # "80 people" in a critical condition, "more than 80 people" on a list
    return len({f.upper is None for f in facts}) == 1 and facts[0].value >= UNNAMED_PEOPLE_MIN


def one_figure(facts: Sequence[Fact], *, bounds: bool = True) -> bool:
    """Whether two or more outlets give one figure of ten or more, written alike ("as many as
    200,000" killed): a count that names no day in a story counted on several days is still the
    one these outlets agree on, though it cannot be said to differ from another. Without
    ``bounds``, "about 200" and "200" are one figure too: people of a plain noun that many
    rarely meet by chance ("350 employees", "about 200 officers"; "five children" of two
    families do)."""
    if len({f.outlet for f in facts}) < 2 or facts[0].value < UNNAMED_PEOPLE_MIN:
        return False
    return len({(f.value, f.upper, f.bound if bounds else None) for f in facts}) == 1


def by_happening(facts: Sequence[Fact]) -> list[list[Fact]]:
    """Equal counts of people whose happening the sentence does not name by its kind, split where
    their verbs say different happenings: "100,000 people" sent to settlements (twice) is not
    Oxfam's "nearly 100,000 people" targeted for sanitation; and a plain noun's round figure
    under verbs of different happenings whose sentences share no other word (``round_apart``)
    unless it is named alike (``named_alike``).
    Facts whose verb only describes or tells, or that have none, join the largest part. Other
    kinds are one part, and so is a figure too distinctive to meet by chance ("239 people" on
    board, missing, who traveled); but what a thing can do is not what another did
    (``able_apart``), whatever the figure."""
    able = able_apart(facts)
    if able:
        return [*by_happening([f for f in facts if all(f is not a for a in able)]), able]
    rounded = plain(facts[0].kind) and max(significant(f) for f in facts) == 1
    if not (facts[0].kind in GENERIC_KINDS or rounded) or distinctive(facts):
        return [list(facts)]
    if facts[0].kind not in GENERIC_KINDS and named_alike(facts):
        return [list(facts)]
    parts = event_parts([f for f in facts if f.event is not None and f.event not in LIGHT_VERBS])
    if facts[0].kind not in GENERIC_KINDS:
        parts = round_apart(parts)
    if len(parts) <= 1:
        return [list(facts)]
    parts.sort(key=len, reverse=True)
    parts[0] += [f for f in facts if f.event is None or f.event in LIGHT_VERBS]
    return [sorted(p, key=facts.index) for p in parts]


def round_apart(parts: list[list[Fact]]) -> list[list[Fact]]:
    """A plain noun's round figure ("three officials", "20 men") under verbs of different
    happenings, parted where no sentence of one part shares a content word with one of another
    besides the counted noun: so round a figure of so common a noun meets by chance (Timeline17:
    three Tunisian officials who resigned, three White House officials who met Middle East
    experts; America's three banks that "will control" a third of deposits, Iceland's three
    that people "owned" shares in). Mentions of one thing under verbs that vary with the
    writing share the words around it: "two life sentences" received, served (DUC D0721E, the
    same plea), "three Atlanta-area bombings" Rudolph is charged in, questioned about (D0729G)."""
    merged: list[list[Fact]] = []
    for part in parts:
        near = [m for m in merged if any(_share_words(a, b) for a in part for b in m)]
        for m in near:
            merged.remove(m)
        merged.append([f for m in near for f in m] + part)
    return merged


def _share_words(a: Fact, b: Fact) -> bool:
    noun = {a.unit, b.unit}
    return any(lemma(w) not in noun for w in a.words & b.words)


def able_apart(facts: Sequence[Fact]) -> list[Fact]:
    """The facts that say what a thing can do under another verb than every other fact's
    happening: "his jerrycan can provide 15,000 litres" beside planes that "dropped 15,000
    litres" (Timeline17 Haiti). Under one verb ("supports up to 8GB", "can support up to 8GB")
    or beside a fact that names no happening, it is one thing's capacity said two ways; a toll
    names its happening by its kind."""
    done = [f for f in facts if not f.able]
    if not done or facts[0].kind in CASUALTY_KINDS:
        return []
    if any(f.event is None or f.event in LIGHT_VERBS for f in done):
        return []
    apart = (f for f in facts if f.able)
    return [f for f in apart if not any(events_compatible(f.event, d.event) for d in done)]
