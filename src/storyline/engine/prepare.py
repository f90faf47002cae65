"""Ingest's per-article work, done ahead of the indexes and, with a second core, in another process.

Cleaning, the dedup fingerprint and the clustering feature counts of an article depend on that
article alone, and they are about half of what ingesting it costs. The other half (LSH lookups,
matching stories, the store transaction) must see the articles one batch after another. So the
ingest loop hands each input batch to ``prepare_chunks``, which prepares the next batches in a
worker process while the caller folds in the current one: the halves run side by side.

The results are the same with or without a worker (the work is a pure function of the input), so
the store ends up byte-identical either way; ``tests/test_ingest_workers.py`` checks it.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from multiprocessing import get_all_start_methods, get_context
from typing import TypeVar

from storyline.cluster import from_article
from storyline.cluster.groups import words_of
from storyline.dedup import DedupSettings
from storyline.embeddings import Vectors, article_text, load_embedder
from storyline.features import DocCounts, Hasher, doc_counts
from storyline.fingerprints import Fingerprint, Fingerprinter
from storyline.lifetime import die_with_parent
from storyline.models import Article, RawDocument, ReadError

log = logging.getLogger(__name__)
T = TypeVar("T", RawDocument | ReadError, Article)

# Batches prepared ahead of the one being folded in: enough to hide a slow batch, few enough that
# memory stays at a few batches.
_AHEAD = 2


@dataclass(frozen=True)
class PrepareSettings:
    """What the prepared values depend on: they must match the indexes that will use them."""

    dedup: DedupSettings
    title_weight: float
    keep_raw: bool = False
    embedder: str = "lexical"  # a ``load_embedder`` kind: the worker loads its own copy
    # Only headlines are embedded (``StoryIndex``: articles under ``closeness_min_words``
    # words, title and text): full articles are not, so a stream of them never loads a model.
    headline_words: int = 0


@dataclass(frozen=True)
class Prepared:
    """One input batch, ready to fold in: cleaned articles in input order and their features."""

    read: int  # input items in the batch, failures included
    articles: tuple[Article, ...]
    errors: tuple[ReadError, ...]
    raw: dict[str, str]  # article id -> its input text, when ``keep_raw``
    fingerprints: dict[str, Fingerprint]
    counts: dict[str, DocCounts]
    vectors: dict[str, Vectors]  # embeddings, when the settings name an embedder
    languages: dict[str, str]  # article id -> ``detect_language`` of its text, for the store


class _Preparer:
    """Per-process caches (token hashes, stems) for ``prepare``."""

    def __init__(self, settings: PrepareSettings) -> None:
        self.settings = settings
        self.fingerprint = Fingerprinter(settings.dedup)
        self.hasher = Hasher()
        self.embedder = load_embedder(settings.embedder)

    def __call__(self, chunk: Sequence[RawDocument | ReadError]) -> Prepared:
        from storyline.clean import clean_batch
        from storyline.language import detect_language

        docs = [x for x in chunk if isinstance(x, RawDocument)]
        errors = [x for x in chunk if isinstance(x, ReadError)]
        articles: list[Article] = []
        raw: dict[str, str] = {}
        languages: dict[str, str] = {}
        for doc, article in zip(docs, clean_batch(docs), strict=True):
            if not article.text.strip():
                errors.append(ReadError(doc.origin, "has no article text left after cleaning."))
                continue
            articles.append(article)
            if article.id in languages:
                continue
            if self.settings.keep_raw:
                raw[article.id] = doc.text
            languages[article.id] = detect_language(article.text)
        features = self.features(articles)
        return Prepared(
            len(chunk),
            tuple(articles),
            tuple(errors),
            raw,
            features.fingerprints,
            features.counts,
            features.vectors,
            languages,
        )

    def features(self, articles: Sequence[Article]) -> Prepared:
        """The dedup fingerprint, feature counts and embedding of each clean article (what a
        replay of stored articles needs too; their language is stored already)."""
        fingerprints: dict[str, Fingerprint] = {}
        counts: dict[str, DocCounts] = {}
        weight = self.settings.title_weight
        firsts = list({a.id: a for a in articles}.values())
        short: list[Article] = []  # headlines, the only articles the story stage embeds
        for article in firsts:
            doc = from_article(article)
            fingerprints[article.id] = self.fingerprint(article.text)
            counts[article.id] = doc_counts(doc, self.hasher, title_weight=weight)
            if words_of(doc) < self.settings.headline_words:
                short.append(article)
        vectors: dict[str, Vectors] = {}
        if self.embedder is not None and short:
            made = self.embedder.embed([article_text(a.title, a.text) for a in short])
            vectors = {a.id: row for a, row in zip(short, made, strict=True)}
        return Prepared(len(articles), tuple(articles), (), {}, fingerprints, counts, vectors, {})


@lru_cache(maxsize=4)
def _preparer(settings: PrepareSettings) -> _Preparer:
    """One preparer per settings and process, so its caches outlive a batch."""
    return _Preparer(settings)


def prepare(chunk: Sequence[RawDocument | ReadError], settings: PrepareSettings) -> Prepared:
    """Clean one input batch and compute its features; an article with no text left is a
    failure, not an empty story."""
    return _preparer(settings)(chunk)


def featurise(articles: Sequence[Article], settings: PrepareSettings) -> Prepared:
    """The features of stored (already clean) articles, for a replay of their batch."""
    return _preparer(settings).features(articles)


def _worker_start(parent: int) -> None:
    """A killed ingest must not leave its worker behind (it would wait for work forever)."""
    die_with_parent(signal.SIGKILL, parent=parent)


def default_workers() -> int:
    """One worker process when there is a core to spare for it, else none."""
    return 1 if (os.cpu_count() or 1) >= 2 else 0


def _can_fork() -> bool:
    """Workers are forked: no re-import of the caller's script (``spawn`` would run an unguarded
    one again) and no start-up cost. Forking is only safe while this is the only thread."""
    return threading.active_count() == 1 and "fork" in get_all_start_methods()


def prepare_chunks(
    chunks: Iterable[Sequence[RawDocument | ReadError]],
    settings: PrepareSettings,
    *,
    workers: int,
) -> Iterator[Prepared]:
    """``prepare`` every chunk, in order; with ``workers`` > 0 the next chunks are prepared in
    worker processes while the caller uses the current one. A single chunk never starts a
    worker (it would not pay), nor does a caller running other threads (see ``_can_fork``)."""
    return _ahead(prepare, chunks, settings, workers=workers)


def featurise_chunks(
    chunks: Iterable[Sequence[Article]], settings: PrepareSettings, *, workers: int
) -> Iterator[Prepared]:
    """``featurise`` every chunk, in order, ahead as ``prepare_chunks`` does: a replay of
    stored batches folds one in while the next ones' features are computed."""
    return _ahead(featurise, chunks, settings, workers=workers)


def _ahead(
    work: Callable[[Sequence[T], PrepareSettings], Prepared],
    chunks: Iterable[Sequence[T]],
    settings: PrepareSettings,
    *,
    workers: int,
) -> Iterator[Prepared]:
    it = iter(chunks)
    if workers > 0 and not _can_fork():
        log.debug("other threads are running: preparing batches in this process")
        workers = 0
    if workers < 1:  # no look-ahead: a trickling input gets each batch as soon as it is read
        for chunk in it:
            yield work(chunk, settings)
        return
    first = next(it, None)
    if first is None:
        return
    second = next(it, None)
    if second is None:
        yield work(first, settings)
        return
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=get_context("fork"),
        initializer=_worker_start,
        initargs=(os.getpid(),),
    )
    with pool:
        pending: deque[Future[Prepared]] = deque()
        pending.append(pool.submit(work, second, settings))
        yield work(first, settings)  # while the worker starts up
        for chunk in it:
            pending.append(pool.submit(work, chunk, settings))
            if len(pending) > _AHEAD:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
