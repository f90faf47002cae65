"""Numbers that name rather than count (GUIDELINES: identifiers are not quantities): a number
after a word or a name it belongs to ("Flight 990", "Boeing 767", "Resolution 1441", "Intel HD
4000 graphics"), a unit's or a standard's name ("32 Brigade", "5G"), an address ("10 Downing
Street"), an emergency or a phone number, a point on the map ("26.9 degrees north"), a thing
named by a count of its parts ("an eighteen-wheeler"), a race ("the 100-meter dash"), a number
word in a name ("the Two Securities Centre") and digits opening a note ("2 IRS.").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline.facts.numbers import CURRENCY, MEASURES, PEOPLE, lemma
from storyline.facts.reading import CASUALTY, PLACE_ENTS, Doc, Token
from storyline.facts.roles import is_demonym

_ID_WORDS = frozenset(
    """no. no number # flight route highway interstate resolution chapter article section room
    apollo boeing airbus model version channel page gate platform line bus district precinct
    amendment proposition code pier terminal runway building unit ward su mig f tu il kh""".split()
)

_COMPASS = frozenset(
    "longitude latitude north south east west n s e w n. s. e. w. °n °s °e °w".split()
)
_EMERGENCY_NUMBERS = frozenset({"911", "999", "112"})
_CALLS = frozenset("call caller dispatcher operator centre center line tape system".split())


def a_position(doc: Doc, last: Token) -> bool:
    """ "55.96 degrees in longitude", "26.9 degrees north": a point on the map, not a measure."""
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if nxt is None or nxt.lower_ not in ("degrees", "degree", "°"):
        return False
    return any(t.lower_ in _COMPASS for t in doc[last.i + 2 : last.i + 5])


def a_phone_number(doc: Doc, first: Token, last: Token) -> bool:
    """ "911 calls", "a 999 call": an emergency number; "877-LAPD-24-7": a number glued to
    a word in capitals is a phone number or a code, not a count."""
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if nxt is None:
        return False
    if first.text in _EMERGENCY_NUMBERS and lemma(nxt.lower_) in _CALLS:
        return True
    word = doc[last.i + 2] if last.i + 2 < len(doc) else None
    glued = nxt.text == "-" and not last.whitespace_ and not nxt.whitespace_
    capitals = word is not None and re.match(r"[A-Z]{3,}(?:\b|-|\d)", word.text) is not None
    return glued and capitals and re.fullmatch(r"\d{3,4}", last.text) is not None


def is_identifier(first: Token, prev: Token | None) -> bool:
    """ "Flight 990", "Boeing 767", "Resolution 1441", "G-20" (hyphenated ones never parse as
    numbers), "Apollo 11": a number that follows and belongs to a capitalised name."""
    if prev is None:
        return False
    if prev.lower_ in _ID_WORDS:
        return True
    if first.ent_type_ in ("PRODUCT", "LAW", "WORK_OF_ART", "EVENT", "FAC"):
        return True
    if not first.doc.has_annotation("ENT_IOB"):
        return False  # entities not read yet: "Istanbul 984" may follow a place (extract_many)
    capitalised = prev.text[:1].isupper() and prev.i > 0 and prev.pos_ in ("PROPN", "NOUN")
    belongs = first.head.i == prev.i or (prev.head.i == first.i and prev.dep_ == "compound")
    # "Intel HD 4000 graphics", "USB 2.0 ports": the name and its number both name the noun
    both = prev.dep_ in ("compound", "nmod") and prev.head.i == first.head.i > first.i
    # not before a unit in capitals: "Primary 16 MP" is a camera's resolution; nor a share
    # after a name: "led Trump 46 percent to 41 percent" (no name is numbered in percent)
    share = first.head.lower_ in ("percent", "%", "pct")
    both = both and first.dep_ == "nummod" and not first.head.text.isupper() and not share
    # "the Nexus 7 and Nexus 10 tablets": the name said again after "and", numbered as the
    # first one was, where the parse hangs the second number on the noun
    again = prev.dep_ == "conj" and prev.head.text == prev.text and first.dep_ == "nummod"
    again = again and any(c.dep_ == "nummod" and c.i > prev.head.i for c in prev.head.children)
    belongs = belongs or both or again
    return capitalised and belongs and prev.ent_type_ not in PLACE_ENTS


# Determiners that open a name run a number may close ("the Krait 400 cores", "its FTSE 100").
_OPENERS = frozenset("the a an its their his her our this that these those".split())
# Entities whose name a number after it does not extend: a place, a people, a date or a person
# ("Kenya 40", "Sunday 23 people", "Obama 52 percent"; shares after names are read elsewhere).
_NOT_NUMBERED = frozenset(("GPE", "LOC", "NORP", "DATE", "TIME", "PERSON"))


def numbered_name(doc: Doc, first: Token, last: Token) -> bool:
    """A number that closes a name run: a version after a name ("IEEE 802.11", "GFXBench 3.0
    battery life", "Android 4.4"), or a number after a name a determiner opens, before what
    the name names ("the Krait 400 cores", "the FTSE 100 index", "Standard & Poor's 500 Index"),
    where the parse hung it on the noun after it (a WikiRef phone review and market report read
    "400 cores", "3.0 battery life" and "500 .SPX"). A measure, a share or a sum after the
    number is a count of the name's ("Galaxy S5 5.1 inches", "Nasdaq 2.1 percent")."""
    prev = doc[first.i - 1] if first.i > 0 else None
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if prev is None or first.i < 2 or first.i != last.i:
        return False  # "Samsung's 2.5 million phones": a scale makes it a count
    if nxt is not None and _a_measure_word(nxt):
        return False
    if prev.tag_ == "POS":  # "Standard & Poor's 500 Index": a name word after the number
        owner = doc[prev.i - 1]
        return owner.pos_ == "PROPN" and nxt is not None and nxt.tag_ == "NNP"
    if prev.pos_ != "PROPN" or prev.ent_type_ in _NOT_NUMBERED or not prev.text[:1].isupper():
        return False
    if re.fullmatch(r"\d+\.\d+", first.text):
        return True  # a version or a standard, not a count of the name
    run = prev
    while run.i > 0 and doc[run.i - 1].pos_ == "PROPN" and doc[run.i - 1].text[:1].isupper():
        run = doc[run.i - 1]
    opened = run.i > 0 and doc[run.i - 1].lower_ in _OPENERS
    return opened and nxt is not None and nxt.pos_ in ("NOUN", "PROPN")


def _a_measure_word(token: Token) -> bool:
    word = lemma(token.lower_)
    shares = ("percent", "%", "pct", "per")
    return word in MEASURES or word in CURRENCY or word in shares


def names_a_unit(last: Token, nxt: Token | None, value: float) -> bool:
    """ "32 Brigade", "77 Base": a number above one before a capitalised singular noun inside a
    sentence is part of a name (a count of several takes the plural: "32 brigades"). Not in a
    headline's capitals: "Bomb Kills 20 People", "7 Dead"."""
    if nxt is None or value <= 1 or nxt.i <= 1 or nxt.tag_ not in ("NN", "NNP"):
        return False
    if nxt.dep_ in ("compound", "amod", "nmod") or nxt.ent_type_ in PLACE_ENTS:
        return False  # "two Atlanta brokerages", "eight New Yorkers": a place names the things
    word = nxt.lower_
    named = nxt.text[:1].isupper() and nxt.text[1:].islower() and lemma(word) == word
    return named and word not in PEOPLE and word not in CASUALTY


def lettered_name(last: Token, nxt: Token | None) -> bool:
    """A capital letter glued to a number names a standard or a format ("5G", "4K", "3D"); "$50K",
    "£2M" and "2M users" are read before this, the letter as a scale."""
    if nxt is None or last.whitespace_ or len(nxt.text) != 1:
        return False
    return bool(nxt.text.isupper() and nxt.text.isalpha() and last.text.isdigit())


def a_model_number(doc: Doc, first: Token) -> bool:
    """ "Nvidia GeForce GT 650M graphics": digits with a capital letter glued on, after a series
    name in capitals, name a model (two of ECB+'s outlets on a laptop launch); "$650M" and
    "650M users" have no series before them and read the letter as a scale."""
    prev = doc[first.i - 1] if first.i > 0 else None
    nxt = doc[first.i + 1] if first.i + 1 < len(doc) else None
    if prev is None or nxt is None or first.whitespace_ or not first.text.isdigit():
        return False
    series = prev.text.isalpha() and prev.text.isupper() and 2 <= len(prev.text) <= 4
    return series and prev.text not in _CURRENCY_CODES and len(nxt.text) == 1 and nxt.is_upper


# Capitals that say a sum's currency, not a series: "US 650M" is a sum where it is written so.
_CURRENCY_CODES = frozenset("US USD EUR GBP AUD CAD NZD HK HKD SGD JPY CNY RMB INR".split())


_STREETS = frozenset(
    "street avenue road boulevard lane drive square place st ave rd blvd hwy pkwy ln dr".split()
)


_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)", re.IGNORECASE)


