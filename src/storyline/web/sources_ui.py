"""The followed-sources page of the UI: a list and a form to follow or unfollow a source.

Writes from the form follow the API's rule (``require_writer``: the token, or a loopback client
when the server has none). Because a plain HTML form is a request any other site can make a
browser send, a write must also come from this site's own page: ``Origin`` (when the browser
sends it) must be this server, and ``Sec-Fetch-Site`` (when sent) must be ``same-origin``. With a
token set, the form carries it in a password field and it is checked like a bearer token.
"""

from __future__ import annotations

import hmac
import time
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse

from storyline import engine
from storyline.views.sources import polled
from storyline.web.state import ServerSettings, Stores, is_loopback

router = APIRouter(tags=["ui"])


def _same_site(request: Request) -> bool:
    origin = request.headers.get("origin")
    if origin and urlsplit(origin).netloc != request.headers.get("host"):
        return False
    return request.headers.get("sec-fetch-site", "same-origin") in ("same-origin", "none")


def _may_write(request: Request, token: str | None) -> None:
    settings: ServerSettings = request.app.state.settings
    if not _same_site(request):
        raise HTTPException(403, "Sources can be changed only from this server's own pages.")
    if settings.token is None:
        client = request.client.host if request.client else None
        if not is_loopback(client):
            raise HTTPException(403, "Without a server token, only this machine may write.")
        return
    if not token or not hmac.compare_digest(token.encode(), settings.token.encode()):
        raise HTTPException(401, "This change needs the server's token.")


def _page(request: Request, *, message: str | None = None, status: int = 200) -> HTMLResponse:
    from storyline.web.ui import _render

    stores: Stores = request.app.state.stores
    settings: ServerSettings = request.app.state.settings
    now = time.time()
    context: dict[str, Any] = {
        "sources": [(s, polled(s, now=now)) for s in engine.follow_list(stores.get())],
        "message": message,
        "needs_token": settings.token is not None,
    }
    return _render(request, "sources.html", context, status=status)


@router.get("/sources", response_class=HTMLResponse)
def sources_html(request: Request) -> HTMLResponse:
    return _page(request)


@router.post("/sources", response_class=HTMLResponse)
async def sources_form(
    request: Request,
    url: Annotated[str, Form(max_length=4000)],
    action: Annotated[str, Form(pattern="^(follow|unfollow)$")] = "follow",
    token: Annotated[str | None, Form(max_length=500)] = None,
) -> Any:
    _may_write(request, token)
    stores: Stores = request.app.state.stores

    def change() -> None:
        if action == "unfollow":
            engine.follow_remove(stores.get(), url)
            return
        from storyline.fetch.client import Fetcher

        settings: ServerSettings = request.app.state.settings
        with Fetcher(settings.fetch) as fetcher:
            engine.follow_add(stores.get(), url, fetcher=fetcher)

    try:
        await run_in_threadpool(change)
    except ValueError as exc:
        return _page(request, message=str(exc), status=422)
    return RedirectResponse("/sources", status_code=303)
