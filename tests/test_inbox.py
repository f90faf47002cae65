"""The inbox (engine/inbox.py): posts the writer cannot take at once are stored and answered 202,
then ingested oldest first; nothing posted is lost."""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from benchmarks.load import start_server
from benchmarks.restarts import behind_store, writer_pid
from benchmarks.synth import generate

from storyline import engine
from storyline.engine import inbox
from storyline.engine import writer as writers
from storyline.engine.writer import Stores, Writer
from storyline.engine.writer_client import POST_WAIT_SECONDS, RemoteWriter, catching_up_marker
from storyline.store import Store, open_store
from storyline.store.base import POST_DONE, POST_FAILED, POST_QUEUED
from test_store import make_store, postgres_url, store  # noqa: F401 - fixtures


def test_the_inbox_keeps_posts_in_order_on_both_backends(store: Store) -> None:  # noqa: F811
    docs = [a.to_raw() for a in generate(3, seed=5)]
    first = engine.queue_post(store, docs[:2])
    second = engine.queue_post(store, docs[2:])
    assert [p.id for p in store.queued_posts(limit=10)] == [first, second]
    assert store.queued_count() == 2
    assert inbox.decode(store.queued_posts(limit=1)[0].payload) == tuple(docs[:2])
    receipt = engine.post_receipt(store, second)
    assert receipt is not None and receipt.state == POST_QUEUED and receipt.report is None
    assert engine.post_receipt(store, second + 100) is None


