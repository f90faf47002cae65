"""Which days a sentence reports, and which it only names.

A timeline files a sentence under the day it reports. Many sentences name a day without
reporting it: as the frame of other news ("since February 17"), as a plan ("will vote on
Friday"), or as a page's publication stamp ("Tue Apr 21, 2009 10:19 pm BST"). These helpers read
that from the time expressions :func:`storyline.dates.resolve` finds; :mod:`storyline.timeline`
counts and quotes accordingly.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date

from storyline.dates import TimeExpression, iter_days, looks_forward


def reported_days(expressions: tuple[TimeExpression, ...]) -> list[date]:
    """The days a sentence reports: those it names one by one, else the days of its ranges.
    "struck 53 targets in the past 24 hours, the ministry said on Monday" reports Monday, and "in
    the past 24 hours" alone reports the day it was said (the range's end), not the day before."""
    single = [e for e in expressions if e.range_end is None]
    if any(e.value is not None and e.granularity == "day" for e in single):
        return sorted(set(iter_days(tuple(single))))
    trailing = tuple(
        dataclasses.replace(e, value=e.range_end, range_end=None)
        if e.relative is not None and e.range_end is not None
        else e
        for e in expressions
    )
    return sorted(set(iter_days(trailing)))


# Words that make a named day the frame of the sentence's news rather than its news: "fighting
# since February 17", "two days after March 3", "ahead of Friday's vote".
_BACKDROP = re.compile(
    r"\b(?:since|until|till|before|after|ahead\s+of|following|prior\s+to|as\s+of)"
    r"(?:\s+(?:on|the|last|early|late|mid))*\s*$",
    re.IGNORECASE,
)


def unreported_days(sentence: str, expressions: tuple[TimeExpression, ...]) -> frozenset[date]:
    """The days a sentence names without telling what happened on them: as the frame of other
    news ("have fought since February 17", "a week after Monday's vote") or as a plan ("the
    envoy is due to visit on Sunday"). Such a sentence still shows that the day matters (later
    reports refer back to landmarks that way, and the ranking counts it), but it is the last
    choice to quote under that day (Crisis AR-2 0.0224 -> 0.0239 for the frames, reimplemented
    ROUGE)."""
    framed: set[date] = set()
    told: set[date] = set()
    for expression in expressions:
        days = set(iter_days((expression,)))
        before = sentence[max(0, expression.start - 30) : expression.start]
        if _BACKDROP.search(before) or looks_forward(sentence, expression):
            framed |= days
        else:
            told |= days
    return frozenset(framed - told)


# A page's time stamp ("WASHINGTON | Tue Apr 21, 2009 10:19 pm BST", "updated: Wed Jan 26 2011
# 13:49") records when it was published, which publication volume already counts; read as a
# mention, it made every stamped article a calendar-date reference to its own day (about half
# the explicit dates of our Reuters-heavy Timeline17 h1n1 articles).
_CLOCK_AFTER = re.compile(r"^[\s,|-]*(?:(?:1[89]|20)\d\d[\s,|-]*)?\d{1,2}:\d\d\b")
_STAMP_BEFORE = re.compile(
    r"\b(?:updated|posted|published|modified)\s*(?:on|at)?\s*:?\s*"
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?\s*,?\s*)?$",
    re.IGNORECASE,
)


# A readers' comment or a live blog's post opens on its stamp: "March 23, 2011 at 1:46 pm | Good
# for France ...". A CNN page's comments gave one day of our Crisis libya copy 38 calendar-date
# "mentions", made it a timeline day on libya/reuters and guardian, and put "March 23, 2011 at
# 5:22 pm | A Committee ! ! !" on the timeline as that day's news. Only at the opening of the
# sentence: "the quake struck on January 12, 2010 at 4:53 pm" tells when it happened.
_OPENING = re.compile(r"[\W_]*")
_AT_CLOCK_AFTER = re.compile(r"^\s*,?\s*at\s+\d{1,2}:\d\d\b", re.IGNORECASE)


def time_stamp(sentence: str, expression: TimeExpression) -> bool:
    """Whether ``expression`` is a page's publication stamp rather than words naming a day: a
    date followed by a clock time, after "updated"/"posted", or opening the sentence with "at" a
    clock time after it."""
    after = sentence[expression.end : expression.end + 16]
    before = sentence[max(0, expression.start - 24) : expression.start]
    if _CLOCK_AFTER.search(after) or _STAMP_BEFORE.search(before):
        return True
    opening = _OPENING.fullmatch(sentence, 0, expression.start) is not None
    return opening and bool(_AT_CLOCK_AFTER.search(after))


# A photo caption's date: "... in Aleppo on July 25, 2012." or "In this Monday, Nov. 5, 2012
# file photo, ...". Captions write the year in full and close on the date or speak of the
# picture; prose about the days around its publication leaves the year out ("on July 25").
CAPTION_DAYS = 2
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_CLOSES = re.compile(r"[\s.)\]\"'”’]*")
_PICTURE = re.compile(
    r"\b(?:photo(?:graph)?s?|pictured|image\s+(?:grab|made|taken)|screen\s+grab|video\s+grab)\b",
    re.IGNORECASE,
)


def caption_date(sentence: str, expression: TimeExpression, published: date | None) -> bool:
    """Whether ``expression`` is the date of a picture that ``sentence`` captions: a calendar
    day written with its year, within ``CAPTION_DAYS`` of publication, that closes the sentence
    or sits in one that speaks of a photo."""
    value = expression.value
    if published is None or value is None or not expression.explicit:
        return False
    if expression.granularity != "day" or abs((value - published).days) > CAPTION_DAYS:
        return False
    if not _YEAR.search(expression.text):
        return False
    return bool(_CLOSES.fullmatch(sentence, expression.end) or _PICTURE.search(sentence))
