"""A timeline's first two steps: date the sentences, then rank the days (:mod:`storyline.timeline`
builds on them and quotes the chosen days).

1. *Date* every candidate sentence (:func:`date_units`): the days it mentions
   (``storyline.dates`` resolves "on Monday" against the article's publication date), or, when it
   mentions none, its publication date (a "published" sentence, which in news mostly reports that
   day or the day before).
2. *Rank* days by what the articles say happened on them (:func:`day_evidence`,
   :func:`rank_days`), then take them best first, each taken day lowering its neighbours
   (:func:`spread_out`): a landmark and its next-day coverage are one event.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence, Set
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

import numpy as np
from scipy import sparse

from storyline.dates import TimeExpression, iter_days, resolve
from storyline.day_reports import (
    attribution_stub,
    caption_date,
    reported_days,
    time_stamp,
    unreported_days,
)
from storyline.models import Article
from storyline.summarizers.quality import layout_fragment
from storyline.summarizers.units import Unit, build_units
from storyline.text import Lexicon, sentence_spans
from storyline.timeline_settings import DEFAULT_SETTINGS, Dating, TimelineSettings


@dataclass(frozen=True)
class DatedUnits:
    """Step 1's output: which candidate sentences mention or were published on which day."""

    units: list[Unit]
    mentions: dict[date, list[int]]  # day -> units that mention it
    published: dict[date, list[int]]  # day -> units published that day that mention no day
    explicit: dict[date, list[int]]  # day -> units that name it as a calendar date
    # Units whose own words report the day they are filed under ("on Friday" in Friday's group,
    # not "since Friday" or "will vote on Friday"): with dating="published" the grouping may come
    # from elsewhere, and a sentence that tells its day is the likelier report of it.
    confirmed: frozenset[int] = frozenset()
    # Each article's publication date (by the units' ``doc``): a mention from a later article
    # refers back.
    doc_published: tuple[date | None, ...] = ()
    # day -> the article (``doc``) of every sentence that names it, quotable or not (with
    # dating="published": every sentence of the articles published on it): refer-backs.
    sentences: dict[date, list[int]] = field(default_factory=dict)
    # day -> the article of every sentence, quotable or not, that tells what happened on it: names
    # it in its own words, not as a frame or a plan (with dating="published": a sentence of the
    # day's group that names that day so).
    told: dict[date, list[int]] = field(default_factory=dict)
    # Days that every sentence naming them names as a plan ("is due to visit on Sunday", "were
    # scheduled to end on Sunday") or as the frame of other news ("admitted to hospital since 13
    # April", "schools closed until May 6"): nothing says what happened on them, and an entry
    # under one would misdate the news of the sentence it quotes (two Timeline17 h1n1 windows).
    untold: frozenset[date] = frozenset()
    # Units that caption a picture (:func:`caption_date`): they count as evidence for their day
    # (photographers go where the news is), but describe a picture, not what happened.
    captions: frozenset[int] = frozenset()
    # Units that the page's layout makes no whole report (quality.fragment's layout tests: a
    # caption or headline run into the sentence, a transcript's label, the host's voice): the
    # evidence of their day like any sentence naming it, never quoted.
    unquotable: frozenset[int] = frozenset()
    # Units whose own words report a day (whether or not they tell it): a sentence that names no
    # day is filed under its publication day, where it may report that day's news.
    named_units: frozenset[int] = frozenset()


