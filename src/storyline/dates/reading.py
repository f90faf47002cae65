"""Finding the time expressions of a sentence: the patterns, most specific first, each paired
with its handler, and :func:`resolve`, which runs them; dateparser's reading for comparison."""

from __future__ import annotations

import re
from datetime import date, datetime

from storyline.dates.expressions import TimeExpression
from storyline.dates.handlers import (
    Context,
    Handler,
    ago,
    bare_month,
    day_month,
    day_range,
    day_word,
    full_date,
    iso,
    month_short_year,
    month_year,
    past_hours,
    this_period,
    weekday_expr,
    weekday_range,
    year_only,
)

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

_MOD_W = r"(?:(?P<mod>(?i:last|next|this|coming|past))\s+)?"
_PREP = (
    r"(?i:(?:in|on|by|of|to|for|since|until|till|from|during|before|after|early|late|mid|through"
    r"|around|end\s+of|beginning\s+of|start\s+of)\s+|mid-)"
)
_NO_DAY_AFTER = r"(?!\.?\s*\d)"
# Months and weekdays are matched capitalised only: "may", "march" and "sat" are words too.
_PATTERNS: tuple[tuple[re.Pattern[str], Handler], ...] = tuple(
    (re.compile(pattern), handler)
    for pattern, handler in (
        (_B + r"(?P<y>(?:1[89]|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)" + _E, iso),
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
            day_range,
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
            day_range,
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
            day_range,
        ),
        (_B + _month("mon") + r"\s+" + _day("d") + _COMMA + _year("y") + _E, full_date),
        (_B + _day("d") + r"\s+(?:of\s+)?" + _month("mon") + _COMMA + _year("y") + _E, full_date),
        # "June '09" anywhere; "in June 09" only after "in" or "during", where a day is not
        # written ("on June 09" is a day)
        (_B + _month("mon") + r"\s?['’]\s?(?P<yy>\d\d)" + _E, month_short_year),
        (
            r"(?:(?<=\b[Ii]n\s)|(?<=\b[Dd]uring\s))" + _month("mon") + r"\s+(?P<yy>0\d)" + _E,
            month_short_year,
        ),
        (_B + _month("mon") + r"\s+" + _day("d") + r"(?![\w:,.]\d|\s*%|\d)" + _E, day_month),
        (_B + _day("d") + r"\s+(?:of\s+)?" + _month("mon") + _E, day_month),
        (_B + _month("mon") + r"(?:\s+of)?" + _COMMA + _year("y") + _E, month_year),
        (
            _B
            + r"(?:"
            + _PREP
            + r")?"
            + r"(?P<mod>(?i:last|next|this))\s+"
            + _month("mon")
            + _NO_DAY_AFTER
            + _E,
            bare_month,
        ),
        (
            _B + _PREP + r"(?P<mod>)" + _month("mon") + _NO_DAY_AFTER + _E,
            bare_month,
        ),
        (
            _B
            + r"(?:(?i:from|between)\s+)?(?:(?i:on|last|this)\s+)?"
            + _weekday("wd")
            + r"\s+(?:(?i:to|and|until|through)|-)\s+"
            + _weekday("wd2")
            + _E,
            weekday_range,
        ),
        (_B + _MOD_W + _weekday("wd") + _E, weekday_expr),
        (
            _B + r"(?i:the\s+day\s+(?:before\s+yesterday|after\s+tomorrow)|yesterday|tonight"
            r"|today|tomorrow|last\s+night|(?:earlier|later)\s+today"
            r"|this\s+(?:morning|afternoon|evening))" + _E,
            day_word,
        ),
        (
            _B
            + r"(?:(?i:earlier|later)\s+)?"
            + r"(?P<mod>(?i:last|next|this|coming|past|previous))\s+(?P<unit>(?i:week|month|year))"
            + _E,
            this_period,
        ),
        (_B + _NUMBER + r"\s+(?P<unit>(?i:day|week|month|year))s?\s+(?i:ago)" + _E, ago),
        (
            _B + r"(?i:(?:in\s+)?the\s+(?:past|last)\s+)(?P<h>\d{2,3})\s+(?i:hours)" + _E,
            past_hours,
        ),
        (_B + _PREP + _year("y") + r"(?![\w,.%]\d|\s*%)" + _E, year_only),
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
            resolved = handler(Context(sentence, published, match))
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
