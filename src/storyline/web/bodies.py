"""Request bodies of ``POST /api/articles`` read into documents, whatever their content type.

Every body is validated (pydantic) before anything is written, and a bad body is refused whole
with 422 and one error per field, located like FastAPI's own errors (``["body", 2, "text"]`` is
the third article's text; JSONL lines are numbered from 1). The article objects use storyline's
JSONL field names, so a file that ``storyline ingest`` reads can be posted as it is. Feeds are
the exception: their unreadable items are skipped and reported, not refused with the rest.
"""

from __future__ import annotations

import json
import re
from typing import Any

from fastapi import Request
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.datastructures import UploadFile

from storyline.ingest import parse_html, parse_record, parse_text
from storyline.ingest.feeds import parse_feed
from storyline.ingest.formats import API, format_for_media, format_of, media_types, suffixes
from storyline.models import RawDocument, ReadError

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
