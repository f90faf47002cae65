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
figures are two measures, not one figure moving), changes "by" a share (scoped to what
changed, "change in economy": an economy's 3.7 percent and passenger traffic's are two things,
and one thing's changes in two years two changes), small counts of plain nouns, and
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

import math
from collections import defaultdict
from collections.abc import Sequence

from storyline.facts.chance import by_happening, telling
from storyline.facts.happenings import by_contrast, by_event
from storyline.facts.keys import (
    apart_aboard,
    day_keys,
    holders_by_value,
    months_apart,
    standing_keys,
    sum_nouns,
    tally_motions,
    told_counts,
    year_keys,
)
from storyline.facts.kinds import COUNT_KINDS
from storyline.facts.loose import by_value, is_loose
from storyline.facts.models import Fact, Group
from storyline.facts.places import area_key, place_keys
from storyline.facts.reading import ABOARD, WON
from storyline.facts.tallies import TALLY_SIDES, tally_text
from storyline.facts.values import currency, first_per_article, value_clusters


def align(facts: Sequence[Fact]) -> tuple[Group, ...]:
    """Facts grouped into measured things (see the module docstring); every fact of a kind is in
    exactly one group, except an article's second value for a thing it already gave."""
    by_thing: dict[tuple[str | None, ...], list[Fact]] = defaultdict(list)
    kinds_of_sum = sum_nouns(facts)
    apart = apart_aboard(facts)
    motions = tally_motions(facts)
    holders = holders_by_value(facts)
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
    by_thing = months_apart(by_thing)
    by_key: dict[tuple[str | None, ...], list[Fact]] = defaultdict(list)
    undated: set[tuple[str | None, ...]] = set()  # no day, in a thing counted on several days
    placeless: set[tuple[str | None, ...]] = set()  # no place, in one counted in several
    placed: dict[tuple[str | None, ...], list[tuple[str, Fact]]] = defaultdict(list)
    for (kind, scope, window, money), things in by_thing.items():
        places = place_keys(things)
        days = day_keys(things) if kind in COUNT_KINDS else {}
        years = year_keys(things) if kind in COUNT_KINDS else {}
        standings = standing_keys(things)
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
    for key, members in by_contrast(by_key):
        one = first_per_article(members)
        single_value = len(value_clusters(one)) == 1
        if single_value and telling(one):  # every article gives the same value: one thing
            loose = is_loose(members)
            groups += [Group(key, tuple(part), loose) for part in by_happening(one)]
        elif single_value or is_loose(members) or key[:7] in undated:
            groups += by_value(key, members, unnamed=key[:7] in undated)
        else:
            unplaced = key[:7] in placeless
            told = told_counts(placed[key[:2] + key[3:4]]) if unplaced else ()
            for part in by_event(members):
                groups.append(Group(key, tuple(_one_per_article(part)), False, unplaced, told))
    return tuple(groups)


def _one_per_article(facts: Sequence[Fact]) -> list[Fact]:
    """One fact per article: where an article gives several values for the thing (a province's
    toll beside the nationwide one), the one nearest (in ratio) to the median of what the articles
    give first, so that the group follows the figure most outlets report."""
    firsts = first_per_article(facts)
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
