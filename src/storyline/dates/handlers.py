"""What each kind of matched expression means: one handler per pattern of
``storyline.dates.reading``, resolving its match against the publication date."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from storyline.dates.anchoring import (
    NUMBERS,
    infer_year,
    monday,
    month_no,
    nearest,
    safe_date,
    shift_month,
    weekday_date,
    weekday_no,
)
from storyline.dates.expressions import Granularity, period_end
from storyline.dates.tense import is_future, timetable


@dataclass(frozen=True)
class Context:
    """One pattern's match in its sentence, and the publication date it is read against."""

    sentence: str
    published: date | None
    match: re.Match[str]

    def future(self) -> bool:
        return is_future(self.sentence, self.match.start(), self.match.end())

    def ahead(self, back: date | None) -> bool:
        """Whether to read the time forward: the clause is in the future tense, or it tells a
        timetable in the present (:func:`storyline.dates.tense.timetable`) and the past reading,
        ``back``, would lie ``TIMETABLE_DAYS`` or more before the publication date: "The ECB
        meets on May 7" in an April article is this May, not last year's; a caption's "meets
        with ... on Monday" in Tuesday's paper stays the day before."""
        if self.future():
            return True
        if back is None or self.published is None:
            return False
        if (self.published - back).days < TIMETABLE_DAYS:
            return False
        return timetable(self.sentence, self.match.start(), self.match.end())


# See Context.ahead: a present-tense timetable whose past reading is this many days back or more
# looks forward (Timeline17 finan: "The U.S. Federal Reserve starts a two-day meeting on Tuesday"
# in Monday's article was read as six days back).
TIMETABLE_DAYS = 2


Resolved = tuple[date | None, Granularity, date | None, int | None, int | None]
Handler = Callable[[Context], Resolved | None]


# --- handlers: each turns one match into (value, granularity, range_end, relative, weekday) ---


def iso(ctx: Context) -> Resolved | None:
    m = ctx.match
    value = safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    return (value, "day", None, None, None) if value else None


def full_date(ctx: Context) -> Resolved | None:
    m = ctx.match
    value = safe_date(int(m["y"]), month_no(m["mon"]), int(m["d"]))
    return (value, "day", None, None, None) if value else None


def day_month(ctx: Context) -> Resolved | None:
    """A day and month without a year ("on March 3", "3 March")."""
    m = ctx.match
    month, day = month_no(m["mon"]), int(m["d"])
    if not 1 <= day <= 31:
        return None
    if ctx.published is None or _names_group(ctx):
        return None
    if _attributive(ctx) or _period_end(ctx):
        value = nearest(month, day, ctx.published)
    else:
        back = safe_date(infer_year(month, day, ctx.published, future=False), month, day)
        ahead = ctx.ahead(back)
        value = safe_date(infer_year(month, day, ctx.published, future=ahead), month, day)
    return (value, "day", None, None, None) if value else None


# "the March 26 election", "the Dec. 31 deadline", "Sunday's March 5 vote": a date naming the
# occasion of a noun, whose tense the clause does not give ("Putin was cautious about the
# outcome of the March 26 election", published March 18, is eight days ahead, not a year back).
_ATTRIBUTIVE_BEFORE = re.compile(r"(?:\bthe|'s|’s)\s+$", re.IGNORECASE)
_ATTRIBUTIVE_AFTER = re.compile(
    r"^\s+(?!(?:and|or|to|in|at|on|of|by|for|with|from|when|as|after|before|until|that|was|"
    r"were|is|are|will|had|has|have|the|a|an)\b)[a-z][a-z-]+\b"
)