def date_units(
    articles: Sequence[Article],
    *,
    lexicon: Lexicon,
    dating: Dating = "mentions",
    settings: TimelineSettings = DEFAULT_SETTINGS,
) -> DatedUnits:
    """Candidate sentences and the days they speak of.

    ``dating="published"`` dates every sentence by its article's publication date, for input that
    is already grouped by day (our Crisis copy) or when mentions are not to be trusted.
    """
    said = _sentence_days(articles, dating=dating, settings=settings)
    units = build_units(articles, lexicon=lexicon, settings=settings.units)
    mentions: dict[date, list[int]] = defaultdict(list)
    published: dict[date, list[int]] = defaultdict(list)
    explicit: dict[date, list[int]] = defaultdict(list)
    confirmed: set[int] = set()
    captions: set[int] = set()
    named_units: set[int] = set()
    for index, unit in enumerate(units):
        pub = articles[unit.doc].published
        days, named, framed = said.days[(unit.doc, unit.sentence.position)]
        if (unit.doc, unit.sentence.position) in said.captions:
            captions.add(index)
        if len(days) > settings.max_days_per_sentence:
            continue  # a chronology: neither a report of one day nor of its publication day
        if days:
            named_units.add(index)
        for day in named:
            explicit[day].append(index)
        if dating == "published":
            if pub is not None:
                mentions[pub].append(index)
                if pub in days and pub not in framed:
                    confirmed.add(index)
        elif days:
            if not set(days) <= framed:
                confirmed.add(index)
            for day in days:
                mentions[day].append(index)
        elif pub is not None and (unit.doc, unit.sentence.position) not in said.elsewhere:
            published[pub].append(index)
    return DatedUnits(
        units,
        dict(mentions),
        dict(published),
        dict(explicit),
        frozenset(confirmed),
        tuple(article.published for article in articles),
        said.naming,
        said.told,
        frozenset(day for day in said.naming if day not in said.told)
        if dating == "mentions"
        else frozenset(),
        frozenset(captions),
        frozenset(
            i
            for i, unit in enumerate(units)
            # build_units ran every other test of quality.fragment on it already
            if settings.units.layout_fragments
            and (
                layout_fragment(unit.sentence.text, unit.sentence.text.split()) is not None
                or attribution_stub(unit.sentence.text)
            )
        ),
        frozenset(named_units),
    )


@dataclass(frozen=True)
class _SentenceDays:
    # (doc, position) -> the days the sentence reports, those it names as calendar dates, and
    # those it names only as a frame or a plan (:func:`unreported_days`)
    days: dict[tuple[int, int], tuple[list[date], list[date], frozenset[date]]]
    naming: dict[date, list[int]]  # day -> doc of each sentence naming it
    told: dict[date, list[int]]  # day -> doc of each sentence telling what happened on it
    captions: frozenset[tuple[int, int]]  # (doc, position) of each photo caption
    # (doc, position) of sentences that name only times far from their publication day
    elsewhere: frozenset[tuple[int, int]] = frozenset()


def _sentence_days(
    articles: Sequence[Article], *, dating: Dating, settings: TimelineSettings
) -> _SentenceDays:
    """The days every sentence reports, names as calendar dates, and names only as a frame,
    resolved once: the units (quotable sentences) read them back, and the ranking counts them
    all, since a short "Mubarak resigned on February 11." is as much a report as a quotable one."""
    days: dict[tuple[int, int], tuple[list[date], list[date], frozenset[date]]] = {}
    elsewhere: set[tuple[int, int]] = set()
    naming: dict[date, list[int]] = defaultdict(list)
    told: dict[date, list[int]] = defaultdict(list)
    captions: set[tuple[int, int]] = set()
    for doc, article in enumerate(articles):
        pub = article.published
        # The spans split_sentences reads (memoised), without building a Sentence for each.
        for position, (start, end, _) in enumerate(sentence_spans(article.text)):
            text = article.text[start:end]
            reported, named, framed, caption, far = _days_of(text, pub)
            days[(doc, position)] = (reported, named, framed)
            if caption:
                captions.add((doc, position))
            if far:
                elsewhere.add((doc, position))
            single = len(reported) <= settings.max_days_per_sentence
            if dating == "published":
                if pub is not None:
                    naming[pub].append(doc)
                    if single and pub in reported and pub not in framed:
                        told[pub].append(doc)
            elif single:
                for day in reported:
                    naming[day].append(doc)
                    if day not in framed:
                        told[day].append(doc)
    return _SentenceDays(days, dict(naming), dict(told), frozenset(captions), frozenset(elsewhere))


# How far from its publication day a period a sentence names must lie for the sentence to be
# about another time: "took the unsold planes in 1979", "1957: Asian flu killed two million".
ELSEWHERE_DAYS = 62
# "the worst since 1979", "higher than in 2008": a past year measured against the present.
_MEASURED_FROM = re.compile(
    r"\b(?:since|than|from|as\s+of|compared\s+with)(?:\s+[\w,.]+){1,3}\s*$", re.I
)
# "the state of emergency imposed in 1981 has been lifted", "are now marching": news of now that
# recalls a past year.
_NOW = re.compile(r"\b(?:has|have)\s+(?:been\s+)?\w+(?:ed|en|wn)\b|\b(?:is|are)\s+\w+ing\b", re.I)


