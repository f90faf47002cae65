"""Timeline summarization: the important dates of a story, each with one or two cited sentences.

The shape is DATEWISE's (Ghalandari & Ifrim 2020, news-tls), in three swappable steps:

1. *Date* every candidate sentence: the days it mentions (``storyline.dates`` resolves "on Monday"
   against the article's publication date), or, when it mentions none, its publication date (a
   "published" sentence, which in news mostly reports that day or the day before).
2. *Rank* days by how much the collection talks about them (:func:`rank_dates`).
3. *Summarize* each chosen day from the sentences that mention it, plus the undated sentences of
   articles published that day and the next: the sentences closest to the centroid of that pool,
   those whose own words name the day first, minus any that repeat a sentence already on the
   timeline (:func:`select_sentences`).

Every sentence carries citations as the summarizers' do: itself, plus the closest sentence of any
other article that says the same thing. The settings that ``benchmarks/timelines.py`` tuned say so.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from typing import Literal

import numpy as np
from scipy import sparse

from storyline.dates import Granularity, iter_days, resolve
from storyline.models import Article, Citation, SummarySentence, content_id
from storyline.summarizers.graph import tfidf
from storyline.summarizers.units import (
    Encoded,
    Unit,
    UnitSettings,
    build_units,
    cite,
    content_matrix,
    encode,
    incidence,
)
from storyline.text import Lexicon

log = logging.getLogger(__name__)

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

    @property
    def dates(self) -> tuple[date, ...]:
        return tuple(entry.date for entry in self.entries)


# Longer than the summarizer's limit: timeline sentences carry the who, what and where of a day
# (Timeline17 AR-1 +0.006 over 6..50 words; Crisis unchanged).
TIMELINE_UNITS = UnitSettings(min_words=8, max_words=60)


@dataclass(frozen=True)
class TimelineSettings:
    """Knobs of the three steps; the defaults were set on Timeline17 and Crisis
    (``benchmarks/timelines.py``), with held-out topics in mind: no per-topic values."""

    # A sentence that names more days than this is a chronology or a comparison, not the report
    # of one day (Timeline17 AR-2 0.035 -> 0.039 going from 3 to 1; Crisis unchanged).
    max_days_per_sentence: int = 1
    # Undated sentences of articles published on d .. d + pub_window - 1 join d's pool (news-tls).
    pub_window: int = 2
    # Rank weight of one published (undated) sentence relative to one mention.
    pub_weight: float = 0.5
    # Extra rank weight of an article naming the day as a calendar date ("on January 28"): a day
    # that later reports still cite by its date is a landmark of the story. Crisis date F1 rose
    # from 0.298 to 0.325 (flat between 2 and 5); Timeline17 did not move.
    explicit_weight: float = 3.0
    # Two timeline sentences closer than this (tf-idf cosine) say the same thing: keep one.
    redundancy: float = 0.5
    # Without max_dates: keep days that at least this many articles talk about ...
    min_support: int = 2
    # ... and at most this many.
    auto_max_dates: int = 20
    # Among a day's candidates, choose only sentences whose own words name that day, when there
    # are any. Dating by mentions does so by construction; with dating="published" (input already
    # grouped by day, e.g. our Crisis copy) a grouped sentence may report another day or none.
    # Crisis AR-1 0.093 -> 0.094, AR-2 0.0258 -> 0.0265, date F1 unchanged; Timeline17 unchanged.
    prefer_confirmed: bool = True
    # Weight of the pool's content-bigram centroid next to the unigram tf-idf one when choosing a
    # day's sentences (the bigrams AR-2 counts). Off: Crisis AR-2 0.0258 -> 0.0282 at 0.5 but
    # Timeline17 0.045 -> 0.042 (0.043 at 0.25); idf-weighted bigrams were worse on both.
    bigram_weight: float = 0.0
    units: UnitSettings = TIMELINE_UNITS


@dataclass(frozen=True)
class DatedUnits:
    """Step 1's output: which candidate sentences mention or were published on which day."""

    units: list[Unit]
    mentions: dict[date, list[int]]  # day -> units that mention it
    published: dict[date, list[int]]  # day -> units published that day that mention no day
    explicit: dict[date, list[int]]  # day -> units that name it as a calendar date
    # Units whose own words name the day they are filed under ("on Friday" in Friday's group):
    # with dating="published" the grouping may come from elsewhere, and a sentence that says its
    # day is the likelier report of it.
    confirmed: frozenset[int] = frozenset()


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
    units = build_units(articles, lexicon=lexicon, settings=settings.units)
    mentions: dict[date, list[int]] = defaultdict(list)
    published: dict[date, list[int]] = defaultdict(list)
    explicit: dict[date, list[int]] = defaultdict(list)
    confirmed: set[int] = set()
    for index, unit in enumerate(units):
        pub = articles[unit.doc].published
        expressions = resolve(unit.sentence.text, published=pub)
        days = sorted(set(iter_days(expressions)))
        if len(days) > settings.max_days_per_sentence:
            continue  # a chronology: neither a report of one day nor of its publication day
        for day in sorted(set(iter_days(tuple(e for e in expressions if e.explicit)))):
            explicit[day].append(index)
        if dating == "published":
            if pub is not None:
                mentions[pub].append(index)
                if pub in days:
                    confirmed.add(index)
        elif days:
            confirmed.add(index)
            for day in days:
                mentions[day].append(index)
        elif pub is not None:
            published[pub].append(index)
    return DatedUnits(units, dict(mentions), dict(published), dict(explicit), frozenset(confirmed))


