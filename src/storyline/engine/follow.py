"""Fetching pages and following sources: ``fetch_urls``, ``follow_*`` and one ``poll``.

A poll has two phases, each safe to kill. Fetch: every due source is fetched conditionally (a
304 costs no parse), its new entries (canonical URLs not seen before) become kept pages: the
feed's own text when it carries the article, else the linked page, fetched. A source's
validators (ETag, Last-Modified) are saved only once all its pages are kept, so a poll killed
half-way fetches the listing again next time and skips the pages it already has. Ingest: kept
pages still pending become articles through ``engine.ingest`` and are marked ingested once their
batch is committed; a kill in between leaves them pending for the next poll, never lost.

Network work runs in a thread pool; the store is touched only from the calling thread.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from storyline.fetch.urls import canonical_url
from storyline.models import RawDocument, ReadError
from storyline.store.base import (
    FEED_ITEM,
    PAGE_FAILED,
    PAGE_INGESTED,
    FollowedSource,
    StoredPage,
)

if TYPE_CHECKING:
    from storyline.engine.indexes import Indexes
    from storyline.engine.ingest import BatchProgress, IngestReport
    from storyline.fetch.client import Fetcher, Response
    from storyline.fetch.poller import Entry, Listing
    from storyline.store import Store
    from storyline.store.base import FollowStore

log = logging.getLogger(__name__)

Ingest = Callable[[Sequence[RawDocument]], "IngestReport"]  # a writer's ingest of documents

__all__ = [
    "PollReport",
    "SourcePoll",
    "WatchSettings",
    "fetch_urls",
    "follow_add",
    "follow_list",
    "follow_remove",
    "poll",
]


@dataclass(frozen=True)
class WatchSettings:
    """How often and how much a poll takes from each source."""

    interval: float = 900.0  # seconds between polls of a healthy source
    max_items: int = 100  # newest entries read from one listing per poll
    teaser_words: int = 120  # a feed item shorter than this is a teaser: its page is fetched
    max_backoff: float = 6 * 3600.0  # longest wait after repeated failures
    batch_size: int = 200  # pages ingested per store transaction
    # how long a teaser kept in place of a page that failed is fetched again at each poll of
    # its source: news pages that fail (a 503, a timeout) are mostly back within hours
    teaser_retry: float = 2 * 86400.0
    flush_pages: int = 50  # kept pages written per transaction while fetching

    def __post_init__(self) -> None:
        if self.interval <= 0 or self.max_items < 1 or self.batch_size < 1:
            raise ValueError("WatchSettings: interval must be > 0, max_items and batch_size >= 1.")


@dataclass(frozen=True)
class SourcePoll:
    """What one poll did with one source."""

    url: str
    outcome: str  # "new" | "unchanged" | "failed" | "waiting" (backing off, not polled)
    new_pages: int = 0
    error: str | None = None
    failures: int = 0
    next_fetch: float | None = None


@dataclass(frozen=True)
class PollReport:
    sources: tuple[SourcePoll, ...]
    pages_fetched: int  # article pages fetched (listings not counted)
    pages_failed: int
    requests: int  # every HTTP request, robots.txt and retries included
    conditional: int  # of which conditional (If-None-Match / If-Modified-Since)
    ingest: IngestReport | None
    seconds: float
    fetched_before: int = 0  # pages asked for (fetch_urls) that were fetched by an earlier run

    def count(self, outcome: str) -> int:
        return sum(1 for s in self.sources if s.outcome == outcome)


@dataclass
class _Run:
    """State of one poll: the pages waiting to be written and what was counted."""

    store: FollowStore
    fetcher: Fetcher
    settings: WatchSettings
    buffer: list[StoredPage] = field(default_factory=list)
    queued: set[str] = field(default_factory=set)  # canonical URLs fetched or kept this poll
    landed: dict[str, str] = field(default_factory=dict)  # where a page fetched lives -> its URL
    fetched: int = 0
    failed: int = 0
    requests: int = 0
    conditional: int = 0
    since: float = 0.0  # when the oldest page in the buffer arrived

    def same_page(self, url: str, address: str) -> str | None:
        """Another page kept, this poll or before, that lives at ``address`` (the page fetched
        from ``url`` lives there too), or None."""
        other = self.landed.setdefault(address, url)
        if other != url:
            return other
        # a page whose article was kept: not a 404 nor a teaser kept in its place
        if address != url and self.store.known_pages([address], retry_failed=True):
            return address
        return None

    def keep(self, page: StoredPage) -> None:
        if not self.buffer:
            self.since = time.monotonic()
        self.buffer.append(page)
        full = len(self.buffer) >= self.settings.flush_pages
        if full or time.monotonic() - self.since > 0.5:
            self.flush()

    def flush(self) -> None:
        if self.buffer:
            self.store.put_pages(self.buffer)
            self.buffer = []
        records = self.fetcher.drain_log()
        self.requests += len(records)
        self.conditional += sum(1 for r in records if r.conditional)
        self.store.log_fetches(records)


def _follow_store(store: Store) -> FollowStore:
    from storyline.store.base import FollowStore

    if not isinstance(store, FollowStore):
        raise TypeError(f"{type(store).__name__} cannot keep followed sources.")
    return store


# --- follow add / list / remove ------------------------------------------------------------------


def follow_add(store: Store, url: str, *, fetcher: Fetcher) -> tuple[FollowedSource, bool]:
    """Follow a feed, a sitemap, or the feed found for a site's address; (source, newly added)."""
    from storyline.fetch.discovery import discover

    follow = _follow_store(store)
    given = canonical_url(url)
    try:
        found = discover(given, fetcher)
    finally:
        follow.log_fetches(fetcher.drain_log())
    source = FollowedSource(
        url=found.url,
        kind=found.kind,
        site=None if found.url == given else given,
        title=found.title,
        added_at=time.time(),
    )
    added = follow.add_source(source)
    known = {s.url: s for s in follow.sources()}
    return known.get(source.url, source), added