def _set_elsewhere(text: str, pub: date, expressions: Sequence[TimeExpression]) -> bool:
    """Whether a sentence that reports no day names only periods (years, months) that ended long
    before its publication day: it recalls that time, it is not news of the day it was published.
    A plan for a later month ("agreed to go by September") is news of the day."""
    if _NOW.search(text):
        return False
    margin = timedelta(days=ELSEWHERE_DAYS)
    for e in expressions:
        if e.value is None or e.last_day is None or e.last_day + margin >= pub:
            return False
        if _MEASURED_FROM.search(text[max(0, e.start - 40) : e.end]):
            return False
    return True


_NO_DAYS: tuple[list[date], list[date], frozenset[date]] = ([], [], frozenset())
# A day named only by its place beside another that the article gave before: "The next day,
# Abdelillah was interviewed", "Later that day ...", "the day before". Such a sentence tells of
# the day an earlier sentence named, not of its publication day (a Crisis yemen sentence was
# filed under the day the article came out).
_ANAPHORIC_DAY = re.compile(
    r"\b(?:the\s+(?:next|following|previous|preceding)\s+(?:day|morning|afternoon|evening|night)"
    r"|the\s+day\s+(?:before|after)(?!\s+(?:yesterday|tomorrow))"
    r"|(?:later|earlier|on)\s+that\s+(?:day|morning|afternoon|evening|night)"
    r"|that\s+same\s+day|the\s+same\s+day)\b",
    re.IGNORECASE,
)


def _days_of(
    text: str, pub: date | None
) -> tuple[list[date], list[date], frozenset[date], bool, bool]:
    """One sentence's reported days, calendar-named days, frame-or-plan days, whether it captions
    a picture, and whether it reports no day and names only times far from its publication day."""
    expressions: tuple[TimeExpression, ...] = resolve(text, published=pub)
    if expressions:
        expressions = _without_qualifying_weekdays(text, expressions)
        expressions = tuple(
            e for e in expressions if not time_stamp(text, e) and not _recurring(text, e)
        )
    if not expressions:  # most sentences name no time
        return (*_NO_DAYS, False, pub is not None and _ANAPHORIC_DAY.search(text) is not None)
    pictured = tuple(e for e in expressions if caption_date(text, e, pub))
    reported = reported_days(expressions)
    far = (
        not reported
        and pub is not None
        and (_set_elsewhere(text, pub, expressions) or _ANAPHORIC_DAY.search(text) is not None)
    )
    named = sorted(set(iter_days(tuple(e for e in expressions if e.explicit))))
    # A caption's date is the day of its picture, whatever clause it closes ("... after
    # overrunning the police station in Aleppo on July 25, 2012."): 4 of 30 sampled Crisis syria
    # sentences that the clause checks of unreported_days framed.
    framed = (
        unreported_days(text, expressions) - set(iter_days(pictured)) if reported else frozenset()
    )
    if pub is not None and reported and reported[-1] > pub:
        # An article cannot tell what happened after it was published: a day after it is a plan
        # or a forecast however the clause reads ("has called for a day of rage next Friday",
        # Crisis syria), and quoted under that day it reads as what happened then.
        framed |= {day for day in reported if day > pub}
    return reported, named, framed, bool(pictured), far


# A weekday that recurs: "for the Friday of each week to become the day of demonstration",
# "every Friday", "each Monday". It names no one day (a Timeline17 egypt entry was filed under
# the Friday before its article).
_RECURRING_BEFORE = re.compile(r"\b(?:every|each)\s+$", re.IGNORECASE)
_RECURRING_AFTER = re.compile(r"\s+of\s+(?:every|each|the)\s+week\b", re.IGNORECASE)


def _recurring(text: str, expression: TimeExpression) -> bool:
    """Whether a weekday ``expression`` recurs rather than names one day (see above)."""
    return expression.weekday is not None and bool(
        _RECURRING_BEFORE.search(text, 0, expression.start)
        or _RECURRING_AFTER.match(text, expression.end)
    )


