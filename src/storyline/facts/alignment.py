"""Alignment: which facts of different articles measure the same thing.

A **group** is one measured thing: the same kind of quantity (``Fact.kind``, where different words
for one thing already meet: "dead", "killed" and "death toll" are ``killed``; "sites" and "targets"
are ``target``), of the same sub-group (``scope``: "12 Americans killed" is not the toll; a
percentage's scope is whose share it is), scoped to the same place ("killed in Kenya" and "killed in
Tanzania" are two groups; one name spelled two ways, "Zonguldak" and "Zongulbak", is one place; and
where a story counts a thing in two places, a toll with no place is not a place's toll; where it
names one place only, that is where the story happens and the place parts nothing; a place the
count's clause names without the parse tying it to the count, "the deaths from the virus in Mexico",
is its place where other counts of the thing are tied to it; "US", "the U.S." and "the United
States" are one place; a count that names no place, where the thing is counted in several, is the
whole only if above every place's count, see ``Group.unplaced``), of the same standing where the
story gives both ("confirmed" deaths beside "suspected" ones, ``facts.scoping``), of the same motion
and tally for a vote (the votes to confirm, not to advance, "52-48" and not "51-49": two tallies are
two votes; a tally that names no motion is of the one its body's other tallies name,
``facts.tallies``), in the same currency (a sum in euros and one in dollars may be one sum
converted, which no value comparison can tell apart from two sums), over the same time window ("in
the past 24 hours"; a toll "in May" and one "in June" are two months'), on the same day or in the
same year where the story counts the thing on several ("killed Monday", "last year"), in a
compatible happening (for counted targets and such, the verb: "struck" and "hit" are one
happening, "struck" and "built" are not; a toll, or a count of people
that names what happened to them, "displaced", "evacuated", already names its happening; what a
thing is built to hold, "carries a 107-man crew", is never what happened to it). Where one sentence
gives two values for a counted thing under two verbs ("signed by 133 countries and ratified by 65 of
them"), the verbs are two happenings of it throughout the story, and their counts are two groups.
Where the facts of more than half the articles count a plain noun under one happening ("mines
destroyed"), a fact under another ("mines planted") is another thing. A group holds at most one fact
per article: where an article gives several values for the thing, the one nearest the figure the
other articles give.

When every article gives the same value (within the precision written), the facts are one group,
except for small counts of plain nouns ("two men", "two suspects") whose happenings differ: such
figures are too common to tie articles together; and counts of people that name no happening
by their kind ("100,000 people") are split where their verbs name different ones ("sent to
camps", "targeted" by a charity). When values differ, some kinds say too little to
know they are one thing: lengths, masses, speeds, sums and percentages without a sub-group ("16,700
feet" and "33,000 feet" are two altitudes of one dive; a length whose sentence names what it
measures, the depth where a wreck lies, the height of a named thing, the size of a piece found, the
altitude where a descent began or ended (``facts.dimensions``), or a vessel's displacement, is a
sub-group and one thing), shares from polls ("in polls", whoever they are of: two pollsters'
figures are two measures, not one figure moving), small counts of plain nouns, and
plain nouns whose happenings clearly differ, and counts of people whose happening the sentence
does not say ("150,000 people", "some 120,000"). Such a *loose* key leaves each fact on its own
(single-source) unless two outlets give one value unlikely to meet by chance (three significant
figures, one measure written in two units, "180 feet" and "54 metres", or by three reports, a sum of
two digits or more or one whose happening half of them name; for people of an unsaid happening, one
figure of ten or more): it never shows outlets differing, and does not claim the ones that match
agree while another outlet's value might be the same thing later. The one exception is an outlet
revising its own first reading: the story's earliest report gives a value and that outlet later
gives another that two more outlets repeat (a quake first put at 6.7, then at 7.4 by the same agency
and by everyone else) - one thing, changed. A sum or measure without a sub-group that every article
gives alike must be as distinctive to tie outlets: two outlets' "$5 million" (a reward here, a
bounty there) meet by chance; so do a decimal written with one digit (a "0.4%" death rate and a
"0.4%" rate of drug resistance), one share given by reports more than a year apart (two years'
unemployment rates), and a sum three reports give under three different happenings ("$1.9
trillion" held in trust funds, a surplus's total, what payroll taxes generate).
"""

