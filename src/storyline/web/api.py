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
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.datastructures import UploadFile

from storyline import engine
from storyline.ingest import parse_html, parse_record, parse_text
from storyline.ingest.feeds import parse_feed
from storyline.models import RawDocument, ReadError
from storyline.web.app import PageCache, ServerSettings, Stores, Writer, is_loopback
from storyline.web.writer import WriterUnavailable

log = logging.getLogger(__name__)

router = APIRouter(prefix="/api", tags=["api"])

MAX_ARTICLES = 5000  # per request; a bigger batch is better sent as several requests
MAX_FILES = 20
JSON_TYPES = ("application/json",)
JSONL_TYPES = ("application/x-ndjson", "application/jsonl", "application/x-jsonlines")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml")


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


def _json_records(text: str) -> list[tuple[object, list[str | int]]]:
    try:
        data = json.loads(text)
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
            records.append((json.loads(line), [loc, f"line {number}"]))
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
        suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if suffix in ("rss", "atom", "xml"):
            found, left = _feed_documents(data, origin=name)
            docs += found
            skipped += left
            continue
        text = _decode(data, loc=name)
        if suffix == "jsonl":
            docs += _documents(_jsonl_records(text, loc=name), origin=name)
        elif suffix == "json":
            records = [(r, [name, *loc[1:]]) for r, loc in _json_records(text)]
            docs += _documents(records, origin=name)
        elif suffix in ("html", "htm"):
            docs.append(_one_page(text, kind="html", origin=name, url=None))
        elif suffix in ("txt", "md", "text"):
            docs.append(_one_page(text, kind="text", origin=name, url=None))
        else:
            msg = "unknown file type: name it .jsonl, .json, .html, .txt, .md, .rss or .atom."
            raise BadInput([_error([name], msg)], status=415)
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
    if kind in FEED_TYPES:
        return _feed_documents(await request.body(), origin="request")
    return _text_documents(request, kind, _decode(await request.body(), loc="body")), []


def _text_documents(request: Request, kind: str, text: str) -> list[RawDocument]:
    if kind in JSON_TYPES:
        return _documents(_json_records(text), origin="request")
    if kind in JSONL_TYPES:
        return _documents(_jsonl_records(text), origin="request")
    if kind in ("text/html", "text/plain"):
        url = request.query_params.get("url")
        doc = _one_page(
            text, kind="html" if kind == "text/html" else "text", origin="request", url=url
        )
        source = request.query_params.get("source")
        return [doc if source is None else _with_source(doc, source)]
    msg = (
        f"unsupported content type {kind or '(none)'!r}: send application/json, "
        "application/x-ndjson, text/html, text/plain, application/rss+xml, "
        "application/atom+xml or multipart/form-data."
    )
    raise BadInput([_error(["header", "content-type"], msg)], status=415)


def _with_source(doc: RawDocument, source: str) -> RawDocument:
    from dataclasses import replace

    return replace(doc, source=source[:500])


# --- dependencies -----------------------------------------------------------------------------


def _settings(request: Request) -> ServerSettings:
    settings: ServerSettings = request.app.state.settings
    return settings


def _stores(request: Request) -> Stores:
    stores: Stores = request.app.state.stores
    return stores


def require_writer(request: Request) -> None:
    """A write needs the bearer token, or, when the server has none, a loopback client."""
    token = _settings(request).token
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


StoresDep = Annotated[Stores, Depends(_stores)]

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
)
async def post_articles(request: Request) -> JSONResponse:
    docs, skipped = await request_documents(request)
    writer: Writer = request.app.state.writer
    report = await run_in_threadpool(writer.ingest, docs)
    used = report.new + report.duplicates + report.already_stored
    errors = [*skipped, *report.errors]
    body = {
        "received": len(docs) + len(skipped),
        "new": report.new,
        "duplicates": report.duplicates,
        "already_stored": report.already_stored,
        "failed": report.failed + len(skipped),
        "errors": [{"origin": e.origin, "problem": e.problem} for e in errors],
        "batches": report.batches,
        "seconds": round(report.seconds, 3),
    }
    return JSONResponse(
        body, status_code=201 if report.new + report.duplicates else 200 if used else 422
    )


