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
  what the sentence's previous count counts, under its own verb: ``facts.elided``);
* the happening: the verb that governs the phrase ("struck", "killed", "evacuated");
* the place it is scoped to ("in Kenya") and a time window ("in the past 24 hours", "in March":
  ``facts.windows``);
* approx ("at least", "some", "more than") and ranges ("15 to 20", "10-15 million", "10 percent
  to 30 percent", "90 or 95 percent"), read with the number's words (``facts.phrases``);
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
ordinal, a fraction or ratio ("one in every 500 users"; a rate's denominator, "per 100,000
residents"), a model's number ("GT 650M"), or a vague plural ("dozens", "several dozen"); nor when
it describes rather than counts (a person's height or weight, the family someone comes from, "one
of six children", a ranking: "the two biggest factions", "the only two airlines", "its two main
banks"), or counts who tells the news ("two newspapers reported"); nor when it belongs to another
happening or to no happening at all: a clause set in another, named event ("in a 1983 submarine
accident", "in the last major accident", "in that quake", "two previous attempts"), what would have
been or a rule's condition ("would have penetrated 40 feet", "after 40 countries ratify it"), harm
that nearly happened ("two nearly killed"), a threshold ("four degrees or above"), how often ("five
or six times"), a figure worked out from others ("a 41 percent premium", "a $21 billion
difference"), what a company earns ("$13 billion in revenue"), the size of a class, an organisation
or a named place ("one of 38 states", "the 14 members of the bloc", "the 530,000-acre forest",
"the nation's 2.2 million service members"), the
few parts a thing is made of ("falls into two categories"), what the story is set against ("more
deadly than a siege in January carried out by three militants", "the deadliest since the 2004
bombings, which killed 191"), a rating ("four stars out of five"), the numbers of a numbered list
(``facts.listing``), a count pointed back to or restating names ("those two officials", the parties
of a relation: "tensions between the two neighbors", "two sides", "the two cities of Damascus and
Aleppo", "Kenya and Tanzania ... the two countries"), or introducing as many names after it ("two
mules, Sadie and Daisy"; not a toll or a count of people charged, which GUIDELINES counts even when
they are named), a number word in a name ("the Two Securities Centre"), a position ("lived two
doors away"), the same amount in brackets in other units ("400,000 rubles (about 13,928
dollars)"), what a clause denies or supposes ("there aren't just two elements", "never got
within six feet", "we wouldn't have seen 100,000 lives lost"), or who a sentence is "according
to" ("the two groups' statements"). These are dropped here (``facts.excluded``), and so is a
figure standing alone with no word to say what it counts (a table's cell: "£1.7bn"). A
thousands comma typed with a space ("150, 000") reads as one number. What a number counts is
read by ``facts.nouns`` (with ``facts.people``, ``facts.measures`` and ``facts.holders``), where
by ``facts.placing``, on ``facts.reading``'s parse helpers.
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
    able,
    foreseen,
    happening_day,
    happening_season,
    happening_year,
    happening_years_back,
    headed_year,
    superseded_figure,
)
from storyline.facts.descriptions import KIN
from storyline.facts.dimensions import length_scope
from storyline.facts.elided import conjoined, listed_after, part_of, rivals, running_total
from storyline.facts.examples import in_examples
from storyline.facts.excluded import named_or_described, not_a_count
from storyline.facts.holders import chamber
from storyline.facts.illness import CASE_UNITS
from storyline.facts.listing import list_markers
from storyline.facts.models import Quantity
from storyline.facts.nouns import capacity_compound, counted_thing, per_unit
from storyline.facts.numbers import CURRENCY, MONTHS, NUMBER_HINT, PEOPLE, SCALES, TIME_UNITS
from storyline.facts.parser import pipeline_steps
from storyline.facts.phrases import bound_before, number_phrase, read_value, with_range
from storyline.facts.placing import LISTED, WORLD, listed_places, place_of, toll_place
from storyline.facts.reading import (
    CASUALTY,
    HAPPENED_TO,
    PEOPLE_KINDS,
    PLACE_ENTS,
    WON,
    Doc,
    Token,
    bodies_handled,
    clause_verb,
    counted_noun,
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
from storyline.facts.windows import sentence_window, window_of
from storyline.models import Sentence

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
    if _instruction(doc) or not any(t.is_alpha for t in doc):
        # a figure on its own ("£1.7bn", "$24bn (£15.73bn)": a table's cells, one per line on
        # a WikiRef page) says nothing of what it counts; the held-out sample agreed one sum of
        # a TV deal with another's
        return ()
    asked = _asked_from(sentence.text)
    out: list[Quantity] = []
    taken: set[int] = set()
    window = sentence_window(sentence.text)
    for token in doc:
        if token.i in taken or not is_number(token) or token.idx >= asked:
            continue
        tally = vote_tally(doc, token)
        if tally is not None:
            out += _votes(doc, tally, sentence)
            taken.update(range(token.i, token.i + 3))
            continue
        phrase = number_phrase(doc, token)
        taken.update(t.i for t in phrase)
        quantity = _quantity(doc, phrase, sentence, window)
        if quantity is None and out:
            quantity = (
                listed_after(doc, phrase, sentence, out[-1])
                or conjoined(doc, phrase, sentence, out[-1])
                or part_of(doc, phrase, sentence, out[-1])
                or running_total(doc, phrase, sentence, out[-1])
                or rivals(doc, phrase, sentence, out[-1])
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
        "season": happening_season(verb),
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


# What opens a question asked inside a statement ("... gathered Friday and were asked: Has
# mankind reached too far?", DUC's Concorde memorial; "now has 2,029 points in 106 games, but
# who's counting?", ECB+): a colon, semicolon or dash, an opening quotation mark, ", but".
_QUESTION_OPENS = re.compile(r"(?:[:;]|--|—|“|``|(?<![\w.,])\"|,\s+but\b)\s*(?=\S)")


def _asked_from(text: str) -> int:
    """Where a sentence starts asking rather than telling: the whole of a sentence that ends on
    a question mark ("Is n't 150 deaths rather a small figure?", a Timeline17 reader's comment
    that agreed with a report of up to 176 dead), from its last colon or opening quotation mark
    if it has one; past its end if it asks nothing. What a question counts, nobody reported."""
    if not text.rstrip(" \"'”’)»").endswith("?"):
        return len(text)
    opens = list(_QUESTION_OPENS.finditer(text))
    return opens[-1].end() if opens else 0


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


# Kin a family is listed with: "lived with his wife and six children"; only with verbs of a
# household ("had bludgeoned his wife and 2 children to death", DUC, is a toll).
_SPOUSES = frozenset("wife husband spouse partner".split())
_HOUSEHOLD = frozenset("live have raise support survive share".split())


def _theirs(num: Token) -> bool:
    noun = num.head if num.dep_ == "nummod" else None
    if noun is None:
        return False
    carried = token_lemma(noun) in _CARRIED
    if any(
        c.dep_ == "poss" and c.lower_ in _POSSESSIVE and not (carried and c.lower_ == "its")
        for c in noun.children
    ):
        return True
    return token_lemma(noun) in KIN and _a_persons_kin(noun)


def _a_name(token: Token) -> bool:
    """A person's or a family's name ("the Whitakers'", which the tagger may read as a firm):
    a proper name that is not a place's."""
    return token.pos_ == "PROPN" and token.ent_type_ not in PLACE_ENTS


def _a_persons_kin(noun: Token) -> bool:
    """Kin a named person has ("the Obamas' two daughters joined their mother", a WikiRef
    convention page) or a household listed after a spouse ("lived with his wife and six
    children", a profile): whom someone has, not a count of the story; a toll of kin ("killed
    his wife and two children") is left by the caller, and by the household verbs."""
    if any(c.dep_ == "poss" and _a_name(c) for c in noun.children):
        return True
    spouse = noun.head if noun.dep_ == "conj" else None
    if spouse is None or token_lemma(spouse) not in _SPOUSES:
        return False
    verb = clause_verb(spouse)
    family = verb is not None and token_lemma(verb) in _HOUSEHOLD
    return family and any(c.dep_ == "poss" and c.lower_ in _POSSESSIVE for c in spouse.children)


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


# Words ending in "-est" that are nouns, not superlatives ("two contests", "a forest").
_NOUNS_IN_EST = frozenset(
    """arrest behest chest conquest contest crest digest forest guest harvest honest inquest
    interest invest manifest nest pest protest quest request rest suggest test unrest vest west
    zest""".split()
)


def _stands_in(noun: Token, kind: str, unit: str, value: float) -> bool:
    """Whether the word read as counted is a superlative standing for a thing named elsewhere
    ("the four nearest the epicentre", "the two largest"; a singular word after a count of
    several): the count is of the things it points to, which the parse does not say (a WikiRef
    page listed "4 nearest"). Not "others": "two others are awaiting extradition" (dev) are the
    people charged, though the sentence names them only by "those"."""
    word = noun.lower_
    singular = noun.tag_ in ("NN", "JJS") and value > 1
    superlative = word in ("most", "least", "worst") or (
        word.endswith("est") and word not in _NOUNS_IN_EST
    )
    return kind == unit == word and singular and superlative


# Counts of people who moved: where they went is where they are counted.
_MOVED = frozenset(("displaced", "evacuated"))


def _quantity(
    doc: Doc, phrase: list[Token], sentence: Sentence, window: tuple[str, int] | None
) -> Quantity | None:
    parsed = read_value(phrase)
    if parsed is None or not_a_count(doc, phrase, parsed[0]):
        return None
    value, upper, phrase = with_range(doc, phrase, parsed)
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
    if kind == "one" or _stands_in(doc[end_i], kind, unit, value):
        return None  # "the two main ones", "four nearest": a word stands for what is counted
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
    if kind == unit and kind not in PEOPLE and kind != "percent" and speaks(num):
        return None  # "two newspapers reported", "three officials said": who tells, not news
        # ("74% of over-65s saying they would" is a poll's share of those who say it)
    verb = clause_verb(num)
    described = verb is not None and verb.lemma_ == "have"
    if kind == unit and kind in PEOPLE and (phrase[0].lower_ == "one" or described):
        return None  # "one man", "he has two children": people picked out or described
    # "killing a woman, her three daughters": a toll of kin, whatever the kin word
    kin = kind in KIN and (verb is None or token_lemma(verb) not in HAPPENED_TO)
    if kind == unit and (kind in PEOPLE or kin) and _theirs(num):
        return None  # "who waited with her two children", "their two daughters": a family
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
    bound, start_i = bound_before(doc, phrase[0])
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
        window=window_of(doc, num, window, kind),
        scope=scope,
        # a running total ("bringing the toll to 53") counts every day so far, not one day's
        day=None if total_noun(num) else happening_day(verb),
        set_in=happening_year(verb) or headed_year(doc, num.i),
        years_back=happening_years_back(verb),
        season=happening_season(verb),
        foreseen=foreseen(verb, num),
        able=able(verb),
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
        phrase = number_phrase(doc, token)
        parsed = read_value(phrase)
        if parsed is not None and not not_a_count(doc, phrase, parsed[0]):
            return True
    return False