from __future__ import annotations

import itertools
import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from storyline.facts.days import MONTHS, SUPERSEDED
from storyline.facts.dimensions import several
from storyline.facts.models import Fact
from storyline.facts.numbers import MEASURES, PEOPLE
from storyline.facts.places import area_key, place_keys
from storyline.facts.reading import ABOARD, PEOPLE_KINDS, POLLED, WON
from storyline.facts.roles import STRIKE_VERBS
from storyline.facts.tallies import TALLY_SIDES, UNNAMED_MOTION, tally_text
from storyline.facts.totals import INCREMENT
from storyline.facts.values import (
    SAME_DAY_RATIO,
    UNIT_TOLERANCE,
    base_value,
    close,
    compatible,
    currency,
    significant,
)

# Kinds whose different values are one thing moving (a toll) or contested; the rest are loose.
COUNT_KINDS = PEOPLE_KINDS | {"target"}
# Counts of what one past act did to one person ("struck at least 20 times", "18 blows"): no
# later report updates them, so different values are one count contradicted, never loose.
FIXED_COUNTS = frozenset({"blow"})
MEASURE_KINDS = frozenset(kind for kind, _ in MEASURES.values()) | {"money"}
# One happening under different verbs (the verb lemma as the parser gives it).
_EVENT_CLASSES = (
    STRIKE_VERBS,
    frozenset("kill die perish claim leave".split()),
    frozenset("injure wound hurt leave".split()),
    frozenset("file bring face".split()),
    frozenset("flee cross arrive reach shelter house".split()),
    frozenset("send bring fly transfer extradite deport hand".split()),
    # the steps of a prosecution are each their own happening: "11 members charged", "five
    # convicted", "seven sentenced" are three counts, not one count revised
    frozenset("charge indict".split()),
    frozenset({"convict"}),
    frozenset({"sentence"}),
    frozenset({"acquit"}),
)
# Verbs that describe or tell rather than say what happened to what is counted.
LIGHT_VERBS = frozenset(
    "be have include say tell report think believe estimate remain become".split()
)
# Verbs that say what a thing is built to hold rather than what happened in the story.
CAPACITY_VERBS = frozenset("carry hold seat accommodate".split())
# A figure written with decimals ("$5.3 million", "4.6") is precise whatever its scale.
_DECIMAL = re.compile(r"\d[\d,]*\.\d+")
# Counts of plain nouns below this tie articles together only with the same happening.
SMALL_COUNT = 3
# Counts of people whose happening the sentence does not say ("150,000 people", "55 others"): two
# values are as likely two groups of people as one count moving, so they are loose.
GENERIC_KINDS = frozenset("people person other individual".split())
# Single-digit figures of such people ("three people") meet by chance too often to tie outlets.
UNNAMED_PEOPLE_MIN = 10
# Kinds that already name their happening: "killed" by a bomb or in a crash is one toll; people
# who "fled" or "are sheltering" are the displaced either way.
CASUALTY_KINDS = PEOPLE_KINDS


@dataclass(frozen=True)
class Group:
    """Facts that measure one thing, at most one per article, in input order."""

    key: tuple[str | None, ...]
    facts: tuple[Fact, ...]
    loose: bool
    # Counts that name no place, of a thing the story counts in several places: one count (a
    # quake's nationwide toll beside each province's) or many (Mexico's toll, the world's and
    # the United States' in an outbreak's reports that do not say which). ``places`` holds the
    # (date, value) of the counts of the thing that name a place, each given by two outlets
    # alike (``_told_counts``); ``labels`` reads such
    # counts as one changed or disputed count only where each is above every place's count
    # reported by its date (the whole the places are parts of), and otherwise keeps only what
    # outlets give alike (``by_value``).
    unplaced: bool = False
    places: tuple[tuple[date | None, float], ...] = ()

    @property
    def kind(self) -> str:
        return self.facts[0].kind


