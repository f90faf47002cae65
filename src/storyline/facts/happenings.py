"""Happenings: whether the verbs of facts say one happening of what they count ("struck" and
"hit" are one, "struck" and "built" are not), and the facts of one key split where their verbs
say two (``facts.alignment``): what a thing is built to hold is never what happened to it; a
plain noun's facts that name another happening than most articles name are another thing; a
sentence that gives two values under two verbs shows two happenings of one thing.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Sequence

from storyline.facts.kinds import CASUALTY_KINDS, COUNT_KINDS, MEASURE_KINDS
from storyline.facts.models import Fact
from storyline.facts.roles import STRIKE_VERBS
from storyline.facts.values import compatible

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
# Verbs that say nothing a heading needs, besides those that only tell (LIGHT_VERBS).
PLAIN_VERBS = LIGHT_VERBS | frozenset("seem appear total involve compare stand".split())


def event_class(event: str | None) -> int | None:
    return next((i for i, c in enumerate(_EVENT_CLASSES) if event in c), None)


def events_compatible(a: str | None, b: str | None) -> bool:
    if a is None or b is None or a == b:
        return True
    return any(a in c and b in c for c in _EVENT_CLASSES)


def happenings_differ(facts: Sequence[Fact]) -> bool:
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


def by_event(facts: Sequence[Fact]) -> list[list[Fact]]:
    """Split facts whose happenings are incompatible; an unknown happening joins the first. What
    a thing is built to hold ("carries a 107-man crew", "can seat 300") is never what happened
    to it ("the 118 sailors on board"), whatever its kind."""
    capacity = [f for f in facts if f.event in CAPACITY_VERBS]
    if capacity and len(capacity) < len(facts) and facts[0].kind not in CASUALTY_KINDS:
        rest = [f for f in facts if f.event not in CAPACITY_VERBS]
        return [*by_event(rest), capacity]
    if facts[0].kind not in COUNT_KINDS and facts[0].kind not in MEASURE_KINDS:
        return _apart_from_shared(facts)
    if facts[0].kind not in COUNT_KINDS or facts[0].kind in CASUALTY_KINDS:
        return [list(facts)]
    return event_parts(facts)


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
    return [main, *event_parts(rest)] if rest else [main]


def event_parts(facts: Sequence[Fact]) -> list[list[Fact]]:
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


def by_contrast(
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
