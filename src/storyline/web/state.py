"""What the routes share, kept apart from the app so routes import it without a cycle: the
server's settings, per-thread stores, the story page cache and who may write.

Concurrency (why): FastAPI runs the routes in a thread pool, and SQLite and psycopg connections
are not shared between threads, so every thread opens its own store.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import queue
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

from starlette.requests import Request  # at run time: FastAPI reads the dependencies' hints

from storyline.engine.writer import Stores as Stores  # re-exported: routes import it here
from storyline.store import Store, StoredStory
from storyline.web.guard import ANY_HOST, split_host

if TYPE_CHECKING:
    from storyline.engine import IngestReport
    from storyline.fetch.client import FetchSettings
    from storyline.models import RawDocument
    from storyline.views import StoryView

log = logging.getLogger(__name__)

TOKEN_ENV = "STORYLINE_TOKEN"
MAX_BODY_ENV = "STORYLINE_MAX_BODY"
ALLOWED_HOSTS_ENV = "STORYLINE_ALLOWED_HOSTS"  # comma-separated, for uvicorn's worker processes
FETCH_NETWORKS_ENV = "STORYLINE_ALLOW_NETWORKS"  # likewise
FETCH_PROXY_ENV = "STORYLINE_FETCH_PROXY"  # likewise
DEFAULT_MAX_BODY = 10 * 1024 * 1024  # a 10 MiB JSONL batch is ~3,000 articles

P = TypeVar("P")


class IngestWriter(Protocol):
    """The app's writer as the routes use it (``app.Writer`` or the writer process's client)."""

    def busy(self) -> bool: ...

    def ingest_now(self, docs: Sequence[RawDocument]) -> IngestReport | None:
        """The post ingested, or None when it must go to the inbox (``engine.inbox``)."""
        ...


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
    # Private networks that following a source (the API, --watch) may fetch from; by default
    # only public addresses (fetch/addresses.py).
    fetch_networks: tuple[str, ...] = ()
    fetch_proxy: str | None = None  # --proxy: the HTTP proxy those fetches go through

    def __post_init__(self) -> None:
        _ = self.fetch  # a bad --allow-network or --proxy fails at start
        for name in self.allowed_hosts:
            if name != ANY_HOST and split_host(name) is None:
                raise ValueError(f"--allowed-host {name!r} is not a host name; give NAME only.")
        if self.max_body_bytes < 1024:
            raise ValueError(f"max_body_bytes must be at least 1024, got {self.max_body_bytes}.")
        if self.token is not None and len(self.token) < 8:
            raise ValueError("The write token must be at least 8 characters long.")

    @property
    def fetch(self) -> FetchSettings:
        """How the server's fetches (following a source, --watch) are made."""
        from storyline.fetch.client import FetchSettings

        return FetchSettings(allowed_networks=self.fetch_networks, proxy=self.fetch_proxy)


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
        fetch_networks=tuple(filter(None, os.environ.get(FETCH_NETWORKS_ENV, "").split(","))),
        fetch_proxy=os.environ.get(FETCH_PROXY_ENV) or None,
    )


@dataclass(frozen=True)
class CachedPage(Generic[P]):
    version: int
    reprints: int
    page: P
    at: float  # time.monotonic() when it was computed


class PageCache(Generic[P]):
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

    def __init__(
        self,
        *,
        refresh_seconds: float,
        stamp: Callable[[P], tuple[int, int]],
        max_pages: int = 512,
    ) -> None:
        """``stamp`` gives a page's (story version, reprints), to tell a fresh page from a stale
        one."""
        self.refresh_seconds = refresh_seconds
        self._stamp = stamp
        self.max_pages = max_pages
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}
        self._pages: dict[str, CachedPage[P]] = {}
        self._queue: queue.Queue[tuple[str, Callable[[], P], Callable[[], bool]]]
        self._queue = queue.Queue()
        self._queued: set[str] = set()
        self._refresher: threading.Thread | None = None

    def _lock(self, story_id: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(story_id, threading.Lock())

    def get(
        self,
        story: StoredStory,
        compute: Callable[[], P],
        *,
        busy: Callable[[], bool] = lambda: False,
    ) -> P:
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

    def _schedule(self, story_id: str, compute: Callable[[], P], busy: Callable[[], bool]) -> None:
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

    def _compute(self, story_id: str, compute: Callable[[], P]) -> P:
        page = compute()
        version, reprints = self._stamp(page)
        with self._guard:
            self._pages.pop(story_id, None)
            self._pages[story_id] = CachedPage(version, reprints, page, time.monotonic())
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


def story_stamp(view: StoryView) -> tuple[int, int]:
    """A story page's (version, reprints): what ``PageCache`` compares with the store's row."""
    return view.story.version, view.story.reprints


# --- request accessors (the routes' dependencies) ---------------------------------------------


def settings_of(request: Request) -> ServerSettings:
    settings: ServerSettings = request.app.state.settings
    return settings


def stores_of(request: Request) -> Stores:
    """The per-thread stores: a route calls ``.get()`` in its own thread (FastAPI may run a sync
    dependency in another one, and a SQLite connection must stay in the thread that opened it)."""
    stores: Stores = request.app.state.stores
    return stores


def store_of(request: Request) -> Store:
    """This thread's store (call it inside a route, not as a dependency)."""
    stores: Stores = request.app.state.stores
    return stores.get()


def story_page(request: Request, story_id: str) -> StoryView:
    """The story page for the API and the UI alike, from the in-memory ``PageCache`` when fresh
    enough, else the engine's (which caches it in the store, shared by all worker processes)."""
    from storyline import engine, views
    from storyline.engine.stories import story_info

    pages: PageCache[StoryView] = request.app.state.pages
    stores: Stores = request.app.state.stores
    story = story_info(stores.get(), story_id)
    words = settings_of(request).words
    writer: IngestWriter = request.app.state.writer

    def compute() -> StoryView:  # stores.get() inside: it may run in the refresher thread
        return engine.story(stores.get(), story_id, words=words, limits=views.PAGE_LIMITS)

    return pages.get(story, compute, busy=writer.busy)


class StoryListCache:
    """Encoded ``/api/stories`` responses for the store's current batch (the ranking table
    changes only when a batch is committed), so a busy list costs one ``last_batch`` query and a
    dictionary lookup. Bounded: at most ``size`` parameter sets, cleared on every new batch."""

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._batch = -1
        self._bodies: dict[tuple[object, ...], bytes] = {}

    def get(self, batch: int, key: tuple[object, ...]) -> bytes | None:
        if batch != self._batch:
            self._batch, self._bodies = batch, {}
        return self._bodies.get(key)

    def put(self, key: tuple[object, ...], body: bytes) -> None:
        if len(self._bodies) >= self.size:
            self._bodies.clear()
        self._bodies[key] = body
