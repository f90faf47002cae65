"""What a time expression is once found: the period it names, and the days that period covers."""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

Granularity = Literal["day", "week", "month", "year"]


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


def iter_days(expressions: tuple[TimeExpression, ...]) -> Iterator[date]:
    """The days that day-granular expressions (and short ranges) point at."""
    for expression in expressions:
        if expression.value is None or expression.granularity != "day":
            continue
        day, last = expression.value, expression.range_end or expression.value
        while day <= last:
            yield day
            day += timedelta(days=1)