def rank_dates(
    dated: DatedUnits,
    *,
    start: date | None = None,
    end: date | None = None,
    settings: TimelineSettings = TimelineSettings(),
) -> list[tuple[date, float, int]]:
    """Days by how much the collection talks about them: (day, score, supporting articles).

    A day's score counts the articles that mention it (an article repeating a date counts once:
    one outlet's emphasis is not the story's) plus, at ``pub_weight``, the articles published on
    it with sentences that mention no day (DATEWISE's mention and publication counts), plus, at
    ``explicit_weight``, the articles that name it as a calendar date.
    """
    units = dated.units
    scores: dict[date, float] = defaultdict(float)
    support: dict[date, set[int]] = defaultdict(set)
    tables = (
        (1.0, dated.mentions),
        (settings.pub_weight, dated.published),
        (settings.explicit_weight, dated.explicit),
    )
    for weight, table in tables:
        for day, members in table.items():
            docs = {units[i].doc for i in members}
            scores[day] += weight * len(docs)
            support[day] |= docs
    inside = {
        day: score
        for day, score in scores.items()
        if (start is None or day >= start) and (end is None or day <= end)
    }
    ranked = [(day, score, len(support[day])) for day, score in inside.items()]
    ranked.sort(key=lambda item: (-item[1], item[0]))
    return ranked


def _pool(dated: DatedUnits, day: date, *, settings: TimelineSettings) -> tuple[list[int], int]:
    """Candidates for ``day``: sentences that mention it, then undated ones published from it."""
    mentioned = list(dated.mentions.get(day, ()))
    published: list[int] = []
    for offset in range(settings.pub_window):
        published.extend(dated.published.get(day + timedelta(days=offset), ()))
    return mentioned + published, len(mentioned)


def bigram_matrix(enc: Encoded) -> sparse.csr_matrix:
    """Rows: units; columns: pairs of adjacent content stems (stopwords dropped first, as ROUGE-2
    with stopword removal counts them), binary and L2-normalised."""
    keep = ~enc.stop[enc.flat] if enc.n_codes else np.zeros(0, dtype=bool)
    codes, unit_of = enc.flat[keep], enc.unit_of[keep]
    same = unit_of[1:] == unit_of[:-1]
    pairs = codes[:-1][same] * max(enc.n_codes, 1) + codes[1:][same]
    _, matrix = incidence(unit_of[:-1][same], pairs, n_units=enc.n_units)
    norms = np.sqrt(np.asarray(matrix.sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix)


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
    bigrams: sparse.csr_matrix | None = None,
    confirmed: frozenset[int] = frozenset(),
    settings: TimelineSettings = TimelineSettings(),
) -> list[int]:
    """Up to ``k`` sentences of the pool nearest its centroid, none repeating ``taken``.

    The centroid averages the mentioning and the published sentences as two halves (news-tls's
    PM-mean), so a day with few explicit mentions is not drowned by that day's other news; only
    sentences that mention the day can be chosen when there are any, because a published sentence
    may well report the day before. Sentences that name the day themselves come first
    (``settings.prefer_confirmed``): in input grouped by day, the others may report another day.
    """
    if not pool:
        return []
    sims = _centroid_sims(vectors[list(pool)], n_mentioned)
    if not sims.any():
        return []
    if bigrams is not None and settings.bigram_weight:
        sims = sims + settings.bigram_weight * _centroid_sims(bigrams[list(pool)], n_mentioned)
    eligible = range(n_mentioned) if n_mentioned else range(len(pool))
    # Sentences that name the day first (see TimelineSettings.prefer_confirmed), then the rest.
    first = confirmed if settings.prefer_confirmed else frozenset()
    order = sorted(eligible, key=lambda i: (pool[i] not in first, -sims[i]))
    chosen: list[int] = []
    kept = list(taken)
    for i in order:
        if len(chosen) == k:
            break
        unit = pool[i]
        if kept and float((vectors[kept] @ vectors[unit].T).max()) >= settings.redundancy:
            continue
        chosen.append(unit)
        kept.append(unit)
    return chosen


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
) -> Timeline:
    """The story's timeline: up to ``max_dates`` days (None: as many as the story supports, see
    ``TimelineSettings.min_support``), each with ``sentences_per_date`` cited sentences,
    restricted to ``start``..``end`` when given. Articles without a publication date contribute
    only what they say with explicit dates."""
    if sentences_per_date < 1:
        raise ValueError(f"sentences_per_date must be at least 1, got {sentences_per_date}.")
    if max_dates is not None and max_dates < 1:
        raise ValueError(f"max_dates must be at least 1 or None (automatic), got {max_dates}.")
    lexicon = lexicon or Lexicon()
    dated = date_units(articles, lexicon=lexicon, dating=dating, settings=settings)
    ranked = rank_dates(dated, start=start, end=end, settings=settings)
    limit = max_dates
    if limit is None:
        ranked = [item for item in ranked if item[2] >= settings.min_support]
        limit = settings.auto_max_dates
    if not dated.units or not ranked:
        return Timeline((), settings=_describe(settings, dating, max_dates, sentences_per_date))
    encoded = encode(dated.units, lexicon=lexicon)
    vectors = tfidf(dated.units, encoded)
    bigrams = bigram_matrix(encoded) if settings.bigram_weight else None
    picked: list[tuple[date, float, list[int]]] = []
    taken: list[int] = []
    for day, score, _support in ranked:
        if len(picked) == limit:
            break
        pool, n_mentioned = _pool(dated, day, settings=settings)
        chosen = select_sentences(
            pool,
            n_mentioned=n_mentioned,
            vectors=vectors,
            taken=taken,
            k=sentences_per_date,
            bigrams=bigrams,
            confirmed=dated.confirmed,
            settings=settings,
        )
        if chosen:
            picked.append((day, score, chosen))
            taken.extend(chosen)
    entries = _entries(picked, dated.units, articles, matrix=content_matrix(encoded))
    return Timeline(entries, settings=_describe(settings, dating, max_dates, sentences_per_date))