def an_address(doc: Doc, last: Token) -> bool:
    """ "10 Downing Street", "1600 Pennsylvania Avenue": a number before a name that ends in a
    word for a street is where someone is, not how many."""
    words = doc[last.i + 1 : last.i + 5]  # "200 W. American Blvd", "473 East 52nd Street"
    for k, word in enumerate(words):
        if not word.text[:1].isupper() and not (k > 0 and _ORDINAL.fullmatch(word.text)):
            return False
        if k > 0 and word.lower_.rstrip(".") in _STREETS:
            return True
    return False


def named_by_count(doc: Doc, last: Token, value: float) -> bool:
    """ "an eighteen-wheeler", "a two-seater", "a 12-pounder": a thing named by a count of its
    parts, glued to it as one singular noun; "two-year" and "50-mile" go on to a noun they
    describe, and "500-seat" counts seats (``nouns.capacity_compound``)."""
    if value <= 1 or last.i + 2 >= len(doc) or doc[last.i + 1].text != "-":
        return False
    word = doc[last.i + 2]
    if word.pos_ != "NOUN" or not word.lower_.endswith("er") or word.lower_ in MEASURES:
        return False  # not "a 54-meter-high balloon"
    following = doc[word.i + 1] if word.i + 1 < len(doc) else None
    glued = following is not None and (following.pos_ == "NOUN" or following.text == "-")
    return lemma(word.lower_) == word.lower_ and not glued