# Between a weekday and the calendar date it qualifies: "Saturday, Oct. 11", "Tuesday 9 June",
# "Thursday, the 14th of January".
_WEEKDAY_TO_DATE = re.compile(r"\s*,?\s*(?:the\s+)?")


def _without_qualifying_weekdays(
    text: str, expressions: tuple[TimeExpression, ...]
) -> tuple[TimeExpression, ...]:
    """Drop a weekday that only qualifies the calendar date right after it ("on Saturday, Oct.
    11"): it names that same day, and read on its own (the weekday before the publication date) it
    made the sentence a two-day one, which the counts leave out. Such dates are how later reports
    refer back to a landmark (73 sentences of our Timeline17 articles, 16 of them "Saturday, Oct.
    11" in finan's)."""
    kept: list[TimeExpression] = []
    for expression, following in zip(expressions, (*expressions[1:], None), strict=False):
        if (
            following is not None
            and expression.weekday is not None
            and expression.range_end is None
            and following.explicit
            and following.granularity == "day"
            and _WEEKDAY_TO_DATE.fullmatch(text[expression.end : following.start])
        ):
            continue
        kept.append(expression)
    return tuple(kept)


def keep_articles(dated: DatedUnits, docs: Set[int]) -> DatedUnits:
    """``dated`` as if only the articles ``docs`` (indices into the articles dated) had been
    given, without dating them again: the day evidence of a part of the input, for the
    benchmark's subsample check. Unit indices are unchanged; ``untold`` and ``captions`` are kept
    as they are (they do not enter :func:`day_evidence`)."""
    units = dated.units

    def of_units(by_day: dict[date, list[int]]) -> dict[date, list[int]]:
        kept = {day: [i for i in found if units[i].doc in docs] for day, found in by_day.items()}
        return {day: found for day, found in kept.items() if found}

    def of_docs(by_day: dict[date, list[int]]) -> dict[date, list[int]]:
        kept = {day: [doc for doc in found if doc in docs] for day, found in by_day.items()}
        return {day: found for day, found in kept.items() if found}

    return replace(
        dated,
        mentions=of_units(dated.mentions),
        published=of_units(dated.published),
        explicit=of_units(dated.explicit),
        confirmed=frozenset(i for i in dated.confirmed if units[i].doc in docs),
        doc_published=tuple(
            day if doc in docs else None for doc, day in enumerate(dated.doc_published)
        ),
        sentences=of_docs(dated.sentences),
        told=of_docs(dated.told),
    )


def centrality(vectors: sparse.csr_matrix) -> np.ndarray:
    """Each unit's cosine with the centroid of all units (rows of ``vectors`` are L2-normalised):
    how much a sentence is about what the whole collection is about."""
    if vectors.shape[0] == 0:
        return np.zeros(0)
    centroid = np.asarray(vectors.mean(axis=0)).ravel()
    norm = float(np.linalg.norm(centroid))
    if norm == 0:
        return np.zeros(vectors.shape[0])
    return np.asarray(vectors @ (centroid / norm)).ravel()


@dataclass(frozen=True)
class DayEvidence:
    """What the articles say about one day: the features :func:`rank_days` weighs."""

    day: date
    told: int  # articles with a sentence (any) that tells what happened on the day
    later: int  # articles naming it (any sentence) published 2+ days after it: they refer back
    explicit: int  # articles naming it as a calendar date
    # Sum over the articles that tell the day of their most central sentence telling it. Only
    # sentences that tell it: in input grouped by day (dating="published") every sentence of the
    # group is filed under the day, and summing them all brought the group's size, publication
    # volume, back into the score that ``told`` keeps it out of.
    centrality: float
    reporting: int  # articles published on it with sentences that name no day
    support: int  # articles with a quotable sentence that names or reports it
    volume: int  # articles published on it (the baseline's only evidence)


