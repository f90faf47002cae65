"""The knobs of a timeline's three steps (:mod:`storyline.timeline`), in one frozen dataclass.

Kept apart from the steps so that dating and ranking (:mod:`storyline.timeline_days`) and sentence
selection (:mod:`storyline.timeline`) read the same settings without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from storyline.summarizers.units import UnitSettings

Dating = Literal["mentions", "published"]

# Longer than the summarizer's limit: timeline sentences carry the who, what and where of a day
# (Timeline17 AR-1 +0.006 over 6..50 words; Crisis unchanged).
# A chronology box's entries ("July 25, 2000: An Air France Concorde crashes ...") are dated
# reports of a day, as a timeline wants them.
# A caption run into the next sentence or a transcript's line still tells which day the news is
# about, though a timeline does not quote it (DatedUnits.unquotable).
TIMELINE_UNITS = UnitSettings(min_words=8, max_words=60, chronology=True, layout_fragments=True)


@dataclass(frozen=True)
class TimelineSettings:
    """Knobs of the three steps; the defaults were set on Timeline17 and Crisis together
    (``benchmarks/timelines.py``, leave-one-topic-out beside the fitted numbers), with held-out
    topics in mind: no per-topic values."""

    # A sentence that names more days than this is a chronology or a comparison, not the report
    # of one day (Timeline17 AR-2 0.035 -> 0.039 going from 3 to 1; Crisis unchanged).
    max_days_per_sentence: int = 1
    # Undated sentences of articles published on d .. d + pub_window - 1 join d's pool (news-tls).
    pub_window: int = 2
    # How a day is ranked: by what the articles say happened on it, never by how many were
    # published on it. Four counts of that evidence (see :class:`DayEvidence`): the articles that
    # tell what happened on the day (a sentence of theirs names it in its own words, not as the
    # frame of other news or as a plan), those that refer back to it two or more days later,
    # those that name it as a calendar date ("on January 28" is how later reports refer back to a
    # landmark), and the centrality of the naming sentences (a date in an aside about something
    # else counts little). The score is sum(weight x log(1 + count)): on a log scale doubling a
    # count moves every day by about the same amount, so a feature's scale hardly matters and one
    # set of weights serves a 100-article story and a 10,000-sentence crisis. The weights are
    # equal, not fitted: fitted on seven of our eight topics the best weights moved with every
    # topic left out, and the left-out topic paid for it (Crisis yemen 0.447 -> 0.373 date F1).
    # Counting the articles that tell the day, instead of every sentence filed under it and every
    # article with a quotable sentence there, is what keeps publication volume out of the score
    # when input comes grouped by day (``dating="published"``: every sentence of the group was
    # counted, whether it named the day or not): Crisis date F1 0.323 -> 0.340 (leave-one-out
    # 0.316 -> 0.329), level with volume on libya/latimes, whose missed days were heavily
    # reported and named by weekday only. Refer-backs count double (``refer_back_weight``): an
    # article that returns to a day two or more days later says the day mattered, which
    # publication volume cannot see, and on topics we have not seen volume finds few of the days
    # (Timeline17 held out: 0.24 date F1). Timeline17 date F1 0.858 -> 0.869; on the volume-blind
    # check of benchmarks/timelines.py (articles published off the gold days) date F1 stays 0.706
    # (its gold days are nearly all the days named) and the average precision of the ranking's
    # first 2N days rises 0.593 -> 0.613; Crisis has no article boundaries, so no refer-backs, and
    # is unchanged. Weighting each refer-back by its distance (log2 of the days between) did no
    # better (Timeline17 0.833-0.869, that precision 0.603-0.608). Left to leave-one-topic-out
    # (GRID): 2 on every fold.
    # "mentions" (the method) or "volume": the N days on which most articles were published, the
    # baseline that benchmarks/timelines.py puts beside every number.
    ranking: Literal["mentions", "volume"] = "mentions"
    told_weight: float = 1.0
    refer_back_weight: float = 2.0
    explicit_weight: float = 1.0
    centrality_weight: float = 1.0
    # Once a day is on the timeline, each day within ``spread_days`` of it loses ``spread`` / k
    # points (k: the distance in days) before the next is chosen: one event is reported on the
    # day and the next, and that neighbour's counts are the same news, not another landmark.
    # Left to the leave-one-topic-out search in benchmarks/timelines.py (GRID); not applied to
    # the volume baseline.
    spread: float = 0.25
    spread_days: int = 1
    # Two timeline sentences closer than this (tf-idf cosine) say the same thing: keep one.
    redundancy: float = 0.5
    # Without max_dates, a story that names or reports at most ``small_story_days`` days gets
    # every one of them (two reports a week apart have a timeline); a larger one keeps the days
    # that at least ``min_support`` articles talk about, at most ``auto_max_dates`` of them.
    small_story_days: int = 12
    min_support: int = 2
    auto_max_dates: int = 20
    # Among a day's candidates, choose first the sentences whose own words report that day: they
    # name it (with dating="published", input already grouped by day as our Crisis copy is, a
    # grouped sentence may report another day or none: Crisis AR-1 0.093 -> 0.094, AR-2 0.0258 ->
    # 0.0265), and not only as the frame of other news or as a plan (see unreported_days).
    prefer_confirmed: bool = True
    # Then, among those, a sentence that leans on one the timeline does not quote ("But so far,
    # the officials said, those inquiries had not ...", "He said four people surrounded him ...":
    # summarizers/quality, as the summarizers' dangling penalty reads it) has its centroid
    # similarity scaled by ``leaning_weight``: it is chosen only when it is twice as central as
    # any that stands alone. Only the order among a day's own candidates changes, never which
    # days are chosen. Timeline entries that do not stand alone (benchmarks/summary_checks.py):
    # facts dev 8 -> 4 of 87, Timeline17 windows 39 -> 8 of 359 (53 before expletive "it" and
    # existential "there" stopped counting; 0.0 gives the same 4 and 8, 0.7: 12, 0.85: 16).
    # Timeline17 AR-1/AR-2 0.151/0.045 -> 0.149/0.043 (0.85 keeps 0.152/0.045), Crisis
    # unchanged: a sentence passed over is often the most central of its day.
    leaning_weight: float = 0.5
    # A candidate's weight adds ``story_weight`` times its cosine with the centroid of the whole
    # story (every candidate sentence) to its cosine with its day's centroid: in input grouped by
    # day the pool holds that day's other news too ("Student strike at University of Puerto Rico
    # ..." under a day of the Egypt crisis), and a sentence about the story tells more of what
    # its timeline should. With photo captions after the other sentences of their group
    # (select_sentences), reimplemented-ROUGE AR-1/AR-2: Timeline17 0.142/0.0376 ->
    # 0.148/0.0412, Crisis 0.0875/0.0238 -> 0.0919/0.0247, AR-1 up on seven of the eight topics
    # (haiti 0.204 -> 0.196); 0.5 gives 0.143/0.0374 and 0.091/0.0245, 1.5 0.148/0.0414 and
    # 0.092/0.0233, 2 0.147/0.0406 and 0.090/0.0222. Equal to the day's weight, not fitted;
    # chosen by leave-one-topic-out among those four, AR-1 is 0.146 and 0.0916. Only the order
    # among a day's candidates changes, never which days are chosen.
    story_weight: float = 1.0
    units: UnitSettings = TIMELINE_UNITS


# The defaults, for keyword defaults in the step functions (a frozen instance, shared safely).
DEFAULT_SETTINGS = TimelineSettings()
