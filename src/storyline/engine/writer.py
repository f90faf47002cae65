"""The single writer: ingest serialised across threads and processes, and the writer process.

Why one writer: each HTTP worker ingesting on its own would keep its own dedup and story indexes
and replay every batch the others wrote before its next post (the indexing work done twice), and
ingest would share each worker's GIL with the reader threads. One process owning the indexes
does each batch once, is scheduled by the OS beside the readers rather than among them, and,
having no other thread, may fork the engine's prepare worker for large posts.

``Writer`` is the in-process part (a lock per process, an ``flock`` on ``<db>.lock`` across
processes for a SQLite file, open indexes kept between calls, checkpoints). ``WriterProcess``
runs ``run`` in a fresh interpreter behind a Unix socket in a private folder, with an
authentication key the server hands to its HTTP workers (``writer_client.RemoteWriter``): one
connection per request, carrying the parsed ``RawDocument`` tuple there and an
``IngestReport`` (or the error) back.

After committing a batch, the writer process reads the facts of its new articles while no post
waits (``engine.readings.Backlog``: a few articles per step), so a story's first page finds them
read; ``storyline ingest`` and the in-process ``Writer`` do not.

Posts the writer cannot take at once (it is loading and replaying, marked by a ``catching-up``
file beside its socket, or restarting) wait ``POST_WAIT_SECONDS`` and are then committed to the
store's inbox and answered 202 (``engine.inbox``); the writer ingests the inbox before any new
post and polls it when idle.

Stops and crashes (why each rule): SIGTERM lets the request in hand finish, then the writer
checkpoints exactly once; later signals only repeat the request to stop, so nothing interrupts
the checkpoint (a server stopping sends one, its dying parent another). A writer that dies is
restarted at once; only repeated fast deaths back off (a crash loop must not spin). And because
a restart replays every batch after the last checkpoint, the writer checkpoints whenever it is
idle and, while busy, after ``CHECKPOINT_SECONDS`` of work: a restart replays seconds, not
minutes (``benchmarks/restarts.py`` measures both).
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import secrets
import select
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from multiprocessing import AuthenticationError
from multiprocessing.connection import Connection, answer_challenge, deliver_challenge
from pathlib import Path
from typing import TYPE_CHECKING

from storyline import engine
from storyline.engine import inbox
from storyline.engine.indexes import Indexes, checkpoint, open_indexes
from storyline.engine.readings import Backlog
from storyline.engine.writer_client import WriterAddress, catching_up_marker
from storyline.lifetime import die_with_parent
from storyline.models import RawDocument
from storyline.store import StaleBatchError, Store, open_store
from storyline.store.postgres import is_postgres_location

if TYPE_CHECKING:
    from types import FrameType

log = logging.getLogger(__name__)

DB_ENV = "STORYLINE_DB"
PARENT_ENV = "STORYLINE_WRITER_PARENT"
STANDBY_ENV = "STORYLINE_WRITER_STANDBY"  # set: warm up, then wait for "go" on stdin
_GO = b"go\n"
STALE_RETRIES = 5
# Work (seconds of ingest) after which a busy writer checkpoints, at least; more when a checkpoint
# itself is slow (``_SAVE_RATIO`` times its cost), so that saving stays a small share of the work.
CHECKPOINT_SECONDS = 1.0
_SAVE_RATIO = 4.0
IDLE_CHECKPOINT_SECONDS = 0.5  # a writer idle this long with unsaved batches checkpoints
_START_SECONDS = 60.0  # for the new process to listen (imports under load take seconds)
_FAST_DEATH_SECONDS = 10.0  # a writer that dies sooner than this after its start "failed fast"
_FIRST_PAUSE, _LAST_PAUSE = 0.5, 30.0  # backoff from the second fast failure in a row on
INBOX_POLL_SECONDS = 1.0  # how often an idle writer looks at the inbox (engine/inbox.py)


def open_location(location: str) -> Store:
    """A SQLite path or a ``postgresql://`` URL to an open store."""
    return open_store(location)


class Stores:
    """One store per thread (connections are not shared between threads), opened on first use."""

    def __init__(self, location: str) -> None:
        self.location = location
        self._local = threading.local()
        open_location(location).close()  # fail at start-up, not on the first request

    def get(self) -> Store:
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = open_location(self.location)
            self._local.store = store
        return store


