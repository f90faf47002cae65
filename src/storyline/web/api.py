"""The JSON API under ``/api``: ingest, stories, story pages, search, articles, sources.

Posted bodies are read and validated by ``web.bodies`` before anything is written.
"""

from __future__ import annotations

import hmac
import json
import logging
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response

from storyline import engine, views
from storyline.engine.listing import DEFAULT_MIN_ARTICLES, parse_since
from storyline.views.model import StoryView
from storyline.views.sources import source_data
from storyline.web.bodies import ArticleIn, request_documents
from storyline.web.schemas import (
    ArticleOut,
    Health,
    IngestResult,
    PostReceipt,
    QueuedPost,
    SearchResult,
    SourceIn,
    StoryList,
    article_out,
    ingest_result,
    problems,
    receipt_out,
)
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
            errors=problems(skipped),
        )
        return JSONResponse(
            queued.model_dump(), status_code=202, headers={"Location": queued.status_url}
        )
    body = ingest_result(report, received=len(docs) + len(skipped), skipped=skipped)
    used = body.new + body.duplicates + body.already_stored
    return JSONResponse(
        body.model_dump(),
        status_code=201 if body.new + body.duplicates else 200 if used else 422,
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
    return receipt_out(found)


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
    return article_out(engine.article_report(stores.get(), article_id))


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
