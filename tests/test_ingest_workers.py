"""Ingest with a worker process preparing batches ahead gives the very store ingest without one
gives (engine/prepare.py): same stories, events, reprints and failures."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from benchmarks.synth import generate

from storyline import engine
from storyline.dedup import DedupSettings
from storyline.engine.indexes import open_indexes
from storyline.engine.prepare import PrepareSettings, prepare, prepare_chunks
from storyline.engine.stories import story_and_articles
from storyline.models import RawDocument, ReadError
from storyline.store import Store, open_store


def _write_input(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for k, article in enumerate(generate(n, seed=3)):
            fh.write(json.dumps(article.to_dict()) + "\n")
            if k == 40:
                fh.write("{not json\n")  # one bad line: a failure, never a stop
            if k == 90:
                fh.write(json.dumps({"id": "blank", "text": "   "}) + "\n")


def _snapshot(store: Store) -> dict[str, object]:
    stories = engine.stories(store)
    return {
        "stories": sorted((s.id, s.label, s.size, s.first_seen, s.last_seen) for s in stories),
        "members": sorted(
            (a.id, s.id) for s in stories for a in story_and_articles(store, s.id)[1]
        ),
        "reprints": sorted(store.canonical(a for s in stories for a in _ids(store, s.id)).items()),
    }


def _ids(store: Store, story_id: str) -> list[str]:
    return [a.id for a in story_and_articles(store, story_id)[1]]


def test_a_worker_process_gives_the_same_store(tmp_path: Path) -> None:
    data = tmp_path / "news.jsonl"
    _write_input(data, 600)
    results = {}
    for workers in (0, 1):
        with open_store(tmp_path / f"w{workers}.db") as store:
            report = engine.ingest([data], store=store, batch_size=100, workers=workers)
            results[workers] = (report.new, report.duplicates, report.failed, _snapshot(store))
    assert results[0][2] == 2  # the bad line and the blank article
    assert results[0][0] > 0 and results[0][1] > 0
    assert results[0] == results[1]


def test_prepared_chunks_come_back_in_input_order() -> None:
    raws: list[RawDocument | ReadError] = [a.to_raw() for a in generate(300, seed=5)]
    chunks = [raws[k : k + 50] for k in range(0, len(raws), 50)]
    settings = PrepareSettings(dedup=DedupSettings(), title_weight=2.0)
    ahead = list(prepare_chunks(chunks, settings, workers=1))
    inline = [prepare(c, settings) for c in chunks]
    assert [p.articles for p in ahead] == [p.articles for p in inline]
    assert [sorted(p.counts) for p in ahead] == [sorted(p.counts) for p in inline]
    first = ahead[0].articles[0].id
    assert (ahead[0].fingerprints[first].shingles == inline[0].fingerprints[first].shingles).all()


def test_no_worker_is_forked_while_other_threads_run(tmp_path: Path) -> None:
    """A threaded caller (the web server) gets in-process preparation, and the same result."""
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        raws: list[RawDocument | ReadError] = [a.to_raw() for a in generate(120, seed=7)]
        settings = PrepareSettings(dedup=DedupSettings(), title_weight=2.0)
        chunks = [raws[:60], raws[60:]]
        out = list(prepare_chunks(chunks, settings, workers=1))
    finally:
        stop.set()
        other.join()
    assert [len(p.articles) for p in out] == [60, 60]


@pytest.mark.parametrize("workers", [0, 1])
def test_keep_raw_stores_each_input_text(tmp_path: Path, workers: int) -> None:
    data = tmp_path / "news.jsonl"
    _write_input(data, 150)
    with open_store(tmp_path / "raw.db") as store:
        engine.ingest([data], store=store, batch_size=50, keep_raw=True, workers=workers)
        story = engine.stories(store)[0]
        article = story_and_articles(store, story.id)[1][0]
        report = engine.article_report(store, article.id)
    assert report.raw is not None and article.text.split()[0] in report.raw


def test_embeddings_are_prepared_ahead_with_the_same_result(tmp_path: Path) -> None:
    data = tmp_path / "news.jsonl"
    _write_input(data, 300)
    results = {}
    for workers in (0, 1):
        with open_store(tmp_path / f"e{workers}.db") as store:
            engine.ingest(
                [data], store=store, batch_size=100, workers=workers, embedder="wordllama"
            )
            results[workers] = _snapshot(store)
    assert results[0] == results[1]


def test_a_store_keeps_the_features_it_was_built_with(tmp_path: Path) -> None:
    data = tmp_path / "news.jsonl"
    _write_input(data, 120)
    with open_store(tmp_path / "e.db") as store:
        engine.ingest([data], store=store, batch_size=60, embedder="wordllama")
        assert open_indexes(store).stories.features.startswith("lexical+wordllama")
        assert open_indexes(store, embedder="auto").stories.embedder is not None
        with pytest.raises(ValueError, match="clustered with wordllama features"):
            open_indexes(store, embedder="lexical")


def test_a_trickling_stream_is_committed_batch_by_batch(tmp_path: Path) -> None:
    """A generator (or stdin) is not read ahead: each batch is stored as soon as it is complete."""
    docs = [a.to_raw() for a in generate(90, seed=8)]
    seen_at: dict[int, int] = {}
    with open_store(tmp_path / "stream.db") as store:

        def trickle() -> Iterator[RawDocument]:
            for k, doc in enumerate(docs):
                if k in (30, 60):
                    seen_at[k] = store.last_batch()
                yield doc

        engine.ingest(trickle(), store=store, batch_size=30)
    assert seen_at == {30: 1, 60: 2}
