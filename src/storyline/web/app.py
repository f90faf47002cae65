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

import contextlib
import ipaddress
import json
import logging
import os
import queue
import signal
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from storyline.engine.writer import RemoteWriter, WriterAddress
from storyline.engine.writer import Stores as Stores  # re-exported: the routes import it here
from storyline.engine.writer import Writer as Writer
from storyline.engine.writer import start as start_writer
from storyline.store import StoredStory
from storyline.web.guard import ANY_HOST, SameOriginGuard, split_host

log = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

TOKEN_ENV = "STORYLINE_TOKEN"
MAX_BODY_ENV = "STORYLINE_MAX_BODY"
ALLOWED_HOSTS_ENV = "STORYLINE_ALLOWED_HOSTS"  # comma-separated, for uvicorn's worker processes
DEFAULT_MAX_BODY = 10 * 1024 * 1024  # a 10 MiB JSONL batch is ~3,000 articles
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


@dataclass(frozen=True)
class ServerSettings:
    """How a server runs. ``token`` None means: writes only from loopback clients."""

    db: str
    token: str | None = None
    max_body_bytes: int = DEFAULT_MAX_BODY
    words: int = 250  # summary length of story pages
    page_refresh_seconds: float = 30.0  # how stale a changed story's page may be (PageCache)
    # Names besides localhost and IP addresses that requests may carry in Host (web/guard.py).
    allowed_hosts: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name in self.allowed_hosts:
            if name != ANY_HOST and split_host(name) is None:
                raise ValueError(f"--allowed-host {name!r} is not a host name; give NAME only.")
        if self.max_body_bytes < 1024:
            raise ValueError(f"max_body_bytes must be at least 1024, got {self.max_body_bytes}.")
        if self.token is not None and len(self.token) < 8:
            raise ValueError("The write token must be at least 8 characters long.")


def settings_from_env() -> ServerSettings:
    """Settings for a worker process started by uvicorn (``--workers`` > 1): the parent passes
    them in ``$STORYLINE_DB``, ``$STORYLINE_TOKEN``, ``$STORYLINE_MAX_BODY`` and
    ``$STORYLINE_ALLOWED_HOSTS``."""
    from storyline.store import default_location

    return ServerSettings(
        db=default_location(),
        token=os.environ.get(TOKEN_ENV) or None,
        max_body_bytes=int(os.environ.get(MAX_BODY_ENV) or DEFAULT_MAX_BODY),
        allowed_hosts=tuple(filter(None, os.environ.get(ALLOWED_HOSTS_ENV, "").split(","))),
    )


@dataclass(frozen=True)
class CachedPage:
    version: int
    reprints: int
    page: dict[str, Any]
    at: float  # time.monotonic() when it was computed


class PageCache:
    """Story pages in memory; a changed story's page is served stale and refreshed behind it.

    Why: while articles stream in, every batch bumps the version of the stories it touches, and
    recomputing a big story's timeline and facts costs seconds of CPU (``benchmarks/load.py``:
    up to 5 s for a 900-article story). Recomputing on every change would starve the writer and
    the readers. So a changed page older than ``refresh_seconds`` is queued for one background
    thread that runs at a lower OS priority (nice +10) and waits while this process ingests;
    readers get the previous page meanwhile. A story never seen before is computed at once, one
    thread per story (the others wait for it). The engine also caches pages in the store by
    story version, so what one worker process computed another one reads.
    """

    def __init__(self, *, refresh_seconds: float, max_pages: int = 512) -> None:
        self.refresh_seconds = refresh_seconds
        self.max_pages = max_pages
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}
        self._pages: dict[str, CachedPage] = {}
        self._queue: queue.Queue[tuple[str, Callable[[], dict[str, Any]], Callable[[], bool]]]
        self._queue = queue.Queue()
        self._queued: set[str] = set()
        self._refresher: threading.Thread | None = None

    def _lock(self, story_id: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(story_id, threading.Lock())

    def get(
        self,
        story: StoredStory,
        compute: Callable[[], dict[str, Any]],
        *,
        busy: Callable[[], bool] = lambda: False,
    ) -> dict[str, Any]:
        """The page of ``story``; ``compute`` must be callable from any thread (it may run in the
        refresher), ``busy`` says whether this process is ingesting."""
        cached = self._pages.get(story.id)
        if cached and (cached.version, cached.reprints) == (story.version, story.reprints):
            return cached.page
        if cached is None:
            with self._lock(story.id):
                again = self._pages.get(story.id)
                return again.page if again is not None else self._compute(story.id, compute)
        if time.monotonic() - cached.at >= self.refresh_seconds:
            self._schedule(story.id, compute, busy)
        return cached.page

    def _schedule(
        self, story_id: str, compute: Callable[[], dict[str, Any]], busy: Callable[[], bool]
    ) -> None:
        with self._guard:
            if story_id in self._queued:
                return
            self._queued.add(story_id)
            if self._refresher is None:
                self._refresher = threading.Thread(
                    target=self._refresh_forever, name="storyline-page-refresh", daemon=True
                )
                self._refresher.start()
        self._queue.put((story_id, compute, busy))

    def _refresh_forever(self) -> None:
        _lower_this_threads_priority(10)
        while True:
            story_id, compute, busy = self._queue.get()
            try:
                while busy():
                    time.sleep(0.1)
                self._compute(story_id, compute)
            except Exception:  # a failed refresh keeps the old page; the next change retries
                log.exception("refreshing the page of story %s failed", story_id)
            finally:
                with self._guard:
                    self._queued.discard(story_id)

    def _compute(self, story_id: str, compute: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        page = compute()
        story = page["story"]
        with self._guard:
            self._pages.pop(story_id, None)
            self._pages[story_id] = CachedPage(
                int(story["version"]), int(story["reprints"]), page, time.monotonic()
            )
            while len(self._pages) > self.max_pages:  # the least recently computed goes first
                del self._pages[next(iter(self._pages))]
        return page


def _lower_this_threads_priority(increment: int) -> None:
    """Nice the calling thread only (Linux schedules threads as tasks); elsewhere, nothing."""
    try:
        tid = threading.get_native_id()
        os.setpriority(os.PRIO_PROCESS, tid, os.getpriority(os.PRIO_PROCESS, tid) + increment)
    except (OSError, AttributeError):
        log.debug("could not lower the page refresher's priority")


def is_loopback(host: str | None) -> bool:
    if not host:
        return False
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "testclient"  # Starlette's in-process TestClient


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
        await send_json(send, 413, f"Request body too large: the limit is {self.max_bytes} bytes.")


def create_app(settings: ServerSettings) -> FastAPI:
    """The API under ``/api``, the UI at ``/``, static files under ``/static``."""
    from storyline.web import api, ui

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
    app.state.pages = PageCache(refresh_seconds=settings.page_refresh_seconds)
    app.include_router(api.router)
    app.include_router(ui.router)
    api.install_error_handlers(app)
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
    settings: ServerSettings, *, host: str = "127.0.0.1", port: int = 8000, workers: int = 1
) -> None:
    """Run the server in the foreground until interrupted (what ``storyline serve`` calls): a
    writer process (``engine/writer.py``) and ``workers`` HTTP worker processes."""
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
    try:
        if workers == 1:
            uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")
            return
        os.environ["STORYLINE_DB"] = settings.db
        os.environ[MAX_BODY_ENV] = str(settings.max_body_bytes)
        os.environ[ALLOWED_HOSTS_ENV] = ",".join(settings.allowed_hosts)
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
        started.stop()
