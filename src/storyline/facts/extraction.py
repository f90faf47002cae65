"""Quantities read through a dependency parse: what each number counts, in which happening, where,
over what time window, and how exactly.

Only sentences that hold a digit or a number word are parsed (``NUMBER_HINT``), in one batch per
story. For each number the parse gives

* the counted thing: the noun the number modifies, climbing through compounds, names and
  parentheses ("nine Islamic State (IS) sites" counts sites; "the 116-man crew" counts crew), or,
  for a bare number, what the clause says it is ("the death toll was 11", "984 dead",
  "75 of the passengers", "killing 13", "put the toll at 248"; in a list of places after a count,
  "3,046 deaths, followed by Yalova with 2,400", what that count counts, in its own place; a
  number pointing back, "ratified by 65 of them", "74 of which", "and ratified by 101", or
  after the whole it is taken from, "of the 80 people admitted, 29 remained in intensive care",
  what the sentence's previous count counts, under its own verb);
* the happening: the verb that governs the phrase ("struck", "killed", "evacuated");
* the place it is scoped to ("in Kenya") and a time window ("in the past 24 hours", "in March");
* approx ("at least", "some", "more than") and ranges ("15 to 20", "10-15 million", "10 percent
  to 30 percent", "90 or 95 percent");
* measures: lengths, masses, areas, speeds ("53 mph", "600 miles an hour"); a distance counts only
  where it locates the happening ("the crash, 60 miles from Nantucket"), not a town ("Izmit, 60
  miles east of Istanbul"); a length or mass that is a fixed property of one thing carries it as
  its scope ("100 meters deep", "354 feet below the surface": ``depth``; "the 14,000-ton
  Kursk": ``displacement``), see ``measures.dimension``; a length also carries the dimension
  of an object or the end of a movement it gives ("the 54-meter-high balloon": ``height of
  balloon``; "down to 16,700 feet": where the descent ended), see ``facts.dimensions``;
* sums, with a scale glued on as web and British outlets write them ("$35m", "£2bn");
* a vote's tally ("voted 52-48", "passed 219 to 212"): its votes for and against, of the body
  that voted and the motion it decided (``facts.tallies``);
* a fact box's rows: a label names what its figure counts ("Deaths: 1,234"; "*DEAD:" on its own
  line, then "At least 12,018", is read as one row).

A number is not a quantity when it names or dates something rather than counting it: an identifier
("Su-25", "Flight 990", "Boeing 767", "G-20"), a date, year or clock time, an age, a duration, an
ordinal, a fraction or ratio, or a vague plural ("dozens", "several dozen"); nor when it describes
rather than counts (a person's height or weight, a ranking: "the two biggest factions", "the only
two airlines", "its two main banks"), or counts who tells the news ("two newspapers reported"); nor
when it belongs to another happening or to no happening at all: a clause set in another, named event
("in a 1983 submarine accident", "in the last major accident", "in that quake", "two previous
attempts"), what would have been or a rule's condition ("would have penetrated 40 feet", "after 40
countries ratify it"), a threshold ("four degrees or above"), how often ("five or six times"), a
figure worked out from others ("a 41 percent premium", "a $21 billion difference"), what a company
earns ("$13 billion in revenue"), the size of a class, an organisation or a named place ("one of 38
states", "the 14 members of the bloc", "the 530,000-acre forest"), the few parts a thing is made of
("falls into two categories"), what the story is set against ("more deadly than a siege in January
carried out by three militants", "the deadliest since the 2004 bombings, which killed 191"), a
rating ("four stars out of five"), the numbers of a numbered list (``facts.listing``), a count
pointed back to or restating names ("those two officials",
"Kenya and Tanzania ... the two countries"), or introducing as many names after it ("two mules,
Sadie and Daisy"; not a toll or a count of people charged, which GUIDELINES counts even when they
are named), a number word in a name ("the Two Securities Centre"), a position ("lived two doors
away"), or the same amount in brackets in other units ("400,000 rubles (about 13,928 dollars)").
These are dropped here (``facts.excluded``). A thousands comma typed with a space ("150, 000") reads
as one number. What a number counts is read by ``facts.nouns`` (with ``facts.people``,
``facts.measures`` and ``facts.holders``), where by ``facts.placing``, on ``facts.reading``'s
parse helpers.
"""

from __future__ import annotations

import re
import threading
import weakref
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from storyline.facts.days import (
    SUPERSEDED,
    foreseen,
    happening_day,
    happening_year,
    happening_years_back,
    headed_year,
    superseded_figure,
)
from storyline.facts.dimensions import length_scope
from storyline.facts.examples import in_examples
from storyline.facts.excluded import named_or_described, not_a_count
from storyline.facts.holders import chamber
from storyline.facts.illness import CASE_UNITS
from storyline.facts.listing import list_markers
from storyline.facts.models import Quantity
from storyline.facts.nouns import capacity_compound, counted_thing, per_unit
from storyline.facts.numbers import (
    ABBREVIATED_SCALES,
    APPROX_WORDS,
    CURRENCY,
    MAX_WORDS,
    MEASURES,
    MIN_WORDS,
    MONTHS,
    NUMBER_HINT,
    PEOPLE,
    SCALES,
    TIME_UNITS,
    UNITS,
    currency_after_scale,
    lemma,
    phrase_value,
    word_value,
)
from storyline.facts.parser import pipeline_steps
from storyline.facts.placing import LISTED, WORLD, listed_places, place_of, toll_place
from storyline.facts.reading import (
    CASUALTY,
    HAPPENED_TO,
    PEOPLE_KINDS,
    PLACE_ENTS,
    RANGE_TOKEN,
    WON,
    Doc,
    Token,
    bodies_handled,
    clause_verb,
    counted_noun,
    entity_text,
    head_of,
    is_number,
    speaks,
    whole_of_part,
)
from storyline.facts.roles import token_lemma
from storyline.facts.scoping import (
    clause_place,
    destination,
    opening_place,
    severity,
    standing,
    where_place,
    where_site,
)
from storyline.facts.tallies import motion, vote_tally, voting_body
from storyline.facts.totals import INCREMENT, adds_to_total, is_increment, total_noun
from storyline.models import Sentence

