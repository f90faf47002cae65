"""The JSON API under ``/api``: ingest, stories, story pages, search, articles, sources.

Posted bodies are read and validated by ``web.bodies`` before anything is written.
"""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from storyline import engine, views
from storyline.engine.listing import DEFAULT_MIN_ARTICLES, parse_since
from storyline.models import ReadError
from storyline.views.model import HitView, StoryView
from storyline.views.sources import source_data
from storyline.web.bodies import ArticleIn, request_documents
from storyline.web.state import (
    Stores,
    StoryListCache,
    is_loopback,
    settings_of,
    stores_of,
    story_page,
)

log = logging.getLogger(__name__)

router = APIRouter(prefix="/api", tags=["api"])

# --- dependencies -----------------------------------------------------------------------------


def require_writer(request: Request) -> None:
    """A write needs the bearer token, or, when the server has none, a loopback client."""
    token = settings_of(request).token
    if token is None:
        client = request.client.host if request.client else None
        if not is_loopback(client):
            raise HTTPException(
                403,
                "Writes are accepted only from this machine when the server has no token; "
                "start it with --token (or $STORYLINE_TOKEN) to accept them from elsewhere.",
            )
        return
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.encode(), token.encode()):
        raise HTTPException(
            401,
            "This write needs the server's token: send 'Authorization: Bearer <token>'.",
            headers={"WWW-Authenticate": "Bearer"},
        )


StoresDep = Annotated[Stores, Depends(stores_of)]


# --- response bodies (typed, so the OpenAPI schema documents them) ---------------------------


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
    paragraph: int


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


# --- routes -----------------------------------------------------------------------------------

_INGEST_BODY = {
    "requestBody": {
        "required": True,
        "description": "One article object, a list of them, JSONL (one object a line), an HTML "
        "or plain-text page (query ?url= and ?source= optional), an RSS or Atom feed (one "
        "article per item; items without text are reported in 'errors'), or a multipart upload "
        "of 'file' parts (.jsonl, .json, .html, .txt, .md, .rss, .atom, .xml).",
        "content": {
            "application/json": {
                "schema": {
                    "anyOf": [
                        ArticleIn.model_json_schema(),
                        {"type": "array", "items": ArticleIn.model_json_schema()},
                    ]
                }
            },
            "application/x-ndjson": {"schema": {"type": "string"}},
            "text/html": {"schema": {"type": "string"}},
            "text/plain": {"schema": {"type": "string"}},
            "application/rss+xml": {"schema": {"type": "string"}},
            "application/atom+xml": {"schema": {"type": "string"}},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "file": {"type": "array", "items": {"type": "string", "format": "binary"}}
                    },
                }
            },
        },
    }
}


@router.post(
    "/articles",
    dependencies=[Depends(require_writer)],
    openapi_extra=_INGEST_BODY,
    summary="Ingest articles: clean, de-duplicate and cluster them into stories",
    response_model=IngestResult,
    responses={
        200: {"model": IngestResult},
        201: {"model": IngestResult},
        202: {
            "model": QueuedPost,
            "description": "The writer is replaying or restarting: the post is stored in the "
            "inbox and will be ingested before any later post; follow its receipt.",
        },
    },
)
async def post_articles(request: Request) -> JSONResponse:
    docs, skipped = await request_documents(request)
    writer = request.app.state.writer
    report = await run_in_threadpool(writer.ingest_now, docs) if docs else None
    if report is None and docs:
        stores = stores_of(request)  # a store per thread: opened in the one that queues
        number = await run_in_threadpool(lambda: engine.queue_post(stores.get(), docs))
        queued = QueuedPost(
            receipt=number,
            status_url=f"/api/posts/{number}",
            received=len(docs) + len(skipped),
            queued=len(docs),
            errors=[Problem(origin=e.origin, problem=e.problem) for e in skipped],
        )
        return JSONResponse(
            queued.model_dump(), status_code=202, headers={"Location": queued.status_url}
        )
    body = _result(report, received=len(docs) + len(skipped), skipped=skipped)
    used = body.new + body.duplicates + body.already_stored
    return JSONResponse(
        body.model_dump(),
        status_code=201 if body.new + body.duplicates else 200 if used else 422,
    )


def _result(
    report: engine.IngestReport | None,
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
        errors=[
            Problem(origin=e.origin, problem=e.problem)
            for e in (*skipped, *(report.errors if report else ()))
        ],
        batches=report.batches if report else 0,
        seconds=round(report.seconds, 3) if report else 0.0,
    )


@router.get(
    "/posts/{number}",
    dependencies=[Depends(require_writer)],
    summary="What became of a post answered 202 (queued in the inbox)",
    response_model=PostReceipt,
)
def get_post(stores: StoresDep, number: int) -> PostReceipt:
    found = engine.post_receipt(stores.get(), number)
    if found is None:
        raise HTTPException(
            404, f"No post {number} in the inbox: receipts are kept a week after the post is done."
        )
    done = found.report
    return PostReceipt(
        receipt=found.id,
        state=found.state,
        received_at=_iso(found.received_at),
        settled_at=None if found.settled_at is None else _iso(found.settled_at),
        result=None if done is None else _result(done),
        error=found.error,
    )


def _iso(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, tz=UTC).isoformat(timespec="seconds")