def day_evidence(
    dated: DatedUnits,
    *,
    central: np.ndarray | None = None,
    start: date | None = None,
    end: date | None = None,
) -> list[DayEvidence]:
    """Evidence for every day named or reported inside ``start``..``end``. An article repeating a
    date counts once: one outlet's emphasis is not the story's. ``central`` holds one value a
    unit (see :func:`centrality`)."""
    units = dated.units
    central = np.zeros(len(units)) if central is None else central
    volume = Counter(day for day in dated.doc_published if day is not None)
    days = set(dated.mentions) | set(dated.published) | set(dated.explicit) | set(volume)
    days |= set(dated.sentences)
    evidence = []
    for day in sorted(days):
        if (start is not None and day < start) or (end is not None and day > end):
            continue
        naming: set[int] = set()
        telling: dict[int, float] = {}
        for i in dated.mentions.get(day, ()):
            naming.add(units[i].doc)
            if i in dated.confirmed:
                telling[units[i].doc] = max(telling.get(units[i].doc, 0.0), float(central[i]))
        # Articles that name the day in any sentence and were published two or more days after
        # it: the next day's paper reporting "yesterday" is the same news cycle (pub_window), not
        # a return to the day.
        published = (dated.doc_published[doc] for doc in set(dated.sentences.get(day, ())))
        later = sum(1 for pub in published if pub is not None and (pub - day).days >= 2)
        explicit = {units[i].doc for i in dated.explicit.get(day, ())}
        reporting = {units[i].doc for i in dated.published.get(day, ())}
        evidence.append(
            DayEvidence(
                day,
                told=len(set(dated.told.get(day, ()))),
                later=later,
                explicit=len(explicit),
                centrality=sum(telling.values()),
                reporting=len(reporting),
                support=len(naming | explicit | reporting),
                volume=volume[day],
            )
        )
    return evidence


def rank_days(
    evidence: Sequence[DayEvidence], *, settings: TimelineSettings = DEFAULT_SETTINGS
) -> list[tuple[date, float, int]]:
    """(day, score, supporting articles), best first: the weights of :class:`TimelineSettings`
    over the evidence, or publication volume alone with ``ranking="volume"`` (the baseline the
    benchmark reports beside every number). Days only reported (score 0) rank after every named
    day, by how many articles report them."""
    s = settings
    ranked = []
    for e in evidence:
        if s.ranking == "mentions" and not e.support:
            continue  # published that day, but every sentence of it reports another day
        if s.ranking == "volume":
            score = float(e.volume)
        else:
            score = (
                s.told_weight * math.log1p(e.told)
                + s.refer_back_weight * math.log1p(e.later)
                + s.explicit_weight * math.log1p(e.explicit)
                + s.centrality_weight * math.log1p(e.centrality)
            )
        ranked.append((e.day, score, e.support))
    ranked.sort(key=lambda item: (-item[1], -item[2], item[0]))
    return ranked


def rank_dates(
    dated: DatedUnits,
    *,
    central: np.ndarray | None = None,
    start: date | None = None,
    end: date | None = None,
    settings: TimelineSettings = DEFAULT_SETTINGS,
) -> list[tuple[date, float, int]]:
    """Days by what the articles say happened on them: :func:`day_evidence` then
    :func:`rank_days`."""
    evidence = day_evidence(dated, central=central, start=start, end=end)
    return rank_days(evidence, settings=settings)


def spread_out(
    ranked: Sequence[tuple[date, float, int]], *, settings: TimelineSettings = DEFAULT_SETTINGS
) -> Iterator[tuple[date, float]]:
    """The ranked days in the order a timeline takes them: each time the best remaining day is
    taken, the days near it lose points (see ``TimelineSettings.spread``), so that a landmark and
    its next-day coverage do not fill two places. Yields (day, original score); lazy, since a
    timeline stops after its N days."""
    if settings.ranking == "volume" or not settings.spread or settings.spread_days < 1:
        yield from ((day, score) for day, score, _ in ranked)
        return
    order = {day: i for i, (day, _, _) in enumerate(ranked)}
    original = {day: score for day, score, _ in ranked}
    current = dict(original)
    heap = [(-score, order[day], day) for day, score, _ in ranked]
    heapq.heapify(heap)
    while heap:
        negative, _, day = heapq.heappop(heap)
        if day not in current:
            continue
        if -negative > current[day] + 1e-12:  # lowered since pushed: push it back as it is now
            heapq.heappush(heap, (-current[day], order[day], day))
            continue
        del current[day]
        yield day, original[day]
        for k in range(1, settings.spread_days + 1):
            for near in (day - timedelta(days=k), day + timedelta(days=k)):
                if near in current:
                    current[near] -= settings.spread / k
