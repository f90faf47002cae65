"""Numbers that are not quantities: identifiers, dates, years, clock times, ages, durations,
fractions, ordinals, and numbers that name or describe rather than count (see
``facts.extraction``'s docstring for the list and examples).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline.facts.numbers import (
    CURRENCY,
    MEASURES,
    MONTHS,
    PEOPLE,
    TIME_UNITS,
    ends_in_scale,
    lemma,
    word_value,
)
from storyline.facts.reading import (
    CASUALTY,
    HAPPENED_TO,
    PEOPLE_KINDS,
    PLACE_ENTS,
    Doc,
    Token,
    clause_verb,
    counted_noun,
    is_number,
    of_noun,
)
from storyline.facts.roles import blows_taken, is_demonym, token_lemma

_ID_WORDS = frozenset(
    """no. no number # flight route highway interstate resolution chapter article section room
    apollo boeing airbus model version channel page gate platform line bus district precinct
    amendment proposition code pier terminal runway building unit ward su mig f tu il kh""".split()
)


# "99 percent sure", "100 percent confidence", "110 percent effort": certainty and commitment.
_FIGURE_OF_SPEECH = re.compile(
    r"(?:%|percent|per cent)\s+(?:of\s+(?:the\s+)?)?(?:sure|certain|certainty|confident|"
    r"confidence|committed|commitment|behind|convinced|correct|right|wrong|safe|effort|"
    r"guaranteed|positive|support|trust|satisfied|happy|focused|fit|healthy|honest)\b",
    re.IGNORECASE,
)


def not_a_count(doc: Doc, phrase: Sequence[Token], value: float) -> bool:
    """Identifiers, dates, years, clock times, ages, durations, fractions, pronoun "one"."""
    first, last = phrase[0], phrase[-1]
    prev = doc[first.i - 1] if first.i > 0 else None
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    after = doc[last.i + 1 : last.i + 4].text.lower()
    if ":" in first.text or (nxt is not None and nxt.lower_ in TIME_UNITS):
        return True
    if nxt is not None and nxt.lower_ in _DECADES:
        return True  # "the nineteen fifties": a decade
    if nxt is not None and nxt.lower_ in _SHORT_TIME_UNITS:
        return True  # "1hr 4 mins": a duration written short
    if re.match(r"^-\s*by\s*-", after):
        return True  # "a four-by-four", "a two-by-four": a kind of thing, named by its make
    if _a_position(doc, last) or _a_phone_number(doc, first, last):
        return True
    if nxt is not None and (nxt.text in _TIME_ZONES or _an_address(doc, last)):
        return True  # "22.09 BST" (a clock time), "10 Downing Street" (an address)
    if _a_score(doc, first, last):
        return True
    if value in (99, 100, 110) and _FIGURE_OF_SPEECH.match(doc[last.i + 1 : last.i + 5].text):
        return True  # "100 percent sure", "we have 100 percent confidence in the tests"
    if value in (99, 100, 110) and _how_wholly(doc, last):
        return True  # "the courses are 100% lab-driven": how wholly, not a measured share
    if re.match(r"^0\d", first.text) or re.match(r"^-\s*fold\b", after):
        return True  # "150, 000" read as two tokens; "23-fold"
    if re.match(r"^times\b", after) and not (nxt is not None and blows_taken(nxt)):
        return True  # "five times": how often ("struck 20 times" counts blows)
    if re.match(r"^-?\s*(?:year|month|week|day|hour|minute)s?\b", after.replace("- ", "-")):
        return True  # "a 20-year sentence", "the 24-hour period", "45-year-old"
    if re.match(r"^(?:(?:and|or|to)\s+\w+)?[\s-]*(?:storey|story)\b", after):
        return True  # "a five-storey building", "two and three storey buildings": how tall
    if re.match(r"^(?:-|\s)*(?:thirds?|quarters?|halves|half|fifths?|tenths?)\b", after):
        return True
    if nxt is not None and nxt.lower_ in ("in", "out") and after.split()[1:2] == ["of"]:
        return True  # "9 out of 10"
    if _proportion(doc, first, last):
        return True  # "one in three children", "nine in 10 voters": a share, not a count
    if (prev is not None and prev.lower_ in MONTHS) or (nxt is not None and nxt.lower_ in MONTHS):
        return True
    if _is_year(first, value, nxt) or _clock_stamp(first, nxt):
        return True
    if _is_age(doc, first, prev, nxt):
        return True
    if _is_identifier(first, prev) and not (nxt is not None and nxt.lower_ in CASUALTY):
        return True
    if _names_a_unit(last, nxt, value):
        return True
    if _lettered_name(last, nxt):
        return True  # "5G network", "4K video", "3D printer": a standard's name, not a count
    if first.ent_type_ in ("DATE", "TIME") and _dated_entity(doc, first):
        return True
    if first.lower_ == "one" and len(phrase) == 1:
        return not (first.dep_ == "nummod" and nxt is not None and nxt.lower_ not in ("of", "or"))
    # "No. 5 fuel tank" (the tokenizer may split "No." into "No" and ".")
    split_no = prev is not None and prev.text == "." and first.i >= 2
    split_no = split_no and doc[first.i - 2].lower_ in ("no", "nos")
    return bool(
        first.lower_ in ("zero",)
        or (prev is not None and prev.lower_ in ("no.", "#", "number", "nos."))
        # "a magnitude six earthquake", "a category five storm": a grade naming the noun after it,
        # not a count of it ("an aftershock of magnitude 4.6" stays a magnitude)
        or (
            prev is not None
            and prev.lower_ in ("magnitude", "category", "level", "grade")
            and nxt is not None
            and nxt.pos_ in ("NOUN", "PROPN")
        )
        or split_no
    )


# A date written as one number, year first ("20110821" in a photo caption or a file name).
_DATE_STAMP = re.compile(r"(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])")


def _how_wholly(doc: Doc, last: Token) -> bool:
    """ "are 100% lab-driven", "is 100 percent free": a whole percent that says how much a
    predicate adjective holds is emphasis, as "100 percent sure" is; "12 percent higher" (a
    comparative) measures a change and stays."""
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    sign = nxt if nxt is not None and nxt.lower_ in ("%", "percent", "pct") else last
    head = sign.head
    return sign.dep_ == "npadvmod" and head.dep_ == "acomp" and head.tag_ in ("JJ", "VBN")


def _is_year(first: Token, value: float, nxt: Token | None) -> bool:
    text = first.text
    if _DATE_STAMP.fullmatch(text):
        return True
    if not re.fullmatch(r"\d{4}s?", text) or not 1000 <= value <= 2100:
        return False
    counted = nxt is not None and nxt.pos_ == "NOUN" and nxt.tag_ == "NNS"
    return not counted or text.endswith("s")


_SHORT_TIME_UNITS = frozenset("min mins hr hrs sec secs".split())
_COMPASS = frozenset(
    "longitude latitude north south east west n s e w n. s. e. w. °n °s °e °w".split()
)
_EMERGENCY_NUMBERS = frozenset({"911", "999", "112"})
_CALLS = frozenset("call caller dispatcher operator centre center line tape system".split())


def _a_position(doc: Doc, last: Token) -> bool:
    """ "55.96 degrees in longitude", "26.9 degrees north": a point on the map, not a measure."""
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if nxt is None or nxt.lower_ not in ("degrees", "degree", "°"):
        return False
    return any(t.lower_ in _COMPASS for t in doc[last.i + 2 : last.i + 5])


def _a_phone_number(doc: Doc, first: Token, last: Token) -> bool:
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


def _clock_stamp(first: Token, nxt: Token | None) -> bool:
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


def _proportion(doc: Doc, first: Token, last: Token) -> bool:
    """Either number of "one in five" or "nine in 10" (and "out of 10"'s second): a smaller
    number in a round one (2 to 10, 100, 1,000). "Killed 30 in 10 villages" and "12 in 2008"
    are counts."""

    def value(i: int) -> float | None:
        return word_value(doc[i].text) if 0 <= i < len(doc) else None

    def share(part: float | None, whole: float | None) -> bool:
        round_whole = whole is not None and (2 <= whole <= 10 or whole in (100, 1000))
        return round_whole and part is not None and whole is not None and 0 < part < whole

    if last.i + 1 < len(doc) and doc[last.i + 1].lower_ == "in":
        return share(value(last.i), value(last.i + 2))
    before = doc[first.i - 1].lower_ if first.i > 0 else ""
    if before == "in":
        return share(value(first.i - 2), value(first.i))
    out_of = before == "of" and first.i >= 3 and doc[first.i - 2].lower_ == "out"
    return out_of and share(value(first.i - 3), value(first.i))


def _is_age(doc: Doc, first: Token, prev: Token | None, nxt: Token | None) -> bool:
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


def _is_identifier(first: Token, prev: Token | None) -> bool:
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
    belongs = belongs or both
    return capitalised and belongs and prev.ent_type_ not in PLACE_ENTS


def _names_a_unit(last: Token, nxt: Token | None, value: float) -> bool:
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


def _lettered_name(last: Token, nxt: Token | None) -> bool:
    """A capital letter glued to a number names a standard or a format ("5G", "4K", "3D"); "$50K",
    "£2M" and "2M users" are read before this, the letter as a scale."""
    if nxt is None or last.whitespace_ or len(nxt.text) != 1:
        return False
    return bool(nxt.text.isupper() and nxt.text.isalpha() and last.text.isdigit())


def _dated_entity(doc: Doc, token: Token) -> bool:
    words = [
        t.lower_ for t in doc[max(0, token.i - 3) : token.i + 4] if t.ent_type_ == token.ent_type_
    ]
    return any(w in MONTHS or lemma(w) in TIME_UNITS or w in ("ago", "past", "last") for w in words)


# Hyphenated words that describe an object's make rather than count the story's things:
# "a 16-page complaint", "a two-story house", "a six-lane road", "9 mm handguns", "a 12-gauge
# shotgun", "32-bit versions".
_DESCRIBES = frozenset(
    """page story storey bedroom lane caliber calibre gauge bit mm inch-thick nation member
    country star time party team pound""".split()
)  # "a 16-page letter", "the 27-nation bloc", "a five-star hotel", "a two-time winner"


def _a_score(doc: Doc, first: Token, last: Token) -> bool:
    """ "a 126-119 victory": two numbers joined by a dash, the second below the first (a range
    rises: "15-20"), are a score (GUIDELINES: sports scores are not quantities). A vote's tally
    ("approved 9-4 in a vote") is read before this, by ``facts.tallies``."""

    def pair(a: int) -> bool:
        if a < 0 or a + 2 >= len(doc) or doc[a + 1].text != "-":
            return False
        low, high = doc[a + 2].text, doc[a].text
        if not (low.isdigit() and high.isdigit()):
            return False
        after = doc[a + 3].lemma_.lower() if a + 3 < len(doc) else ""
        # a range never ends where it starts ("tied 13-13", "an 8-8 record"); a team's
        # wins and losses rise as a range does ("a 5-19 start")
        return int(low) <= int(high) or after in _RECORDS

    if first.i >= 1 and doc[first.i - 1].lower_ in (",", "with"):
        # "(52-3, 46 KOs)", "58-3 with 51 knockouts": a number added to a fighter's or a
        # team's record is more of the record; "45-7-2" ends on its draws
        k = first.i - 2
        while k >= 2 and doc[k - 1].text == "-" and doc[k - 2].text.isdigit():
            k -= 2
        if k < first.i - 2 and pair(k):
            return True
    return pair(first.i) or pair(first.i - 2)


_DECADES = frozenset(
    "twenties thirties forties fifties sixties seventies eighties nineties".split()
)
_RECORDS = frozenset("record start finish season mark tie".split())
_TIME_ZONES = frozenset("GMT BST EST EDT CST CDT PST PDT CET CEST UTC ET".split())
_STREETS = frozenset(
    "street avenue road boulevard lane drive square place st ave rd blvd hwy pkwy ln dr".split()
)


_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)", re.IGNORECASE)


def _an_address(doc: Doc, last: Token) -> bool:
    """ "10 Downing Street", "1600 Pennsylvania Avenue": a number before a name that ends in a
    word for a street is where someone is, not how many."""
    words = doc[last.i + 1 : last.i + 5]  # "200 W. American Blvd", "473 East 52nd Street"
    for k, word in enumerate(words):
        if not word.text[:1].isupper() and not (k > 0 and _ORDINAL.fullmatch(word.text)):
            return False
        if k > 0 and word.lower_.rstrip(".") in _STREETS:
            return True
    return False


def _named_by_count(doc: Doc, last: Token, value: float) -> bool:
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


def _a_race(doc: Doc, first: Token, last: Token) -> bool:
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


# Verbs of a figure's move ("jumped 9.5 percent"), whose record an apposition may give.
_MOVES = frozenset("rise fall drop climb increase decrease grow jump slip gain lose".split())
# What a number of points can measure: an index's or a poll's move or margin.
_POINT_MOVES = frozenset(
    "drop fall rise gain lead jump swing loss decline plunge slide margin".split()
)

# Kinds where "one" is itself the news ("one death"); elsewhere "one official", "one step" pick
# something out rather than count it.
# "At one point" is a moment, not an index's move.
_ONE_COUNTS = (
    PEOPLE_KINDS | {"money", "percent"} | frozenset(kind for kind, _ in MEASURES.values())
) - {"point"}


def named_or_described(
    doc: Doc, phrase: Sequence[Token], num: Token, kind: str, value: float
) -> bool:
    """Numbers that name or describe rather than count (GUIDELINES: identifiers, ordinals,
    specifications of things outside the story's centre): "the 10 most wanted", "990 crash"
    (a number glued to a singular noun is a name), "1997 bombings" (a year), "a 16-page
    letter", and "one" of a plain noun."""
    first, last = phrase[0], phrase[-1]
    after = [t.lower_ for t in doc[last.i + 1 : last.i + 4]]
    if (after[:1] == ["-"] and after[1:2] and after[1] in _DESCRIBES) or after[:1] == ["mm"]:
        return True
    if after[:2] == ["-", "point"] and lemma(after[2] if after[2:] else "") not in _POINT_MOVES:
        return True  # "a three-point plan" has parts; "a 504-point drop" is a move
    if _named_by_count(doc, last, value):
        return True
    if kind == "length" and _a_race(doc, first, last):
        return True
    if _describes_person(doc, phrase, num, kind) or _a_population(doc, first, num):
        return True
    if _in_a_name(doc, first) or _converts(doc, first) or _member_of(first):
        return True
    if kind in ("money", "percent") and (_arithmetic(num) or _level_changed_from(phrase)):
        return True
    if _another_time(num) or (kind == "money" and _company_result(num)):
        return True
    if _set_against(num) or _since_another(num) or _restates_subject(num, value):
        return True
    if _known_before(num) or _members_of(doc, first, phrase[-1]) or _names_again(doc, first, value):
        return True
    if kind not in PEOPLE_KINDS and _names_after(num, value):
        return True
    if value <= _FEW_PARTS and kind not in _SUMS_AND_MEASURES | PEOPLE_KINDS and _make_up(num):
        return True
    whole = first.i > 0 and doc[first.i - 1].lower_ == "all" and after[:2] == ["of", "the"]
    if kind == "time" or whole:
        return True  # "five or six times": how often; "all five of the suspects": known before
    if _not_so(num) or (kind in ("length", "area") and _describes_a_place(num, kind)):
        return True
    if _away(doc, num) and kind not in PEOPLE_KINDS and kind not in _MEASURE_KINDS:
        return True  # "lived two doors away": where, not what ("186 miles away" may be the news)
    if kind in _MEASURE_KINDS and _AT_LEAST & {" ".join(after[:2]), " ".join(after[1:3])}:
        return True  # "aftershocks of four degrees or above": a threshold, not a reading
    if first.i >= 3 and [t.lower_ for t in doc[first.i - 2 : first.i]] == ["of", "the"]:
        part = doc[first.i - 3]
        if is_number(part) and part.lower_ != "one":
            return True  # "seven of the 22 villages": the whole the part is taken from
    if _out_of(num) or _rated(doc, last):
        return True  # "734 out of a possible 1,000 points": the top of a scale, not a count
    before = doc[first.i - 1].lower_ if first.i > 0 else ""
    if before == "of" and first.i >= 2 and lemma(doc[first.i - 2].lower_) in _PARENTS:
        return True  # "a Brooklyn mother of 12 killed in crossfire": her children, not a toll
    if _whose_part(num):
        return True  # "killing seven members of one family": the seven were killed, not a family
    if (kind in PEOPLE_KINDS or kind in PEOPLE) and _sized_for(num):
        return True  # "enough supplies for 15,000 refugees": what they suffice for, not who came
    if kind == "percent" and (before in _RULE_WORDS or set(after[1:3]) & _RULE_WORDS):
        return True  # "the minimum 3 percent mark", "the 50 percent needed": a rule, not a result
    if kind == "percent" and _a_rules_level(num):
        return True  # "The legal limit in Minnesota is 0.08 percent": the rule, not the reading
    if first.lower_ == "dozen" and before in _VAGUE:
        return True  # "several dozen cases" is as vague as "dozens"
    noun = counted_noun(num)
    # "the two biggest rebel factions", "the only two airlines": a ranking; not "67 percent,
    # the highest since 1992", where an apposition says how high a level is (a move's is a
    # record of the move: "jumped as much as 9.5 percent, the most in three years")
    level = token_lemma(clause_verb(num) or num) not in _MOVES
    ranked = [c for c in noun.children if c.dep_ != "appos" or not level] if noun else []
    if any(c.tag_ == "JJS" or c.lower_ == "only" for c in ranked) or _ranked_few(num, noun):
        return True
    if noun is not None and any(t.tag_ in ("JJS", "RBS") for t in doc[last.i + 1 : noun.i]):
        return True  # "the 20 highest-earning clubs", "the 10 most-watched shows": a ranking
    if before in ("only", "top") and first.i >= 2 and doc[first.i - 2].lower_ == "the":
        return True  # "the only two airlines" with "only" read as the number's; "the top 20"
    if before == "of" and first.i >= 2 and doc[first.i - 2].text == "Group":
        return True  # "the Group of 20 nations": a name
    rest = " ".join(after).replace(" - ", "-")
    if rest.startswith(("most wanted", "most-wanted")):
        return True
    if re.fullmatch(r"(?:19|20)\d\d", first.text) and len(phrase) == 1:
        return True  # "1997 bombings": counts that large are written "1,997"
    if noun is not None and _digits_before_a_name(doc, phrase, noun, value):
        return True  # "10 Downing Street", "2 IRS." opening a note: a name or a note's number
    if (
        first.text[:1].isdigit()
        and value > 1
        and len(phrase) == 1
        and noun is not None
        and noun.tag_ == "NN"
        and noun.i == last.i + 1
        and noun.lower_ not in MEASURES
        and noun.lower_ not in CURRENCY
        and noun.lower_ not in CASUALTY
        and noun.lower_ not in PEOPLE
        and noun.lower_ not in ("percent", "pct", "per")
        and (noun.lower_ not in ZERO_PLURALS or _one_of_them(noun))
        and before not in CURRENCY  # "a £2bn loan" is the loan's sum, not its name
    ):
        return True  # "990 crash", "5 fuel tank": a digit glued to a singular noun names it
    return value == 1 and len(phrase) == 1 and kind not in _ONE_COUNTS


# How a thing is made up: "the tax falls into two categories", "the rate consists of two parts",
# "it comprises four modules", "participants were divided into three groups": what the thing is,
# not what happened (WCXB's explainers, DUC's background). A handful of parts is a structure; a
# large count of what a thing holds is its size, which may be the news ("the patch consists of
# more than 300 distinct updates", agreed by two of ECB+'s outlets; "70 buoy-borne stations").
_FEW_PARTS = 12
_MADE_OF = frozenset("consist compose".split())  # "consists of", "is composed of"
_SPLIT_INTO = frozenset("divide fall split".split())  # "is divided into", "falls into"
_SUMS_AND_MEASURES = frozenset({"money", "percent"} | {kind for kind, _ in MEASURES.values()})


def _out_of(num: Token) -> bool:
    """A scale's top after "out of" ("a score of 734 out of a possible 1,000 points", "out of a
    perfect 10"): a scale is named with an article and a word before its number; a whole
    ("30 out of 45 victims") is left to the rules for parts and wholes."""
    noun = counted_noun(num) or num
    prep = noun.head if noun.dep_ == "pobj" else None
    if prep is None or prep.lower_ != "of" or prep.head.lower_ != "out":
        return False
    words = num.doc[prep.i + 1 : num.i]
    return len(words) >= 2 and words[0].lower_ == "a" and words[-1].pos_ == "ADJ"


_RATING_WORDS = frozenset("- and a half star stars point points".split())


def _rated(doc: Doc, last: Token) -> bool:
    """A rating on a small scale: "a score of four-and-a-half stars out of five", "rated it 8
    out of 10" (a WikiRef phone review): a judgement, as a sports score is, not a count. A top
    above 10 is a whole the number is part of ("30 out of 45 victims")."""
    for k in range(last.i + 1, min(last.i + 9, len(doc) - 2)):
        if doc[k].lower_ == "out" and doc[k + 1].lower_ == "of":
            top = word_value(doc[k + 2].text)
            return top is not None and top <= 10
        if doc[k].lower_ not in _RATING_WORDS:
            return False
    return False


def _make_up(num: Token) -> bool:
    """Whether the number counts the parts a thing is made up of. Not people ("a force comprising
    3,000 troops" are troops sent: the caller keeps tolls, and ``PEOPLE`` nouns are kept here), nor
    sums or measures ("a net outflow of £190m, consisting of £159m from ...": a sum's share is
    news; "aid consisting of 500 tonnes of food")."""
    noun = counted_noun(num) or num
    if lemma(noun.lower_) in PEOPLE or is_demonym(noun) or noun.ent_type_ == "NORP":
        return False  # "the crew was made up of two Belgians, ...": people, counted
    head = noun.head
    if noun.dep_ == "dobj":
        return token_lemma(head) == "comprise"
    if noun.dep_ != "pobj" or head.lower_ not in ("of", "into"):
        return False
    verb = head.head
    if head.lower_ == "into":
        return token_lemma(verb) in _SPLIT_INTO
    if verb.lower_ == "up" and verb.dep_ == "prt":
        return token_lemma(verb.head) == "make"  # "made up of": the parse hangs "of" on "up"
    return token_lemma(verb) in _MADE_OF


# Words that pick out a few things by their rank as a superlative does: "the two main parties",
# "its two main banks", "three key steps", "the two principal types" say what the few are and
# count nothing that happened (WikiRef's Greek and Cypriot pages, WCXB's explainers). Not "major"
# ("two major aftershocks" are big ones, counted), "chief" or "primary" ("two primary schools").
_RANKS = frozenset("main mainstream key principal leading".split())


def _ranked_few(num: Token, noun: Token | None) -> bool:
    """ "the two main parties": a ranking ("the two biggest factions" is caught by its tag). Only
    a rank word after the number ("a leading nine nominations" is the most, as "a record nine"),
    and not of people, who are the news whatever their rank: "the five key suspects", "five
    leading members" sent abroad wounded, "killed three leading regime figures" (Crisis, DUC)."""
    if noun is None or not any(c.lower_ in _RANKS and c.i > num.i for c in noun.children):
        return False
    doc = num.doc
    if num.i + 1 < len(doc) and doc[num.i + 1].text == "-":
        return False  # "the 16-megapixel main camera": the number measures the noun
    word = lemma(noun.lower_)
    verb = clause_verb(num)
    killed = verb is not None and token_lemma(verb) in _HAPPENED_TO_NAMED
    return not (killed or word in PEOPLE or word == "suspect")


# Nouns whose plural is their singular (and collectives counted as such): the tagger reads "34
# aircraft" as a singular noun, which a digit before would name ("990 crash"); they count.
ZERO_PLURALS = frozenset(
    """aircraft spacecraft hovercraft watercraft crew staff personnel sheep deer fish cattle
    livestock offspring species series""".split()
)
_SINGULAR_DETS = frozenset("a an this that each every another".split())


def _one_of_them(noun: Token) -> bool:
    """Whether a noun of one form for both numbers is singular by its determiner: "a 777
    aircraft" names a model, "34 aircraft" count."""
    return any(c.dep_ == "det" and c.lower_ in _SINGULAR_DETS for c in noun.children)


def _digits_before_a_name(doc: Doc, phrase: Sequence[Token], noun: Token, value: float) -> bool:
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


_PARENTS = frozenset("mother father parent mom dad grandmother grandfather grandparent".split())
_SUFFICES = frozenset("enough sufficient".split())
_ROOM = frozenset("room space capacity".split())


def _sized_for(num: Token) -> bool:
    """A count of those something suffices for or has room for: "a warehouse that holds enough
    supplies for 15,000 refugees", "food sufficient for 2,000 people", "room for 500
    families". The count is the size of a provision, not of the people there (of things, a
    battery's "capacity for 1,000 recharges" is what it is measured by)."""
    noun = counted_noun(num) or num
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "for" or prep.head.i == prep.i:
        return False
    anchor = prep.head
    if anchor.lower_ in _SUFFICES or lemma(anchor.lower_) in _ROOM:
        return True
    return any(t.lower_ in _SUFFICES for t in anchor.subtree if t.i < prep.i)


def _whose_part(num: Token) -> bool:
    """Whether "one" and its noun say whose the things another number counts are: "seven
    members of one family", "at least 12 of one family" (not "two aftershocks of 5.9 and 5.5
    magnitude", which measures them)."""
    if num.lower_ != "one":
        return False
    noun = counted_noun(num)
    of = noun.head if noun is not None and noun.dep_ == "pobj" else None
    if of is None or of.lower_ != "of" or of.head.i == num.i:
        return False
    owner = of.head
    return is_number(owner) or any(c.dep_ == "nummod" and is_number(c) for c in owner.children)


def _away(doc: Doc, num: Token) -> bool:
    """Whether the quantity is followed by "away": a position ("two doors away")."""
    noun = counted_noun(num)
    end = noun.i if noun is not None and noun.i > num.i else num.i
    return end + 1 < len(doc) and str(doc[end + 1].lower_) == "away"


_VAGUE = frozenset("several few many some".split())


_RULE_WORDS = frozenset("minimum maximum threshold needed required mark limit".split())


def _a_rules_level(num: Token) -> bool:
    """Whether the number is what a rule's level "is": "the legal limit is 0.08 percent"."""
    verb = clause_verb(num)
    if verb is None or token_lemma(verb) != "be":
        return False
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return any(lemma(c.lower_) in _RULE_WORDS for c in subjects)


def _describes_person(doc: Doc, phrase: Sequence[Token], num: Token, kind: str) -> bool:
    """A person's height or weight ("the 5-foot-2, 105-pound Shepard", "who weighed about 270
    pounds"): a description of someone, not a measure of the story's events."""
    first, last = phrase[0], phrase[-1]
    rest = doc[last.i + 1 : last.i + 5].text.replace(" ", "")
    if re.match(r"^-(?:foot|feet)-\d", rest):
        return True
    # "a 5 foot, 8 inch 38-year-old male": a height in feet and inches is a person's
    if re.match(r"^(?:foot|feet),?\d+(?:inch|inches)\b", rest) or re.search(
        r"\d(?:foot|feet),$", doc[max(0, first.i - 3) : first.i].text.replace(" ", "")
    ):
        return True
    # "the six-foot-five champion": a height in words, its feet and its inches
    inches = doc[last.i + 4] if last.i + 4 < len(doc) else None
    if re.match(r"^-(?:foot|feet)-", rest) and inches is not None and is_number(inches):
        return True
    feet = doc[first.i - 4] if first.i >= 4 else None
    before = doc[first.i - 3 : first.i].text.replace(" ", "")
    if feet is not None and is_number(feet) and before in ("-foot-", "-feet-"):
        return True
    if kind not in ("length", "mass"):
        return False
    np = doc[max(0, num.i - 8) : num.i].text.replace(" ", "")
    if kind == "mass" and re.search(r"-(?:foot|feet)(?:-\d+)?,$", np):
        return True  # "the 5-foot-2, 105-pound student"
    head = num.head
    while (
        head.dep_ in ("compound", "amod", "nmod", "npadvmod", "quantmod") and head.head.i != head.i
    ):
        if head.ent_type_ == "PERSON":
            break
        head = head.head
    verb = clause_verb(num)
    if kind == "mass" and verb is not None and token_lemma(verb) in ("lose", "gain", "shed"):
        doer = verb.head if verb.dep_ == "conj" else verb  # "took the drug and lost 70 pounds"
        subjects = [c for c in (*verb.children, *doer.children) if c.dep_ == "nsubj"]
        if subjects and (subjects[0].pos_ == "PROPN" or subjects[0].lower_ in _PERSONS):
            return True  # "Mara lost 70 pounds on the diet": her own weight
    # "a 6-foot, 200-pound man", "the 300-pound lineman": a person's size, glued to the word
    # for them ("a 20-foot boat" measures a thing)
    sized = head.i > num.i and lemma(head.lower_) in PEOPLE and doc[num.i + 1].text == "-"
    tall = kind == "length" and verb is not None and _a_persons_height(doc, num, verb)
    return (
        head.ent_type_ == "PERSON" or sized or tall or (verb is not None and _weighs_a_person(verb))
    )


def _a_persons_height(doc: Doc, num: Token, verb: Token) -> bool:
    """ "a man who was about six feet tall" (not "the wave was 30 feet tall")."""
    noun = counted_noun(num)
    after = doc[noun.i + 1] if noun is not None and noun.i + 1 < len(doc) else None
    if after is None or after.lower_ != "tall":
        return False
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(_a_person(c) or c.lower_ in _PERSONS for c in subjects)


def _a_person(token: Token) -> bool:
    word = lemma(token.lower_)
    return token.ent_type_ == "PERSON" or word in PEOPLE or word in ("male", "female")


def _weighs_a_person(verb: Token) -> bool:
    """ "who weighed about 270 pounds", "who was six feet tall and weighed 200 pounds" (the
    subject is the first verb's), "a 38-year-old male weighing 180 pounds"."""
    if token_lemma(verb) != "weigh":
        return False
    if verb.dep_ == "acl" and _a_person(verb.head):
        return True
    doer = verb.head if verb.dep_ == "conj" else verb
    return any(
        c.dep_ == "nsubj" and (c.ent_type_ == "PERSON" or c.lower_ in _PERSONS)
        for c in (*verb.children, *doer.children)
    )


_DWELLERS = frozenset("people inhabitant resident citizen".split())


def _a_population(doc: Doc, first: Token, num: Token) -> bool:
    """ "Yemen's 24 million people", "Egypt is home to some 80 million people", "a population of
    nine million": how many live in a place describes the place, not what happened there."""
    noun = counted_noun(num)
    if noun is not None and lemma(noun.lower_) == "population":
        return True  # "an 80 million population", "with over 230 million population"
    if noun is None or lemma(noun.lower_) not in _DWELLERS:
        return False
    if any(c.dep_ == "poss" and c.pos_ == "PROPN" for c in noun.children):
        return True
    if _lives_in_a_named_place(noun) or _a_place_of(noun):
        return True
    i = first.i - 1
    while i >= 0 and (doc[i].lower_ in _APPROX_BEFORE or doc[i].lower_ in _BOUNDS_BEFORE):
        i -= 1
    before = [t.lower_ for t in doc[max(0, i - 1) : i + 1]]
    return before in (["home", "to"], ["population", "of"])


# What a count of dwellers can make up: "a country of 80 million people", "a city of 2 million".
_SETTLEMENTS = frozenset("country nation city town village state island region province".split())


def _a_place_of(noun: Token) -> bool:
    """ "guiding the country of more than 80 million people": the people make up a place."""
    of = noun.head if noun.dep_ == "pobj" else None
    return of is not None and of.lower_ == "of" and lemma(of.head.lower_) in _SETTLEMENTS


def _lives_in_a_named_place(noun: Token) -> bool:
    """ "More than 300 million people live in the United States": who lives, in the present
    tense, in a named place describes the place ("500,000 people are living in camps" or
    "who lived in the building" may be the news)."""
    verb = noun.head if noun.dep_ == "nsubj" else None
    present = verb is not None and verb.tag_ in ("VBP", "VBZ")
    if verb is None or not present or token_lemma(verb) not in ("live", "reside"):
        return False
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "in"):
        for place in (c for c in prep.children if c.dep_ == "pobj"):
            if place.ent_type_ in PLACE_ENTS or place.pos_ == "PROPN":
                return True
    return False


def _in_a_name(doc: Doc, first: Token) -> bool:
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


def _converts(doc: Doc, first: Token) -> bool:
    """ "400,000 rubles (about 13,928 U.S. dollars)", "33,000 feet (10,000 metres)", "€130
    billion ($172 billion)": an amount in brackets right after another is the same amount in other
    units, not a second quantity. In the same currency it is a part ("$334 million ($281 million
    in cash)")."""
    i = first.i - 1
    while i > 0 and doc[i].lower_ in _APPROX_BEFORE:
        i -= 1
    if i < 1 or doc[i].text != "(":
        return False
    before = doc[i - 1]
    word = lemma(before.lower_)
    if word in MEASURES or word in CURRENCY or before.lower_ in _PER_CENT:
        return True
    if not (ends_in_scale(before.text) or is_number(before)):
        return False
    prior = _sum_sign(doc, before)
    if prior is None:  # "4 billion ($683 million) Egyptian pounds": its money comes later
        return is_number(before)
    return prior != next((t.text for t in doc[i + 1 : first.i + 1] if t.text in CURRENCY), None)


def _sum_sign(doc: Doc, last: Token) -> str | None:
    """The currency sign a sum ending at ``last`` opens with ("$" of "$334 million")."""
    i = last.i
    while i > 0 and (is_number(doc[i]) or ends_in_scale(doc[i].text)):
        i -= 1
    return doc[i].text if doc[i].text in CURRENCY else None


_BOUNDS_BEFORE = frozenset("more than over at least".split())  # "home to more than 100 million"
_APPROX_BEFORE = frozenset("about some around roughly nearly almost approximately $ € £".split())


_PER_CENT = frozenset({"percent", "%", "pct"})


def _member_of(first: Token) -> bool:
    """ "Wyoming is one of 38 states", "it remains one of eight countries": the size of a class
    the subject belongs to describes the subject, it is not a count of what happened."""
    head = first.head
    prep = head.head if head.dep_ == "pobj" else None
    if prep is None or prep.lower_ != "of" or prep.head.lower_ != "one":
        return False
    one = prep.head
    if first.i < 2 or first.doc[first.i - 1].i != prep.i or one.i != prep.i - 1:
        return False  # "one of the two guards" picks one of a known group: left to the rules
    if lemma(head.lower_) in PEOPLE:
        return False  # "he was one of four men who fell" may be the story's own count
    return one.dep_ == "attr" and token_lemma(one.head) in ("be", "remain")


# A happening other than the story's, named in the number's clause: "in a 1983 submarine
# accident", "in the last major accident", "in that quake", "two previous attempts".
_OTHER_TIME = frozenset("previous earlier prior last".split())


def _another_time(num: Token) -> bool:
    """Whether the number belongs to an earlier, different happening: its noun is one of
    "previous" or "earlier" ones, or its clause is set "in a 1983 accident" or "in the last
    (major) accident" (a past event named as such, not a time window: "in the last 24 hours")."""
    noun = counted_noun(num)
    before = ("previous", "earlier", "prior")
    if noun is not None and any(c.lower_ in before for c in noun.children):
        return True
    for verb in num.ancestors:
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        for prep in verb.children:
            inside = [p for p in prep.children if p.dep_ == "pobj" and _past_event(p)]
            # "in that quake" points away wherever it stands; "in the last accident" only
            # when it sets the scene, before the number ("killed 3 in the last raid" may be
            # the latest one)
            if prep.lower_ == "in" and any(prep.i < num.i or _that(p) for p in inside):
                return True
    return False


# Words before "than" that make it part of a number's own phrase: "more than 60 people".
_QUANT_COMPARATIVES = frozenset("more less fewer greater over under".split())


def _set_against(num: Token) -> bool:
    """Whether the number stands in what the story is compared with, after "than": "more deadly
    than a siege in January carried out by three militants" is another event, background to the
    story (GUIDELINES), as the WikiRef pages set a new attack against the last. What is compared
    is another happening ("a siege" in January, "an earlier crash"), not one the story names with
    "the" ("less important than the two
    paths they recommend for the $2.2 trillion surplus", DUC; "less than the $184 million
    reported by" a rival, ECB+, is the story's own figure disputed), and not the number's own
    bound ("more than 60 people", which the parse may also hang on "than")."""
    doc = num.doc
    for token in num.ancestors:
        if token.lower_ != "than" or token.dep_ != "prep":
            continue
        before = doc[token.i - 1].lower_ if token.i > 0 else ""
        between = doc[token.i + 1 : num.i]
        if any(t.text in (",", ";") or t.dep_ == "cc" for t in between):
            continue  # "less of the country than when ..., and 25 per cent more territory"
        if before in _QUANT_COMPARATIVES and all(
            t.pos_ in ("NUM", "ADV", "SYM") or t.text in CURRENCY for t in between
        ):
            continue
        for compared in (c for c in token.children if c.dep_ == "pobj"):
            if _past_event(compared) or _another_when(compared):
                return True
    return False


_BEFORE_WORDS = frozenset("ago earlier last previous".split())


def _another_when(noun: Token) -> bool:
    """ "a siege here in January": a happening introduced with "a" and set at a time of its own
    (a month, a year, "two years ago"). Not "a rival, who won 40 percent": a thing compared with
    at the story's own time is the story's."""
    if not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children):
        return False
    return any(
        t.lower_ in MONTHS or t.lower_ in _BEFORE_WORDS or re.fullmatch(r"(?:1[89]|20)\d\d", t.text)
        for t in noun.subtree
        if t.i != noun.i
    )