def follow_list(store: Store) -> list[FollowedSource]:
    """The followed sources, each with how many of its pages gave no article."""
    follow = _follow_store(store)
    refused = follow.refused_pages()
    return [
        replace(s, refused=refused[s.url][0], last_refused=refused[s.url][1])
        if s.url in refused
        else s
        for s in follow.sources()
    ]


def follow_remove(store: Store, url: str) -> FollowedSource:
    """Stop following a source, named by its feed/sitemap URL or the site URL it was found from."""
    follow = _follow_store(store)
    key = canonical_url(url)
    for source in follow.sources():
        if key in (source.url, source.site):
            follow.remove_source(source.url)
            return source
    raise ValueError(f"{url} is not followed; `storyline follow list` shows what is.")


# --- fetching pages ------------------------------------------------------------------------------


def _page(
    url: str, response: Response | None, body: bytes, *, kind: str | None, source: str | None
) -> StoredPage:
    return StoredPage(
        url=url,
        final_url=response.final_url if response else url,
        fetched_at=time.time(),
        status=(response.status or 0) if response else 200,
        content_type=kind,
        body=body,
        source=source,
    )


def _page_done(
    run: _Run, url: str, entry: Entry | None, response: Response, source: str | None
) -> bool:
    """Keep a fetched page; when it failed, keep the feed's teaser instead (marked so).
    False when the page is one kept already under another address (not a new page)."""
    from storyline.fetch.poller import pack_item, pack_page, page_address

    before = run.store.page(url)
    if response.ok:
        run.fetched += 1
        kind = response.content_type
        address = page_address(response.final_url, response.body)
        page = _page(url, response, pack_page(response.body), kind=kind, source=source)
        page = replace(page, final_url=address)
        if before is not None and before.content_type == FEED_ITEM and before.status != 200:
            # ingest puts the page's article in the teaser's place (``indexes.fuller_copies``)
            page = replace(page, error="fetched on a later try: its article replaces the teaser")
        elif (same := run.same_page(url, address)) is not None:
            note = f"the same page as {same} (it lives at {address}): kept once"
            page = replace(page, body=b"", content_type=None, state=PAGE_INGESTED, error=note)
        run.keep(page)
        return page.state != PAGE_INGESTED
    run.failed += 1
    if before is not None and before.body:  # a failed refetch keeps the page fetched before
        # (a teaser's page asked again at each poll: said once, when the teaser was kept)
        log.info("%s: %s (asked again)", url, response.error)
        return True
    log.warning("%s: %s", url, response.error)
    # A page its server says is not there (404, 410) was pulled or is not yet published: its
    # teaser would stand in the story as an article nobody can read.
    gone = response.status in (404, 410)
    if not gone and entry is not None and entry.document is not None and entry.document.text:
        note = f"page not fetched ({response.error}); the feed's teaser was kept"
        teaser = pack_item(replace(entry.document, url=url))  # canonical link, as a full item
        page = _page(url, response, teaser, kind=FEED_ITEM, source=source)
        run.keep(replace(page, error=note))
    else:
        page = _page(url, response, b"", kind=None, source=source)
        run.keep(replace(page, state=PAGE_FAILED, error=response.error))
    return True


