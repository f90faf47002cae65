"""The HTTP workers' side of the single writer (``engine/writer.py``): its address, and a client
that sends it a post over its Unix socket.

Kept apart from the writer process so a worker imports only what it calls. A post waits
``POST_WAIT_SECONDS`` at most for a writer that is replaying (the ``catching-up`` file beside its
socket) or restarting (its socket missing or refusing); ``ingest_now`` then says None and the
route queues the post in the inbox (``engine.inbox``). Other callers (the feed poller) use
``ingest``, which waits longer and raises ``WriterUnavailable``.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing import AuthenticationError
from multiprocessing.connection import Client, Connection
from pathlib import Path
from typing import cast

from storyline import engine
from storyline.models import RawDocument

log = logging.getLogger(__name__)

ADDRESS_ENV = "STORYLINE_WRITER"
KEY_ENV = "STORYLINE_WRITER_KEY"

_CONNECT_WAIT_SECONDS = 15.0  # how long a post waits for a restarting writer before its 503
# How long an HTTP post waits for a restarting or replaying writer before it is queued in the
# inbox instead (engine/inbox.py): a short catch-up still answers with the ingest.
POST_WAIT_SECONDS = 1.0
_CATCHING_UP = "catching-up"  # a file beside the socket while the writer loads and replays


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
    """The HTTP workers' side: ``ingest`` as the in-process ``Writer`` has it. While the writer
    restarts (its socket is missing or refuses), a post waits up to ``wait_seconds`` for it
    rather than failing at once."""

    def __init__(self, address: WriterAddress, *, wait_seconds: float = _CONNECT_WAIT_SECONDS):
        self.address = address
        self.wait_seconds = wait_seconds

    def busy(self) -> bool:
        """This process never ingests: its page refresher need not wait."""
        return False

    def catching_up(self) -> bool:
        """Whether the writer is loading its indexes and replaying (it takes no post then)."""
        return catching_up_marker(self.address).exists()

    def _connect(
        self, wait_seconds: float, *, unless_catching_up: bool
    ) -> Connection[object, object]:
        deadline = time.monotonic() + wait_seconds
        while True:
            if unless_catching_up and self.catching_up():
                if time.monotonic() >= deadline:
                    raise WriterUnavailable("the writer process is replaying its store")
                time.sleep(0.05)
                continue
            try:
                return Client(self.address.path, family="AF_UNIX", authkey=self.address.key)
            except (FileNotFoundError, ConnectionRefusedError) as exc:  # restarting
                if time.monotonic() >= deadline:
                    raise WriterUnavailable(f"the writer process is not reachable ({exc})") from exc
                time.sleep(0.05)

    def ingest_now(self, docs: Sequence[RawDocument]) -> engine.IngestReport | None:
        """``ingest`` if the writer can take the post within ``POST_WAIT_SECONDS``; None if it
        is still replaying or restarting then, or died while ingesting it: the caller queues the
        post in the inbox instead."""
        try:
            return self._send(docs, POST_WAIT_SECONDS, unless_catching_up=True)
        except WriterUnavailable as exc:
            log.info("queueing a post: %s", exc)
            return None

    def ingest(self, docs: Sequence[RawDocument]) -> engine.IngestReport:
        return self._send(docs, self.wait_seconds, unless_catching_up=False)

    def _send(
        self, docs: Sequence[RawDocument], wait_seconds: float, *, unless_catching_up: bool
    ) -> engine.IngestReport:
        try:
            with self._connect(wait_seconds, unless_catching_up=unless_catching_up) as conn:
                conn.send(tuple(docs))
                outcome = conn.recv()
        except (OSError, EOFError, AuthenticationError) as exc:
            raise WriterUnavailable(f"the writer process is not reachable ({exc})") from exc
        if isinstance(outcome, engine.IngestReport):
            return outcome
        kind, message = cast("tuple[str, str]", outcome)
        raise (ValueError if kind == "ValueError" else RuntimeError)(message)


def catching_up_marker(address: WriterAddress) -> Path:
    """The file that says the writer at ``address`` is loading and replaying."""
    return Path(address.path).with_name(_CATCHING_UP)
