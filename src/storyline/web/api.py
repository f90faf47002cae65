"""The JSON API under ``/api``: ingest, stories, story pages, search, articles.

Bodies of ``POST /api/articles`` are validated here (pydantic) before anything is written, and a
bad body is refused whole with 422 and one error per field, located like FastAPI's own errors
(``["body", 2, "text"]`` is the third article's text; JSONL lines are numbered from 1). The
article objects use storyline's JSONL field names, so a file that ``storyline ingest`` reads can
be posted as it is.
"""

from __future__ import annotations

import hmac
import json
import logging
import re
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.datastructures import UploadFile

from storyline import engine, views
from storyline.engine.listing import DEFAULT_MIN_ARTICLES, parse_since
from storyline.ingest import parse_html, parse_record, parse_text
from storyline.ingest.feeds import parse_feed
from storyline.ingest.formats import API, format_for_media, format_of, media_types, suffixes
from storyline.models import RawDocument, ReadError
from storyline.views.model import HitView, StoryView
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

MAX_ARTICLES = 5000  # per request; a bigger batch is better sent as several requests
MAX_FILES = 20
# An article is a flat object in a list: depth 2. The bound leaves room for nested extra fields
# and stops a hostile body long before the parser's recursion limit (a 500 at ~1,000 levels).
MAX_JSON_DEPTH = 64
# A JSON string, which may also end at the end of the text (after a lone backslash too), so that
# no match ever fails: a failed match retried at every later quote costs quadratic time on a
# hostile body (10 s for 20 kB of ``\"``).
_JSON_STRING = re.compile(r'(?s)"[^"\\]*(?:\\.[^"\\]*)*(?:"|\\?\Z)')
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_PAIRS = str.maketrans("[{]}", "(())")


class ArticleIn(BaseModel):
    """One article to ingest. ``text`` is the body (plain text; paragraphs separated by a blank
    line); the rest is optional metadata. ``date`` is YYYY-MM-DD or an ISO timestamp. Other
    fields are allowed and ignored, so a scraper's JSONL with extra columns posts as it is."""

    model_config = ConfigDict(extra="allow", str_max_length=2_000_000)

    text: str = Field(min_length=1, description="article body")
    title: str | None = Field(None, max_length=2000)
    source: str | None = Field(None, max_length=500, description="outlet name")
    url: str | None = Field(None, max_length=4000)
    date: str | None = Field(None, max_length=64, description="publication date, YYYY-MM-DD")
    byline: str | None = Field(None, max_length=2000)
    id: str | None = Field(None, max_length=500, description="your own id, kept as doc_key")


class BadInput(Exception):
    """A request body that cannot be ingested; ``errors`` are FastAPI-shaped error dicts."""

    def __init__(self, errors: list[dict[str, Any]], *, status: int = 422) -> None:
        super().__init__(errors)
        self.errors = errors
        self.status = status


def _error(loc: list[str | int], msg: str, kind: str = "value_error") -> dict[str, Any]:
    return {"loc": loc, "msg": msg, "type": kind}


def _validated(record: object, loc: list[str | int]) -> dict[str, Any]:
    """One article object checked against ``ArticleIn``; its errors carry ``loc`` as prefix."""
    try:
        model = ArticleIn.model_validate(record)
    except ValidationError as exc:
        raise BadInput(
            [_error([*loc, *e["loc"]], e["msg"], e["type"]) for e in exc.errors()]
        ) from exc
    return model.model_dump(exclude_none=True)


def _check_count(n: int) -> None:
    if n > MAX_ARTICLES:
        raise BadInput(
            [_error(["body"], f"{n} articles; send at most {MAX_ARTICLES} at once.")], status=413
        )


def _documents(records: list[tuple[object, list[str | int]]], *, origin: str) -> list[RawDocument]:
    """Validate every record first (all errors reported at once), then read them."""
    _check_count(len(records))
    errors: list[dict[str, Any]] = []
    valid: list[tuple[dict[str, Any], list[str | int]]] = []
    for record, loc in records:
        try:
            valid.append((_validated(record, loc), loc))
        except BadInput as exc:
            errors.extend(exc.errors)
    if errors:
        raise BadInput(errors)
    docs = []
    for data, loc in valid:
        doc = parse_record(data, origin=f"{origin}{''.join(f'[{p}]' for p in loc[1:])}")
        if isinstance(doc, ReadError):
            raise BadInput([_error(loc, doc.problem)])
        docs.append(doc)
    if not docs:
        raise BadInput([_error(["body"], "no articles in the request.")])
    return docs


