"""The ASGI app: settings, per-thread stores, the single writer, security headers, size limits.

Write policy (why): writes change what every reader sees, so they need a credential. With a token
(``--token`` or ``$STORYLINE_TOKEN``) every write must send ``Authorization: Bearer <token>``;
without one, writes are accepted only from loopback clients (127.0.0.0/8, ::1), which is safe for
a laptop but not behind a reverse proxy on the same host, where every client looks local: set a
token there. Reads never need the token. Either way, ``web/guard.py`` refuses requests for a Host
that is not ours and writes that another site's page makes a browser send (the browser is a
loopback client too).

Concurrency (why): FastAPI runs the routes in a thread pool, and SQLite and psycopg connections
are not shared between threads, so every thread opens its own store (``Stores``). Ingest goes to
the single writer (``engine/writer.py``): a writer process under ``serve``, else an in-process
``Writer`` serialised by a lock and, for a SQLite file, an ``flock`` across processes.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import signal
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from storyline import engine
from storyline.engine.follow import WatchSettings
from storyline.engine.writer import Stores, Writer
from storyline.engine.writer import start as start_writer
from storyline.engine.writer_client import RemoteWriter, WriterAddress
from storyline.web.deadlines import BODY_SECONDS, TimelyProtocol
from storyline.web.guard import SameOriginGuard
from storyline.web.state import (
    ALLOWED_HOSTS_ENV,
    FETCH_NETWORKS_ENV,
    FETCH_PROXY_ENV,
    MAX_BODY_ENV,
    TOKEN_ENV,
    PageCache,
    ServerSettings,
    settings_from_env,
    story_stamp,
)

# Re-exported: tests and the writer's callers import them here.
__all__ = ["ServerSettings", "Stores", "Writer", "app_from_env", "create_app", "serve"]

log = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

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


class SecurityHeaders:
    """Adds the CSP and friends to every response, API and UI alike; an unhandled error becomes
    a JSON 500 with them here (Starlette's own 500 page is sent outside every middleware)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = list(message.get("headers", [])) + list(SECURITY_HEADERS)
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            if not started:  # the error is still raised, so the server logs it
                detail = "Internal error; the server log has the details."
                await send_json(send_with_headers, 500, detail)
            raise


async def send_json(send: Send, status: int, detail: str) -> None:
    """A JSON error response sent from a middleware inside ``SecurityHeaders`` (which adds them)."""
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json")],
        }
    )
    await send({"type": "http.response.body", "body": json.dumps({"detail": detail}).encode()})


class BodyTooLarge(Exception):
    pass


class BodyTooSlow(Exception):
    pass


class BodyLimit:
    """413 for a body over the limit: at once from Content-Length, else while it streams in;
    408 for one still arriving ``BODY_SECONDS`` after the request began (``web/deadlines.py``)."""

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
        loop = asyncio.get_running_loop()
        deadline = loop.time() + BODY_SECONDS
        body_done = False

        async def counting_receive() -> Message:
            nonlocal seen, body_done
            if body_done:  # later receives wait for a disconnect: no deadline on those
                return await receive()
            try:
                message = await asyncio.wait_for(receive(), max(deadline - loop.time(), 0.0))
            except TimeoutError:
                raise BodyTooSlow from None
            seen += len(message.get("body", b""))
            if seen > self.max_bytes:
                raise BodyTooLarge
            body_done = message["type"] != "http.request" or not message.get("more_body", False)
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
        except BodyTooSlow:
            if not started:
                detail = f"The request body took longer than {BODY_SECONDS:g} s to arrive."
                await send_json(send, 408, detail)

    async def _reject(self, send: Send) -> None:
        await send_json(send, 413, f"Request body too large: the limit is {self.max_bytes} bytes.")


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
    app.add_middleware(SameOriginGuard, allowed_hosts=settings.allowed_hosts)
    app.add_middleware(SecurityHeaders)
    return app


def _exit_on_term(signum: int, frame: object) -> None:
    raise SystemExit(0)


def app_from_env() -> FastAPI:
    """uvicorn's factory for worker processes (settings come from the environment)."""
    return create_app(settings_from_env())


def serve(
    settings: ServerSettings,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int = 1,
    watch: float | None = None,
) -> None:
    """Run the server in the foreground until interrupted (what ``storyline serve`` calls): a
    writer process (``engine/writer.py``) and ``workers`` HTTP worker processes; with ``watch``
    (seconds between polls of a source), a poller of the followed sources beside them that hands
    what is new to the writer."""
    import uvicorn

    if workers < 1:
        raise ValueError(f"workers must be >= 1, got {workers}.")
    Stores(settings.db)  # a bad --db fails here, before any process starts
    # uvicorn shuts down on SIGTERM, then raises the signal again for its previous handler: with
    # the default one this process would die before stopping the writer below (which then gets
    # only its parent-death signal). As SystemExit, the ``finally`` runs: the writer checkpoints.
    if threading.current_thread() is threading.main_thread():  # signals: main thread only
        signal.signal(signal.SIGTERM, _exit_on_term)
    started = start_writer(settings.db)
    os.environ.update(started.address.to_env())
    stop_watching = threading.Event()
    if watch is not None:
        engine.start_watcher(
            settings.db,
            ingest=RemoteWriter(started.address).ingest,
            stop=stop_watching,
            settings=WatchSettings(interval=watch),
            fetch_settings=settings.fetch,
        )
    try:
        if workers == 1:
            uvicorn.run(
                create_app(settings),
                host=host,
                port=port,
                log_level="warning",
                http=TimelyProtocol,
            )
            return
        os.environ["STORYLINE_DB"] = settings.db
        os.environ[MAX_BODY_ENV] = str(settings.max_body_bytes)
        os.environ[ALLOWED_HOSTS_ENV] = ",".join(settings.allowed_hosts)
        os.environ[FETCH_NETWORKS_ENV] = ",".join(settings.fetch_networks)
        os.environ[FETCH_PROXY_ENV] = settings.fetch_proxy or ""
        if settings.token:
            os.environ[TOKEN_ENV] = settings.token
        uvicorn.run(
            "storyline.web.app:app_from_env",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level="warning",
            http=TimelyProtocol,
        )
    finally:
        stop_watching.set()
        started.stop()