# The second part is case-sensitive: "Turkey's Daily News" names a paper, not a daily count.
_WINDOW = re.compile(
    r"(?i:\b(?:in|over|during|within|for) the (?:past|last|previous|preceding) (?:(\w+) )?"
    r"(hours?|days?|weeks?|months?)\b)|\b(daily|per day|each day|per week|"
    # "a day in which the House refused", "a week after the vote": a day, not a rate
    r"a (?:day|week)(?!\s+(?:(?:in|on) which|of|when|that|after|before|later|earlier|ago)\b)|"
    r"(?<=-)a-(?:day|week|month|year)|"  # "a $26 billion-a-year industry"
    # a yearly or monthly rate ("seasonal flu kills 36,000 a year") is not a count of the story's
    # own happening; "a year ago", "a month later" only date one
    r"(?i:(?<!than )(?<!in )(?<!for )(?<!over )(?<!about )(?<!nearly )(?<!almost )(?<!within )"
    r"(?<!under )(?<!past )(?:a|per|each|every) (?:year|month)"
    r"(?!-(?:long|old|round|end)|['’]s\b|\s+(?:ago|earlier|later|after|before|old|since|on|into|in)\b)|"
    r"annually|in an? (?:average|typical|normal) year))\b"
)

# A calendar month the count's own clause covers ("2,080 civilians were killed in March", "killed
# during the month"): a month's toll, not the running total nor a day's. A month
# followed by a day or a year dates a happening ("on March 15", "signed in December 1997"), and
# "the month of Ramadan" is a season.
_MONTH = re.compile(
    r"\b(?:in|during|over|throughout) (?:the month\b(?! of Ramadan)|(January|February|March|"
    r"April|May|June|July|August|September|October|November|December)\b(?!,?\s+\d))"
)
# "during the month" covers a month as "in the past month" does; a named month is that month
# ("up to 2,000 killed in May" and "2,386 killed in June" are two months' tolls)
# A count "since" a recent day ("12 troops killed since Tuesday morning", "50 killed in Taiz since
# Sunday") runs over the days since then: not one incident's toll ("eight troops killed when
# militants attacked the base"). Not "since the uprising began": the war's running toll.
_SINCE = re.compile(
    r"\bsince (?:early |late |last )?((?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|yesterday)\b",
    re.IGNORECASE,
)
MONTH_WINDOW = "1 month"
_CALENDAR = "calendar month:"  # the sentence names one; its clause says whose count it is
_SINCE_WINDOW = "since "


# Numbers the rules below never count, masked before asking whether a sentence needs the parser:
# a year not followed by a word ("in 1998", "1998."), a month and day ("Aug. 7, 1998"), a clock time
# ("3 p.m.", "10:30"), an ordinal ("7th"), a hyphenated identifier ("Su-25"), a decade ("1990s"),
# and "one" as a pronoun ("no one", "one of", "one day").
_NEVER_COUNTED = re.compile(
    r"\b(?:1[89]|20)\d\d\b(?!\s+[a-z])"
    r"|\b(?:" + "|".join(sorted({m.rstrip(".") for m in MONTHS})) + r")\.?\s+\d{1,2}\b"
    r"(?:,\s*(?:1[89]|20)\d\d)?"
    r"|\b\d{1,2}(?::\d\d)?\s*[ap]\.?m\b\.?|\b\d{1,2}:\d\d\b"
    r"|\b\d+(?:st|nd|rd|th)\b|\b[a-z]+-\d+\b|\b(?:19|20)\d0s\b"
    r"|\bno one\b|\bone (?:of|day|time|another)\b|\bat one\b",
    re.IGNORECASE,
)


def needs_parse(text: str) -> bool:
    """Whether a sentence may hold a quantity: a digit or a number word that is not one of the
    numbers the rules never count (``_NEVER_COUNTED``)."""
    return (
        NUMBER_HINT.search(text) is not None
        and NUMBER_HINT.search(_NEVER_COUNTED.sub(" ", text)) is not None
    )


def quantities_in(doc: Doc, sentence: Sentence) -> tuple[Quantity, ...]:
    """The quantities of one parsed sentence (``doc`` is the parse of ``sentence.text``)."""
    if _instruction(doc):
        return ()
    out: list[Quantity] = []
    taken: set[int] = set()
    window = _window(sentence.text)
    for token in doc:
        if token.i in taken or not is_number(token):
            continue
        tally = vote_tally(doc, token)
        if tally is not None:
            out += _votes(doc, tally, sentence)
            taken.update(range(token.i, token.i + 3))
            continue
        phrase = _phrase(doc, token)
        taken.update(t.i for t in phrase)
        quantity = _quantity(doc, phrase, sentence, window)
        if quantity is None and out:
            quantity = (
                _listed(doc, phrase, sentence, out[-1])
                or _conjoined(doc, phrase, sentence, out[-1])
                or _part_of(doc, phrase, sentence, out[-1])
                or _running_total(doc, phrase, sentence, out[-1])
                or _rivals(doc, phrase, sentence, out[-1])
            )
        if quantity is not None:
            if out and out[-1].kind == quantity.kind and adds_to_total(head_of(phrase)):
                out[-1] = replace(out[-1], scope=INCREMENT)  # what the new total adds
            out.append(quantity)
            if quantity.upper is not None:  # the range's second number is read already
                stop = quantity.end - sentence.start
                taken.update(t.i for t in doc[phrase[0].i :] if t.idx < stop)
    return tuple(out)


def _votes(
    doc: Doc, tally: tuple[Token, Token, Token], sentence: Sentence
) -> tuple[Quantity, Quantity]:
    """The two counts of a vote tally (``facts.tallies``): for, then against."""
    yes, no, anchor = tally
    first, second = sorted((yes, no), key=lambda t: t.i)
    verb = anchor if anchor.pos_ == "VERB" else clause_verb(first)
    start, end = first.idx, second.idx + len(second.text)
    fields = {
        "approx": False,
        "unit": "vote",
        "kind": "vote",
        "text": sentence.text[start:end],
        "article_id": sentence.article_id,
        "start": sentence.start + start,
        "end": sentence.start + end,
        "place": voting_body(anchor, doc),
        "event": motion(anchor),
        "day": happening_day(verb),
        "set_in": happening_year(verb),
        "years_back": happening_years_back(verb),
        "foreseen": foreseen(verb, first),
    }
    return (
        Quantity(value=float(yes.text.replace(",", "")), scope="for", **fields),
        Quantity(value=float(no.text.replace(",", "")), scope="against", **fields),
    )


