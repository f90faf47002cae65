"""Deadlines for slow clients: a request's head within ``HEAD_SECONDS``, its body within
``BODY_SECONDS``.

Why: uvicorn waits as long as a client likes for a request head to finish (520 connections that
sent half a head, or a body one byte at a time, were all still open after 30 s). Each holds a
socket, so enough of them (slowloris) use up the server's file descriptors and nobody else gets
in. Here a connection that has not sent a whole head ``HEAD_SECONDS`` after it opened, or after
its last response, is closed; a body still arriving ``BODY_SECONDS`` after the request began is
answered 408. Both are far above what any real client needs on a working network (a 10 MiB body,
the default cap, at 1 Mbit/s takes about 85 s).
"""

from __future__ import annotations

import asyncio
from typing import Any

try:  # uvicorn's choice for "auto": httptools when it is installed (much faster), else h11
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol as _Protocol
except ImportError:  # pragma: no cover - httptools is in the server extra
    from uvicorn.protocols.http.h11_impl import H11Protocol as _Protocol  # type: ignore[assignment]

HEAD_SECONDS = 10.0
BODY_SECONDS = 120.0


class TimelyProtocol(_Protocol):
    """uvicorn's HTTP protocol, closing a connection whose next request head is late."""

    _head_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: Any) -> None:
        super().connection_made(transport)
        self._await_head()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._await_head()

    def _await_head(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
        last = self.cycle  # a new head replaces it (uvicorn makes a cycle per request)

        def expire() -> None:
            if self.cycle is last and not self.transport.is_closing():
                self.transport.close()

        self._head_timer = self.loop.call_later(HEAD_SECONDS, expire)