def _event_class(event: str | None) -> int | None:
    return next((i for i, c in enumerate(_EVENT_CLASSES) if event in c), None)


def events_compatible(a: str | None, b: str | None) -> bool:
    if a is None or b is None or a == b:
        return True
    return any(a in c and b in c for c in _EVENT_CLASSES)


# What each contender in an election wins a count of (``facts.holders`` names their holder where
# the parse ties one); votes are left to the reading of tallies.
CONTENDED = frozenset("seat delegate".split())


def _plain(kind: str | None) -> bool:
    """A count of a plain noun ("bombings", "states"), not of people, a toll, a sum or a measure."""
    return kind not in COUNT_KINDS and kind not in MEASURE_KINDS and kind not in GENERIC_KINDS


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
        return scope is None or several(scope) or scope.endswith(POLLED)
    if kind in GENERIC_KINDS:
        return True
    # A plain noun ("lawsuits", "ships"), small counts apart: two of its different values are one
    # thing moving only where their clauses name one happening ("12 lawsuits filed", "15 filed";
    # "struck" and "hit"); "five nations abstaining" and "28 NATO countries had authorized" are
    # two things, and so are values whose clauses say no happening. People are counted apart.
    if any(f.value < SMALL_COUNT for f in facts):
        return True
    classes = {_event_class(f.event) for f in facts} - {None}
    if len(classes) > 1:
        return True
    if len({f.value for f in facts}) == 1:
        return False
    if facts[0].unit in PEOPLE and not _happenings_differ(facts):
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


def _days(facts: Sequence[Fact]) -> dict[date, str | None]:
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


def _years(facts: Sequence[Fact]) -> dict[int, str | None]:
    """The year key of each year the facts of one thing set their happening in ("last year, 55
    others were infected", "this year, 13 people have been infected"): as with days, years tell
    counts apart only when the story counts the thing in two or more of them, and then a count
    that names no year is no one year's count (loose)."""
    named = sorted({f.year for f in facts if f.year is not None})
    if len(named) <= 1:
        return {}
    return {year: f"year {year}" for year in named}


def _standings(facts: Sequence[Fact]) -> dict[str, str | None]:
    """The standing key of each standing the facts of one thing give ("confirmed",
    "suspected"): as with places, standing tells counts apart only where the story gives the
    thing in both (an outbreak's confirmed deaths beside its suspected ones); where it gives one
    only, the word describes the count every report gives and parts nothing. A count that says
    neither stays a third count, the one reports give without saying."""
    named = {f.standing for f in facts if f.standing is not None}
    if len(named) <= 1:
        return {}
    return {standing: standing for standing in named}