def json_depth(text: str, *, limit: int = MAX_JSON_DEPTH) -> int:
    """How deeply ``text``'s arrays and objects nest (at least ``limit + 1`` when deeper), without
    recursion and in C-speed passes: strings are dropped, then the brackets left, and innermost
    pairs are removed once per level. An unclosed bracket counts as a level (the parser would
    recurse into it)."""
    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub("", text)).translate(_PAIRS)
    depth = 0
    while "()" in brackets and depth <= limit:
        brackets = brackets.replace("()", "")
        depth += 1
    return depth + brackets.count("(")


def _loads(text: str, loc: list[str | int]) -> object:
    """``json.loads`` with the depth checked first (the body's size is bounded by ``BodyLimit``)."""
    if json_depth(text) > MAX_JSON_DEPTH:
        msg = f"JSON nested more than {MAX_JSON_DEPTH} levels deep; articles are flat objects."
        raise BadInput([_error(loc, msg, "json_too_deep")])
    return json.loads(text)


def _json_records(text: str) -> list[tuple[object, list[str | int]]]:
    try:
        data = _loads(text, ["body"])
    except json.JSONDecodeError as exc:
        raise BadInput(
            [_error(["body"], f"invalid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}")]
        ) from exc
    if isinstance(data, list):
        return [(item, ["body", k]) for k, item in enumerate(data)]
    return [(data, ["body"])]


