"""How a batch meets the index: the links between the batch's stories and the index's active
stories under the rules of a story (cut, window, closeness, evidence), the articles the
index places on its own before the batch is clustered (``placed``), and what each of the
batch's events then joins (``join``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property

import numpy as np
import numpy.typing as npt

from storyline.cluster.batch import Stories
from storyline.cluster.events import EventState, StoryState, index_groups
from storyline.cluster.groups import (
    Background,
    Batch,
    Groups,
    combine,
    membership,
    spans_apart,
    top_feature,
)
from storyline.cluster.linkage import Inner
from storyline.cluster.participants import NameEvidence, index_agreement, lone_says
from storyline.cluster.settings import ClusterSettings, Matrix


@dataclass(frozen=True)
class IndexView:
    """The index's active stories as one batch sees them, with every article's link sums to
    their events (computed once: the placement and the match both read them)."""

    active: list[EventState]  # the events of the active stories
    events: Groups  # their sums
    owners: list[StoryState]  # the active stories, by id
    event_owner: list[int]  # each event's story (a place in ``owners``)
    article_sums: Matrix  # batch articles x events: sums of article-pair links
    background: Background

    @cached_property
    def stories(self) -> Groups:
        """The active stories' feature sums (for ``best_owners``' evidence test), summed once
        per batch: the placement and the match both ask."""
        return combine(self.events, self.event_owner, len(self.owners))

    @classmethod
    def of(
        cls,
        active: list[EventState],
        articles: Groups,
        *,
        settings: ClusterSettings,
        background: Background,
    ) -> IndexView:
        events = index_groups(active)
        owners = sorted({id(e.story): e.story for e in active}.values(), key=lambda s: s.id)
        owner_no = {id(s): i for i, s in enumerate(owners)}
        sums = articles.pair_sums(
            events, entity_weight=settings.story_entity_weight, background=background
        )
        return cls(
            active, events, owners, [owner_no[id(e.story)] for e in active], sums, background
        )


@dataclass(frozen=True)
class Links:
    """Batch stories x the index's active stories."""

    sims: Matrix  # average link, -1 where the cut, closeness, window or evidence refuse it
    sums: Matrix  # the links' sums over article pairs
    counts: Matrix  # and the number of those pairs
    best: npt.NDArray[np.int64]  # each batch story's most similar index story not refused
    named: npt.NDArray[np.bool_]  # pairs that say the same salient names (``same``)


def story_links(
    view: IndexView,
    sums: Groups,
    story_of: Sequence[int],
    inner: Inner,
    *,
    rows: npt.NDArray[np.int64] | None,
    member: Sequence[int],
    settings: ClusterSettings,
    above: Matrix | None = None,
    same: Callable[[list[tuple[int, int]]], list[bool]] | None = None,
    lone: Callable[[list[tuple[int, int]]], list[bool]] | None = None,
) -> Links:
    """Average links between the batch's stories (``story_of``: each group's of ``sums``) and
    the index's stories, as in the batch: matching against a long story's *centroid* lets its
    generic vocabulary pull in every story of the same kind (synthetic stream: story F1 0.03
    that way). ``member`` gives each batch article's group and ``rows`` the articles counted
    (None: all); the link sums come from ``view.article_sums``. With ``above``, a link must
    exceed it too (per batch story), before the evidence test is paid for. ``same`` vouches
    for (batch story, index story) pairs as one happening (``participants.index_agreement``):
    such a pair is not held to its closeness, as in the batch (the cut, window and evidence
    still apply). ``lone`` names the pairs where one side is a lone full article that says the
    other's participants (``participants.lone_says``): such a pair is held to
    ``neighbour_ratio`` of the group's cohesion instead, the bar of a neighbour in the event
    stage, where the two would have met had they come in one batch. Fed a poll a day (ECB+'s
    incidents spread over two days), a follow-up whose link was 0.7-0.95 of the bar started
    a story of its own beside a story of three (BENCHMARKS.md, ecbplus)."""
    n_stories = max(story_of) + 1
    articles = view.article_sums if rows is None else view.article_sums[rows]
    grouped = membership(member, len(sums.sizes)) @ articles
    left = membership(story_of, n_stories)
    right = membership(view.event_owner, len(view.owners))
    link_sums = np.asarray(left @ grouped @ right.T, dtype=np.float64)
    counts = np.outer(left @ sums.sizes, np.asarray(right @ view.events.sizes))
    sims = link_sums / counts
    need = np.maximum(
        settings.story_threshold,
        closeness_need(inner, left @ sums.words, left @ sums.sizes, view.owners, settings),
    )
    far_apart = far(sums, story_of, n_stories, view.owners, settings.window_days)
    close = sims < need
    named = np.zeros_like(close)
    if same is not None:
        asked = np.argwhere((sims >= settings.story_threshold) & ~far_apart)
        if len(asked):
            found = np.asarray(same([(int(s), int(j)) for s, j in asked]), dtype=bool)
            named[tuple(asked[found].T)] = True
            close &= ~named
    if lone is not None and settings.neighbour_ratio < settings.relative_closeness:
        loose = np.maximum(
            settings.story_threshold,
            need * (settings.neighbour_ratio / settings.relative_closeness),
        )
        asked = np.argwhere(close & (sims >= loose) & ~far_apart)
        if len(asked):
            found = np.asarray(lone([(int(s), int(j)) for s, j in asked]), dtype=bool)
            close[tuple(asked[found].T)] = False
    sims[close] = -1.0
    if above is not None:
        sims[sims <= above[:, None]] = -1.0
    sims[far_apart] = -1.0
    best = best_owners(view, sims, counts, combine(sums, story_of, n_stories), settings, named)
    return Links(sims, link_sums, counts, best, named)


