"""Timeline summarization: the important dates of a story, each with one or two cited sentences.

The shape is DATEWISE's (Ghalandari & Ifrim 2020, news-tls), in three swappable steps:

1. *Date* every candidate sentence: the days it mentions (``storyline.dates`` resolves "on Monday"
   against the article's publication date), or, when it mentions none, its publication date (a
   "published" sentence, which in news mostly reports that day or the day before).
2. *Rank* days by how much the collection talks about them (:func:`rank_dates`), then take them
   best first, each taken day lowering its neighbours (:func:`spread_out`): a landmark and its
   next-day coverage are one event.
3. *Summarize* each chosen day from the sentences that mention it, plus the undated sentences of
   articles published that day and the next: the sentences closest to the centroid of that pool,
   those that tell what happened that day first (not those that name it only as the frame of
   other news, "since February 17", or as a plan, "will visit on Sunday": :func:`unreported_days`),
   minus any that repeat a sentence already on the timeline (:func:`select_sentences`).

Every sentence carries citations as the summarizers' do: itself, plus the closest sentence of any
other article that says the same thing. The settings that ``benchmarks/timelines.py`` tuned say so.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Literal

import numpy as np
from scipy import sparse

from storyline.dates import Granularity, TimeExpression, iter_days, resolve
from storyline.day_reports import reported_days, time_stamp, unreported_days
from storyline.models import Article, SummarySentence
from storyline.summarizers.graph import tfidf
from storyline.summarizers.numbers import numbers_in
from storyline.summarizers.units import (
    Encoded,
    Unit,
    UnitSettings,
    build_units,
    cite,
    content_matrix,
    encode,
)
from storyline.text import Lexicon, sentence_spans

Dating = Literal["mentions", "published"]


@dataclass(frozen=True)
class TimelineEntry:
    date: date
    granularity: Granularity
    sentences: tuple[SummarySentence, ...]
    score: float = 0.0  # the date's rank score (how much the collection talks about it)


@dataclass(frozen=True)
class Timeline:
    entries: tuple[TimelineEntry, ...]
    method: str = "datewise"
    settings: dict[str, object] = field(default_factory=dict, hash=False, compare=False)
    # Why the timeline is empty and what to pass to fill it; "" when it has entries. Kept on the
    # result so that every renderer (Markdown, HTML, JSON, the web page) can say it.
    reason: str = ""

    @property
    def dates(self) -> tuple[date, ...]:
        return tuple(entry.date for entry in self.entries)


# Longer than the summarizer's limit: timeline sentences carry the who, what and where of a day
# (Timeline17 AR-1 +0.006 over 6..50 words; Crisis unchanged).
TIMELINE_UNITS = UnitSettings(min_words=8, max_words=60)


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
    # published on it. Five counts of that evidence (see :class:`DayEvidence`): the sentences that
    # name the day (any sentence, not only quotable ones: DATEWISE's mention count), the articles
    # that name it, those that refer back to it two or more days later, those that name it as a
    # calendar date ("on January 28" is how later reports refer back to a landmark), and the
    # centrality of the naming sentences (a date in an aside about something else counts little).
    # The score is sum(weight x log(1 + count)): on a log scale doubling a count moves every day
    # by about the same amount, so a feature's scale (sentences outnumber articles, centrality is
    # a sum of cosines) hardly matters and one set of weights serves a 100-article story and a
    # 10,000-sentence crisis. The weights are equal, not fitted: fitted on seven of our eight
    # topics (4 Timeline17, 4 Crisis) the best weights moved with every topic left out, and the
    # left-out topic paid for it (Crisis yemen 0.447 -> 0.373 date F1), while equal weights are
    # within 0.006 of the best fitted point (Crisis 0.324 against 0.329). Refer-backs cannot be
    # weighed on our sets at all (Crisis has no article boundaries; on our Timeline17 topics every
    # ranking finds the same days): a report that returns to a day days later is what
    # publication volume cannot see, so it counts as much as the rest.
    # "mentions" (the method) or "volume": the N days on which most articles were published, the
    # baseline that benchmarks/timelines.py puts beside every number.
    ranking: Literal["mentions", "volume"] = "mentions"
    sentence_weight: float = 1.0
    mention_weight: float = 1.0
    refer_back_weight: float = 1.0
    explicit_weight: float = 1.0
    centrality_weight: float = 1.0
    # Once a day is on the timeline, each day within ``spread_days`` of it loses ``spread`` / k
    # points (k: the distance in days) before the next is chosen: one event is reported on the
    # day and the next, and that neighbour's counts are the same news, not another landmark.
    # Left to the leave-one-topic-out search in benchmarks/timelines.py (GRID), which picks 0.25
    # in 7 of 8 folds (0.5 with Crisis yemen left out); not applied to the volume baseline.
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
    units: UnitSettings = TIMELINE_UNITS


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
    # dating="published": every sentence of the articles published on it): the mention count.
    sentences: dict[date, list[int]] = field(default_factory=dict)


def date_units(
    articles: Sequence[Article],
    *,
    lexicon: Lexicon,
    dating: Dating = "mentions",
    settings: TimelineSettings = TimelineSettings(),
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
    for index, unit in enumerate(units):
        pub = articles[unit.doc].published
        days, named, expressions = said.days[(unit.doc, unit.sentence.position)]
        if len(days) > settings.max_days_per_sentence:
            continue  # a chronology: neither a report of one day nor of its publication day
        framed = unreported_days(unit.sentence.text, expressions) if days else frozenset()
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
        elif pub is not None:
            published[pub].append(index)
    return DatedUnits(
        units,
        dict(mentions),
        dict(published),
        dict(explicit),
        frozenset(confirmed),
        tuple(article.published for article in articles),
        said.naming,
    )


@dataclass(frozen=True)
class _SentenceDays:
    # (doc, position) -> the days the sentence reports, those it names as calendar dates, and its
    # time expressions (for :func:`unreported_days`, asked only of quotable sentences)
    days: dict[tuple[int, int], tuple[list[date], list[date], tuple[TimeExpression, ...]]]
    naming: dict[date, list[int]]  # day -> doc of each sentence naming it


def _sentence_days(
    articles: Sequence[Article], *, dating: Dating, settings: TimelineSettings
) -> _SentenceDays:
    """The days every sentence reports and names as calendar dates, resolved once: the units
    (quotable sentences) read them back, and the ranking counts them all, since a short "Mubarak
    resigned on February 11." is as much a mention as a quotable one."""
    days: dict[tuple[int, int], tuple[list[date], list[date], tuple[TimeExpression, ...]]] = {}
    naming: dict[date, list[int]] = defaultdict(list)
    for doc, article in enumerate(articles):
        pub = article.published
        # The spans split_sentences reads (memoised), without building a Sentence for each.
        for position, (start, end, _) in enumerate(sentence_spans(article.text)):
            text = article.text[start:end]
            expressions = resolve(text, published=pub)
            if expressions:
                expressions = tuple(e for e in expressions if not time_stamp(text, e))
            reported: list[date] = []
            named: list[date] = []
            if expressions:  # most sentences name no time
                reported = reported_days(expressions)
                named = sorted(set(iter_days(tuple(e for e in expressions if e.explicit))))
            days[(doc, position)] = (reported, named, expressions)
            if dating == "published":
                if pub is not None:
                    naming[pub].append(doc)
            elif len(reported) <= settings.max_days_per_sentence:
                for day in reported:
                    naming[day].append(doc)
    return _SentenceDays(days, dict(naming))


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
    sentences: int  # sentences that name the day (any sentence; see DatedUnits.sentences)
    naming: int  # articles with a quotable sentence that names the day
    later: int  # articles naming it (any sentence) published 2+ days after it: they refer back
    explicit: int  # articles naming it as a calendar date
    centrality: float  # sum over naming articles of their most central naming sentence
    reporting: int  # articles published on it with sentences that name no day
    support: int  # articles that name or report it
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
        naming: dict[int, float] = {}
        for i in dated.mentions.get(day, ()):
            naming[units[i].doc] = max(naming.get(units[i].doc, 0.0), float(central[i]))
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
                sentences=len(dated.sentences.get(day, ())),
                naming=len(naming),
                later=later,
                explicit=len(explicit),
                centrality=sum(naming.values()),
                reporting=len(reporting),
                support=len(set(naming) | explicit | reporting),
                volume=volume[day],
            )
        )
    return evidence