def _since_another(num: Token) -> bool:
    """Whether the number belongs to the earlier event a record is reckoned from: "the deadliest
    in Western Europe since the 2004 train bombings in Madrid, which killed 191 people" (a WikiRef
    page on the Paris attacks). The event after "since" is named as one before the story's; a
    count in the main clause ("since the fighting began, 155,000 have fled") is left."""
    for token in num.ancestors:
        if token.lower_ != "since" or token.dep_ != "prep":
            continue
        for event in (c for c in token.children if c.dep_ == "pobj" and c.pos_ == "NOUN"):
            dated = any(re.fullmatch(r"(?:1[89]|20)\d\d", c.text) for c in event.children)
            if dated or _past_event(event):
                return True
    return False


def _restates_subject(num: Token, value: float) -> bool:
    """ "the two players we have brought in are two good acquisitions": a count after "be" that
    its subject already gives says what those things are, it counts nothing again."""
    noun = counted_noun(num)
    if noun is None or noun.dep_ != "attr" or token_lemma(noun.head) != "be":
        return False
    subjects = [c for c in noun.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(
        c.dep_ == "nummod" and word_value(c.text) == value for s in subjects for c in s.children
    )


def _that(noun: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ == "that" for c in noun.children)


def _past_event(noun: Token) -> bool:
    if noun.pos_ != "NOUN" or lemma(noun.lower_) in TIME_UNITS or noun.lower_ in TIME_UNITS:
        return False
    words = [c for c in noun.children if c.i < noun.i]
    dets = {c.lower_ for c in words if c.dep_ == "det"}
    year = any(re.fullmatch(r"(?:1[89]|20)\d\d", c.text) for c in words)
    later = any(c.lower_ in _OTHER_TIME for c in words)
    return bool((dets & {"a", "an"} and year) or ("the" in dets and later) or "that" in dets)


_RESULTS = frozenset("revenue revenues profit profits earnings sales turnover income".split())


def _company_result(num: Token) -> bool:
    """ "took in $13 billion in revenue last year", "$2.5 billion in profits", "$40 million in
    sales": what a company earns describes the company, not the story's happening (what it
    lost, "lost $10 million in advertising revenue", may be the happening's cost)."""
    verb = clause_verb(num)
    if verb is not None and token_lemma(verb) in ("lose", "cost", "forgo", "miss", "wipe"):
        return False
    for token in (num, num.head):
        for child in token.children:
            pobjs = [p.lower_ for p in child.children if p.dep_ == "pobj"]
            if child.dep_ == "prep" and child.lower_ == "in" and set(pobjs) & _RESULTS:
                return True
    noun = counted_noun(num)
    return noun is not None and noun.lower_ in _RESULTS


_PERSONS = frozenset("who he she i we they".split())


_MEASURE_KINDS = frozenset(kind for kind, _ in MEASURES.values())


_AT_LEAST = frozenset({"or above", "or more", "or higher", "or greater", "or over"})


def _known_before(num: Token) -> bool:
    """ "those two officials", "these three men": a count the reader was given before, pointed
    back to, not a new one."""
    noun = counted_noun(num)
    return noun is not None and any(
        c.dep_ == "det" and c.lower_ in ("those", "these") for c in noun.children
    )


def _members_of(doc: Doc, first: Token, last: Token) -> bool:
    """ "the 14 members of the regional bloc", "all 27 member states of the union": the size of
    an organisation, not a count of what happened ("three members of Congress" is left)."""
    before = doc[first.i - 1].lower_ if first.i > 0 else ""
    words = [t.lower_ for t in doc[last.i + 1 : last.i + 4]]
    owned = first.i > 0 and doc[first.i - 1].tag_ in ("POS", "PRP$")  # "the EU's 27 member states"
    # "the league's 20 member clubs", "its 28 member countries": "member" before the plural
    kinds = last.i + 2 < len(doc) and doc[last.i + 2].tag_ == "NNS"
    return (before in ("the", "all") or owned) and (
        words[:2] == ["members", "of"] or (words[:1] == ["member"] and kinds)
    )


_IF = frozenset("if unless once until after".split())


def _not_so(num: Token) -> bool:
    """A count of what did not (or not yet) happen: "it would have penetrated 40 feet" (what
    would have been), "the treaty takes effect after 40 countries ratify it" (a condition, in
    the present tense: a rule, not a report)."""
    verb = next((t for t in num.ancestors if t.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return False
    for clause in (verb, verb.head) if verb.dep_ == "conj" else (verb,):
        aux = {c.lower_ for c in clause.children if c.dep_ in ("aux", "auxpass")}
        if {"would", "have"} <= aux and clause.tag_ == "VBN":
            return True
    # the finite clause the number is in: "if you put your phone in standby mode with only 10
    # percent of the battery left" (a WikiRef review) hangs the number on "left", in "put"'s clause
    while verb.tag_ in ("VBN", "VBG") and verb.dep_ in ("pcomp", "acl"):
        above = next((t for t in verb.ancestors if t.pos_ in ("VERB", "AUX")), None)
        if above is None:
            break
        verb = above
    marks = {c.lower_ for c in verb.children if c.dep_ == "mark"}
    return bool(marks & _IF) and verb.tag_ in ("VBP", "VBZ")


_EXTENDS = frozenset("stretch span cover extend sprawl".split())


def _describes_a_place(num: Token, kind: str) -> bool:
    """ "the 530,000-acre Nantahala National Forest", "Murmansk stretches for 11 miles": the
    size of a named place describes the place, not the happening."""
    noun = counted_noun(num)
    described = noun.head if noun is not None and noun.dep_ in ("compound", "amod") else None
    if kind == "area" and described is not None and described.pos_ == "PROPN":
        return True
    verb = clause_verb(num)
    return (
        verb is not None
        and token_lemma(verb) in _EXTENDS
        and any(c.dep_ == "nsubj" and c.pos_ == "PROPN" for c in verb.children)
    )


_WORKED_OUT = frozenset("difference gap".split())


def _arithmetic(num: Token) -> bool:
    """ "a $21 billion difference", "a 10-point gap": a figure worked out from two others, not
    one reported of the happening (a deal's premium is a term of the deal, and is kept)."""
    for token in (num, num.head, num.head.head):
        if token.pos_ == "NOUN" and token.lower_ in _WORKED_OUT and token.i > num.i:
            return True
    return False


def _level_changed_from(phrase: Sequence[Token]) -> bool:
    """ "fell to 7.8 percent from 8.1 percent", "58 percent, down from 62 percent", "narrowed to
    $1.1 trillion from $1.3 trillion": a rate or a sum "from" which its clause says the level moved
    to another it gives first is the level of an earlier time (last month's rate, last election's
    turnout), not a second report of the present one. Counts are left: a toll that "rose to 75
    from 50" is one running count (GUIDELINES)."""
    if any(t.lower_ in ("to", "-", "–") for t in phrase):
        return False  # "from 6% to 7%", "from $12,401 to $50,400": a range or a whole move
    inside = {t.i for t in phrase}
    head = next((t for t in phrase if t.head.i not in inside or t.head.i == t.i), phrase[-1])
    if head.head.lower_ in _PER_CENT and head.head.i > head.i:
        head = head.head  # "8.1 percent": the number hangs on the word
    if head.dep_ != "pobj" or head.head.lower_ != "from":
        return False
    moved = head.head.head
    clause = moved if moved.pos_ in ("VERB", "AUX") else moved.head
    # the new level before it: "from $999 up to $1099" is a range, and "rose from 50 to 75"
    # may be one
    percent = head.lower_ in _PER_CENT
    return any(t.i < head.head.i and _a_level(t, percent=percent) for t in clause.subtree)


def _a_level(token: Token, *, percent: bool) -> bool:
    """A rate ("7.8 percent", "45%") or a sum ("$1.1 trillion") written with ``token``."""
    if not is_number(token):
        return False
    doc = token.doc
    if percent:
        return token.i + 1 < len(doc) and doc[token.i + 1].lower_ in _PER_CENT
    return any(t.text in CURRENCY for t in doc[max(0, token.i - 2) : token.i])


# What happened to people that GUIDELINES counts even where they are named: tolls, arrests and
# charges ("the two 14-year-olds, Justin Schnepp and Jedaiah Zinzo, have been charged").
_HAPPENED_TO_NAMED = HAPPENED_TO | frozenset("charge indict convict sentence execute".split())


def _names_after(num: Token, value: float) -> bool:
    """ "two Tanzanians, Khalfan Mohamed and Ahmed Ghailani", "six African countries, namely
    Ghana, Uganda, ...": a count followed by as many names in apposition introduces them, and one
    in apposition after them ("Portugal, Spain and Italy, the three other problem countries")
    sums them up; it enumerates rather than measures. Not for what happened to people: "killed
    two climbers, Ana Ruiz and Tom Hale" is a toll (nor tolls by kind: the caller keeps those)."""
    noun = counted_noun(num) or of_noun(num)  # "two of the attack sites, Le Carillon bar and ..."
    verb = clause_verb(num)
    if noun is None or (verb is not None and token_lemma(verb) in _HAPPENED_TO_NAMED):
        return False
    named = [c for c in noun.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
    if noun.dep_ == "appos" and noun.head.pos_ == "PROPN":
        named.append(noun.head)  # "Portugal, Spain and Italy, the three other problem countries"
    people = lemma(noun.lower_) in PEOPLE or is_demonym(noun)
    if value >= 2 and not people and _names_follow(noun, value):
        return True  # people named after their count may be a toll or the charged: left
    return any(_joined_names(name) == value for name in named) and value >= 2


def _names_follow(noun: Token, value: float) -> bool:
    """Whether a comma and as many capitalised names as the count follow the counted noun:
    "two of the attack sites, Le Carillon bar and Le Petit Cambodge restaurant" (a WikiRef page
    on the Paris attacks), which the parse does not hang on the noun as an apposition. Not people
    by name, who may be a toll or the wounded whatever the clause's verb."""
    doc = noun.doc
    if noun.i + 1 >= len(doc) or doc[noun.i + 1].text != "," or value > 6:
        return False
    names, inside = 0, False
    for token in doc[noun.i + 2 :]:
        if token.text == "," or token.lower_ == "and":
            inside = False
        elif token.pos_ == "DET" and not inside and doc[token.i + 1 :][:1].text.istitle():
            continue  # "the Corvo cafe and the Pike Street bakery"
        elif token.ent_type_ == "PERSON":
            return False  # "two other photographers, Chris Hondros and Guy Martin": people
        elif token.is_title or token.pos_ == "PROPN":
            names += not inside
            inside = True
        elif not (inside and token.pos_ == "NOUN"):  # "Le Carillon bar": a name's common noun
            break
    return names == value


def _joined_names(first: Token) -> int:
    """How many proper names are joined to ``first`` ("Ghana, Uganda and Kenya": 3)."""
    names, todo = 0, [first]
    while todo:
        node = todo.pop()
        names += 1
        todo += [c for c in node.children if c.dep_ == "conj" and c.pos_ == "PROPN"]
    return names


def _names_again(doc: Doc, first: Token, value: float) -> bool:
    """ "embassies in Kenya and Tanzania ... sent to the two countries": "the" and a number that
    sums up as many names joined earlier in the sentence restates them; it counts nothing new."""
    if first.i < 1 or doc[first.i - 1].lower_ != "the" or not 2 <= value <= 5:
        return False
    noun = counted_noun(first)
    if noun is None or lemma(noun.lower_) in PEOPLE or noun.lower_ in PEOPLE:
        return False  # "Horton and the two other victims": people named apart from the count
    if any(c.lower_ in ("other", "others", "more") for c in noun.children):
        return False
    for token in doc[: first.i]:
        if token.pos_ != "PROPN" or token.dep_ == "conj":
            continue
        joined, node = 1, token
        while True:
            nxt = next((c for c in node.children if c.dep_ == "conj" and c.pos_ == "PROPN"), None)
            if nxt is None or nxt.i >= first.i:
                break
            joined, node = joined + 1, nxt
        if joined >= 2 and joined == value:
            return True
    return False
