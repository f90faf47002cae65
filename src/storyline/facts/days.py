"""When a counted happening took place, as its own clause says it.

War and crisis news reports many incidents of one kind a day: "95 civilians were killed Monday"
and "forces killed 67 civilians on Wednesday" are two days' tolls, not one toll that fell, and a
toll "in 1976" in a story of 2009 is background, not the story's. Only a day or a year that hangs
on the verb of the number's own clause counts (the parse says so): "said on Friday" dates the
telling, and "the toll rose to 45 on Friday" the tally, which the report's date already gives.

The parse reads a day as an expression ("weekday:0", "back:1", "date:2-7"), which stays the same
whatever the article's date, so that parsed sentences can be cached by their text alone;
:func:`resolve_day` turns it into a date against the publication date.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from storyline.facts.numbers import MEASURES, lemma

Token = Any  # spaCy Token
Doc = Any  # spaCy Doc

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {
    name: k + 1
    for k, names in enumerate(
        (
            "january jan",
            "february feb",
            "march mar",
            "april apr",
            "may",
            "june jun",
            "july jul",
            "august aug",
            "september sep sept",
            "october oct",
            "november nov",
            "december dec",
        )
    )
    for name in names.split()
}
# Verbs that keep a tally rather than name a happening: the day they carry is when the count
# stood ("rose to 45 on Friday"), which the report's own date already says.
TALLY_VERBS = frozenset(
    "rise climb reach stand jump increase grow put raise revise lower be have say report confirm "
    "total number count remain estimate tell announce add".split()
)
_BACK = {"yesterday": 1, "today": 0, "tonight": 0}
# Prepositions that set a happening on a day or in a year ("on Monday", "in 1976").
_DAY_PREPS = frozenset("on overnight during in".split())


def _expression(token: Token) -> str | None:
    """The day one phrase names: "Monday", "Friday night", "last night", "February 7"."""
    words = [t.lower_.rstrip(".") for t in token.subtree][:4]
    day = next((w for w in words if w in WEEKDAYS), None)
    if day is not None:
        # "last Tuesday" is the latest Tuesday to some writers and the one before to others
        ambiguous = {"last", "next", "this", "every", "previous"} & set(words)
        return None if ambiguous else f"weekday:{WEEKDAYS.index(day)}"
    if token.lower_ in _BACK:
        return f"back:{_BACK[token.lower_]}"
    if token.lower_ == "night" and "last" in words:
        return "back:1"
    month = MONTHS.get(token.lower_.rstrip("."))
    if month is not None and token.lower_ != "may":
        numbers = [t for t in token.children if t.text.isdigit() and 1 <= int(t.text) <= 31]
        if len(numbers) == 1:
            return f"date:{month}-{int(numbers[0].text)}"
    return None


def _when_phrases(verb: Token) -> list[Token]:
    """The verb's own phrases of time: "killed Monday", "killed on Monday", "in 1976", and the
    day of the event it happened in ("killed in last night's raids", "in Monday's attack",
    "wounded in clashes around the country on Wednesday": the day the clashes were on is the
    day of the wounding, however the parse hangs it)."""
    out = []
    for child in verb.children:
        if child.dep_ in ("npadvmod", "tmod", "obl"):
            out.append(child)
        elif child.dep_ == "prep" and child.lower_ in _DAY_PREPS:
            objects = [t for t in child.children if t.dep_ == "pobj"]
            out += objects + [t for o in objects for t in o.children if t.dep_ == "poss"]
            out += [t for o in objects if o.pos_ == "NOUN" for t in _event_day(o)]
            out += _day_after(child)
    return out


def _day_after(prep: Token) -> list[Token]:
    """The day written right after the verb's preposition where the parse hangs it elsewhere:
    wire copy opens "On April 13 police in Quanzhou arrested five people" with no comma, and
    the parse reads "April 13" as a modifier of "police" (or leaves "On" with no object), so
    the day the arrests happened on would be lost."""
    if prep.i + 1 >= len(prep.doc):
        return []
    after = prep.doc[prep.i + 1]
    hung_elsewhere = after.head is not prep  # else it is the object, read already
    return [after] if hung_elsewhere and _expression(after) is not None else []


def _event_day(event: Token) -> list[Token]:
    """The day phrase of an event noun the happening took place in: "clashes ... on
    Wednesday", "an attack on Monday" (not "the attack on the embassy": no day in it)."""
    return [
        t
        for prep in event.children
        if prep.dep_ == "prep" and prep.lower_ == "on"
        for t in prep.children
        if t.dep_ == "pobj"
    ]