@router.get(
    "/stories",
    summary="The story list: most recently active or most covered first",
    response_model=StoryList,
)
async def get_stories(
    request: Request,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    sort: Literal["newest", "most-covered"] = "newest",
    min_articles: Annotated[int, Query(ge=1, le=1_000_000)] = DEFAULT_MIN_ARTICLES,
    updated_since: Annotated[str | None, Query(max_length=64)] = None,
) -> Response:
    """Served from the store's ranking table (one indexed query, whatever the store's size).
    ``min_articles`` (default 2) collapses single-article stories; ``updated_since`` (ISO date
    or time, e.g. the reader's last visit) marks each story ``updated`` if it changed since.

    ``async`` on purpose: the work is a cache lookup or a sub-millisecond query, and running it
    on the event loop spares the thread-pool hand-off that dominated the tail under 32 clients.
    """
    since = parse_since(updated_since)
    store = stores_of(request).get()  # not StoresDep: a sync dependency runs in the thread pool
    cache: StoryListCache | None = getattr(request.app.state, "story_lists", None)
    if cache is None:
        cache = request.app.state.story_lists = StoryListCache()
    key = (sort, limit, offset, min_articles, since)
    body = cache.get(store.last_batch(), key)
    if body is None:
        page = engine.list_stories(
            store, sort=sort, limit=limit, offset=offset, min_articles=min_articles
        )
        data = {
            "total": page.total,
            "limit": limit,
            "offset": offset,
            "sort": sort,
            "min_articles": min_articles,
            "updated_since": since.isoformat() if since else None,
            "stories": [views.listed_data(s, updated_since=since) for s in page.stories],
        }
        # Encoded here, not by FastAPI: its generic encoder walks every value.
        body = json.dumps(data, ensure_ascii=False).encode()
        cache.put(key, body)
    return Response(body, media_type="application/json")


@router.get(
    "/stories/{story_id}",
    summary="A story: cited summary, timeline, facts, outlets",
    response_model=StoryView,
)
def get_story(
    request: Request,
    story_id: str,
    since: Annotated[
        date | None,
        Query(description="YYYY-MM-DD: add `new_since`, what articles from that day on add"),
    ] = None,
) -> Any:
    page = story_page(request, story_id)
    if since is None:
        return page

    words = min(settings_of(request).words, 100)
    update = engine.story_updates(stores_of(request).get(), story_id, since, words=words)
    return JSONResponse({**views.data.to_data(page), "new_since": views.update_data(update)})


@router.get("/search", summary="Full-text search over titles and bodies")
def get_search(
    stores: StoresDep,
    q: Annotated[str, Query(min_length=1, max_length=500, description="plain words")],
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
    offset: Annotated[int, Query(ge=0, le=10_000)] = 0,
) -> SearchResult:
    page = engine.search(stores.get(), q, limit=limit, offset=offset)
    return SearchResult(
        query=q,
        limit=limit,
        offset=offset,
        more=page.more,
        hits=[views.hit_view(h, q) for h in page.hits],
    )


@router.get("/articles/{article_id}", summary="An article and what cleaning removed from it")
def get_article(stores: StoresDep, article_id: str) -> ArticleOut:
    report = engine.article_report(stores.get(), article_id)
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
        raw=report.raw,
        story=report.story,
        canonical=report.canonical,
        reprints=list(report.reprints),
    )


@router.get("/health", summary="Liveness and store counts")
def get_health(stores: StoresDep) -> Health:
    from storyline.engine.stories import health

    found = health(stores.get())
    counts = found.counts
    return Health(
        status="ok",
        articles=counts.articles,
        reprints=counts.reprints,
        stories=counts.stories,
        batches=counts.batches,
        queued_posts=found.queued_posts,
    )


# --- followed sources (storyline follow / serve --watch) ---------------------------------------


class SourceIn(BaseModel):
    """A feed, a news sitemap, or a site's address (its feed is looked for)."""

    url: str = Field(min_length=8, max_length=4000, description="http(s) address")


@router.get("/sources", summary="Followed sources: last fetch, new articles, errors")
def get_sources(stores: StoresDep) -> list[dict[str, Any]]:
    return [source_data(s) for s in engine.follow_list(stores.get())]


@router.post(
    "/sources",
    dependencies=[Depends(require_writer)],
    summary="Follow a feed, a news sitemap or a site (polled by serve --watch)",
    status_code=201,
)
def post_source(request: Request, stores: StoresDep, body: SourceIn) -> JSONResponse:
    from storyline.fetch.client import Fetcher
    from storyline.fetch.urls import BadURL

    try:
        with Fetcher(request.app.state.settings.fetch) as fetcher:
            source, added = engine.follow_add(stores.get(), body.url, fetcher=fetcher)
    except (BadURL, ValueError) as exc:
        raise HTTPException(422, str(exc)) from exc
    return JSONResponse(source_data(source), status_code=201 if added else 200)


@router.delete(
    "/sources",
    dependencies=[Depends(require_writer)],
    summary="Stop following a source (by its feed's or its site's address)",
)
def delete_source(
    stores: StoresDep, url: Annotated[str, Query(min_length=8, max_length=4000)]
) -> dict[str, Any]:
    try:
        return source_data(engine.follow_remove(stores.get(), url))
    except ValueError as exc:
        raise HTTPException(404, str(exc)) from exc


@router.get(
    "/stories/{story_id}/languages",
    summary="Languages of a story's articles, and which parts are English-only for the others",
)
def get_story_languages(stores: StoresDep, story_id: str) -> dict[str, Any]:
    from storyline.engine.languages import story_languages
    from storyline.engine.stories import story_info

    store = stores.get()
    story_info(store, story_id)  # StoryNotFound: 404, worded as every story route words it
    languages = story_languages(store, story_id)
    return {"languages": languages, "note": views.build.language_note(languages)}
