"""Reading a finished batch run back as whole stories, for loading into a story store.

``stories.jsonl`` names articles by id only; a store needs the articles themselves, each canonical
article's event and each story's label. The summaries stage writes, next to every
``stories/gNNNNN.jsonl``, a ``gNNNNN.members.parquet`` (story, article, its canonical article, the
event) and a ``gNNNNN.labels.parquet`` (story, label, keywords); the cleaned articles are the
partitions' Parquet files. This module joins them, one window group at a time, so memory stays at
one group whatever the size of the run.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from storyline.models import Article
from storyline.runners import outputs
from storyline.runners.outputs import optional_module
from storyline.runners.tasks import BatchSettings, RunContext, read_articles

__all__ = ["RunStory", "read_run_stories"]


@dataclass(frozen=True)
class RunStory:
    """One story of a batch run with everything a store keeps of it.

    ``articles``: the canonical articles, oldest first (as in ``stories.jsonl``), then the
    reprints. ``events``: canonical article id -> event. ``reprints``: reprint id -> canonical id.
    """

    id: str
    label: str
    keywords: tuple[str, ...]
    articles: tuple[Article, ...]
    events: dict[str, str]
    reprints: dict[str, str]
    first_seen: date | None
    last_seen: date | None


def _context(out: Path) -> tuple[RunContext, int]:
    """The run's context (partition offsets) and its number of window groups."""
    report = out / "report.json"
    if not report.exists():
        raise ValueError(f"{out}: no finished batch run here (report.json is missing).")
    plan = json.loads((out / "plan.json").read_text("utf-8"))
    docs = []
    for number in range(len(plan["partitions"])):
        found = outputs.read_marker(out / "parts" / f"p{number:05d}.parquet")
        if found is None:
            raise ValueError(f"{out}: partition {number} is not finished; resume the batch run.")
        docs.append(int(found["docs"]))
    offsets = tuple(int(x) for x in np.concatenate([[0], np.cumsum(docs)]))
    groups = json.loads((out / "dedup" / "groups.json").read_text("utf-8"))["groups"]
    return RunContext(str(out), BatchSettings(), offsets=offsets), len(groups)


def _table(path: Path, columns: list[str]) -> dict[str, list[Any]]:
    pq = optional_module("pyarrow.parquet")
    if not path.exists():
        raise ValueError(
            f"{path} is missing: the run was written by an older storyline; run the batch again "
            "into a new --output folder to load it into a store."
        )
    table = pq.read_table(path, columns=columns)
    return {name: table.column(name).to_pylist() for name in columns}


def _group_stories(ctx: RunContext, group: int) -> list[RunStory]:
    folder = ctx.path("stories")
    members = _table(
        folder / f"g{group:05d}.members.parquet", ["story", "gidx", "canonical", "event"]
    )
    labels = _table(folder / f"g{group:05d}.labels.parquet", ["story", "label", "keywords"])
    articles = read_articles(ctx, set(members["gidx"]))
    rows: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for story, gidx, canonical, event in zip(
        members["story"], members["gidx"], members["canonical"], members["event"], strict=True
    ):
        rows[story].append((gidx, canonical, event))
    named = {
        s: (label, tuple(keywords))
        for s, label, keywords in zip(
            labels["story"], labels["label"], labels["keywords"], strict=True
        )
    }
    stories = []
    for story, found in rows.items():
        heads = [articles[g] for g, c, _ in found if g == c]
        copies = [articles[g] for g, c, _ in found if g != c]
        dated = [a.published for a in heads if a.published]
        label, keywords = named.get(story, ("", ()))
        stories.append(
            RunStory(
                id=story,
                label=label,
                keywords=keywords,
                articles=(*heads, *copies),
                events={articles[g].id: e for g, c, e in found if g == c},
                reprints={articles[g].id: articles[c].id for g, c, _ in found if g != c},
                first_seen=heads[0].published if heads else None,
                last_seen=max(dated, default=None),
            )
        )
    return stories


def read_run_stories(output: str | Path) -> Iterator[list[RunStory]]:
    """The stories of a finished run, one window group (in ``stories.jsonl`` order) at a time."""
    ctx, groups = _context(Path(output).resolve())
    for group in range(groups):
        yield _group_stories(ctx, group)
