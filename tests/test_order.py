"""Issue 17.2: ingesting one corpus in date order, reversed or shuffled stores the same reprint
groups, and a backfill of old archives into a store that holds newer articles finds the copies it
finds in an empty store. Real SQLite stores through ``engine.ingest``; the corpus is synthetic
(``benchmarks/synth.py``) and spans months, so the 30-day dedup window matters."""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

import pytest
from benchmarks.synth import SynthArticle, SynthConfig, generate

from storyline import engine
from storyline.dedup import DedupSettings
from storyline.engine.ingest import open_indexes
from storyline.models import RawDocument
from storyline.store import Store, open_store

N = 2000
# Small batches and a small in-memory horizon, so that 2,000 articles exercise what 20,000 in
# batches of 1,000 do: days let go in the middle of a batch, and re-read from the store.
BATCH = 200
TIGHT = DedupSettings(horizon=128)


@pytest.fixture(scope="module")
def corpus() -> list[SynthArticle]:
    articles = list(generate(N, seed=7, config=SynthConfig(stories_per_block=4)))
    assert (articles[-1].published - articles[0].published).days > 120
    return articles


def _ingest(
    path: Path, articles: Sequence[SynthArticle], *, first: RawDocument | None = None
) -> Store:
    store = open_store(path)
    if first is not None:
        engine.ingest([first], store=store, workers=0)
    report = engine.ingest(
        [a.to_raw() for a in articles],
        store=store,
        workers=0,
        batch_size=BATCH,
        dedup_settings=TIGHT,
    )
    # Exact re-posts have the same content id as their source: stored once.
    assert report.failed == 0
    assert report.new + report.duplicates + report.already_stored == len(articles)
    return store


def _ids(store: Store) -> list[str]:
    """Every stored article id (content hashes: the same whatever the order of ingest)."""
    return [a.id for n in range(1, store.last_batch() + 1) for a in store.batch_articles(n)]


def reprint_groups(store: Store) -> set[frozenset[str]]:
    """Every article with its copies, as sets of ids (which copy is canonical may differ: the
    first one ingested)."""
    ids = _ids(store)
    canonical = store.canonical(ids)
    groups: dict[str, set[str]] = {}
    for article_id in ids:
        groups.setdefault(canonical.get(article_id, article_id), set()).add(article_id)
    return {frozenset(g) for g in groups.values()}


def story_groups(store: Store) -> set[frozenset[str]]:
    """Every story's articles, reprints included, as sets of ids."""
    groups: dict[str, set[str]] = {}
    for article_id, story in store.story_of(_ids(store)).items():
        groups.setdefault(story, set()).add(article_id)
    return {frozenset(g) for g in groups.values()}


@pytest.fixture(scope="module")
def stores(
    corpus: list[SynthArticle], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Store]]:
    folder = tmp_path_factory.mktemp("order")
    shuffled = corpus[:]
    random.Random(3).shuffle(shuffled)
    opened = {
        "ordered": _ingest(folder / "ordered.db", corpus),
        "reversed": _ingest(folder / "reversed.db", corpus[::-1]),
        "shuffled": _ingest(folder / "shuffled.db", shuffled),
    }
    yield opened
    for store in opened.values():
        store.close()


def test_reprint_groups_do_not_depend_on_the_order(stores: dict[str, Store]) -> None:
    ordered = reprint_groups(stores["ordered"])
    copies = sum(len(g) - 1 for g in ordered)
    assert copies > 500  # the corpus has plenty of wire copies
    assert reprint_groups(stores["reversed"]) == ordered
    assert reprint_groups(stores["shuffled"]) == ordered
    for store in stores.values():
        assert store.counts().reprints == copies
        assert store.check() == []


def test_a_backfill_beside_a_newer_article_finds_the_same_copies(
    corpus: list[SynthArticle], stores: dict[str, Store], tmp_path: Path
) -> None:
    """The issue's case: one article dated long after the corpus, then the corpus."""
    newer = RawDocument(
        text="Harbour pilots in a distant town voted on Monday to accept a new shift pattern "
        "after talks that lasted most of the spring, their union said in a statement.",
        origin="newer.txt",
        title="Pilots accept shifts",
        source="Distant Courier",
        published=date(2031, 5, 18),
    )
    store = _ingest(tmp_path / "backfill.db", corpus, first=newer)
    try:
        alone = frozenset({store.batch_articles(1)[0].id})
        groups = reprint_groups(store)
        assert alone in groups
        assert groups - {alone} == reprint_groups(stores["ordered"])
    finally:
        store.close()


def test_stories_do_not_depend_on_the_order(stores: dict[str, Store]) -> None:
    ordered = story_groups(stores["ordered"])
    assert story_groups(stores["reversed"]) == ordered
    assert story_groups(stores["shuffled"]) == ordered


def test_a_straggler_meets_the_copies_the_index_let_go(
    corpus: list[SynthArticle], tmp_path: Path
) -> None:
    """The dedup index keeps only dates near recent additions in memory; an article dated long
    before them has those days' articles re-read from the store, so it is still found to be a
    copy, after a restart too."""
    groups: dict[str, int] = {}
    for a in corpus:
        groups[a.wire_group] = groups.get(a.wire_group, 0) + 1
    straggler = next(a for a in corpus[:300] if a.kind == "reprint" and groups[a.wire_group] > 2)
    rest = [a for a in corpus if a.id != straggler.id]
    with open_store(tmp_path / "straggler.db") as store:
        engine.ingest(
            [a.to_raw() for a in rest],
            store=store,
            workers=0,
            batch_size=100,
            dedup_settings=DedupSettings(horizon=64),
        )
        indexes = open_indexes(store)
        assert straggler.published is not None
        assert indexes.dedup.missing([straggler.published.toordinal()]), "the days were let go"
        report = engine.ingest([straggler.to_raw()], store=store, workers=0)
        assert report.duplicates == 1
        assert store.check() == []