# What a sum names when it is a mark passed rather than money paid or counted.
_THRESHOLDS = frozenset("barrier mark threshold milestone".split())
# Nouns that stand for items of a list an article makes, not for anything the story counts.
_EMPTY_NOUNS = frozenset("thing way reason tip lesson takeaway".split())


def _instruction(doc: Doc) -> bool:
    """Whether a sentence tells the reader what to do ("Select one with 3-12 characters", a
    page's form run into the text): its first word is the bare verb of the main clause and the
    clause has no subject. What it counts is no news."""
    first = next((t for t in doc if not t.is_punct), None)
    if first is None or first.tag_ != "VB" or first.dep_ != "ROOT":
        return False
    return not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in first.children)


# Happenings that a toll can be a total of, when their word is plural ("the attacks", "the
# bombings", "the twin blasts"). Not "clashes": one day's clashes are one happening.
_INCIDENTS = frozenset("attack bombing blast explosion strike raid shooting".split())


def _over_several(verb: Token | None) -> bool:
    """Whether the clause's subject is several incidents ("The attacks killed two people and
    injured 124", "the bombings killed 224"): its toll is the sum of them."""
    if verb is None:
        return False
    for clause in (verb, verb.head) if verb.dep_ == "conj" else (verb,):
        subjects = [c for c in clause.children if c.dep_ == "nsubj"]
        if subjects:
            return any(s.tag_ == "NNS" and token_lemma(s) in _INCIDENTS for s in subjects)
    return False


# Pronouns that make a count of people someone's own ("her two children", "their three sons").
_POSSESSIVE = frozenset("my your his her its our their".split())
# People a craft carries: "the jet and its 239 passengers" are the flight's count, the story's,
# where "its 10 million residents" describe a country and "its 200 million members" a firm.
_CARRIED = frozenset("passenger crew".split())
# Nouns that step out a short way on foot ("two streets from the river", "three doors down").
_PACES = frozenset("street block door step pace".split())


def _theirs(num: Token) -> bool:
    noun = num.head if num.dep_ == "nummod" else None
    if noun is None:
        return False
    carried = token_lemma(noun) in _CARRIED
    return any(
        c.dep_ == "poss" and c.lower_ in _POSSESSIVE and not (carried and c.lower_ == "its")
        for c in noun.children
    )


def _paces_from(num: Token) -> bool:
    noun = num.head if num.dep_ == "nummod" else None
    if noun is None or token_lemma(noun) not in _PACES or noun.i + 1 >= len(noun.doc):
        return False
    return noun.doc[noun.i + 1].lower_ in ("from", "away", "down", "up")


def _picked_out(num: Token) -> bool:
    """Whether "one" and a word for a person is the subject of a clause that says what that
    person did or said ("One survivor wept", "one refugee told reporters"), not what happened
    to people ("one soldier was killed")."""
    noun = num.head
    verb = clause_verb(num, reporting=True)
    person = token_lemma(noun) in PEOPLE or token_lemma(noun) in CASUALTY
    return (
        person
        and noun.dep_ == "nsubj"
        and noun.tag_ == "NN"
        and verb is not None
        and noun.head.i == verb.i
        and token_lemma(verb) not in HAPPENED_TO
    )


def _listed(doc: Doc, phrase: list[Token], sentence: Sentence, before: Quantity) -> Quantity | None:
    """A bare number in a list of places ("3,046 deaths, followed by Yalova with 2,400, Istanbul
    with 984"): it counts what the sentence's previous quantity counts, in its own place."""
    num = phrase[0]
    bound, start_i = _approx(doc, num)
    if start_i < 2 or doc[start_i - 1].lower_ != "with" or not before.kind:
        return None
    owner = doc[start_i - 2]
    parsed = _value(phrase)
    if owner.pos_ != "PROPN" or parsed is None or not_a_count(doc, phrase, parsed[0]):
        return None
    value, upper, phrase = _ranged(doc, phrase, parsed)
    nxt = doc[phrase[-1].i + 1] if phrase[-1].i + 1 < len(doc) else None
    if nxt is not None and nxt.is_alpha and nxt.lower_ not in ("and", "or"):
        return None  # "Yalova with 2,400," ends an item; "Jones with 3 lawyers" counts lawyers
    start, end = doc[start_i].idx, phrase[-1].idx + len(phrase[-1].text)
    place, scope = before.place, before.scope
    if owner.ent_type_ in PLACE_ENTS:
        place = entity_text(owner, doc)
    elif before.kind == "percent" and owner.ent_type_ in ("PERSON", "ORG"):
        scope = owner.lower_  # "ahead of Zyuganov with 29 percent": whose share
    else:
        return None
    here = replace(before, scope=scope, place=place)
    return _restated(here, sentence, value=value, upper=upper, bound=bound, start=start, end=end)


def _conjoined(
    doc: Doc, phrase: list[Token], sentence: Sentence, before: Quantity
) -> Quantity | None:
    """A bare number joined to the previous count's words, with a place of its own: "killed 10
    people in Homs and five in Hama" counts what that count counts, in Hama. Without a place of
    its own ("109 people on board and four on the ground") it may be other people: not read."""
    num = head_of(phrase)
    span = range(before.start - sentence.start, before.end - sentence.start)
    parsed = _value(phrase)
    if num.dep_ != "conj" or num.head.idx not in span or not before.kind or parsed is None:
        return None
    place = place_of(num, num, doc)
    if place is None or place == before.place or not_a_count(doc, phrase, parsed[0]):
        return None
    value, upper, phrase = _ranged(doc, phrase, parsed)
    bound, start_i = _approx(doc, phrase[0])
    start, end = doc[start_i].idx, phrase[-1].idx + len(phrase[-1].text)
    here = replace(before, place=place)
    return _restated(here, sentence, value=value, upper=upper, bound=bound, start=start, end=end)


