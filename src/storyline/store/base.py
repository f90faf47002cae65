"""The ``Store`` protocol: what the engine needs from a place that keeps articles and stories.

The engine is the only caller. A backend keeps rows, not logic: deduplication and clustering run
in the engine and hand the store one ``BatchWrite`` per ingest batch, which the backend must apply
atomically (all of it or nothing) so a killed process never leaves half a story behind. The
SQLite backend is the embedded default; a PostgreSQL backend will implement the same protocol and
run the same contract tests (``tests/test_store.py``).

Index state (the dedup and cluster indexes) is checkpointed, not rewritten every batch: at 100k
articles it is tens of megabytes. Every batch is numbered and its articles are kept in the order
they were indexed, so the engine can replay the batches committed after the last checkpoint and
reach exactly the state an uninterrupted run would have.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Protocol, runtime_checkable

from storyline.models import Article, Removal


class StoreError(RuntimeError):
    """A store problem the user can act on (wrong schema, a concurrent writer, a bad location)."""


class StaleBatchError(StoreError):
    """The batch was built on a store that has changed since: another writer committed first."""


POST_QUEUED, POST_DONE, POST_FAILED = "queued", "done", "failed"


@dataclass(frozen=True)
class StoredPost:
    """One post in the inbox. ``payload`` is what the engine wrote (zlib JSON of the documents);
    ``report`` the JSON of its ingest report once done, ``error`` why it failed."""

    id: int
    received_at: float
    payload: bytes
    state: str = POST_QUEUED
    attempts: int = 0
    settled_at: float | None = None
    report: str | None = None
    error: str | None = None


@dataclass(frozen=True)
class Member:
    """A canonical article's place in a story: which story and which event inside it."""

    article_id: str
    story: str
    event: str


@dataclass(frozen=True)
class StoryUpdate:
    """A story as the clusterer sees it after a batch (outlets are counted by the store).

    ``snippet``: the one line the story list shows under the label; None keeps the stored one.
    """

    id: str
    label: str
    keywords: tuple[str, ...]
    first_seen: date | None
    last_seen: date | None
    size: int
    snippet: str | None = None


@dataclass(frozen=True)
class StoredStory:
    """A story as stored. ``version`` grows each time its canonical articles change, so a summary
    cached for one version is stale for the next; ``outlets`` counts reprints too (most first)."""

    id: str
    label: str
    keywords: tuple[str, ...]
    outlets: tuple[str, ...]
    first_seen: date | None
    last_seen: date | None
    size: int  # canonical articles
    reprints: int
    version: int


STORY_LIST_SORTS = ("newest", "most-covered")
LIST_OUTLETS = 8  # outlet names a list row keeps (most articles first); ``outlet_count`` has all


@dataclass(frozen=True)
class ListedStory:
    """A row of the story list: what a reader scans, read from the ranking table in one query.

    ``changed_at`` is when a batch last changed the story (UTC), for "updated since" markers.
    """

    id: str
    label: str
    snippet: str
    keywords: tuple[str, ...]
    outlets: tuple[str, ...]  # the most frequent ones, at most LIST_OUTLETS
    outlet_count: int
    articles: int  # canonical articles
    reprints: int
    first_seen: date | None
    last_seen: date | None
    version: int
    changed_at: datetime


@dataclass(frozen=True)
class StoryListPage:
    total: int  # stories that pass the filters, on every page
    stories: tuple[ListedStory, ...]


