"""The time window a count covers: a span its sentence names ("in the past 24 hours"), a rate ("a
year", "daily"; not "the daily Haaretz", a newspaper), a calendar month ("killed in March") or
the days since a recent one ("since Tuesday"). A span covers the sentence's counts; a month, a
rate and "since" only those of the clause they are said in, so "the uprising, which began in
March, has killed 70,000" is no month's toll and a yearly rate is no count of the story's own
happening.
"""

from __future__ import annotations

import re

from storyline.facts.numbers import lemma, word_value
from storyline.facts.reading import PEOPLE_KINDS, Doc, Token

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

# "the daily Haaretz", "the Israeli daily", "the Haaretz daily said": a newspaper, not a count.
_NEWSPAPER_BEFORE = re.compile(r"(?:\b(?:the|a|an)|\b[A-Z][\w'’]*)\s+$")
_NEWSPAPER_AFTER = re.compile(r"^\s+[A-Z]")


def _newspaper(text: str, m: re.Match[str]) -> bool:
    return m[3] == "daily" and bool(
        _NEWSPAPER_BEFORE.search(text[: m.start()]) or _NEWSPAPER_AFTER.match(text[m.end() :])
    )


def sentence_window(text: str) -> tuple[str, int] | None:
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


def window_of(doc: Doc, num: Token, window: tuple[str, int] | None, kind: str) -> str | None:
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
