"""The server's writer process (engine/writer.py), started for real: HTTP workers hand it their
ingest requests over a Unix socket; it ingests each batch once, checkpoints when idle and once
when stopped (however many signals arrive), and is restarted at once when it dies."""

from __future__ import annotations

import contextlib
import os
import signal
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from benchmarks.synth import generate

from storyline import engine
from storyline.engine import writer as writers
from storyline.engine.writer_client import RemoteWriter, WriterAddress, WriterUnavailable
from storyline.store import open_store


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
    stranger = RemoteWriter(WriterAddress(process.address.path, b"not the key" * 3), wait_seconds=0)
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
        RemoteWriter(address, wait_seconds=0.5).ingest([a.to_raw() for a in generate(3, seed=1)])
    assert not Path(address.path).parent.exists(), "its private folder is removed"


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
    rest = remote.ingest(docs[120:])  # waits for the new writer, restarted at once
    assert process.restarts == 1 and process.process.pid != killed.pid
    assert remote.ingest(docs[:120]).already_stored == 120  # still idempotent
    process.stop()
    with open_store(db) as store:
        stored = first.new + first.duplicates + rest.new + rest.duplicates
        assert store.counts().articles == stored


def saved_batch(db: Path) -> tuple[int | None, int | None, int]:
    with open_store(db) as store:
        dedup, stories = (
            store.load_state(engine.DEDUP_STATE),
            store.load_state(engine.CLUSTER_STATE),
        )
        return (dedup and dedup.batch, stories and stories.batch, store.last_batch())


def test_an_idle_writer_checkpoints_without_being_stopped(
    started: tuple[writers.WriterProcess, Path],
) -> None:
    process, db = started
    RemoteWriter(process.address).ingest([a.to_raw() for a in generate(60, seed=3)])
    deadline = time.monotonic() + 20
    while (batches := saved_batch(db))[:2] != (1, 1):
        assert time.monotonic() < deadline, batches
        time.sleep(0.1)


def test_repeated_signals_still_give_one_whole_checkpoint(tmp_path: Path) -> None:
    """Three stops, each with a burst of SIGTERMs while the writer is busy and stopping: each
    ends with the state saved at the last batch and no folder left (the benchmark does 20 stops
    of ``storyline serve``: benchmarks/restarts.py)."""
    db = tmp_path / "s.db"
    open_store(db).close()
    docs = [a.to_raw() for a in generate(240, seed=5)]
    stored = 0
    for round_ in range(3):
        process = writers.start(str(db))
        remote = RemoteWriter(process.address)
        remote.ingest(docs[round_ * 80 : round_ * 80 + 60])
        pid = process.process.pid
        with ThreadPoolExecutor(1) as pool:
            posting = pool.submit(remote.ingest, docs[round_ * 80 + 60 : round_ * 80 + 80])
            time.sleep(0.1)
            for _ in range(5):
                # a writer with little to finish may be gone before the burst ends: that is fine
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGTERM)
                time.sleep(0.01)
            with contextlib.suppress(WriterUnavailable):  # a stop before it was accepted
                posting.result(timeout=60)  # else the request in hand is answered
        process.stop()
        assert process.process.returncode == 0
        dedup, stories, last = saved_batch(db)
        assert last > stored and dedup == stories == last
        stored = last
        assert not Path(process.address.path).parent.exists()


def test_restarts_are_immediate_and_back_off_only_when_crash_looping() -> None:
    from storyline.engine.writer import _pause_after

    assert [_pause_after(n) for n in range(6)] == [0.0, 0.0, 0.5, 1.0, 2.0, 4.0]
    assert _pause_after(40) == 30.0


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


def _feed(url: str, docs: list[dict[str, Any]]) -> None:
    from benchmarks.restarts import _post

    for k in range(0, len(docs), 20):
        if _post(url, docs[k : k + 20])[1] == 0:  # the server is gone
            return


def test_stopping_serve_during_ingest_leaves_a_final_checkpoint(tmp_path: Path) -> None:
    """``storyline serve`` itself, SIGTERM while posts stream in, twice (the benchmark does 20:
    benchmarks/restarts.py): the writer's state is saved at the last batch, no folder is left."""
    from benchmarks.load import start_server
    from benchmarks.restarts import _docs, checkpoint_lag

    db, folders = tmp_path / "serve.db", tmp_path / "tmp"
    folders.mkdir()
    for round_ in range(2):
        server, url = start_server(db, tmp=folders, wait=120.0)
        docs = _docs(200, seed=50 + round_)
        with ThreadPoolExecutor(1) as pool:
            feeding = pool.submit(_feed, url, docs)
            time.sleep(1.0)
            server.send_signal(signal.SIGTERM)
            assert server.wait(timeout=120) == 0
            feeding.result(timeout=120)
        dedup, stories, last = checkpoint_lag(db)
        assert last > 0 and dedup == stories == last
        assert not any(folders.iterdir()), "the writer's folder is removed"