def test_draining_ingests_oldest_first_and_settles_each_receipt(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    open_store(db).close()
    writer = Writer(Stores(str(db)))
    docs = [a.to_raw() for a in generate(60, seed=6)]
    with open_store(db) as kept:
        numbers = [engine.queue_post(kept, docs[k : k + 20]) for k in (0, 20, 40)]
        numbers.append(engine.queue_post(kept, docs[:20]))  # the same post again
    assert writer.drain() == 4
    assert writer.drain() == 0  # nothing left
    with open_store(db) as kept:
        receipts = [engine.post_receipt(kept, n) for n in numbers]
        assert all(r is not None and r.state == POST_DONE for r in receipts)
        reports = [r.report for r in receipts if r is not None]
        assert sum(r.new + r.duplicates for r in reports if r) == kept.counts().articles
        assert reports[3] is not None and reports[3].already_stored == 20  # idempotent
        batches = [kept.batch_articles(n) for n in range(1, kept.last_batch() + 1)]
    # oldest first: the first post's articles are in the first batch
    first_ids = {a.id for a in batches[0]}
    assert first_ids and all(a.title in {d.title for d in docs[:20]} for a in batches[0])


def test_a_post_that_cannot_be_read_fails_after_a_few_tries_and_does_not_block(
    tmp_path: Path,
) -> None:
    db = tmp_path / "s.db"
    open_store(db).close()
    writer = Writer(Stores(str(db)))
    good = [a.to_raw() for a in generate(5, seed=7)]
    with open_store(db) as kept:
        broken = kept.put_post(b"not a compressed payload", received_at=time.time())
        after = engine.queue_post(kept, good)
    for _ in range(inbox.MAX_ATTEMPTS - 1):
        assert writer.drain() == 0  # tried, left queued: maybe a passing problem
    assert writer.drain() == 2  # the last try fails it; the next post goes through
    with open_store(db) as kept:
        failed = engine.post_receipt(kept, broken)
        done = engine.post_receipt(kept, after)
    assert failed is not None and failed.state == POST_FAILED and failed.error
    assert f"failed {inbox.MAX_ATTEMPTS} times" in failed.error
    assert done is not None and done.state == POST_DONE


def test_a_client_queues_rather_than_wait_for_a_replaying_writer(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    open_store(db).close()
    process = writers.start(str(db))
    try:
        remote = RemoteWriter(process.address)
        docs = [a.to_raw() for a in generate(5, seed=3)]
        marker = catching_up_marker(process.address)
        marker.touch()  # as a writer does while it replays
        began = time.perf_counter()
        assert remote.ingest_now(docs) is None
        waited = time.perf_counter() - began
        assert POST_WAIT_SECONDS <= waited < POST_WAIT_SECONDS + 1.0
        marker.unlink()
        report = remote.ingest_now(docs)
        assert report is not None and report.new + report.duplicates == 5
    finally:
        process.stop()


def _post(url: str, docs: list[dict[str, Any]]) -> httpx.Response:
    body = "".join(json.dumps(d) + "\n" for d in docs)
    headers = {"content-type": "application/x-ndjson"}
    return httpx.post(f"{url}/api/articles", content=body, headers=headers, timeout=60)


def test_posts_to_a_replaying_server_are_answered_at_once_and_ingested_in_order(
    tmp_path: Path,
) -> None:
    db = tmp_path / "behind.db"
    behind_store(db, base=200, batches=300, batch=10, seed=9)  # a replay of seconds
    folders = tmp_path / "tmp"
    folders.mkdir()
    server, url = start_server(db, tmp=folders, wait=120.0)
    try:
        markers = list(folders.glob("storyline-writer-*/catching-up"))
        if not markers:
            pytest.skip("the writer finished its replay before the test could pause it")
        writer = writer_pid(server)
        os.kill(writer, signal.SIGSTOP)  # hold it mid-replay: the marker stays
        try:
            if not markers[0].exists():
                pytest.skip("the writer finished its replay before the test could pause it")
            posts = [
                [{"text": a.text, "title": a.title, "source": a.source, "date": str(a.published)}
                 for a in generate(10, seed=seed)]
                for seed in (41, 42)
            ]  # fmt: skip
            answers = [_post(url, p) for p in posts]
            assert [a.status_code for a in answers] == [202, 202]
            receipts = [a.json()["receipt"] for a in answers]
            assert receipts[0] < receipts[1]
            assert answers[0].headers["location"] == f"/api/posts/{receipts[0]}"
            pending = httpx.get(f"{url}/api/posts/{receipts[0]}", timeout=10).json()
            assert pending["state"] == "queued" and pending["result"] is None
            assert httpx.get(f"{url}/api/health", timeout=10).json()["queued_posts"] == 2
        finally:
            os.kill(writer, signal.SIGCONT)
        deadline = time.monotonic() + 60
        states: list[dict[str, Any]] = []
        while time.monotonic() < deadline:
            states = [httpx.get(f"{url}/api/posts/{r}", timeout=10).json() for r in receipts]
            if all(s["state"] != "queued" for s in states):
                break
            time.sleep(0.1)
        assert [s["state"] for s in states] == ["done", "done"]
        assert states[0]["settled_at"] <= states[1]["settled_at"]
        taken = [s["result"]["new"] + s["result"]["duplicates"] + s["result"]["already_stored"]
                 for s in states]  # fmt: skip
        assert taken == [10, 10] and all(s["result"]["failed"] == 0 for s in states)
        later = _post(url, posts[0])  # the writer takes posts itself again
        assert later.status_code == 200 and later.json()["already_stored"] == 10
        assert httpx.get(f"{url}/api/posts/999", timeout=10).status_code == 404
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=120)


def test_a_queued_post_keeps_what_the_page_reader_dropped() -> None:
    """A fetched page's reader removals (a paywall notice, a caption) are the article's record
    of cuts: a post queued while the writer is busy must carry them to the store unchanged."""
    from datetime import date

    from storyline.models import READER, RawDocument, Removal

    doc = RawDocument(
        text="The ferry left Kessing at dawn with 40 passengers aboard.",
        origin="https://harbour.example/ferry",
        published=date(2025, 3, 13),
        removed=(Removal("boilerplate", "Subscribe to keep reading.", "paywall notice", READER),),
    )
    assert inbox.decode(inbox.encode([doc])) == (doc,)