# "the April 6 youth movement", "the March 14 alliance", "6 April activists": a group named after
# the day it began, often years before. The month and day are part of a name, not a time: read as
# one, every 2012 mention of Egypt's April 6 movement (43 in our Crisis copy) named April 6, 2012.
# An uprising is named so too ("the January 25 revolution", "the Feb. 17 revolution"): read as an
# occasion, its nearest occurrence put it on the coming anniversary (a December 2012 article's
# "the Feb. 17 revolution began in Benghazi" on February 17, 2013) or on this year's (36 of the
# 408 sentences our Crisis copy files under January 25, 2013). The name does not say which year
# it began, so it dates nothing.
_GROUP_AFTER = re.compile(
    r"\s+(?:youth\s+)?(?:movement|coalition|alliance|bloc|camp|group|organi[sz]ation|brigades?"
    r"|activists|revolution|uprising|revolt|intifada)\b",
    re.IGNORECASE,
)


def _names_group(ctx: Context) -> bool:
    """Whether the month and day matched are part of a group's name (see ``_GROUP_AFTER``)."""
    return bool(_GROUP_AFTER.match(ctx.sentence, ctx.match.end()))


def _attributive(ctx: Context) -> bool:
    before = ctx.sentence[max(0, ctx.match.start() - 8) : ctx.match.start()]
    after = ctx.sentence[ctx.match.end() : ctx.match.end() + 30]
    return bool(_ATTRIBUTIVE_BEFORE.search(before) and _ATTRIBUTIVE_AFTER.match(after))


# "canceled all holidays until 8 May", "ordered classes canceled until May 6": the end of a span
# that began in the past, so the clause's past tense does not place the day. Read as past, the
# day lands almost a year back (two Timeline17 h1n1 sentences filed under May 2008 in a story of
# April 2009); the nearest occurrence is the span's end ("was closed until March 3" in May's
# report is still March's).
_PERIOD_END_BEFORE = re.compile(r"\b(?:until|till|through)\s+$", re.IGNORECASE)


def _period_end(ctx: Context) -> bool:
    before = ctx.sentence[max(0, ctx.match.start() - 10) : ctx.match.start()]
    return bool(_PERIOD_END_BEFORE.search(before))


def day_range(ctx: Context) -> Resolved | None:
    """ "between 3 and 5 March", "from 3 to 5 March 2025", "March 3-5"."""
    m = ctx.match
    month = month_no(m["mon"])
    first, last = int(m["d"]), int(m["d2"])
    if m["y"]:
        year = int(m["y"])
    elif ctx.published is not None:
        year = infer_year(month, first, ctx.published, future=ctx.future())
    else:
        return None
    start, end = safe_date(year, month, first), safe_date(year, month, last)
    if start is None or end is None or end < start:
        return None
    return (start, "day", end, None, None)


def month_year(ctx: Context) -> Resolved | None:
    m = ctx.match
    return (date(int(m["y"]), month_no(m["mon"]), 1), "month", None, None, None)


def month_short_year(ctx: Context) -> Resolved | None:
    """A month and a year of two digits: "June '09", "in June 09" (the uprising in Iran, in a
    2011 CNN page of Timeline17 egypt; read as a day, it was June 9, 2010). A year after the
    publication's is the century before ("May '68")."""
    m = ctx.match
    year = 2000 + int(m["yy"])
    if ctx.published is not None and year > ctx.published.year:
        year -= 100
    return (date(year, month_no(m["mon"]), 1), "month", None, None, None)


def bare_month(ctx: Context) -> Resolved | None:
    """ "in April", "last May", "next June"."""
    m = ctx.match
    month = month_no(m["mon"])
    mod = (m["mod"] or "").lower()
    if ctx.published is None:
        return None
    if mod == "next":
        year = infer_year(month, None, ctx.published, future=True)
        if month == ctx.published.month:
            year += 1
    elif mod == "last":
        year = infer_year(month, None, ctx.published, future=False)
        if month == ctx.published.month:
            year -= 1
    elif mod == "this":
        year = ctx.published.year
    else:
        back = date(infer_year(month, None, ctx.published, future=False), month, 1)
        # a month before the publication's reads back whole (its last day is days back)
        year = infer_year(month, None, ctx.published, future=ctx.ahead(period_end(back, "month")))
    return (date(year, month, 1), "month", None, None, None)