@router.get("/stories", summary="Stories, newest or most covered first")
def get_stories(
    stores: StoresDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
    sort: Literal["newest", "most-covered"] = "newest",
) -> dict[str, Any]:
    page = engine.list_stories(stores.get(), sort=sort, limit=limit, offset=offset)
    return {
        "total": page.total,
        "limit": limit,
        "offset": offset,
        "sort": sort,
        "stories": [engine.story_to_dict(s) for s in page.stories],
    }


def story_page(request: Request, story_id: str) -> dict[str, Any]:
    """The story page, from the in-memory ``PageCache`` when fresh enough, else the engine's
    (which caches it in the store, shared by all worker processes)."""
    pages: PageCache = request.app.state.pages
    stores = _stores(request)
    story = engine.story_info(stores.get(), story_id)
    words = _settings(request).words
    writer: Writer = request.app.state.writer
    # stores.get() inside: the page may be computed in the refresher thread, on its connection
    compute = lambda: engine.story_page(stores.get(), story_id, words=words)  # noqa: E731
    return pages.get(story, compute, busy=writer.busy)


@router.get("/stories/{story_id}", summary="A story: cited summary, timeline, facts, outlets")
def get_story(
    request: Request,
    story_id: str,
    since: Annotated[
        date | None,
        Query(description="YYYY-MM-DD: add `new_since`, what articles from that day on add"),
    ] = None,
) -> dict[str, Any]:
    page = story_page(request, story_id)
    if since is None:
        return page
    words = min(_settings(request).words, 100)
    update = engine.story_updates(_stores(request).get(), story_id, since, words=words)
    return {**page, "new_since": engine.update_to_dict(update)}


@router.get("/search", summary="Full-text search over titles and bodies")
def get_search(
    stores: StoresDep,
    q: Annotated[str, Query(min_length=1, max_length=500, description="plain words")],
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> dict[str, Any]:
    hits = engine.search(stores.get(), q, limit=limit)
    return {
        "query": q,
        "hits": [engine.hit_to_dict(h) for h in hits],
    }


@router.get("/articles/{article_id}", summary="An article and what cleaning removed from it")
def get_article(stores: StoresDep, article_id: str) -> dict[str, Any]:
    report = engine.article_report(stores.get(), article_id)
    a = report.article
    return {
        "id": a.id,
        "title": a.title,
        "source": a.source,
        "outlet": a.outlet,
        "url": a.url,
        "byline": a.byline,
        "date": a.published.isoformat() if a.published else None,
        "dateline": a.dateline,
        "text": a.text,
        "removed": [
            {"kind": r.kind, "text": r.text, "reason": r.reason, "paragraph": r.paragraph}
            for r in a.removed
        ],
        "raw": report.raw,
        "story": report.story,
        "canonical": report.canonical,
        "reprints": list(report.reprints),
    }


@router.get("/health", summary="Liveness and store counts")
def get_health(stores: StoresDep) -> dict[str, Any]:
    counts = stores.get().counts()
    return {
        "status": "ok",
        "articles": counts.articles,
        "reprints": counts.reprints,
        "stories": counts.stories,
        "batches": counts.batches,
    }


# --- errors -----------------------------------------------------------------------------------


def install_error_handlers(app: FastAPI) -> None:
    """Engine ValueErrors are the caller's mistake: 404 for an unknown id, 400 otherwise.
    UI pages get the same status codes with an HTML page (see ``ui.error_page``)."""
    from storyline.web import ui

    async def bad_input(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, BadInput)
        return JSONResponse({"detail": exc.errors}, status_code=exc.status)

    async def value_error(request: Request, exc: Exception) -> Any:
        status = 404 if str(exc).startswith("No ") else 400
        if not request.url.path.startswith("/api/"):
            return ui.error_page(request, status, str(exc))
        return JSONResponse({"detail": str(exc)}, status_code=status)

    async def writer_unavailable(request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"detail": f"Cannot ingest now: {exc}."}, status_code=503)

    app.add_exception_handler(BadInput, bad_input)
    app.add_exception_handler(ValueError, value_error)
    app.add_exception_handler(WriterUnavailable, writer_unavailable)