def best_owners(
    view: IndexView,
    sims: Matrix,
    counts: Matrix,
    mine: Groups,
    settings: ClusterSettings,
    named: npt.NDArray[np.bool_] | None = None,
) -> npt.NDArray[np.int64]:
    """For each batch story, the most similar index story (``sims`` >= 0: it passed the cut,
    the closeness and the window) whose link is at least ``story_evidence`` without its
    heaviest shared feature (``top_feature``). A refused candidate's similarity is set to -1,
    so a row whose every candidate is refused keeps a negative best (a new story).

    Two stories that share one name and nothing else (two Google announcements, a festival
    and a talk given there) are two stories; fragments of one happening share more. With
    ``named`` (pairs that say the same salient names), those candidates come first and need
    no such test: each side's participants are said by the other, not one feature."""
    best: npt.NDArray[np.int64] = np.argmax(sims, axis=1).astype(np.int64)
    theirs = view.stories
    for s, row in enumerate(sims):
        candidates = np.flatnonzero(row >= 0)
        if not len(candidates):
            continue
        vouched = np.zeros(len(row), dtype=bool) if named is None else named[s]
        # Those that say the same salient names first (``story_links``), then the closest.
        for j in (int(c) for c in candidates[np.lexsort((-row[candidates], ~vouched[candidates]))]):
            if vouched[j]:  # many shared participants: not a link one shared feature carries
                best[s] = j
                break
            top = top_feature(
                mine,
                s,
                theirs,
                j,
                entity_weight=settings.story_entity_weight,
                background=view.background,
            )
            if row[j] - top / counts[s, j] >= settings.story_evidence:
                best[s] = j
                break
            row[j] = -1.0
    return best


def far(
    sums: Groups,
    story_of: Sequence[int],
    n_stories: int,
    owners: Sequence[StoryState],
    window_days: int,
) -> npt.NDArray[np.bool_]:
    """Batch stories x index stories whose dated spans are more than ``window_days`` apart."""
    first = np.full(n_stories, np.nan)
    last = np.full(n_stories, np.nan)
    for e, s in enumerate(story_of):
        first[s] = np.fmin(first[s], sums.first[e])
        last[s] = np.fmax(last[s], sums.last[e])

    def day(value: date | None) -> float:
        return np.nan if value is None else float(value.toordinal())

    return spans_apart(
        first,
        last,
        np.array([day(s.first_seen) for s in owners]),
        np.array([day(s.last_seen) for s in owners]),
        window_days,
    )