def _months_apart(
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


def align(facts: Sequence[Fact]) -> tuple[Group, ...]:
    """Facts grouped into measured things (see the module docstring); every fact of a kind is in
    exactly one group, except an article's second value for a thing it already gave."""
    by_thing: dict[tuple[str | None, ...], list[Fact]] = defaultdict(list)
    kinds_of_sum = _kinds_of_sum(facts)
    apart = _apart_aboard(facts)
    motions = _motions(facts)
    holders = _holders_by_value(facts)
    for fact in facts:
        if fact.kind:
            scope = kinds_of_sum.get(fact.scope, fact.scope) if fact.kind == "money" else fact.scope
            if scope in ABOARD and fact.kind not in apart:
                scope = None
            if scope in TALLY_SIDES:  # "votes for" of one motion and tally ("52-48")
                motion = motions.get((fact.place, fact.event), fact.event)
                scope = f"{scope} {motion} {tally_text(fact.text)}"
            if scope is None and fact.kind in WON:  # "won 129 seats", New Democracy's 129
                scope = holders.get((fact.kind, fact.value))
            scope = scope.lower() if scope else scope  # "PASOK" and "Pasok" are one party
            by_thing[(fact.kind, scope, fact.window, currency(fact))].append(fact)
    by_thing = _months_apart(by_thing)
    by_key: dict[tuple[str | None, ...], list[Fact]] = defaultdict(list)
    undated: set[tuple[str | None, ...]] = set()  # no day, in a thing counted on several days
    placeless: set[tuple[str | None, ...]] = set()  # no place, in one counted in several
    placed: dict[tuple[str | None, ...], list[tuple[str, Fact]]] = defaultdict(list)
    for (kind, scope, window, money), things in by_thing.items():
        places = place_keys(things)
        days = _days(things) if kind in COUNT_KINDS else {}
        years = _years(things) if kind in COUNT_KINDS else {}
        standings = _standings(things)
        # a count that names no place, where the story counts the thing in several (Mexico's
        # toll, the United States', the world's), may be any one's: see ``Group.unplaced``; a
        # site's count ("the Bataclan, where 89 were killed") is a part of the story's place,
        # which makes no count that names none any one place's (``Fact.site``)
        sites = {places[f.place.lower()] for f in things if f.place and f.site}
        several_places = kind in COUNT_KINDS and len(set(places.values()) - sites - {None}) >= 2
        for fact in things:
            place = places[fact.place.lower()] if fact.place else area_key(fact, places)
            day = days.get(fact.happened) if fact.happened else None
            if day is None and fact.year is not None:
                day = years.get(fact.year)
            standing = standings.get(fact.standing) if fact.standing else None
            key: tuple[str | None, ...] = (kind, scope, place, window, day, standing, money)
            by_key[key].append(fact)
            if day is None and (any(days.values()) or any(years.values())):
                undated.add(key)
            if place is None and several_places:
                placeless.add(key)
            elif place is not None and place not in sites:
                placed[(kind, scope, window)].append((place, fact))
    groups: list[Group] = []
    for key, members in _by_contrast(by_key):
        one = _first_per_article(members)
        single_value = len(value_clusters(one)) == 1
        if single_value and _telling(one):  # every article gives the same value: one thing
            loose = is_loose(members)
            groups += [Group(key, tuple(part), loose) for part in _by_happening(one)]
        elif single_value or is_loose(members) or key[:7] in undated:
            groups += by_value(key, members, unnamed=key[:7] in undated)
        else:
            unplaced = key[:7] in placeless
            told = _told_counts(placed[key[:2] + key[3:4]]) if unplaced else ()
            for part in _by_event(members):
                groups.append(Group(key, tuple(_one_per_article(part)), False, unplaced, told))
    return tuple(groups)


def _motions(facts: Sequence[Fact]) -> dict[tuple[str | None, str | None], str]:
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


def _holders_by_value(facts: Sequence[Fact]) -> dict[tuple[str, float], str]:
    """The holder of seats, votes or delegates that name none ("the conservatives won 129
    seats"), where the story gives that figure to one holder only ("New Democracy ... 129
    seats"): a party's count is written with and without its name. Where two holders have the
    figure, or none, the count stays unheld (compared by value only)."""
    named: dict[tuple[str, float], set[str]] = defaultdict(set)
    for fact in facts:
        if fact.kind in WON and fact.scope and fact.scope not in TALLY_SIDES:
            named[(fact.kind, fact.value)].add(fact.scope.lower())
    return {key: next(iter(held)) for key, held in named.items() if len(held) == 1}


def _apart_aboard(facts: Sequence[Fact]) -> set[str]:
    """Kinds the story counts both aboard a craft and on the ground ("all 109 aboard and four on
    the ground"): only there is the count aboard a part of the whole ("killing 113"); where no
    one died on the ground, "all 217 aboard" is the toll every report gives."""
    where: dict[str, set[str]] = defaultdict(set)
    for fact in facts:
        if fact.scope in ABOARD:
            where[fact.kind].add(fact.scope)
    return {kind for kind, scopes in where.items() if len(scopes) > 1}


def _kinds_of_sum(facts: Sequence[Fact]) -> dict[str | None, str]:
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


def _told_counts(placed: Sequence[tuple[str, Fact]]) -> tuple[tuple[date | None, float], ...]:
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
    for cluster in (p for c in clusters if c for p in _by_happening(c)):
        exact = [f for f in cluster if not f.approx]
        same = unnamed and _one_figure(cluster)
        named = several(key[1]) and len({f.outlet for f in cluster}) >= 2
        # "about 100,000 people" at a rally in Cairo, "more than 100,000 people packed" there
        placed = key[2] is not None or any(f.place or f.area for f in cluster)
        if _distinctive(cluster) or _same_people(cluster, placed=placed) or same or named:
            groups.append(Group(key, tuple(cluster), True))
        elif _plain(key[0]) and cluster[0].unit in PEOPLE and _one_figure(cluster, bounds=False):
            # "4 million Americans" infected, given alike by two outlets beside "2.7 million"
            # who carry the virus: people a story counts under other happenings too
            groups.append(Group(key, tuple(cluster), True))
        elif _plain(key[0]) and len({f.outlet for f in cluster}) >= 3 and _telling(cluster):
            # "four suicide bombings" from three outlets or more beside another's "three
            # car bombs": the reports that give one value agree; two outlets' "5" of a
            # plain noun meet by chance
            groups.append(Group(key, tuple(cluster), True))
        elif len(exact) >= 2 and _distinctive(exact):
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
        if opening[0].outlet not in {f.outlet for f in agreed} or not _distinctive(agreed):
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


def _by_contrast(
    by_key: dict[tuple[str | None, ...], list[Fact]],
) -> list[tuple[tuple[str | None, ...], list[Fact]]]:
    """Each key's facts, split where a sentence itself shows two happenings of one thing: it
    gives two values for it under two verbs ("signed by 133 countries and ratified by 65 of
    them"), so signing and ratifying are two counts in every article of the story. A fact of
    another or no verb joins the first such happening met. Tolls name their happening already;
    measures are not counts of a happening ("fell from 33,000 feet to 16,700 feet")."""
    out: list[tuple[tuple[str | None, ...], list[Fact]]] = []
    for key, members in by_key.items():
        contrasted: list[str] = []
        for a, b in itertools.combinations(members, 2):
            one_sentence = a.article_id == b.article_id and a.start == b.start
            if not one_sentence or a.event is None or b.event is None:
                continue
            if a.kind in CASUALTY_KINDS or a.kind in MEASURE_KINDS or compatible(a, b):
                continue
            if events_compatible(a.event, b.event):
                continue
            contrasted += [e for e in (a.event, b.event) if e not in contrasted]
        if not contrasted:
            out.append((key, members))
            continue
        first = next(f.event for f in members if f.event in contrasted)
        parts: dict[str, list[Fact]] = defaultdict(list)
        for fact in members:
            parts[fact.event if fact.event in contrasted else first].append(fact)
        out += [((*key, event), part) for event, part in parts.items()]
    return out


def _one_figure(facts: Sequence[Fact], *, bounds: bool = True) -> bool:
    """Whether two or more outlets give one figure of ten or more, written alike ("as many as
    200,000" killed): a count that names no day in a story counted on several days is still the
    one these outlets agree on, though it cannot be said to differ from another. Without
    ``bounds``, "about 200" and "200" are one figure too: people of a plain noun that many
    rarely meet by chance ("350 employees", "about 200 officers"; "five children" of two
    families do)."""
    if len({f.outlet for f in facts}) < 2 or facts[0].value < UNNAMED_PEOPLE_MIN:
        return False
    return len({(f.value, f.upper, f.bound if bounds else None) for f in facts}) == 1


def _same_people(facts: Sequence[Fact], *, placed: bool = False) -> bool:
    """Whether two outlets give one figure of people whose happening neither says ("some
    120,000" in tents, "150,000 people" in prefabricated homes): as telling as when it is the
    only figure of people the articles give; a figure round to one digit only where it is
    written alike ("some two million people"), said of a place ("about 100,000 people" at a rally
    in Cairo), or two reports, half of them at least, say one happening of them ("3 million
    people" needing help)."""
    if facts[0].kind not in GENERIC_KINDS or len({f.outlet for f in facts}) < 2:
        return False
    if _happenings_differ(facts) or _near_by_chance(facts):
        return False
    if min(significant(f) for f in facts) < 2 and not placed:
        alike = len({(f.value, f.upper, f.bound) for f in facts}) == 1
        one = shared_event(facts)
        told = one is not None and sum(f.event == one for f in facts) >= 2
        if not (alike or told):
            return False  # "80 people" in a critical condition, "more than 80 people" on a list
    return len({f.upper is None for f in facts}) == 1 and facts[0].value >= UNNAMED_PEOPLE_MIN


def _near_by_chance(facts: Sequence[Fact]) -> bool:
    """Whether unnamed people with near but different figures meet only by chance: "over 400
    people" (a toll recalled) and "about 413 people" (candidates running). Near figures tie
    them only when every fact says one happening."""
    if facts[0].kind not in GENERIC_KINDS or len({(f.value, f.upper) for f in facts}) == 1:
        return False
    events = [f.event for f in facts]
    if None in events or set(events) & LIGHT_VERBS:
        return True
    return not all(events_compatible(a, b) for a in events for b in events)


def _happenings_differ(facts: Sequence[Fact]) -> bool:
    """Whether two of the facts say what happened to their people or things, and say different
    happenings: "1,500 people treated" and "1,700 people involved in the search", "5,000 people
    left homeless" and "5,000 people lined up at the embassy". Verbs that only describe or tell
    ("are in need", "said", "include") say no happening. Where two facts say one happening, it
    is the thing's, and a third verb is more likely the parse reaching another clause ("of 6
    million people who took the drug, 45,000 refused the deal") than another thing."""
    events = [f.event for f in facts if f.event and f.event not in LIGHT_VERBS]
    if any(events_compatible(a, b) for a, b in itertools.combinations(events, 2)):
        return False
    return len(events) >= 2


def _by_happening(facts: Sequence[Fact]) -> list[list[Fact]]:
    """Equal counts of people whose happening the sentence does not name by its kind, split where
    their verbs say different happenings: "100,000 people" sent to settlements (twice) is not
    Oxfam's "nearly 100,000 people" targeted for sanitation. Facts whose verb only describes or
    tells, or that have none, join the largest part. Other kinds are one part, and so is a
    figure too distinctive to meet by chance ("239 people" on board, missing, who traveled)."""
    if facts[0].kind not in GENERIC_KINDS or _distinctive(facts):
        return [list(facts)]
    parts = _event_parts([f for f in facts if f.event is not None and f.event not in LIGHT_VERBS])
    if len(parts) <= 1:
        return [list(facts)]
    parts.sort(key=len, reverse=True)
    parts[0] += [f for f in facts if f.event is None or f.event in LIGHT_VERBS]
    return [sorted(p, key=facts.index) for p in parts]


def _distinctive(facts: Sequence[Fact]) -> bool:
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
    if facts[0].kind == "money" and len(facts) >= 3 and named and _happenings_differ(facts):
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


def shared_event(facts: Sequence[Fact], telling: frozenset[str] = LIGHT_VERBS) -> str | None:
    """The happening at least half the facts name, if one; verbs in ``telling`` name none. A
    heading says what happened only when the reports say it ("The navy struggled to rescue 118
    sailors", then "118 crew on board" and "the death of the 118 crew": the crew, not "crew
    (rescued)"), and a round sum ties reports only where they name one happening of it."""
    events = [f.event for f in facts if f.event is not None and f.event not in telling]
    if not events:
        return None
    top = max(set(events), key=lambda e: (events.count(e), e == facts[0].event))
    return top if 2 * events.count(top) >= len(facts) else None


def _telling(facts: Sequence[Fact]) -> bool:
    """Whether equal values say the facts are one thing. "Two" of a plain noun ("two men", "two
    suspects") is too common a figure to tie two articles together unless their happenings are
    one (the same verb or verbs of one happening: "sent" and "brought" two suspects), or the
    thing is named alike with a modifier ("two nuclear reactors", "two life sentences"); larger
    figures, tolls, sums and measures are, but a range of a measure and one
    figure inside it ("6 to 9 miles", "6 miles") are not the same words for one thing; and
    unnamed people ("80 people") only where the figure is distinctive or names one happening."""
    kind = facts[0].kind
    if kind in MEASURE_KINDS and facts[0].scope is None:
        if len({f.upper is None for f in facts}) > 1:
            return False  # "6 to 9 miles" is not "6 miles"
        return _distinctive(facts)
    if kind in COUNT_KINDS or kind in MEASURE_KINDS:
        return True
    if kind in GENERIC_KINDS and _happenings_differ(facts):
        return False
    if _near_by_chance(facts):
        return False
    unnamed = kind in GENERIC_KINDS and len({f.outlet for f in facts}) > 1
    if unnamed and not (_distinctive(facts) or shared_event(facts) is not None):
        # "the 80 people admitted in a critical condition" and "a list of more than 80 people
        # suspected as militants": unnamed people meet on a round figure by chance unless the
        # figure is distinctive or half the reports say one happening of them
        return False
    events = [f.event for f in facts]
    one_happening = None not in events and all(
        events_compatible(a, b) for a in events for b in events
    )
    if _plain(kind) and not all(close(a, b) for a, b in itertools.combinations(facts, 2)):
        # "more than 120 countries" where a service is available and "150 countries" where a
        # phone launches: a bound and a figure of a plain noun some way above it are one thing
        # only where both say one happening of it ("at least 74 countries", "more than 70",
        # "up to 10,000 troops" and "between 9,000 and 10,000" are close enough to be one)
        return one_happening and not set(events) & LIGHT_VERBS
    if facts[0].value >= SMALL_COUNT:
        return True
    if one_happening:
        return True
    named = {" ".join(f.text.lower().split()[-2:]) for f in facts}
    return len(named) == 1 and all(len(f.text.split()) >= 3 for f in facts)


def _by_event(facts: Sequence[Fact]) -> list[list[Fact]]:
    """Split facts whose happenings are incompatible; an unknown happening joins the first. What
    a thing is built to hold ("carries a 107-man crew", "can seat 300") is never what happened
    to it ("the 118 sailors on board"), whatever its kind."""
    capacity = [f for f in facts if f.event in CAPACITY_VERBS]
    if capacity and len(capacity) < len(facts) and facts[0].kind not in CASUALTY_KINDS:
        rest = [f for f in facts if f.event not in CAPACITY_VERBS]
        return [*_by_event(rest), capacity]
    if facts[0].kind not in COUNT_KINDS and facts[0].kind not in MEASURE_KINDS:
        return _apart_from_shared(facts)
    if facts[0].kind not in COUNT_KINDS or facts[0].kind in CASUALTY_KINDS:
        return [list(facts)]
    return _event_parts(facts)


def _apart_from_shared(facts: Sequence[Fact]) -> list[list[Fact]]:
    """A plain noun's facts, with those that name another happening than the one the facts of
    most articles name (``_shared_happening``) set apart: "two million mines" planted beside
    mines destroyed, reported by two outlets, is not their count. A plain noun's verb varies with
    the writing ("filed", "faces" lawsuits), so only a happening two articles share sets others
    apart, and verbs of one happening ("file", "face") or that only tell ("have") stay."""
    shared = _shared_happening(facts)
    if shared is None:
        return [list(facts)]
    main = [f for f in facts if f.event in LIGHT_VERBS or events_compatible(f.event, shared)]
    rest = [f for f in facts if all(f is not m for m in main)]
    return [main, *_event_parts(rest)] if rest else [main]


def _event_parts(facts: Sequence[Fact]) -> list[list[Fact]]:
    """Facts in input order, each joining the first part whose every happening is compatible
    with its own, else starting a part."""
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


def _shared_happening(facts: Sequence[Fact]) -> str | None:
    """The happening the facts of more than half the articles name, two at least ("destroyed 14
    million mines", "bringing the total of mines destroyed to 22 million")."""
    articles: dict[str, set[str]] = defaultdict(set)
    for fact in facts:
        if fact.event is not None and fact.event not in LIGHT_VERBS:
            articles[fact.event].add(fact.article_id)
    ranked = sorted(articles.items(), key=lambda item: len(item[1]), reverse=True)
    everyone = len({f.article_id for f in facts})
    if not ranked or len(ranked[0][1]) < 2 or 2 * len(ranked[0][1]) <= everyone:
        return None  # two of many articles naming one verb ("represents 250 tribes") is chance
    return ranked[0][0]


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