def fetch_urls(
    store: Store,
    urls: Sequence[str],
    *,
    fetcher: Fetcher,
    settings: WatchSettings | None = None,
    refetch: bool = False,
    indexes: Indexes | None = None,
    on_batch: Callable[[BatchProgress], None] | None = None,
) -> PollReport:
    """Fetch article pages, keep them, and ingest them (pages fetched before are not fetched
    again unless ``refetch``)."""
    start = time.perf_counter()
    follow = _follow_store(store)
    run = _Run(follow, fetcher, settings or WatchSettings())
    wanted = list(dict.fromkeys(canonical_url(u) for u in urls))
    # a page asked for by name that failed before is asked again, whatever the failure was
    known = set() if refetch else follow.known_pages(wanted, retry_failed=True)
    with ThreadPoolExecutor(fetcher.settings.workers) as pool:
        jobs = {pool.submit(fetcher.get, u): u for u in wanted if u not in known}
        for job in _as_done(jobs):
            _page_done(run, jobs[job], None, job.result(), None)
    run.flush()
    report = _ingest_pending(store, run, indexes=indexes, on_batch=on_batch)
    return replace(_report(run, (), report, start), fetched_before=len(known))


def _as_done(jobs: Iterable[Future[Response]]) -> Iterable[Future[Response]]:
    pending = set(jobs)
    while pending:
        done, pending = wait(pending, return_when=FIRST_COMPLETED)
        yield from done


# --- one poll of the followed sources ------------------------------------------------------------


def _due(source: FollowedSource, now: float, *, eager: bool) -> bool:
    """Due when its time has come; ``eager`` polls healthy sources now (``watch --once``), but a
    failing source still waits out its back-off."""
    return source.next_fetch <= now or (eager and source.failures == 0)


def _failed(
    source: FollowedSource,
    error: str,
    *,
    status: int | None,
    retry_after: float | None,
    settings: WatchSettings,
    now: float,
) -> FollowedSource:
    failures = source.failures + 1
    wait_for = min(settings.interval * 2 ** (failures - 1), settings.max_backoff)
    wait_for = max(wait_for, retry_after or 0.0)
    return replace(
        source,
        last_fetch=now,
        last_status=status,
        last_error=error,
        failures=failures,
        next_fetch=now + wait_for,
        last_new=0,
    )


def _succeeded(
    source: FollowedSource,
    response: Response,
    *,
    new: int,
    title: str | None,
    settings: WatchSettings,
    now: float,
) -> FollowedSource:
    changed = not response.not_modified
    return replace(
        source,
        title=source.title or title,
        etag=response.etag if changed else (response.etag or source.etag),
        last_modified=response.last_modified if changed else source.last_modified,
        last_fetch=now,
        last_status=response.status,
        last_error=None,
        failures=0,
        next_fetch=now + settings.interval,
        articles=source.articles + new,
        last_new=new,
    )


@dataclass
class _Waiting:
    """A source whose listing is read and whose pages are still being fetched."""

    left: int
    new: int
    listing: Listing