def closeness_need(
    inner: Inner,
    words: Matrix,
    articles: Matrix,
    owners: Sequence[StoryState],
    settings: ClusterSettings,
) -> Matrix:
    """Batch stories x index stories: ``relative_closeness`` times the two stories' cohesion,
    counting only groups of full articles (``closeness_min_words``); where both are measured,
    their mean weighted by articles (CHAMELEON's relative closeness).

    Inside a batch the tighter group's cohesion is the bar. Here the batch side is a fragment
    of what the index knows (in an archive fed in pieces, two or three reports of a story per
    batch), and two near-identical reports have a cohesion far above their story's: as the
    bar it refused fragments that link to their story better than its own articles do to each
    other (ECB+ shuffled in batches of 100: a group of three at 0.61 refused by a story of
    nine at 0.37 on a link of 0.43). Weighting by articles lets the evidence of the larger side
    count for more (BENCHMARKS.md, ecbplus)."""
    floor, lone = settings.closeness_min_words, settings.lone_cohesion
    long_mine = words >= floor * articles
    mine = np.where(long_mine & (inner.pairs > 0), inner.cohesion(), np.nan)
    theirs = np.array(
        [s.inner / s.pairs if s.pairs > 0 and s.long(floor) else np.nan for s in owners]
    )
    sizes = np.array([float(s.size) for s in owners])
    weight = articles[:, None] + sizes[None, :]
    mean = (
        np.nan_to_num(mine)[:, None] * articles[:, None] + np.nan_to_num(theirs) * sizes
    ) / weight
    both = ~np.isnan(mine)[:, None] & ~np.isnan(theirs)[None, :]
    # The one measured where only one is; NaN where neither has pairs.
    bar = np.where(both, mean, np.fmax(mine[:, None], theirs[None, :]))
    # Neither measured and one a lone full article: it counts as ``lone_cohesion``.
    lone_mine = long_mine & (inner.pairs == 0)
    lone_theirs = np.array([s.pairs == 0 and s.long(floor) for s in owners], dtype=bool)
    lonely = np.isnan(bar) & (lone_mine[:, None] | lone_theirs[None, :])
    bar = np.where(lonely, lone, bar)
    need: Matrix = np.nan_to_num(settings.relative_closeness * bar, nan=-np.inf)
    return need


def placed(
    view: IndexView, articles: Groups, names: NameEvidence, *, settings: ClusterSettings
) -> dict[int, StoryState]:
    """The batch's full articles (``articles``: one group each) that the index places on its
    own: the best index story of the article alone passes every rule of the match (cut,
    window, closeness, evidence), and the article links to it more than to any other article
    of the batch.

    A batch that holds one or two articles of each happening (an archive fed in pieces,
    shuffled) has no density for shared neighbours: two reports of two earthquakes are each
    other's nearest neighbours and become one event, which then joins either quake's story.
    The index holds each quake's earlier coverage, so it knows better than the batch where
    such an article belongs. Headlines are left to the batch: a lone headline rarely carries
    the evidence (``story_evidence``), and their batch link has the embeddings (BENCHMARKS.md,
    ecbplus). ``names`` are the batch's (``batch.batch_names``): an article that says a
    story's participants is held to the bar of a neighbour (``story_links``' ``lone``)."""
    rows = np.flatnonzero(articles.words >= settings.closeness_min_words)
    if not len(rows):
        return {}
    n = len(rows)
    peers = articles.pair_sums(
        articles, entity_weight=settings.story_entity_weight, background=view.background
    )[rows]
    window = settings.window_days
    peers[
        spans_apart(
            articles.first[rows], articles.last[rows], articles.first, articles.last, window
        )
    ] = -np.inf
    peers[np.arange(n), rows] = -np.inf  # not itself
    links = story_links(
        view,
        combine(articles, list(range(n)), n, rows=rows),
        list(range(n)),
        Inner(np.zeros(n), np.zeros(n)),
        rows=rows,
        member=list(range(n)),
        settings=settings,
        above=peers.max(axis=1),
        lone=_lone_says(view, [[int(r)] for r in rows], names, settings),
    )
    chosen = links.sims[np.arange(n), links.best]
    return {
        int(row): view.owners[int(j)]
        for row, j, link in zip(rows, links.best, chosen, strict=True)
        if link >= 0
    }


