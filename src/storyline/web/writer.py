"""One writer process per server: every HTTP worker hands its ingest requests to it.

Why not ingest in the HTTP workers: each would keep its own dedup and story indexes and replay
every batch the others wrote before its next post (the indexing work done twice), and ingest
would share each worker's GIL with the reader threads. One process owning the indexes does each
batch once, is scheduled by the OS beside the readers rather than among them, and, having no
other thread, may fork the engine's prepare worker for large posts.

The protocol is ``multiprocessing.connection`` over a Unix socket in a private folder, with an
authentication key the parent hands to its workers: one connection per request, carrying the
parsed ``RawDocument`` tuple there and an ``IngestReport`` (or the error) back. ``storyline serve``
starts and stops the process (``main`` in a fresh interpreter) and restarts it if it dies; an app
created without one (tests, an app embedded elsewhere) ingests in its own process.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing import AuthenticationError
from multiprocessing.connection import Client, Listener
from pathlib import Path
from typing import TYPE_CHECKING

from storyline import engine
from storyline.lifetime import die_with_parent
from storyline.models import RawDocument

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from types import FrameType

    from storyline.web.app import Writer

log = logging.getLogger(__name__)

ADDRESS_ENV = "STORYLINE_WRITER"
KEY_ENV = "STORYLINE_WRITER_KEY"
DB_ENV = "STORYLINE_DB"
PARENT_ENV = "STORYLINE_WRITER_PARENT"
_START_SECONDS = 30.0
_FIRST_PAUSE, _LAST_PAUSE = 1.0, 30.0  # before restarting a writer that died
_STEADY_SECONDS = 60.0  # a writer up this long had not been crash-looping


class WriterUnavailable(RuntimeError):
    """The writer process cannot be reached (it died or the server is stopping)."""


@dataclass(frozen=True)
class WriterAddress:
    """Where the writer listens and the key that proves a client is one of our workers."""

    path: str
    key: bytes

    @classmethod
    def from_env(cls) -> WriterAddress | None:
        path, key = os.environ.get(ADDRESS_ENV), os.environ.get(KEY_ENV)
        return cls(path, bytes.fromhex(key)) if path and key else None

    def to_env(self) -> dict[str, str]:
        return {ADDRESS_ENV: self.path, KEY_ENV: self.key.hex()}


class RemoteWriter:
    """The HTTP workers' side: ``ingest`` as the in-process ``Writer`` has it."""

    def __init__(self, address: WriterAddress) -> None:
        self.address = address

    def busy(self) -> bool:
        """This process never ingests: its page refresher need not wait."""
        return False

    def ingest(self, docs: Sequence[RawDocument]) -> engine.IngestReport:
        try:
            with Client(self.address.path, family="AF_UNIX", authkey=self.address.key) as conn:
                conn.send(tuple(docs))
                outcome = conn.recv()
        except (OSError, EOFError, AuthenticationError) as exc:
            raise WriterUnavailable(f"the writer process is not reachable ({exc})") from exc
        if isinstance(outcome, engine.IngestReport):
            return outcome
        kind, message = outcome
        raise (ValueError if kind == "ValueError" else RuntimeError)(message)


def run(db: str, address: WriterAddress) -> None:
    """The writer process: accept a request, ingest it, answer, repeat; checkpoint on exit.

    SIGTERM lets the request in hand finish (its batch commits and its client gets the answer).
    """
    from storyline.web.app import Stores, Writer

    state = {"stop": False, "busy": False}

    def on_term(signum: int, frame: FrameType | None) -> None:
        state["stop"] = True
        if not state["busy"]:
            raise KeyboardInterrupt  # leaves accept(); a request in hand finishes first

    signal.signal(signal.SIGTERM, on_term)
    writer = Writer(Stores(db))
    listener = Listener(address.path, family="AF_UNIX", authkey=address.key)
    log.info("writer: listening on %s", address.path)
    try:
        while not state["stop"]:
            try:
                conn = listener.accept()
            except (OSError, EOFError, AuthenticationError) as exc:  # a failed handshake
                log.warning("writer: refused a connection (%s)", exc)
                continue
            state["busy"] = True
            with conn:
                _serve_one(conn, writer)
            state["busy"] = False
    except KeyboardInterrupt:
        pass
    finally:
        listener.close()  # removes the socket file
        with contextlib.suppress(OSError):
            Path(address.path).parent.rmdir()
        writer.checkpoint()


