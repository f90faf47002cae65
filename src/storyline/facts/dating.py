"""Numbers that date or time something, or give an age, rather than count: a year ("in 1998",
"the 1990s"), a date stamp ("20110821"), a live page's clock stamp ("2358 UN chief Ban Ki-moon
has given an update"), a number inside a date entity ("three days ago") and a person's age
("Jon Barr, 45, said"). ``facts.days`` reads the day a count's happening is set on; these
numbers are dates themselves.
"""

from __future__ import annotations

import re

from storyline.facts.numbers import MONTHS, TIME_UNITS, lemma
from storyline.facts.reading import Doc, Token

# A date written as one number, year first ("20110821" in a photo caption or a file name).
_DATE_STAMP = re.compile(r"(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])")


def is_year(first: Token, value: float, nxt: Token | None) -> bool:
    text = first.text
    if _DATE_STAMP.fullmatch(text):
        return True
    if not re.fullmatch(r"\d{4}s?", text) or not 1000 <= value <= 2100:
        return False
    counted = nxt is not None and nxt.pos_ == "NOUN" and nxt.tag_ == "NNS"
    return not counted or text.endswith("s")


def clock_stamp(first: Token, nxt: Token | None) -> bool:
    """ "2358 UN chief Ban Ki-moon has given an update", "19.55 Reuters is citing": a live page
    stamps each entry with the time of day, four digits (or hours and minutes) before a
    capitalised word. A count that large is written with a comma ("2,358"), and one before a
    people's name ("1500 Britons") has a plural noun."""
    text = first.text
    if nxt is None:
        return False
    if first.is_sent_start and re.fullmatch(r"(?:[01]?\d|2[0-3])\.[0-5]\d", text):
        # "19.55 Reuters is citing a report": a live page's time in hours and minutes
        return bool(nxt.text[:1].isupper())
    if not re.fullmatch(r"[0-2]\d[0-5]\d", text) or int(text[:2]) > 23:
        return False
    return nxt.text[:1].isupper() and nxt.tag_ not in ("NNS", "NNPS")


def is_age(doc: Doc, first: Token, prev: Token | None, nxt: Token | None) -> bool:
    if prev is not None and prev.lower_ in ("aged", "age", "ages"):
        return True
    if doc[first.i + 1 : first.i + 3].text.lower() in ("years old", "year old"):
        return True
    # "Jon Barr, 45, said": a number alone between commas after a name; after a person's name,
    # also before "and" ("Bernanke, 54 and calm of demeanor").
    if prev is None or prev.text != "," or first.i < 2:
        return False
    name = doc[first.i - 2]
    person = name.ent_type_ == "PERSON"
    return (name.pos_ == "PROPN" or person) and (
        nxt is None
        or nxt.text in (",", ".", ")", "-", "--", "—", "–")  # "Ana Ruiz, 48-an ex-girlfriend"
        or _another_name(doc, nxt)
        or (person and nxt.lower_ == "and")
    )


def _another_name(doc: Doc, nxt: Token) -> bool:
    """ "Udi Hargov, 27 and Igal Damary, 49": the age is followed by the next name of a list."""
    return nxt.lower_ in ("and", "or") and nxt.i + 1 < len(doc) and doc[nxt.i + 1].pos_ == "PROPN"


def dated_entity(doc: Doc, token: Token) -> bool:
    words = [
        t.lower_ for t in doc[max(0, token.i - 3) : token.i + 4] if t.ent_type_ == token.ent_type_
    ]
    return any(w in MONTHS or lemma(w) in TIME_UNITS or w in ("ago", "past", "last") for w in words)