def join(
    view: IndexView | None,
    batch: Batch,
    stories: Stories,
    names: NameEvidence,
    *,
    settings: ClusterSettings,
) -> tuple[list[EventState | StoryState | None], dict[int, tuple[float, float]]]:
    """For each batch event: an index event to join, else an index story to join, else None;
    and for each batch story that joins an index story, the sum and number of the
    similarities between their events (for the cohesion of the joined story).

    A batch story joins the index story it is most similar to (average link over their
    articles, as in the batch) when the same rules as inside a batch allow it: at least
    ``story_threshold``, at least ``relative_closeness`` times the cohesion of the tighter
    of the two, no more than ``window_days`` between their dated spans (a story silent
    longer is over) and ``story_evidence`` (``story_links``); a batch story that holds an
    article the index placed joins that article's story (``stories.forced``), unless the
    whole batch story passes every rule for another index story and links to it closer:
    one article's placement must not carry a group that says otherwise (Timeline17, Haiti
    at 100 a batch: 60 reports of its second week, at 0.076 to the quake's story, followed
    one article to a story of four they linked to at 0.041; 35% -> 63% in one story with
    the name rule below). A batch story and an index story that say the same salient
    names are not held to their closeness (``participants.index_agreement``). Each of its
    events then joins the most similar event of that story above ``event_match_threshold``.
    ``names`` are the batch's (``batch.batch_names``), as for ``placed``.
    """
    event_of, sums, story_of, inner, forced = stories
    if view is None:
        return [None] * len(story_of), {}
    same = None
    if settings.name_agreement >= 0:
        same = _index_agreement(view, batch, event_of, story_of, names, settings)
    links = story_links(
        view,
        sums,
        story_of,
        inner,
        rows=None,
        member=event_of,
        settings=settings,
        same=same,
        lone=_lone_says(view, _members(event_of, story_of), names, settings),
    )
    story_sims, best_story, owners = links.sims, links.best, view.owners
    for s, home in forced.items():
        j = owners.index(home)
        mine = int(best_story[s])
        closer = story_sims[s, mine] > max(story_sims[s, j], 0.0)
        if story_sims[s, mine] >= 0 and (closer or links.named[s, mine] > links.named[s, j]):
            continue  # the whole story belongs elsewhere, by every rule
        best_story[s] = j
        story_sims[s, j] = max(story_sims[s, j], 0.0)
    active, index_events, event_owner = view.active, view.events, view.event_owner
    event_sims = sums.cosine(index_events, entity_weight=settings.event_entity_weight)
    owner_of = np.asarray(event_owner)
    targets: list[EventState | StoryState | None] = []
    for e, s in enumerate(story_of):
        j = int(best_story[s])
        if story_sims[s, j] < 0:
            targets.append(None)
            continue
        row = np.where(owner_of == j, event_sims[e], -1.0)
        k = int(np.argmax(row))
        targets.append(active[k] if row[k] >= settings.event_match_threshold else owners[j])
    joined = {
        s: (float(links.sums[s, j]), float(links.counts[s, j]))
        for s, j in enumerate(int(j) for j in best_story)
        if story_sims[s, j] >= 0
    }
    return targets, joined


def _index_agreement(
    view: IndexView,
    batch: Batch,
    event_of: Sequence[int],
    story_of: Sequence[int],
    names: NameEvidence,
    settings: ClusterSettings,
) -> Callable[[list[tuple[int, int]]], list[bool]]:
    """What vouches for a batch story and an index story as one happening at the match:
    the same salient names (``participants.index_agreement``)."""
    members = _members(event_of, story_of)
    floor = settings.closeness_min_words
    stories = [(s.names, s.size, s.long(floor)) for s in view.owners]
    # As in the batch, undated groups are never vouched for: only the words decide there.
    dated = [any(batch.docs[i].published is not None for i in m) for m in members]

    def same(pairs: list[tuple[int, int]]) -> list[bool]:
        kept = [(s, j) for s, j in pairs if dated[s] and view.owners[j].last_seen is not None]
        found = dict(
            zip(
                kept,
                index_agreement(names, members, stories, kept, agreement=settings.name_agreement),
                strict=True,
            )
        )
        return [found.get(pair, False) for pair in pairs]

    return same


def _members(event_of: Sequence[int], story_of: Sequence[int]) -> list[list[int]]:
    """Each batch story's articles (rows of the batch)."""
    members: list[list[int]] = [[] for _ in range(max(story_of) + 1)]
    for article, event in enumerate(event_of):
        members[story_of[event]].append(article)
    return members


def _lone_says(
    view: IndexView,
    members: Sequence[Sequence[int]],
    names: NameEvidence,
    settings: ClusterSettings,
) -> Callable[[list[tuple[int, int]]], list[bool]]:
    """The pairs of a lone full article and a group whose participants it says
    (``participants.lone_says``), for ``story_links``' ``lone``."""
    floor = settings.closeness_min_words
    stories = [(s.names, s.size, s.long(floor)) for s in view.owners]

    def says(pairs: list[tuple[int, int]]) -> list[bool]:
        return lone_says(names, members, stories, pairs, conflict=settings.name_conflict)

    return says