@dataclass
class _Poll:
    """The fetch phase of one poll: listings in, page fetches out, sources settled."""

    run: _Run
    pool: ThreadPoolExecutor
    now: float
    on_source: Callable[[SourcePoll], None] | None
    results: list[SourcePoll] = field(default_factory=list)
    pages: dict[Future[Response], tuple[str, Entry, FollowedSource]] = field(default_factory=dict)
    waiting: dict[str, _Waiting] = field(default_factory=dict)  # by source URL
    # pages fetched again in place of their teaser: (URL, source URL)
    retries: dict[Future[Response], tuple[str, str]] = field(default_factory=dict)

    def report(self, result: SourcePoll) -> None:
        self.results.append(result)
        if self.on_source is not None:
            self.on_source(result)

    def fail(self, source: FollowedSource, error: str, response: Response | None) -> None:
        after = _failed(
            source,
            error,
            status=response.status if response else None,
            retry_after=response.retry_after if response else None,
            settings=self.run.settings,
            now=self.now,
        )
        self.run.flush()
        self.run.store.update_source(after)
        self.report(SourcePoll(source.url, "failed", 0, error, after.failures, after.next_fetch))

    def listing(self, source: FollowedSource, job: Future[Listing]) -> list[Future[Response]]:
        try:
            listing = job.result()
        except Exception as exc:  # a bug or a hostile listing must not stop the other sources
            log.exception("%s: poll failed", source.url)
            self.fail(source, f"{type(exc).__name__}: {exc}", None)
            return []
        response = listing.response
        if response.not_modified:
            self.settle(source, listing, new=0)
            return self.retry(source)
        if not response.ok or listing.problem:
            error = listing.problem or response.error or "unusable answer"
            if response.status in (404, 410):
                error += (
                    ": the feed is no longer at this address (moved or withdrawn); follow the "
                    "site's address again to find its feed, or remove this source"
                )
            self.fail(source, error, response)
            return []
        return self.take(source, listing) + self.retry(source)

    def retry(self, source: FollowedSource) -> list[Future[Response]]:
        """Fetch again the pages of ``source`` whose teaser was kept lately because they
        failed: a feed that has not changed is not read, so its teasers are asked for here."""
        run = self.run
        since = self.now - run.settings.teaser_retry
        jobs = []
        for url in run.store.teaser_pages(source.url, since=since):
            if url not in run.queued:
                run.queued.add(url)
                job = self.pool.submit(run.fetcher.get, url)
                self.retries[job] = (url, source.url)
                jobs.append(job)
        return jobs

    def take(self, source: FollowedSource, listing: Listing) -> list[Future[Response]]:
        from storyline.fetch.poller import pack_item

        run = self.run
        urls = [e.url for e in listing.entries if e.url not in run.queued]
        wanted = set(urls) - run.store.known_pages(urls)
        fresh = []
        jobs: list[Future[Response]] = []
        for entry in listing.entries:
            if entry.url not in wanted or entry.url in run.queued:  # known, or listed twice
                continue
            run.queued.add(entry.url)
            fresh.append(entry)
            if entry.teaser or entry.document is None:
                job = self.pool.submit(run.fetcher.get, entry.url)
                self.pages[job] = (entry.url, entry, source)
                jobs.append(job)
            else:
                body = pack_item(replace(entry.document, url=entry.url))  # canonical link
                run.keep(_page(entry.url, None, body, kind=FEED_ITEM, source=source.url))
        self.waiting[source.url] = _Waiting(len(jobs), len(fresh), listing)
        if not jobs:
            self.settle(source, listing, new=len(fresh))
        return jobs

    def page(self, job: Future[Response]) -> None:
        if job in self.retries:
            url, source_url = self.retries.pop(job)
            _page_done(self.run, url, None, _result(job, url), source_url)
            return
        url, entry, source = self.pages.pop(job)
        waiting = self.waiting[source.url]
        if not _page_done(self.run, url, entry, _result(job, url), source.url):
            waiting.new -= 1  # a second link to a page kept already: not a new page
        waiting.left -= 1
        if waiting.left == 0:
            self.settle(source, waiting.listing, new=waiting.new)

    def settle(self, source: FollowedSource, listing: Listing, *, new: int) -> None:
        """All of a source's pages are kept: now its validators may be saved."""
        after = _succeeded(
            source,
            listing.response,
            new=new,
            title=listing.title,
            settings=self.run.settings,
            now=self.now,
        )
        self.run.flush()
        self.run.store.update_source(after)
        outcome = "unchanged" if listing.response.not_modified else "new"
        self.report(SourcePoll(source.url, outcome, new, None, 0, after.next_fetch))


def _result(job: Future[Response], url: str) -> Response:
    from storyline.fetch.client import Response

    try:
        return job.result()
    except Exception as exc:  # one page's surprise must not stop the poll
        log.exception("%s: fetch failed", url)
        return Response(url, url, None, error=f"{type(exc).__name__}: {exc}")