@dataclass(frozen=True)
class BatchWrite:
    """Everything one ingest batch changes, applied in one transaction.

    ``number`` must be ``last_batch() + 1`` at commit time; otherwise another writer got there
    first and the backend raises ``StaleBatchError`` (the engine's in-memory indexes are stale).
    ``articles`` are in the order they were indexed (replay depends on it). ``states`` optionally
    checkpoints index state as of this batch.
    """

    number: int
    articles: tuple[Article, ...]
    reprints: Mapping[str, str] = field(default_factory=dict)  # article id -> canonical id
    members: tuple[Member, ...] = ()
    stories: tuple[StoryUpdate, ...] = ()
    states: Mapping[str, bytes] = field(default_factory=dict)
    raw: Mapping[str, str] = field(default_factory=dict)  # article id -> text before cleaning
    # article id -> ISO 639-1 code (``storyline.language``), written with the article: a
    # separate UPDATE rewrote every article row (text included) a second time
    languages: Mapping[str, str] = field(default_factory=dict)
    # stored canonical id -> the id of a fuller text of the same page in this batch, which takes
    # its place (its story membership, its reprints); the old one becomes its reprint, so
    # nothing is lost and the story's cached summaries go stale (``engine.ingest``)
    replaced: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class StoryRewrite:
    """Stories made again for articles already stored (``engine.reorder``: a stream that came out
    of date order, clustered again in date order), applied in one transaction.

    The membership of every canonical article in ``articles`` is replaced by ``members``; each of
    ``stories`` is upserted (a new version, so cached summaries go stale). Every story that held
    or now holds one of ``articles`` has its counts and list row made again from its members, and
    one left without members is deleted with its list row and cached summaries. ``batch`` must
    be ``last_batch()`` at commit time (else ``StaleBatchError``); ``states`` are checkpointed as
    of it.
    """

    batch: int
    articles: tuple[str, ...]
    members: tuple[Member, ...]
    stories: tuple[StoryUpdate, ...]
    states: Mapping[str, bytes] = field(default_factory=dict)


@dataclass(frozen=True)
class IndexState:
    """A checkpoint of one index: its bytes and the last batch folded into them."""

    name: str
    batch: int
    blob: bytes


@dataclass(frozen=True)
class SearchHit:
    article_id: str
    story: str | None  # the story of the article (of its canonical article for a reprint)
    title: str | None
    outlet: str
    published: date | None
    snippet: str
    score: float  # higher is better


@dataclass(frozen=True)
class StoreCounts:
    articles: int
    reprints: int
    stories: int
    batches: int


