"""A batch's events and stories (steps 1 and 2 of the package docstring), cut around what the
index already placed (step 0): kept apart from ``index`` because they read the index's
frequencies but never change them, and from ``groups`` because they decide which articles go
together (events, then stories, and which enter the story stage whole or one at a time) where
``groups`` only says how groups compare."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from storyline.cluster.events import StoryState
from storyline.cluster.groups import Background, Batch, Groups, HeadlineEvidence, sum_groups
from storyline.cluster.linkage import (
    Agreement,
    DenseLink,
    Evidence,
    Inner,
    average_merges,
    date_gate,
    halves,
    relative_groups,
    shared_neighbours,
)
from storyline.cluster.participants import NameEvidence, SameHappening
from storyline.cluster.settings import ClusterSettings, Matrix
from storyline.features import mixed_similarity

# The share of the articles' own similarity added to their shared-neighbour similarity: counts
# of shared neighbours tie often (in a quiet fortnight two small incidents of a kind share all
# their neighbours), and a tie then goes to the more similar pair, not the lower index. Small
# enough never to outweigh one shared neighbour (1 / (k + 1)).
TIE_BREAK = 1e-3
# The fewest articles on each side of a cut ``_split_small`` makes: three reports that agree
# on names are firm evidence of one happening's participants, two are not (two references
# that share a name or two). Halves of two score the same on the "kinds within 10 days"
# stand-in (0.914) but cut WikiRef220's broad topics far more, streamed 20 at a time (0.718
# against 0.778; BENCHMARKS.md, ecbplus).
HALF_LEAST = 3


def batch_events(
    batch: Batch,
    settings: ClusterSettings,
    *,
    entity_df: npt.NDArray[np.int64],
    n_docs: int,
    articles: Groups | None = None,
) -> list[int]:
    """Average linkage over shared-neighbour similarity, where two groups of full articles
    whose participants differ (``participants.NameEvidence``, ``name_conflict``) never join.
    ``entity_df`` and ``n_docs`` weigh the names (rarer names say more). ``articles`` (the
    batch's articles as groups of one) lends its cached products, which the index's placement
    of articles reads too."""
    if articles is None:
        sim = mixed_similarity(
            batch.terms, batch.entities, entity_weight=settings.event_entity_weight
        )
    else:
        w2 = settings.event_entity_weight**2
        sim = articles.products(articles, "terms") + w2 * articles.products(articles, "entities")
        sim = sim / (1.0 + w2)
    sim = date_gate(sim, batch.docs, settings.window_days)
    snn = shared_neighbours(
        sim,
        k=settings.neighbours,
        floor=settings.neighbour_floor,
        relative=settings.neighbour_ratio,
    )
    linked = snn + TIE_BREAK * sim
    labels, merges = average_merges(linked, settings.event_threshold)

    words = batch.words()

    def names(rows: Sequence[int]) -> NameEvidence:
        return NameEvidence(
            batch.entities[list(rows)],
            words[list(rows)],
            conflict=settings.name_conflict,
            min_words=settings.closeness_min_words,
            entity_df=entity_df,
            n_docs=n_docs,
        )

    # Plain average linkage (scipy's, fast) unless the names refuse one of its merges; only
    # the events holding such a merge are clustered again, asking the names before each merge.
    judge = names(range(len(labels)))
    suspect = {labels[a[0]] for a, b in merges if not judge.joins(a, b)}
    out = [(label, 0) for label in labels]
    for event in sorted(suspect):
        rows = [i for i, label in enumerate(labels) if label == event]
        parts = relative_groups(
            linked[np.ix_(rows, rows)], settings.event_threshold, 0.0, evidence=names(rows)
        )[0]
        for row, part in zip(rows, parts, strict=True):
            out[row] = (event, part + 1)
    renumber: dict[tuple[int, int], int] = {}
    labels = [renumber.setdefault(key, len(renumber)) for key in out]
    return _split_small(labels, sim, judge, most=2 * (settings.neighbours + 1))


def _split_small(labels: list[int], sim: Matrix, judge: NameEvidence, *, most: int) -> list[int]:
    """Each event of at most ``most`` articles (two neighbourhoods) cut in two halves
    (``linkage.halves``) while the names refuse to join them.

    Shared neighbours cannot tell apart groups smaller than a neighbourhood: three reports of
    one shooting and three of another, alone in a fortnight, share every neighbour, and the
    linkage may join them pairwise across (two reports that both say "gunman" and "killed")
    before either incident is whole, so no merge it made joins the two incidents for the names
    to refuse. Larger events hold their own neighbourhoods and are left as the linkage made
    them."""
    members: dict[int, list[int]] = {}
    for row, label in enumerate(labels):
        members.setdefault(label, []).append(row)
    parts: list[list[int]] = []
    pending = sorted(members.values())
    while pending:
        rows = pending.pop()
        small = len(rows) <= most and judge.long(rows)
        cut = halves(sim[np.ix_(rows, rows)], least=HALF_LEAST) if small else None
        if cut is None:
            parts.append(rows)
            continue
        left, right = ([rows[i] for i in half] for half in cut)
        if judge.joins(left, right):
            parts.append(rows)
        else:
            pending += [left, right]
    return _renumber(labels, parts)


def _renumber(labels: list[int], parts: list[list[int]]) -> list[int]:
    """Labels for ``parts`` (a partition of the rows), renumbered by first member."""
    out = [0] * len(labels)
    for number, part in enumerate(sorted(parts)):
        for row in part:
            out[row] = number
    return out


def strays(
    articles: Groups,
    events: Sequence[int],
    short: npt.NDArray[np.bool_],
    *,
    ratio: float,
    entity_weight: float,
    background: Background,
) -> npt.NDArray[np.bool_]:
    """The full articles (not ``short``) of events of three or more that link to the rest of
    their event less than ``ratio`` times the rest's own mean link (``articles``: one group
    per article; links as the story stage measures them): they enter the story stage on their
    own, held to relative closeness there like any other group
    (``ClusterSettings.stray_ratio``).

    Shared neighbours admit an article on the overlap of neighbourhoods, and in a sparse batch
    (an archive fed 100 at a time) an article with no peers of its own takes its neighbours
    from whatever shares a name with it: a Xinhua report on a Japanese-built solar station
    in Tibet became an event with "Japan awaits the latest Star Wars" and so part of the
    film's story (DUC 2006 fed 100 at a time; BENCHMARKS.md, ecbplus)."""
    found = np.zeros(len(events), dtype=bool)
    if ratio <= 0:
        return found
    members: dict[int, list[int]] = {}
    for row, event in enumerate(events):
        if not short[row]:
            members.setdefault(event, []).append(row)
    for rows in members.values():
        n = len(rows)
        if n < 3:
            continue
        block = articles.pair_block(rows, entity_weight=entity_weight, background=background)
        np.fill_diagonal(block, 0.0)
        own = block.sum(axis=1)
        rest = (own.sum() / 2.0 - own) / ((n - 1) * (n - 2) / 2.0)
        found[rows] = own / (n - 1) < ratio * rest
    return found