class Writer:
    """Runs ``engine.ingest`` one call at a time across threads and worker processes."""

    def __init__(self, stores: Stores) -> None:
        self._stores = stores
        self._lock = threading.Lock()
        # Kept open between posts: reloading them cost ~0.4 s a post at 10k articles. Another
        # process's batches are folded in by engine.ingest (catch_up) before each use.
        self._indexes: Indexes | None = None
        self._save_cost = 0.0  # seconds the last checkpoint took
        location = stores.location
        plain = location.removeprefix("sqlite:///")
        self._lock_file = (
            None if is_postgres_location(location) or plain == ":memory:" else plain + ".lock"
        )

    @contextlib.contextmanager
    def _exclusive(self) -> Iterator[None]:
        with self._lock:
            if self._lock_file is None:
                yield
                return
            with open(self._lock_file, "a") as handle:
                fcntl.flock(handle, fcntl.LOCK_EX)
                try:
                    yield
                finally:
                    fcntl.flock(handle, fcntl.LOCK_UN)

    def busy(self) -> bool:
        """Whether this process is ingesting right now."""
        return self._lock.locked()

    def open(self) -> None:
        """Load the indexes now (checkpoint plus replay) rather than on the first post."""
        with self._exclusive():
            if self._indexes is None:
                self._indexes = open_indexes(self._stores.get())

    def unsaved(self) -> bool:
        """Whether batches were folded in since the last checkpoint."""
        return self._indexes is not None and self._indexes.batch > self._indexes.saved

    def checkpoint(self) -> None:
        """Save the open indexes' state, so the next start does not replay the last batches."""
        with self._exclusive():
            if self._indexes is not None and self._indexes.batch > self._indexes.saved:
                began = time.perf_counter()
                checkpoint(self._stores.get(), self._indexes)
                self._save_cost = time.perf_counter() - began

    def ingest_now(self, docs: Sequence[RawDocument]) -> engine.IngestReport | None:
        """``ingest``: in one process there is no writer to wait for, so never None."""
        return self.ingest(docs)

    def drain(self) -> int:
        """Ingest the posts queued in the store's inbox (``engine.inbox``); how many."""
        return inbox.drain(self._stores.get(), self.ingest)

    def ingest(self, docs: Sequence[RawDocument]) -> engine.IngestReport:
        with self._exclusive():
            for attempt in range(1, STALE_RETRIES + 1):
                store = self._stores.get()
                try:
                    if self._indexes is None:
                        self._indexes = open_indexes(store)
                    return engine.ingest(
                        docs,
                        store=store,
                        keep_raw=True,
                        indexes=self._indexes,
                        checkpoint_at_end=False,
                        checkpoint_seconds=max(CHECKPOINT_SECONDS, _SAVE_RATIO * self._save_cost),
                    )
                except StaleBatchError:
                    self._indexes = None  # they may hold the batch that was refused
                    if attempt == STALE_RETRIES:
                        raise
                    log.warning("another writer committed first; retrying (%d)", attempt)
                except BaseException:
                    self._indexes = None
                    raise
        raise AssertionError("unreachable")  # pragma: no cover


# --- the writer process and its clients ----------------------------------------------------------


class _StopFlag:
    """Set by SIGTERM. The handler only records the request (and wakes ``select`` through the
    wakeup pipe): raising from it could interrupt a checkpoint, a second signal included."""

    def __init__(self) -> None:
        self.set = False

    def __call__(self, signum: int, frame: FrameType | None) -> None:
        self.set = True


def _listen(path: str) -> socket.socket:
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(64)
    return listener


def _accept(listener: socket.socket, key: bytes) -> Connection[object, object] | None:
    """A client that proved it holds ``key`` (as ``multiprocessing.connection.Listener`` does)."""
    try:
        raw, _ = listener.accept()
    except OSError as exc:  # the client gave up, or out of file descriptors for a moment
        log.warning("writer: accept failed (%s)", exc)
        return None
    raw.setblocking(True)
    conn: Connection[object, object] = Connection(raw.detach())
    try:
        deliver_challenge(conn, key)
        answer_challenge(conn, key)
    except (OSError, EOFError, AuthenticationError) as exc:  # a failed handshake
        log.warning("writer: refused a connection (%s)", exc)
        conn.close()
        return None
    return conn


