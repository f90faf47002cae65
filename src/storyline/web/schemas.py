"""The API's typed bodies, so the OpenAPI schema documents them, and the engine's results put
into them (an ingest, a queued post's receipt, an article with its removals).

``web.api`` holds the routes; ``web.bodies`` reads what is posted.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from pydantic import BaseModel, Field

from storyline.engine import ArticleReport, IngestReport
from storyline.engine.inbox import Receipt
from storyline.models import ReadError
from storyline.views.model import HitView


class Problem(BaseModel):
    origin: str
    problem: str


class IngestResult(BaseModel):
    received: int
    new: int
    duplicates: int
    already_stored: int
    failed: int
    errors: list[Problem]
    batches: int
    seconds: float


class QueuedPost(BaseModel):
    """A post the writer could not take at once (it is replaying or restarting): stored in the
    inbox, to be ingested before any later post."""

    receipt: int
    status_url: str
    received: int
    queued: int
    errors: list[Problem]


class PostReceipt(BaseModel):
    receipt: int
    state: str = Field(description="queued, done or failed")
    received_at: str
    settled_at: str | None
    result: IngestResult | None
    error: str | None


class ListedStoryOut(BaseModel):
    """One line of the story list (``views.listing.listed_data``)."""

    id: str
    label: str
    snippet: str | None
    keywords: list[str]
    outlets: list[str]
    outlet_count: int
    first_seen: str | None
    last_seen: str | None
    articles: int
    reprints: int
    version: int
    changed_at: str
    updated: bool | None = None


class StoryList(BaseModel):
    total: int
    limit: int
    offset: int
    sort: str
    min_articles: int
    updated_since: str | None
    stories: list[ListedStoryOut]


class SearchResult(BaseModel):
    query: str
    limit: int
    offset: int
    more: bool = Field(description="more hits match after this page: ask again with a later offset")
    hits: list[HitView]


class Removal(BaseModel):
    kind: str
    text: str
    reason: str
    paragraph: int = Field(
        description="index in the raw paragraphs the cleaner was given; -1 for what the HTML "
        "reader dropped from the page before cleaning"
    )


class ArticleOut(BaseModel):
    id: str
    title: str | None
    source: str | None
    outlet: str
    url: str | None
    byline: str | None
    date: str | None
    dateline: str | None
    text: str
    removed: list[Removal]
    partial: str | None = Field(
        description="why the text is only part of the article (a paywall, a feed's teaser)"
    )
    raw: str | None
    story: str | None
    canonical: str | None
    reprints: list[str]


class Health(BaseModel):
    status: str
    articles: int = Field(description="articles stored, reprints included")
    reprints: int = Field(description="of those, wire copies of another stored article")
    stories: int
    batches: int
    queued_posts: int = Field(description="posts answered 202 and not yet ingested")


class SourceIn(BaseModel):
    """A feed, a news sitemap, or a site's address (its feed is looked for)."""

    url: str = Field(min_length=8, max_length=4000, description="http(s) address")


def problems(errors: Sequence[ReadError]) -> list[Problem]:
    return [Problem(origin=e.origin, problem=e.problem) for e in errors]


def ingest_result(
    report: IngestReport | None,
    *,
    received: int | None = None,
    skipped: Sequence[ReadError] = (),
) -> IngestResult:
    """The body of an ingest (``received`` defaults to what the report counts)."""
    new, dups, old, failed = (
        (report.new, report.duplicates, report.already_stored, report.failed)
        if report
        else (0,) * 4
    )
    return IngestResult(
        received=new + dups + old + failed if received is None else received,
        new=new,
        duplicates=dups,
        already_stored=old,
        failed=failed + len(skipped),
        errors=problems((*skipped, *(report.errors if report else ()))),
        batches=report.batches if report else 0,
        seconds=round(report.seconds, 3) if report else 0.0,
    )


def _iso(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, tz=UTC).isoformat(timespec="seconds")


def receipt_out(found: Receipt) -> PostReceipt:
    """What became of a queued post, its times in ISO 8601 UTC."""
    done = found.report
    return PostReceipt(
        receipt=found.id,
        state=found.state,
        received_at=_iso(found.received_at),
        settled_at=None if found.settled_at is None else _iso(found.settled_at),
        result=None if done is None else ingest_result(done),
        error=found.error,
    )


def article_out(report: ArticleReport) -> ArticleOut:
    """A stored article, what cleaning removed from it, and its place among the stories."""
    a = report.article
    return ArticleOut(
        id=a.id,
        title=a.title,
        source=a.source,
        outlet=a.outlet,
        url=a.url,
        byline=a.byline,
        date=a.published.isoformat() if a.published else None,
        dateline=a.dateline,
        text=a.text,
        removed=[
            Removal(kind=r.kind, text=r.text, reason=r.reason, paragraph=r.paragraph)
            for r in a.removed
        ],
        partial=a.partial,
        raw=report.raw,
        story=report.story,
        canonical=report.canonical,
        reprints=list(report.reprints),
    )