def _day_of(verb: Token) -> str | None:
    found = {e for e in map(_expression, _when_phrases(verb)) if e is not None}
    return found.pop() if len(found) == 1 else None


# How many clauses up a happening's day is looked for, each going on from the one above it.
_CHAIN = 3


def happening_day(verb: Token | None) -> str | None:
    """The one day the happening's clause names, as an expression (see the module docstring);
    None when it names none, several, or the verb keeps a tally. A clause that goes on from
    another happening ("detonated bombs Friday night, killing 10"; "tanks attacked last night,
    and 18 people have been killed"), or from a clause that goes on from one ("opened fire on
    Friday, killing 30 and leaving 100 wounded"), happened on that one's day."""
    if verb is None or verb.lemma_.lower() in TALLY_VERBS:
        return None
    day = _day_of(verb)
    on = verb
    # up a chain of such clauses: "On Friday, police opened fire, killing 30 and leaving more
    # than 100 wounded" (leaving goes on from killing, which goes on from the firing)
    for _ in range(_CHAIN):
        head = on.head
        goes_on = on.dep_ in ("advcl", "conj") and head is not on and head.pos_ == "VERB"
        # not a clause set against the other's time ("three days after militants attacked,
        # killing 16, Morsy acted on Wednesday"): its day is not the other's
        timed = any(c.dep_ == "mark" for c in on.children)
        if day is not None or not goes_on or timed or head.lemma_.lower() in TALLY_VERBS:
            break
        day, on = _day_of(head), head
    if day is None:  # "eight were killed and 340 wounded in clashes on Wednesday": one day
        joined = [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"]
        days = {_day_of(c) for c in joined if c.lemma_.lower() not in TALLY_VERBS} - {None}
        day = days.pop() if len(days) == 1 else None
    return day


def happening_year(verb: Token | None) -> int | None:
    """The year the happening's clause sets it in ("in 1976 an outbreak infected 200", "an
    outbreak in 1976 infected 200", "the 1995 earthquake killed 6,400"), if one; a clause that
    goes on from another ("during the 2003 outbreak 8,000 fell ill and 774 died") is set where
    that one is."""
    if verb is None or verb.lemma_.lower() in TALLY_VERBS:
        return None
    year = _year_of(verb)
    head = verb.head
    goes_on = verb.dep_ in ("advcl", "conj") and head is not verb and head.pos_ == "VERB"
    if year is None and goes_on and head.lemma_.lower() not in TALLY_VERBS:
        year = _year_of(head)
    if year is None and verb.dep_ == "relcl":
        # "in 1996-97, when an estimated 100,000 were infected": the clause hangs on the year
        year = int(head.text) if _a_year(head) else _year_of_noun(head)
    return year


def _year_of_noun(noun: Token) -> int | None:
    """The year of the happening a relative clause hangs on: "the 1980 earthquake in Italy, which
    claimed 3,000 lives" names it; "in 1946 a quake hit ... and produced a tsunami that killed
    2,000" sets the clause whose object it is."""
    for name in (noun, noun.head.head if noun.head.dep_ == "prep" else None):
        if name is not None and name.pos_ in ("NOUN", "PROPN"):
            years = {int(c.text) for c in name.children if c.dep_ in _NAMING and _a_year(c)}
            if len(years) == 1:
                return years.pop()
    governs = noun.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and noun.head.pos_ == "VERB"
    return happening_year(noun.head) if governs and noun.head is not noun else None


def headed_year(doc: Doc, before: int | None = None) -> int | None:
    """The year a list entry is headed with ("1968: An outbreak first detected in Hong Kong killed
    up to one million"): a chronology of earlier events set inside a report. A web page's
    chronology loses the line ends before its entries, so an entry may also start inside the
    sentence, after the lower-case end of a line ("... were particularly vulnerable 1968: An
    outbreak ... killed"): the nearest such heading before token ``before`` heads its entry
    (not a dated line, "7 May 2009: Ministers ...", whose year follows a month, nor "rose in
    2009: ...", a year that dates the clause before)."""
    if len(doc) > 2 and _a_year(doc[0]) and doc[1].text in (":", "-", "–"):
        year = int(doc[0].text)
    else:
        year = None
    for token in doc[1 : (len(doc) if before is None else before) - 2]:
        after = doc[token.i + 1 : token.i + 3]
        prev = doc[token.i - 1]  # "vulnerable 1968:", not "rose in 2009:", which dates a clause
        glued = prev.is_lower and prev.is_alpha and prev.pos_ not in ("ADP", "DET")
        if _a_year(token) and glued and after[0].text == ":" and after[1].is_title:
            year = int(token.text)
    return year


def _year_of(verb: Token) -> int | None:
    years = set()
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    # "the last pandemic, in 1968, killed a million": the year of the subject is the happening's
    phrases = _when_phrases(verb) + [p for s in subjects for p in _when_phrases(s)]
    # "the 1995 Kobe earthquake killed 6,400": a year naming the subject names its happening
    # ("1000 jerrycans will follow" counts them: a plural's number is no year)
    named = [s for s in subjects if s.tag_ in ("NN", "NNP")]
    phrases += [c for s in named for c in s.children if c.dep_ in _NAMING and _names(c, s)]
    for phrase in phrases:
        for token in phrase.subtree:
            # not a year a span runs from: "killed 40 on Monday, the worst toll since 1998"
            if _a_year(token) and token.head.lower_ not in ("since", "until"):
                years.add(int(token.text))
    # Several years ("in 1692 in Jamaica ...; in Leeward Islands in 1843, a quake killed 5,000",
    # a list the parse hangs on one verb): the happening is no later than the latest of them,
    # so that one says whether it is background.
    return max(years) if years else None


_NAMING = frozenset("nummod compound amod nmod".split())


def _names(year: Token, subject: Token) -> bool:
    """Whether a year stands before the subject's own words ("the 1995 Kobe earthquake"), not
    before a unit it measures in ("a 1066 MHz front-side bus", "the 1500 km pipeline", which
    the parse may hang on the subject: a speed, a length), nor before another word of the
    subject's phrase."""
    if not _a_year(year) or year.i + 1 >= len(year.doc):
        return False
    after = year.doc[year.i + 1]
    # a unit is a measure's word or written as one: a capital inside a mixed-case word ("MHz")
    unit = lemma(after.lower_) in MEASURES or (
        not after.is_upper and after.text[1:] != after.text[1:].lower()
    )
    return not unit and (after.i == subject.i or after.head.i == subject.i)


def _a_year(token: Token) -> bool:
    return bool(token.text.isdigit() and len(token.text) == 4 and 1000 <= int(token.text) <= 2100)


# "could", "may": what is possible; "expected to", "likely to": what is foreseen. Not "will":
# a plan announced ("will cut 5,000 jobs") is reported news that outlets can contradict.
_POSSIBLE = frozenset("could may might".split())
# Not "projected": an early projection the count replaces is an update ("projected to take 7
# percent", then 6 percent counted).
_FORESEEING = frozenset("expect forecast predict likely unlikely poised".split())


# Verbs after "can" that report a figure rather than say what a thing is able to do ("police
# can confirm 12 arrests").
_TELLING = frozenset("confirm say report tell reveal".split())


def able(verb: Token | None) -> bool:
    """Whether the clause says what a thing can do rather than what it did: "his jerrycan can
    provide 15,000 litres", "the airport can handle 120 flights a day" (Timeline17 Haiti). Not
    what cannot or can be done to what is counted ("three of the suspects cannot be charged
    again", DUC D0624F): that is said of the story's own people, not of a thing's capacity."""
    if verb is None or verb.lemma_.lower() in _TELLING:
        return False
    if any(c.dep_ in ("neg", "auxpass") for c in verb.children):
        return False
    return any(c.dep_ == "aux" and c.lower_ in ("can", "ca") for c in verb.children)


# Verbs whose subject a toll counts: "200,000 people may have died" gives a possible toll.
_DYING = frozenset("die perish kill".split())


def foreseen(verb: Token | None, num: Token) -> bool:
    """Whether the clause says what is expected or possible rather than what happened, of the
    count in its predicate: "the separatists were expected to win 77 seats", "the toll could
    reach 300", "up to 200,000 people may have died"; not "the 118 sailors on board could
    survive" (the sailors are counted, their survival is what may be). Such a value neither
    updates nor contradicts a reported one."""
    if verb is None:
        return False
    possible = any(c.dep_ == "aux" and c.lower_ in _POSSIBLE for c in verb.children)
    if possible and verb.lemma_.lower() in _DYING:
        return True  # "up to 200,000 people may have died": the toll itself is what may be
    if any(a.dep_ in ("nsubj", "nsubjpass") for a in (num, *num.ancestors)):
        return False
    if possible:
        return True
    head = verb.head
    return verb.dep_ == "xcomp" and head is not verb and head.lemma_.lower() in _FORESEEING


# An earlier figure a report recalls: "Initial reports that 176 people had died ... were only
# suspected cases", "Mexico was not certain at that stage that 60 people had been killed".
_EARLIER = frozenset("initial earlier previous original".split())
_REPORTS = frozenset("report estimate figure claim count toll tally".split())
_THEN = frozenset("stage point time".split())
# The sub-group of such figures: they stand apart from the day's count (``wording.describe``).
SUPERSEDED = "as first reported"


def superseded_figure(verb: Token | None) -> bool:
    """Whether the count's clause gives what earlier reports said or what was known at an
    earlier stage: the content of "initial reports that ...", or the complement of a verb set
    "at that stage" (or point, or time). Such a figure neither updates nor contradicts the
    day's: the report itself says it was superseded, so it is a sub-group of its own
    (``SUPERSEDED``)."""
    if verb is None or verb.head is verb:
        return False
    head = verb.head
    if verb.dep_ in ("acl", "relcl") and head.lemma_.lower() in _REPORTS:
        return any(c.dep_ == "amod" and c.lower_ in _EARLIER for c in head.children)
    if verb.dep_ != "ccomp":
        return False
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "at"):
        for obj in (c for c in prep.children if c.dep_ == "pobj" and c.lemma_.lower() in _THEN):
            if any(d.dep_ == "det" and d.lower_ == "that" for d in obj.children):
                return True
    return False