def run(db: str, address: WriterAddress) -> None:
    """The writer process: accept a request, ingest it, answer, repeat; checkpoint when idle and
    once on stop (see the module docstring)."""
    stop = _StopFlag()
    wake_read, wake_write = os.pipe()
    os.set_blocking(wake_write, False)
    signal.set_wakeup_fd(wake_write)
    signal.signal(signal.SIGTERM, stop)
    stores = Stores(db)
    writer = Writer(stores)
    marker = catching_up_marker(address)
    marker.touch()  # before the socket exists: posts go to the inbox until the replay is done
    listener = _listen(address.path)
    log.info("writer: listening on %s", address.path)
    try:
        writer.open()
        _drain(writer)  # what was queued meanwhile, while new posts still queue behind it
        marker.unlink(missing_ok=True)
        _drain(writer)  # a post queued as the marker went
        ahead = Backlog.at_start(stores.get())
        polled = time.monotonic()
        while not stop.set:
            idle = IDLE_CHECKPOINT_SECONDS if writer.unsaved() else INBOX_POLL_SECONDS
            if ahead.pending():
                idle = 0.0  # poll: a post waiting goes before reading ahead
            ready, _, _ = select.select([listener.fileno(), wake_read], [], [], idle)
            if stop.set:
                break
            if ready or time.monotonic() - polled >= INBOX_POLL_SECONDS:
                if _drain(writer):  # queued posts go before a new one and before idle work
                    ahead.expect()
                polled = time.monotonic()
            if not ready:
                if writer.unsaved():
                    _idle_checkpoint(writer)
                elif ahead.pending():
                    _read_ahead(ahead, stores.get())
                continue
            if wake_read in ready:
                os.read(wake_read, 512)  # another signal: its handler has done its part
            elif (conn := _accept(listener, address.key)) is not None:
                with conn:
                    _serve_one(conn, writer)
                ahead.expect()
    finally:
        marker.unlink(missing_ok=True)
        listener.close()
        Path(address.path).unlink(missing_ok=True)
        writer.checkpoint()
        with contextlib.suppress(OSError):
            Path(address.path).parent.rmdir()
        log.info("writer: stopped")


def _drain(writer: Writer) -> int:
    """Ingest the inbox (posts queued while this writer or its predecessor could not take
    them); how many posts were settled."""
    try:
        return writer.drain()
    except Exception:  # a locked or unreachable store: the next poll tries again
        log.exception("writer: ingesting the inbox failed")
        return 0


def _idle_checkpoint(writer: Writer) -> None:
    try:
        writer.checkpoint()
    except Exception:  # a locked or unreachable store: the next idle moment tries again
        log.exception("writer: checkpoint failed")


def _read_ahead(ahead: Backlog, store: Store) -> None:
    """Read the facts of a few committed articles (``engine.readings``), so the first page of
    their story need not parse them. Only while idle, a few at a time: posts are not slowed."""
    try:
        ahead.step(store)
    except Exception:  # no parser, a locked store: the pages read those articles themselves
        log.exception("writer: reading facts ahead failed")
        ahead.drop()


def _serve_one(conn: Connection[object, object], writer: Writer) -> None:
    try:
        docs = conn.recv()
    except (OSError, EOFError):
        return
    outcome: object
    try:
        outcome = writer.ingest(docs)  # type: ignore[arg-type]
    except ValueError as exc:
        outcome = ("ValueError", str(exc))
    except Exception as exc:  # the worker answers 500; the writer carries on
        log.exception("writer: ingest failed")
        outcome = (type(exc).__name__, f"ingest failed: {exc}")
    try:
        conn.send(outcome)
    except OSError:
        log.warning("writer: the client left before the answer (its batch is committed)")


class WriterProcess:
    """A started writer, kept running: if the process dies (killed, out of memory, a crash in
    a library), a watcher thread starts a new one on the same address at once, and backs off
    (0.5 s doubling to 30 s) only when it keeps dying within seconds of its start. Posts in
    between wait for it (``RemoteWriter``); the new writer replays what was committed after the
    last checkpoint, so nothing stored is lost.

    The new writer is a standby started ahead of need, with its modules imported and warmed up
    (a fresh interpreter takes a second or more under load before it can ingest): a restart
    costs loading the checkpoint and replaying seconds of batches (``benchmarks/restarts.py``).
    """

    def __init__(self, db: str) -> None:
        folder = Path(tempfile.mkdtemp(prefix="storyline-writer-"))  # mode 0700: ours alone
        self.db = db
        self.address = WriterAddress(str(folder / "writer.sock"), secrets.token_bytes(32))
        self.restarts = 0
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        try:
            self.process = _activate(_standby(db, self.address), self.address)
            self._standby: subprocess.Popen[bytes] | None = _standby(db, self.address)
        except RuntimeError:
            _remove_folder(folder)
            raise
        self._watcher = threading.Thread(
            target=self._watch, name="storyline-writer-watch", daemon=True
        )
        self._watcher.start()

    def stop(self) -> None:
        """Ask the writer to checkpoint and exit; remove its socket folder."""
        self._stopping.set()
        with self._lock:  # a restart in progress finishes first, then is stopped
            process, standby = self.process, self._standby
        if standby is not None:
            _dismiss(standby)
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=120)
            except subprocess.TimeoutExpired:
                log.error("the writer did not stop within 120 s; killing it")
                process.kill()
                process.wait()
        self._watcher.join(timeout=5)
        _remove_folder(Path(self.address.path).parent)

    def _watch(self) -> None:
        fast_deaths = 0
        while True:
            started = time.monotonic()
            code = self.process.wait()
            if self._stopping.is_set():
                return
            fast = time.monotonic() - started < _FAST_DEATH_SECONDS
            fast_deaths = fast_deaths + 1 if fast else 0
            pause = _pause_after(fast_deaths)
            log.warning("the writer process exited (code %s); restarting in %.1f s", code, pause)
            if pause and self._stopping.wait(pause):
                return
            with self._lock:
                if self._stopping.is_set():
                    return
                Path(self.address.path).unlink(missing_ok=True)  # left by a killed writer
                try:
                    self.process = _activate(self._take_standby(), self.address)
                except RuntimeError as exc:
                    log.error("%s; trying again", exc)
                    continue
                self.restarts += 1
            standby = _standby(self.db, self.address)  # the next one, while this one serves
            with self._lock:
                if self._stopping.is_set():
                    _dismiss(standby)
                    return
                self._standby = standby

    def _take_standby(self) -> subprocess.Popen[bytes]:
        standby, self._standby = self._standby, None
        if standby is None or standby.poll() is not None:
            return _standby(self.db, self.address)  # it died waiting: start one cold
        return standby


