"""Temporal expressions in news sentences, resolved against the article's publication date.

News says "on Monday", "yesterday" and "in April" far more often than "3 March 2025", so a timeline
has to anchor what a sentence says to the day the article came out. A handful of regular
expressions cover the patterns that news uses (``benchmarks/dates.py`` measures them on our own
test set and compares dateparser): they run in microseconds a sentence, where dateparser's
``search_dates`` takes milliseconds and a second to import. dateparser stays available, imported
lazily, as :func:`resolve_with_dateparser` for comparison and for callers that want its breadth.

Conventions (those of wire copy):
- A bare weekday is the most recent such day on or before the publication date ("said on Monday"
  in Monday's paper is that day), or the next one on or after it when the clause is in the future
  tense ("will vote on Friday"). "last Monday" is strictly before, "next Monday" strictly after.
- A month or day without a year is its most recent occurrence up to the publication date, or the
  next one when the clause is in the future tense.
- With no publication date nothing is invented: explicit dates still resolve, relative ones keep
  their offset (``relative``, ``weekday``) and get ``value=None``.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

Granularity = Literal["day", "week", "month", "year"]

_MONTHS = {
    name: index
    for index, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_WEEKDAYS = {
    name: index
    for index, names in enumerate(
        (
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        )
    )
    for name in names
}
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip

# A month's name, in full or abbreviated (a pattern without groups, for other modules too).
MONTH_NAME = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
_MONTH = "(?P<{g}>" + MONTH_NAME + ")"
_WEEKDAY = r"(?P<{g}>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{g}>(?:1[89]|20)\d\d)"
_COMMA = r"\s*,?\s*"
_NUMBER = r"(?P<n>\d{1,3}|(?i:an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))"


def _month(g: str) -> str:
    return _MONTH.replace("{g}", g)


def _weekday(g: str) -> str:
    return _WEEKDAY.replace("{g}", g)


def _day(g: str) -> str:
    return _DAY.replace("{g}", g)


def _year(g: str) -> str:
    return _YEAR.replace("{g}", g)


_B = r"(?<![\w-])"  # a left word boundary that also refuses "-" (no "12-March" halves)
_E = r"(?![\w])"
_FUTURE = re.compile(
    r"\b(?:will|shall|won't|'ll|is|are|was|were)\s+(?:not\s+)?(?:\w+\s+)?"
    r"(?:due|scheduled|set|expected|planned|going|to\s+be\s+held)\b"
    r"|\b(?:will|would|shall|won't|wo\s+n't)\b|\w'll\b|\b(?:plans?|intends?)\s+to\b|\bupcoming\b"
    # "said he planned to go to Haiti on Thursday": a plan told in the past, still to come ("had
    # planned to fly on Monday" is a plan that has passed)
    r"|(?<!\bhad\s)(?<!'d\s)\b(?:planned|intended)\s+to\b"
    r"|\b(?:expects?|forecasts?|predicts?)\b"
    r"|\bahead\s+of\b",
    re.IGNORECASE,
)
# A deadline or a possibility looks forward: "could run out by Friday", "may last until Friday",
# "must be repaired before Monday". The modal needs a bare verb after it ("could have" is past).
_MODAL = re.compile(
    r"\b(?:could|may|might|should|must)\s+(?:not\s+)?(?!have\b|been\b)\w+", re.IGNORECASE
)
_DEADLINE = re.compile(r"\b(?:by|until|till|before)\s+(?:next\s+|this\s+)?$", re.IGNORECASE)
_UNTIL = re.compile(r"\b(?:until|till)\s+(?:next\s+|this\s+)?$", re.IGNORECASE)
_ONGOING = re.compile(r"\b(?:has|have|is|are)\s+(?:been\s+)?(?:\w+\s+)?\w+(?:ed|wn|ut|en)\b", re.I)
_PAST_AUX = re.compile(r"\b(?:had|'d|was|were|did)\b", re.IGNORECASE)
_PAST_VERB = re.compile(r"\b(?:said|told|announced|reported|added|confirmed|\w{3,}ed)\b", re.I)
# A reporting verb after a future marker moves the date onto the saying ("will resign, he said on
# Monday"); a participle does not ("will be closed on Monday").
_REPORTING = re.compile(r"\b(?:said|says|told|announced|reported|added|confirmed|stated)\b", re.I)
# A "when" clause set on the day the expression names: what it says will happen then.
_WHEN_CLAUSE = re.compile(r"\s*,\s*when\b([^,;:.!?]*)", re.IGNORECASE)
# A day a plan or an appointment is for: "readied themselves for Sunday", "scheduled for Friday",
# "set for March 3". "for" names the occasion something is meant for, so the day is still to come
# when the plan is told (Saturday's "readied for Sunday" is the next day, not six days back),
# unless the plan "had" been made ("had been set for Monday but was called off") or the day names
# what a thing is for by its own event ("jailed for Sunday's attack"). A verb must come before
# "for" in the clause: "the figures for Monday were grim" is a measure of a day, not a plan.
_FOR_BEFORE = re.compile(r"\bfor\s+$", re.IGNORECASE)
_PAST_PERFECT = re.compile(r"\b(?:had|'d)\b", re.IGNORECASE)
_POSSESSIVE_AFTER = re.compile(r"\s?['’]s?\b")  # "Sunday's", tokenised "Sunday 's"
_VERB_FORM = re.compile(
    r"\b(?:\w{2,}(?:ed|en|ing)|is|are|was|were|be|been|set|put|called|to\s+\w+)\b", re.I
)
_CLAUSE_BREAK = re.compile(r"[;:.!?]|,\s*(?:but|and|while|as|after|before)\b|\bthat\b", re.I)


@dataclass(frozen=True)
class TimeExpression:
    """A temporal expression found in a sentence and what it refers to.

    ``start``/``end`` index the sentence given to :func:`resolve`. ``value`` is the first day of the
    period meant (the Monday of a week, the 1st of a month, 1 January of a year); ``range_end`` is
    the last day when the expression names a range ("from Monday to Wednesday"). ``relative`` is
    the offset from the publication date in units of ``granularity`` ("yesterday" -1, "last week"
    -1) and ``weekday`` the day named (0 = Monday) when the expression is relative: kept so that a
    caller without a publication date can anchor it later; ``value`` is then None.
    """

    text: str
    start: int
    end: int
    value: date | None
    granularity: Granularity
    range_end: date | None = None
    relative: int | None = None
    weekday: int | None = None

    @property
    def relative_days(self) -> int | None:
        """The offset in days from the publication date, for day-level relative expressions."""
        return self.relative if self.granularity == "day" else None

    @property
    def explicit(self) -> bool:
        """A calendar date as written ("March 3", "2025-03-03"), not counted from the article's."""
        return self.relative is None and self.weekday is None

    @property
    def last_day(self) -> date | None:
        """The last day the expression covers (the range end or the end of the period)."""
        if self.value is None:
            return None
        if self.range_end is not None:
            return self.range_end
        return period_end(self.value, self.granularity)