class Pinned:
    """``linkage.Evidence`` that keeps apart groups pinned to different index stories (and
    asks ``inner`` otherwise): an article the index places on its own (``matching.placed``)
    brings its story's identity into the batch, so that two articles of two happenings of a
    kind, each the other's nearest neighbour in a batch that holds few of either, are not
    joined when the index knows each one's happening."""

    def __init__(self, inner: Evidence, pins: Sequence[int]) -> None:
        self._inner = inner
        self._pins = list(pins)

    def allows(self, a: int, b: int, link: float) -> bool:
        pa, pb = self._pins[a], self._pins[b]
        if pa >= 0 and pb >= 0 and pa != pb:
            return False
        return self._inner.allows(a, b, link)

    def merge(self, a: int, b: int) -> None:
        self._pins[a] = max(self._pins[a], self._pins[b])
        self._inner.merge(a, b)


def batch_stories(
    sums: Groups,
    settings: ClusterSettings,
    *,
    background: Background,
    pins: Sequence[int] | None = None,
    same: Agreement | None = None,
) -> tuple[list[int], Inner]:
    """Merge batch events into stories (happenings): average linkage of their *articles*
    (``Groups.pair_sums``: names weighted in, the background taken out), merging whole events,
    with relative closeness from the first step: an event whose articles agree more among
    themselves than with another's stays apart (an earthquake elsewhere), unless ``same``
    vouches for the two as one happening (``participants.SameHappening``: the same salient
    names on overlapping days). Events more than ``window_days`` apart
    are never linked. With embeddings, groups of headlines also link by their mean embedding
    cosine above ``headline_dense_floor``, less so between groups of more than
    ``headline_dense_group`` headlines, and are held to their embeddings' cohesion
    (``headline_closeness``; ``linkage.DenseLink``)."""
    w = settings.story_entity_weight
    far = sums.far_apart(settings.window_days)
    sim = np.where(far, 0.0, sums.pair_sums(sums, entity_weight=w, background=background))
    dense = sums.dense_sums()
    evidence = HeadlineEvidence(
        sums,
        floor=settings.batch_evidence,
        min_words=settings.closeness_min_words,
        entity_weight=w,
        background=background,
    )
    return relative_groups(
        sim,
        settings.story_threshold,
        settings.relative_closeness,
        start=sums.inner(entity_weight=w, background=background),
        words=sums.words,
        min_words=settings.closeness_min_words,
        lone=settings.lone_cohesion,
        evidence=evidence if pins is None else Pinned(evidence, pins),
        same=same,
        dense=None
        if dense is None or settings.headline_dense == 0
        else DenseLink(
            np.where(far, 0.0, dense),
            settings.headline_dense,
            settings.headline_dense_floor,
            settings.headline_closeness,
            settings.headline_dense_group,
        ),
    )


class Stories(NamedTuple):
    """A batch's events and stories, as ``stories_around`` found them."""

    event_of: list[int]  # each article's event
    sums: Groups  # the events' sums
    story_of: list[int]  # each event's story
    inner: Inner  # the stories' cohesion
    forced: dict[int, StoryState]  # stories that hold an article the index placed: its story