def poll(
    store: Store,
    *,
    fetcher: Fetcher,
    settings: WatchSettings | None = None,
    eager: bool = False,
    now: float | None = None,
    indexes: Indexes | None = None,
    on_source: Callable[[SourcePoll], None] | None = None,
    on_batch: Callable[[BatchProgress], None] | None = None,
    ingest: Ingest | None = None,
) -> PollReport:
    """Poll every due followed source once and ingest what is new (see the module doc).

    ``ingest`` hands the documents to another writer (the server's writer process) instead of
    ingesting them here with ``indexes``.
    """
    from storyline.fetch.poller import read_listing

    start = time.perf_counter()
    run = _Run(_follow_store(store), fetcher, settings or WatchSettings())
    clock = time.time() if now is None else now
    s = run.settings
    with ThreadPoolExecutor(fetcher.settings.workers) as pool:
        state = _Poll(run, pool, clock, on_source)
        listings: dict[Future[Listing], FollowedSource] = {}
        for source in run.store.sources():
            if _due(source, clock, eager=eager):
                job = pool.submit(
                    read_listing,
                    source,
                    fetcher,
                    max_items=s.max_items,
                    teaser_words=s.teaser_words,
                )
                listings[job] = source
            else:
                outcome = "waiting" if source.failures else "not due"
                state.report(
                    SourcePoll(
                        source.url,
                        outcome,
                        0,
                        source.last_error,
                        source.failures,
                        source.next_fetch,
                    )
                )
        active: set[Future[Any]] = set(listings)
        while active:
            # Keep what has arrived at least every half second, so a kill while one page
            # hangs costs no page fetched twice.
            done, active = wait(active, timeout=0.5, return_when=FIRST_COMPLETED)
            if not done:
                run.flush()
            for job in done:
                if job in listings:
                    active.update(state.listing(listings[job], job))
                else:
                    state.page(job)  # type: ignore[arg-type]  # the rest are page fetches
    run.flush()
    report = _ingest_pending(store, run, indexes=indexes, on_batch=on_batch, ingest=ingest)
    return _report(run, tuple(state.results), report, start)


# --- ingesting kept pages ------------------------------------------------------------------------


def _ingest_pending(
    store: Store,
    run: _Run,
    *,
    indexes: Indexes | None,
    on_batch: Callable[[BatchProgress], None] | None,
    ingest: Ingest | None = None,
) -> IngestReport | None:
    """Ingest every pending kept page, a batch at a time; mark each page with what became of it."""
    from storyline.engine.indexes import checkpoint, open_indexes
    from storyline.engine.ingest import ingest as ingest_here
    from storyline.fetch.poller import page_document
    from storyline.fetch.urls import host_of
    from storyline.ingest.feeds import outlet_name

    follow = run.store
    outlets = {s.url: outlet_name(s.title) for s in follow.sources()}
    own = indexes is None
    reports: list[IngestReport] = []
    unread: list[ReadError] = []  # kept pages that give no document: reported like bad files
    while pages := follow.pending_pages(limit=run.settings.batch_size):
        states: dict[str, tuple[str, str | None]] = {}
        docs: list[RawDocument] = []
        for page in pages:
            outlet = outlets.get(page.source or "") or host_of(page.final_url)
            doc = page_document(page, outlet=outlet)
            if isinstance(doc, ReadError):
                states[page.url] = (PAGE_FAILED, doc.problem)
                unread.append(doc)
            else:
                docs.append(doc)
        if docs and ingest is not None:
            report = ingest(docs)
        elif docs:
            if indexes is None:
                indexes = open_indexes(store)
            report = ingest_here(
                docs,
                store=store,
                indexes=indexes,
                batch_size=len(docs),
                workers=0,
                checkpoint_at_end=False,
                on_batch=on_batch,
            )
        if docs:
            reports.append(report)
            failed = {e.origin: e.problem for e in report.errors}
            for page in pages:
                if page.url in failed:
                    states.setdefault(page.url, (PAGE_FAILED, failed[page.url]))
        for page in pages:
            states.setdefault(page.url, (PAGE_INGESTED, page.error))
        follow.settle_pages(states)
    if own and indexes is not None:
        checkpoint(store, indexes)
    return _merge(reports, unread)


def _merge(reports: Sequence[IngestReport], unread: Sequence[ReadError]) -> IngestReport | None:
    from storyline.engine.ingest import IngestReport

    if not reports and not unread:
        return None
    return IngestReport(
        new=sum(r.new for r in reports),
        duplicates=sum(r.duplicates for r in reports),
        already_stored=sum(r.already_stored for r in reports),
        failed=len(unread) + sum(r.failed for r in reports),
        errors=(*unread, *(e for r in reports for e in r.errors)),
        batches=sum(r.batches for r in reports),
        seconds=sum(r.seconds for r in reports),
        replaced=sum(r.replaced for r in reports),
    )


def _report(
    run: _Run, sources: tuple[SourcePoll, ...], ingest: IngestReport | None, start: float
) -> PollReport:
    return PollReport(
        sources=sources,
        pages_fetched=run.fetched,
        pages_failed=run.failed,
        requests=run.requests,
        conditional=run.conditional,
        ingest=ingest,
        seconds=time.perf_counter() - start,
    )
