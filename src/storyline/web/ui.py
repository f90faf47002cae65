"""The web UI: server-rendered Jinja2 pages over the same engine calls as the API.

Article text is hostile input. Every template autoescapes, no template marks article data safe,
the only markup built in Python (the timeline chart) escapes each piece itself, links to article
URLs are made only for http(s) URLs, and the Content-Security-Policy (``app.CSP``) forbids inline
script, so even a missed escape could not run code.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timezone
from html import escape
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from storyline import engine
from storyline.models import PARAGRAPH_SEPARATOR, Article
from storyline.web.app import Stores

router = APIRouter(include_in_schema=False)

PAGE_SIZE = 30
SHOWN_ARTICLES = 60  # a story page lists this many of its articles; the API returns all
LABEL_ORDER = ("disputed", "changed", "agreed", "single-source")


def safe_url(url: object) -> str | None:
    """The URL if it is an absolute http(s) URL with a host, else None (no javascript:, data:)."""
    if not isinstance(url, str):
        return None
    text = url.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if any(ch.isspace() or ord(ch) < 32 for ch in text):
        return None
    return text


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(Path(__file__).with_name("templates")),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_url"] = safe_url
    env.globals["label_order"] = LABEL_ORDER
    return env


templates = Jinja2Templates(env=_environment())


# --- timeline chart ---------------------------------------------------------------------------


def timeline_svg(entries: list[dict[str, Any]], *, width: int = 640, height: int = 70) -> Markup:
    """The timeline as an inline SVG: one dot per date on a time axis, its size the date's score,
    each a link to the date's entry in the list below. Built here (not in a template) because it
    is arithmetic; every text piece is escaped."""
    if not entries:
        return Markup("")
    days = [date.fromisoformat(e["date"]) for e in entries]
    first, last = min(days), max(days)
    span = max((last - first).days, 1)
    top = max((float(e.get("score") or 0.0) for e in entries), default=0.0) or 1.0
    pad, axis = 24, height - 34
    parts = [
        f'<svg class="timeline-chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="Timeline of {len(entries)} dates from {first} to {last}">',
        f'<line x1="{pad}" y1="{axis}" x2="{width - pad}" y2="{axis}" class="axis"/>',
    ]
    for k, (entry, day) in enumerate(zip(entries, days, strict=True)):
        x = pad + (width - 2 * pad) * (day - first).days / span
        r = 4 + 6 * math.sqrt(max(float(entry.get("score") or 0.0), 0.0) / top)
        first_sentence = entry["sentences"][0]["text"] if entry["sentences"] else ""
        label_y = axis + 16 + (k % 2) * 12
        parts.append(
            f'<a href="#t-{escape(entry["date"])}" class="dot">'
            f"<title>{escape(entry['date'])}: {escape(first_sentence[:160])}</title>"
            f'<circle cx="{x:.1f}" cy="{axis}" r="{r:.1f}"/>'
            f'<text x="{x:.1f}" y="{label_y}" text-anchor="middle">{escape(day.strftime("%b %d"))}'
            "</text></a>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


# --- article body with removals -----------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """One paragraph of an article page: kept text (maybe with a highlighted span) or removed."""

    removed: bool
    text: str
    reason: str = ""
    kind: str = ""
    before: str = ""  # kept text around a highlighted span
    mark: str = ""
    after: str = ""
    prefix: tuple[tuple[str, str], ...] = ()  # removed datelines shown before the paragraph


def article_blocks(article: Article, *, start: int | None, end: int | None) -> list[Block]:
    """Kept paragraphs and removed noise in reading order.

    A removal records its index in the raw paragraph list; kept paragraphs fill the indices no
    whole-paragraph removal took. A dateline is cut from the front of a paragraph, so it is shown
    before the kept paragraph of the same index.
    """
    whole = sorted((r for r in article.removed if r.kind != "dateline"), key=lambda r: r.paragraph)
    datelines: dict[int, list[tuple[str, str]]] = {}
    for r in article.removed:
        if r.kind == "dateline":
            datelines.setdefault(r.paragraph, []).append((r.text, r.reason))
    kept = list(_kept_with_offsets(article))
    blocks: list[Block] = []
    index = 0
    while kept or whole:
        if whole and (whole[0].paragraph <= index or not kept):
            r = whole.pop(0)
            blocks.append(Block(removed=True, text=r.text, reason=r.reason, kind=r.kind))
        else:
            offset, text = kept.pop(0)
            prefix = tuple(datelines.pop(index, ()))
            blocks.append(_kept_block(text, offset, start=start, end=end, prefix=prefix))
        index += 1
    for rest in datelines.values():
        blocks += [Block(removed=True, text=t, reason=why, kind="dateline") for t, why in rest]
    return blocks


def _kept_with_offsets(article: Article) -> list[tuple[int, str]]:
    out, offset = [], 0
    for paragraph in article.paragraphs:
        out.append((offset, paragraph))
        offset += len(paragraph) + len(PARAGRAPH_SEPARATOR)
    return out


def _kept_block(
    text: str,
    offset: int,
    *,
    start: int | None,
    end: int | None,
    prefix: tuple[tuple[str, str], ...],
) -> Block:
    if start is None or end is None or end <= offset or start >= offset + len(text):
        return Block(removed=False, text=text, before=text, prefix=prefix)
    a, b = max(start - offset, 0), min(end - offset, len(text))
    return Block(
        removed=False, text=text, before=text[:a], mark=text[a:b], after=text[b:], prefix=prefix
    )


# --- pages --------------------------------------------------------------------------------------


def _store(request: Request) -> Any:
    stores: Stores = request.app.state.stores
    return stores.get()


def _render(
    request: Request, name: str, context: dict[str, Any], *, status: int = 200
) -> HTMLResponse:
    context = {"query": "", **context}
    response: HTMLResponse = templates.TemplateResponse(request, name, context, status_code=status)
    return response


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return _render(request, "error.html", {"status": status, "message": message}, status=status)


LAST_VISIT_COOKIE = "storyline_last_visit"


@router.get("/", response_class=HTMLResponse)
async def stories_page(
    request: Request,
    sort: Literal["newest", "most-covered"] = "newest",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    min_articles: Annotated[int, Query(ge=1, le=1_000_000)] = engine.DEFAULT_MIN_ARTICLES,
    updated_since: Annotated[str | None, Query(max_length=64)] = None,
) -> Response:
    """The story list (engine/listing.py). Stories changed since ``updated_since``, else since
    the reader's last visit (a cookie this page sets), are marked; the pager keeps the mark.
    Rendered pages are cached per store batch like ``/api/stories`` (and async for the same
    reason)."""
    from storyline.web.api import StoryListCache

    since = _since(updated_since) or _since(request.cookies.get(LAST_VISIT_COOKIE))
    store = _store(request)
    cache: StoryListCache | None = getattr(request.app.state, "story_pages", None)
    if cache is None:
        cache = request.app.state.story_pages = StoryListCache()
    key = (sort, page, min_articles, since)
    body = cache.get(store.last_batch(), key)
    if body is None:
        found = engine.list_stories(
            store,
            sort=sort,
            limit=PAGE_SIZE,
            offset=(page - 1) * PAGE_SIZE,
            min_articles=min_articles,
        )
        pages = max(1, math.ceil(found.total / PAGE_SIZE))
        updated = {s.id for s in found.stories if since and engine.is_updated(s, since)}
        context = {
            **{"stories": found.stories, "total": found.total, "sort": sort, "page": page},
            **{"pages": pages, "min_articles": min_articles, "updated": updated},
            "since": since.isoformat(timespec="seconds") if since else "",
        }
        body = bytes(_render(request, "stories.html", context).body)
        cache.put(key, body)
    response = HTMLResponse(body)
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    response.set_cookie(LAST_VISIT_COOKIE, now, max_age=400 * 86400, samesite="lax", httponly=True)
    return response


def _since(text: str | None) -> datetime | None:
    """A valid "updated since" time, or None (a bad cookie or parameter is ignored here)."""
    try:
        return engine.parse_since(text)
    except ValueError:
        return None


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_html(request: Request, story_id: str) -> HTMLResponse:
    from storyline.web.api import story_page

    data = story_page(request, story_id)
    findings: dict[str, list[dict[str, Any]]] = {}
    for finding in data["facts"]["findings"]:
        findings.setdefault(finding["label"], []).append(finding)
    context = {
        "data": data,
        "story": data["story"],
        "chart": timeline_svg(data["timeline"]),
        "findings": findings,
        "shown_articles": data["articles"][:SHOWN_ARTICLES],
        "query": "",
    }
    return _render(request, "story.html", context)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_html(
    request: Request,
    article_id: str,
    start: Annotated[int | None, Query(ge=0)] = None,
    end: Annotated[int | None, Query(ge=0)] = None,
) -> HTMLResponse:
    report = engine.article_report(_store(request), article_id)
    blocks = article_blocks(report.article, start=start, end=end)
    context = {"report": report, "article": report.article, "blocks": blocks, "query": ""}
    return _render(request, "article.html", context)


@router.get("/search", response_class=HTMLResponse)
def search_html(request: Request, q: Annotated[str, Query(max_length=500)] = "") -> HTMLResponse:
    hits = engine.search(_store(request), q, limit=50) if q.strip() else []
    return _render(request, "search.html", {"hits": hits, "query": q})
