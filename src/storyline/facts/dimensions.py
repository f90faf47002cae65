"""Which dimension a length measures, where the sentence names it: the scope of a length fact.

A length with no scope is *loose* (``facts.alignment``): "16,700 feet" and "33,000 feet" may be
two altitudes of one dive, so such figures only ever agree. A length whose sentence says what it
measures is one thing across the story's articles, and its differing values can be labelled
(GUIDELINES: one group is "the same quantity, of the same event, with the same scope"):

* a **dimension of a named object**, given by an adjective of size ("the 54-meter-high
  balloon", "a balloon 180 feet tall", "a 500-foot-long ship"): ``height of balloon``,
  ``length of ship``. The object is part of the scope: one story's tower and balloon are two
  heights. A story may tell of two ships, though, so outlets giving one value agree, and
  differing values are never shown as changed or disputed (``several``);
* the **size of a piece** of something found, the measure glued to a partitive noun ("a 16-inch
  strip of metal", "a 16-inch piece of metal"): ``length of piece of metal``; in "17-inch by
  one-inch piece", the figure after "by" is its ``width``. A piece found has one true size, so
  outlets that give different ones contradict each other (``fixed``), as for a wreck's depth;
* the **end of a vertical movement** a length marks: where a descent began ("descent from 33,000
  feet", "plummeted from its cruise altitude of 9,900 meters") or ended ("down to 16,700
  feet", "down to 5,730 meters"), where a climb began or ended ("climbed back to 24,000 feet").
  Those are different things: the start and the end of one dive are two groups, never one
  moving figure.

Anything else stays without a scope: an altitude at which something flies, a distance flown
so far ("floated some 20,000 miles"), a wave's height. They move, or are several things, and
the sentence alone does not say which one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storyline.facts.roles import token_lemma

if TYPE_CHECKING:
    from spacy.tokens import Token

# Adjectives of size and the dimension each names ("deep" is ``measures.dimension``'s depth).
_SIZE_WORDS = {"high": "height", "tall": "height", "long": "length", "wide": "width"}
# Nouns that name a piece of something, whose size is told by its material ("a strip of metal").
_PIECES = frozenset("piece strip chunk fragment shard sliver sheet slab bar rod".split())
# Verbs and nouns of movement down and up; "down" and "up" themselves say the direction.
_DOWN = frozenset("fall plunge plummet dive drop descend descent sink nosedive".split())
_UP = frozenset("climb rise ascend ascent soar".split())
# Nouns that name the measure of a vertical position ("from its cruise altitude of 9,900 meters").
_HEIGHTS = frozenset("altitude height depth elevation".split())


def length_scope(unit: Token) -> str | None:
    """The scope of the length whose unit word is ``unit`` (see the module docstring), or None."""
    return _object_size(unit) or _piece_size(unit) or _movement_end(unit)


def fixed(scope: str | None) -> bool:
    """Whether a scope read here is a property with one true value (a piece's size)."""
    return scope is not None and " of piece of " in scope


def several(scope: str | None) -> bool:
    """Whether a scope read here may hold several things of one kind: a story tells of two
    ships, "60 feet long" and "45 feet long", as often as of one ship measured twice, so such
    sizes tie outlets that give one value but never show them differing."""
    if scope is None or fixed(scope):
        return False
    return scope.partition(" of ")[0] in _SIZE_WORDS.values() and " of " in scope


def _object_size(unit: Token) -> str | None:
    """ "180 feet tall" / "180-foot-high": the adjective the unit measures, and what it
    describes (the noun it modifies, or the subject it is said of: "the tower is 300 feet
    tall")."""
    size = unit.head
    dimension = _SIZE_WORDS.get(size.lower_)
    if dimension is None or unit.dep_ != "npadvmod":
        return None
    thing: Token | None = None
    if size.dep_ == "amod" and size.head.pos_ in ("NOUN", "PROPN"):
        thing = size.head
    elif size.dep_ == "acomp":
        thing = next((c for c in size.head.children if c.dep_ == "nsubj"), None)
    if thing is None or thing.pos_ not in ("NOUN", "PROPN"):
        return None
    return f"{dimension} of {token_lemma(thing)}"


def _piece_size(unit: Token) -> str | None:
    """ "a 16-inch strip of metal": a length glued to a piece, named by its material; in "17-inch
    by one-inch piece", the second figure is the width."""
    piece, dimension = unit.head, "length"
    if unit.dep_ == "compound" and piece.head.lower_ == "by" and piece.head.dep_ == "prep":
        dimension = "width"  # "17-inch by one-inch piece": length by width
    elif any(c.lower_ == "by" and c.dep_ == "prep" for c in unit.children):
        by = next(c for c in unit.children if c.lower_ == "by" and c.dep_ == "prep")
        piece = next((c for c in by.children if c.dep_ == "pobj"), unit)  # parse of "17-inch by"
    elif unit.dep_ not in ("compound", "amod"):
        return None
    if piece.i < unit.i or token_lemma(piece) not in _PIECES:
        return None
    material = next(
        (p for c in piece.children if c.lower_ == "of" for p in c.children if p.dep_ == "pobj"),
        None,
    )
    if material is None:
        return None
    return f"{dimension} of piece of {token_lemma(material)}"


def _movement_end(unit: Token) -> str | None:
    """ "from 33,000 feet" after a descent, "down to 16,700 feet", "back to 24,000 feet" after
    a climb: which end of which vertical movement the length marks."""
    figures = [c for c in unit.children if c.dep_ == "nummod"]
    if any(c.lower_ in ("to", "-") for f in figures for c in f.children):
        return None  # "dropped from 2,500 to 1,800 feet": both ends in one phrase, read as one
    anchor = unit
    if unit.head.lower_ == "of" and unit.head.head.lower_ in _HEIGHTS:
        anchor = unit.head.head  # "from its cruise altitude of 9,900 meters"
    prep = anchor.head
    if anchor.dep_ != "pobj" or prep.lower_ not in ("from", "to"):
        return None
    governor, way = prep.head, None
    if governor.lower_ in ("down", "up", "back") and governor.dep_ == "advmod":
        way = governor.lower_
        governor = governor.head
    moves = {token_lemma(governor)} | {
        token_lemma(c) for c in governor.children if c.dep_ in ("dobj", "nsubj")
    }
    down = way == "down" or (way != "up" and bool(moves & _DOWN))
    up = way == "up" or (way != "down" and bool(moves & _UP))
    if down == up:
        return None  # no vertical movement, or both named: which end is not said
    movement = "descent" if down else "climb"
    end = "began" if prep.lower_ == "from" else "ended"
    named = token_lemma(anchor) if token_lemma(anchor) in _HEIGHTS else "altitude"
    return f"{named} where the {movement} {end}"