def _entries(
    picked: Sequence[tuple[date, float, list[int]]],
    units: Sequence[Unit],
    articles: Sequence[Article],
    *,
    matrix: sparse.csr_matrix,
) -> tuple[TimelineEntry, ...]:
    entries = []
    for day, score, chosen in sorted(picked, key=lambda item: item[0]):
        # Within a day, the order of the source: earlier articles, then earlier sentences.
        ordered = sorted(chosen, key=lambda i: (units[i].doc, units[i].sentence.position))
        citations = cite(ordered, units, articles, matrix=matrix)
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


def _published(value: object) -> date | None:
    """A row's publication date: ``YYYY-MM-DD`` or an ISO timestamp; anything else is unknown."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value.strip():
        text = value.strip()
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            log.warning("Unreadable publication date %r: treated as unknown.", value)
    return None


def _optional_text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def rows_to_articles(rows: Sequence[Mapping[str, object]]) -> list[Article]:
    """JSONL rows (``text``, ``date``, ``title``?, ``source``?) as articles whose ``text`` is the
    row's text untouched, so that citation spans index it directly."""
    articles = []
    for index, row in enumerate(rows):
        text = row.get("text")
        if not isinstance(text, str):
            raise ValueError(
                f"Row {index} has no 'text' string: each line needs {{\"text\": ...}}."
            )
        articles.append(
            Article(
                id=content_id(str(index), text),  # the index keeps repeated texts apart
                text=text,
                title=_optional_text(row.get("title")),
                source=_optional_text(row.get("source")),
                published=_published(row.get("date")),
                origin=f"line {index + 1}",
            )
        )
    return articles


def _citation_json(citation: Citation, doc_of: Mapping[str, int]) -> dict[str, int]:
    return {"doc": doc_of[citation.article_id], "start": citation.start, "end": citation.end}


def timeline_json(
    rows: Sequence[Mapping[str, object]],
    *,
    max_dates: int | None = None,
    sentences_per_date: int = 1,
) -> dict[str, object]:
    """The CLI's file mode: JSONL rows in, ``{"timeline": [{"date", "sentences": [{"text",
    "citations": [{"doc", "start", "end"}]}]}]}`` out, where ``doc`` is the row index and the span
    indexes that row's ``text``."""
    articles = rows_to_articles(rows)
    doc_of = {article.id: index for index, article in enumerate(articles)}
    timeline = build_timeline(articles, max_dates=max_dates, sentences_per_date=sentences_per_date)
    return {
        "timeline": [
            {
                "date": entry.date.isoformat(),
                "sentences": [
                    {
                        "text": sentence.text,
                        "citations": [_citation_json(c, doc_of) for c in sentence.citations],
                    }
                    for sentence in entry.sentences
                ],
            }
            for entry in timeline.entries
        ]
    }