def _rivals(doc: Doc, phrase: list[Token], sentence: Sentence, before: Quantity) -> Quantity | None:
    """A bare number set against the previous count as a rival's: "Biden won 306 electoral
    votes to Trump's 232", "53 seats to the Democrats' 47": what that count counts, the rival's."""
    num = head_of(phrase)
    parsed = _value(phrase)
    if before.kind not in WON or parsed is None or len(phrase) != 1:
        return None
    if num.dep_ != "pobj" or num.head.lower_ != "to" or num.i < 3:
        return None
    mark, rival = doc[num.i - 1], doc[num.i - 2]
    if mark.lower_ not in ("'s", "'", "’s", "’") or rival.pos_ != "PROPN":
        return None
    start, end = num.idx, num.idx + len(num.text)
    here = replace(before, scope=entity_text(rival, doc).removeprefix("the "))
    return _restated(here, sentence, value=parsed[0], upper=None, bound=None, start=start, end=end)


_MEASURE_KINDS = frozenset(kind for kind, _ in MEASURES.values())
# Pronouns that point back to a noun already counted: "65 of them", "74 of which".
_BACK = frozenset("them which whom those these".split())


def _part_of(
    doc: Doc, phrase: list[Token], sentence: Sentence, before: Quantity
) -> Quantity | None:
    """A bare number that counts, under its own verb, what the sentence's previous quantity
    counts: "signed by 133 countries and ratified by 65 of them", "135 countries, 74 of which
    have ratified it", "signed by 138 governments and ratified by 101" (the noun left out of
    the second of two joined clauses). Its happening is its own verb ("ratify"), so the part is
    not the whole; a number under the same verb or none ("injured 30, 12 of them seriously",
    "four of whom said") is a share of that count, not read. Only for counts of things and
    people, not sums or measures."""
    num = head_of(phrase)
    if before.kind in ("money", "percent") or before.kind in _MEASURE_KINDS or not before.kind:
        return None
    of = [c for c in num.children if c.dep_ == "prep" and c.lower_ == "of"]
    pointed = any(p.dep_ == "pobj" and p.lower_ in _BACK for o in of for p in o.children)
    if not pointed and not _after_its_whole(num, before) and not _elided(num, before, sentence):
        return None
    verb = clause_verb(num)
    event = token_lemma(verb) if verb is not None else None
    if event is None or event == before.event:
        return None  # "injured 30 people, 12 of them seriously": a share of one count
    parsed = _value(phrase)
    if parsed is None or not_a_count(doc, phrase, parsed[0]):
        return None
    value, upper, phrase = _ranged(doc, phrase, parsed)
    bound, start_i = _approx(doc, phrase[0])
    end_i = max([phrase[-1].i, *(p.i for o in of for p in o.children if p.dep_ == "pobj")])
    start, end = doc[start_i].idx, doc[end_i].idx + len(doc[end_i].text)
    own = replace(
        before,
        event=event,
        day=happening_day(verb),
        set_in=happening_year(verb) or headed_year(doc, num.i),
        years_back=happening_years_back(verb),
    )
    return _restated(own, sentence, value=value, upper=upper, bound=bound, start=start, end=end)


def _running_total(
    doc: Doc, phrase: list[Token], sentence: Sentence, before: Quantity
) -> Quantity | None:
    """A bare number that is the new value of a running count the sentence does not say the kind
    of ("some 10 million mines have been destroyed, bringing the total so far to 22 million"):
    it counts what the sentence's previous quantity counts, under its happening, as the whole
    count rather than the addition (``facts.totals``)."""
    num = head_of(phrase)
    if total_noun(num) is None or not before.kind:
        return None
    parsed = _value(phrase)
    if parsed is None or not_a_count(doc, phrase, parsed[0]):
        return None
    value, upper, phrase = _ranged(doc, phrase, parsed)
    bound, start_i = _approx(doc, phrase[0])
    start, end = doc[start_i].idx, phrase[-1].idx + len(phrase[-1].text)
    whole = replace(before, scope=None if before.scope == INCREMENT else before.scope)
    found = _restated(whole, sentence, value=value, upper=upper, bound=bound, start=start, end=end)
    return replace(found, total=True)


def _restated(
    before: Quantity,
    sentence: Sentence,
    *,
    value: float,
    upper: float | None,
    bound: str | None,
    start: int,
    end: int,
) -> Quantity:
    """``before``'s measured thing, for another number of its sentence at ``start:end``
    (offsets in the sentence)."""
    return replace(
        before,
        value=value,
        upper=upper,
        approx=bound is not None,
        bound=bound,
        text=sentence.text[start:end],
        start=sentence.start + start,
        end=sentence.start + end,
        total=False,
    )


def _after_its_whole(num: Token, before: Quantity) -> bool:
    """Whether a bare number is the subject of a verb that opens on the previous quantity as
    the whole it is taken from: "of the 80 people admitted in a critical condition, 29 remained
    in intensive care", "Of the 300,000 people who took the drug, about 45,000 have refused".
    Not under a copula ("of the 12 victims, 10 were American"): what the part is would be in the
    complement, which the part's measured thing does not carry."""
    if num.dep_ not in ("nsubj", "nsubjpass") or token_lemma(num.head) == "be":
        return False
    return any(
        o.dep_ == "prep"
        and o.lower_ == "of"
        and o.i < num.i
        and p.dep_ == "pobj"
        and p.left_edge.idx <= before.start <= p.idx
        for o in num.head.children
        for p in o.children
    )


def _elided(num: Token, before: Quantity, sentence: Sentence) -> bool:
    """Whether a number is the agent of the second of two joined verbs whose first has the
    previous quantity as its agent: "signed by 138 governments and ratified by 101"."""
    prep = num.head
    if num.dep_ != "pobj" or prep.lower_ != "by" or prep.head.dep_ != "conj":
        return False
    first = prep.head.head
    agents = [c for c in first.children if c.lower_ == "by" and c.dep_ in ("agent", "prep")]
    start = before.start - sentence.start
    return any(
        p.idx <= start < p.idx + len(p.text) or p.left_edge.idx <= start <= p.idx
        for a in agents
        for p in a.children
        if p.dep_ == "pobj"
    )


