"""The ASGI app: settings, per-thread stores, the single writer, security headers, size limits.

Write policy (why): writes change what every reader sees, so they need a credential. With a token
(``--token`` or ``$STORYLINE_TOKEN``) every write must send ``Authorization: Bearer <token>``;
without one, writes are accepted only from loopback clients (127.0.0.0/8, ::1), which is safe for
a laptop but not behind a reverse proxy on the same host, where every client looks local: set a
token there. Reads never need the token.

Concurrency (why): FastAPI runs the routes in a thread pool, and SQLite and psycopg connections
are not shared between threads, so every thread opens its own store. Ingest is serialised: one
lock per process and, for a SQLite file, an ``flock`` on ``<db>.lock`` across worker processes;
a ``StaleBatchError`` (another process won the race) is retried, which is safe because ingest
skips what is already stored.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, MutableMapping, Sequence
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from storyline import engine
from storyline.engine.ingest import Indexes, checkpoint, open_indexes
from storyline.models import RawDocument
from storyline.store import StaleBatchError
from storyline.store.postgres import is_postgres_location
from storyline.web.state import (
    MAX_BODY_ENV,
    TOKEN_ENV,
    PageCache,
    ServerSettings,
    Stores,
    settings_from_env,
    story_stamp,
)
from storyline.web.writer import RemoteWriter, WriterAddress

# Stores and ServerSettings moved to web/state.py (routes import them from there, without a
# cycle); re-exported for the writer process (web/writer.py).
__all__ = ["ServerSettings", "Stores", "Writer", "app_from_env", "create_app", "serve"]

log = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

STALE_RETRIES = 5
STATIC = Path(__file__).with_name("static")

# No external resource, no inline script or style: the page's only script is /static/app.js.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
)


class Writer:
    """Runs ``engine.ingest`` one call at a time across threads and worker processes."""

    def __init__(self, stores: Stores) -> None:
        self._stores = stores
        self._lock = threading.Lock()
        # Kept open between posts: reloading them cost ~0.4 s a post at 10k articles. Another
        # worker's batches are folded in by engine.ingest (catch_up) before each use.
        self._indexes: Indexes | None = None
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

    def checkpoint(self) -> None:
        """Save the open indexes' state, so the next start does not replay the last batches."""
        with self._exclusive():
            if self._indexes is not None:
                checkpoint(self._stores.get(), self._indexes)

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


class SecurityHeaders:
    """Adds the CSP and friends to every response, API and UI alike."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + list(SECURITY_HEADERS)
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyTooLarge(Exception):
    pass


class BodyLimit:
    """413 for a body over the limit: at once from Content-Length, else while it streams in."""

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers", []))
        declared = headers.get(b"content-length", b"").decode() or "0"
        if not declared.isdigit() or int(declared) > self.max_bytes:
            await self._reject(send)
            return
        seen = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_bytes:
                raise BodyTooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await self._reject(send)

    async def _reject(self, send: Send) -> None:
        body = json.dumps(
            {"detail": f"Request body too large: the limit is {self.max_bytes} bytes."}
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [(b"content-type", b"application/json"), *SECURITY_HEADERS],
            }
        )
        await send({"type": "http.response.body", "body": body})


def create_app(settings: ServerSettings) -> FastAPI:
    """The API under ``/api``, the UI at ``/``, static files under ``/static``."""
    from storyline.web import api, errors, ui

    stores = Stores(settings.db)

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield

    app = FastAPI(
        title="storyline",
        summary="Cited, de-duplicated stories from news articles.",
        version="1",
        docs_url=None,  # Swagger UI and ReDoc load scripts from a CDN: the schema is enough
        redoc_url=None,
        openapi_url="/api/openapi.json",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.stores = stores
    address = WriterAddress.from_env()
    app.state.writer = Writer(stores) if address is None else RemoteWriter(address)
    app.state.pages = PageCache(refresh_seconds=settings.page_refresh_seconds, stamp=story_stamp)
    app.include_router(api.router)
    app.include_router(ui.router)
    from storyline.web import sources_ui

    app.include_router(sources_ui.router)
    errors.install_error_handlers(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders)
    return app


def app_from_env() -> FastAPI:
    """uvicorn's factory for worker processes (settings come from the environment)."""
    return create_app(settings_from_env())


def serve(
    settings: ServerSettings,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int = 1,
    watch: bool = False,
) -> None:
    """Run the server in the foreground until interrupted (what ``storyline serve`` calls): a
    writer process (``web/writer.py``) and ``workers`` HTTP worker processes; with ``watch``, a
    poller of the followed sources beside them that hands what is new to the writer."""
    import uvicorn

    from storyline.web import writer as writers

    if workers < 1:
        raise ValueError(f"workers must be >= 1, got {workers}.")
    Stores(settings.db)  # a bad --db fails here, before any process starts
    started = writers.start(settings.db)
    os.environ.update(started.address.to_env())
    stop_watching = threading.Event()
    if watch:
        engine.start_watcher(
            settings.db, ingest=RemoteWriter(started.address).ingest, stop=stop_watching
        )
    try:
        if workers == 1:
            uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")
            return
        os.environ["STORYLINE_DB"] = settings.db
        os.environ[MAX_BODY_ENV] = str(settings.max_body_bytes)
        if settings.token:
            os.environ[TOKEN_ENV] = settings.token
        uvicorn.run(
            "storyline.web.app:app_from_env",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level="warning",
        )
    finally:
        stop_watching.set()
        started.stop()
