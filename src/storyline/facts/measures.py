"""What a measure says besides its value: a fixed property of one thing ("100 meters deep":
``depth``; "the 14,000-ton Kursk": ``displacement``), an area written with "square" or "sq", a
speed ("600 miles an hour"), and a distance that places a town rather than the happening ("Izmit,
60 miles east of Istanbul"). A fixed property has one true value, so outlets that give different
ones contradict each other (``facts.labels``); other lengths and masses move or are several
things, and stay without a dimension.
"""

from __future__ import annotations

import re

from storyline.facts.numbers import MEASURES, lemma
from storyline.facts.reading import PLACE_ENTS, Doc, Token, clause_verb
from storyline.facts.roles import token_lemma

_SITUATED = frozenset("lie sit situate locate".split())


def places_a_place(noun: Token, first: Token) -> bool:
    """Whether a distance ("60 miles east of Istanbul") says where a place is rather than where
    the story happened: it follows a place name and a comma ("Izmit, 60 miles east of Istanbul")
    or hangs on a place or a description of one ("Ivanovo, a textile centre 190 miles east of
    Moscow"), not on the happening ("plunged some 60 miles south", "the crash, about 60 miles
    from Nantucket")."""
    doc = noun.doc
    i = first.i - 1
    while i > 0 and doc[i].lower_ in ("about", "some", "roughly", "nearly", "around", "almost"):
        i -= 1
    if i > 0 and doc[i].text == "," and doc[i - 1].pos_ == "PROPN":
        return True
    verb = clause_verb(noun)
    if verb is not None and token_lemma(verb) in _SITUATED:
        # "Brega, which lies about 240 km east of the capital": where a town lies; not where
        # a wreck lies ("the plane lies ... 60 miles south of Nantucket": the event's place)
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if verb.dep_ == "relcl":
            subjects.append(verb.head)
        if any(t.pos_ == "PROPN" or t.ent_type_ in PLACE_ENTS for t in subjects):
            return True
    # "we are 12 miles from the centre": where the writer or a witness is, not the event
    if (
        verb is not None
        and verb.lemma_ == "be"
        and any(c.dep_ == "nsubj" and c.tag_ == "PRP" for c in verb.children)
    ):
        return True
    anchor = noun.head
    target = anchor.head if anchor.dep_ in ("prep", "advmod") and anchor.i != noun.i else anchor
    if target.pos_ == "PROPN" or target.ent_type_ in PLACE_ENTS or target.dep_ == "appos":
        return True
    # "Ivanovo, a textile centre 190 miles east of Moscow" read without the apposition: the
    # noun the distance hangs on opens right after a name and a comma.
    edge = target.left_edge.i
    return bool(
        target.pos_ == "NOUN"
        and target.i < first.i
        and edge >= 2
        and doc[edge - 1].text == ","
        and doc[edge - 2].pos_ == "PROPN"
    )


def per_hour(doc: Doc, end: int) -> bool:
    """ "600 miles an hour", "90 kilometres per hour", "36 km/h": a speed, not a distance."""
    words = doc[end + 1 : end + 3].text.lower().replace(" ", "")
    return re.match(r"^(?:anhour|ahour|perhour|/h\b|/hr\b)", words) is not None


# Words that say a length is how deep something lies ("100 meters deep", "354 feet below the
# surface", "in 300 feet of water", "at a depth of 100 meters"), and words for a vessel, whose
# mass is its displacement ("the 14,000-ton Kursk", "a displacement of 14,700 tons").
_DEPTH_AFTER = frozenset("deep down below beneath underwater".split())
_DEPTH_BEFORE = frozenset("depth depths".split())
_FALLS = frozenset("fall sink plunge dive drop descend rise surface climb".split())
_VESSELS = frozenset(
    "submarine sub ship vessel warship tanker ferry carrier cruiser liner freighter boat".split()
)


def dimension(num: Token, unit: Token, doc: Doc, kind: str) -> str | None:
    """Which fixed property of a thing a measure gives, where the sentence says so: ``depth``
    (where a wreck or a submarine lies) or ``displacement`` (a vessel's mass). A property of one
    thing has one true value, so outlets that give different ones contradict each other (see
    ``facts.labels``); other lengths and masses (an altitude in a dive, a distance flown so far)
    move or are several things, and stay without a dimension. What a thing can do ("can dive to
    depths of up to 500 meters") is its design, not where it is."""
    verb = next((t for t in num.ancestors if t.pos_ in ("VERB", "AUX")), None)
    if verb is not None and _can(verb):
        return None
    before = [t.lower_ for t in doc[max(0, num.i - 5) : num.i]]
    after = [t.lower_ for t in doc[unit.i + 1 : unit.i + 4]]
    if kind == "length":
        if after[:2] in (["down", "to"], ["down", "from"]):
            return None  # "plummeted from 9,900 meters down to 5,730": a fall, not a depth
        if set(after[:1]) & _DEPTH_AFTER or after[:2] == ["of", "water"]:
            return "depth"
        if after[:3] in (["on", "the", "bottom"], ["on", "the", "seabed"]):
            return "depth"
        # "fell from a depth of 20 meters": where a fall began, not where the thing lies
        moving = "from" in before and verb is not None and token_lemma(verb) in _FALLS
        return "depth" if _DEPTH_BEFORE & set(before) and not moving else None
    if kind == "mass":
        words = {token_lemma(t) for t in doc}
        vessel = bool(words & _VESSELS) or (unit.head.pos_ == "PROPN" and unit.head.i > unit.i)
        glued = unit.dep_ in ("compound", "amod") and unit.head.i > unit.i  # "14,000-ton"
        if "displacement" in words or (vessel and (glued or "weigh" in words)):
            return "displacement"
    return None


def _can(verb: Token) -> bool:
    """Whether a verb says what something can do or may be ("can dive", "able to dive", "capable
    of locating a black box to a depth of 20,000 feet", "may be more than three miles deep")."""
    modals = ("can", "could", "may", "might") if verb.lemma_ == "be" else ("can", "could")
    modal = any(c.dep_ == "aux" and c.lower_ in modals for c in verb.children)
    capable = verb.head.lower_ == "of" and verb.head.head.lower_ == "capable"
    return modal or capable or verb.head.lower_ == "able"


# "square" as papers write it before a unit, in full or cut short.
SQUARE = frozenset({"square", "sq", "sq."})


def square_unit(unit: Token) -> bool:
    return f"square {lemma(unit.lower_)}" in MEASURES