def _phrase(doc: Doc, token: Token) -> list[Token]:
    """The number's words: "1.2 billion", "two hundred thousand", "a dozen"."""
    phrase = [token]
    i = token.i + 1
    if _split_thousands(doc, token):  # "150, 000 people": a thousands comma typed with a space
        return [token, doc[i], doc[i + 1]]
    if _spaced_thousands(doc, token):  # "(19 685 ft)": thousands set apart by a space
        return [token, doc[i]]
    tens = token.lower_ in UNITS and UNITS[token.lower_] >= 20
    if tens and i + 1 < len(doc) and doc[i].text == "-" and UNITS.get(doc[i + 1].lower_, 10) < 10:
        phrase += [doc[i], doc[i + 1]]  # "Forty-two", split by the tokenizer
        i += 2
    if [t.lower_ for t in doc[i : i + 3]] == ["and", "a", "half"] and (
        token.lower_ in UNITS or token.text.isdigit()
    ):
        phrase += list(doc[i : i + 3])  # "two and a half"
        i += 3
    glued = i + 1 < len(doc) and doc[i].text == "-" and doc[i + 1].idx == doc[i].idx + 1
    if glued and doc[i].idx == token.idx + len(token.text) and doc[i + 1].lower_ in SCALES:
        phrase.append(doc[i])  # "10-thousand plus staff": the scale hyphenated to the number
        i += 1
    while i < len(doc) and (doc[i].lower_ in SCALES or doc[i].lower_ == "dozen"):
        phrase.append(doc[i])
        i += 1
    if i < len(doc) and _abbreviated_scale(doc, token, doc[i]):
        phrase.append(doc[i])  # "$35m", "£9.3M": the tokenizer splits the letter off
    return phrase


def _abbreviated_scale(doc: Doc, number: Token, letter: Token) -> bool:
    """Whether ``letter`` is a scale glued to a sum ("$35m", "$50k", "35bn"): written with no
    space, and after a currency sign unless it is "bn" ("100m" alone is a distance)."""
    word = letter.lower_.removesuffix(".")  # "£24m." at a sentence's end is one token
    if word not in ABBREVIATED_SCALES:
        return False
    gap = letter.idx - number.idx - len(number.text)
    signed = number.i > 0 and doc[number.i - 1].text in CURRENCY
    if gap == 1 and signed and word in ("m", "bn", "mn"):
        return True  # "$2 m a day": a sum's scale set off by a space, as some pages print it
    if gap != 0:
        return False
    after = doc[letter.i + 1] if letter.i + 1 < len(doc) else None
    currency_after = after is not None and currency_after_scale(after.text) is not None
    # "1m euro", "5m pounds": the currency named after the sum makes the letter a scale too
    if word == "bn" or (number.i > 0 and doc[number.i - 1].text in CURRENCY) or currency_after:
        return True
    # "12m phones", "2M users", "20k people": before things counted in the plural the letter is
    # a scale ("a 30m fall", "the 100m race" are lengths); "4K TVs" is a format, not thousands
    plural = after is not None and after.tag_ in ("NNS", "NNPS")
    return plural and letter.text in ("m", "M", "mn", "k")


def _split_thousands(doc: Doc, token: Token) -> bool:
    """ "150, 000" or "13, 928": one to three digits, a comma, one space, three digits, and no
    list going on after them (a list of numbers reads "5, 100, 200" or "5, 100 and 200")."""
    i = token.i
    if i + 2 >= len(doc) or not re.fullmatch(r"\d{1,3}", token.text):
        return False
    comma, rest = doc[i + 1], doc[i + 2]
    after = doc[i + 3] if i + 3 < len(doc) else None
    return (
        comma.text == ","
        and comma.idx == token.idx + len(token.text)
        and rest.idx == comma.idx + 2
        and re.fullmatch(r"\d{3}", rest.text) is not None
        and (after is None or (after.text not in (",", "and", "or") and not after.like_num))
        and (i == 0 or doc[i - 1].text not in (",", "and"))
    )


def _spaced_thousands(doc: Doc, token: Token) -> bool:
    """ "6,000 m (19 685 ft)": one to three digits, one space, three digits numbering a noun and
    the first hung on it or on the noun (the metric style of setting thousands apart), not two
    numbers in a row."""
    i = token.i
    if i + 1 >= len(doc) or not re.fullmatch(r"\d{1,3}", token.text):
        return False
    rest = doc[i + 1]
    return (
        re.fullmatch(r"\d{3}", rest.text) is not None
        and rest.idx == token.idx + len(token.text) + 1
        and rest.dep_ == "nummod"
        and (token.head.i == rest.i or (token.dep_ == "nummod" and token.head.i == rest.head.i))
    )


def _value(phrase: Sequence[Token]) -> tuple[float, float | None] | None:
    words = [t.text for t in phrase]
    if len(words) == 3 and words[1] == "," and words[2].isdigit():
        words = [words[0] + words[2]]
    if len(words) == 2 and words[0].isdigit() and re.fullmatch(r"\d{3}", words[1]):
        words = [words[0] + words[1]]  # "19 685"
    ranged = RANGE_TOKEN.match(words[0])
    if ranged:
        low, high = (phrase_value([g, *words[1:]]) for g in ranged.groups())
        if low is None or high is None or high <= low:
            return None
        return low, high
    value = phrase_value(words)
    return None if value is None else (value, None)


# "the daily Haaretz", "the Israeli daily", "the Haaretz daily said": a newspaper, not a count.
_NEWSPAPER_BEFORE = re.compile(r"(?:\b(?:the|a|an)|\b[A-Z][\w'’]*)\s+$")
_NEWSPAPER_AFTER = re.compile(r"^\s+[A-Z]")


def _newspaper(text: str, m: re.Match[str]) -> bool:
    return m[3] == "daily" and bool(
        _NEWSPAPER_BEFORE.search(text[: m.start()]) or _NEWSPAPER_AFTER.match(text[m.end() :])
    )


def _window(text: str) -> tuple[str, int] | None:
    """The time window a sentence names ("in the past 24 hours": "24 hour"; "a year": "per
    year") and where it is written."""
    m = next((m for m in _WINDOW.finditer(text) if not _newspaper(text, m)), None)
    since = _SINCE.search(text)
    if m is None and since is not None:
        return _SINCE_WINDOW + since[1].lower(), since.start()
    if m is None:
        month = _MONTH.search(text)
        return None if month is None else (_CALENDAR + (month[1] or ""), month.start())
    if m[3]:
        said = m[3].lower()
        every = next((u for u in ("week", "month", "year") if u in said), "day")
        return "per " + ("year" if "annual" in said else every), m.start(3)
    count = word_value(m[1]) if m[1] else 1.0
    return f"{count or 1:g} {lemma(m[2])}", m.start()


