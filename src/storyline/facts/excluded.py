"""Numbers that are not quantities (GUIDELINES: identifiers, dates, ordinals, specifications of
things outside the story's centre). ``not_a_count`` rules a number out by its words and the parse
around it, and runs before the parse's entities are read too (``extraction.extract_many``
recognises entities only where a number is left); ``named_or_described`` rules out what a number
names or describes once its counted thing is read. Each asks the modules that decide one kind:
``identifiers`` (a number that names: "Flight 990", "10 Downing Street", "5G"), ``dating`` (a year,
a date, a clock time, an age), ``scales`` (a score, a share "one in five", a rating, a rule's
level), ``background`` (another happening than the story's, or none: "in a 1983 accident", "more
deadly than a siege in January", "would have penetrated 40 feet", "two nearly killed"),
``descriptions`` (the size of a person, a place or a provision, the family someone comes from, the
parts a thing is made of, a ranking, the class a subject belongs to) and ``restated`` (a count
pointed back to, names counted again, the same amount in other units, a difference worked out). See
``facts.extraction``'s docstring for the list and examples.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline.facts.background import (
    a_base,
    a_yardstick,
    an_example,
    another_time,
    back_then,
    level_changed_from,
    not_so,
    set_against,
    since_another,
)
from storyline.facts.dating import clock_stamp, dated_entity, is_age, is_year
from storyline.facts.descriptions import (
    a_family,
    a_population,
    away,
    can_grow_to,
    company_result,
    describes_a_place,
    describes_person,
    gathered,
    make_up,
    member_of,
    members_of,
    ranked_few,
    ranked_top,
    sized_for,
    whose_part,
)
from storyline.facts.identifiers import (
    a_model_number,
    a_phone_number,
    a_position,
    a_race,
    an_address,
    digits_before_a_name,
    in_a_name,
    is_identifier,
    lettered_name,
    named_by_count,
    names_a_unit,
    numbered_name,
)
from storyline.facts.numbers import CURRENCY, MEASURES, MONTHS, PEOPLE, TIME_UNITS, lemma
from storyline.facts.reading import (
    CASUALTY,
    PEOPLE_KINDS,
    Doc,
    Token,
    a_scale,
    clause_verb,
    counted_noun,
    is_number,
)
from storyline.facts.restated import (
    arithmetic,
    converts,
    known_before,
    names_after,
    names_again,
    restates_subject,
    what_it_means,
)
from storyline.facts.roles import blows_taken, token_lemma
from storyline.facts.scales import (
    RULE_WORDS,
    a_players_record,
    a_rules_level,
    a_scales_top,
    a_score,
    a_standing,
    how_wholly,
    per_game,
    proportion,
    rated,
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
    if re.match(r"^-\s*for\s*-", after):
        return True  # "a two-for-one offer", "a two-for-one presidency": a kind of deal
    if a_position(doc, last) or a_phone_number(doc, first, last):
        return True
    if nxt is not None and (nxt.text in _TIME_ZONES or an_address(doc, last)):
        return True  # "22.09 BST" (a clock time), "10 Downing Street" (an address)
    if a_score(doc, first, last) or a_standing(doc, last):
        return True  # a game's score, a team's gap to a rival in the table
    if 99 <= value <= 110 and _FIGURE_OF_SPEECH.match(doc[last.i + 1 : last.i + 5].text):
        return True  # "100 percent sure", "99.9 per cent sure", "100 percent confidence"
    if value in (99, 100, 110) and how_wholly(doc, last):
        return True  # "the courses are 100% lab-driven": how wholly, not a measured share
    if re.match(r"^0\d", first.text) or re.match(r"^-\s*fold\b", after):
        return True  # "150, 000" read as two tokens; "23-fold"
    if re.match(r"^times\b", after) and not (nxt is not None and blows_taken(nxt)):
        return True  # "five times": how often ("struck 20 times" counts blows)
    if re.match(r"^-?\s*(?:year|month|week|day|hour|minute)s?\b", after.replace("- ", "-")):
        return True  # "a 20-year sentence", "the 24-hour period", "45-year-old"
    if re.match(r"^-\s*seconds?\b", after):
        return True  # "0.3-second autofocus" (not "two second-hand cars")
    if re.match(r"^(?:(?:and|or|to)\s+\w+)?[\s-]*(?:storey|story)\b", after):
        return True  # "a five-storey building", "two and three storey buildings": how tall
    if re.match(r"^(?:-|\s)*(?:thirds?|quarters?|halves|half|fifths?|tenths?)\b", after):
        return True
    if nxt is not None and nxt.lower_ in ("in", "out") and after.split()[1:2] == ["of"]:
        return True  # "9 out of 10"
    if a_scale(first) and first.i >= 2 and doc[first.i - 2].lower_ == "in":
        return True  # "one in a million", "a chance in a thousand": odds, not a count
    if proportion(doc, first, last):
        return True  # "one in three children", "nine in 10 voters": a share, not a count
    if prev is not None and prev.lower_ == "per":
        return True  # "12 cases per 100,000 residents": a rate's denominator, not who was hit
    if (prev is not None and prev.lower_ in MONTHS) or (nxt is not None and nxt.lower_ in MONTHS):
        return True
    if is_year(first, value, nxt) or clock_stamp(first, nxt):
        return True
    if is_age(doc, first, prev, nxt):
        return True
    if is_identifier(first, prev) and not (nxt is not None and nxt.lower_ in CASUALTY):
        return True
    if names_a_unit(last, nxt, value) or numbered_name(doc, first, last):
        return True
    if lettered_name(last, nxt) or a_model_number(doc, first):
        return True  # "5G network", "4K video", "GT 650M graphics": a name, not a count
    if first.ent_type_ in ("DATE", "TIME") and dated_entity(doc, first):
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


_SHORT_TIME_UNITS = frozenset("min mins hr hrs sec secs".split())

# Hyphenated words that describe an object's make rather than count the story's things:
# "a 16-page complaint", "a two-story house", "a six-lane road", "9 mm handguns", "a 12-gauge
# shotgun", "32-bit versions", "a four-book series", "a 2-part militant assault".
_DESCRIBES = frozenset(
    """page story storey bedroom lane caliber calibre gauge bit mm inch-thick nation member
    country star time party team pound book part""".split()
)  # "a 16-page letter", "the 27-nation bloc", "a five-star hotel", "a two-time winner"

_DECADES = frozenset(
    "twenties thirties forties fifties sixties seventies eighties nineties".split()
)

_TIME_ZONES = frozenset("GMT BST EST EDT CST CDT PST PDT CET CEST UTC ET".split())

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
    if named_by_count(doc, last, value):
        return True
    if kind == "length" and a_race(doc, first, last):
        return True
    befell = kind in PEOPLE_KINDS  # "the nation's 12 soldiers killed": what befell them
    if describes_person(doc, phrase, num, kind) or a_population(doc, first, num, befell=befell):
        return True
    if a_family(doc, first, num):
        return True  # "one of six children": whom someone comes from, not what happened
    if in_a_name(doc, first) or converts(doc, first) or member_of(first):
        return True
    if kind in ("money", "percent") and (arithmetic(num) or level_changed_from(phrase)):
        return True
    if kind not in PEOPLE_KINDS and kind not in PEOPLE and a_base(num):
        return True  # "a 70% increase on the current £3bn deal": the base, not the story's sum
    if another_time(num) or (kind == "money" and company_result(num)):
        return True
    if set_against(num) or since_another(num) or back_then(num) or an_example(num):
        return True
    if a_yardstick(num):
        return True  # "For reference, the Galaxy S4 had a 9.88 WHr battery": a yardstick
    if restates_subject(num, value) or what_it_means(num):
        return True
    if known_before(num) or members_of(doc, first, phrase[-1]) or names_again(doc, first, value):
        return True
    if gathered(num):
        return True  # "which brings together 13 charities": whom an organisation is made of
    if kind not in PEOPLE_KINDS and names_after(num, value):
        return True
    if value <= _FEW_PARTS and kind not in _SUMS_AND_MEASURES | PEOPLE_KINDS and make_up(num):
        return True
    whole = first.i > 0 and doc[first.i - 1].lower_ == "all" and after[:2] == ["of", "the"]
    if kind == "time" or whole:
        return True  # "five or six times": how often; "all five of the suspects": known before
    if not_so(num) or (kind in ("length", "area") and describes_a_place(num, kind)):
        return True
    if away(doc, num) and kind not in PEOPLE_KINDS and kind not in _MEASURE_KINDS:
        return True  # "lived two doors away": where, not what ("186 miles away" may be the news)
    if kind in _MEASURE_KINDS and can_grow_to(num):
        return True  # "it can get to 10 metres tall": what a kind of thing grows to
    if kind in _MEASURE_KINDS and _AT_LEAST & {" ".join(after[:2]), " ".join(after[1:3])}:
        return True  # "aftershocks of four degrees or above": a threshold, not a reading
    if first.i >= 3 and [t.lower_ for t in doc[first.i - 2 : first.i]] == ["of", "the"]:
        part = doc[first.i - 3]
        if is_number(part) and part.lower_ != "one":
            return True  # "seven of the 22 villages": the whole the part is taken from
    if a_scales_top(num) or rated(doc, last):
        return True  # "734 out of a possible 1,000 points": the top of a scale, not a count
    if a_players_record(num) or (kind not in ("money", "percent") and per_game(doc, last)):
        return True  # "scored 11 goals in 32 outings", "two a game": a record, as a score is
    before = doc[first.i - 1].lower_ if first.i > 0 else ""
    if before == "of" and first.i >= 2 and lemma(doc[first.i - 2].lower_) in _PARENTS:
        return True  # "a Brooklyn mother of 12 killed in crossfire": her children, not a toll
    if whose_part(num):
        return True  # "killing seven members of one family": the seven were killed, not a family
    if (kind in PEOPLE_KINDS or kind in PEOPLE) and sized_for(num):
        return True  # "enough supplies for 15,000 refugees": what they suffice for, not who came
    if kind == "percent" and (before in RULE_WORDS or set(after[1:3]) & RULE_WORDS):
        return True  # "the minimum 3 percent mark", "the 50 percent needed": a rule, not a result
    if kind == "percent" and set(after[:2]) & _CHANCES:
        return True  # "a 70% possibility of a magnitude 7 tremor": a forecast's odds, not a result
    if kind == "percent" and a_rules_level(num):
        return True  # "The legal limit in Minnesota is 0.08 percent": the rule, not the reading
    if first.lower_ == "dozen" and before in _VAGUE:
        return True  # "several dozen cases" is as vague as "dozens"
    noun = counted_noun(num)
    # "the two biggest rebel factions", "the only two airlines": a ranking; not "67 percent,
    # the highest since 1992", where an apposition says how high a level is (a move's is a
    # record of the move: "jumped as much as 9.5 percent, the most in three years")
    level = token_lemma(clause_verb(num) or num) not in _MOVES
    ranked = [c for c in noun.children if c.dep_ != "appos" or not level] if noun else []
    if any(c.tag_ == "JJS" or c.lower_ == "only" for c in ranked) or ranked_few(num, noun):
        return True
    if noun is not None and any(t.tag_ in ("JJS", "RBS") for t in doc[last.i + 1 : noun.i]):
        return True  # "the 20 highest-earning clubs", "the 10 most-watched shows": a ranking
    if before in ("only", "top") and first.i >= 2 and doc[first.i - 2].lower_ == "the":
        return True  # "the only two airlines" with "only" read as the number's; "the top 20"
    if ranked_top(first, num, noun):
        return True  # "four top 10 finishes", "Power of top four concerns Keegan": a rank
    if before == "of" and first.i >= 2 and doc[first.i - 2].text == "Group":
        return True  # "the Group of 20 nations": a name
    rest = " ".join(after).replace(" - ", "-")
    if rest.startswith(("most wanted", "most-wanted")):
        return True
    if re.fullmatch(r"(?:19|20)\d\d", first.text) and len(phrase) == 1:
        return True  # "1997 bombings": counts that large are written "1,997"
    if noun is not None and digits_before_a_name(doc, phrase, noun, value):
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


# How a thing is made up (``descriptions.make_up``): "the tax falls into two categories", "the
# rate consists of two parts", "it comprises four modules", "participants were divided into three
# groups": what the thing is, not what happened (WCXB's explainers, DUC's background). A handful
# of parts is a structure; a large count of what a thing holds is its size, which may be the news
# ("the patch consists of more than 300 distinct updates", agreed by two of ECB+'s outlets; "70
# buoy-borne stations").
_FEW_PARTS = 12

_SUMS_AND_MEASURES = frozenset({"money", "percent"} | {kind for kind, _ in MEASURES.values()})

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


_PARENTS = frozenset("mother father parent mom dad grandmother grandfather grandparent".split())

_VAGUE = frozenset("several few many some".split())

# What a percent before them gives the odds of (a Guardian Tohoku page's aftershock forecast).
_CHANCES = frozenset("chance chances possibility probability likelihood odds".split())

_MEASURE_KINDS = frozenset(kind for kind, _ in MEASURES.values())


_AT_LEAST = frozenset({"or above", "or more", "or higher", "or greater", "or over"})