@runtime_checkable
class Store(Protocol):
    """Storage of articles, reprints, stories, cached summaries and index checkpoints."""

    # writing ---------------------------------------------------------------------------------
    def last_batch(self) -> int:
        """Number of the last committed batch (0 for an empty store)."""
        ...

    def write_batch(self, batch: BatchWrite) -> None:
        """Apply a whole batch atomically, or raise and change nothing."""
        ...

    def save_states(self, states: Mapping[str, bytes], *, batch: int) -> None:
        """Checkpoint index states as of committed batch ``batch``."""
        ...

    def rewrite_stories(self, rewrite: StoryRewrite) -> None:
        """Replace stored articles' stories atomically (see ``StoryRewrite``)."""
        ...

    def load_state(self, name: str) -> IndexState | None: ...

    # articles --------------------------------------------------------------------------------
    def existing(self, ids: Iterable[str]) -> set[str]:
        """The subset of ``ids`` already stored."""
        ...

    def articles(self, ids: Sequence[str]) -> list[Article]:
        """Stored articles in the order of ``ids`` (unknown ids are left out)."""
        ...

    def batch_articles(self, batch: int) -> list[Article]:
        """The articles of one batch in the order they were indexed (for replay)."""
        ...

    def articles_published(self, days: Sequence[date], *, through_batch: int) -> list[Article]:
        """The articles published on ``days`` and stored in batches up to ``through_batch``,
        in publication then indexing order (the dedup index re-reads days it let go)."""
        ...

    def articles_at(self, urls: Sequence[str]) -> list[Article]:
        """The canonical articles (not reprints) stored under the addresses ``urls``."""
        ...

    def canonical(self, ids: Iterable[str]) -> dict[str, str]:
        """Reprint id -> canonical id for those of ``ids`` that are reprints."""
        ...

    def reprints(self, canonical_ids: Sequence[str]) -> dict[str, list[str]]:
        """Canonical id -> its reprints' ids, oldest first."""
        ...

    def raw_text(self, article_id: str) -> str | None: ...

    # stories ---------------------------------------------------------------------------------
    def stories(self, *, since: date | None = None) -> list[StoredStory]:
        """Stories last seen on or after ``since`` (all without), most recent first."""
        ...

    def story(self, story_id: str) -> StoredStory | None: ...

    def story_list(
        self,
        *,
        sort: str = "newest",
        min_articles: int = 1,
        seen_since: date | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> StoryListPage:
        """A page of the ranking table: ``newest`` (last seen, then articles) or
        ``most-covered`` (outlets, then articles and reprints), stories with at least
        ``min_articles`` articles (reprints included: one text run by four outlets is not a
        single-article story) last seen on or after ``seen_since``. Its cost
        depends on ``limit + offset``, not on the number of stories or articles."""
        ...

    def members(self, story_id: str) -> list[Member]:
        """The canonical articles of a story, in the order they joined it."""
        ...

    def story_of(self, article_ids: Iterable[str]) -> dict[str, str]:
        """Article id -> story id, for canonical articles and reprints alike."""
        ...

    def cached_summary(self, story_id: str, *, version: int, method: str) -> str | None: ...

    def put_summary(self, story_id: str, *, version: int, method: str, payload: str) -> None: ...

    def article_facts(self, ids: Sequence[str], *, version: str) -> dict[str, str]:
        """Article id -> the facts stage's stored reading of it (JSON, ``engine.readings``), for
        those of ``ids`` read under ``version``; others (never read, or by other code) are left
        out."""
        ...

    def put_article_facts(self, payloads: Mapping[str, str], *, version: str) -> None:
        """Keep articles' readings (article id -> JSON) under ``version``, replacing any older."""
        ...

    # reading ---------------------------------------------------------------------------------
    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        """Full-text search over titles and bodies (plain words; no query syntax needed)."""
        ...

    def counts(self) -> StoreCounts: ...

    def check(self) -> list[str]:
        """Integrity problems (orphan rows, counts that disagree); empty when the store is sound."""
        ...

    def schema_version(self) -> int: ...

    def close(self) -> None: ...

    # the inbox: posts taken while the writer could not (store/inbox.py, engine/inbox.py) -------
    def put_post(self, payload: bytes, *, received_at: float) -> int:
        """Commit a queued post; its id is the receipt."""
        ...

    def queued_posts(self, *, limit: int) -> list[StoredPost]:
        """The oldest queued posts, oldest first."""
        ...

    def queued_count(self) -> int:
        """How many posts wait in the inbox."""
        ...

    def post(self, post_id: int) -> StoredPost | None: ...

    def settle_post(self, post: StoredPost) -> None:
        """Write a post's state, attempts, settled time, report and error."""
        ...

    def prune_posts(self, *, settled_before: float) -> int:
        """Forget settled posts (their receipts) settled before then; how many."""
        ...


def removed_to_json(article: Article) -> str:
    """What cleaning removed, as both backends store it."""
    return json.dumps(
        [
            {"kind": r.kind, "text": r.text, "reason": r.reason, "paragraph": r.paragraph}
            for r in article.removed
        ],
        ensure_ascii=False,
    )


def removed_from_json(text: str) -> tuple[Removal, ...]:
    return tuple(
        Removal(kind=r["kind"], text=r["text"], reason=r["reason"], paragraph=int(r["paragraph"]))
        for r in json.loads(text)
    )


# --- following sources (storyline follow / watch; schema migration 2) -------------------------


@dataclass(frozen=True)
class FollowedSource:
    """A feed or news sitemap that ``storyline watch`` polls, with what the last polls left.

    ``etag`` and ``last_modified`` are the validators of the last full response (sent back as a
    conditional GET); ``failures`` counts polls failed in a row and ``next_fetch`` (Unix seconds)
    is when it is due again, later and later while it keeps failing.
    """

    url: str  # canonical URL of the feed or sitemap
    kind: str  # "feed" | "sitemap"
    site: str | None = None  # the URL the user followed, when the feed was discovered from it
    title: str | None = None
    added_at: float = 0.0
    etag: str | None = None
    last_modified: str | None = None
    last_fetch: float | None = None
    last_status: int | None = None
    last_error: str | None = None
    failures: int = 0
    next_fetch: float = 0.0
    articles: int = 0  # pages or items taken from it, all polls
    last_new: int = 0  # in its last poll
    # Read from its kept pages, not stored with it (``FollowStore.refused_pages``): how many of
    # the ``articles`` gave none (a 404, a list of links, a consent wall, a paywall), and the
    # latest as "URL: why". A site that answers every page with a consent wall read "14
    # articles; ok" when none had reached the store.
    refused: int = 0
    last_refused: str | None = None


PAGE_PENDING, PAGE_INGESTED, PAGE_FAILED = "pending", "ingested", "failed"
# The content type of a page row that holds a feed item's text (``fetch.poller.pack_item``). A
# row of this type whose status is not 200 is a teaser kept in place of a page that could not
# be fetched: a stand-in, fetched again while it is recent (``FollowStore.teaser_pages``).
FEED_ITEM = "application/x-storyline-feed-item+json"


@dataclass(frozen=True)
class StoredPage:
    """One fetched page (or feed item taken as is), keyed by canonical URL.

    ``body`` is zlib-compressed. ``state`` is pending until its article is committed (a poll
    killed in between finds it pending and ingests it without fetching it again).
    """

    url: str
    final_url: str
    fetched_at: float
    status: int
    content_type: str | None
    body: bytes
    state: str = PAGE_PENDING
    source: str | None = None
    error: str | None = None


@dataclass(frozen=True)
class FetchRecord:
    """One HTTP request as the fetch log keeps it."""

    at: float
    url: str
    status: int | None
    conditional: bool
    bytes: int
    seconds: float
    error: str | None = None


@runtime_checkable
class FollowStore(Protocol):
    """What following sources needs from a store (both backends implement it)."""

    def add_source(self, source: FollowedSource) -> bool:
        """Add a source; False if its URL is already followed (then nothing changes)."""
        ...

    def sources(self) -> list[FollowedSource]: ...

    def update_source(self, source: FollowedSource) -> None: ...

    def remove_source(self, url: str) -> bool: ...

    def known_pages(self, urls: Iterable[str], *, retry_failed: bool = False) -> set[str]:
        """The URLs of ``urls`` kept before, not to be fetched again. A page that was never
        fetched (kept failed, with no body) is known only when its server said it is not there
        (a 4xx other than 429); with ``retry_failed`` it is never known, nor is a page kept as
        the feed's teaser (``FEED_ITEM`` with a failed status)."""
        ...

    def put_pages(self, pages: Sequence[StoredPage]) -> None: ...

    def teaser_pages(self, source: str, *, since: float) -> list[str]:
        """The URLs of ``source``'s pages kept as the feed's teaser since ``since`` because
        fetching the page failed for a passing reason (no answer, robots.txt unreadable, 429,
        5xx): to be fetched again, so the full page replaces the teaser."""
        ...

    def refused_pages(self) -> dict[str, tuple[int, str]]:
        """Source URL -> (its kept pages that gave no article, the latest as "URL: why")."""
        ...

    def pending_pages(self, *, limit: int) -> list[StoredPage]: ...

    def page(self, url: str) -> StoredPage | None: ...

    def settle_pages(self, states: Mapping[str, tuple[str, str | None]]) -> None:
        """Set pages' state and error: url -> (state, error)."""
        ...

    def log_fetches(self, records: Sequence[FetchRecord]) -> None: ...

    def fetch_log(self, *, limit: int = 100) -> list[FetchRecord]:
        """The most recent requests, newest first."""
        ...

    def set_languages(self, languages: Mapping[str, str]) -> None:
        """Article id -> ISO 639-1 language code."""
        ...

    def languages(self, ids: Sequence[str]) -> dict[str, str]: ...
