"""Batch runs over large corpora (storyline.runners), local or on a Dask cluster."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from storyline.engine.documents import DEFAULT_METHOD

if TYPE_CHECKING:
    from storyline.models import Article
    from storyline.runners import BatchReport
    from storyline.runners.load import RunStory
    from storyline.store import BatchWrite, Store

__all__ = ["LOAD_BATCH_ARTICLES", "LoadReport", "batch", "load_batch"]

log = logging.getLogger(__name__)

LOAD_BATCH_ARTICLES = 1000  # articles per store transaction when loading a run (whole stories)


@dataclass(frozen=True)
class LoadReport:
    """What ``load_batch`` wrote: ``skipped_stories`` were in the store already (an earlier load)
    and ``skipped_articles`` were stored already (by an earlier load or an ingest)."""

    stories: int
    articles: int
    reprints: int
    batches: int
    skipped_stories: int
    skipped_articles: int


def batch(
    inputs: Sequence[str | Path],
    *,
    output: str | Path,
    engine: str = "local",
    scheduler: str | None = None,
    workers: int = 2,
    progress: bool = False,
    words: int = 100,
    method: str = DEFAULT_METHOD,
    window_days: int = 7,
    overlap_days: int = 2,
    partition_mb: float | None = None,
    load_db: str | None = None,
) -> BatchReport:
    """Dedup, cluster and summarize a large corpus into ``output``/stories.jsonl, partition by
    partition, here or on a Dask cluster; a re-run with the same arguments resumes a killed run.

    ``load_db`` (a SQLite path or a ``postgresql://`` URL): afterwards, load the run's articles,
    reprints and stories into that store (``load_batch``), so ``storyline stories`` shows them.
    """
    from storyline.runners import BatchSettings, make_runner, run_batch

    settings = BatchSettings(
        summary_words=words, method=method, window_days=window_days, overlap_days=overlap_days
    )
    if partition_mb is not None:
        settings = replace(settings, partition_bytes=max(1, int(partition_mb * 1_000_000)))
    runner = make_runner(engine, scheduler=scheduler, workers=workers, progress=progress)
    try:
        report = run_batch(inputs, output=output, runner=runner, settings=settings)
    finally:
        runner.close()
    if load_db is not None:
        from storyline.store import open_store

        store = open_store(load_db)
        try:
            load_batch(report.output, store=store)
        finally:
            store.close()
    return report


def _time_order(article: Article) -> tuple[date, str]:
    return (article.published or date.max, article.id)


def _chunks(groups: Iterable[list[RunStory]], size: int) -> Iterable[list[RunStory]]:
    """Whole stories, about ``size`` articles a chunk (a story is never split: the store counts
    a story's outlets and reprints from the rows of the batch that writes it)."""
    chunk: list[RunStory] = []
    count = 0
    for stories in groups:
        for story in stories:
            chunk.append(story)
            count += len(story.articles)
            if count >= size:
                yield chunk
                chunk, count = [], 0
    if chunk:
        yield chunk


def _seed_after_load(store: Store) -> None:
    """Give a later ``ingest`` indexes that know the loaded stories (``seed_indexes``), unless
    the store's checkpoint already covers its last batch (a repeated load wrote nothing)."""
    from storyline.engine.indexes import CLUSTER_STATE, DEDUP_STATE, seed_indexes

    last = store.last_batch()
    states = [store.load_state(name) for name in (DEDUP_STATE, CLUSTER_STATE)]
    if last and any(state is None or state.batch < last for state in states):
        seed_indexes(store)


def _check_loaded(store: Store, output: Path, known: set[str]) -> None:
    """Stories of the run whose id the store has already must be from an earlier load of this
    run, not another run's (ids are window numbers, so two runs share them). Checked from
    ``stories.jsonl`` before anything is written."""
    import json

    heads: dict[str, list[str]] = {}
    with open(output / "stories.jsonl", encoding="utf-8") as handle:
        for line in handle:
            story = json.loads(line)
            if story["story"] in known:
                heads[story["story"]] = story["articles"]
    found = store.story_of(a for ids in heads.values() for a in ids)
    for story, ids in heads.items():
        # Some articles may have been stored before by an ingest (and were left out of the
        # story), but an earlier load of this run put at least one of them in it.
        if not any(found.get(a) == story for a in ids):
            raise ValueError(
                f"The store already has a story {story!r} with other articles: it holds "
                "another batch run. Load each batch run into its own database."
            )


def _batch_write(
    stories: Sequence[RunStory], stored: set[str], number: int
) -> tuple[BatchWrite | None, int]:
    """One store transaction for these (new) stories, leaving out articles stored already;
    and how many articles were left out."""
    from storyline.engine.listing import with_snippets
    from storyline.store import BatchWrite, Member, StoryUpdate

    articles: list[Article] = []
    members: list[Member] = []
    reprints: dict[str, str] = {}
    updates: list[StoryUpdate] = []
    for story in stories:
        heads = [a for a in story.articles if a.id in story.events and a.id not in stored]
        if not heads:
            continue
        kept = {a.id for a in heads}
        copies = [
            a
            for a in story.articles
            if a.id in story.reprints and a.id not in stored and story.reprints[a.id] in kept
        ]
        articles.extend(heads + copies)
        members.extend(Member(a.id, story.id, story.events[a.id]) for a in heads)
        reprints.update((a.id, story.reprints[a.id]) for a in copies)
        updates.append(
            StoryUpdate(
                story.id, story.label, story.keywords, story.first_seen, story.last_seen, len(heads)
            )
        )
    left_out = sum(len(s.articles) for s in stories) - len(articles)
    if not articles:
        return None, left_out
    heads = [a for a in articles if a.id not in reprints]
    write = BatchWrite(
        number=number,
        articles=tuple(sorted(articles, key=_time_order)),
        reprints=reprints,
        members=tuple(members),
        stories=with_snippets(updates, members, heads, new=(u.id for u in updates)),
    )
    return write, left_out


def load_batch(
    output: str | Path, *, store: Store, batch_size: int = LOAD_BATCH_ARTICLES
) -> LoadReport:
    """Load a finished batch run (``output``) into ``store``: its articles, reprints and stories,
    with the story ids of ``stories.jsonl``, in transactions of about ``batch_size`` articles.

    Idempotent: stories already in the store (an earlier load) and articles already stored are
    skipped, so an interrupted load is finished by running it again. The store's cached summaries
    are not filled: ``storyline story`` summarizes on first view, as after an ingest.
    """
    from storyline.runners.load import read_run_stories

    if batch_size < 1:
        raise ValueError(f"batch_size must be >= 1, got {batch_size}.")
    known = {s.id for s in store.stories()}
    _check_loaded(store, Path(output), known)
    totals = {"stories": 0, "articles": 0, "reprints": 0, "batches": 0, "old": 0, "skipped": 0}
    for chunk in _chunks(read_run_stories(output), batch_size):
        loaded = [s for s in chunk if s.id in known]
        fresh = [s for s in chunk if s.id not in known]
        totals["old"] += len(loaded)
        stored = store.existing(a.id for s in fresh for a in s.articles)
        write, left_out = _batch_write(fresh, stored, store.last_batch() + 1)
        totals["skipped"] += left_out + sum(len(s.articles) for s in loaded)
        if write is None:
            continue
        store.write_batch(write)
        known.update(s.id for s in write.stories)
        totals["stories"] += len(write.stories)
        totals["articles"] += len(write.articles)
        totals["reprints"] += len(write.reprints)
        totals["batches"] += 1
    _seed_after_load(store)
    report = LoadReport(
        stories=totals["stories"],
        articles=totals["articles"],
        reprints=totals["reprints"],
        batches=totals["batches"],
        skipped_stories=totals["old"],
        skipped_articles=totals["skipped"],
    )
    log.info("loaded %s", report)
    return report
