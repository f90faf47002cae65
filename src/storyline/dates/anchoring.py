"""Calendar arithmetic against the publication date: the year of a month or day written without
one, the weekday meant by "on Monday", a month or week counted from the article's."""

from __future__ import annotations

from datetime import date, timedelta

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
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip


def month_no(text: str) -> int:
    return _MONTHS[text.lower().rstrip(".")]


def weekday_no(text: str) -> int:
    return _WEEKDAYS[text.lower().rstrip(".")]


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def infer_year(month: int, day: int | None, published: date, *, future: bool) -> int:
    """The year of a month (and day) given without one: the most recent occurrence, or the next."""
    year = published.year
    key = (month, day or 1)
    pub_key = (published.month, published.day if day else 1)
    if future and key < pub_key:
        return year + 1
    if not future and key > pub_key:
        return year - 1
    return year


def weekday_date(weekday: int, published: date, *, direction: int, strict: bool) -> date:
    """The given weekday counted from the publication date: backwards (-1) or forwards (+1)."""
    delta = (
        (published.weekday() - weekday) % 7
        if direction < 0
        else (weekday - published.weekday()) % 7
    )
    if strict and delta == 0:
        delta = 7
    return published + timedelta(days=direction * delta)


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def shift_month(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def nearest(month: int, day: int, published: date) -> date | None:
    """The occurrence of a month and day closest to the publication date, either side, a future
    one counting at twice its distance: news refers back to landmarks long after them ("Jackson's
    June 25 death" in a February article, "the April 20 explosion" in November's, seven months
    back, five ahead) more than it names an occasion months away, while "the March 26 election"
    eight days ahead stays ahead."""
    found = [
        value
        for year in (published.year - 1, published.year, published.year + 1)
        if (value := safe_date(year, month, day)) is not None
    ]
    return min(found, key=lambda value: _distance(value, published), default=None)


def _distance(value: date, published: date) -> int:
    days = (value - published).days
    return 2 * days if days > 0 else -days
