"""Ingest into a store: read, clean, dedup and cluster articles batch by batch.

Read -> clean -> skip stored ids -> dedup (reprints kept, pointing to the canonical) -> cluster
canonical articles -> one store transaction per batch. The indexes that make it incremental, and
their checkpoints, are ``engine.indexes``.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from storyline.engine.documents import unique
from storyline.engine.indexes import (
    DEFAULT_BATCH_SIZE,
    Indexes,
    catch_up,
    checkpoint,
    fuller_copies,
    index_batch,
    index_states,
    link_fuller_texts,
    open_indexes,
    prepare_settings,
    restore_days,
)
from storyline.models import Article, RawDocument, ReadError

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from storyline.cluster import ClusterSettings
    from storyline.dedup import DedupSettings
    from storyline.engine.prepare import Prepared
    from storyline.engine.reorder import DayCuts, Watch
    from storyline.features import DocCounts
    from storyline.store import Store


@dataclass(frozen=True)
class IngestReport:
    """What one ingest did. ``duplicates`` are reprints, stored and pointing to their canonical."""

    new: int
    duplicates: int
    already_stored: int
    failed: int
    errors: tuple[ReadError, ...]
    batches: int
    seconds: float
    reclustered: int = 0  # canonical articles clustered again in date order (engine.reorder)
    # of ``new``, those that took the place of a partial text of their page (a feed's teaser
    # kept while the page failed): ``indexes.fuller_copies``
    replaced: int = 0


@dataclass(frozen=True)
class BatchProgress:
    """Reported after each input batch (``number`` is 0 when nothing new was written)."""

    number: int
    read: int
    new: int
    duplicates: int
    already_stored: int
    failed: int
    seconds: float


def _raw_items(
    inputs: str | Path | Iterable[str | Path | RawDocument],
) -> Iterator[RawDocument | ReadError]:
    from storyline.ingest import read_paths

    for item in [inputs] if isinstance(inputs, (str, Path)) else inputs:
        if isinstance(item, (str, Path)):
            yield from read_paths([item])
        else:
            yield item


def _is_stream(inputs: str | Path | Iterable[str | Path | RawDocument]) -> bool:
    """Stdin or a generator may trickle in: preparing batches ahead would hold each batch back
    until the next ones have arrived, so such inputs are ingested one batch at a time."""
    if isinstance(inputs, (str, Path)):
        return str(inputs) == "-"
    if not isinstance(inputs, Sequence):
        return True
    return any(isinstance(x, (str, Path)) and str(x) == "-" for x in inputs)


def _chunked(items: Iterable[RawDocument | ReadError], size: int) -> Iterator[list[object]]:
    chunk: list[object] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _gathered(batch: Sequence[Article], held: Mapping[str, Prepared]) -> Prepared:
    """What was prepared for a batch's articles, gathered from the input batches they came in."""
    from storyline.engine.prepare import Prepared

    sources = {id(p): p for p in (held[a.id] for a in batch)}
    if len(sources) == 1:
        return next(iter(sources.values()))
    ids = {a.id for a in batch}

    def pick(field: str) -> dict[str, object]:
        return {k: v for p in sources.values() for k, v in getattr(p, field).items() if k in ids}

    return Prepared(
        read=0,
        articles=tuple(batch),
        errors=(),
        raw=pick("raw"),  # type: ignore[arg-type]
        fingerprints=pick("fingerprints"),  # type: ignore[arg-type]
        counts=pick("counts"),  # type: ignore[arg-type]
        vectors=pick("vectors"),  # type: ignore[arg-type]
        languages=pick("languages"),  # type: ignore[arg-type]
    )