_RACES = frozenset(
    """race dash sprint hurdle hurdles relay freestyle butterfly backstroke breaststroke medley
    final finals title event steeplechase record""".split()
)


_METRES = ("meter", "metre", "m")


def a_race(doc: Doc, first: Token, last: Token) -> bool:
    """A race's name, not a distance: "the 100-meter dash", "the 400m hurdles", "losing in the
    100 meters," "withdrew from the 200 meters, which ...". A distance in the story ("sank in
    100 meters of water", "100 meters from the shore") goes on to what it measures."""
    if last.i + 1 >= len(doc) or lemma(doc[last.i + 1].lower_) not in ("-", *_METRES):
        return False
    nxt = [t.lower_ for t in doc[last.i + 1 : last.i + 5] if lemma(t.lower_) not in ("-", *_METRES)]
    if nxt[:1] and nxt[0] in _RACES:
        return True
    named = first.i > 0 and doc[first.i - 1].lower_ == "the"
    return named and (not nxt or nxt[0] in (",", ".", ";", "which"))


def digits_before_a_name(doc: Doc, phrase: Sequence[Token], noun: Token, value: float) -> bool:
    """Digits opening a sentence right before a singular proper name number a note ("2 IRS.
    'Tax Topic 409'" in a page's list of sources) or name a place with it ("10 Downing Street
    said"): what is counted is written in the plural ("12 Tomahawk missiles", "3 Democrats").
    Peoples named in the singular are still counted ("20 Taliban"). Only at a sentence's start:
    inside one, a capitalised word after digits is as often a unit ("480 Gbps")."""
    last = phrase[-1]
    if len(phrase) != 1 or last.i != last.sent.start or not last.text.isdigit() or value <= 1:
        return False
    if noun.tag_ != "NNP" or noun.ent_type_ in ("NORP", "") or is_demonym(noun):
        return False
    if not last.whitespace_ or lemma(noun.lower_) in CURRENCY or lemma(noun.lower_) in MEASURES:
        return False  # "256GB" is a unit glued on; "110 Euro" a sum
    between = doc[last.i + 1 : noun.i]
    return all(t.tag_ == "NNP" for t in between)


def in_a_name(doc: Doc, first: Token) -> bool:
    """ "the Two Securities Centre building", "Channel Four News": a number word written with a
    capital inside a sentence, before another capitalised word, is part of a name."""
    if not first.is_alpha or not first.text[:1].isupper() or first.i == 0:
        return False
    prev, nxt = doc[first.i - 1], doc[first.i + 1] if first.i + 1 < len(doc) else None
    opens = prev.is_punct or prev.text in ("_", "--") or prev.is_quote
    named = not opens and nxt is not None and nxt.text[:1].isupper() and nxt.is_alpha
    return named and not _title_case(doc, first)


_SMALL_WORDS = frozenset("in of a an the at for with to on and by from after amid".split())


def _title_case(doc: Doc, token: Token) -> bool:
    """A headline in title case ("Gunman Kills Three In Bank Raid", "Charged With Two Counts Of
    Murder"): small words written with a capital near the number say its capitals name nothing."""
    near = doc[max(0, token.i - 3) : token.i + 6]
    # "The" right before a number word opens a title ("filming The Three Musketeers")
    near = [t for t in near if not (t.i == token.i - 1 and t.lower_ == "the")]
    return any(t.lower_ in _SMALL_WORDS and t.text[:1].isupper() and t.i > 0 for t in near)