def _window_of(doc: Doc, num: Token, window: tuple[str, int] | None, kind: str) -> str | None:
    """The window a number's count covers. A span of time ("in the past 24 hours") covers the
    sentence's counts; a calendar month ("killed in March") only a count of people of its own
    clause (a toll over the month; "detonated five devices in May" only dates the tests); a
    rate ("a year") only those of its own clause or a clause below it:
    "the planes averaged 800 hours in the air a year" is no yearly count of "100 seats", nor
    "which could take a year" of the speed a plane "had reached", nor "receives $1.3 billion
    every year" of the "$30 billion" it "has received since 1975"."""
    month = window is not None and window[0].startswith(_CALENDAR)
    if window is not None and window[0].startswith(_SINCE_WINDOW):
        # only the clause the phrase is said in, or one joined to it ("12 troops were killed
        # and 42 injured since Tuesday"); not "eight were killed when militants attacked, as
        # fighting went on since Tuesday"
        at = next((t for t in doc if t.idx <= window[1] < t.idx + len(t.text) + 1), None)
        verb = at.head if at is not None else None
        joined = [verb] if verb is not None else []
        while joined and len(joined) < 3 and joined[-1].dep_ in ("conj", "acl"):
            joined.append(joined[-1].head)  # "42 injured" gapped after "killed": its clause
        own = any(v.pos_ == "VERB" and _counted_in(num, v) for v in joined)
        return window[0] if own else None
    if window is None or (not window[0].startswith("per") and not month):
        return window[0] if window else None
    at = next((t for t in doc if t.idx <= window[1] < t.idx + len(t.text) + 1), None)
    said, counted = _own_verb(at), _own_verb(num)
    if month:
        # only the clause the month is said in: "the uprising, which began in March, has killed
        # 70,000" is no month's toll; the clause may hang on the counted noun ("2,080 civilians
        # killed during the month"); not a noun the count is said of ("suspected in four
        # bombings in September")
        own = kind in PEOPLE_KINDS and at is not None and _counted_in(num, at.head)
        return (window[0].removeprefix(_CALENDAR) or MONTH_WINDOW) if own else None
    if said is None or counted is None or num.head.is_ancestor(said):
        return window[0]  # the rate is said of the count itself ("cases that occur every year")
    below = said
    while below.dep_ == "xcomp" and below.head.i != below.i:
        below = below.head  # "200 million cases are estimated to occur every year"
    if below == counted:
        return window[0]
    while counted != said and counted.head.i != counted.i:
        if counted.dep_ == "conj" and _timed(counted):
            return None  # "... and has received $30 billion since 1975": a time of its own
        counted = counted.head  # up through the clauses below the rate's
    return window[0] if counted == said else None


def _counted_in(num: Token, verb: Token) -> bool:
    """Whether the number counts the subject or object of ``verb`` ("2,080 civilians were
    killed", "killed 30 people") or the noun ``verb`` describes ("2,080 civilians killed")."""
    noun = num.head if num.dep_ == "nummod" else num
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    argument = noun.head == verb and noun.dep_ in ("nsubj", "nsubjpass", "dobj")
    return argument or (verb.dep_ in ("acl", "relcl") and verb.head == noun)


def _timed(verb: Token) -> bool:
    return any(
        t.ent_type_ == "DATE" or t.lower_ == "since"
        for c in verb.children
        if c.dep_ not in ("conj", "cc")
        for t in c.subtree
    )


def _own_verb(token: Token | None) -> Token | None:
    while token is not None and token.pos_ not in ("VERB", "AUX"):
        token = None if token.head.i == token.i else token.head
    return token


def _approx(doc: Doc, first: Token) -> tuple[str | None, int]:
    """How words before the number bound it ("min": "at least", "max": "nearly", "about"), and
    where those words start. They stand before a currency sign: "at least $3 billion"."""
    at = first.i - 1 if first.i > 0 and doc[first.i - 1].text in CURRENCY else first.i
    if (
        at > 0
        and doc[at - 1].lower_ in ("a", "an")
        and (first.lower_ == "dozen" or first.lower_ in SCALES)
    ):
        at -= 1  # "more than a dozen blows", "nearly a million people"
    before = doc[max(0, at - 3) : at]
    low = [t.lower_ for t in before]
    for n in (3, 2, 1):
        words = " ".join(low[-n:])
        if len(low) >= n and words in APPROX_WORDS:
            bound = "min" if words in MIN_WORDS else "max" if words in MAX_WORDS else "about"
            return bound, at - n
    return None, first.i


def _is_unit(token: Token) -> bool:
    return token.lower_ in ("percent", "%") or lemma(token.lower_) in MEASURES


# Words before "X to Y" that make X a change and Y the level reached, not a range.
_MOVES = frozenset(
    """rise fall climb drop gain jump slide slip increase decrease decline grow soar plunge
    tumble sink edge surge up down""".split()
)


def _moved(token: Token) -> bool:
    """ "rose $1.19 to", "up 12 to", "rose from 15 to": the number is what changed."""
    if token.lower_ == "from" and token.i > 0:
        token = token.doc[token.i - 1]
    return token.lower_ in _MOVES or token.lemma_.lower() in _MOVES


def _upper(doc: Doc, first: Token, last: Token) -> tuple[float | None, int]:
    """A range's upper end: "15 to 20", "between 10 and 15", "$6 million to $7 million", "10
    percent to 30 percent", "90 or 95 percent"."""
    i = last.i + 1
    unit = doc[i].lower_ if i < len(doc) and _is_unit(doc[i]) else None
    if unit is not None:  # "10 percent to 30 percent": the unit is said twice
        i += 1
    j = i + 2 if i + 1 < len(doc) and doc[i + 1].text in CURRENCY else i + 1
    joins = ("to", "-", "–", "and", "or")
    if j < len(doc) and doc[i].lower_ in joins and is_number(doc[j]):
        if unit is not None and not (j + 1 < len(doc) and doc[j + 1].lower_ == unit):
            return None, last.i
        at = first.i - 1 - (first.i > 0 and doc[first.i - 1].text in CURRENCY)
        opener = doc[at] if at >= 0 else None
        if doc[i].lower_ == "and" and (opener is None or opener.lower_ != "between"):
            return None, last.i
        if doc[i].lower_ == "to" and opener is not None and _moved(opener):
            return None, last.i  # "shares rose $1.19 to $47.50": a change, then the new level
        phrase = _phrase(doc, doc[j])
        value = _value(phrase)
        if value is not None:
            return value[0], phrase[-1].i
    return None, last.i


