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

The package, each module one decision:

* ``expressions`` - :class:`TimeExpression`, the period it names and the days it covers;
* ``reading`` - the patterns, most specific first, and :func:`resolve`, which runs them;
* ``handlers`` - what each pattern's match means, against the publication date;
* ``tense`` - whether a clause speaks of its time as still to come (:func:`looks_forward`);
* ``anchoring`` - calendar arithmetic from the publication date (a year left out, a weekday).
"""

from storyline.dates.expressions import Granularity, TimeExpression, iter_days, period_end
from storyline.dates.reading import MONTH_NAME, resolve, resolve_with_dateparser
from storyline.dates.tense import looks_forward

__all__ = [
    "MONTH_NAME",
    "Granularity",
    "TimeExpression",
    "iter_days",
    "looks_forward",
    "period_end",
    "resolve",
    "resolve_with_dateparser",
]