def period_end(start: date, granularity: Granularity) -> date:
    if granularity == "day":
        return start
    if granularity == "week":
        return start + timedelta(days=6)
    if granularity == "month":
        return start.replace(day=calendar.monthrange(start.year, start.month)[1])
    return date(start.year, 12, 31)


@dataclass(frozen=True)
class _Context:
    sentence: str
    published: date | None
    match: re.Match[str]

    def future(self) -> bool:
        return _is_future(self.sentence, self.match.start(), self.match.end())


def _is_future(sentence: str, start: int, end: int) -> bool:
    """Whether the clause around an expression is in the future tense.

    Looks at the words before the expression back to the clause start ("talks will resume on
    Monday"); when the expression opens its clause, at the few words after it ("On Friday, the
    board will vote"). A past reporting verb between a future marker and the expression wins
    ("will resign, he said on Monday"), since the date then dates the saying.
    """
    before = sentence[max(0, start - 80) : start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    clause = before[breaks[-1].end() :] if breaks else before
    markers = list(_FUTURE.finditer(clause))
    # "could run out by Friday" looks forward; "was closed by Friday" does not, and neither does
    # "left by Friday" (a past verb and a deadline: the deadline has passed).
    deadline = _DEADLINE.search(clause) and not _PAST_VERB.search(clause)
    # "Mexico has closed all schools until May 6", "are shut until Friday": a state that holds now
    # lasts until a day still to come ("was closed until Friday" has ended)
    if _UNTIL.search(clause) and _ONGOING.search(clause) and not _PAST_AUX.search(clause):
        return True
    if _appointment(sentence, clause, end):
        return True
    if not markers and not _PAST_AUX.search(clause) and (_MODAL.search(clause) or deadline):
        return True
    if markers:
        return not _REPORTING.search(clause[markers[-1].end() :])
    when = _WHEN_CLAUSE.match(sentence[end : end + 100])
    if when is not None and _FUTURE.search(when[1]) and not _REPORTING.search(when[1]):
        return True  # "holding its breath for Aug. 3, when Mubarak is due to go on trial"
    if _PAST_VERB.search(clause) or len(clause.split()) > 2:
        return False
    after = sentence[end : end + 50]
    cut = _CLAUSE_BREAK.search(after.lstrip(" ,"))
    window = after.lstrip(" ,")[: cut.start()] if cut else after
    head = " ".join(window.split()[:5])
    marker = _FUTURE.search(head)
    if marker is None:
        return False
    return not _REPORTING.search(head[: marker.start()])


def _appointment(sentence: str, clause: str, end: int) -> bool:
    """Whether the expression ending at ``end`` names the day a plan is for (``_FOR_BEFORE``)."""
    return bool(
        _FOR_BEFORE.search(clause)
        and _VERB_FORM.search(clause)
        and not _PAST_PERFECT.search(clause)
        and not _POSSESSIVE_AFTER.match(sentence, end)
    )


def looks_forward(sentence: str, expression: TimeExpression) -> bool:
    """Whether ``sentence`` speaks of ``expression``'s time as still to come ("will vote on
    Friday", "is due to visit on Sunday"): a plan, not a report of what happened then."""
    return _is_future(sentence, expression.start, expression.end)


def _month_no(text: str) -> int:
    return _MONTHS[text.lower().rstrip(".")]


def _weekday_no(text: str) -> int:
    return _WEEKDAYS[text.lower().rstrip(".")]


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _infer_year(month: int, day: int | None, published: date, *, future: bool) -> int:
    """The year of a month (and day) given without one: the most recent occurrence, or the next."""
    year = published.year
    key = (month, day or 1)
    pub_key = (published.month, published.day if day else 1)
    if future and key < pub_key:
        return year + 1
    if not future and key > pub_key:
        return year - 1
    return year


def _weekday_date(weekday: int, published: date, *, direction: int, strict: bool) -> date:
    """The given weekday counted from the publication date: backwards (-1) or forwards (+1)."""
    delta = (
        (published.weekday() - weekday) % 7
        if direction < 0
        else (weekday - published.weekday()) % 7
    )
    if strict and delta == 0:
        delta = 7
    return published + timedelta(days=direction * delta)


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _shift_month(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


Resolved = tuple[date | None, Granularity, date | None, int | None, int | None]
_Handler = Callable[[_Context], Resolved | None]


# --- handlers: each turns one match into (value, granularity, range_end, relative, weekday) ---


def _iso(ctx: _Context) -> Resolved | None:
    m = ctx.match
    value = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    return (value, "day", None, None, None) if value else None


def _full_date(ctx: _Context) -> Resolved | None:
    m = ctx.match
    value = _safe_date(int(m["y"]), _month_no(m["mon"]), int(m["d"]))
    return (value, "day", None, None, None) if value else None


def _day_month(ctx: _Context) -> Resolved | None:
    """A day and month without a year ("on March 3", "3 March")."""
    m = ctx.match
    month, day = _month_no(m["mon"]), int(m["d"])
    if not 1 <= day <= 31:
        return None
    if ctx.published is None or _names_group(ctx):
        return None
    if _attributive(ctx) or _period_end(ctx):
        value = _nearest(month, day, ctx.published)
    else:
        value = _safe_date(_infer_year(month, day, ctx.published, future=ctx.future()), month, day)
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


def _names_group(ctx: _Context) -> bool:
    """Whether the month and day matched are part of a group's name (see ``_GROUP_AFTER``)."""
    return bool(_GROUP_AFTER.match(ctx.sentence, ctx.match.end()))


def _attributive(ctx: _Context) -> bool:
    before = ctx.sentence[max(0, ctx.match.start() - 8) : ctx.match.start()]
    after = ctx.sentence[ctx.match.end() : ctx.match.end() + 30]
    return bool(_ATTRIBUTIVE_BEFORE.search(before) and _ATTRIBUTIVE_AFTER.match(after))


# "canceled all holidays until 8 May", "ordered classes canceled until May 6": the end of a span
# that began in the past, so the clause's past tense does not place the day. Read as past, the
# day lands almost a year back (two Timeline17 h1n1 sentences filed under May 2008 in a story of
# April 2009); the nearest occurrence is the span's end ("was closed until March 3" in May's
# report is still March's).
_PERIOD_END_BEFORE = re.compile(r"\b(?:until|till|through)\s+$", re.IGNORECASE)


def _period_end(ctx: _Context) -> bool:
    before = ctx.sentence[max(0, ctx.match.start() - 10) : ctx.match.start()]
    return bool(_PERIOD_END_BEFORE.search(before))


def _nearest(month: int, day: int, published: date) -> date | None:
    """The occurrence of a month and day closest to the publication date, either side, a future
    one counting at twice its distance: news refers back to landmarks long after them ("Jackson's
    June 25 death" in a February article, "the April 20 explosion" in November's, seven months
    back, five ahead) more than it names an occasion months away, while "the March 26 election"
    eight days ahead stays ahead."""
    found = [
        value
        for year in (published.year - 1, published.year, published.year + 1)
        if (value := _safe_date(year, month, day)) is not None
    ]
    return min(found, key=lambda value: _distance(value, published), default=None)


def _distance(value: date, published: date) -> int:
    days = (value - published).days
    return 2 * days if days > 0 else -days


def _day_range(ctx: _Context) -> Resolved | None:
    """ "between 3 and 5 March", "from 3 to 5 March 2025", "March 3-5"."""
    m = ctx.match
    month = _month_no(m["mon"])
    first, last = int(m["d"]), int(m["d2"])
    if m["y"]:
        year = int(m["y"])
    elif ctx.published is not None:
        year = _infer_year(month, first, ctx.published, future=ctx.future())
    else:
        return None
    start, end = _safe_date(year, month, first), _safe_date(year, month, last)
    if start is None or end is None or end < start:
        return None
    return (start, "day", end, None, None)


def _month_year(ctx: _Context) -> Resolved | None:
    m = ctx.match
    return (date(int(m["y"]), _month_no(m["mon"]), 1), "month", None, None, None)


def _bare_month(ctx: _Context) -> Resolved | None:
    """ "in April", "last May", "next June"."""
    m = ctx.match
    month = _month_no(m["mon"])
    mod = (m["mod"] or "").lower()
    if ctx.published is None:
        return None
    if mod == "next":
        year = _infer_year(month, None, ctx.published, future=True)
        if month == ctx.published.month:
            year += 1
    elif mod == "last":
        year = _infer_year(month, None, ctx.published, future=False)
        if month == ctx.published.month:
            year -= 1
    elif mod == "this":
        year = ctx.published.year
    else:
        year = _infer_year(month, None, ctx.published, future=ctx.future())
    return (date(year, month, 1), "month", None, None, None)


def _year_only(ctx: _Context) -> Resolved | None:
    return (date(int(ctx.match["y"]), 1, 1), "year", None, None, None)


def _weekday_expr(ctx: _Context) -> Resolved | None:
    m = ctx.match
    weekday = _weekday_no(m["wd"])
    mod = (m["mod"] or "").lower()
    if mod in ("next", "coming"):
        direction, strict = 1, True
    elif mod in ("last", "past"):
        direction, strict = -1, True
    else:
        direction, strict = (1, False) if ctx.future() else (-1, False)
    if ctx.published is None:
        return (None, "day", None, None, weekday)
    value = _weekday_date(weekday, ctx.published, direction=direction, strict=strict)
    return (value, "day", None, None, weekday)


def _weekday_range(ctx: _Context) -> Resolved | None:
    """ "from Monday to Wednesday": both ends in the same direction as the first."""
    m = ctx.match
    first, last = _weekday_no(m["wd"]), _weekday_no(m["wd2"])
    if ctx.published is None:
        return (None, "day", None, None, first)
    future = ctx.future()
    if future:
        start = _weekday_date(first, ctx.published, direction=1, strict=False)
    else:
        # The range ends on or before the publication date.
        end_back = _weekday_date(last, ctx.published, direction=-1, strict=False)
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
        return (_monday(published) + timedelta(weeks=value), "week", None, value, None)
    if unit == "month":
        return (_shift_month(published, value), "month", None, value, None)
    return (date(published.year + value, 1, 1), "year", None, value, None)


def _day_word(ctx: _Context) -> Resolved | None:
    return _relative(_DAY_WORDS[" ".join(ctx.match[0].lower().split())], "day", ctx.published)


def _this_period(ctx: _Context) -> Resolved | None:
    """ "last week", "this month", "earlier this year", "next year"."""
    mod = ctx.match["mod"].lower()
    unit: Granularity = ctx.match["unit"].lower()  # type: ignore[assignment]
    offset = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}[mod]
    return _relative(offset, unit, ctx.published)


def _ago(ctx: _Context) -> Resolved | None:
    """ "three days ago", "a week ago" (a day: seven days back), "two years ago"."""
    raw = ctx.match["n"].lower()
    n = int(raw) if raw.isdigit() else _NUMBERS[raw]
    unit = ctx.match["unit"].lower()
    if unit == "day":
        return _relative(-n, "day", ctx.published)
    if unit == "week":
        return _relative(-7 * n, "day", ctx.published)
    if unit == "month":
        return _relative(-n, "month", ctx.published)
    return _relative(-n, "year", ctx.published)


def _past_hours(ctx: _Context) -> Resolved | None:
    """ "in the past 24 hours": the publication day and, reaching back, the days before."""
    hours = int(ctx.match["h"])
    days_back = max(1, -(-hours // 24))
    if ctx.published is None:
        return (None, "day", None, -days_back, None)
    start = ctx.published - timedelta(days=days_back)
    return (start, "day", ctx.published, -days_back, None)


_MOD_W = r"(?:(?P<mod>(?i:last|next|this|coming|past))\s+)?"
_PREP = (
    r"(?i:(?:in|on|by|of|to|for|since|until|till|from|during|before|after|early|late|mid|through"
    r"|around|end\s+of|beginning\s+of|start\s+of)\s+|mid-)"
)
_NO_DAY_AFTER = r"(?!\.?\s*\d)"
# Months and weekdays are matched capitalised only: "may", "march" and "sat" are words too.
_PATTERNS: tuple[tuple[re.Pattern[str], _Handler], ...] = tuple(
    (re.compile(pattern), handler)
    for pattern, handler in (
        (_B + r"(?P<y>(?:1[89]|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)" + _E, _iso),
        (
            _B
            + r"(?i:between|from)\s+"
            + _day("d")
            + r"\s+(?i:and|to|until)\s+"
            + _day("d2")
            + r"\s+"
            + _month("mon")
            + rf"(?:{_COMMA}"
            + _year("y")
            + ")?"
            + _E,
            _day_range,
        ),
        (
            _B
            + _month("mon")
            + r"\s+"
            + _day("d")
            + r"\s*(?:-|–|(?i:to|through|and))\s*"
            + _day("d2")
            + rf"(?:{_COMMA}"
            + _year("y")
            + ")?"
            + _E,
            _day_range,
        ),
        (
            _B
            + _day("d")
            + r"\s*(?:-|–)\s*"
            + _day("d2")
            + r"\s+"
            + _month("mon")
            + rf"(?:{_COMMA}"
            + _year("y")
            + ")?"
            + _E,
            _day_range,
        ),
        (_B + _month("mon") + r"\s+" + _day("d") + _COMMA + _year("y") + _E, _full_date),
        (_B + _day("d") + r"\s+(?:of\s+)?" + _month("mon") + _COMMA + _year("y") + _E, _full_date),
        (_B + _month("mon") + r"\s+" + _day("d") + r"(?![\w:,.]\d|\s*%|\d)" + _E, _day_month),
        (_B + _day("d") + r"\s+(?:of\s+)?" + _month("mon") + _E, _day_month),
        (_B + _month("mon") + r"(?:\s+of)?" + _COMMA + _year("y") + _E, _month_year),
        (
            _B
            + r"(?:"
            + _PREP
            + r")?"
            + r"(?P<mod>(?i:last|next|this))\s+"
            + _month("mon")
            + _NO_DAY_AFTER
            + _E,
            _bare_month,
        ),
        (
            _B + _PREP + r"(?P<mod>)" + _month("mon") + _NO_DAY_AFTER + _E,
            _bare_month,
        ),
        (
            _B
            + r"(?:(?i:from|between)\s+)?(?:(?i:on|last|this)\s+)?"
            + _weekday("wd")
            + r"\s+(?:(?i:to|and|until|through)|-)\s+"
            + _weekday("wd2")
            + _E,
            _weekday_range,
        ),
        (_B + _MOD_W + _weekday("wd") + _E, _weekday_expr),
        (
            _B + r"(?i:the\s+day\s+(?:before\s+yesterday|after\s+tomorrow)|yesterday|tonight"
            r"|today|tomorrow|last\s+night|(?:earlier|later)\s+today"
            r"|this\s+(?:morning|afternoon|evening))" + _E,
            _day_word,
        ),
        (
            _B
            + r"(?:(?i:earlier|later)\s+)?"
            + r"(?P<mod>(?i:last|next|this|coming|past|previous))\s+(?P<unit>(?i:week|month|year))"
            + _E,
            _this_period,
        ),
        (_B + _NUMBER + r"\s+(?P<unit>(?i:day|week|month|year))s?\s+(?i:ago)" + _E, _ago),
        (
            _B + r"(?i:(?:in\s+)?the\s+(?:past|last)\s+)(?P<h>\d{2,3})\s+(?i:hours)" + _E,
            _past_hours,
        ),
        (_B + _PREP + _year("y") + r"(?![\w,.%]\d|\s*%)" + _E, _year_only),
    )
)
# Words without which no pattern can match: a year, a capitalised month or weekday (the patterns
# match them capitalised only), or a period word; a bare number ("killed 40 people") is not one,
# since every pattern with digits also needs a year, a month or a period word. Narrow, because
# it decides for most sentences (the old case-blind "mar|sun|..." matched "market" and "summit":
# resolve ran on nearly all).
_CUE = re.compile(
    r"(?:1[89]|20)\d\d|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri"
    r"|Sat|Sun)|(?i:\b(?:yesterday|today|tomorrow|tonight|night|days?|weeks?|months?|years?|hours"
    r"|morning|afternoon|evening)\b)"
)


def resolve(sentence: str, *, published: date | None) -> tuple[TimeExpression, ...]:
    """Every temporal expression in ``sentence``, left to right, resolved against ``published``.

    Patterns are tried from the most specific ("March 3, 2025") to the least ("in 2025"); a span
    that overlaps one already taken is skipped, so "March 3, 2025" is not also read as "in 2025".
    """
    if not _CUE.search(sentence):
        return ()  # most news sentences mention no time at all: skip the patterns
    taken: list[tuple[int, int]] = []
    found: list[TimeExpression] = []
    for pattern, handler in _PATTERNS:
        for match in pattern.finditer(sentence):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            resolved = handler(_Context(sentence, published, match))
            if resolved is None:
                continue
            value, granularity, range_end, relative, weekday = resolved
            taken.append((start, end))
            found.append(
                TimeExpression(
                    match[0], start, end, value, granularity, range_end, relative, weekday
                )
            )
    found.sort(key=lambda e: e.start)
    return tuple(found)


def iter_days(expressions: tuple[TimeExpression, ...]) -> Iterator[date]:
    """The days that day-granular expressions (and short ranges) point at."""
    for expression in expressions:
        if expression.value is None or expression.granularity != "day":
            continue
        day, last = expression.value, expression.range_end or expression.value
        while day <= last:
            yield day
            day += timedelta(days=1)


def resolve_with_dateparser(text: str, *, published: date | None) -> date | None:
    """dateparser's reading of one expression, for comparison (slow: ~1 s import, ms a call).

    Needs ``pip install dateparser``; imported here so that storyline does not pay for it unless
    asked. Settings as the literature uses them: relative to the publication date, past preferred.
    """
    import dateparser  # type: ignore[import-untyped,unused-ignore]

    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if published is not None:
        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day, 12)
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return parsed.date() if parsed is not None else None
