"""A batch's events and stories, cut around what the index already placed (steps 0 to 2 of the
package docstring): kept apart from ``index`` because they read the index's frequencies but never
change them, and from ``groups`` because they decide which articles enter the story stage as
what (whole events, or one at a time) rather than how groups compare."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from storyline.cluster.events import StoryState
from storyline.cluster.groups import (
    Background,
    Batch,
    Groups,
    batch_events,
    batch_stories,
    strays,
    sum_groups,
)
from storyline.cluster.linkage import Inner
from storyline.cluster.participants import NameEvidence, SameHappening
from storyline.cluster.settings import ClusterSettings


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
    stories (``groups.Pinned``), and a batch story that holds a pinned article joins that index
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
    hardly link to (``groups.strays``, ``stray_ratio``) enters on its own too."""
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