def _jsonl_records(text: str, *, loc: str = "body") -> list[tuple[object, list[str | int]]]:
    records: list[tuple[object, list[str | int]]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            records.append((_loads(line, [loc, f"line {number}"]), [loc, f"line {number}"]))
        except json.JSONDecodeError as exc:
            msg = f"invalid JSON: {exc.msg} at column {exc.colno}"
            raise BadInput([_error([loc, f"line {number}"], msg)]) from exc
    return records


def _one_page(text: str, *, kind: str, origin: str, url: str | None) -> RawDocument:
    doc = (
        parse_html(text, origin=origin, url=url)
        if kind == "html"
        else parse_text(text, origin=origin)
    )
    if isinstance(doc, ReadError):
        raise BadInput([_error(["body"], doc.problem)])
    return doc


def _decode(data: bytes, *, loc: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadInput(
            [_error([loc], f"is not UTF-8 text ({exc.reason} at byte {exc.start}).")]
        ) from exc


async def _upload_documents(request: Request) -> tuple[list[RawDocument], list[ReadError]]:
    """multipart/form-data: one or more ``file`` parts, read by their name's extension."""
    form = await request.form(max_files=MAX_FILES, max_fields=50)
    docs: list[RawDocument] = []
    skipped: list[ReadError] = []
    files = [f for f in form.getlist("file") if isinstance(f, UploadFile)]
    if not files:
        raise BadInput([_error(["body", "file"], "send the articles as one or more 'file' parts.")])
    for upload in files:
        name = upload.filename or "upload"
        data = await upload.read()
        fmt = format_of(name, reader=API)
        if fmt is None:
            msg = f"unknown file type: name it {suffixes(API)}."
            raise BadInput([_error([name], msg)], status=415)
        if fmt.name == "feed":
            found, left = _feed_documents(data, origin=name)
            docs += found
            skipped += left
            continue
        text = _decode(data, loc=name)
        if fmt.name == "jsonl":
            docs += _documents(_jsonl_records(text, loc=name), origin=name)
        elif fmt.name == "json":
            records = [(r, [name, *loc[1:]]) for r, loc in _json_records(text)]
            docs += _documents(records, origin=name)
        else:
            docs.append(_one_page(text, kind=fmt.name, origin=name, url=None))
    return docs, skipped


def _feed_documents(data: bytes, *, origin: str) -> tuple[list[RawDocument], list[ReadError]]:
    """An RSS or Atom feed: its items with text, and the items skipped (a feed often lists a
    gallery or a video with no text; that should not refuse the rest)."""
    items = parse_feed(data, origin=origin)
    docs = [i for i in items if isinstance(i, RawDocument)]
    skipped = [i for i in items if isinstance(i, ReadError)]
    if not docs:  # parse_feed says why for the feed or for each item
        raise BadInput([_error(_feed_loc(e.origin), e.problem) for e in skipped])
    _check_count(len(docs))
    return docs, skipped


def _feed_loc(origin: str) -> list[str | int]:
    """``request#3`` -> ``["body", "item 3"]``; ``name.rss#3`` -> ``["name.rss", "item 3"]``."""
    where, _, item = origin.partition("#")
    head: list[str | int] = ["body" if where == "request" else where]
    return [*head, f"item {item}"] if item else head


async def request_documents(request: Request) -> tuple[list[RawDocument], list[ReadError]]:
    """The body of ``POST /api/articles`` as documents, whatever its content type, and the feed
    items that were skipped (feeds only: other bodies are all or nothing)."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "multipart/form-data":
        return await _upload_documents(request)
    fmt = format_for_media(kind)
    if fmt is None or API not in fmt.read_by:
        msg = (
            f"unsupported content type {kind or '(none)'!r}: send {media_types()} or "
            "multipart/form-data."
        )
        raise BadInput([_error(["header", "content-type"], msg)], status=415)
    if fmt.name == "feed":
        return _feed_documents(await request.body(), origin="request")
    return _text_documents(request, fmt.name, _decode(await request.body(), loc="body")), []


def _text_documents(request: Request, fmt: str, text: str) -> list[RawDocument]:
    if fmt == "json":
        return _documents(_json_records(text), origin="request")
    if fmt == "jsonl":
        return _documents(_jsonl_records(text), origin="request")
    doc = _one_page(text, kind=fmt, origin="request", url=request.query_params.get("url"))
    source = request.query_params.get("source")
    return [doc if source is None else _with_source(doc, source)]


def _with_source(doc: RawDocument, source: str) -> RawDocument:
    from dataclasses import replace

    return replace(doc, source=source[:500])


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
    articles: int
    reprints: int
    stories: int
    batches: int


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
    responses={200: {"model": IngestResult}, 201: {"model": IngestResult}},
)
async def post_articles(request: Request) -> JSONResponse:
    docs, skipped = await request_documents(request)
    writer = request.app.state.writer
    report = await run_in_threadpool(writer.ingest, docs)
    used = report.new + report.duplicates + report.already_stored
    errors = [*skipped, *report.errors]
    body = IngestResult(
        received=len(docs) + len(skipped),
        new=report.new,
        duplicates=report.duplicates,
        already_stored=report.already_stored,
        failed=report.failed + len(skipped),
        errors=[Problem(origin=e.origin, problem=e.problem) for e in errors],
        batches=report.batches,
        seconds=round(report.seconds, 3),
    )
    return JSONResponse(
        body.model_dump(),
        status_code=201 if report.new + report.duplicates else 200 if used else 422,
    )


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
    hits = engine.search(stores.get(), q, limit=limit, offset=offset)
    return SearchResult(
        query=q, limit=limit, offset=offset, hits=[views.hit_view(h, q) for h in hits]
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
    counts = stores.get().counts()
    return Health(
        status="ok",
        articles=counts.articles,
        reprints=counts.reprints,
        stories=counts.stories,
        batches=counts.batches,
    )


# --- followed sources (storyline follow / serve --watch) ---------------------------------------


class SourceIn(BaseModel):
    """A feed, a news sitemap, or a site's address (its feed is looked for)."""

    url: str = Field(min_length=8, max_length=4000, description="http(s) address")


def _source_dict(source: Any) -> dict[str, Any]:
    import dataclasses

    return dataclasses.asdict(source)


@router.get("/sources", summary="Followed sources: last fetch, new articles, errors")
def get_sources(stores: StoresDep) -> list[dict[str, Any]]:
    return [_source_dict(s) for s in engine.follow_list(stores.get())]


@router.post(
    "/sources",
    dependencies=[Depends(require_writer)],
    summary="Follow a feed, a news sitemap or a site (polled by serve --watch)",
    status_code=201,
)
def post_source(stores: StoresDep, body: SourceIn) -> JSONResponse:
    from storyline.fetch.client import Fetcher
    from storyline.fetch.urls import BadURL

    try:
        with Fetcher() as fetcher:
            source, added = engine.follow_add(stores.get(), body.url, fetcher=fetcher)
    except (BadURL, ValueError) as exc:
        raise HTTPException(422, str(exc)) from exc
    return JSONResponse(_source_dict(source), status_code=201 if added else 200)


@router.delete(
    "/sources",
    dependencies=[Depends(require_writer)],
    summary="Stop following a source (by its feed's or its site's address)",
)
def delete_source(
    stores: StoresDep, url: Annotated[str, Query(min_length=8, max_length=4000)]
) -> dict[str, Any]:
    try:
        return _source_dict(engine.follow_remove(stores.get(), url))
    except ValueError as exc:
        raise HTTPException(404, str(exc)) from exc


@router.get(
    "/stories/{story_id}/languages",
    summary="Languages of a story's articles, and which parts are English-only for the others",
)
def get_story_languages(stores: StoresDep, story_id: str) -> dict[str, Any]:
    store = stores.get()
    if store.story(story_id) is None:
        raise HTTPException(404, f"No story {story_id!r}.")
    from storyline.engine.languages import language_note, story_languages

    languages = story_languages(store, story_id)
    return {"languages": languages, "note": language_note(languages)}