def happening_years_back(verb: Token | None) -> int | None:
    """How many years before the report the happening's clause sets it: "last year" 1, "this
    year" 0; a clause that goes on from another ("seven died and 55 others were infected") is
    set where that one is. None when the clause says neither."""
    if verb is None or verb.lemma_.lower() in TALLY_VERBS:
        return None
    back = _years_back(verb)
    head = verb.head
    if back is None and verb.dep_ in ("advcl", "conj") and head is not verb and head.pos_ == "VERB":
        back = _years_back(head)
    return back


def _years_back(verb: Token) -> int | None:
    found = set()
    for phrase in _when_phrases(verb):
        words = [t.lower_ for t in phrase.subtree]
        if words in (["last", "year"], ["this", "year"]):
            found.add(1 if words[0] == "last" else 0)
    return found.pop() if len(found) == 1 else None


# The last month of each season whose months lie in one year (winter spans two: left out).
SEASON_ENDS = {"spring": 5, "summer": 8, "fall": 11, "autumn": 11}


def happening_season(verb: Token | None) -> str | None:
    """The season "last" names in the happening's clause ("last summer, seven people died and
    62 others were infected"), which year it is in read later against the report's month
    (``season_year``); a clause that goes on from another is set where that one is."""
    if verb is None or verb.lemma_.lower() in TALLY_VERBS:
        return None
    season = _last_season(verb)
    head = verb.head
    goes_on = verb.dep_ in ("advcl", "conj") and head is not verb and head.pos_ == "VERB"
    return _last_season(head) if season is None and goes_on else season