def year_only(ctx: Context) -> Resolved | None:
    return (date(int(ctx.match["y"]), 1, 1), "year", None, None, None)


def weekday_expr(ctx: Context) -> Resolved | None:
    m = ctx.match
    weekday = weekday_no(m["wd"])
    mod = (m["mod"] or "").lower()
    if mod == "last" and _THE_BEFORE.search(ctx.sentence, 0, m.start()):
        return None  # "the last Sunday in January", "on the last Friday before the vote"
    if mod in ("next", "coming"):
        direction, strict = 1, True
    elif mod in ("last", "past"):
        direction, strict = -1, True
    elif ctx.published is None:
        direction, strict = -1, False  # no value is given without a publication date
    else:
        back = weekday_date(weekday, ctx.published, direction=-1, strict=False)
        direction, strict = (1, False) if ctx.ahead(back) else (-1, False)
    if ctx.published is None:
        return (None, "day", None, None, weekday)
    value = weekday_date(weekday, ctx.published, direction=direction, strict=strict)
    if mod == "last" and _week_before(value, ctx.published):
        value -= timedelta(days=7)
    return (value, "day", None, None, weekday)


# "last Tuesday" said on Wednesday or Thursday is the Tuesday of the week before: the day before
# is "yesterday" and the one before that "Tuesday", so "last" reaches past them. Timeline17
# haiti: "last Tuesday's earthquake" (January 12) in articles of Wednesday 20 and Thursday 21 was
# read as Tuesday 19; DUC: "last Tuesday's shocking spree" in a Wednesday's Columbine report, a
# Thursday's "stopped outside Yangon last Wednesday". Three or more days back the nearest day is
# meant ("between June 9 and last Tuesday" on a Friday, "arrived on Capitol Hill last Monday" on a
# Saturday, both DUC), and so is a day across the weekend ("history was made last Friday" in a
# Sunday paper, "its dispersal last Saturday" in a Monday's).
SUNDAY = 6


def _week_before(value: date, published: date) -> bool:
    """Whether "last <weekday>", read as ``value`` (the nearest such day before ``published``),
    means the one a week earlier (above)."""
    return (
        (published - value).days <= 2
        and value >= monday(published)
        and published.weekday() != SUNDAY
    )


_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)


def weekday_range(ctx: Context) -> Resolved | None:
    """ "from Monday to Wednesday": both ends in the same direction as the first."""
    m = ctx.match
    first, last = weekday_no(m["wd"]), weekday_no(m["wd2"])
    if ctx.published is None:
        return (None, "day", None, None, first)
    future = ctx.future()
    if future:
        start = weekday_date(first, ctx.published, direction=1, strict=False)
    else:
        # The range ends on or before the publication date.
        end_back = weekday_date(last, ctx.published, direction=-1, strict=False)
        start = end_back - timedelta(days=(last - first) % 7)
        return (start, "day", end_back, None, first)
    return (start, "day", start + timedelta(days=(last - first) % 7), None, first)


_DAY_WORDS = {
    "the day before yesterday": -2,
    "yesterday": -1,
    "last night": -1,
    "today": 0,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "earlier today": 0,
    "later today": 0,
    "tomorrow": 1,
    "the day after tomorrow": 2,
}


def _relative(value: int, unit: Granularity, published: date | None) -> Resolved:
    if published is None:
        return (None, unit, None, value, None)
    if unit == "day":
        return (published + timedelta(days=value), "day", None, value, None)
    if unit == "week":
        return (monday(published) + timedelta(weeks=value), "week", None, value, None)
    if unit == "month":
        return (shift_month(published, value), "month", None, value, None)
    return (date(published.year + value, 1, 1), "year", None, value, None)


def day_word(ctx: Context) -> Resolved | None:
    word = " ".join(ctx.match[0].lower().split())
    if word == "today" and _nowadays(ctx):
        return None
    return _relative(_DAY_WORDS[word], "day", ctx.published)