def _pause_after(fast_deaths: int) -> float:
    """No pause after one death (or a slow one); doubling pauses from the second fast one."""
    if fast_deaths <= 1:
        return 0.0
    return float(min(_FIRST_PAUSE * 2 ** (fast_deaths - 2), _LAST_PAUSE))


def _remove_folder(folder: Path) -> None:
    """The writer's private folder and anything a killed writer left in it (its socket)."""
    if not folder.is_dir():
        return
    for entry in folder.iterdir():
        entry.unlink(missing_ok=True)
    with contextlib.suppress(OSError):
        folder.rmdir()


def start(db: str) -> WriterProcess:
    """Start the writer process (a fresh interpreter) and its watcher; returns once it listens."""
    return WriterProcess(db)


def _standby(db: str, address: WriterAddress) -> subprocess.Popen[bytes]:
    """A writer process that warms up, then waits for ``_activate``."""
    env = {
        **os.environ,
        **address.to_env(),
        DB_ENV: db,
        PARENT_ENV: str(os.getpid()),
        STANDBY_ENV: "1",
    }
    entry = "from storyline.engine.writer import main; main()"
    return subprocess.Popen([sys.executable, "-c", entry], env=env, stdin=subprocess.PIPE)


def _activate(process: subprocess.Popen[bytes], address: WriterAddress) -> subprocess.Popen[bytes]:
    """Tell a standby to serve; returns once it listens."""
    assert process.stdin is not None
    try:
        process.stdin.write(_GO)
        process.stdin.close()
    except OSError:  # it died: the wait below reports it
        pass
    deadline = time.monotonic() + _START_SECONDS
    while not os.path.exists(address.path):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            process.wait()
            raise RuntimeError("the storyline writer process did not start")
        time.sleep(0.01)
    return process


def _dismiss(standby: subprocess.Popen[bytes]) -> None:
    """End a standby: end-of-file on its stdin instead of "go"."""
    if standby.stdin is not None:
        with contextlib.suppress(OSError):
            standby.stdin.close()
    try:
        standby.wait(timeout=30)
    except subprocess.TimeoutExpired:
        standby.kill()
        standby.wait()


def _warm_up() -> None:
    """Import and exercise what ingest uses, on a throwaway in-memory store, and load the facts
    parser the idle read-ahead uses (about a second that a post would otherwise wait for on the
    replacement's first read-ahead step)."""
    from storyline.facts.parser import load_parser
    from storyline.facts.stage import reading_version
    from storyline.ingest import parse_text

    try:
        load_parser()
        reading_version()
    except Exception:  # no model: the read-ahead fails alone, pages parse for themselves
        log.warning("writer: the facts parser could not be loaded", exc_info=True)

    doc = parse_text(
        "Warm-up\n\nThe standby writer runs this once before it is needed. Nothing is kept.",
        origin="warm-up",
    )
    if isinstance(doc, RawDocument):
        store = open_store(":memory:")
        try:
            engine.ingest([doc], store=store, workers=0)
        finally:
            store.close()


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="storyline writer: %(message)s")
    address = WriterAddress.from_env()
    db = os.environ.get(DB_ENV)
    if address is None or not db:
        raise SystemExit("storyline.engine.writer is started by `storyline serve`, not by hand.")
    parent = os.environ.get(PARENT_ENV)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the group; the server stops us
    # A killed server must not leave its writer behind: SIGTERM still checkpoints first.
    die_with_parent(signal.SIGTERM, parent=int(parent) if parent else None)
    if os.environ.get(STANDBY_ENV):
        _warm_up()
        if sys.stdin.buffer.readline() != _GO:
            return  # dismissed, or the server is gone
    run(db, address)
    # Stopped and checkpointed. Interpreter shutdown resets Python-level handlers to the default,
    # so one more SIGTERM of a burst would kill us with -15 on the way out; ignored ones stay so.
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