def _ranged(
    doc: Doc, phrase: list[Token], parsed: tuple[float, float | None]
) -> tuple[float, float | None, list[Token]]:
    """(value, upper, phrase) with a range's second number read into the phrase."""
    value, upper = parsed
    if upper is None:
        upper, last_i = _upper(doc, phrase[0], phrase[-1])
        if upper is not None and upper <= value:
            upper, last_i = None, phrase[-1].i
        if upper is not None and phrase[-1].i + 2 <= last_i and len(phrase) == 1:
            scale = [t.text for t in doc[phrase[-1].i + 2 : last_i + 1] if t.lower_ in SCALES]
            scaled = phrase_value([phrase[0].text, *scale])  # "10 to 15 million"
            # a range rises: "$400,000 to $10 million" is whole already, no $400 billion
            value = scaled if scaled is not None and scaled <= upper else value
        phrase = [*phrase, *doc[phrase[-1].i + 1 : last_i + 1]]
    return value, upper, phrase


# Counts of people who moved: where they went is where they are counted.
_MOVED = frozenset(("displaced", "evacuated"))


def _quantity(
    doc: Doc, phrase: list[Token], sentence: Sentence, window: tuple[str, int] | None
) -> Quantity | None:
    parsed = _value(phrase)
    if parsed is None or not_a_count(doc, phrase, parsed[0]):
        return None
    value, upper, phrase = _ranged(doc, phrase, parsed)
    num = head_of(phrase)
    kind, unit, scope, end_i = counted_thing(num, phrase, doc)
    tally = _tally_noun(num, doc[end_i], kind, unit)
    place = _place(num, doc[end_i], doc, tally=tally)
    # "78,000 refugees have fled to Ingushetia": a part of all who fled, as a site is
    moved_to = destination(doc[end_i], doc) if place is None and kind in _MOVED else None
    place = place or moved_to
    if kind in WON and unit == kind and not capacity_compound(num, doc):  # "300-seat Parliament"
        place = place or chamber(doc[end_i])  # "52 Senate seats", "200 seats in the House"
    if kind == "percent" and place is not None and scope and place.lower() in scope.split():
        place = None  # "Zyuganov 29 percent" read as a place: whose share it is, not where
    tallied = tally if tally is not None else num if kind in PEOPLE_KINDS else None
    site = where_site(tallied, doc) if place is None and tallied is not None else None
    area = None
    if place is None and site is None and tally is not None:
        # "20 killed in Taiz, Hudeida and Sana'a": no one place's count, but the story is in several
        listed = listed_places(num, doc[end_i])
        area = LISTED if listed else clause_place(num, tally, doc)
    if kind == "length" and scope is None and token_lemma(doc[end_i]) == unit:
        scope = length_scope(doc[end_i])  # "54-meter-high balloon", "down to 16,700 feet"
    if not kind or kind in TIME_UNITS or unit in TIME_UNITS or not any(map(str.isalpha, kind)):
        return None  # no counted thing, a duration, or a dash read as a noun ("the two _ held")
    if kind == "one":
        return None  # "the two main ones": a pronoun stands for what is counted
    if kind in _EMPTY_NOUNS:
        return None  # "Three things to know", "five ways to help": a list, not the news
    if kind == "money" and scope in _THRESHOLDS:
        return None  # "turnover has broken the £200m barrier": a round mark passed, not a sum
    if kind == "money" and per_unit(num):
        # "the $25-per-share sale price" is no sale price of its own: a price per unit says
        # which sum it is no more than "$25" alone (and the next sentence's "$25" elides it)
        scope = None
    if named_or_described(doc, phrase, num, kind, value):
        return None
    if kind == unit and kind not in PEOPLE and speaks(num):
        return None  # "two newspapers reported", "three officials said": who tells, not news
    verb = clause_verb(num)
    described = verb is not None and verb.lemma_ == "have"
    if kind == unit and kind in PEOPLE and (phrase[0].lower_ == "one" or described):
        return None  # "one man", "he has two children": people picked out or described
    if kind == unit and kind in PEOPLE and _theirs(num):
        return None  # "who waited with her two children": a person's family, described
    if kind == unit and _paces_from(num):
        return None  # "his house stands two streets from the embankment": where, not how many
    if phrase[0].lower_ == "one" and _picked_out(num):
        return None  # "One survivor wept quietly": a person the story turns to, not a count
    if kind in PEOPLE_KINDS and scope is None and _over_several(verb):
        scope = "in all"  # "the attacks killed two people": a total, not one attack's toll
    if is_increment(num, counted_noun(num)):
        scope = INCREMENT  # "three more bodies": what a running count grew by, not the count
    if superseded_figure(verb):
        scope = SUPERSEDED  # "initial reports that 176 had died": a figure since superseded
    scope = bodies_handled(kind, verb) or scope  # "75,000 bodies had been buried": burials
    scope = scope or severity(counted_noun(num) or num, kind)  # "critically injured 99"
    bound, start_i = _approx(doc, phrase[0])
    if bound is None and doc[end_i].lower_.endswith("-plus"):
        bound = "min"
    if phrase[0].i > 0 and doc[phrase[0].i - 1].text in CURRENCY and kind == "money":
        start_i = min(start_i, phrase[0].i - 1)
    end_i = max(end_i, phrase[-1].i)
    if doc[end_i].i - phrase[-1].i > 6:  # the noun is far away: cite the number only
        end_i = phrase[-1].i
    start = doc[start_i].idx
    end = doc[end_i].idx + len(doc[end_i].text.removesuffix("."))  # "£24m." ends a sentence
    return Quantity(
        value=value,
        approx=bound is not None,
        bound=bound,
        unit=unit,
        kind=kind,
        text=sentence.text[start:end],
        article_id=sentence.article_id,
        start=sentence.start + start,
        end=sentence.start + end,
        upper=upper,
        place=place or site or (area if area == WORLD else None),
        site=site is not None or moved_to is not None,
        area=None if area == WORLD else area,
        event=token_lemma(verb) if verb is not None and not whole_of_part(num, phrase[0]) else None,
        window=_window_of(doc, num, window, kind),
        scope=scope,
        # a running total ("bringing the toll to 53") counts every day so far, not one day's
        day=None if total_noun(num) else happening_day(verb),
        set_in=happening_year(verb) or headed_year(doc, num.i),
        years_back=happening_years_back(verb),
        foreseen=foreseen(verb, num),
        total=total_noun(num) is not None,
        standing=standing(num, tally) if tally is not None else None,
    )


