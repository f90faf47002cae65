"""Wording: a finding as a reader checks it: what its group measures ("killed in Kenya",
"target (struck), in 24 hours"), each value with its unit ("~300 feet", "$3.75 billion"), and
who gave it when ("~60 (AP, Reuters per health officials, 2009-04-24)").
"""

from __future__ import annotations

from collections.abc import Sequence

from storyline.facts.days import SUPERSEDED
from storyline.facts.happenings import PLAIN_VERBS, shared_event
from storyline.facts.holders import CHANGE_IN
from storyline.facts.kinds import MEASURE_KINDS
from storyline.facts.models import Fact, Group
from storyline.facts.numbers import CURRENCY, MEASURES
from storyline.facts.participles import participle
from storyline.facts.reading import ABOARD, BODIES_HANDLED, POLLED
from storyline.facts.tallies import TALLY_SIDES, UNNAMED_MOTION
from storyline.facts.totals import INCREMENT


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
    if first.kind == "percent" and first.scope and first.scope.startswith(CHANGE_IN):
        what = first.scope  # "change in economy", not "change in economy share"
    elif first.kind == "percent":
        what = what.replace("percent", "share") if first.scope else "percentage"
        if first.scope and first.scope.endswith(POLLED):  # "putin share in polls"
            whose = first.scope.removesuffix(POLLED).strip()
            what = " ".join(filter(None, (whose, "share", POLLED)))
    event = shared_event(group.facts, PLAIN_VERBS)
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


# A bounded value keeps its direction: "at least 22" (or "more than 22") is no "~22", which reads
# as "about 22" and made two floors, "at least 22" and "at least 30" killed, look like rival
# counts; "nearly 50" (or "up to 50") is at most 50.
_BOUND_MARKS = {"min": "≥", "max": "≤"}


def value_text(fact: Fact) -> str:
    """The value as a reader checks it against the quoted sentence, with its unit: "~300 feet"
    beside "80 meters" (not "~300" beside "80"), "$3.75 billion", "52.4%", "217"."""
    values = [fact.value] if fact.upper is None else [fact.value, fact.upper]
    approx = _BOUND_MARKS.get(fact.bound or "", "~") if fact.approx else ""
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


def claimant(fact: Fact) -> str | None:
    """Who the fact is attributed to, as its line says it (``stage.speaker_case`` wrote it so)."""
    said = fact.attributed_to
    if not said or said.lower() in _PRONOUNS:
        return None
    return said


def who(fact: Fact) -> str:
    day = fact.when.isoformat() if fact.when else "undated"
    said = claimant(fact)
    return f"{value_text(fact)} ({fact.outlet}{f' per {said}' if said else ''}, {day})"


def run_line(facts: Sequence[Fact]) -> str:
    """Consecutive facts of one value in one line: "~60 (AP, Reuters per health officials,
    2009-04-24; BBC, 2009-04-25)", not the value again for every outlet."""
    if len(facts) == 1:
        return who(facts[0])
    days: dict[str, list[str]] = {}
    for fact in facts:
        said = claimant(fact)
        name = f"{fact.outlet} per {said}" if said else fact.outlet
        names = days.setdefault(fact.when.isoformat() if fact.when else "undated", [])
        if name not in names:
            names.append(name)
    told = "; ".join(f"{', '.join(names)}, {day}" for day, names in days.items())
    return f"{value_text(facts[0])} ({told})"


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
