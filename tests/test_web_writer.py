"""The server's writer process (web/writer.py), started for real: HTTP workers hand it their
ingest requests over a Unix socket; it ingests each batch once and checkpoints when stopped."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from benchmarks.synth import generate

from storyline import engine
from storyline.store import open_store
from storyline.web import writer as writers
from storyline.web.writer import RemoteWriter, WriterAddress, WriterUnavailable


@pytest.fixture
def started(tmp_path: Path) -> Iterator[tuple[writers.WriterProcess, Path]]:
    db = tmp_path / "w.db"
    open_store(db).close()
    process = writers.start(str(db))
    try:
        yield process, db
    finally:
        process.stop()


def test_the_writer_ingests_once_and_checkpoints_on_stop(
    started: tuple[writers.WriterProcess, Path],
) -> None:
    process, db = started
    remote = RemoteWriter(process.address)
    docs = [a.to_raw() for a in generate(300, seed=4)]
    first = remote.ingest(docs[:200])
    again = remote.ingest(docs[:200])  # re-posting is idempotent
    rest = remote.ingest(docs[200:])
    stored = first.new + first.duplicates
    assert stored + first.already_stored == 200 and first.duplicates > 0
    assert again.already_stored == 200 and again.new == again.duplicates == 0
    stored += rest.new + rest.duplicates
    process.stop()
    assert not Path(process.address.path).exists()
    with open_store(db) as store:
        assert store.counts().articles == stored  # nothing lost
        state = store.load_state(engine.DEDUP_STATE)
        assert state is not None and state.batch == store.last_batch() == 2


def test_a_client_without_the_key_is_refused(
    started: tuple[writers.WriterProcess, Path],
) -> None:
    process, _ = started
    stranger = RemoteWriter(WriterAddress(process.address.path, b"not the key" * 3))
    with pytest.raises(WriterUnavailable):
        stranger.ingest([a.to_raw() for a in generate(3, seed=1)])
    docs = [a.to_raw() for a in generate(5, seed=2)]
    assert RemoteWriter(process.address).ingest(docs).new > 0  # still serving


def test_a_stopped_writer_is_reported_unavailable(
    started: tuple[writers.WriterProcess, Path],
) -> None:
    process, _ = started
    address = process.address
    process.stop()
    with pytest.raises(WriterUnavailable):
        RemoteWriter(address).ingest([a.to_raw() for a in generate(3, seed=1)])


def test_a_killed_writer_is_restarted_and_nothing_stored_is_lost(
    started: tuple[writers.WriterProcess, Path],
) -> None:
    process, db = started
    remote = RemoteWriter(process.address)
    docs = [a.to_raw() for a in generate(200, seed=8)]
    first = remote.ingest(docs[:120])
    killed = process.process
    os.kill(killed.pid, signal.SIGKILL)  # no checkpoint: the next writer replays batch 1
    killed.wait()
    deadline = time.monotonic() + 30
    while True:  # 503s until the new writer listens (about a second)
        try:
            rest = remote.ingest(docs[120:])
            break
        except WriterUnavailable:
            assert time.monotonic() < deadline, "the writer was not restarted"
            time.sleep(0.2)
    assert process.restarts == 1 and process.process.pid != killed.pid
    assert remote.ingest(docs[:120]).already_stored == 120  # still idempotent
    process.stop()
    with open_store(db) as store:
        stored = first.new + first.duplicates + rest.new + rest.duplicates
        assert store.counts().articles == stored


# --- the same writer on PostgreSQL ---------------------------------------------------------------

from test_store import postgres_schema_url, postgres_url  # noqa: E402, F401 - a session fixture


def test_the_writer_serves_a_postgresql_store(postgres_url: str) -> None:  # noqa: F811
    location = postgres_schema_url(postgres_url)
    process = writers.start(location)
    try:
        docs = [a.to_raw() for a in generate(120, seed=6)]
        report = RemoteWriter(process.address).ingest(docs)
        assert report.new > 0 and report.failed == 0
    finally:
        process.stop()
    with open_store(location) as store:
        assert store.counts().articles == report.new + report.duplicates
        state = store.load_state(engine.CLUSTER_STATE)
        assert state is not None and state.batch == store.last_batch()  # checkpointed on stop
