"""What the facts parse read per article, kept in the store (engine/readings.py): a page computed
from stored readings is the page computed from a fresh parse; readings of other code are never
used; ingest does not parse; the ``serve`` writer reads new articles ahead of need."""

from __future__ import annotations

import json
import time
from pathlib import Path

from benchmarks.report import forget_what_was_read
from benchmarks.synth import generate

from storyline import engine, views
from storyline.compare import compare
from storyline.engine import writer as writers
from storyline.engine.readings import (
    Backlog,
    reading_from_json,
    reading_to_json,
    readings,
    stored_readings,
)
from storyline.engine.stories import story_and_articles
from storyline.engine.writer_client import RemoteWriter
from storyline.facts import extraction
from storyline.facts.stage import read_articles, reading_version
from storyline.ingest import parse_record
from storyline.models import RawDocument
from storyline.store import Store, open_store

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "examples" / "kessel-dam" / "articles.jsonl"


def _store(tmp_path: Path) -> tuple[Store, str]:
    store = open_store(tmp_path / "r.db")
    engine.ingest([ARTICLES], store=store)
    story = max(engine.stories(store), key=lambda s: s.size).id
    return store, story


def _canonical_ids(store: Store) -> list[str]:
    return [m.article_id for s in engine.stories(store) for m in store.members(s.id)]


def test_ingest_does_not_parse(tmp_path: Path) -> None:
    store, _ = _store(tmp_path)
    with store:
        assert store.article_facts(_canonical_ids(store), version=reading_version()) == {}


def test_a_page_from_stored_readings_is_the_page_from_a_fresh_parse(tmp_path: Path) -> None:
    store, story = _store(tmp_path)
    with store:
        _, articles = story_and_articles(store, story)
        fresh = compare(articles)
        first = engine.story(store, story, limits=views.PAGE_LIMITS)  # reads and keeps readings
        kept = store.article_facts([a.id for a in articles], version=reading_version())
        assert set(kept) == {a.id for a in articles}
        forget_what_was_read()
        again = compare(articles, readings=stored_readings(store, [a.id for a in articles]))
        assert again == fresh and any(again.facts)
        assert not extraction._READ  # nothing was parsed: every article came from the store
        store.put_summary(story, version=first.story.version, method="x", payload="{}")
    with open_store(tmp_path / "r.db") as other:  # another process: the same page, no parse
        forget_what_was_read()
        page = engine.compare(other, story)
        assert page.comparison == fresh and not extraction._READ


def test_a_reading_round_trips_through_json(tmp_path: Path) -> None:
    store, story = _store(tmp_path)
    with store:
        _, articles = story_and_articles(store, story)
    for article, reading in zip(articles, read_articles(articles), strict=True):
        assert reading_from_json(reading_to_json(reading), article.id) == reading


def test_readings_of_other_code_or_unreadable_ones_are_read_again(tmp_path: Path) -> None:
    store, story = _store(tmp_path)
    with store:
        _, articles = story_and_articles(store, story)
        first, second = articles[0], articles[1]
        store.put_article_facts({first.id: reading_to_json(((),))}, version="facts/older")
        store.put_article_facts({second.id: "{not json"}, version=reading_version())
        got = readings(store, articles[:2])
        expected = dict(zip((first.id, second.id), read_articles(articles[:2]), strict=True))
        assert got == expected
        kept = store.article_facts([first.id, second.id], version=reading_version())
        assert {k: reading_from_json(v, k) for k, v in kept.items()} == expected  # replaced


def test_the_backlog_reads_canonical_articles_of_new_batches_a_few_at_a_time(
    tmp_path: Path,
) -> None:
    store = open_store(tmp_path / "b.db")
    with store:
        docs = [a.to_raw() for a in generate(60, seed=3)]
        engine.ingest(docs[:20], store=store)
        backlog = Backlog(through=store.last_batch())  # what was there before is not queued
        engine.ingest(docs[20:], store=store)
        backlog.expect()
        read = 0
        while backlog.pending():
            read += backlog.step(store)
        canonical = _canonical_ids(store)
        kept = store.article_facts(canonical, version=reading_version())
        new = {a.id for b in range(2, store.last_batch() + 1) for a in store.batch_articles(b)}
        assert read == len(kept) == len(new & set(canonical)) > 0
        assert set(kept) <= new  # the first batch's articles were left to the pages


def test_a_starting_writer_queues_the_newest_stored_articles_first(tmp_path: Path) -> None:
    """A store that ``storyline ingest`` filled has no readings: a writer starting on it reads
    its newest articles, about ``recent`` of them, newest batch first."""
    with open_store(tmp_path / "s.db") as store:
        docs = [a.to_raw() for a in generate(90, seed=4)]
        for k in range(0, 90, 30):
            engine.ingest(docs[k : k + 30], store=store)
        backlog = Backlog.at_start(store, recent=40)
        read = []
        while backlog.pending():
            before = set(store.article_facts(_canonical_ids(store), version=reading_version()))
            backlog.step(store)
            read.append(
                set(store.article_facts(_canonical_ids(store), version=reading_version())) - before
            )
        done = set().union(*read)
        newest, middle, oldest = (
            {a.id for a in store.batch_articles(b)} & set(_canonical_ids(store)) for b in (3, 2, 1)
        )
        assert newest <= done and middle & done and not oldest & done
        assert read[0] <= newest  # the newest batch is read first


def test_the_serve_writer_reads_new_articles_while_idle(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    open_store(db).close()
    process = writers.start(str(db))
    try:
        records = [json.loads(line) for line in ARTICLES.read_text("utf-8").splitlines() if line]
        docs = [parse_record(r, origin=f"kessel/{i}") for i, r in enumerate(records)]
        raws = [d for d in docs if isinstance(d, RawDocument)]
        report = RemoteWriter(process.address).ingest(raws)
        assert report.new > 0
        deadline = time.monotonic() + 120
        with open_store(db) as store:
            canonical = _canonical_ids(store)
            while time.monotonic() < deadline:
                kept = store.article_facts(canonical, version=reading_version())
                if len(kept) == len(canonical):
                    break
                time.sleep(0.2)
            assert set(kept) == set(canonical)
    finally:
        process.stop()