def ingest(
    inputs: str | Path | Iterable[str | Path | RawDocument],
    *,
    store: Store,
    batch_size: int = DEFAULT_BATCH_SIZE,
    keep_raw: bool = False,
    checkpoint_seconds: float = 60.0,
    on_batch: Callable[[BatchProgress], None] | None = None,
    dedup_settings: DedupSettings | None = None,
    cluster_settings: ClusterSettings | None = None,
    indexes: Indexes | None = None,
    checkpoint_at_end: bool = True,
    workers: int | None = None,
    embedder: str | None = None,
    reorder: bool | None = None,
) -> IngestReport:
    """Read, clean, dedup and cluster ``inputs`` (paths, "-", or RawDocuments) into ``store``.

    Idempotent: ids already stored are counted and skipped. New articles are folded in batches
    of whole days, about ``batch_size`` each (``engine.reorder.DayCuts``; a stream, batches as
    they are read), each committed in one transaction, so a killed ingest keeps every committed
    batch, and re-running it on the same inputs finishes the job with the same result as one
    uninterrupted run.

    A long-running writer (the HTTP server) passes its open ``indexes`` so that each call does not
    reload them, and ``checkpoint_at_end=False`` so that state is saved by time only: batches after
    the last checkpoint are replayed from the store on the next open. If a call fails, the indexes
    may hold a batch the store does not: drop them and open new ones.

    ``workers`` processes clean and featurise the next batches while this one is folded in
    (default: one if there is a second core and the input is files or a list, not stdin or a
    generator; 0 does everything in this process). The result is the same either way.
    ``embedder``: see ``open_indexes``.

    ``reorder``: when the batches did not come in date order, cluster the call's articles again
    at its end, in date order, so that stories do not depend on the order of the input
    (``storyline.engine.reorder``). Default: on when this call opens its own indexes, off for a
    long-running caller that passes them (a stream of posts, where one old article would hold
    every writer up while the store is clustered again).
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be >= 1, got {batch_size}.")
    start = time.perf_counter()
    if indexes is None:
        indexes = open_indexes(
            store,
            dedup_settings=dedup_settings,
            cluster_settings=cluster_settings,
            embedder=embedder,
        )
        reorder = True if reorder is None else reorder
    else:
        catch_up(store, indexes)
    from storyline.engine.prepare import default_workers, prepare_chunks
    from storyline.engine.reorder import DayCuts, open_watch, settle

    run = _Run(
        store=store,
        indexes=indexes,
        keep_raw=keep_raw,
        checkpoint_seconds=checkpoint_seconds,
        on_batch=on_batch,
        reorder=bool(reorder),
        watch=open_watch(store) if reorder else None,
    )
    settings = prepare_settings(indexes, keep_raw=keep_raw)
    run.began = time.perf_counter()
    stream = _is_stream(inputs)
    # Whole days per batch, except for a stream (its last day would wait for the next one).
    cuts = None if stream else DayCuts(batch_size)
    chunks = _chunked(_raw_items(inputs), batch_size)
    for prepared in prepare_chunks(
        chunks,  # type: ignore[arg-type]
        settings,
        workers=(0 if stream else default_workers()) if workers is None else workers,
    ):
        run.take(prepared, cuts)
    if cuts is not None and cuts.waiting:
        run.fold_all(cuts.rest(), read=0, failed=0, old=0)
    reclustered = 0
    if run.reorder:
        reclustered = settle(store, indexes, run.watch, batch_size=batch_size, counts=run.counts)
    if checkpoint_at_end:
        checkpoint(store, indexes)
    return IngestReport(
        new=run.totals["new"],
        duplicates=run.totals["dup"],
        already_stored=run.totals["old"],
        failed=len(run.errors),
        errors=tuple(run.errors),
        batches=run.totals["batches"],
        seconds=time.perf_counter() - start,
        reclustered=reclustered,
        replaced=run.totals["replaced"],
    )


@dataclass
class _Run:
    """One ingest call as it goes: it folds batches of new articles into the indexes and the
    store, counts them, and keeps what a re-run in date order needs (``reorder``: the watch of
    dates and the articles' feature counts)."""

    store: Store
    indexes: Indexes
    keep_raw: bool
    checkpoint_seconds: float
    on_batch: Callable[[BatchProgress], None] | None
    reorder: bool
    watch: Watch | None
    counts: dict[str, DocCounts] = field(default_factory=dict)  # kept for a re-run in date order
    totals: Counter[str] = field(default_factory=Counter)
    errors: list[ReadError] = field(default_factory=list)
    held: dict[str, Prepared] = field(default_factory=dict)  # prepared, held back by the cuts
    began: float = 0.0  # when the step now being reported began

    def take(self, prepared: Prepared, cuts: DayCuts | None) -> None:
        """An input batch, prepared: fold in its new articles (as the day cuts let go of them)."""
        articles = prepared.articles
        self.errors.extend(prepared.errors)
        fresh = unique(articles)
        stored = self.store.existing(a.id for a in fresh)
        fresh = tuple(a for a in fresh if a.id not in stored and a.id not in self.held)
        self.held.update(dict.fromkeys((a.id for a in fresh), prepared))
        batches = [fresh] if cuts is None else cuts.add(fresh)
        old = len(articles) - len(fresh)
        self.fold_all(
            [b for b in batches if b], read=prepared.read, failed=len(prepared.errors), old=old
        )

    def fold_all(
        self, batches: Sequence[Sequence[Article]], *, read: int, failed: int, old: int
    ) -> None:
        """Fold batches in; report them as the step that read ``read`` inputs."""
        number = reprints = folded = 0
        for batch in batches:
            number, found = self.fold(batch, _gathered(batch, self.held))
            reprints, folded = reprints + found, folded + len(batch)
            self.totals.update(batches=1)
        self.totals.update(new=folded - reprints, dup=reprints, old=old)
        progress = BatchProgress(
            number=number,
            read=read,
            new=folded - reprints,
            duplicates=reprints,
            already_stored=old,
            failed=failed,
            seconds=time.perf_counter() - self.began,
        )
        if self.on_batch is not None:
            self.on_batch(progress)
        self.began = time.perf_counter()

    def fold(self, fresh: Sequence[Article], prepared: Prepared) -> tuple[int, int]:
        """Dedup, cluster and store one batch of new articles: its number and its reprints."""
        from storyline.engine.reorder import keep_counts, watch_batch

        indexes = self.indexes
        number = indexes.batch + 1
        order: dict[str, bytes] = {}
        if self.reorder:
            self.watch, order = watch_batch(self.watch, indexes.stories, fresh, number=number)
            keep_counts(self.counts, self.watch, prepared.counts)
        restore_days(self.store, indexes.dedup, fresh, through=indexes.batch)
        link_fuller_texts(fresh, store=self.store, indexes=indexes, prepared=prepared)
        write = index_batch(fresh, indexes, number=number, prepared=prepared)
        write = fuller_copies(write, store=self.store, indexes=indexes)
        self.totals.update(replaced=len(write.replaced))
        due = time.perf_counter() - indexes.saved_at >= self.checkpoint_seconds
        write = replace(
            write,
            states={**(index_states(indexes) if due else {}), **order},
            raw={a.id: prepared.raw[a.id] for a in fresh} if self.keep_raw else {},
            languages={a.id: prepared.languages[a.id] for a in fresh},
        )
        self.store.write_batch(write)
        if due:
            indexes.saved, indexes.saved_at = number, time.perf_counter()
        for article in fresh:
            self.held.pop(article.id, None)
        return number, len(write.reprints)