def _serve_one(conn: Connection, writer: Writer) -> None:
    try:
        docs = conn.recv()
    except (OSError, EOFError):
        return
    outcome: object
    try:
        outcome = writer.ingest(docs)
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
    a library), a watcher thread starts a new one on the same address after a pause that doubles
    with each quick failure (1 s up to 30 s). Posts in between get 503; the new writer replays
    what was committed after the last checkpoint, so nothing stored is lost."""

    def __init__(self, db: str) -> None:
        folder = Path(tempfile.mkdtemp(prefix="storyline-writer-"))  # mode 0700: ours alone
        self.db = db
        self.address = WriterAddress(str(folder / "writer.sock"), secrets.token_bytes(32))
        self.restarts = 0
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        try:
            self.process = _spawn(db, self.address)
        except RuntimeError:
            folder.rmdir()
            raise
        self._watcher = threading.Thread(
            target=self._watch, name="storyline-writer-watch", daemon=True
        )
        self._watcher.start()

    def stop(self) -> None:
        """Ask the writer to checkpoint and exit; remove its socket folder."""
        self._stopping.set()
        with self._lock:  # a restart in progress finishes first, then is stopped
            process = self.process
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
        self._watcher.join(timeout=5)
        path = Path(self.address.path)
        path.unlink(missing_ok=True)
        if path.parent.exists():
            path.parent.rmdir()

    def _watch(self) -> None:
        pause = _FIRST_PAUSE
        while True:
            started = time.monotonic()
            code = self.process.wait()
            if self._stopping.is_set():
                return
            if time.monotonic() - started > _STEADY_SECONDS:
                pause = _FIRST_PAUSE  # it had been running fine: not a crash loop
            log.warning("the writer process exited (code %s); restarting in %.0f s", code, pause)
            if self._stopping.wait(pause):
                return
            pause = min(pause * 2, _LAST_PAUSE)
            with self._lock:
                if self._stopping.is_set():
                    return
                Path(self.address.path).unlink(missing_ok=True)  # left by a killed writer
                try:
                    self.process = _spawn(self.db, self.address)
                except RuntimeError as exc:
                    log.error("%s; trying again", exc)
                    continue
                self.restarts += 1


def start(db: str) -> WriterProcess:
    """Start the writer process (a fresh interpreter) and its watcher; returns once it listens."""
    return WriterProcess(db)


def _spawn(db: str, address: WriterAddress) -> subprocess.Popen[bytes]:
    env = {**os.environ, **address.to_env(), DB_ENV: db, PARENT_ENV: str(os.getpid())}
    entry = "from storyline.web.writer import main; main()"  # not -m: the package imports us
    process = subprocess.Popen([sys.executable, "-c", entry], env=env)
    deadline = time.monotonic() + _START_SECONDS
    while not os.path.exists(address.path):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            process.wait()
            raise RuntimeError("the storyline writer process did not start")
        time.sleep(0.02)
    return process


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="storyline writer: %(message)s")
    address = WriterAddress.from_env()
    db = os.environ.get(DB_ENV)
    if address is None or not db:
        raise SystemExit("storyline.web.writer is started by `storyline serve`, not by hand.")
    parent = os.environ.get(PARENT_ENV)
    # A killed server must not leave its writer behind: SIGTERM still checkpoints first.
    die_with_parent(signal.SIGTERM, parent=int(parent) if parent else None)
    run(db, address)