def batch_names(
    batch: Batch, settings: ClusterSettings, *, entity_df: npt.NDArray[np.int64], n_docs: int
) -> NameEvidence:
    """The batch's salient names, read against the index's name frequencies: what the story
    stage and the index match both ask of two groups."""
    return NameEvidence(
        batch.entities,
        batch.words(),
        conflict=settings.name_conflict,
        min_words=settings.closeness_min_words,
        entity_df=entity_df,
        n_docs=n_docs,
    )


def stories_around(
    batch: Batch,
    articles: Groups,
    placed: Mapping[int, StoryState],
    *,
    settings: ClusterSettings,
    entity_df: npt.NDArray[np.int64],
    n_docs: int,
    background: Background,
) -> Stories:
    """The batch's events and stories with the articles the index placed (``matching.placed``)
    pinned to their index stories: an event is cut along its pins (the articles pinned to one
    story, and those pinned to none), the story stage joins no two units pinned to two index
    stories (``Pinned``), and a batch story that holds a pinned article joins that index
    story (``forced``)."""
    homes = sorted({id(s): s for s in placed.values()}.values(), key=lambda s: s.id)
    home_no = {id(s): k for k, s in enumerate(homes)}
    pins = [home_no[id(placed[i])] if i in placed else -1 for i in range(len(batch.docs))]
    found = batch_events(batch, settings, entity_df=entity_df, n_docs=n_docs, articles=articles)
    cut: dict[tuple[int, int], int] = {}
    events = [cut.setdefault(key, len(cut)) for key in zip(found, pins, strict=True)]
    event_of, sums, story_of, inner, pinned = _stories(
        batch,
        events,
        pins,
        articles,
        settings=settings,
        entity_df=entity_df,
        n_docs=n_docs,
        background=background,
    )
    return Stories(event_of, sums, story_of, inner, {s: homes[p] for s, p in pinned.items()})


def _stories(
    batch: Batch,
    events: Sequence[int],
    pins: Sequence[int],
    articles: Groups,
    *,
    settings: ClusterSettings,
    entity_df: npt.NDArray[np.int64],
    n_docs: int,
    background: Background,
) -> tuple[list[int], Groups, list[int], Inner, dict[int, int]]:
    """The batch's stories, and its events cut along them: each article's event, the
    events' sums, each event's story and the stories' cohesion.

    Full articles enter the story stage as their events: shared neighbours group them
    well. An event of headlines (its articles average fewer than ``closeness_min_words``
    words, as the story stage tells groups of headlines) enters one headline at a time,
    and its event is then the part of it that lies in each story. Shared neighbours of a
    few words are unreliable, the more so the more stories a batch mixes: all at once on
    UCI headlines, one event in five held headlines of two Google News stories (events'
    B-cubed precision 0.82), and the story stage, which merges whole events, could only
    carry such a bridge on. So the grouping of headlines depended on how many stories a
    batch held (BENCHMARKS.md, ecbplus). A full article that its event's other articles
    hardly link to (``strays``, ``stray_ratio``) enters on its own too."""
    words = batch.words()
    per_event = np.bincount(events, weights=words) / np.bincount(events)
    # Headlines, and full articles their event hardly links to, enter one at a time.
    alone = per_event[np.asarray(events)] < settings.closeness_min_words
    alone |= strays(
        articles,
        events,
        alone,
        ratio=settings.stray_ratio,
        entity_weight=settings.story_entity_weight,
        background=background,
    )
    number: dict[tuple[int, int], int] = {}
    units = [
        number.setdefault((-1, i) if alone[i] else (e, -1), len(number))
        for i, e in enumerate(events)
    ]
    unit_pin = [-1] * len(number)
    for u, pin in zip(units, pins, strict=True):
        unit_pin[u] = max(unit_pin[u], pin)
    unit_sums = sum_groups(batch, units, len(number))
    same = None
    if settings.name_agreement >= 0:
        same = _same_happening(batch, units, unit_sums, settings, entity_df, n_docs)
    unit_story, inner = batch_stories(
        unit_sums, settings, background=background, pins=unit_pin, same=same
    )
    cut: dict[tuple[int, int], int] = {}
    event_of = [
        cut.setdefault((e, unit_story[u]), len(cut)) for e, u in zip(events, units, strict=True)
    ]
    story_of = [story for _, story in cut]
    pinned = {unit_story[u]: p for u, p in enumerate(unit_pin) if p >= 0}
    return event_of, sum_groups(batch, event_of, len(cut)), story_of, inner, pinned


def _same_happening(
    batch: Batch,
    units: Sequence[int],
    sums: Groups,
    settings: ClusterSettings,
    entity_df: npt.NDArray[np.int64],
    n_docs: int,
) -> SameHappening:
    """What vouches for two of the batch's units (``units``: each article's) as one
    happening in the story stage: the same salient names on overlapping days."""
    members: list[list[int]] = [[] for _ in range(len(sums.sizes))]
    for article, unit in enumerate(units):
        members[unit].append(article)
    names = batch_names(batch, settings, entity_df=entity_df, n_docs=n_docs)
    return SameHappening(names, members, sums.first, sums.last, agreement=settings.name_agreement)