# "today" that means nowadays, not the day of the article: "In today's Egypt, ...", "today's
# youth", or opening a clause set against a time long past ("Ten years ago few had phones; today
# most do"). Read as the publication day, such a sentence counted as a report of that day (a
# Timeline17 egypt page: "In today 's Egypt , specifically in Cairo , ..."). Not "even today"
# ("And even today we were videotaping people praying" is the day), "of today" ("as a result
# of today"), nor "32 years ago today".
_IN_BEFORE = re.compile(r"\bin\s+$", re.IGNORECASE)
_POSSESSIVE = r"\s?['’]?\s?s\b"
_NOWADAYS_AFTER = re.compile(
    _POSSESSIVE + r"\s+(?:world|society|economy|generation|youth|children|kids|teenagers"
    r"|culture|climate|era|age|standards|times)\b",
    re.IGNORECASE,
)
_PLACE_AFTER = re.compile(_POSSESSIVE + r"\s+[A-Z][a-z]")  # "in today's Egypt"
_CLAUSE_OPENING = re.compile(
    r"(?:^|[;:]|,\s*(?:but|and|while|whereas)?|\b(?:but|while|whereas))\s*$", re.IGNORECASE
)
_LONG_PAST = re.compile(
    r"\b(?:years|decades|generations?|centuries)\s+ago\b|\bused\s+to\b|\bnowadays\b", re.I
)
_AGO_AROUND = re.compile(r"\bago\s+$", re.IGNORECASE)


def _nowadays(ctx: Context) -> bool:
    sentence, start, end = ctx.sentence, ctx.match.start(), ctx.match.end()
    before = sentence[max(0, start - 12) : start]
    if _NOWADAYS_AFTER.match(sentence, end):
        return True
    if _IN_BEFORE.search(before) and _PLACE_AFTER.match(sentence, end):
        return True
    return bool(
        _CLAUSE_OPENING.search(sentence, 0, start)
        and not _AGO_AROUND.search(before)
        and _LONG_PAST.search(sentence)
    )


def this_period(ctx: Context) -> Resolved | None:
    """ "last week", "this month", "earlier this year", "next year"."""
    mod = ctx.match["mod"].lower()
    unit: Granularity = ctx.match["unit"].lower()  # type: ignore[assignment]
    offset = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}[mod]
    return _relative(offset, unit, ctx.published)


def ago(ctx: Context) -> Resolved | None:
    """ "three days ago", "a week ago" (a day: seven days back), "two years ago", "three weeks
    ago" (the week: see below)."""
    raw = ctx.match["n"].lower()
    n = int(raw) if raw.isdigit() else NUMBERS[raw]
    unit = ctx.match["unit"].lower()
    if unit == "day":
        return _relative(-n, "day", ctx.published)
    if unit == "week" and n == 1:
        return _relative(-7, "day", ctx.published)
    if unit == "week":
        # Two or more weeks back is a round figure, not a count of days: "the devastating
        # earthquake two weeks ago" on Friday, January 29, 2010 was on the 12th, not the 15th,
        # and "what was unthinkable three weeks ago" in Egypt's February 11 papers was January
        # 25, not 21 (Timeline17). Read as a week, as "last week" is: no day is named, so none
        # is claimed.
        return _relative(-n, "week", ctx.published)
    if unit == "month":
        return _relative(-n, "month", ctx.published)
    return _relative(-n, "year", ctx.published)


def past_hours(ctx: Context) -> Resolved | None:
    """ "in the past 24 hours": the publication day and, reaching back, the days before."""
    hours = int(ctx.match["h"])
    days_back = max(1, -(-hours // 24))
    if ctx.published is None:
        return (None, "day", None, -days_back, None)
    start = ctx.published - timedelta(days=days_back)
    return (start, "day", ctx.published, -days_back, None)