def _last_season(verb: Token) -> str | None:
    found = set()
    for phrase in _when_phrases(verb):
        words = [t.lower_ for t in phrase.subtree]
        if len(words) == 2 and words[0] == "last" and words[1] in SEASON_ENDS:
            found.add(words[1])
    return found.pop() if len(found) == 1 else None


def season_year(season: str, published: date) -> int:
    """The year of "last summer" in a report of ``published``: the year before, where the
    report is written in or before the season's last month (in August, last summer is a year
    ago), else the report's own year (in October, it is the summer just gone)."""
    return published.year - 1 if published.month <= SEASON_ENDS[season] else published.year


def resolve_day(expression: str | None, published: date | None) -> date | None:
    """The date a day expression names, reading it back from the publication date: a weekday is
    the latest such day on or before it, "February 7" the latest such date."""
    if expression is None or published is None:
        return None
    what, _, arg = expression.partition(":")
    if what == "weekday":
        return published - timedelta(days=(published.weekday() - int(arg)) % 7)
    if what == "back":
        return published - timedelta(days=int(arg))
    if what == "date":
        month, day = (int(x) for x in arg.split("-"))
        for year in (published.year, published.year - 1):
            try:
                found = date(year, month, day)
            except ValueError:
                return None
            if found <= published:
                return found
    return None
