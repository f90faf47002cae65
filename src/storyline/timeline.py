"""Timeline summarization: the important dates of a story, each with one or two cited sentences.

The shape is DATEWISE's (Ghalandari & Ifrim 2020, news-tls), in three swappable steps:

1. *Date* every candidate sentence (:func:`storyline.timeline_days.date_units`): the days it
   mentions, or, when it mentions none, its publication date.
2. *Rank* days by what the articles say happened on them (:func:`rank_dates`), then take them
   best first, each taken day lowering its neighbours (:func:`spread_out`); both in
   :mod:`storyline.timeline_days`.
3. *Summarize* each chosen day from the sentences that mention it, plus the undated sentences of
   articles published that day and the next: the sentences closest to the centroid of that pool,
   those that tell what happened that day first (not those that name it only as the frame of
   other news, "since February 17", or as a plan, "will visit on Sunday": :func:`unreported_days`),
   minus any that repeat a sentence already on the timeline (:func:`select_sentences`).

Every sentence carries citations as the summarizers' do: itself, plus the closest sentence of any
other article that says the same thing. The settings that ``benchmarks/timelines.py`` tuned say so.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import date, timedelta

import numpy as np
from scipy import sparse

from storyline.dates import Granularity, resolve
from storyline.models import Article, Citation, SummarySentence
from storyline.summarizers.graph import tfidf
from storyline.summarizers.names import write_names_in_full
from storyline.summarizers.numbers import numbers_in
from storyline.summarizers.quality import fragment, opening_reference
from storyline.summarizers.units import Encoded, Unit, cite, content_matrix, encode
from storyline.text import Lexicon, split_sentences
from storyline.timeline_days import (
    DatedUnits,
    DayEvidence,
    centrality,
    date_units,
    day_evidence,
    rank_dates,
    spread_out,
)
from storyline.timeline_settings import DEFAULT_SETTINGS, TIMELINE_UNITS, Dating, TimelineSettings

# The steps' names stay importable from here, where the builder that runs them lives.
__all__ = [
    "TIMELINE_UNITS",
    "DatedUnits",
    "Dating",
    "DayEvidence",
    "PreparedTimeline",
    "Timeline",
    "TimelineEntry",
    "TimelineSettings",
    "build_timeline",
    "centrality",
    "date_units",
    "day_evidence",
    "headline_end",
    "prepare_timeline",
    "rank_dates",
    "select_sentences",
    "spread_out",
]


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


def _pool(dated: DatedUnits, day: date, *, settings: TimelineSettings) -> tuple[list[int], int]:
    """Candidates for ``day``: sentences that mention it, then undated ones published from it."""
    mentioned = list(dated.mentions.get(day, ()))
    published: list[int] = []
    for offset in range(settings.pub_window):
        published.extend(dated.published.get(day + timedelta(days=offset), ()))
    return mentioned + published, len(mentioned)


def _stands_alone(unit: int, dated: DatedUnits, articles: Sequence[Article]) -> bool:
    """Whether a sentence can be quoted alone: the page's layout does not garble it (a blog's
    own voice, a headline run into it), and if it leans on the sentence before it, that one can
    be quoted before it (see :func:`_context`). An article's lead stands: it is written to be
    read first ("The drug maker agreed on Monday to settle ...")."""
    if unit in dated.unquotable:
        return False
    sentence = dated.units[unit]
    if not _leans(sentence) or sentence.sentence.position == 0:
        return True
    return _context(sentence, articles) is not None


def _tells_its_day(unit: int, dated: DatedUnits) -> bool:
    """Whether a sentence can stand under the day it is filed under in an automatic timeline: it
    tells what happened then, not only names the day as the frame of other news or as a plan
    ("had been in Cairo on a business trip since January 23", "has called for a day of rage next
    Friday"; see :func:`storyline.day_reports.unreported_days`), and it is not a photo's caption
    (it describes a picture). Such sentences were quoted when their day had nothing better: in
    90 sampled automatic entries of Timeline17 and Crisis stories (issue 14's entry check), a
    frame under its day, a plan under the day it was for, an attribution stub."""
    if unit in dated.captions:
        return False
    return unit in dated.confirmed or unit not in dated.named_units


# A time fronted before the subject: "On Wednesday , it completed a debt deal", "Late Friday,
# they ...". The subject after it opens the sentence for the reader, and a pronoun there leans on
# the sentence before as much as one that opens it (a Timeline17 finan entry: it = GMAC).
_FRONTED_TIME = re.compile(
    r"\W*(?:(?:early|late|earlier|later)\s+)?(?:(?:on|by|in|at|last|this)\s+)?", re.IGNORECASE
)
_AFTER_FRONTED = re.compile(r"\s*,\s*")


def _leans(unit: Unit) -> bool:
    """Whether a unit's sentence leans on the one before it: it opens with a reference
    (``Unit.dangling``) or has one right after a fronted time (``_FRONTED_TIME``)."""
    if unit.dangling:
        return True
    text = unit.sentence.text
    found = resolve(text[:40], published=None)
    if not found or not _FRONTED_TIME.fullmatch(text, 0, found[0].start):
        return False
    comma = _AFTER_FRONTED.match(text, found[0].end)
    if comma is None or not comma.group().strip():
        return False
    rest = text[comma.end() :]
    return bool(rest) and opening_reference(rest[:1].upper() + rest[1:]) is not None


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
    captions: frozenset[int] = frozenset(),
    unquotable: frozenset[int] = frozenset(),
    stands: Callable[[int], bool] | None = None,
    central: np.ndarray | None = None,
    settings: TimelineSettings = DEFAULT_SETTINGS,
) -> list[int]:
    """Up to ``k`` sentences of the pool nearest its centroid, none repeating ``taken``.

    The centroid averages the mentioning and the published sentences as two halves (news-tls's
    PM-mean), so a day with few explicit mentions is not drowned by that day's other news; only
    sentences that mention the day can be chosen when there are any, because a published sentence
    may well report the day before. Sentences that tell the day's news themselves come first
    (``settings.prefer_confirmed``): in input grouped by day the others may report another day,
    and a sentence that names the day only as a frame or a plan does not say what happened.
    A sentence the page's layout garbles (``unquotable``: a caption or headline run into it, a
    transcript's label) is quoted only where the day has nothing else, as before such tests
    existed; one that ``stands`` rejects is not quoted at all. Photo captions (``captions``) come
    after the sentences of their group: they describe a picture of the day, not what happened on
    it. Within each group a sentence's weight is its
    similarity to the day's centroid plus ``settings.story_weight`` times its similarity to the
    whole story's (``central``, see :func:`centrality`), so that a day's entry is about the
    story, not about other news of that day; a sentence that opens with a reference to what the
    reader was not given ("But ...", "He said ...": ``Unit.dangling``, read from ``units``)
    counts for less (``settings.leaning_weight``), since a timeline quotes each sentence alone.
    """
    if not pool:
        return []
    sims = _centroid_sims(vectors[list(pool)], n_mentioned)
    if not sims.any():
        return []
    eligible = range(n_mentioned) if n_mentioned else range(len(pool))
    first = confirmed if settings.prefer_confirmed else frozenset()
    weighed = sims.copy()
    if central is not None and settings.story_weight:
        weighed += settings.story_weight * central[list(pool)]
    if units and settings.leaning_weight != 1.0:
        leaning = [i for i in eligible if units[pool[i]].dangling]
        weighed[leaning] *= settings.leaning_weight
    order = sorted(
        eligible,
        key=lambda i: (
            pool[i] in unquotable,
            pool[i] not in first,
            pool[i] in captions,
            -weighed[i],
            -sims[i],
        ),
    )
    chosen: list[int] = []
    kept = list(taken)
    for i in order:
        if len(chosen) == k:
            break
        unit = pool[i]
        if stands is not None and not stands(unit):
            continue
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


# A day one article recalls from this long before the story's first report is background (a
# 1986 shooting in a story of a 2000 trial), not a day of the story.
BACKGROUND_DAYS = 365


def _without_background(
    ranked: list[tuple[date, float, int]],
    articles: Sequence[Article],
    *,
    settings: TimelineSettings,
) -> list[tuple[date, float, int]]:
    """``ranked`` without the days one article recalls from long before the story began; a day
    several articles name (the attack a trial is about) stays."""
    published = [a.published for a in articles if a.published is not None]
    if not published:
        return ranked
    since = min(published) - timedelta(days=BACKGROUND_DAYS)
    return [item for item in ranked if item[0] >= since or item[2] >= settings.min_support]


def build_timeline(
    articles: Sequence[Article],
    *,
    max_dates: int | None = None,
    sentences_per_date: int = 1,
    start: date | None = None,
    end: date | None = None,
    dating: Dating = "mentions",
    settings: TimelineSettings = DEFAULT_SETTINGS,
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
    if max_dates is None:
        ranked = _without_background(ranked, articles, settings=settings) or ranked
    limit = max_dates
    if limit is None and every_day > settings.small_story_days:
        # Days two articles speak of; but a story of a few articles spread over months may have
        # none (seven reports of a drug settlement over a year had an empty timeline): its best
        # days still make one, as many as it has publication days (each tells its own news).
        publication_days = {a.published for a in articles if a.published is not None}
        floor = min(settings.auto_max_dates, len(publication_days))
        # Only days a sentence tells (names in its own words, not as a frame or a plan): a day
        # that only articles published on it stand for is quoted from a sentence naming no day,
        # most often background or opinion ("Too many executives fed themselves first"): 8 of
        # the 10 such entries among 180 sampled of Timeline17 and Crisis stories (issue 14's
        # entry check). A story whose days no sentence tells keeps them all.
        told = [item for item in ranked if item[0] in dated.told] or ranked
        supported = {
            item[0]
            for item in told
            if item[2] >= settings.min_support and item[0] not in dated.untold
        }
        for day, _, _ in told:
            if len(supported) >= floor:
                break
            if day not in dated.untold:  # as below: a day only ever framed or planned
                supported.add(day)
        ranked = [item for item in told if item[0] in supported]
        limit = settings.auto_max_dates
    elif limit is None:  # every day of a small story, but not one only ever framed or planned
        ranked = [item for item in ranked if item[0] not in dated.untold] or ranked
        if len(articles) > 1 and all(a.published is None for a in articles):
            # Undated reports: no publication day tells the story's days from those one article
            # recalls (a suspect's birthday in a profile, a writer's death in 1941, a file
            # photo's date), so only a day that two or more of them name is the story's.
            ranked = [item for item in ranked if item[2] >= settings.min_support]
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
            captions=dated.captions,
            unquotable=dated.unquotable,
            # The automatic timeline lists every day of a small story; a day told only by
            # sentences that cannot stand alone is left out, since a garbled or dangling entry
            # misleads more than a missing one (Timeline17 windows of
            # benchmarks/summary_checks.py: 16 of 309 sentences did not stand alone). Given
            # max_dates, the caller asked for N days, and such a day keeps its best sentence.
            # Nor is a sentence that does not tell the day's news, under that day.
            stands=(
                lambda unit: _tells_its_day(unit, dated) and _stands_alone(unit, dated, articles)
            )
            if max_dates is None
            else None,
            central=central,
            settings=settings,
        )
        if chosen:
            # Cited beside the day: the sentences that report it (a plan for it or a look back
            # from later news says something else), and those of the day's own articles.
            reports = [u for j, u in enumerate(pool) if j >= n_mentioned or u in dated.confirmed]
            picked.append((day, score, chosen, reports))
            taken.extend(chosen)
    entries = _entries(
        picked, dated.units, articles, matrix=content_matrix(encoded), context=max_dates is None
    )
    reason = ""
    if not entries:
        reason = "Every day's sentences repeat one already on the timeline."
        if max_dates is None:
            reason = (
                "Every day's sentences repeat one already on the timeline or cannot be quoted "
                "alone (garbled by the page's layout, or leaning on a sentence before them): "
                "pass --max-dates N (max_dates=N) to list the N most named days anyway."
            )
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
    settings: TimelineSettings = DEFAULT_SETTINGS,
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
        undated = (
            " (the articles are undated, so a day one of them names may be background, not the "
            "story's)"
            if len(articles) > 1 and all(article.published is None for article in articles)
            else ""
        )
        return (
            f"{every_day} days are named or reported, but none by two or more articles{undated}: "
            f"pass --max-dates N (max_dates=N) to list the N most named days."
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
    context: bool = False,
) -> tuple[TimelineEntry, ...]:
    entries = []
    for day, score, chosen, pool in sorted(picked, key=lambda item: item[0]):
        # Within a day, the order of the source: earlier articles, then earlier sentences.
        ordered = sorted(chosen, key=lambda i: (units[i].doc, units[i].sentence.position))
        # Only sentences dated to this day may be cited beside it: a report of the same kind of
        # event a week later ("the ministry said its jets struck ...") is another day's news.
        citations = cite(ordered, units, articles, matrix=matrix, candidates=pool)
        sentences: list[SummarySentence] = []
        sources: list[tuple[str, int]] = []  # each sentence's article text and offset
        for i, cites in zip(ordered, citations, strict=True):
            before = _context(units[i], articles) if context and _leans(units[i]) else None
            if before is not None and before not in sentences:
                sentences.append(before)
                sources.append((articles[units[i].doc].text, before.citations[0].start))
            text = units[i].sentence.text
            lead = headline_end(text)
            if lead:  # quote and cite the lead alone; its own citation comes first
                cites = (replace(cites[0], start=cites[0].start + lead), *cites[1:])
            sentences.append(SummarySentence(text[lead:], cites))
            sources.append((articles[units[i].doc].text, units[i].sentence.start + lead))
        # An entry is read on its own: a person it names by a bare surname ("..., Morayef
        # said.") is written in full at its first mention, as the sentence's article named them.
        texts = write_names_in_full([s.text for s in sentences], sources, words_left=None)
        sentences = [replace(s, text=t) for s, t in zip(sentences, texts, strict=True)]
        entries.append(TimelineEntry(day, "day", tuple(sentences), round(score, 3)))
    return tuple(entries)


# A headline that a page's extraction ran into its article's lead: "U.S. warns of civil war in
# Libya unless Gaddafi goes TRIPOLI ( Reuters ) - Libya could descend into civil war unless ...".
# The lead opens on its dateline: a place in capitals, perhaps ", Country" or the agency in
# brackets, then a dash and a capitalised word. The headline before it ends on a word of its own;
# a sentence with a dash in it does not ("now led by NATO - Gadhafi loyalists have retaken ...").
# In our Crisis copy 518 of 68,595 sentences have one, and 14 of the 22 timelines quoted one:
# quoting the lead alone, Crisis AR-1/AR-2 0.1006/0.0291 -> 0.1013/0.0293 (13 timelines up, one
# down on each: syria/washington AR-1, libya/latimes AR-2). 5 of Timeline17's 51,107 sentences
# have one (no timeline quoted one, unchanged), none of WikiRef's 23,026 web sentences.
# A place written in title case needs its agency ("... constitutional reforms Cairo , Egypt
# (CNN) -- Galvanized by ...", Timeline17's CNN pages).
_DATELINE = re.compile(
    r"(?<=[a-z0-9.'’\"”)]) +(?:[A-Z]{3,}(?: +(?:and +)?[A-Z]{2,})*"
    r"(?: *, *[A-Z][A-Za-z]+)?(?: *\( *[A-Za-z ]+\))?"
    r"|[A-Z][a-z]+(?: [A-Z][a-z]+)?(?: *, *[A-Z][A-Za-z]+)? *\( *[A-Z][A-Za-z]+ *\))"
    r" *(?:--|—|–|-) +(?=[A-Z][a-z]|[\"“])"
)
# Words a sentence runs on from, but a headline does not end on: "led by", "the head of the".
_CLOSED_CLASS = frozenset(
    "a an the of by to in on at for from with into over and or but as than".split()
)
HEADLINE_WORDS = (3, 25)  # a headline's length, in words
LEAD_WORDS = 8  # what is left must still be a report


# A photo credit run into the sentence after it: "Photo by AP Government forces in tanks rolled
# into ...", "( AP Photo / Amr Nabil ) Protesters storm an office ..." (568 of our Crisis copy's
# sentences open with one; six of the 22 timelines quoted one).
_CREDIT = re.compile(
    r"\W*(?:Photo\s*(?:by|:)\s*(?:AP|AFP|Reuters|EPA|Getty\s+Images)"
    r"|\(\s*(?:AP|AFP|Reuters|EPA)\s+Photo\s*/[^()]{1,60}\))\s+(?=[A-Z\"“])"
)


def headline_end(text: str) -> int:
    """Where the lead begins in a sentence that opens with a headline run into the lead's
    dateline (see _DATELINE) or with a photo credit (_CREDIT), or 0. The lead is quoted from its
    dateline on, as printed."""
    credit = _CREDIT.match(text)
    if credit is not None:
        return credit.end() if len(text[credit.end() :].split()) >= LEAD_WORDS else 0
    match = _DATELINE.search(text)
    if match is None:
        return 0
    headline, lead = text[: match.start()].split(), text[match.end() :].split()
    low, high = HEADLINE_WORDS
    if not low <= len(headline) <= high or len(lead) < LEAD_WORDS:
        return 0
    if headline[-1].lower() in _CLOSED_CLASS:
        return 0
    return match.start() + len(match.group()) - len(match.group().lstrip())


def _context(unit: Unit, articles: Sequence[Article]) -> SummarySentence | None:
    """The sentence before one that leans on it ("He said three vehicles would be used ..."),
    the one before it in its article (news paragraphs are often one sentence), when that one
    stands alone: a timeline quotes a day's sentence without its article, so the reader is given
    what it points back to."""
    sentence = unit.sentence
    if sentence.position == 0:
        return None
    article = articles[unit.doc]
    before = next(
        (s for s in split_sentences(article) if s.position == sentence.position - 1), None
    )
    if before is None:
        return None
    if fragment(before.text) or opening_reference(before.text):
        return None
    return SummarySentence(before.text, (Citation(article.id, before.start, before.end),))


def _describe(
    settings: TimelineSettings, dating: Dating, max_dates: int | None, sentences_per_date: int
) -> dict[str, object]:
    described = asdict(settings)
    described.update(dating=dating, max_dates=max_dates, sentences_per_date=sentences_per_date)
    return described