def _tally_noun(num: Token, noun: Token, kind: str, unit: str) -> Token | None:
    """The noun a count of people or of cases stands on: the counted noun ("26 confirmed
    deaths"), or for a bare number the running count it is the value of ("the total number of
    confirmed cases in the UK to 13": its cases; "Mexico's confirmed death toll ticked up to
    44": the toll). None for other counts."""
    if kind not in PEOPLE_KINDS and unit not in CASE_UNITS:
        return None
    if noun.i != num.i and noun.pos_ in ("NOUN", "PROPN") and noun.lower_ not in SCALES:
        return noun
    total = total_noun(num)
    if total is None:
        verb = num.head.head if num.dep_ == "pobj" else num.head
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        total = next((c for c in subjects if token_lemma(c) in ("toll", "number", "total")), None)
    if total is None:
        return None
    of = [c for c in total.children if c.dep_ == "prep" and c.lower_ == "of"]
    counted = [p for o in of for p in o.children if p.dep_ == "pobj"]
    return counted[0] if counted else total


def _place(num: Token, noun: Token, doc: Doc, *, tally: Token | None) -> str | None:
    """Where a count is: what ``place_of`` ties to it; for a count of people or of cases also
    the place its tally noun is tied to, or the subject that is a place ("Istanbul is the
    hardest hit and 107 bodies ...", ``toll_place``)."""
    place = place_of(num, noun, doc)
    if place is not None or tally is None:
        return place
    if tally.i != noun.i:
        place = place_of(num, tally, doc)
    return place or toll_place(num) or where_place(tally, doc) or opening_place(num, doc)


# Quantities of sentences already read, by parser and text (offsets relative to the sentence):
# a story that gains an article is read again for its page, and only the new sentences need the
# parser. Bounded; the oldest entries go first.
_READ: weakref.WeakKeyDictionary[Any, OrderedDict[str, tuple[Quantity, ...]]] = (
    weakref.WeakKeyDictionary()
)
_READ_LIMIT = 50_000
_read_lock = threading.Lock()


def extract_many(parser: Any, sentences: Iterable[Sentence]) -> list[tuple[Quantity, ...]]:
    """Quantities of many sentences, parsed in one batch; one tuple per sentence, in order.

    Sentences without a number that may count (``needs_parse``) skip the parser, and so do
    sentences read before (``_READ``) and those of a worked example (``facts.examples``: its
    numbers illustrate, they report nothing); a text given twice is parsed once. The others are
    tagged and parsed, and the entity recogniser, half the parse's time, runs only on those where a
    number is left once the rules that need no entities have ruled out years, ages, times and the
    like (entities can only rule out more numbers; they never make one).
    """
    given = list(sentences)
    items = _with_labels(given)
    examples = in_examples(given)
    with _read_lock:
        known = _READ.setdefault(parser, OrderedDict())
        found = {s.text: known[s.text] for s in items if s.text in known}
    # Each text once: wire copies and quoted statements repeat sentences across a story.
    todo = list(
        dict.fromkeys(
            s.text
            for k, s in enumerate(items)
            if s.text not in found and examples.get(k) != 0 and needs_parse(s.text)
        )
    )
    docs = [parser.make_doc(text) for text in todo]
    for name, component in pipeline_steps(parser):
        if name != "ner":
            docs = list(component.pipe(docs, batch_size=64))
    keep = [k for k, doc in enumerate(docs) if _may_count(doc)]
    if "ner" in parser.pipe_names:
        named = parser.get_pipe("ner").pipe([docs[k] for k in keep], batch_size=64)
        for k, doc in zip(keep, named, strict=True):
            docs[k] = doc
    read: dict[str, tuple[Quantity, ...]] = dict.fromkeys(todo, ())
    for k in keep:
        text = todo[k]
        read[text] = quantities_in(docs[k], Sentence("", 0, len(text), text, 0, 0))
    with _read_lock:
        for text, quantities in read.items():
            known[text] = quantities
        while len(known) > _READ_LIMIT:
            known.popitem(last=False)
    found.update(read)
    markers = list_markers(given)
    return [
        _placed(
            found.get(s.text, ()),
            s,
            cut=len(s.text) - len(g.text),
            example=examples.get(k),
            marker=markers.get(k, 0),
        )
        for k, (s, g) in enumerate(zip(items, given, strict=True))
    ]


_LABEL_LINE = re.compile(r"^\W*([A-Za-z]+(?: [A-Za-z]+){0,2}):$")


def _with_labels(items: Sequence[Sentence]) -> list[Sentence]:
    """Sentences as they are read: a figure standing under a fact box's label line ("*DEAD:",
    then "At least 12,018") is read with the label before it, as "DEAD: At least 12,018"."""
    out = list(items)
    for k in range(1, len(items)):
        label, line = items[k - 1], items[k]
        matched = _LABEL_LINE.match(label.text.strip())
        if matched and label.article_id == line.article_id and NUMBER_HINT.search(line.text[:20]):
            out[k] = replace(line, text=f"{matched[1]}: {line.text}")
    return out


def _placed(
    quantities: tuple[Quantity, ...],
    sentence: Sentence,
    *,
    cut: int = 0,
    example: int | None,
    marker: int = 0,
) -> tuple[Quantity, ...]:
    """Quantities read from a sentence's text, placed in its article (``cut``: the length of a
    label read before the sentence, see ``_with_labels``; ``example``: where in the sentence a
    worked example begins, whose numbers are left out; ``marker``: the length of a numbered
    list's item number that opens it, ``facts.listing``)."""
    at = sentence.start - cut
    return tuple(
        replace(q, article_id=sentence.article_id, start=q.start + at, end=q.end + at)
        for q in quantities
        if q.start >= cut + marker and (example is None or q.start - cut < example)
    )


def _may_count(doc: Doc) -> bool:
    """Whether a parsed sentence holds a number the rules without entities do not rule out."""
    for token in doc:
        if not is_number(token):
            continue
        if vote_tally(doc, token) is not None:
            return True
        phrase = _phrase(doc, token)
        parsed = _value(phrase)
        if parsed is not None and not not_a_count(doc, phrase, parsed[0]):
            return True
    return False
