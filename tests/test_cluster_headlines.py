"""Headlines in the story stage: each enters alone, and its shared-neighbour event is cut along
the stories (``batch.stories_around``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from storyline.cluster import ClusterDoc, StoryIndex, cluster_batch
from storyline.cluster import batch as batch_module
from test_cluster import FLOOD_A

# Fictional headlines of three stories; none shares a content word with another story.
RECALL = [
    "Velmora recalls 40,000 cars over faulty brake sensors",
    "Velmora brake sensor recall covers 40,000 cars",
    "Carmaker Velmora recalls cars after brake sensor faults",
    "Velmora issues recall of 40,000 vehicles for brake sensors",
]
STORM = [
    "Storm Ilse closes ferries across the northern islands",
    "Ferries halted as Storm Ilse hits the northern islands",
    "Storm Ilse strands ferry passengers on northern islands",
]
LIBRARY = [
    "Marrowby council approves new library on the old mill site",
    "New Marrowby library to be built on old mill site",
    "Old mill site in Marrowby chosen for library",
]
FLOODS = FLOOD_A[:4]  # full articles of one flood (test_cluster): they take the old path


def _docs(prefix: str, texts: Sequence[str]) -> list[ClusterDoc]:
    return [ClusterDoc(id=f"{prefix}{i}", text=t) for i, t in enumerate(texts)]


HEADLINES = _docs("r", RECALL) + _docs("s", STORM) + _docs("l", LIBRARY)


def _groups(found: Sequence[Any], level: str) -> set[frozenset[str]]:
    by: dict[str, set[str]] = {}
    for a in found:
        by.setdefault(getattr(a, level), set()).add(a.doc_id)
    return {frozenset(g) for g in by.values()}


def _story_stage_sizes(monkeypatch: pytest.MonkeyPatch, docs: Sequence[ClusterDoc]) -> list[int]:
    """The sizes of the groups the story stage was given for one batch of ``docs``."""
    seen: list[int] = []
    real = batch_module.batch_stories

    def spy(sums: Any, *args: Any, **kwargs: Any) -> Any:
        seen.extend(int(n) for n in sums.sizes)
        return real(sums, *args, **kwargs)

    monkeypatch.setattr(batch_module, "batch_stories", spy)
    StoryIndex().add_batch(docs)
    return seen


def test_headlines_enter_the_story_stage_one_by_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """A headline is its own group in the story stage; full articles come as their events."""
    assert _story_stage_sizes(monkeypatch, HEADLINES) == [1] * len(HEADLINES)
    assert max(_story_stage_sizes(monkeypatch, _docs("f", FLOODS))) > 1


def test_an_event_that_mixes_stories_is_cut_along_them(monkeypatch: pytest.MonkeyPatch) -> None:
    """Shared neighbours of a few words can put two stories' headlines in one event; the story
    stage still judges each headline, and the event is cut where the stories part."""

    def one_event(batch: Any, *args: Any, **kwargs: Any) -> list[int]:
        return [0] * len(batch.docs)

    monkeypatch.setattr(batch_module, "batch_events", one_event)
    found = cluster_batch(HEADLINES)
    expected = {
        frozenset(f"{p}{i}" for i in range(n))
        for p, n in (("r", len(RECALL)), ("s", len(STORM)), ("l", len(LIBRARY)))
    }
    assert _groups(found, "story") == expected
    assert _groups(found, "event") == expected  # each story's part of the one event


def test_headline_stories_do_not_depend_on_the_batch_they_share() -> None:
    """A story of headlines is the same alone in its batch or beside other stories'."""
    alone = _groups(cluster_batch(_docs("r", RECALL)), "story")
    assert alone <= _groups(cluster_batch(HEADLINES), "story")
