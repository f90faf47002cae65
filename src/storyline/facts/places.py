"""Place keys: which places named by the facts of one thing tell its counts apart.

A place parts counts only where the story counts the thing in two or more places ("killed in
Nairobi", "killed in Tanzania"); where it names one, that is where the story happens. One place
written two ways is one key: "US", "the U.S." and "the United States"; "New York" in "New York
City"; "Zonguldak" and "Zongulbak" (``same_spelling``). A building or site ("the Hotel Montana")
always parts.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from storyline.facts.models import Fact
from storyline.facts.placing import LISTED


def place_keys(facts: Sequence[Fact]) -> dict[str, str | None]:
    """The place key of each place the facts of one thing name. A place only tells two counts
    apart when the story counts the thing in two or more places ("killed in Nairobi", "killed in
    Tanzania"); where it names one place ("in Atlanta", "in New York City" and "in New York"),
    that place is where the story happens, and a count that names it is the count that does not.
    Places meet when one's words hold the other's ("New York" in "New York City"). A building
    or site ("the Hotel Montana") always parts: it is a part of where the story happens."""
    names = sorted({f.place.lower() for f in facts if f.place}, key=lambda n: len(place_name(n)))
    canon: dict[str, str | None] = {}
    for name in names:
        plain = place_name(name)
        held = (c for c in canon if _holds(place_name(c), plain))
        canon[name] = canon.get(next(held, ""), plain)
    # a place counts' clauses name, untied (``Fact.area``), in two articles or more, is another
    # place the story counts the thing in when no tied name holds it ("14 cases investigated in
    # the UK", "230 cases under investigation in the UK" beside "19 cases in Scotland": two
    # places, and Scotland's count is not the UK's); one clause's place may be the parse's slip
    named: dict[str, set[str]] = defaultdict(set)
    for fact in facts:
        if fact.area and fact.area != LISTED and not fact.place:
            named[place_name(fact.area)].add(fact.article_id)
    # a count over places it lists ("20 killed in Taiz, Hudeida and Sana'a") says the story
    # happens in more than one: a place another count names alone is then that place's, not
    # the story's (its count is Taiz's 15, not a figure against the 20)
    listed = any(f.area == LISTED and not f.place for f in facts)
    areas = {area for area, articles in named.items() if len(articles) >= 2}
    apart = {a for a in areas if not any(_holds(c, a) for c in canon.values() if c)}
    sites = {f.place.lower() for f in facts if f.place and f.site}
    parts = {c for c in canon if _a_building(c) or c in sites}
    several = len({canon[c] for c in canon if c not in parts} | apart) + listed > 1
    if several:
        return canon
    # one place besides its sites: where the story happens, and the sites are parts of it
    return {name: canon[name] if name in parts else None for name in canon}


def _holds(known: str, name: str) -> bool:
    return set(known.split()) <= set(name.split()) or same_spelling(known, name)


# Names of one country as papers write them: an abbreviation is the name it shortens.
_COUNTRY_NAMES = {
    "us": "united states", "usa": "united states", "america": "united states",
    "united states of america": "united states", "uk": "united kingdom",
    "britain": "united kingdom", "great britain": "united kingdom",
    "uae": "united arab emirates", "drc": "democratic republic of congo",
}  # fmt: skip


def place_name(name: str) -> str:
    """A place as compared: lower case, without "the" and dots ("the U.S." is "us"), and the
    full name of a country written short ("US", "Britain": ``_COUNTRY_NAMES``)."""
    plain = " ".join(re.sub(r"\.", "", name.lower()).split())
    plain = plain.removeprefix("the ")
    return _COUNTRY_NAMES.get(plain, plain)


# Names this long that differ by one letter are one place spelled two ways ("Zonguldak" and
# "Zongulbak", "Misrata" and "Misurata"); shorter ones are often two places ("Iran", "Iraq").
SPELLING_MIN = 7


def same_spelling(a: str, b: str) -> bool:
    """Whether two place names are one name spelled two ways: as many words, each alike or, when
    both are ``SPELLING_MIN`` letters or more, one letter changed, added or dropped inside the
    word. A letter added at the end is a demonym ("Israel", "Israeli"), not a spelling."""
    pairs = list(zip(a.split(), b.split(), strict=False))
    if len(a.split()) != len(b.split()) or a == b:
        return False
    return all(x == y or _one_letter(x, y) for x, y in pairs)


def _one_letter(x: str, y: str) -> bool:
    if min(len(x), len(y)) < SPELLING_MIN or x.startswith(y) or y.startswith(x):
        return False
    short, long = sorted((x, y), key=len)
    if len(long) - len(short) > 1 or x[0] != y[0]:
        return False
    if len(short) == len(long):
        return sum(p != q for p, q in zip(short, long, strict=True)) == 1
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


# Words that make a place a building or a site within the story's place ("the Hotel
# Montana", "Tahrir Square"): a count there is of that site only, however few places are named.
_BUILDINGS = frozenset(
    """hotel school hospital embassy square building prison market mosque church
    university station airport camp base compound office palace stadium mall factory mine
    consulate ministry headquarters""".split()
)


def area_key(fact: Fact, places: dict[str, str | None]) -> str | None:
    """The place key of the place a count's clause names without tying it to the count
    (``Fact.area``), where other counts of the thing are tied to that place: "the deaths from
    the virus in Mexico" are Mexico's where the story counts Mexico's deaths; "the toll from the
    earthquake in Turkey" is the story's toll where the story counts only its provinces'."""
    if fact.area is None:
        return None
    name = place_name(fact.area)
    for tied, key in places.items():
        plain = place_name(tied)
        if key is not None and (plain == name or same_spelling(plain, name)):
            return key
    return None


def _a_building(name: str) -> bool:
    return bool(set(name.split()) & _BUILDINGS)
