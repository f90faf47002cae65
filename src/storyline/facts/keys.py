"""Keys: what else parts one measured thing from another, beside its kind and scope. As with
places (``facts.places``), a day, a year, a month or a standing ("confirmed", "suspected") tells
counts apart only where the story counts the thing under two of them; a tally that names no
motion is of the one its body's other tallies name; a sum named with a kind, a count aboard a
craft and seats that name no holder are keyed as the rest of the story names them
(``facts.alignment``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from storyline.facts.days import MONTHS, SUPERSEDED
from storyline.facts.models import Fact
from storyline.facts.reading import ABOARD, WON
from storyline.facts.tallies import TALLY_SIDES, UNNAMED_MOTION
from storyline.facts.values import base_value, compatible


def day_keys(facts: Sequence[Fact]) -> dict[date, str | None]:
    """The day key of each day the facts of one thing set their happening on. As with places,
    a day tells counts apart only when the story counts the thing on two or more days ("95
    civilians killed Monday", "67 killed on Wednesday": two days' tolls, not one that fell);
    where one day only is named, it is the day of the story's event and parts nothing, unless
    a count of the thing was reported before that day (a report of Saturday cannot count what
    happened on Sunday). Counts that name no day, in a story that counts the thing on several
    days, are not any one day's count: ``align`` keeps them loose (they may agree, never
    differ). Only for tolls and other counts of a
    happening (``COUNT_KINDS``): a sum or a measure is not an incident of a day ("a settlement
    of $6 million" reached on Tuesday is the settlement every report gives)."""
    named = sorted({f.happened for f in facts if f.happened is not None})
    if not named:
        return {}
    told_before = any(f.when is not None and f.when < named[0] for f in facts)
    if len(named) == 1 and not told_before:
        return dict.fromkeys(named)
    return {day: day.isoformat() for day in named}


def year_keys(facts: Sequence[Fact]) -> dict[int, str | None]:
    """The year key of each year the facts of one thing set their happening in ("last year, 55
    others were infected", "this year, 13 people have been infected"): as with days, years tell
    counts apart only when the story counts the thing in two or more of them, and then a count
    that names no year is no one year's count (loose)."""
    named = sorted({f.year for f in facts if f.year is not None})
    if len(named) <= 1:
        return {}
    return {year: f"year {year}" for year in named}


def standing_keys(facts: Sequence[Fact]) -> dict[str, str | None]:
    """The standing key of each standing the facts of one thing give ("confirmed",
    "suspected"): as with places, standing tells counts apart only where the story gives the
    thing in both (an outbreak's confirmed deaths beside its suspected ones); where it gives one
    only, the word describes the count every report gives and parts nothing. A count that says
    neither stays a third count, the one reports give without saying."""
    named = {f.standing for f in facts if f.standing is not None}
    if len(named) <= 1:
        return {}
    return {standing: standing for standing in named}


def months_apart(
    by_thing: dict[tuple[str | None, ...], list[Fact]],
) -> dict[tuple[str | None, ...], list[Fact]]:
    """The facts of each thing with a named month as their window ("2,386 killed in June") kept
    apart where the story counts the thing in two or more named months ("up to 2,000 killed in
    May" and "2,386 killed in June" are two months' tolls), or where every report of the
    month's count comes as the month ends or the next month (a month's toll, "2,080 civilians
    were killed in March" on 1 April, is not the war's running toll). A single month named
    months later dates the story's event instead ("shot and killed two co-workers in
    September", in December) and parts nothing."""
    months: dict[tuple[str | None, ...], set[str]] = defaultdict(set)
    for kind, scope, window, money in by_thing:
        if window is not None and window.lower() in MONTHS:
            months[(kind, scope, money)].add(window)
    out: dict[tuple[str | None, ...], list[Fact]] = defaultdict(list)
    for (kind, scope, window, money), things in by_thing.items():
        one = window is not None and len(months.get((kind, scope, money), ())) == 1
        if one and window is not None and not _closing(window, things):
            window = None if window.lower() in MONTHS else window
        out[(kind, scope, window, money)] += things
    return out


def _closing(month: str, facts: Sequence[Fact]) -> bool:
    """Whether every fact was reported in the named month or the month after it."""
    number = MONTHS.get(month.lower())
    return number is not None and all(
        f.when is not None and (f.when.month - number) % 12 in (0, 1) for f in facts
    )


def tally_motions(facts: Sequence[Fact]) -> dict[tuple[str | None, str | None], str]:
    """The motion a tally that names none ("the Senate voted 52-48") is of: the one motion the
    story's tallies of that body name ("voted 52-48 to confirm"), if only one; where they name
    several, a tally that names none is a vote of its own."""
    named: dict[str | None, set[str]] = defaultdict(set)
    for fact in facts:
        if fact.scope in TALLY_SIDES and fact.event not in (None, UNNAMED_MOTION):
            named[fact.place].add(str(fact.event))
    return {
        (place, UNNAMED_MOTION): next(iter(motions))
        for place, motions in named.items()
        if len(motions) == 1
    }


def holders_by_value(facts: Sequence[Fact]) -> dict[tuple[str, float], str]:
    """The holder of seats, votes or delegates that name none ("the conservatives won 129
    seats"), where the story gives that figure to one holder only ("New Democracy ... 129
    seats"): a party's count is written with and without its name. Where two holders have the
    figure, or none, the count stays unheld (compared by value only)."""
    named: dict[tuple[str, float], set[str]] = defaultdict(set)
    for fact in facts:
        if fact.kind in WON and fact.scope and fact.scope not in TALLY_SIDES:
            named[(fact.kind, fact.value)].add(fact.scope.lower())
    return {key: next(iter(held)) for key, held in named.items() if len(held) == 1}


def apart_aboard(facts: Sequence[Fact]) -> set[str]:
    """Kinds the story counts both aboard a craft and on the ground ("all 109 aboard and four on
    the ground"): only there is the count aboard a part of the whole ("killing 113"); where no
    one died on the ground, "all 217 aboard" is the toll every report gives."""
    where: dict[str, set[str]] = defaultdict(set)
    for fact in facts:
        if fact.scope in ABOARD:
            where[fact.kind].add(fact.scope)
    return {kind for kind, scopes in where.items() if len(scopes) > 1}


def sum_nouns(facts: Sequence[Fact]) -> dict[str | None, str]:
    """Sums named with a kind ("rescue package", "government bailout"), mapped to their noun
    alone where the story names the noun with one kind only: as with places, a kind tells sums
    apart only where two are given ("the $700 billion rescue package", "the $787 billion
    stimulus package"); otherwise "the $700 billion government bailout" is "the $700 billion
    bailout" another outlet gives."""
    named: dict[str, set[str]] = defaultdict(set)
    for fact in facts:
        if fact.kind == "money" and fact.scope and " " in fact.scope and fact.scope != SUPERSEDED:
            kind, _, noun = fact.scope.rpartition(" ")
            named[noun].add(kind)
    return {
        f"{kind} {noun}": noun for noun, kinds in named.items() if len(kinds) == 1 for kind in kinds
    }


def told_counts(placed: Sequence[tuple[str, Fact]]) -> tuple[tuple[date | None, float], ...]:
    """(date, value) of the counts of places that two outlets give alike: one report's figure
    for a place (an old article's toll, a yearly toll read as the story's) is as often a slip as
    the place's count, and must not decide what the counts that name no place are."""
    return tuple(
        (fact.when, base_value(fact, fact.value))
        for place, fact in placed
        if any(
            other_place == place and other.outlet != fact.outlet and compatible(other, fact)
            for other_place, other in placed
        )
    )
