"""The web UI: server-rendered Jinja2 pages over the same engine calls as the API.

Article text is hostile input. Every template autoescapes, no template marks article data safe,
the only markup built in Python (the timeline chart) escapes each piece itself, links to article
URLs are made only for http(s) URLs, and the Content-Security-Policy (``app.CSP``) forbids inline
script, so even a missed escape could not run code.
"""

from __future__ import annotations

import base64
import json
import math
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from storyline import engine, views
from storyline.engine.listing import DEFAULT_MIN_ARTICLES, is_updated, parse_since
from storyline.views.article import article_blocks
from storyline.views.html import timeline_svg
from storyline.views.markdown import safe_url
from storyline.web.state import StoryListCache, store_of, story_page

router = APIRouter(include_in_schema=False)

PAGE_SIZE = 30
SHOWN_ARTICLES = 60  # a story page lists this many of its articles; the API returns more
KEY_FACTS = 5  # findings shown with the key numbers at the top of a story page


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(Path(__file__).with_name("templates")),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_url"] = safe_url
    env.globals["label_order"] = views.build.LABEL_ORDER
    return env


templates = Jinja2Templates(env=_environment())


# --- pages --------------------------------------------------------------------------------------


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
    min_articles: Annotated[int, Query(ge=1, le=1_000_000)] = DEFAULT_MIN_ARTICLES,
    updated_since: Annotated[str | None, Query(max_length=64)] = None,
) -> Response:
    """The story list (engine/listing.py). Stories changed since ``updated_since``, else since
    the reader's last visit (a cookie this page sets), are marked; the pager keeps the mark.
    Rendered pages are cached per store batch like ``/api/stories`` (and async for the same
    reason)."""
    since = _since(updated_since) or _since(request.cookies.get(LAST_VISIT_COOKIE))
    store = store_of(request)
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
        updated = {s.id for s in found.stories if since and is_updated(s, since)}
        context = {
            **{"stories": found.stories, "total": found.total, "sort": sort, "page": page},
            **{"pages": pages, "min_articles": min_articles, "updated": updated},
            "since": since.isoformat(timespec="seconds") if since else "",
            # an empty list of an empty store says how to fill it; of a filter, how to ease it
            "stored": found.total or store.counts().stories,
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
        return parse_since(text)
    except ValueError:
        return None


SEEN_COOKIE = "storyline_seen"  # {story id: [version, articles, ISO date]} of pages read here
SEEN_KEPT = 100  # stories remembered; the oldest visits are forgotten first


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_html(
    request: Request,
    story_id: str,
    since: Annotated[date | None, Query(description="show what is new since YYYY-MM-DD")] = None,
) -> HTMLResponse:
    view = story_page(request, story_id)
    findings: dict[str, list[Any]] = {}
    for finding in view.facts.findings if view.facts else ():
        findings.setdefault(finding.label, []).append(finding)
    # Key numbers: findings more than one outlet reports, disputes first.
    several = [f for label in views.build.LABEL_ORDER[:-1] for f in findings.get(label, [])]
    seen = _seen(request.cookies.get(SEEN_COOKIE))
    before = seen.get(story_id)
    store = store_of(request)
    context = {
        "key_facts": several[:KEY_FACTS],
        "view": view,
        "story": view.story,
        "chart": Markup(timeline_svg(view.timeline.entries)),  # escaped piece by piece
        "findings": findings,
        "shown_articles": view.articles[:SHOWN_ARTICLES],
        "query": "",
        "language_note": view.language_note,
        "behind": _behind(store, view),
        # "updated": the story changed since this browser last showed it (its seen cookie).
        "updated": before if before and int(before[0]) < view.story.version else None,
        "updated_since": _joined_since(store, story_id, before) if before else None,
        "new_since": _new_since(request, story_id, since) if since else None,
        "since": since.isoformat() if since else "",
    }
    response = _render(request, "story.html", context)
    today = datetime.now(timezone.utc).date().isoformat()
    seen.pop(story_id, None)
    seen[story_id] = [view.story.version, view.story.articles, today]
    kept = dict(list(seen.items())[-SEEN_KEPT:])
    # base64url: cookie-safe without quoting (JSON's quotes and commas would be escaped)
    cookie = base64.urlsafe_b64encode(json.dumps(kept, separators=(",", ":")).encode()).decode()
    response.set_cookie(SEEN_COOKIE, cookie, max_age=400 * 86400, samesite="lax", httponly=True)
    return response


def _behind(store: Any, view: Any) -> int | None:
    """The story's article count now, when the page shown was made for an earlier version.

    Why: a changed story's page is served from cache while it is refreshed behind the reader
    (web/state.py ``PageCache``); without a word, its "2 articles" beside the list's "3" (or a
    missing new outlet) reads as a wrong count."""
    from storyline.engine.stories import story_info

    now = story_info(store, view.story.id)
    return now.size if now.version > view.story.version else None


def _joined_since(store: Any, story_id: str, seen: list[Any]) -> str:
    """The date that "what is new since then" asks about: the earliest date of the articles that
    joined the story since it was last seen here (``seen``: version, article count, day), or that
    day. The update view selects articles by their own date: an article dated before the visit
    that arrived after it (a source followed late, a page fetched later) fell before the day of
    the visit, and the link showed "0 articles" though the page said "updated"."""
    day = str(seen[2])
    joined = [m.article_id for m in store.members(story_id)[int(seen[1]) :]]
    dates = [a.published.isoformat() for a in store.articles(joined) if a.published]
    return str(min([day, *dates]))


def _seen(text: str | None) -> dict[str, list[Any]]:
    """The seen cookie, or nothing when it is missing or not ours (a cookie is user input)."""
    try:
        data = json.loads(base64.urlsafe_b64decode((text or "").encode()) or b"{}")
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        str(k): v
        for k, v in data.items()
        if isinstance(v, list) and len(v) == 3 and all(isinstance(x, (int, str)) for x in v)
    }


def _new_since(request: Request, story_id: str, since: date) -> Any:
    """The "new since" view: what articles from ``since`` on add, cited (engine.story_updates)."""
    store = store_of(request)
    update = engine.story_updates(store, story_id, since, words=120)
    resolver = views.Resolver(update.later)
    return {
        "summary": views.summary_view(update.summary, resolver),
        "later": len(update.later),
        "earlier": len(update.earlier),
        "restated": update.restated,
        "reason": update.reason,
        "sources": resolver.sources(),
    }


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_html(
    request: Request,
    article_id: str,
    start: Annotated[int | None, Query(ge=0)] = None,
    end: Annotated[int | None, Query(ge=0)] = None,
) -> HTMLResponse:
    report = engine.article_report(store_of(request), article_id)
    blocks = article_blocks(report.article, start=start, end=end)
    context = {"report": report, "article": report.article, "blocks": blocks, "query": ""}
    return _render(request, "article.html", context)


SEARCH_PAGE = 50  # hits a search page shows


@router.get("/search", response_class=HTMLResponse)
def search_html(
    request: Request,
    q: Annotated[str, Query(max_length=500)] = "",
    page: Annotated[int, Query(ge=1, le=200)] = 1,
) -> HTMLResponse:
    """Search hits, a page at a time: the count says when more match than the page shows."""
    offset = (page - 1) * SEARCH_PAGE
    found = (
        engine.search(store_of(request), q, limit=SEARCH_PAGE, offset=offset) if q.strip() else None
    )
    context = {
        "hits": [views.hit_view(h, q) for h in found.hits] if found else [],
        **{"query": q, "page": page, "more": bool(found and found.more), "first": offset + 1},
    }
    return _render(request, "search.html", context)