def rank_days(
    evidence: Sequence[DayEvidence], *, settings: TimelineSettings = TimelineSettings()
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
                s.sentence_weight * math.log1p(e.sentences)
                + s.mention_weight * math.log1p(e.naming)
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
    settings: TimelineSettings = TimelineSettings(),
) -> list[tuple[date, float, int]]:
    """Days by what the articles say happened on them: :func:`day_evidence` then
    :func:`rank_days`."""
    evidence = day_evidence(dated, central=central, start=start, end=end)
    return rank_days(evidence, settings=settings)


def spread_out(
    ranked: Sequence[tuple[date, float, int]], *, settings: TimelineSettings = TimelineSettings()
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


def _pool(dated: DatedUnits, day: date, *, settings: TimelineSettings) -> tuple[list[int], int]:
    """Candidates for ``day``: sentences that mention it, then undated ones published from it."""
    mentioned = list(dated.mentions.get(day, ()))
    published: list[int] = []
    for offset in range(settings.pub_window):
        published.extend(dated.published.get(day + timedelta(days=offset), ()))
    return mentioned + published, len(mentioned)


def _centroid_sims(rows: sparse.csr_matrix, n_mentioned: int) -> np.ndarray:
    """Cosine of each row with the pool's centroid, mentions and publications as two halves."""
    mention_part, pub_part = rows[:n_mentioned], rows[n_mentioned:]
    parts = [np.asarray(p.mean(axis=0)).ravel() for p in (mention_part, pub_part) if p.shape[0]]
    centroid = np.mean(parts, axis=0)
    norm = np.linalg.norm(centroid)
    if norm == 0:
        return np.zeros(rows.shape[0])
    return np.asarray(rows @ (centroid / norm)).ravel()


def select_sentences(
    pool: Sequence[int],
    *,
    n_mentioned: int,
    vectors: sparse.csr_matrix,
    taken: Sequence[int],
    k: int,
    confirmed: frozenset[int] = frozenset(),
    units: Sequence[Unit] = (),
    settings: TimelineSettings = TimelineSettings(),
) -> list[int]:
    """Up to ``k`` sentences of the pool nearest its centroid, none repeating ``taken``.

    The centroid averages the mentioning and the published sentences as two halves (news-tls's
    PM-mean), so a day with few explicit mentions is not drowned by that day's other news; only
    sentences that mention the day can be chosen when there are any, because a published sentence
    may well report the day before. Sentences that tell the day's news themselves come first
    (``settings.prefer_confirmed``): in input grouped by day the others may report another day,
    and a sentence that names the day only as a frame or a plan does not say what happened.
    """
    if not pool:
        return []
    sims = _centroid_sims(vectors[list(pool)], n_mentioned)
    if not sims.any():
        return []
    eligible = range(n_mentioned) if n_mentioned else range(len(pool))
    # Sentences that report the day first (see TimelineSettings.prefer_confirmed), then the rest.
    first = confirmed if settings.prefer_confirmed else frozenset()
    order = sorted(eligible, key=lambda i: (pool[i] not in first, -sims[i]))
    chosen: list[int] = []
    kept = list(taken)
    for i in order:
        if len(chosen) == k:
            break
        unit = pool[i]
        if kept and _repeats(unit, kept, vectors=vectors, units=units, settings=settings):
            continue
        chosen.append(unit)
        kept.append(unit)
    return chosen


def _repeats(
    unit: int,
    kept: Sequence[int],
    *,
    vectors: sparse.csr_matrix,
    units: Sequence[Unit],
    settings: TimelineSettings,
) -> bool:
    """Whether ``unit`` says what a sentence already kept says. A similar sentence with other
    numbers is news, not a repeat ("struck 53 targets in the past 24 hours" a week after "struck
    nine sites in the past 24 hours"), when ``units`` are given to read the numbers from."""
    sims = np.asarray((vectors[list(kept)] @ vectors[unit].T).todense()).ravel()
    similar = [kept[j] for j in np.flatnonzero(sims >= settings.redundancy).tolist()]
    if not similar:
        return False
    if not units:
        return True
    own = {n.value for n in numbers_in(units[unit].sentence.text)}
    return not own or any(
        {n.value for n in numbers_in(units[j].sentence.text)} == own for j in similar
    )


def build_timeline(
    articles: Sequence[Article],
    *,
    max_dates: int | None = None,
    sentences_per_date: int = 1,
    start: date | None = None,
    end: date | None = None,
    dating: Dating = "mentions",
    settings: TimelineSettings = TimelineSettings(),
    lexicon: Lexicon | None = None,
    prepared: PreparedTimeline | None = None,
) -> Timeline:
    """The story's timeline: up to ``max_dates`` days (None: every day of a small story, else the
    days that several articles talk about, see :class:`TimelineSettings`), each with
    ``sentences_per_date`` cited sentences, restricted to ``start``..``end`` when given.
    Articles without a publication date contribute only what they say with explicit dates. An
    empty timeline says why in ``Timeline.reason``. ``prepared``: :func:`prepare_timeline` of
    these same ``articles`` (and ``dating`` and unit settings), to rank them several ways."""
    if sentences_per_date < 1:
        raise ValueError(f"sentences_per_date must be at least 1, got {sentences_per_date}.")
    if max_dates is not None and max_dates < 1:
        raise ValueError(f"max_dates must be at least 1 or None (automatic), got {max_dates}.")
    described = _describe(settings, dating, max_dates, sentences_per_date)
    if prepared is None:
        prepared = prepare_timeline(articles, dating=dating, settings=settings, lexicon=lexicon)
    dated, encoded, vectors, central = (
        prepared.dated,
        prepared.encoded,
        prepared.vectors,
        prepared.central,
    )
    if not dated.units:
        return Timeline((), settings=described, reason=_no_units_reason(articles, settings))
    ranked = rank_dates(dated, central=central, start=start, end=end, settings=settings)
    every_day = len(ranked)
    limit = max_dates
    if limit is None and every_day > settings.small_story_days:
        ranked = [item for item in ranked if item[2] >= settings.min_support]
        limit = settings.auto_max_dates
    if not ranked:
        reason = _no_days_reason(articles, dated, every_day, start=start, end=end)
        return Timeline((), settings=described, reason=reason)
    picked: list[tuple[date, float, list[int], list[int]]] = []
    taken: list[int] = []
    for day, score in spread_out(ranked, settings=settings):
        if limit is not None and len(picked) == limit:
            break
        pool, n_mentioned = _pool(dated, day, settings=settings)
        chosen = select_sentences(
            pool,
            n_mentioned=n_mentioned,
            vectors=vectors,
            taken=taken,
            k=sentences_per_date,
            confirmed=dated.confirmed,
            units=dated.units,
            settings=settings,
        )
        if chosen:
            # Cited beside the day: the sentences that report it (a plan for it or a look back
            # from later news says something else), and those of the day's own articles.
            reports = [u for j, u in enumerate(pool) if j >= n_mentioned or u in dated.confirmed]
            picked.append((day, score, chosen, reports))
            taken.extend(chosen)
    entries = _entries(picked, dated.units, articles, matrix=content_matrix(encoded))
    reason = "" if entries else "Every day's sentences repeat one already on the timeline."
    return Timeline(entries, settings=described, reason=reason)


@dataclass(frozen=True, eq=False)
class PreparedTimeline:
    """Step 1 and the sentence vectors: what every ranking of the same articles shares (the
    benchmark ranks each input several ways)."""

    dated: DatedUnits
    encoded: Encoded
    vectors: sparse.csr_matrix
    central: np.ndarray  # each unit's centrality (see :func:`centrality`)

    def evidence(self, *, start: date | None = None, end: date | None = None) -> list[DayEvidence]:
        """The day evidence :func:`build_timeline` ranks."""
        return day_evidence(self.dated, central=self.central, start=start, end=end)


def prepare_timeline(
    articles: Sequence[Article],
    *,
    dating: Dating = "mentions",
    settings: TimelineSettings = TimelineSettings(),
    lexicon: Lexicon | None = None,
) -> PreparedTimeline:
    """Date the candidate sentences and vectorise them (the costly part of a timeline)."""
    lexicon = lexicon or Lexicon()
    dated = date_units(articles, lexicon=lexicon, dating=dating, settings=settings)
    encoded = encode(dated.units, lexicon=lexicon)
    vectors = tfidf(dated.units, encoded)
    return PreparedTimeline(dated, encoded, vectors, centrality(vectors))


def _no_units_reason(articles: Sequence[Article], settings: TimelineSettings) -> str:
    if not articles:
        return "No articles were given."
    return (
        f"No article has a complete sentence of {settings.units.min_words} to "
        f"{settings.units.max_words} words that a timeline can quote."
    )


def _no_days_reason(
    articles: Sequence[Article],
    dated: DatedUnits,
    every_day: int,
    *,
    start: date | None,
    end: date | None,
) -> str:
    """Why no day was kept, and what to pass to get one."""
    if every_day:
        return (
            f"{every_day} days are named or reported, but none by two or more articles: pass "
            f"--max-dates N (max_dates=N) to list the N most named days."
        )
    if start is not None or end is not None:
        return (
            f"No day between {start or 'the start'} and {end or 'the end'} is named or reported: "
            f"widen the window."
        )
    if all(article.published is None for article in articles):
        return (
            "No sentence names a calendar date and no article has a publication date, so "
            "'on Monday' cannot be placed: give each article its date (a 'date' or 'published' "
            "field in JSON/JSONL, front matter 'date: YYYY-MM-DD' in text files, or HTML metadata)."
        )
    return "No sentence names a day, and the dated articles have no undated sentence to report."


def _entries(
    picked: Sequence[tuple[date, float, list[int], list[int]]],
    units: Sequence[Unit],
    articles: Sequence[Article],
    *,
    matrix: sparse.csr_matrix,
) -> tuple[TimelineEntry, ...]:
    entries = []
    for day, score, chosen, pool in sorted(picked, key=lambda item: item[0]):
        # Within a day, the order of the source: earlier articles, then earlier sentences.
        ordered = sorted(chosen, key=lambda i: (units[i].doc, units[i].sentence.position))
        # Only sentences dated to this day may be cited beside it: a report of the same kind of
        # event a week later ("the ministry said its jets struck ...") is another day's news.
        citations = cite(ordered, units, articles, matrix=matrix, candidates=pool)
        sentences = tuple(
            SummarySentence(units[i].sentence.text, cites)
            for i, cites in zip(ordered, citations, strict=True)
        )
        entries.append(TimelineEntry(day, "day", sentences, round(score, 3)))
    return tuple(entries)


def _describe(
    settings: TimelineSettings, dating: Dating, max_dates: int | None, sentences_per_date: int
) -> dict[str, object]:
    described = asdict(settings)
    described.update(dating=dating, max_dates=max_dates, sentences_per_date=sentences_per_date)
    return described
