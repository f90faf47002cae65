"""Which stories the index forgets (step 4 of the package docstring): kept apart from ``index``
so that the rule that bounds the state (and with it matching cost and memory) reads on its
own; the index only moves the stories it names."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from storyline.cluster.events import StoryState
from storyline.cluster.settings import ClusterSettings


def to_archive(
    live: Sequence[StoryState], newest: date | None, settings: ClusterSettings
) -> set[str]:
    """The ids of the stories quiet for ``archive_days`` before ``newest`` and of the least
    recently touched ones beyond ``max_active_events``: matching cost, memory and the saved
    state stay flat however long the stream runs (the store keeps every story)."""
    archived: set[str] = set()
    if newest is not None:
        horizon = newest - timedelta(days=settings.archive_days)
        archived.update(s.id for s in live if s.last_seen is not None and s.last_seen < horizon)
    budget = settings.max_active_events
    for story in sorted(live, key=lambda s: (-s.touched, s.id)):
        if story.id not in archived:
            budget -= len(story.events)
            if budget < 0:
                archived.add(story.id)
    return archived
